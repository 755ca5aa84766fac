// The one file that includes COIN-OR (CBC, Clp, Cgl). Facts this relies on (../shared/DEPENDENCIES.md):
// CbcMain0/CbcMain1 keep static state and are not thread-safe (coin-or/Cbc#332), so the default path is
// CbcModel::branchAndBound per call; setNumberThreads(1) is not serial (0 is); setMaximumSeconds counts CPU
// time unless setUseElapsedTime(true); CbcModel copies the solver, so results are read from the model.
#include "planning/cbc_solver.h"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <string>

#include <CbcHeuristic.hpp>
#include <CbcHeuristicFPump.hpp>
#include <CbcModel.hpp>
#include <CglClique.hpp>
#include <CglGomory.hpp>
#include <CglKnapsackCover.hpp>
#include <CglMixedIntegerRounding2.hpp>
#include <CglProbing.hpp>
#include <CoinPackedMatrix.hpp>
#include <OsiClpSolverInterface.hpp>

namespace st::planning {
namespace {

// Rows: one per group (Σ x ≤ 1, = 1 when required), then one per resource, scaled by its own size so that
// cents (1e10 for a large package) and GPU counts (1e2) sit in similar ranges. Objective: minimise −profit.
struct Built {
  OsiClpSolverInterface solver;
  std::vector<double> row_scale;  // per resource row
};

void Build(const Mckp& m, Built& b) {
  const int n = m.options(), groups = m.groups(), rows = groups + m.resources;
  b.row_scale.assign(m.resources, 1.0);
  for (int r = 0; r < m.resources; ++r) {
    double s = std::max(1.0, std::abs(m.capacity[r]));
    for (int k = 0; k < n; ++k) s = std::max(s, m.w(k)[r] * 1e-3);  // keep coefficients ≤ 1e3
    b.row_scale[r] = s;
  }
  std::vector<int> col_start(n + 1), index;
  std::vector<double> value;
  index.reserve(static_cast<size_t>(n) * (1 + m.resources));
  value.reserve(index.capacity());
  for (int i = 0; i < groups; ++i) {
    for (uint32_t k = m.start[i]; k < m.start[i + 1]; ++k) {
      col_start[k] = static_cast<int>(index.size());
      index.push_back(i);
      value.push_back(1.0);
      for (int r = 0; r < m.resources; ++r) {
        if (m.w(k)[r] == 0) continue;
        index.push_back(groups + r);
        value.push_back(m.w(k)[r] / b.row_scale[r]);
      }
    }
  }
  col_start[n] = static_cast<int>(index.size());
  std::vector<int> lengths(n);
  for (int k = 0; k < n; ++k) lengths[k] = col_start[k + 1] - col_start[k];
  CoinPackedMatrix matrix(/*colordered=*/true, rows, n, col_start[n], value.data(), index.data(), col_start.data(),
                          lengths.data());
  std::vector<double> col_lo(n, 0.0), col_hi(n, 1.0), obj(n), row_lo(rows), row_hi(rows);
  for (int k = 0; k < n; ++k) obj[k] = -m.profit[k];
  const double inf = b.solver.getInfinity();
  for (int i = 0; i < groups; ++i) row_lo[i] = m.required[i] ? 1.0 : -inf, row_hi[i] = 1.0;
  for (int r = 0; r < m.resources; ++r) row_lo[groups + r] = -inf, row_hi[groups + r] = m.capacity[r] / b.row_scale[r];
  b.solver.messageHandler()->setLogLevel(0);
  b.solver.loadProblem(matrix, col_lo.data(), col_hi.data(), obj.data(), row_lo.data(), row_hi.data());
  b.solver.setObjSense(1.0);
}

Choice ToChoice(const Mckp& m, const double* x) {
  Choice c(m.groups(), kNoOption);
  for (int i = 0; i < m.groups(); ++i)
    for (uint32_t k = m.start[i]; k < m.start[i + 1]; ++k)
      if (x[k] > 0.5) c[i] = static_cast<int32_t>(k);
  return c;
}

std::mutex& CbcMainMutex() {
  static std::mutex mu;
  return mu;
}

class CbcBackend final : public MipBackend {
 public:
  std::string Name() const override { return "COIN-OR CBC " CBC_VERSION; }

  Result<LpSolution> SolveLp(const Mckp& m) const override {
    try {
      Built b;
      Build(m, b);
      b.solver.initialSolve();
      if (b.solver.isProvenPrimalInfeasible())
        return Status::InvalidInput("no plan fits: even fractional offers cannot meet the resource limits");
      if (!b.solver.isProvenOptimal()) return Status::Internal("CBC/Clp: the LP relaxation did not solve");
      LpSolution s;
      s.objective = -b.solver.getObjValue();
      const double* x = b.solver.getColSolution();
      s.x.assign(x, x + m.options());
      const double* duals = b.solver.getRowPrice();
      s.resource_duals.resize(m.resources);
      // Minimising −profit: a ≤ row's dual is ≤ 0; the profit of one more unit of capacity is its negation.
      for (int r = 0; r < m.resources; ++r)
        s.resource_duals[r] = std::max(0.0, -duals[m.groups() + r]) / b.row_scale[r];
      return s;
    } catch (const CoinError& e) {
      return Status::Internal("CBC/Clp: " + e.message());
    }
  }

