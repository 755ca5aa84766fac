#include "retention/policy.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace st::retention {
namespace {

using nlohmann::json;

Status Bad(const std::string& field, const std::string& want) {
  return Status::InvalidInput("retention." + field + ": must be " + want);
}

std::int64_t Scale(std::int64_t v, std::int32_t factor_bp, offers::Rounding r) {
  return offers::MulDiv(v, factor_bp, 10000, r).value_or(v);
}

std::string Money(std::int64_t minor, offers::Currency c) { return offers::FormatMoney({minor, c}); }

}  // namespace

Result<RetentionSettings> RetentionSettingsFromJson(const json& j) {
  RetentionSettings s;
  if (!j.is_object()) return Bad("", "an object");
  for (auto it = j.begin(); it != j.end(); ++it)
    if (it.key() != "mode" && it.key() != "beat_bp" && it.key() != "strength_threshold" && it.key() != "levers" &&
        it.key() != "expiry_days")
      return Status::InvalidInput("retention." + it.key() + ": unknown key");
  if (j.contains("mode")) {
    if (j["mode"] == "match") s.mode = CounterMode::kMatch;
    else if (j["mode"] == "beat") s.mode = CounterMode::kBeat;
    else return Bad("mode", "\"match\" or \"beat\"");
  }
  if (j.contains("beat_bp")) {
    if (!j["beat_bp"].is_number_integer() || j["beat_bp"].get<std::int64_t>() < 0 ||
        j["beat_bp"].get<std::int64_t>() > 10000)
      return Bad("beat_bp", "an integer 0..10000 (basis points: 1000 = 10%)");
    s.beat_bp = j["beat_bp"].get<std::int32_t>();
  }
  if (j.contains("strength_threshold")) {
    if (!j["strength_threshold"].is_number() || j["strength_threshold"].get<double>() < 0 ||
        j["strength_threshold"].get<double>() > 1)
      return Bad("strength_threshold", "a number 0..1");
    s.strength_threshold = j["strength_threshold"].get<double>();
  }
  if (j.contains("levers")) {
    const json& l = j["levers"];
    if (!l.is_object()) return Bad("levers", "an object {money, compute, team}");
    for (auto it = l.begin(); it != l.end(); ++it) {
      if (!it.value().is_boolean()) return Bad("levers." + it.key(), "true or false");
      const bool on = it.value().get<bool>();
      if (it.key() == "money") s.lever_money = on;
      else if (it.key() == "compute") s.lever_compute = on;
      else if (it.key() == "team") s.lever_team = on;
      else return Status::InvalidInput("retention.levers." + it.key() + ": unknown lever (money, compute, team)");
    }
  }
  if (j.contains("expiry_days")) {
    if (!j["expiry_days"].is_number_integer() || j["expiry_days"].get<std::int64_t>() < 1 ||
        j["expiry_days"].get<std::int64_t>() > 365)
      return Bad("expiry_days", "an integer 1..365");
    s.expiry_days = j["expiry_days"].get<std::int32_t>();
  }
  return s;
}

json RetentionSettingsToJson(const RetentionSettings& s) {
  return {{"mode", s.mode == CounterMode::kBeat ? "beat" : "match"},
          {"beat_bp", s.beat_bp},
          {"strength_threshold", s.strength_threshold},
          {"levers", {{"money", s.lever_money}, {"compute", s.lever_compute}, {"team", s.lever_team}}},
          {"expiry_days", s.expiry_days}};
}

