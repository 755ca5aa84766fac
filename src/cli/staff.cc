// superteam staff import FILE.csv --db URL   the lab's own staff from an HR export (all or nothing)
// superteam staff export --db URL            the stored staff as the same CSV (with pay: ceo/hr data)
//
// The format is retention/staff_csv.h's (docs/retention.md). A re-import
// updates by e-mail and never duplicates. Exit codes: 0 fine; 1 the file was
// refused (the row, line and reason on stderr; nothing imported); 2 the
// store could not be opened or written.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>

#include "base/fs.h"
#include "cli/commands.h"
#include "retention/staff_csv.h"
#include "store/open_store.h"

namespace st::cli {
namespace {

const store::Actor kCli{0, "cli", campaign::Role::kCeo, ""};

}  // namespace

int RunStaff(int argc, char** argv) {
  CLI::App app{"The lab's own staff (HR export)", "superteam staff"};
  app.require_subcommand(1);
  std::string db_url, file;
  CLI::App* import = app.add_subcommand("import", "import or update staff from an HR CSV (key: email)");
  import->add_option("file", file,
                     "CSV: name,email,title,team,manager,start_date,base,currency,bonus_pct,equity_grant,"
                     "equity_grant_date,equity_cliff_months,equity_years,equity_vesting,last_raise_date")
      ->required();
  import->add_option("--db", db_url, "campaign store: sqlite:PATH, PATH or postgresql://…")->required();
  CLI::App* exp = app.add_subcommand("export", "print the stored staff as the same CSV");
  exp->add_option("--db", db_url, "campaign store")->required();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  auto store = store::OpenStore(db_url);
  if (!store.ok()) {
    std::fprintf(stderr, "superteam staff: %s\n", store.status().ToString().c_str());
    return 2;
  }
  if (exp->parsed()) {
    auto rows = (*store)->ExportStaffRows(kCli);
    if (!rows.ok()) {
      std::fprintf(stderr, "superteam staff export: %s\n", rows.status().ToString().c_str());
      return 2;
    }
    std::fputs(retention::StaffCsv(*rows).c_str(), stdout);
    return 0;
  }
  auto text = ReadFileToString(file);
  if (!text.ok()) {
    std::fprintf(stderr, "superteam staff import: %s: %s\n", file.c_str(), text.status().ToString().c_str());
    return 1;
  }
  auto rows = retention::ParseStaffCsv(*text);
  if (!rows.ok()) {
    std::fprintf(stderr, "superteam staff import: %s: %s\nnothing of the file was imported\n", file.c_str(),
                 rows.status().message().c_str());
    return 1;
  }
  auto sum = (*store)->ImportStaff(kCli, *rows);
  if (!sum.ok()) {
    std::fprintf(stderr, "superteam staff import: %s: %s\nnothing of the file was imported\n", file.c_str(),
                 sum.status().message().c_str());
    return sum.status().code() == StatusCode::kInvalidInput ? 1 : 2;
  }
  std::printf("imported %lld staff rows from %s: %lld new, %lld updated, %lld unchanged\n",
              static_cast<long long>(sum->rows), file.c_str(), static_cast<long long>(sum->created),
              static_cast<long long>(sum->updated), static_cast<long long>(sum->unchanged));
  return 0;
}

}  // namespace st::cli
