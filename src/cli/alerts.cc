// superteam alerts --graph DIR|VERSION_DIR [--previous VERSION_DIR] --db URL [--json]
// superteam alerts --digest --db URL [--mail-key FILE] [--base-url URL]
//
// Compares a graph version with the previous one for the watched people (the
// pipeline, own staff, followed people) and saved searches, and stores the
// alerts per user (watch/alert_run.h). A version is diffed once: a second run
// says so and changes nothing. Without --previous, the version before CURRENT
// in the graph dir is used.
//
// --digest mails each user's daily digest (watch/digest.h) through the CEO's
// outreach mailbox (its sealed password opened with the campaign's mail key).
//
// Exit codes: 0 done (or already diffed); 1 bad arguments or versions; 2 the
// store, a graph or the mailbox could not be used.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/outreach_options.h"
#include "outreach/secret_box.h"
#include "graph/versions.h"
#include "graph/view.h"
#include "store/open_store.h"
#include "watch/alert_run.h"
#include "watch/digest.h"

namespace st::cli {
namespace {

int Fail(const std::string& what, const Status& s, int code) {
  std::fprintf(stderr, "superteam alerts: %s%s\n", what.c_str(), s.ToString().c_str());
  return code;
}

// A graph dir (with CURRENT) or one version dir.
Result<std::shared_ptr<const graph::GraphView>> OpenGraph(const std::string& path) {
  if (std::filesystem::exists(path + "/CURRENT")) return graph::GraphView::OpenCurrent(path);
  return graph::GraphView::Open(path);
}

int RunDigest(const std::string& db_url, const std::string& key_path, const std::string& base_url, bool json) {
  auto store = store::OpenStore(db_url);
  if (!store.ok()) return Fail("", store.status(), 2);
  auto boxes = (*store)->ListMailboxes();
  if (!boxes.ok()) return Fail("", boxes.status(), 2);
  if (boxes->empty())
    return Fail("no outreach mailbox is configured (superteam outreach mailbox …): ", Status::NotFound("mailbox"), 2);
  const outreach::Mailbox& box = boxes->front();
  auto key = outreach::SecretBox::FromKeyFile(key_path);
  if (!key.ok()) return Fail(key_path + ": ", key.status(), 2);
  std::string password;
  if (!box.password_sealed.empty()) {
    auto opened = key->Open(box.password_sealed);
    if (!opened.ok()) return Fail("the mailbox password: ", opened.status(), 2);
    password = *opened;
  }
  auto transport = outreach::MakeTransport(box, password);
  if (!transport.ok()) return Fail("", transport.status(), 2);
  auto r = watch::SendDigests(**store, **transport, {box.display_name, box.address}, base_url, std::time(nullptr));
  if (!r.ok()) return Fail("", r.status(), 2);
  if (json) {
    std::printf("%s\n", nlohmann::json{{"due", r->due}, {"users", r->users}, {"sent", r->sent}, {"alerts", r->alerts},
                                       {"errors", r->errors}}
                            .dump(2)
                            .c_str());
  } else if (!r->due) {
    std::printf("the digest is not due yet today (settings watch.digest_hour_utc)\n");
  } else {
    std::printf("digests: %d of %d users mailed, %d alerts\n", r->sent, r->users, r->alerts);
    for (const auto& e : r->errors) std::printf("  %s\n", e.c_str());
  }
  return r->errors.empty() ? 0 : 2;
}

}  // namespace

int RunAlerts(int argc, char** argv) {
  CLI::App app{"Alerts for watched people and saved searches between two graph versions", "superteam alerts"};
  std::string graph_path, previous, db_url;
  bool json = false, digest = false;
  std::string mail_key, base_url = "http://localhost:8080";
  app.add_option("--graph", graph_path, "graph dir (its current version) or a version dir");
  app.add_flag("--digest", digest, "mail the daily digests instead (users listed in settings watch.digest_addresses)");
  app.add_option("--mail-key", mail_key, "the outreach mail key (default: <sqlite file>.mailkey)");
  app.add_option("--base-url", base_url, "the app's address, for the links in the digest");
  app.add_option("--previous", previous, "the older version dir (default: the one before CURRENT)");
  app.add_option("--db", db_url, "campaign store: sqlite:PATH, PATH or postgresql://…")->required();
  app.add_flag("--json", json, "print the run as JSON");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  if (digest) return RunDigest(db_url, mail_key.empty() ? DefaultMailKeyPath(db_url) : mail_key, base_url, json);
  if (graph_path.empty()) {
    std::fprintf(stderr, "superteam alerts: --graph is required (or --digest)\n");
    return 1;
  }
  if (previous.empty()) {
    auto prev = watch::PreviousVersionDir(graph_path);
    if (!prev.ok()) return Fail("--previous not given and ", prev.status(), 1);
    previous = *prev;
  }
  auto now = OpenGraph(graph_path);
  if (!now.ok()) return Fail(graph_path + ": ", now.status(), 2);
  auto prev = OpenGraph(previous);
  if (!prev.ok()) return Fail(previous + ": ", prev.status(), 2);
  auto store = store::OpenStore(db_url);
  if (!store.ok()) return Fail("", store.status(), 2);
  auto r = watch::RunAlerts(**store, *prev, *now);
  if (!r.ok()) return Fail("", r.status(), r.status().code() == StatusCode::kInvalidInput ? 1 : 2);
  if (json) {
    nlohmann::json j = {{"already_diffed", r->already_diffed},
                        {"run_id", r->run.id},
                        {"graph_version", r->run.graph_version},
                        {"previous_version", r->run.previous_version},
                        {"watched", r->run.watched},
                        {"alerts", r->run.alerts},
                        {"findings", r->findings},
                        {"resolved_in_both", r->stats.resolved_both},
                        {"new_papers", r->stats.new_papers},
                        {"affiliation_changes", r->stats.affiliation_changes},
                        {"rival_coauthors", r->stats.rival_coauthors},
                        {"searches", r->searches},
                        {"search_note", r->search_note},
                        {"diff_seconds", r->diff_seconds}};
    std::printf("%s\n", j.dump(2).c_str());
    return 0;
  }
  if (r->already_diffed) {
    std::printf("%s was diffed already (run %lld, %lld alerts); nothing to do\n", r->run.graph_version.c_str(),
                static_cast<long long>(r->run.id), static_cast<long long>(r->run.alerts));
    return 0;
  }
  std::printf("watched %lld (%zu found in both versions), %zu saved searches: %zu findings -> %lld alerts in %.2f s\n"
              "  new papers %zu, affiliation changes %zu, new co-authors at rivals %zu\n",
              static_cast<long long>(r->run.watched), r->stats.resolved_both, r->searches, r->findings,
              static_cast<long long>(r->run.alerts), r->diff_seconds, r->stats.new_papers,
              r->stats.affiliation_changes, r->stats.rival_coauthors);
  if (!r->search_note.empty()) std::printf("  %s\n", r->search_note.c_str());
  return 0;
}

}  // namespace st::cli
