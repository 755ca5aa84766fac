// The terms of one offer version and the one computation of its value: the
// year-by-year table (cash + vesting per offer year from the start date),
// first-year value and 4-year total. The API, the page and the letter all
// show ValueTable's figures, never their own sums. Pure, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "compute/promise.h"
#include "offers/date.h"
#include "offers/money.h"

namespace st::offers {

enum class VestFrequency { kMonthly = 0, kQuarterly, kAnnual };
std::string_view VestFrequencyName(VestFrequency f);  // "monthly", "quarterly", "annual"
std::optional<VestFrequency> ParseVestFrequency(std::string_view name);

struct Vesting {
  int cliff_months = 12;                      // nothing vests before; at the cliff the elapsed share vests
  VestFrequency frequency = VestFrequency::kMonthly;  // after the cliff
  int total_years = 4;
  // Non-empty: the share vesting at each anniversary, in basis points per
  // year, summing to 10000 (5/15/40/40 = {500, 1500, 4000, 4000}); its length
  // is total_years, and frequency is ignored (annual).
  std::vector<int> custom_split_bp;
  friend bool operator==(const Vesting&, const Vesting&) = default;
};

// The equity grant: a value, or units at a price per unit (never both).
struct EquityGrant {
  std::int64_t value_minor = 0;
  std::int64_t units = 0;
  std::int64_t unit_price_minor = 0;
  Vesting vesting;
  // Granted at each anniversary (start of offer years 2, 3, …) and vesting on
  // the same schedule from its grant date, without a cliff.
  std::int64_t annual_refresher_minor = 0;
  friend bool operator==(const EquityGrant&, const EquityGrant&) = default;
};

// Headcount the candidate may hire, whom they report to (staff id; 0 = the
// CEO) and a cap on their own direct reports.
struct TeamPromise {
  std::int64_t headcount = 0;
  std::int64_t reports_to_staff_id = 0;
  std::int32_t direct_reports_cap = 0;
  friend bool operator==(const TeamPromise&, const TeamPromise&) = default;
};

struct OfferTerms {
  Currency currency = Currency::kUsd;
  std::int64_t base_salary_minor = 0;  // per year
  std::int64_t sign_on_minor = 0;
  std::int32_t sign_on_clawback_months = 0;  // repayable pro rata if leaving earlier
  EquityGrant equity;
  std::int32_t target_bonus_bp = 0;    // of base, per year (1500 = 15%)
  std::int64_t relocation_minor = 0;
  Day start_day = 0;
  Day expiry_day = 0;
  std::string title;
  std::string location;
  std::string level;  // band key, e.g. "L6"
  std::string track;  // band key, e.g. "research"
  std::optional<TeamPromise> team;
  std::optional<compute::ComputePromise> compute;  // checked against the fleet by the ledger
};

// Field-by-field equality of two compute promises (both absent counts as equal).
bool SamePromise(const std::optional<compute::ComputePromise>& a, const std::optional<compute::ComputePromise>& b);

// kInvalidInput naming the first bad field ("field 'equity.vesting.custom_split': …").
Status ValidateTerms(const OfferTerms& t);

// The grant's value: value_minor, or units × unit_price_minor (checked).
Result<std::int64_t> GrantValue(const EquityGrant& g);

struct VestEvent {
  Day day = 0;
  int month = 0;           // months after the start date
  int year = 0;            // offer year it falls in (1-based)
  std::int64_t minor = 0;
  bool refresher = false;  // from an annual refresher (granted at anniversary year-1)
};

struct YearRow {
  int year = 0;       // 1-based offer year
  // Year k runs from the day after anniversary k-1 (year 1: the start date)
  // to anniversary k inclusive: vesting on an anniversary closes its year.
  Day from_day = 0;
  Day to_day = 0;
  std::int64_t base = 0, bonus = 0, sign_on = 0, relocation = 0;
  std::int64_t equity = 0;      // initial grant vesting in the year
  std::int64_t refreshers = 0;  // refresher grants vesting in the year
  std::int64_t cash = 0;        // base + bonus + sign_on + relocation
  std::int64_t total = 0;       // cash + equity + refreshers
};

struct ValueTable {
  Currency currency = Currency::kUsd;
  std::int64_t grant_value = 0;
  std::vector<YearRow> rows;       // max(4, vesting years) years
  std::vector<VestEvent> events;   // every vesting event within those years, by day
  std::int64_t first_year = 0;     // rows[0].total
  std::int64_t four_year = 0;      // sum of rows[0..3].total
};

// The vesting of one grant of `grant_minor` starting `grant_month` months
// after `start`: cumulative floor(grant × elapsed share) at each event, so the
// events sum to the grant exactly. `with_cliff` false for refreshers.
std::vector<VestEvent> VestGrant(std::int64_t grant_minor, const Vesting& v, Day start, int grant_month,
                                 bool with_cliff);

// Validates, then computes. kInvalidInput naming the field whose sum overflowed.
Result<ValueTable> ComputeValueTable(const OfferTerms& t);

// True when the two versions differ in anything but title, location and
// expiry: money, compute, team, band keys and the start date (it moves every
// vesting date) are what approvers approved.
bool IsMaterialChange(const OfferTerms& a, const OfferTerms& b);

}  // namespace st::offers
