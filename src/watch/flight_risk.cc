#include "watch/flight_risk.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace st::watch {
namespace {

constexpr std::string_view kKeys[] = {"coauthors_to_rival", "group_to_rival", "rival_offer",   "vesting_soon",
                                      "since_raise",        "rising_output",  "manager_over_cap", "career_stage"};

// Fixed-term stages (lower case, matched as words' starts): the contract or degree ends, so people move.
bool FixedTermStage(std::string title) {
  for (char& c : title) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* w : {"student", "phd", "ph.d", "intern", "postdoc", "post-doc", "postdoctoral", "resident",
                        "visiting", "master", "undergraduate"})
    if (title.find(w) != std::string::npos) return true;
  return false;
}

double Clamp01(double x) { return std::clamp(x, 0.0, 1.0); }

std::string Fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

}  // namespace

std::span<const std::string_view> FlightRiskPieceKeys() { return kKeys; }

Result<FlightRiskWeights> FlightRiskWeights::FromJson(std::string_view text) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::InvalidInput("flight_risk settings must be a JSON object");
  FlightRiskWeights w;
  auto weight = [](const nlohmann::json& v, const std::string& key, double* out) -> Status {
    if (!v.is_number() || v.get<double>() < 0 || v.get<double>() > 100 || !std::isfinite(v.get<double>()))
      return Status::InvalidInput("flight_risk." + key + " must be a number between 0 and 100");
    *out = v.get<double>();
    return Status::Ok();
  };
  auto integer = [](const nlohmann::json& v, const std::string& key, int lo, int hi, int* out) -> Status {
    if (!v.is_number_integer() || v.get<std::int64_t>() < lo || v.get<std::int64_t>() > hi)
      return Status::InvalidInput("flight_risk." + key + " must be an integer between " + std::to_string(lo) +
                                  " and " + std::to_string(hi));
    *out = static_cast<int>(v.get<std::int64_t>());
    return Status::Ok();
  };
  for (auto& [key, v] : j.items()) {
    if (key == "coauthors_to_rival") ST_RETURN_IF_ERROR(weight(v, key, &w.coauthors_to_rival));
    else if (key == "group_to_rival") ST_RETURN_IF_ERROR(weight(v, key, &w.group_to_rival));
    else if (key == "rival_offer") ST_RETURN_IF_ERROR(weight(v, key, &w.rival_offer));
    else if (key == "vesting_soon") ST_RETURN_IF_ERROR(weight(v, key, &w.vesting_soon));
    else if (key == "since_raise") ST_RETURN_IF_ERROR(weight(v, key, &w.since_raise));
    else if (key == "rising_output") ST_RETURN_IF_ERROR(weight(v, key, &w.rising_output));
    else if (key == "manager_over_cap") ST_RETURN_IF_ERROR(weight(v, key, &w.manager_over_cap));
    else if (key == "career_stage") ST_RETURN_IF_ERROR(weight(v, key, &w.career_stage));
    else if (key == "coauthors_cap") ST_RETURN_IF_ERROR(integer(v, key, 1, 1000, &w.coauthors_cap));
    else if (key == "group_cap") ST_RETURN_IF_ERROR(integer(v, key, 1, 10000, &w.group_cap));
    else if (key == "vesting_horizon_days") ST_RETURN_IF_ERROR(integer(v, key, 1, 3650, &w.vesting_horizon_days));
    else if (key == "raise_grace_months") ST_RETURN_IF_ERROR(integer(v, key, 0, 120, &w.raise_grace_months));
    else return Status::InvalidInput("flight_risk." + key + " is not a known setting");
  }
  return w;
}

std::string FlightRiskWeights::ToJson() const {
  return nlohmann::json{{"coauthors_to_rival", coauthors_to_rival},
                        {"group_to_rival", group_to_rival},
                        {"rival_offer", rival_offer},
                        {"vesting_soon", vesting_soon},
                        {"since_raise", since_raise},
                        {"rising_output", rising_output},
                        {"manager_over_cap", manager_over_cap},
                        {"career_stage", career_stage},
                        {"coauthors_cap", coauthors_cap},
                        {"group_cap", group_cap},
                        {"vesting_horizon_days", vesting_horizon_days},
                        {"raise_grace_months", raise_grace_months}}
      .dump();
}

