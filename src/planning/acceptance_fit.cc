#include "planning/acceptance_fit.h"

#include <algorithm>
#include <cmath>

#include <Eigen/Dense>

namespace st::planning {
namespace {

constexpr int kParams = kFeatureCount + 1;  // intercept first
using Vec = Eigen::Matrix<double, kParams, 1>;
using Mat = Eigen::Matrix<double, kParams, kParams>;

Vec ToVec(const AcceptanceWeights& w) {
  Vec v;
  v(0) = w.intercept;
  for (int j = 0; j < kFeatureCount; ++j) v(j + 1) = w.w[j];
  return v;
}

AcceptanceWeights FromVec(const Vec& v) {
  AcceptanceWeights w;
  w.intercept = v(0);
  for (int j = 0; j < kFeatureCount; ++j) w.w[j] = v(j + 1);
  return w;
}

bool Constrained(int param) {
  for (Feature f : kMonotoneFeatures)
    if (param == static_cast<int>(f) + 1) return true;
  return false;
}

void Project(Vec& v) {
  for (int k = 0; k < kParams; ++k)
    if (Constrained(k)) v(k) = std::max(0.0, v(k));
}

// ln(1 + e^z) without overflow.
double Softplus(double z) { return z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z)); }

struct Problem {
  Eigen::MatrixXd X;  // n × kParams, first column 1
  Eigen::VectorXd y;
  Vec prior;
  double lambda;

  double Objective(const Vec& theta) const {
    Eigen::VectorXd z = X * theta;
    double f = 0;
    for (Eigen::Index i = 0; i < z.size(); ++i) f += Softplus(z(i)) - y(i) * z(i);
    return f + 0.5 * lambda * (theta - prior).squaredNorm();
  }
};

}  // namespace

AcceptanceWeights FitLogistic(const std::vector<Outcome>& outcomes, const AcceptanceWeights& prior, double lambda,
                              int* iterations) {
  Problem pb;
  const auto n = static_cast<Eigen::Index>(outcomes.size());
  pb.X.resize(n, kParams);
  pb.y.resize(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    pb.X(i, 0) = 1.0;
    for (int j = 0; j < kFeatureCount; ++j) pb.X(i, j + 1) = outcomes[i].x[j];
    pb.y(i) = outcomes[i].accepted ? 1.0 : 0.0;
  }
  pb.prior = ToVec(prior);
  pb.lambda = std::max(lambda, 1e-9);  // a tiny ridge keeps H invertible when a feature never varies

  Vec theta = pb.prior;
  Project(theta);
  double f = pb.Objective(theta);
  int it = 0;
  for (; it < 100; ++it) {
    Eigen::VectorXd z = pb.X * theta;
    Eigen::VectorXd p = z.unaryExpr([](double v) { return Sigmoid(v); });
    Eigen::VectorXd wgt = p.array() * (1.0 - p.array());
    Vec g = pb.X.transpose() * (p - pb.y) + pb.lambda * (theta - pb.prior);
    Mat h = pb.X.transpose() * wgt.asDiagonal() * pb.X;
    h.diagonal().array() += pb.lambda;
    // Active set: a constrained weight at its bound whose gradient pushes it further down stays there.
    std::array<bool, kParams> active{};
    for (int k = 0; k < kParams; ++k) active[k] = Constrained(k) && theta(k) <= 1e-12 && g(k) > 0;
    Mat hf = h;
    Vec gf = g;
    for (int k = 0; k < kParams; ++k) {
      if (!active[k]) continue;
      hf.row(k).setZero();
      hf.col(k).setZero();
      hf(k, k) = 1.0;
      gf(k) = 0.0;
    }
    Vec d = hf.ldlt().solve(-gf);
    // Backtracking along the projected path (Armijo on the projected step).
    double t = 1.0;
    Vec next;
    double f_next = f;
    for (int ls = 0; ls < 40; ++ls, t *= 0.5) {
      next = theta + t * d;
      Project(next);
      f_next = pb.Objective(next);
      if (f_next <= f + 1e-4 * g.dot(next - theta)) break;
    }
    double step = (next - theta).cwiseAbs().maxCoeff();
    if (f_next > f) break;  // no descent possible: at the optimum up to rounding
    theta = next;
    f = f_next;
    if (step < 1e-10) {
      ++it;
      break;
    }
  }
  if (iterations) *iterations = it;
  return FromVec(theta);
}

