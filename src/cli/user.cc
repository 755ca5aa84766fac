// superteam user add|passwd|disable|enable|list --db URL
//
// The way in for the first admin: `superteam user add ceo --role ceo --db …`.
// Passwords are read from the terminal without echo (asked twice), or as the
// first line of stdin when it is not a terminal (scripts); never from argv,
// where other users of the machine could read them in the process list.
#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <string>

#include "cli/commands.h"
#include "store/open_store.h"

namespace st::cli {
namespace {

std::string ReadLine(bool echo) {
  termios old{};
  const bool tty = isatty(STDIN_FILENO);
  if (tty && !echo) {
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty && !echo) {
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::fputc('\n', stderr);
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// Empty on mismatch or EOF (an error is printed).
std::string AskPassword(const std::string& username) {
  if (!isatty(STDIN_FILENO)) {
    std::string pw = ReadLine(true);
    if (pw.empty()) std::fprintf(stderr, "superteam user: no password on stdin\n");
    return pw;
  }
  std::fprintf(stderr, "new password for %s (≥ 12 characters): ", username.c_str());
  std::string first = ReadLine(false);
  std::fprintf(stderr, "again: ");
  std::string second = ReadLine(false);
  if (first != second) {
    std::fprintf(stderr, "superteam user: the passwords differ\n");
    return {};
  }
  return first;
}

int Fail(const Status& s) {
  std::fprintf(stderr, "superteam user: %s\n", s.ToString().c_str());
  return 1;
}

}  // namespace

int RunUser(int argc, char** argv) {
  CLI::App app{"Manage user accounts of the campaign store", "superteam user"};
  app.require_subcommand(1);
  std::string db_url, username, role_name = "viewer", display_name;
  auto add_db = [&](CLI::App* sub) {
    sub->add_option("--db", db_url, "campaign store: sqlite:PATH, PATH or postgresql://…")->required();
  };
  CLI::App* add = app.add_subcommand("add", "add a user (password from the terminal or stdin)");
  add->add_option("username", username, "login name: a-z 0-9 . _ -")->required();
  add->add_option("--role", role_name, "ceo | recruiter | hr | viewer")
      ->check(CLI::IsMember({"ceo", "recruiter", "hr", "viewer"}))
      ->capture_default_str();
  add->add_option("--display-name", display_name, "shown in the app (default: the username)");
  add_db(add);
  CLI::App* passwd = app.add_subcommand("passwd", "set a new password (signs the user out everywhere)");
  passwd->add_option("username", username)->required();
  add_db(passwd);
  CLI::App* disable = app.add_subcommand("disable", "disable an account (signs it out everywhere)");
  disable->add_option("username", username)->required();
  add_db(disable);
  CLI::App* enable = app.add_subcommand("enable", "enable a disabled account");
  enable->add_option("username", username)->required();
  add_db(enable);
  CLI::App* list = app.add_subcommand("list", "list users");
  add_db(list);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  auto store = store::OpenStore(db_url);
  if (!store.ok()) return Fail(store.status());
  const store::Actor cli{0, "cli", campaign::Role::kCeo, ""};

  if (list->parsed()) {
    auto users = (*store)->ListUsers();
    if (!users.ok()) return Fail(users.status());
    std::printf("%-4s %-20s %-10s %-9s %s\n", "id", "username", "role", "status", "display name");
    for (const store::User& u : *users)
      std::printf("%-4lld %-20s %-10s %-9s %s\n", static_cast<long long>(u.id), u.username.c_str(),
                  std::string(campaign::RoleName(u.role)).c_str(), u.disabled ? "disabled" : "active",
                  u.display_name.c_str());
    return 0;
  }
  if (add->parsed()) {
    std::string password = AskPassword(username);
    if (password.empty()) return 1;
    auto user = (*store)->CreateUser(cli, {username, display_name, *campaign::ParseRole(role_name), password});
    if (!user.ok()) return Fail(user.status());
    std::printf("added %s (%s), id %lld\n", user->username.c_str(), role_name.c_str(),
                static_cast<long long>(user->id));
    return 0;
  }
  auto user = (*store)->GetUserByName(username);
  if (!user.ok()) return Fail(user.status());
  store::UserPatch patch;
  if (passwd->parsed()) {
    patch.password = AskPassword(username);
    if (patch.password->empty()) return 1;
  } else {
    patch.disabled = disable->parsed();
  }
  auto updated = (*store)->UpdateUser(cli, user->id, patch);
  if (!updated.ok()) return Fail(updated.status());
  std::printf("%s: %s\n", updated->username.c_str(),
              passwd->parsed() ? "password changed, sessions revoked"
                               : (updated->disabled ? "disabled, sessions revoked" : "enabled"));
  return 0;
}

}  // namespace st::cli
