// Flight risk of own staff, explained: a score from evidence the system has,
// with every piece shown (value, weight, points, and "unknown" when the fact
// is missing). Pure: no graph, no store; the graph-side facts come from
// watch/risk_facts.h, the staff-side facts from the route's FillStaffRiskFacts.
//
// Model (docs/watch.md): points = Σ weight_i · feature_i with every feature in
// [0, 1]; risk = 1 − exp(−points), so pieces add up like hazards, the score
// stays in [0, 1), and an unknown piece adds nothing (it is listed as unknown).
// Thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace st::watch {

// Staff-side facts (the contract with the retention branch).
struct StaffRiskFacts {
  std::int64_t staff_id = 0;
  std::string author_id;                     // stable graph author key; "" = not linked
  bool rival_offer_known = false;            // false: no source for rival offers yet
  bool rival_offer_on_file = false;
  std::int32_t equity_fully_vested_day = 0;  // 0 = unknown; days as in compute/day.h
  std::int32_t last_raise_day = 0;           // last raise or refresher; 0 = unknown
  bool manager_known = false;
  bool manager_over_cap = false;             // from Store::GetTeamReport
  std::string title;                         // job title on file ("Research Intern", "Postdoc"); "" = unknown
};

// Graph-side facts for one author, as of a year (risk_facts.h computes them).
struct GraphRiskFacts {
  bool linked = false;              // the author was found in the graph
  int coauthors_to_rival = 0;       // co-authors who moved to a rival in the window
  std::vector<std::string> coauthor_examples;  // "Jane Doe → OpenAI (2024)", at most 3
  int group_to_rival = 0;           // others from the same institution who moved to a rival
  std::string group_institution;    // that institution
  int works_recent = 0, works_before = 0;          // last 2 years vs the 2 before
  std::int64_t cites_recent = -1, cites_before = -1;  // same windows; -1 unknown
  std::string position_title;       // the latest position the record gives ("PhD student"), may be empty
};

struct FlightRiskWeights {
  double coauthors_to_rival = 1.0;
  double group_to_rival = 0.8;
  double rival_offer = 2.5;
  double vesting_soon = 1.0;
  double since_raise = 0.8;
  double rising_output = 0.8;
  double manager_over_cap = 0.4;
  double career_stage = 1.5;  // a student, intern or postdoc: a fixed-term stage that ends in a move
  // Saturation points of the count features (feature = min(n, cap) / cap).
  int coauthors_cap = 3;
  int group_cap = 5;
  int vesting_horizon_days = 365;  // vesting ends within this many days: feature rises to 1 at 0 days
  int raise_grace_months = 12;     // no risk before; feature reaches 1 at grace + 12 months

  static Result<FlightRiskWeights> FromJson(std::string_view json);
  std::string ToJson() const;
};

struct RiskPiece {
  std::string key;          // "coauthors_to_rival", ...
  std::string label;        // for the page
  bool known = false;
  double feature = 0;       // 0..1
  double weight = 0;
  double points = 0;        // weight * feature
  std::string evidence;     // the numbers in words, or why it is unknown
};

struct FlightRisk {
  double risk = 0;          // 0..1
  double points = 0;
  std::vector<RiskPiece> pieces;
};

// `today` is a day number (compute/day.h); the graph windows use `now_year`.
// `disabled`: piece keys left out (for the ablation; normally empty).
FlightRisk ScoreFlightRisk(const StaffRiskFacts& staff, const GraphRiskFacts& graph, const FlightRiskWeights& w,
                           std::int32_t today, std::span<const std::string> disabled = {});

// The piece keys in display order.
std::span<const std::string_view> FlightRiskPieceKeys();

// Area under the ROC curve of `scores` for `labels` (ties count one half).
// 0.5 when one class is empty.
double RocAuc(std::span<const double> scores, std::span<const bool> labels);

}  // namespace st::watch