  Result<MipSolution> SolveMip(const Mckp& m, const MipOptions& o) const override {
    try {
      Built b;
      Build(m, b);
      for (int k = 0; k < m.options(); ++k) b.solver.setInteger(k);
      return o.solver_defaults ? SolveWithDefaults(m, b, o) : SolveBranchAndCut(m, b, o);
    } catch (const CoinError& e) {
      return Status::Internal("CBC: " + e.message());
    }
  }

 private:
  static void Prepare(CbcModel& model, const Mckp& m, const MipOptions& o) {
    model.setLogLevel(0);
    model.messageHandler()->setLogLevel(0);
    model.setNumberThreads(0);
    model.setUseElapsedTime(!o.cpu_clock);
    model.setMaximumSeconds(std::max(0.01, o.time_limit_seconds));
    model.setAllowableGap(std::max(0.0, o.absolute_gap));
    model.setAllowableFractionGap(0.0);
    model.setAllowablePercentageGap(0.0);
    if (o.warm_start && o.warm_start->size() == static_cast<size_t>(m.groups())) {
      std::vector<double> x(m.options(), 0.0);
      for (int32_t k : *o.warm_start)
        if (k != kNoOption) x[k] = 1.0;
      model.setBestSolution(x.data(), m.options(), -Profit(m, *o.warm_start), /*check=*/true);
    }
  }

  static MipSolution Read(const CbcModel& model, const Mckp& m, double allowed_gap) {
    MipSolution s;
    s.proven_optimal = model.isProvenOptimal();
    s.proven_infeasible = model.isProvenInfeasible();
    s.time_limit_reached = model.isSecondsLimitReached();
    if (model.bestSolution() && model.getSolutionCount() > 0) {
      s.choice = ToChoice(m, model.bestSolution());
      s.objective = Profit(m, s.choice);
    }
    // isProvenOptimal() also holds when CBC stopped at the allowable gap: the bound is the search's best
    // possible value either way, and "optimal" means the bound has met the plan.
    double bound = std::max(-model.getBestPossibleObjValue(), s.objective);
    bool within = bound - s.objective <= 1e-9 * std::max(1.0, std::abs(s.objective));
    s.proven_optimal = s.proven_optimal && (allowed_gap <= 0 || within);
    s.bound = s.proven_optimal ? s.objective : bound;
    return s;
  }

  static Result<MipSolution> SolveBranchAndCut(const Mckp& m, Built& b, const MipOptions& o) {
    CbcModel model(b.solver);
    Prepare(model, m, o);
    CglProbing probing;
    probing.setUsingObjective(1);
    probing.setMaxPass(3);
    probing.setMaxProbe(100);
    probing.setMaxLook(50);
    CglGomory gomory;
    gomory.setLimit(100);
    CglKnapsackCover cover;
    CglClique clique;
    clique.setStarCliqueReport(false);  // it prints to stdout otherwise, whatever the log level
    clique.setRowCliqueReport(false);
    CglMixedIntegerRounding2 mir;
    model.addCutGenerator(&probing, -1, "Probing");
    model.addCutGenerator(&gomory, -1, "Gomory");
    model.addCutGenerator(&cover, -1, "KnapsackCover");
    model.addCutGenerator(&clique, -1, "Clique");
    model.addCutGenerator(&mir, -1, "MixedIntegerRounding2");
    CbcRounding rounding(model);
    model.addHeuristic(&rounding);
    CbcHeuristicFPump pump(model);
    model.addHeuristic(&pump);
    model.initialSolve();
    if (model.solver()->isProvenPrimalInfeasible()) {
      MipSolution s;
      s.proven_infeasible = true;
      return s;
    }
    model.branchAndBound();
    return Read(model, m, o.absolute_gap);
  }

  // CBC as its command line runs it (cuts, heuristics, preprocessing chosen by CBC). Serialised: CbcMain's
  // static argument state is shared by every caller in the process.
  static Result<MipSolution> SolveWithDefaults(const Mckp& m, Built& b, const MipOptions& o) {
    std::lock_guard<std::mutex> lock(CbcMainMutex());
    CbcModel model(b.solver);
    Prepare(model, m, o);
    CbcMain0(model);
    model.setLogLevel(0);
    std::string seconds = std::to_string(std::max(0.01, o.time_limit_seconds));
    std::string gap = std::to_string(std::max(0.0, o.absolute_gap));
    const char* argv[] = {"superteam", "-log", "0", "-timeMode", o.cpu_clock ? "cpu" : "elapsed", "-sec", seconds.c_str(),
                          "-allowableGap", gap.c_str(), "-ratioGap", "0", "-threads", "0", "-solve", "-quit"};
    CbcMain1(static_cast<int>(std::size(argv)), argv, model);
    return Read(model, m, o.absolute_gap);
  }
};

}  // namespace

std::unique_ptr<MipBackend> MakeCbcBackend() { return std::make_unique<CbcBackend>(); }

}  // namespace st::planning
