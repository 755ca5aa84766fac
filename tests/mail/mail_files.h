// Test helpers for the local mail servers (tests/mail/mail_servers.sh): the
// environment they export, the Maildir files delivered to an address, and a
// delivered message decoded by Python's email package (decode_eml.py).
// Header-only; tests only.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/test_paths.h"

namespace st::testing::mail {

inline std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

inline std::vector<std::filesystem::path> MailFiles(const std::string& address) {
  std::vector<std::filesystem::path> out;
  std::error_code ec;
  for (const char* sub : {"new", "cur"}) {
    std::filesystem::path d = std::filesystem::path(Env("ST_MAIL_DIR")) / "maildir" / address / sub;
    if (!std::filesystem::exists(d, ec)) continue;
    for (const auto& e : std::filesystem::directory_iterator(d, ec)) out.push_back(e.path());
  }
  return out;
}

inline nlohmann::json Decode(const std::filesystem::path& eml) {
  std::string cmd = "/usr/bin/python3 " + SourceDir() + "/tests/mail/decode_eml.py '" + eml.string() + "'";
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return {};
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  pclose(p);
  return nlohmann::json::parse(out, nullptr, false);
}

}  // namespace st::testing::mail