FlightRisk ScoreFlightRisk(const StaffRiskFacts& s, const GraphRiskFacts& g, const FlightRiskWeights& w,
                           std::int32_t today, std::span<const std::string> disabled) {
  FlightRisk out;
  auto add = [&](std::string_view key, const char* label, double weight, bool known, double feature,
                 std::string evidence) {
    RiskPiece p;
    p.key = key;
    p.label = label;
    p.known = known;
    p.weight = weight;
    p.feature = known ? Clamp01(feature) : 0;
    const bool off = std::find(disabled.begin(), disabled.end(), key) != disabled.end();
    p.points = off ? 0 : p.weight * p.feature;
    p.evidence = std::move(evidence);
    out.points += p.points;
    out.pieces.push_back(std::move(p));
  };
  const std::string unlinked = "not linked to a talent-graph author";

  {
    std::string ev = unlinked;
    if (g.linked) {
      ev = std::to_string(g.coauthors_to_rival) + " co-author(s) moved to a rival lab in the last 24 months";
      for (size_t i = 0; i < g.coauthor_examples.size(); ++i) ev += (i ? "; " : ": ") + g.coauthor_examples[i];
    }
    add(kKeys[0], "Co-authors who moved to a rival", w.coauthors_to_rival, g.linked,
        static_cast<double>(std::min(g.coauthors_to_rival, w.coauthors_cap)) / w.coauthors_cap, ev);
  }
  add(kKeys[1], "Rivals hiring from the same group", w.group_to_rival, g.linked,
      static_cast<double>(std::min(g.group_to_rival, w.group_cap)) / w.group_cap,
      !g.linked ? unlinked
      : g.group_institution.empty()
          ? "no institution known"
          : std::to_string(g.group_to_rival) + " people from " + g.group_institution +
                " moved to a rival lab in the last 24 months");
  add(kKeys[2], "Rival offer on file", w.rival_offer, s.rival_offer_known, s.rival_offer_on_file ? 1 : 0,
      !s.rival_offer_known ? "unknown: no rival offers recorded on this system yet"
      : s.rival_offer_on_file ? "a rival offer is on file"
                              : "no rival offer on file");
  {
    const bool known = s.equity_fully_vested_day != 0;
    const std::int32_t left = s.equity_fully_vested_day - today;
    const double f = known ? 1.0 - static_cast<double>(std::max(0, left)) / w.vesting_horizon_days : 0;
    add(kKeys[3], "Equity finishing vesting soon", w.vesting_soon, known, f,
        !known       ? "unknown: no equity schedule on file"
        : left <= 0  ? "equity is fully vested (nothing left to wait for)"
                     : "equity fully vested in " + std::to_string(left) + " days");
  }
  {
    const bool known = s.last_raise_day != 0;
    const double months = known ? (today - s.last_raise_day) / 30.44 : 0;
    add(kKeys[4], "Time since last raise or refresher", w.since_raise, known,
        (months - w.raise_grace_months) / 12.0,
        known ? Fmt("%.0f months since the last raise or refresher", months)
              : "unknown: no raise or refresher date on file");
  }
  {
    // A rise in output (papers in the last 2 years against the 2 before, smoothed
    // by 2 papers) or in citations (smoothed by 10): becoming visible.
    const double out_rise = static_cast<double>(g.works_recent - g.works_before) / (g.works_before + 2);
    double cite_rise = 0;
    const bool cites = g.cites_recent >= 0 && g.cites_before >= 0;
    if (cites) cite_rise = static_cast<double>(g.cites_recent - g.cites_before) / (g.cites_before + 10);
    std::string ev = unlinked;
    if (g.linked) {
      ev = std::to_string(g.works_recent) + " papers in the last 2 years vs " + std::to_string(g.works_before) +
           " in the 2 before";
      ev += cites ? "; citations " + std::to_string(g.cites_recent) + " vs " + std::to_string(g.cites_before)
                  : "; citations by year unknown";
    }
    add(kKeys[5], "Recent rise in output or citations", w.rising_output, g.linked, std::max(out_rise, cite_rise), ev);
  }
  add(kKeys[6], "Manager over the reporting cap", w.manager_over_cap, s.manager_known, s.manager_over_cap ? 1 : 0,
      !s.manager_known     ? "unknown: no manager on file"
      : s.manager_over_cap ? "their manager has more direct reports than the cap"
                           : "their manager is within the cap");
  {
    // The title on file wins; else the position the scholarly record gives.
    const std::string& title = !s.title.empty() ? s.title : g.position_title;
    const bool fixed = FixedTermStage(title);
    add(kKeys[7], "Fixed-term career stage", w.career_stage, !title.empty(), fixed ? 1 : 0,
        title.empty() ? "unknown: no title or position on file"
        : fixed       ? "\"" + title + "\": a fixed-term stage (degree, internship, postdoc) that ends in a move"
                      : "\"" + title + "\": not a fixed-term stage");
  }
  out.risk = 1.0 - std::exp(-out.points);
  return out;
}

double RocAuc(std::span<const double> scores, std::span<const bool> labels) {
  std::vector<size_t> idx(scores.size());
  for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return scores[a] < scores[b]; });
  // Mann-Whitney U with mid-ranks for ties.
  double rank_sum_pos = 0;
  size_t pos = 0, neg = 0;
  for (size_t i = 0; i < idx.size();) {
    size_t j = i;
    while (j < idx.size() && scores[idx[j]] == scores[idx[i]]) ++j;
    const double mid = (static_cast<double>(i) + static_cast<double>(j - 1)) / 2.0 + 1.0;
    for (size_t k = i; k < j; ++k) {
      if (labels[idx[k]]) rank_sum_pos += mid, ++pos;
      else ++neg;
    }
    i = j;
  }
  if (pos == 0 || neg == 0) return 0.5;
  return (rank_sum_pos - static_cast<double>(pos) * (pos + 1) / 2.0) / (static_cast<double>(pos) * neg);
}

}  // namespace st::watch
