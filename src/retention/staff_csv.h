// The HR export the lab's own staff are imported from (`superteam staff
// import FILE.csv`). Pure: text in, rows or an error naming the row, the line
// and the reason. Columns (header row, any order; docs/retention.md):
//
//   name,email,title,team,manager,start_date,base,currency,bonus_pct,
//   equity_grant,equity_grant_date,equity_cliff_months,equity_years,
//   equity_vesting,last_raise_date
//
// name and email are required (email is the key of a re-import); every other
// column may be absent or a cell empty. manager is another row's (or a stored
// staff member's) e-mail or exact name. Money is in major units with at most
// two decimals ("250000", "250000.50"); equity_grant is the grant's total
// value, vesting from equity_grant_date on the schedule of the offers model
// (cliff months, years, monthly|quarterly|annual): what is still unvested on
// a day follows from it. A column not in the list is refused by name.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "offers/terms.h"

namespace st::retention {

// Equity the staff member holds: one grant with its schedule.
struct HeldEquity {
  offers::Day grant_day = 0;
  offers::EquityGrant grant;  // value_minor + vesting
  friend bool operator==(const HeldEquity&, const HeldEquity&) = default;
};

struct StaffCsvRow {
  std::int64_t row = 0;   // 1-based data row (the header is row 0)
  std::int64_t line = 0;  // 1-based line of the file
  std::string name, email, title, team;
  std::string manager;              // e-mail or name; "" = none
  std::int32_t start_day = 0;       // 0 = unknown
  std::int64_t base_minor = 0;      // per year
  std::string currency;             // "" when no base is given
  std::int32_t target_bonus_bp = 0;
  std::optional<HeldEquity> equity;
  std::int32_t last_raise_day = 0;  // 0 = unknown
};

inline constexpr size_t kMaxStaffRows = 100'000;

// kInvalidInput "row 3 (line 4): base: '12,5' is not an amount" on the first
// bad row, or "line 1: unknown column 'salary' (expected …)".
Result<std::vector<StaffCsvRow>> ParseStaffCsv(std::string_view text);

// The same format (export); rows' `row`/`line` are ignored.
std::string StaffCsv(const std::vector<StaffCsvRow>& rows);

// "250000" / "250000.5" / "250000.50" → minor units; nullopt otherwise.
std::optional<std::int64_t> ParseMajorUnits(std::string_view text);
std::string FormatMajorUnits(std::int64_t minor);  // 25000050 → "250000.50", 100 → "1"

// The equity as stored on the staff row (StaffMember::equity_json):
// {"grant_date": "YYYY-MM-DD", "equity": <offers terms' "equity" object>}.
std::string HeldEquityToJson(const HeldEquity& e);
Result<std::optional<HeldEquity>> HeldEquityFromJson(std::string_view text);  // "" → nullopt

}  // namespace st::retention
