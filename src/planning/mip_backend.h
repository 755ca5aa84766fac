// The small interface between the optimiser and an LP/MIP solver (COIN-OR CBC in cbc_solver.cc, the one
// file that includes it). The model is always a multiple-choice knapsack (mckp.h): one option or none per
// group (exactly one for required groups), resource rows ≤ capacity, maximise profit.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "planning/mckp.h"

namespace st::planning {

struct LpSolution {
  double objective = 0;                // the LP relaxation's optimum (an upper bound)
  std::vector<double> x;               // per option, in [0, 1]
  std::vector<double> resource_duals;  // per resource, >= 0: profit per extra unit of capacity
};

struct MipOptions {
  double time_limit_seconds = 10;  // wall clock (or CPU seconds with cpu_clock)
  bool cpu_clock = false;
  double absolute_gap = 0;         // stop once bound − incumbent ≤ this
  const Choice* warm_start = nullptr;  // a feasible choice to start from (optional)
  // true: the solver's own default strategy, as its command line would run it (the benchmark's
  // "CBC alone"); false: branch-and-cut with a fixed set of cut generators, safe to run on many threads.
  bool solver_defaults = false;
};

struct MipSolution {
  Choice choice;        // empty if no feasible plan was found
  double objective = 0;
  double bound = 0;     // proven upper bound on the optimum
  bool proven_optimal = false;
  bool proven_infeasible = false;
  bool time_limit_reached = false;
};

// Implementations are thread-safe: concurrent calls on one backend are allowed.
class MipBackend {
 public:
  virtual ~MipBackend() = default;
  // kInvalidInput "no plan fits ..." when even the relaxation is infeasible; kInternal on solver failure.
  virtual Result<LpSolution> SolveLp(const Mckp& m) const = 0;
  virtual Result<MipSolution> SolveMip(const Mckp& m, const MipOptions& options) const = 0;
  virtual std::string Name() const = 0;
};

}  // namespace st::planning
