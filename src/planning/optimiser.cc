#include "planning/optimiser.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cmath>
#include <functional>
#include <limits>

#include "planning/enumerate.h"
#include "planning/heuristics.h"
#include "planning/mckp.h"

namespace st::planning {
namespace {

// Wall-clock or this thread's CPU seconds (OptimiseOptions::cpu_clock).
struct Stopwatch {
  bool cpu = false;
  double Now() const {
    if (!cpu) return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
  }
};

double RelativeGap(double bound, double objective) {
  if (!std::isfinite(bound)) return std::numeric_limits<double>::infinity();
  double den = std::max(std::abs(bound), 1e-12);
  return std::max(0.0, bound - objective) / den;
}

// Per resource: can the required candidates' cheapest options fit at all?
Status CheckObviousInfeasibility(const PlanInstance& in, const Mckp& m) {
  for (int r = 0; r < m.resources; ++r) {
    const Resource& res = in.resources[r];
    if (res.capacity < 0)
      return Status::InvalidInput("no plan fits: resource '" + res.name + "' has capacity " +
                                  std::to_string(res.capacity) + " (already over-committed)");
    double need = 0;
    std::string who;
    for (int i = 0; i < m.groups(); ++i) {
      if (!m.required[i]) continue;
      double least = std::numeric_limits<double>::infinity();
      for (uint32_t k = m.start[i]; k < m.start[i + 1]; ++k) least = std::min(least, m.w(k)[r]);
      if (least > 0) {
        need += least;
        if (who.size() < 200) who += (who.empty() ? "" : ", ") + in.candidates[i].id;
      }
    }
    if (need > m.capacity[r] + Tolerance(m.capacity[r]))
      return Status::InvalidInput("no plan fits: the offers already out (" + who + ") need at least " +
                                  std::to_string(static_cast<int64_t>(std::ceil(need))) + " of '" + res.name +
                                  "', capacity " + std::to_string(res.capacity));
  }
  return Status::Ok();
}

// The undecided part after reduced-cost fixing, and how to map it back.
struct Residual {
  Mckp m;
  std::vector<int> group;         // residual group → full group
  std::vector<int32_t> option;    // residual option → full option
  Choice fixed;                   // full choice with the fixed groups set (free groups kNoOption)
  double fixed_profit = 0;
};

Residual Fix(const Mckp& m, const ReducedCosts& rc, double delta, const Choice& incumbent) {
  Residual res;
  res.m.resources = m.resources;
  res.m.capacity = m.capacity;
  res.m.start.push_back(0);
  res.fixed.assign(m.groups(), kNoOption);
  for (int i = 0; i < m.groups(); ++i) {
    int allowed = 0;
    int32_t only = kNoOption;
    bool none_allowed = rc.none[i] <= delta;
    allowed += none_allowed;
    for (uint32_t k = m.start[i]; k < m.start[i + 1]; ++k)
      if (rc.option[k] <= delta) ++allowed, only = static_cast<int32_t>(k);
    // The incumbent's own choice is always allowed (its reduced costs sum to at most delta).
    if (allowed <= 1) {
      int32_t pick = none_allowed ? kNoOption : only;
      if (allowed == 0) pick = incumbent[i];
      res.fixed[i] = pick;
      if (pick != kNoOption) {
        res.fixed_profit += m.profit[pick];
        for (int r = 0; r < m.resources; ++r) res.m.capacity[r] -= m.w(pick)[r];
      }
      continue;
    }
    res.group.push_back(i);
    for (uint32_t k = m.start[i]; k < m.start[i + 1]; ++k) {
      if (rc.option[k] > delta) continue;
      res.option.push_back(static_cast<int32_t>(k));
      res.m.profit.push_back(m.profit[k]);
      res.m.weight.insert(res.m.weight.end(), m.w(k), m.w(k) + m.resources);
      res.m.source.push_back(static_cast<int32_t>(k));
    }
    res.m.start.push_back(static_cast<uint32_t>(res.m.profit.size()));
    res.m.required.push_back(m.required[i] || !none_allowed ? 1 : 0);
  }
  return res;
}

void Report(const PlanInstance& in, const Mckp& m, const Choice& x, const std::vector<double>& lambda, Plan& plan) {
  plan.choice.assign(m.groups(), -1);
  std::vector<double> committed(m.resources, 0.0);
  for (int i = 0; i < m.groups(); ++i) {
    if (x[i] == kNoOption) continue;
    int32_t k = m.source[x[i]];
    plan.choice[i] = k;
    const PlanOption& o = in.candidates[i].options[k];
    plan.expected_hires += o.p_accept;
    ++plan.offers;
    for (int r = 0; r < m.resources; ++r) committed[r] += static_cast<double>(o.use[r]);
  }
  std::vector<double> used = Usage(m, x);
  for (int r = 0; r < m.resources; ++r) {
    ResourceReport rep;
    rep.name = in.resources[r].name;
    rep.unit = in.resources[r].unit;
    rep.capacity = in.resources[r].capacity;
    rep.used = used[r];
    rep.committed = committed[r];
    rep.marginal_value = r < static_cast<int>(lambda.size()) ? std::max(0.0, lambda[r]) : 0.0;
    // Binding: the relaxation values more of it, or what is left is less than any upgrade would need.
    double slack = m.capacity[r] - used[r];
    double smallest_step = std::numeric_limits<double>::infinity();
    for (int i = 0; i < m.groups(); ++i) {
      double cur = x[i] == kNoOption ? 0.0 : m.w(x[i])[r];
      double cur_p = x[i] == kNoOption ? 0.0 : m.profit[x[i]];
      for (uint32_t k = m.start[i]; k < m.start[i + 1]; ++k)
        if (m.profit[k] > cur_p && m.w(k)[r] > cur) smallest_step = std::min(smallest_step, m.w(k)[r] - cur);
    }
    rep.binding = rep.marginal_value > 1e-12 || slack < smallest_step;
    plan.resources.push_back(rep);
  }
}

}  // namespace

Result<Plan> Optimise(const PlanInstance& in, const MipBackend& backend, const OptimiseOptions& opt) {
  const Stopwatch clock{opt.cpu_clock};
  const double t0 = clock.Now();
  auto Since = [&](double t) { return clock.Now() - t; };
  ST_RETURN_IF_ERROR(in.Validate());
  Plan plan;
  Mckp m = BuildMckp(in, /*prune=*/opt.method != OptimiseMethod::kSolverOnly);
  for (const auto& c : in.candidates) plan.stats.options_in += static_cast<int>(c.options.size());
  plan.stats.options_after_pruning = m.options();
  ST_RETURN_IF_ERROR(CheckObviousInfeasibility(in, m));
  std::vector<double> lambda(m.resources, 0.0);
  Choice x;

  if (opt.method == OptimiseMethod::kSolverOnly) {
    MipOptions mo;
    mo.time_limit_seconds = opt.time_limit_seconds;
    mo.solver_defaults = true;
    mo.cpu_clock = opt.cpu_clock;
    // The absolute gap is set from the LP bound so the solver stops at the same relative gap.
    if (opt.relative_gap > 0) {
      ST_ASSIGN_OR_RETURN(LpSolution lp, backend.SolveLp(m));
      mo.absolute_gap = opt.relative_gap * std::abs(lp.objective);
    }
    const double tm = clock.Now();
    ST_ASSIGN_OR_RETURN(MipSolution s, backend.SolveMip(m, mo));
    plan.stats.mip_seconds = Since(tm);
    if (s.choice.empty()) {
      if (s.proven_infeasible) return Status::InvalidInput("no plan fits the resource limits");
      return Status::ResourceExhausted("no plan found within " + std::to_string(opt.time_limit_seconds) + " s");
    }
    x = s.choice;
    // CBC works to its own feasibility tolerance (1e-7 of a scaled row: dollars on a $1B budget).
    if (!Feasible(m, x)) return Status::Internal("CBC returned a plan over a resource limit (solver tolerance)");
    plan.objective = Profit(m, x);
    plan.bound = std::max(s.bound, plan.objective);
    plan.proven_optimal = s.proven_optimal;
    plan.stats.stopped_by = s.proven_optimal ? "proven optimal" : s.time_limit_reached ? "time limit" : "gap reached";
  } else if (opt.method == OptimiseMethod::kValueGreedy || opt.method == OptimiseMethod::kHullGreedy) {
    const double th = clock.Now();
    if (opt.method == OptimiseMethod::kValueGreedy) {
      x = ValuePerCostGreedy(m);
      plan.bound = std::numeric_limits<double>::infinity();
    } else {
      std::vector<double> cw = CapacityShareWeights(m);
      x = HullGreedy(m, cw);
      Improve(m, cw, x);
      plan.bound = std::numeric_limits<double>::infinity();
    }
    plan.stats.heuristic_seconds = Since(th);
    if (!Feasible(m, x)) return Status::InvalidInput("no plan fits: the heuristic could not place the offers already out");
    plan.objective = Profit(m, x);
    plan.stats.heuristic_objective = plan.objective;
    plan.stats.stopped_by = "heuristic";
  } else {
    // 1. The LP relaxation: bound and prices.
    const double tl = clock.Now();
    ST_ASSIGN_OR_RETURN(LpSolution lp, backend.SolveLp(m));
    plan.stats.lp_seconds = Since(tl);
    lambda = lp.resource_duals;
    double bound = LagrangianBound(m, lambda);  // valid for any λ >= 0, whatever the LP's tolerances
    plan.stats.lp_bound = bound;
    // 2. A plan: the greedy over the LP hull at the LP's prices (and at capacity shares), improved.
    const double th = clock.Now();
    double best = -1;
    for (const auto& cw : {lambda, CapacityShareWeights(m)}) {
      Choice c = HullGreedy(m, cw);
      if (!Feasible(m, c)) continue;
      double p = Improve(m, lambda, c);
      if (p > best) best = p, x = std::move(c);
    }
    plan.stats.heuristic_seconds = Since(th);
    if (x.empty()) {
      // Required groups that the greedy could not place: let the exact search decide.
      MipOptions mo;
      mo.time_limit_seconds = std::max(0.01, opt.time_limit_seconds - Since(t0));
      mo.cpu_clock = opt.cpu_clock;
      ST_ASSIGN_OR_RETURN(MipSolution s, backend.SolveMip(m, mo));
      if (s.choice.empty())
        return Status::InvalidInput(s.proven_infeasible ? "no plan fits: the offers already out cannot all be kept "
                                                          "within the resource limits"
                                                        : "no plan found within the time limit");
      x = s.choice;
      if (!Feasible(m, x)) return Status::Internal("CBC returned a plan over a resource limit (solver tolerance)");
      best = Profit(m, x);
    }
    plan.stats.heuristic_objective = best;
    plan.objective = best;
    plan.bound = std::max(bound, best);
    plan.stats.stopped_by = "gap reached";
    // 3. Our exact search: reduced-cost enumeration (enumerate.h) for up to 95% of the time left (CBC, on what reduced-cost fixing leaves, gets the rest). It raises
    //    the plan and lowers the bound; when it completes, the plan is proven optimal.
    if (RelativeGap(plan.bound, plan.objective) > opt.relative_gap) {
      const double te = clock.Now();
      const double deadline = te + 0.95 * std::max(0.0, opt.time_limit_seconds - (te - t0));
      const std::function<bool()> out_of_time = [&] { return clock.Now() > deadline; };
      EnumerationResult e = EnumerateByReducedCost(m, lambda, bound, plan.objective,
                                                   opt.relative_gap * std::max(0.0, plan.bound), out_of_time);
      plan.stats.enumeration_seconds = Since(te);
      plan.stats.enumeration_nodes = e.nodes;
      if (!e.best.empty() && e.best_profit > plan.objective) x = e.best, plan.objective = e.best_profit;
      plan.bound = std::min(plan.bound, std::max(plan.objective, std::min(e.bound, e.row_bound)));
      if (e.proven) {
        plan.bound = plan.objective;
        plan.proven_optimal = true;
        plan.stats.stopped_by = "proven optimal";
      }
    }
    // 4. Reduced-cost fixing, then the exact back-stop (CBC) on what is left.
    if (!plan.proven_optimal && RelativeGap(plan.bound, plan.objective) > opt.relative_gap) {
      const double eps = 1e-9 * std::max(1.0, std::abs(plan.bound));
      // From L(λ) itself, not the (possibly lower) bound after the enumeration: a better plan has
      // Σ d < L(λ) − objective, so only options with d above that are excluded.
      double delta = bound - plan.objective + eps;
      Residual res = Fix(m, ComputeReducedCosts(m, lambda), delta, x);
      plan.stats.free_candidates = res.m.groups();
      plan.stats.free_options = res.m.options();
      bool fits = true;
      for (int r = 0; r < m.resources; ++r) fits &= res.m.capacity[r] >= -Tolerance(m.capacity[r]);
      if (res.m.groups() == 0 || !fits) {
        // Nothing undecided (the fixed plan is the only candidate to beat the incumbent), or the fixed
        // part alone breaks a limit (no better plan exists).
        if (res.m.groups() == 0 && fits && Feasible(m, res.fixed) && Profit(m, res.fixed) > plan.objective)
          x = res.fixed, plan.objective = Profit(m, x);
        plan.bound = plan.objective;
        plan.proven_optimal = true;
        plan.stats.stopped_by = "proven optimal";
      } else {
        Choice warm(res.m.groups());
        for (int g = 0; g < res.m.groups(); ++g) {
          warm[g] = kNoOption;
          for (uint32_t k = res.m.start[g]; k < res.m.start[g + 1]; ++k)
            if (res.option[k] == x[res.group[g]]) warm[g] = static_cast<int32_t>(k);
        }
        MipOptions mo;
        mo.time_limit_seconds = std::max(0.01, opt.time_limit_seconds - Since(t0));
        mo.absolute_gap = opt.relative_gap * plan.bound;
        mo.warm_start = Feasible(res.m, warm) ? &warm : nullptr;
        mo.cpu_clock = opt.cpu_clock;
        const double tm = clock.Now();
        ST_ASSIGN_OR_RETURN(MipSolution s, backend.SolveMip(res.m, mo));
        plan.stats.mip_seconds = Since(tm);
        if (!s.choice.empty() && res.fixed_profit + s.objective > plan.objective) {
          Choice y = res.fixed;
          for (int g = 0; g < res.m.groups(); ++g)
            if (s.choice[g] != kNoOption) y[res.group[g]] = res.option[s.choice[g]];
          if (Feasible(m, y)) x = std::move(y), plan.objective = Profit(m, x);
        }
        // CBC's optimum counts only if its plan passed our exact fit test (or was no better than ours).
        const bool cbc_plan_held = s.choice.empty() || res.fixed_profit + s.objective <=
                                                            plan.objective + 1e-9 * std::max(1.0, std::abs(plan.objective));
        if ((s.proven_optimal && cbc_plan_held) || s.proven_infeasible) {
          plan.bound = plan.objective;
          plan.proven_optimal = true;
          plan.stats.stopped_by = "proven optimal";
        } else {
          // Any plan better than the incumbent lies in the residual: the optimum is at most this.
          plan.bound = std::min(plan.bound, std::max(plan.objective, res.fixed_profit + s.bound));
          plan.stats.stopped_by = s.time_limit_reached ? "time limit" : "gap reached";
        }
      }
    } else if (plan.bound - plan.objective <= 1e-9 * std::max(1.0, plan.bound)) {
      plan.proven_optimal = true;
      plan.stats.stopped_by = "proven optimal";
    }
  }
  plan.gap = RelativeGap(plan.bound, plan.objective);
  if (plan.gap == 0) plan.proven_optimal = true;
  Report(in, m, x, lambda, plan);
  plan.stats.seconds = Since(t0);
  return plan;
}

}  // namespace st::planning
