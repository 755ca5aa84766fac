// superteam outreach run|mailbox|draft|approve --db URL
//
//   run      one pass (--once) or the loop: recover interrupted sends, queue due follow-ups, send due
//            messages, poll the mailboxes for replies (what `serve` runs in the background; cron or a
//            test can drive it).
//   mailbox  configure a user's sending mailbox (password from stdin; sealed with the key file)
//   draft    write a first-message draft for a person from the templates and the graph
//   approve  approve a draft as a ceo user (queues it; `run` sends it)
// The mailbox password key lives outside the database: --mail-key, default <sqlite file>.mailkey.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "cli/commands.h"
#include "cli/outreach_options.h"
#include "graph/view.h"
#include "outreach/draft.h"
#include "outreach/service.h"
#include "store/open_store.h"

namespace st::cli {
namespace {

int Fail(const Status& s) {
  std::fprintf(stderr, "superteam outreach: %s\n", s.ToString().c_str());
  return 1;
}

volatile std::sig_atomic_t g_stop = 0;
void OnSignal(int) { g_stop = 1; }

// A demo that shows outreach without a mail server: the ceo's mailbox writes .eml files into a Maildir;
// one draft waits in the approval queue, one e-mail is sent, one has a reply (read from the Maildir).
int SeedDemo(store::Store& store, outreach::OutreachService& service, const std::string& maildir) {
  auto ceo_user = store.GetUserByName("ceo");
  if (!ceo_user.ok()) return Fail(ceo_user.status());
  store::Actor ceo{ceo_user->id, ceo_user->username, ceo_user->role, "cli"};
  auto box = store.GetMailbox(ceo, ceo.user_id);
  if (!box.ok()) return Fail(box.status());
  if (!*box) {
    outreach::MailboxInput in{ceo_user->display_name, "ceo@lab.demo", "", "maildir", "", "", "", "", "", maildir};
    auto m = service.ConfigureMailbox(ceo, in, "", 0);
    if (!m.ok()) return Fail(m.status());
  }
  store::PersonQuery q;
  q.stage = campaign::Stage::kIdentified;
  q.kind = campaign::PersonKind::kCandidate;
  q.limit = 20;
  auto page = store.ListPeople(ceo, q);
  if (!page.ok()) return Fail(page.status());
  int step = 0;
  for (const store::Person& p : page->people) {
    if (step == 3) break;
    if (!p.author_id) continue;
    std::string email = p.email;
    if (email.empty()) {  // demo people get a demo address (.invalid never resolves)
      for (char c : p.name)
        if (std::isalnum(static_cast<unsigned char>(c))) email += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        else if (!email.empty() && email.back() != '.') email += '.';
      while (!email.empty() && email.back() == '.') email.pop_back();
      email += "@uni.demo.invalid";
      campaign::PersonPatch patch;
      patch.email = email;
      if (!store.UpdatePerson(ceo, p.id, p.version, patch).ok()) continue;
    }
    auto d = service.GenerateDraft(ceo, p.id);
    if (!d.ok() || !outreach::UnresolvedFields(d->body).empty()) continue;
    if (step > 0) {
      auto m = service.Approve(ceo, d->id, d->version);
      if (!m.ok()) return Fail(m.status());
      service.RunOnce();
      if (step == 2) {
        std::error_code ec;
        std::filesystem::create_directories(maildir + "/replies/new", ec);
        std::ofstream(maildir + "/replies/new/demo-reply.eml")
            << "From: " << p.name << " <" << email << ">\r\nTo: ceo@lab.demo\r\nSubject: Re: " << m->subject
            << "\r\nMessage-ID: <demo-reply-" << m->id << "@uni.demo.invalid>\r\nIn-Reply-To: " << m->message_id
            << "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThank you for writing yourself. I would be glad to "
               "talk; Thursday afternoon works for me.\r\n";
        service.RunOnce();
      }
    }
    std::printf("outreach demo: %s — %s\n", p.name.c_str(),
                step == 0 ? "draft waiting for the CEO" : step == 1 ? "e-mail sent" : "e-mail sent, reply received");
    ++step;
  }
  std::printf("outreach demo: .eml files in %s/new\n", maildir.c_str());
  return 0;
}

}  // namespace

std::string DefaultMailKeyPath(const std::string& db_url) {
  if (db_url.rfind("postgres", 0) == 0) return "";
  std::string path = db_url.rfind("sqlite:", 0) == 0 ? db_url.substr(7) : db_url;
  return path + ".mailkey";
}

Result<outreach::OutreachSettings> LoadOutreachSettings(const std::string& path) {
  if (path.empty()) return outreach::OutreachSettings{};
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot read");
  std::stringstream ss;
  ss << in.rdbuf();
  auto s = outreach::SettingsFromJson(ss.str());
  if (!s.ok()) return Status::InvalidInput(path + ": " + s.status().message());
  return s;
}

std::string DefaultTemplatesDir(const std::string& db_url) {
  std::string key = DefaultMailKeyPath(db_url);
  if (key.empty()) return "outreach-templates";
  std::string path = key.substr(0, key.size() - 9);
  size_t slash = path.rfind('/');
  return (slash == std::string::npos ? std::string(".") : path.substr(0, slash)) + "/outreach-templates";
}

int RunOutreach(int argc, char** argv) {
  CLI::App app{"Personal outreach from the CEO: drafts, sending, replies", "superteam outreach"};
  app.require_subcommand(1);
  std::string db_url, key_path, templates, graph_dir, settings_path;
  auto common = [&](CLI::App* sub) {
    sub->add_option("--db", db_url, "campaign store: sqlite:PATH, PATH or postgresql://…")->required();
    sub->add_option("--mail-key", key_path, "32-byte key file for mailbox passwords (default: <db>.mailkey)");
    sub->add_option("--templates", templates, "the campaign's template directory (default: beside the db)");
    sub->add_option("--graph", graph_dir, "talent graph directory (papers and warm paths for drafts)");
    sub->add_option("--settings", settings_path, "outreach settings JSON (window, cap, follow-ups, themes)");
  };
  bool once = false;
  int interval = 60;
  CLI::App* run = app.add_subcommand("run", "send due messages and poll for replies");
  common(run);
  run->add_flag("--once", once, "one pass, then exit (cron, tests)");
  run->add_option("--interval", interval, "seconds between passes")->check(CLI::Range(1, 3600));
  std::string user, name, address, reply_to, smtp_url, imap_url, login, ca_file, maildir, transport = "smtp";
  CLI::App* mailbox = app.add_subcommand("mailbox", "configure a ceo user's sending mailbox (password on stdin)");
  common(mailbox);
  mailbox->add_option("--user", user, "the ceo user who sends")->required();
  mailbox->add_option("--name", name, "display name in From")->required();
  mailbox->add_option("--address", address, "sender address")->required();
  mailbox->add_option("--reply-to", reply_to);
  mailbox->add_option("--transport", transport, "smtp | maildir")->check(CLI::IsMember({"smtp", "maildir"}));
  mailbox->add_option("--smtp-url", smtp_url, "smtp://host:587 (STARTTLS) or smtps://host:465");
  mailbox->add_option("--imap-url", imap_url, "imap://host:143 (STARTTLS) or imaps://host:993");
  mailbox->add_option("--login", login, "login name for SMTP and IMAP");
  mailbox->add_option("--ca-file", ca_file, "extra CA bundle (self-signed servers)");
  mailbox->add_option("--maildir", maildir, "maildir transport: the directory (demo)");
  std::int64_t person_id = 0, draft_id = 0, version = 0;
  CLI::App* draft = app.add_subcommand("draft", "write a first-message draft for a person");
  common(draft);
  draft->add_option("--person", person_id)->required();
  CLI::App* approve = app.add_subcommand("approve", "approve a draft as a ceo user (it is queued)");
  common(approve);
  approve->add_option("--draft", draft_id)->required();
  approve->add_option("--version", version, "the draft version you read (default: current)");
  approve->add_option("--as", user, "the ceo user whose mailbox sends")->required();
  std::string demo_maildir;
  CLI::App* seed_demo = app.add_subcommand("seed-demo", "demo: a Maildir mailbox for the ceo, a draft waiting, "
                                                        "a sent thread and one with a reply");
  common(seed_demo);
  seed_demo->add_option("--maildir", demo_maildir, "where the demo's .eml files go (absolute)")->required();
  CLI11_PARSE(app, argc, argv);

  if (key_path.empty()) key_path = DefaultMailKeyPath(db_url);
  if (key_path.empty()) return Fail(Status::InvalidInput("--mail-key is required with a PostgreSQL store"));
  if (templates.empty()) templates = DefaultTemplatesDir(db_url);
  auto store = store::OpenStore(db_url);
  if (!store.ok()) return Fail(store.status());
  auto box = outreach::SecretBox::FromKeyFile(key_path);
  if (!box.ok()) return Fail(box.status());
  auto settings = LoadOutreachSettings(settings_path);
  if (!settings.ok()) return Fail(settings.status());
  std::shared_ptr<const graph::GraphView> graph;
  if (!graph_dir.empty()) {
    auto g = graph::GraphView::OpenCurrent(graph_dir);
    if (!g.ok()) return Fail(g.status());
    graph = *g;
  }
  outreach::ServiceOptions options;
  options.templates_dir = templates;
  options.settings = *settings;
  options.settings_override = !settings_path.empty();  // the file wins over the campaign's 'outreach' key
  if (seed_demo->parsed() && settings_path.empty()) {  // the demo sends at once, whatever the hour
    options.settings.window_start_hour = 0;
    options.settings.window_end_hour = 24;
    options.settings.weekdays_only = false;
  }
  outreach::OutreachService service(**store, graph, *box, options);

  auto actor_for = [&](const std::string& username) -> Result<store::Actor> {
    ST_ASSIGN_OR_RETURN(store::User u, (*store)->GetUserByName(username));
    return store::Actor{u.id, u.username, u.role, "cli"};
  };

  if (run->parsed()) {
    std::signal(SIGTERM, OnSignal);
    std::signal(SIGINT, OnSignal);
    do {
      outreach::RunReport r = service.RunOnce();
      std::printf("outreach: sent %d, retry %d, failed %d, unknown %d, cancelled %d, over cap %d, follow-ups queued %d, "
                  "replies %d, bounces %d, opt-outs %d, recovered %d\n",
                  r.sent, r.retried, r.failed, r.unknown, r.cancelled, r.capped, r.follow_ups_queued, r.replies,
                  r.bounces, r.opt_outs, r.recovered_unknown);
      for (const std::string& e : r.errors) std::fprintf(stderr, "outreach: %s\n", e.c_str());
      std::fflush(stdout);
      for (int i = 0; !once && !g_stop && i < interval * 10; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    } while (!once && !g_stop);
    return 0;
  }
  if (mailbox->parsed()) {
    auto actor = actor_for(user);
    if (!actor.ok()) return Fail(actor.status());
    std::string password;
    if (transport == "smtp") std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    outreach::MailboxInput in{name, address, reply_to, transport, smtp_url, imap_url, login, "", ca_file, maildir};
    auto existing = (*store)->GetMailbox(*actor, actor->user_id);
    if (!existing.ok()) return Fail(existing.status());
    auto m = service.ConfigureMailbox(*actor, in, password, *existing ? (*existing)->version : 0);
    if (!m.ok()) return Fail(m.status());
    std::printf("mailbox %lld for %s: %s via %s\n", static_cast<long long>(m->id), user.c_str(), m->address.c_str(),
                m->transport.c_str());
    return 0;
  }
  if (seed_demo->parsed()) return SeedDemo(**store, service, demo_maildir);
  if (draft->parsed()) {
    store::Actor cli{0, "cli", campaign::Role::kCeo, "cli"};
    auto d = service.GenerateDraft(cli, person_id);
    if (!d.ok()) return Fail(d.status());
    std::printf("draft %lld (version %lld)\nSubject: %s\n\n%s", static_cast<long long>(d->id),
                static_cast<long long>(d->version), d->subject.c_str(), d->body.c_str());
    return 0;
  }
  auto actor = actor_for(user);
  if (!actor.ok()) return Fail(actor.status());
  if (version == 0) {
    auto d = (*store)->GetDraft(*actor, draft_id);
    if (!d.ok()) return Fail(d.status());
    version = d->version;
  }
  auto m = service.Approve(*actor, draft_id, version);
  if (!m.ok()) return Fail(m.status());
  std::printf("message %lld queued to %s\n", static_cast<long long>(m->id), m->to_address.c_str());
  return 0;
}

}  // namespace st::cli
