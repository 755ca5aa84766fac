#include "watch/risk_eval.h"

#include <algorithm>
#include <memory>

#include "watch/graph_diff.h"
#include "watch/risk_facts.h"

namespace st::watch {

RiskEvaluation EvaluateFlightRisk(const graph::GraphView& before, const graph::GraphView& after,
                                  const WatchSettings& settings, const FlightRiskWeights& weights) {
  RiskEvaluation ev;
  ev.as_of_year = LatestYear(before);
  MoveIndex moves(before, settings, ev.as_of_year);
  const std::vector<std::string> graph_pieces = {"coauthors_to_rival", "group_to_rival", "rising_output",
                                                 "career_stage"};
  std::vector<std::string> all_keys;
  for (auto k : FlightRiskPieceKeys()) all_keys.emplace_back(k);

  std::vector<GraphRiskFacts> facts;
  std::vector<bool> labels;
  for (graph::AuthorId a = 0; a < before.num_authors(); ++a) {
    const std::string_view id = before.AuthorOpenReviewId(a);
    if (id.empty()) continue;  // a key both versions agree on
    const std::string_view org_before = CurrentOrg(before, a);
    if (org_before.empty()) continue;
    const graph::AuthorId b = after.FindAuthorByExternalId(id);
    if (b == graph::kNone) continue;
    // Seen with an affiliation after the older version's last year: where they are is known.
    int last = 0;
    for (const auto& s : after.AuthorAffiliations(b)) last = std::max<int>(last, s.last_year);
    if (last <= ev.as_of_year) continue;
    facts.push_back(ComputeGraphRiskFacts(before, moves, a));
    labels.push_back(CurrentOrg(after, b) != org_before);
  }
  ev.population = facts.size();
  ev.moved = static_cast<size_t>(std::count(labels.begin(), labels.end(), true));

  const StaffRiskFacts unknown;  // nothing staff-side is known on public data
  auto auc_with = [&](const std::vector<std::string>& disabled) {
    std::vector<double> scores;
    scores.reserve(facts.size());
    for (const auto& f : facts) scores.push_back(ScoreFlightRisk(unknown, f, weights, 0, disabled).risk);
    auto l = std::make_unique<bool[]>(labels.size());
    for (size_t i = 0; i < labels.size(); ++i) l[i] = labels[i];
    return RocAuc(scores, std::span<const bool>(l.get(), labels.size()));
  };
  ev.auc = auc_with({});
  for (const auto& p : graph_pieces) {
    ev.without.push_back({p, auc_with({p})});
    std::vector<std::string> others;
    for (const auto& k : all_keys)
      if (k != p) others.push_back(k);
    ev.only.push_back({p, auc_with(others)});
  }
  return ev;
}

}  // namespace st::watch
