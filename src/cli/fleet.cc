// superteam fleet import FILE --db URL     append a fleet CSV's capacity changes (all or nothing)
// superteam fleet export --db URL          the stored capacity changes as the same CSV
// superteam ledger check --db URL [--json] verify the compute ledger
//
// Exit codes: 0 fine; 1 the ledger is over-committed (ledger check) or the
// file was refused (fleet import: the line and the reason on stderr);
// 2 the store could not be opened or read.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "base/fs.h"
#include "cli/commands.h"
#include "compute/day.h"
#include "compute/fleet_csv.h"
#include "store/open_store.h"

namespace st::cli {
namespace {

int Fail(const char* cmd, const std::string& what, const Status& s, int code) {
  std::fprintf(stderr, "superteam %s: %s%s\n", cmd, what.c_str(), s.ToString().c_str());
  return code;
}

const store::Actor kCli{0, "cli", campaign::Role::kCeo, ""};

}  // namespace

int RunFleet(int argc, char** argv) {
  CLI::App app{"The GPU fleet of the compute ledger", "superteam fleet"};
  app.require_subcommand(1);
  std::string db_url, file;
  CLI::App* import = app.add_subcommand("import", "append the capacity changes of a fleet CSV (docs/fleet.md)");
  import->add_option("file", file, "CSV: site,gpu_type,change,gpus,date[,note]")->required();
  import->add_option("--db", db_url, "campaign store: sqlite:PATH, PATH or postgresql://…")->required();
  CLI::App* exp = app.add_subcommand("export", "print the stored capacity changes as a fleet CSV");
  exp->add_option("--db", db_url, "campaign store")->required();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  auto store = store::OpenStore(db_url);
  if (!store.ok()) return Fail("fleet", "", store.status(), 2);

  if (exp->parsed()) {
    auto fleet = (*store)->GetFleet(kCli);
    if (!fleet.ok()) return Fail("fleet", "", fleet.status(), 2);
    std::vector<compute::FleetRow> rows;
    for (const store::CapacityEntry& e : fleet->capacity)
      for (const store::FleetPool& p : fleet->pools)
        if (p.id == e.pool_id) rows.push_back({0, p.site, p.gpu_type, e.day, e.delta_gpus, e.note});
    std::fputs(compute::FleetCsv(rows).c_str(), stdout);
    return 0;
  }

  auto text = ReadFileToString(file);
  if (!text.ok()) return Fail("fleet import", file + ": ", text.status(), 1);
  auto rows = compute::ParseFleetCsv(*text);
  if (!rows.ok()) return Fail("fleet import", file + ": ", rows.status(), 1);
  std::fprintf(stderr, "read %zu capacity changes from %s; checking them against the promises…\n", rows->size(),
               file.c_str());
  auto sum = (*store)->ImportFleet(kCli, *rows);
  if (!sum.ok()) {
    std::fprintf(stderr, "superteam fleet import: %s: %s\nnothing of the file was imported\n", file.c_str(),
                 sum.status().message().c_str());
    return sum.status().code() == StatusCode::kIoError ? 2 : 1;
  }
  std::printf("imported %lld capacity changes: %lld new pools, +%s GPUs added, %s GPUs retired\n",
              static_cast<long long>(sum->rows), static_cast<long long>(sum->pools_created),
              compute::FormatCount(sum->gpus_added).c_str(), compute::FormatCount(sum->gpus_retired).c_str());
  return 0;
}

int RunLedger(int argc, char** argv) {
  CLI::App app{"The compute ledger: promises against the fleet", "superteam ledger"};
  app.require_subcommand(1);
  std::string db_url;
  bool json = false;
  CLI::App* check = app.add_subcommand("check", "verify that no pool is over-committed on any day");
  check->add_option("--db", db_url, "campaign store: sqlite:PATH, PATH or postgresql://…")->required();
  check->add_flag("--json", json, "one JSON object on stdout");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  auto store = store::OpenStore(db_url);
  if (!store.ok()) return Fail("ledger check", "", store.status(), 2);
  auto report = (*store)->CheckLedger();
  if (!report.ok()) return Fail("ledger check", "", report.status(), 2);
  const bool ok = report->shortfalls.empty();
  if (json) {
    nlohmann::json out = {{"ok", ok},
                          {"pools", report->pools},
                          {"capacity_changes", report->capacity_changes},
                          {"promises", report->promises},
                          {"shortfalls", nlohmann::json::array()}};
    for (const compute::Shortfall& f : report->shortfalls)
      out["shortfalls"].push_back({{"pool_id", f.pool_id},
                                   {"site", f.site},
                                   {"gpu_type", f.gpu_type},
                                   {"date", compute::FormatDay(f.day)},
                                   {"short_gpus", f.short_gpus},
                                   {"short_h100_eq", compute::FormatH100Eq(f.short_h100_milli)},
                                   {"message", f.Message()}});
    std::printf("%s\n", out.dump(2).c_str());
  } else if (ok) {
    std::printf("ledger holds: %lld pools, %lld capacity changes, %lld promises; no pool over-committed on any day\n",
                static_cast<long long>(report->pools), static_cast<long long>(report->capacity_changes),
                static_cast<long long>(report->promises));
  } else {
    for (const compute::Shortfall& f : report->shortfalls)
      std::fprintf(stderr, "over-committed: %s\n", f.Message().c_str());
  }
  return ok ? 0 : 1;
}

}  // namespace st::cli
