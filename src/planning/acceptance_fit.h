// Fitting the acceptance model to the campaign's recorded outcomes (accepted / declined offers, counter-offer
// outcomes), with calibration reported on held-out outcomes.
//
// The fit is an L2-regularised logistic regression that shrinks towards the prior, not towards zero:
//   minimise  Σ_i logloss(y_i, σ(b + w·x_i)) + (λ/2) · (‖w − w_prior‖² + (b − b_prior)²)
//   subject to w_money >= 0 and w_compute >= 0   (more money or GPUs never lowers P(accept))
// solved by projected Newton (Eigen; a few dozen iterations at most). With few outcomes the penalty keeps the
// weights near the published-evidence prior; with many the data decide.
//
// Pure, thread-safe.
#pragma once

#include <string>
#include <vector>

#include "planning/acceptance.h"

namespace st::planning {

struct Outcome {
  FeatureVector x{};
  bool accepted = false;
};

struct ReliabilityBin {
  double lo = 0, hi = 0;       // predicted-probability range [lo, hi)
  int count = 0;
  double mean_predicted = 0;   // 0 when count == 0
  double observed_rate = 0;
};
struct Calibration {
  int count = 0;
  double brier = 0;     // mean (p − y)²
  double log_loss = 0;  // mean −[y ln p + (1−y) ln(1−p)]
  std::vector<ReliabilityBin> bins;  // 10 equal-width bins
};
Calibration Calibrate(const AcceptanceModel& model, const std::vector<Outcome>& outcomes, int bins = 10);

struct FitOptions {
  double lambda = 5.0;           // strength of the pull towards the prior (in outcomes' worth of log loss)
  int min_outcomes = 40;         // fewer: keep the prior
  int min_per_class = 8;         // fewer accepted or fewer declined: keep the prior
  double holdout_fraction = 0.25;  // the most recent quarter (outcomes are in recording order) is held out
};

struct FitReport {
  AcceptanceWeights weights;   // what to use: fitted, or the prior when kept
  bool used_fit = false;
  std::string reason;          // why the prior was kept, or "fitted to N outcomes"
  int train_count = 0, holdout_count = 0;
  AcceptanceWeights train_weights;  // fitted on the training part only (what the held-out figures judge)
  Calibration holdout_prior;   // the prior on the held-out outcomes
  Calibration holdout_fitted;  // the training-part fit on the held-out outcomes
  int iterations = 0;
};

// Fits on the first (1 − holdout) outcomes, judges prior and fit on the rest, and — when the fit's held-out
// Brier score is no worse than the prior's — refits on all outcomes and uses that. Never fails: with too few
// outcomes (or only one class) the prior is kept and `reason` says why.
FitReport FitAcceptance(const std::vector<Outcome>& outcomes, const AcceptanceWeights& prior,
                        const FitOptions& options = {});

// The penalised fit alone (all outcomes), for tests and the report. `iterations` may be null.
AcceptanceWeights FitLogistic(const std::vector<Outcome>& outcomes, const AcceptanceWeights& prior, double lambda,
                              int* iterations = nullptr);

}  // namespace st::planning