Result<Suggestion> SuggestCounter(const CurrentPackage& cur, const offers::OfferTerms& rival, double strength,
                                  const RetentionSettings& s, offers::Day today, offers::Day deadline) {
  if (rival.currency != cur.currency) return Status::InvalidInput("rival: convert it to the staff member's currency first");
  Suggestion out;
  out.beat = s.mode == CounterMode::kBeat && strength >= s.strength_threshold;
  const std::int32_t factor = out.beat ? 10000 + s.beat_bp : 10000;
  const std::string rule =
      out.beat ? "beat by " + std::to_string(s.beat_bp / 100) + "." + (s.beat_bp % 100 < 10 ? "0" : "") +
                     std::to_string(s.beat_bp % 100) + "% (strength " + std::to_string(strength).substr(0, 4) +
                     " ≥ " + std::to_string(s.strength_threshold).substr(0, 4) + ")"
      : s.mode == CounterMode::kBeat
          ? "match (strength " + (strength < 0 ? std::string("unknown") : std::to_string(strength).substr(0, 4)) +
                " below " + std::to_string(s.strength_threshold).substr(0, 4) + ")"
          : std::string("match (policy)");
  out.reasons.push_back("policy: " + rule);

  const offers::Day from = rival.start_day > 0 ? rival.start_day : today;
  ST_ASSIGN_OR_RETURN(offers::ValueTable rv, offers::ComputeValueTable(rival));
  out.target_four_year = Scale(rv.four_year, factor, offers::Rounding::kFloor);

  offers::OfferTerms& t = out.terms;
  t.currency = cur.currency;
  t.base_salary_minor = cur.base_minor;
  t.target_bonus_bp = cur.target_bonus_bp;
  t.start_day = from;
  t.expiry_day = std::min(from, deadline > 0 ? deadline : today + s.expiry_days);
  t.title = "Retention counter-offer";
  t.equity.vesting = {0, offers::VestFrequency::kMonthly, 4, {}};

  if (s.lever_money) {
    const std::int64_t rival_base = Scale(rival.base_salary_minor, factor, offers::Rounding::kFloor);
    if (rival_base > cur.base_minor) {
      t.base_salary_minor = rival_base;
      out.reasons.push_back("base " + Money(cur.base_minor, cur.currency) + " → " + Money(rival_base, cur.currency) +
                            " (the rival's base" + (out.beat ? ", beaten)" : ", matched)"));
    } else {
      out.reasons.push_back("base kept at " + Money(cur.base_minor, cur.currency) + " (at or above the rival's " +
                            Money(rival.base_salary_minor, cur.currency) + ")");
    }
    // What the counter is worth over 4 years without a retention grant, the held equity kept.
    ST_ASSIGN_OR_RETURN(Side without, OfferSide(t, cur.equity ? &*cur.equity : nullptr, from));
    const std::int64_t gap = out.target_four_year - without.four_year;
    if (gap > 0) {
      t.equity.value_minor = gap;
      out.reasons.push_back("retention grant " + Money(gap, cur.currency) +
                            " vesting monthly over 4 years, no cliff: the 4-year total reaches " +
                            Money(out.target_four_year, cur.currency) + " (rival " +
                            Money(rv.four_year, cur.currency) + ")");
    } else {
      out.reasons.push_back("no retention grant: " + Money(without.four_year, cur.currency) +
                            " over 4 years already reaches " + Money(out.target_four_year, cur.currency));
    }
  } else {
    out.reasons.push_back("money lever off: pay unchanged");
  }
  if (rival.compute && rival.compute->gpus > 0) {
    if (s.lever_compute) {
      compute::ComputePromise p = *rival.compute;
      p.gpus = std::max<std::int64_t>(1, offers::MulDiv(p.gpus, factor, 10000, offers::Rounding::kFloor).value_or(p.gpus));
      p.site.clear();
      p.start_day = from;
      t.compute = p;
      out.reasons.push_back("compute: " + std::to_string(p.gpus) + " " + p.gpu_type + " (rival " +
                            std::to_string(rival.compute->gpus) + "), reserved on the ledger at approval");
    } else {
      out.reasons.push_back("compute lever off: the rival's " + std::to_string(rival.compute->gpus) + " " +
                            rival.compute->gpu_type + " not countered");
    }
  }
  if (rival.team && rival.team->headcount > 0) {
    if (s.lever_team) {
      offers::TeamPromise tp;
      tp.headcount = std::max(cur.team_size, (rival.team->headcount * factor + 9999) / 10000);
      tp.direct_reports_cap = rival.team->direct_reports_cap;
      t.team = tp;
      out.reasons.push_back("team: " + std::to_string(tp.headcount) + " people (rival " +
                            std::to_string(rival.team->headcount) + ")");
    } else {
      out.reasons.push_back("team lever off: the rival's team of " + std::to_string(rival.team->headcount) +
                            " not countered");
    }
  }
  ST_RETURN_IF_ERROR(offers::ValidateTerms(t));
  return out;
}

}  // namespace st::retention
