// Validation of flight risk on the scholarly record: between an older and a
// newer graph version, people whose organisation changed are known. Score
// everyone from the older version only (what the system knew before the
// move), then measure how well the score ranks the people who then moved
// (ROC AUC), with all pieces and with each graph piece removed (ablation).
// Staff-side pieces (offers, equity, raises, managers) are unknown on public
// data and add nothing here. Reads mapped graphs only.
#pragma once

#include <string>
#include <vector>

#include "graph/view.h"
#include "watch/flight_risk.h"
#include "watch/settings.h"

namespace st::watch {

struct RiskEvaluation {
  int as_of_year = 0;          // the older version's latest year
  size_t population = 0;       // people with a known organisation in both, seen again after as_of_year
  size_t moved = 0;            // of them, organisation changed
  double auc = 0.5;            // all pieces
  struct Ablation {
    std::string removed;       // piece key
    double auc = 0.5;
  };
  std::vector<Ablation> without;  // one per graph piece
  std::vector<Ablation> only;     // each graph piece alone
};

RiskEvaluation EvaluateFlightRisk(const graph::GraphView& before, const graph::GraphView& after,
                                  const WatchSettings& settings, const FlightRiskWeights& weights);

}  // namespace st::watch