Calibration Calibrate(const AcceptanceModel& model, const std::vector<Outcome>& outcomes, int bins) {
  Calibration c;
  c.count = static_cast<int>(outcomes.size());
  c.bins.resize(bins);
  for (int b = 0; b < bins; ++b) c.bins[b].lo = double(b) / bins, c.bins[b].hi = double(b + 1) / bins;
  for (const Outcome& o : outcomes) {
    double p = model.Probability(o.x);
    double y = o.accepted ? 1.0 : 0.0;
    c.brier += (p - y) * (p - y);
    double pc = std::clamp(p, 1e-12, 1 - 1e-12);
    c.log_loss -= y * std::log(pc) + (1 - y) * std::log(1 - pc);
    auto& bin = c.bins[std::min(bins - 1, static_cast<int>(p * bins))];
    ++bin.count;
    bin.mean_predicted += p;
    bin.observed_rate += y;
  }
  if (c.count > 0) c.brier /= c.count, c.log_loss /= c.count;
  for (auto& bin : c.bins)
    if (bin.count > 0) bin.mean_predicted /= bin.count, bin.observed_rate /= bin.count;
  return c;
}

FitReport FitAcceptance(const std::vector<Outcome>& outcomes, const AcceptanceWeights& prior,
                        const FitOptions& options) {
  FitReport r;
  r.weights = prior;
  r.train_weights = prior;
  int accepted = 0;
  for (const Outcome& o : outcomes) accepted += o.accepted;
  int declined = static_cast<int>(outcomes.size()) - accepted;
  if (static_cast<int>(outcomes.size()) < options.min_outcomes) {
    r.reason = "kept the prior: " + std::to_string(outcomes.size()) + " outcomes recorded, " +
               std::to_string(options.min_outcomes) + " needed";
    return r;
  }
  if (accepted < options.min_per_class || declined < options.min_per_class) {
    r.reason = "kept the prior: " + std::to_string(accepted) + " accepted and " + std::to_string(declined) +
               " declined; " + std::to_string(options.min_per_class) + " of each needed";
    return r;
  }
  size_t holdout = static_cast<size_t>(std::ceil(outcomes.size() * std::clamp(options.holdout_fraction, 0.05, 0.5)));
  std::vector<Outcome> train(outcomes.begin(), outcomes.end() - holdout);
  std::vector<Outcome> held(outcomes.end() - holdout, outcomes.end());
  r.train_count = static_cast<int>(train.size());
  r.holdout_count = static_cast<int>(held.size());
  r.train_weights = FitLogistic(train, prior, options.lambda);
  r.holdout_prior = Calibrate(AcceptanceModel(prior), held);
  r.holdout_fitted = Calibrate(AcceptanceModel(r.train_weights), held);
  if (r.holdout_fitted.brier > r.holdout_prior.brier) {
    r.reason = "kept the prior: the fit's held-out Brier score " + std::to_string(r.holdout_fitted.brier) +
               " is worse than the prior's " + std::to_string(r.holdout_prior.brier);
    return r;
  }
  r.weights = FitLogistic(outcomes, prior, options.lambda, &r.iterations);
  r.used_fit = true;
  r.reason = "fitted to " + std::to_string(outcomes.size()) + " outcomes (held-out Brier " +
             std::to_string(r.holdout_fitted.brier) + " vs the prior's " + std::to_string(r.holdout_prior.brier) + ")";
  return r;
}

}  // namespace st::planning
