#include "retention/staff_csv.h"

#include <array>
#include <nlohmann/json.hpp>

#include "compute/fleet_csv.h"
#include "offers/terms_json.h"

namespace st::retention {
namespace {

enum Column {
  kName, kEmail, kTitle, kTeam, kManager, kStart, kBase, kCurrency, kBonus,
  kGrant, kGrantDate, kCliff, kYears, kVesting, kLastRaise, kColumns
};
constexpr std::array<std::string_view, kColumns> kNames = {
    "name",         "email",          "title",         "team",         "manager",
    "start_date",   "base",           "currency",      "bonus_pct",    "equity_grant",
    "equity_grant_date", "equity_cliff_months", "equity_years", "equity_vesting", "last_raise_date"};

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::string Expected() {
  std::string out;
  for (std::string_view n : kNames) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

Status CheckText(std::string_view field, const std::string& v, size_t max) {
  if (v.size() > max) return Status::InvalidInput(std::string(field) + ": longer than " + std::to_string(max) + " bytes");
  for (unsigned char c : v)
    if (c < 0x20 || c == 0x7f) return Status::InvalidInput(std::string(field) + ": control character");
  return Status::Ok();
}

Result<std::int32_t> Date(std::string_view field, const std::string& v) {
  if (v.empty()) return 0;
  auto d = offers::ParseDate(v);
  if (!d) return Status::InvalidInput(std::string(field) + ": '" + v + "' is not a date YYYY-MM-DD");
  return *d;
}

Result<std::int64_t> Int(std::string_view field, const std::string& v, std::int64_t lo, std::int64_t hi) {
  std::int64_t n = 0;
  bool ok = !v.empty() && v.size() <= 6;
  for (char c : v) {
    ok = ok && c >= '0' && c <= '9';
    if (ok) n = n * 10 + (c - '0');
  }
  if (!ok || n < lo || n > hi)
    return Status::InvalidInput(std::string(field) + ": '" + v + "' is not a whole number in " + std::to_string(lo) +
                                ".." + std::to_string(hi));
  return n;
}

Status ParseRow(const std::vector<std::string>& f, const std::array<int, kColumns>& at, StaffCsvRow& r) {
  auto get = [&](Column c) { return at[c] < 0 ? std::string() : f[at[c]]; };
  r.name = get(kName);
  r.email = get(kEmail);
  if (r.name.empty()) return Status::InvalidInput("name: empty");
  ST_RETURN_IF_ERROR(CheckText("name", r.name, 200));
  if (r.email.empty()) return Status::InvalidInput("email: empty (the e-mail is the key of a re-import)");
  ST_RETURN_IF_ERROR(CheckText("email", r.email, 254));
  if (r.email.find('@') == std::string::npos || r.email.find(' ') != std::string::npos)
    return Status::InvalidInput("email: '" + r.email + "' is not an e-mail address");
  r.title = get(kTitle);
  r.team = get(kTeam);
  r.manager = get(kManager);
  ST_RETURN_IF_ERROR(CheckText("title", r.title, 200));
  ST_RETURN_IF_ERROR(CheckText("team", r.team, 200));
  ST_RETURN_IF_ERROR(CheckText("manager", r.manager, 254));
  if (!r.manager.empty() && (r.manager == r.email || r.manager == r.name))
    return Status::InvalidInput("manager: a person cannot manage themselves");
  ST_ASSIGN_OR_RETURN(r.start_day, Date("start_date", get(kStart)));
  ST_ASSIGN_OR_RETURN(r.last_raise_day, Date("last_raise_date", get(kLastRaise)));
  const std::string base = get(kBase), currency = get(kCurrency), grant = get(kGrant);
  if (!base.empty()) {
    auto b = ParseMajorUnits(base);
    if (!b) return Status::InvalidInput("base: '" + base + "' is not an amount (digits, at most 2 decimals)");
    r.base_minor = *b;
  }
  if (!currency.empty()) {
    if (!offers::ParseCurrency(currency))
      return Status::InvalidInput("currency: '" + currency + "' is not one of USD, EUR, GBP, CHF");
    r.currency = currency;
  } else if (!base.empty() || !grant.empty()) {
    return Status::InvalidInput("currency: needed with base or equity_grant");
  }
  const std::string bonus = get(kBonus);
  if (!bonus.empty()) {
    auto b = ParseMajorUnits(bonus);  // a percentage with up to 2 decimals = basis points
    if (!b || *b > 100000) return Status::InvalidInput("bonus_pct: '" + bonus + "' is not a percentage 0..1000");
    r.target_bonus_bp = static_cast<std::int32_t>(*b);
  }
  if (!grant.empty()) {
    auto g = ParseMajorUnits(grant);
    if (!g) return Status::InvalidInput("equity_grant: '" + grant + "' is not an amount");
    HeldEquity e;
    e.grant.value_minor = *g;
    const std::string gd = get(kGrantDate);
    if (gd.empty()) return Status::InvalidInput("equity_grant_date: needed with equity_grant (vesting starts then)");
    ST_ASSIGN_OR_RETURN(e.grant_day, Date("equity_grant_date", gd));
    offers::Vesting& v = e.grant.vesting;
    if (const std::string c = get(kCliff); !c.empty()) {
      ST_ASSIGN_OR_RETURN(std::int64_t n, Int("equity_cliff_months", c, 0, 60));
      v.cliff_months = static_cast<int>(n);
    }
    if (const std::string y = get(kYears); !y.empty()) {
      ST_ASSIGN_OR_RETURN(std::int64_t n, Int("equity_years", y, 1, 10));
      v.total_years = static_cast<int>(n);
    }
    if (const std::string fq = get(kVesting); !fq.empty()) {
      auto parsed = offers::ParseVestFrequency(fq);
      if (!parsed) return Status::InvalidInput("equity_vesting: '" + fq + "' is not monthly, quarterly or annual");
      v.frequency = *parsed;
    }
    if (v.cliff_months > v.total_years * 12)
      return Status::InvalidInput("equity_cliff_months: longer than the vesting (" + std::to_string(v.total_years) +
                                  " years)");
    r.equity = e;
  } else {
    for (Column c : {kGrantDate, kCliff, kYears, kVesting})
      if (!get(c).empty())
        return Status::InvalidInput(std::string(kNames[c]) + ": given without equity_grant");
  }
  return Status::Ok();
}

}  // namespace

std::optional<std::int64_t> ParseMajorUnits(std::string_view t) {
  if (t.empty() || t.size() > 16) return std::nullopt;
  std::int64_t whole = 0, cents = 0;
  size_t i = 0, digits = 0;
  for (; i < t.size() && t[i] != '.'; ++i, ++digits) {
    if (t[i] < '0' || t[i] > '9') return std::nullopt;
    whole = whole * 10 + (t[i] - '0');
  }
  if (digits == 0) return std::nullopt;
  if (i < t.size()) {
    const std::string_view frac = t.substr(i + 1);
    if (frac.empty() || frac.size() > 2) return std::nullopt;
    for (char c : frac) {
      if (c < '0' || c > '9') return std::nullopt;
      cents = cents * 10 + (c - '0');
    }
    if (frac.size() == 1) cents *= 10;
  }
  return whole * 100 + cents;  // 15 digits at most: fits
}

std::string FormatMajorUnits(std::int64_t minor) {
  std::string out = std::to_string(minor / 100);
  if (const std::int64_t c = minor % 100; c != 0) out += (c < 10 ? ".0" : ".") + std::to_string(c);
  return out;
}

Result<std::vector<StaffCsvRow>> ParseStaffCsv(std::string_view text) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<StaffCsvRow> rows;
  std::array<int, kColumns> at;
  at.fill(-1);
  bool have_header = false;
  size_t pos = 0;
  std::int64_t line = 1, data_row = 0;
  size_t width = 0;
  while (pos < text.size()) {
    const std::int64_t this_line = line;
    ST_ASSIGN_OR_RETURN(std::vector<std::string> f, compute::ReadCsvRecord(text, pos, line));
    if (f.size() == 1 && Trim(f[0]).empty()) continue;
    for (std::string& s : f) s = Trim(s);
    if (!have_header) {
      for (size_t i = 0; i < f.size(); ++i) {
        int col = -1;
        for (int k = 0; k < kColumns; ++k)
          if (f[i] == kNames[k]) col = k;
        if (col < 0)
          return Status::InvalidInput("line " + std::to_string(this_line) + ": unknown column '" + f[i] +
                                      "' (expected " + Expected() + ")");
        if (at[col] >= 0)
          return Status::InvalidInput("line " + std::to_string(this_line) + ": column '" + f[i] + "' appears twice");
        at[col] = static_cast<int>(i);
      }
      for (Column c : {kName, kEmail})
        if (at[c] < 0)
          return Status::InvalidInput("line " + std::to_string(this_line) + ": the header lacks the column '" +
                                      std::string(kNames[c]) + "'");
      width = f.size();
      have_header = true;
      continue;
    }
    StaffCsvRow r;
    r.row = ++data_row;
    r.line = this_line;
    const std::string where = "row " + std::to_string(r.row) + " (line " + std::to_string(this_line) + "): ";
    if (f.size() != width)
      return Status::InvalidInput(where + std::to_string(f.size()) + " fields, the header has " +
                                  std::to_string(width));
    if (Status s = ParseRow(f, at, r); !s.ok()) return Status::InvalidInput(where + s.message());
    for (const StaffCsvRow& o : rows)
      if (o.email == r.email)
        return Status::InvalidInput(where + "email: '" + r.email + "' is also row " + std::to_string(o.row));
    if (rows.size() >= kMaxStaffRows) return Status::InvalidInput(where + "more than 100,000 rows");
    rows.push_back(std::move(r));
  }
  if (!have_header) return Status::InvalidInput("line 1: the file is empty (expected a header row)");
  return rows;
}

std::string StaffCsv(const std::vector<StaffCsvRow>& rows) {
  std::string out;
  for (std::string_view n : kNames) out += (out.empty() ? "" : ",") + std::string(n);
  out += "\n";
  auto date = [](std::int32_t d) { return d == 0 ? std::string() : offers::FormatDate(d); };
  for (const StaffCsvRow& r : rows) {
    std::array<std::string, kColumns> f;
    f[kName] = r.name;
    f[kEmail] = r.email;
    f[kTitle] = r.title;
    f[kTeam] = r.team;
    f[kManager] = r.manager;
    f[kStart] = date(r.start_day);
    if (!r.currency.empty()) {
      f[kBase] = FormatMajorUnits(r.base_minor);
      f[kCurrency] = r.currency;
    }
    if (r.target_bonus_bp != 0) f[kBonus] = FormatMajorUnits(r.target_bonus_bp);
    if (r.equity) {
      f[kGrant] = FormatMajorUnits(r.equity->grant.value_minor);
      f[kGrantDate] = date(r.equity->grant_day);
      f[kCliff] = std::to_string(r.equity->grant.vesting.cliff_months);
      f[kYears] = std::to_string(r.equity->grant.vesting.total_years);
      f[kVesting] = std::string(offers::VestFrequencyName(r.equity->grant.vesting.frequency));
    }
    f[kLastRaise] = date(r.last_raise_day);
    for (int k = 0; k < kColumns; ++k) out += (k ? "," : "") + compute::CsvField(f[k]);
    out += "\n";
  }
  return out;
}

std::string HeldEquityToJson(const HeldEquity& e) {
  offers::OfferTerms t;
  t.equity = e.grant;
  return nlohmann::json({{"grant_date", offers::FormatDate(e.grant_day)},
                         {"equity", offers::TermsToJson(t)["equity"]}})
      .dump();
}

Result<std::optional<HeldEquity>> HeldEquityFromJson(std::string_view text) {
  if (text.empty()) return std::optional<HeldEquity>();
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("grant_date") || !j["grant_date"].is_string() ||
      !j.contains("equity"))
    return Status::InvalidInput("field 'equity': expected {grant_date, equity}");
  HeldEquity e;
  auto d = offers::ParseDate(j["grant_date"].get<std::string>());
  if (!d) return Status::InvalidInput("field 'equity.grant_date': not a date YYYY-MM-DD");
  e.grant_day = *d;
  ST_ASSIGN_OR_RETURN(offers::OfferTerms t, offers::TermsFromJson(nlohmann::json{{"equity", j["equity"]}}));
  e.grant = t.equity;
  return std::optional<HeldEquity>(e);
}

}  // namespace st::retention
