#include "planning/enumerate.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace st::planning {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// ε of enumerate.h.
double Slack(const Mckp& m, const std::vector<double>& lambda, double L) {
  double eps = 1e-9 * std::max(1.0, std::abs(L));
  for (int r = 0; r < m.resources; ++r) eps += 2 * std::max(0.0, lambda[r]) * Tolerance(m.capacity[r]);
  return eps;
}
// Each budget is this much larger than the last (measured at 1,000 × 12: a level costs ~7x the previous
// one; 2.0 overshoots the budget the time allows, 1.25 gets within 25% of it).
constexpr double kGrowth = 1.25;
// The completion bound is evaluated at nodes that have spent less than this share of the budget (at
// 1,000 × 12 it halves the nodes of a level; evaluated everywhere it costs more time than it saves).
constexpr double kBoundedShare = 0.6;

struct Deviation {
  double d;      // reduced cost above the group's base
  double dp;     // profit change
  int group;
  int32_t to;    // option (or kNoOption)
};

class Search {
 public:
  struct Step {
    double ratio;    // d per unit of the resource
    double amount;   // units freed (frees_) or used (fills_)
    uint32_t index;  // into dev_
  };

  Search(const Mckp& m, const std::vector<double>& lambda, double lagrangian_bound, double incumbent,
         double absolute_gap, const std::function<bool()>& out_of_time)
      : m_(m), L_(lagrangian_bound), slop_(Slack(m, lambda, lagrangian_bound)), z_(incumbent), out_of_time_(out_of_time) {
    absolute_gap_ = std::max(0.0, absolute_gap);
    const ReducedCosts rc = ComputeReducedCosts(m, lambda);
    const int n = m.groups();
    base_.assign(n, kNoOption);
    std::vector<double> base_d(n, kInf);
    for (int i = 0; i < n; ++i) {
      if (!m.required[i]) base_d[i] = rc.none[i];
      for (uint32_t k = m.start[i]; k < m.start[i + 1]; ++k)
        if (rc.option[k] < base_d[i]) base_d[i] = rc.option[k], base_[i] = static_cast<int32_t>(k);
    }
    base_profit_ = Profit(m, base_);
    usage_ = Usage(m, base_);
    // Deviations that could be part of a plan better than the incumbent.
    const double limit = max_limit_ = Limit();
    for (int i = 0; i < n; ++i) {
      auto add = [&](int32_t to, double d_abs) {
        if (to == base_[i]) return;
        double d = std::max(0.0, d_abs - base_d[i]);
        if (!(d <= limit)) return;
        dev_.push_back({d, P(to) - P(base_[i]), i, to});
      };
      if (!m.required[i]) add(kNoOption, rc.none[i]);
      for (uint32_t k = m.start[i]; k < m.start[i + 1]; ++k) add(static_cast<int32_t>(k), rc.option[k]);
    }
    std::sort(dev_.begin(), dev_.end(), [](const Deviation& a, const Deviation& b) { return a.d < b.d; });
    // A budget of every group's costliest deviation together enumerates every plan.
    std::vector<double> top(n, 0.0);
    for (const Deviation& v : dev_) top[v.group] = std::max(top[v.group], v.d);
    for (double d : top) everything_ += d;
    dw_.resize(dev_.size() * m.resources);
    for (size_t t = 0; t < dev_.size(); ++t)
      for (int r = 0; r < m.resources; ++r)
        dw_[t * m.resources + r] = W(dev_[t].to, r) - W(base_[dev_[t].group], r);
    for (int r = 0; r < m.resources; ++r) cap_.push_back(m.capacity[r] + 2 * Tolerance(m.capacity[r]));
    deviated_.assign(n, 0);
    // Per resource, the deviations that free some of it (by cost per unit freed) and those that use more
    // of it (by cost per unit used), for the completion bound.
    lambda_.resize(m.resources);
    rho_.assign(m.resources, 0.0);
    frees_.resize(m.resources);
    fills_.resize(m.resources);
    for (int r = 0; r < m.resources; ++r) {
      lambda_[r] = std::max(0.0, lambda[r]);
      for (size_t t = 0; t < dev_.size(); ++t) {
        const double dw = dw_[t * m.resources + r];
        if (dw < 0) frees_[r].push_back({dev_[t].d / -dw, -dw, static_cast<uint32_t>(t)});
        if (dw > 0 && lambda_[r] > 0 && dev_[t].d < lambda_[r] * dw) fills_[r].push_back({dev_[t].d / dw, dw, static_cast<uint32_t>(t)});
      }
      auto by_ratio = [](const Step& a, const Step& b) { return a.ratio < b.ratio; };
      std::sort(frees_[r].begin(), frees_[r].end(), by_ratio);
      std::sort(fills_[r].begin(), fills_[r].end(), by_ratio);
    }
    BuildRowTable(m);
  }

  EnumerationResult Run() {
    EnumerationResult res;
    double gap = L_ - z_ + slop_;
    double budget = std::isfinite(gap) ? std::max(gap / 1024, slop_) : 1e-6 * std::max(1.0, std::abs(L_));
    for (;;) {
      gap = L_ - z_ + slop_;
      const bool last = budget >= gap || budget > everything_;  // (the search itself stops at L − best)
      budget_ = budget;
      if (out_of_time_ && out_of_time_()) break;  // also polled between budgets
      Visit(0, 0.0, base_profit_);
      if (stopped_) break;
      res.budget_done = budget;
      if (last || budget >= L_ - z_ + slop_ || L_ - budget + slop_ - z_ <= absolute_gap_) {
        res.proven = last || budget >= L_ - z_ + slop_;
        break;
      }
      budget *= kGrowth;
    }
    res.nodes = nodes_;
    res.row_resource = row_;
    res.row_bound = L_ - (row_ >= 0 ? RowBound(0, usage_[row_]) : 0) + slop_;
    res.bound = res.proven ? z_ : L_ - res.budget_done + slop_;
    if (!best_.empty()) res.best = best_, res.best_profit = Profit(m_, best_);
    return res;
  }

 private:
  double P(int32_t k) const { return k == kNoOption ? 0.0 : m_.profit[k]; }
  double W(int32_t k, int r) const { return k == kNoOption ? 0.0 : m_.w(k)[r]; }
  // The integer-row table: for one resource r* whose deviations all change its use by whole numbers in a
  // small range (team slots), per position t in dev_ and per slack s of r* (capacity − use, a whole
  // number), the least Σ_C d + λ_r*·(s − Δ(C)) over sets C of deviations at positions >= t with Δ(C) <= s
  // (the slack of r* left at the end, priced; every other resource's slack term is >= 0 and dropped).
  // Group exclusivity is ignored (a relaxation). Any completion of a node at `from` with slack s adds at
  // least table(from, s) to D. Built backwards by a 0-1 knapsack DP over dev_ (exact sums of d).
  void BuildRowTable(const Mckp& m) {
    const int R = m.resources;
    const size_t N = dev_.size();
    // A set with Σ d within the largest limit has at most `most` deviations (dev_ is sorted by d), so it
    // and every subset of it — every state on its way through the DP — changes r's use by at most `most`
    // times the largest single change: the table needs no wider range.
    size_t most = 0;
    for (double sum = 0; most < N && (sum += dev_[most].d) <= max_limit_; ++most) {
    }
    int64_t best_size = kMaxTable + 1;
    for (int r = 0; r < R; ++r) {
      if (!(lambda_[r] > 0) || m.capacity[r] != std::floor(m.capacity[r])) continue;
      double lo = 0, hi = 0, down = 0, up = 0;
      bool whole = true;
      for (size_t t = 0; t < N && whole; ++t) {
        const double dw = dw_[t * R + r];
        whole = dw == std::floor(dw) && std::abs(dw) < 1e6;
        (dw < 0 ? lo : hi) += dw;
        down = std::min(down, dw), up = std::max(up, dw);
      }
      if (!whole) continue;
      lo = std::max(lo, down * static_cast<double>(most)), hi = std::min(hi, up * static_cast<double>(most));
      const int64_t size = static_cast<int64_t>(hi - lo + 1) * static_cast<int64_t>(N + 1);
      if (size < best_size) best_size = size, row_ = r, row_lo_ = static_cast<int64_t>(lo), row_hi_ = static_cast<int64_t>(hi);
    }
    if (row_ < 0) return;
    const int64_t width = row_hi_ - row_lo_ + 1;
    const double price = lambda_[row_];
    table_.assign(static_cast<size_t>(width) * (N + 1), kInf);
    std::vector<double> T(width, kInf), next(width);
    T[-row_lo_] = 0;  // the empty set
    auto store = [&](size_t t) {  // G_t(s) = min(T_t(s), G_t(s − 1) + λ)
      double* g = &table_[t * width];
      double run = kInf;
      for (int64_t a = 0; a < width; ++a) g[a] = run = std::min(T[a], run + price);
    };
    store(N);
    for (size_t t = N; t-- > 0;) {
      const int64_t step = static_cast<int64_t>(dw_[t * R + row_]);
      const double d = dev_[t].d;
      next = T;
      for (int64_t a = std::max<int64_t>(0, step); a < width && a - step < width; ++a)
        if (T[a - step] + d < next[a]) next[a] = T[a - step] + d;
      T.swap(next);
      store(t);
    }
  }
  // A lower bound on what completing a node at `from` with use `use` of r* adds to D (0 without a table).
  double RowBound(size_t from, double use) const {
    if (row_ < 0) return 0;
    const double slack = std::floor(m_.capacity[row_] - use + 0.5);
    const int64_t width = row_hi_ - row_lo_ + 1;
    int64_t a = static_cast<int64_t>(slack) - row_lo_;
    if (a < 0) return kInf;
    const double* g = &table_[from * width];
    if (a >= width) return g[width - 1] + lambda_[row_] * static_cast<double>(a - width + 1);
    return g[a];
  }

  // The most Σ d a better plan may have: the budget, and less than L − best known.
  double Limit() const { return std::min(budget_, L_ - z_ + slop_); }

  void Visit(size_t from, double spent, double profit) {
    if (stopped_) return;
    if ((++nodes_ & 4095) == 0 && out_of_time_ && out_of_time_()) {
      stopped_ = true;
      return;
    }
    if (profit > z_ - slop_ && Fits()) Record();  // Record() compares exact profits
    // The completion bound costs a scan of the deviation lists: worth it where the subtree below is large
    // (little of the budget spent yet), not near the leaves.
    if (from < dev_.size() && spent < kBoundedShare * Limit() && spent + CompletionBound(from, spent) > Limit()) return;
    const int R = m_.resources;
    for (size_t t = from; t < dev_.size(); ++t) {
      const Deviation& v = dev_[t];
      if (spent + v.d > Limit()) break;
      if (deviated_[v.group]) continue;
      if (row_ >= 0 && spent + v.d + RowBound(t + 1, usage_[row_] + dw_[t * R + row_]) > Limit()) continue;
      deviated_[v.group] = 1;
      const double* dw = &dw_[t * R];
      for (int r = 0; r < R; ++r) usage_[r] += dw[r];
      path_.push_back(t);
      Visit(t + 1, spent + v.d, profit + v.dp);
      path_.pop_back();
      for (int r = 0; r < R; ++r) usage_[r] -= dw[r];
      deviated_[v.group] = 0;
      if (stopped_) return;
    }
  }

  // A lower bound on what completing the current deviation set adds to D = Σ d + λ·slack, the plan's
  // distance below L(λ), using only deviations at positions >= `from` that still fit the budget. For a
  // resource r with u_r over its capacity by e: any completion frees e of it, at least the fractional
  // cover of e by the cheapest deviations per unit freed (+inf if they cannot free e). For a resource with
  // slack s and price λ_r > 0: each unit left unused costs λ_r, each unit filled costs at least the
  // cheapest deviations' d per unit used — the fractional fill of s. (Both are max over ρ of the
  // Lagrangian of the completion with one resource priced.) Then every resource priced at once, each at the
  // price where its own bound stopped (ρ_r <= λ_r keeps it valid): ρ·(b − u) + Σ min(0, d − ρ·Δw). The
  // largest of these is returned (at 1,000 × 12 the combined one cut the nodes of a proof by ~30%).
  // Plans pruned by it have D above the budget: they are the plans the level need not examine.
  double CompletionBound(size_t from, double spent) const {
    const double room = Limit() - spent;
    double best = 0;
    double* rho = rho_.data();
    bool any = false;
    for (int r = 0; r < m_.resources; ++r) {
      rho[r] = 0;
      const double excess = usage_[r] - cap_[r];
      double left = 0, price = 0;
      if (excess > 0) {
        left = excess;
        const double cost = Cover(frees_[r], from, room, room, left, price);
        if (left > 0) return kInf;  // cannot be freed (or costs more than the room)
        best = std::max(best, cost);
        rho[r] = -price;
        any = true;
      } else if (lambda_[r] > 0) {
        left = std::max(0.0, m_.capacity[r] - usage_[r]);
        if (left * lambda_[r] <= best) continue;
        const double cost = Cover(fills_[r], from, room, kInf, left, price);
        best = std::max(best, cost + lambda_[r] * left);
        rho[r] = left > 0 ? lambda_[r] : std::min(lambda_[r], price);
        any = true;
      }
      if (best > room) return best;
    }
    if (!any) return best;
    // All resources priced at once (ρ_r <= λ_r, each from its own bound): ρ·(b − u) + Σ min(0, d − ρ·Δw).
    const int R = m_.resources;
    double lb = 0;
    for (int r = 0; r < R; ++r) lb += rho[r] * ((usage_[r] > cap_[r] ? cap_[r] : m_.capacity[r]) - usage_[r]);
    for (size_t t = from; t < dev_.size() && dev_[t].d <= room; ++t) {
      if (deviated_[dev_[t].group]) continue;
      double v = dev_[t].d;
      const double* dw = &dw_[t * R];
      for (int r = 0; r < R; ++r) v -= rho[r] * dw[r];
      if (v < 0) lb += v;
    }
    return std::max(best, lb);
  }

  // The cheapest fractional way to free (frees_) or fill (fills_) `left` units with the deviations still
  // available (position >= from, d <= room, group not yet deviated), by cost per unit. Returns the cost;
  // `left` keeps what they could not cover, `price` the cost per unit of the last one used. Stops once the
  // cost passes `stop` (leaving `left` > 0).
  double Cover(const std::vector<Step>& steps, size_t from, double room, double stop, double& left,
               double& price) const {
    double cost = 0;
    for (const Step& st : steps) {
      const Deviation& v = dev_[st.index];
      if (st.index < from || v.d > room || deviated_[v.group]) continue;
      price = st.ratio;
      if (st.amount >= left) {
        cost += st.ratio * left;
        left = 0;
        break;
      }
      cost += v.d;
      left -= st.amount;
      if (cost > stop) break;
    }
    return cost;
  }

  bool Fits() const {
    for (int r = 0; r < m_.resources; ++r)
      if (usage_[r] > cap_[r]) return false;
    return true;
  }

  void Record() {
    Choice x = base_;
    for (size_t t : path_) x[dev_[t].group] = dev_[t].to;
    if (!Feasible(m_, x)) return;
    const double p = Profit(m_, x);
    if (p > z_) z_ = p, best_ = std::move(x);
  }

  const Mckp& m_;
  const double L_, slop_;
  double z_;  // the best profit known
  const std::function<bool()>& out_of_time_;
  Choice base_, best_;
  double base_profit_ = 0, budget_ = kInf, everything_ = 0, absolute_gap_ = 0;
  std::vector<double> usage_, cap_, dw_;
  std::vector<Deviation> dev_;
  std::vector<double> lambda_;
  mutable std::vector<double> rho_;
  std::vector<std::vector<Step>> frees_, fills_;
  std::vector<char> deviated_;
  static constexpr int64_t kMaxTable = int64_t{1} << 23;  // entries of the integer-row table (64 MB)
  double max_limit_ = kInf;                                // the largest Limit() of the search
  int row_ = -1;                                          // r*, or −1 (no table)
  int64_t row_lo_ = 0, row_hi_ = 0;
  std::vector<double> table_;
  std::vector<size_t> path_;
  int64_t nodes_ = 0;
  bool stopped_ = false;
};

}  // namespace

EnumerationResult EnumerateByReducedCost(const Mckp& m, const std::vector<double>& lambda, double lagrangian_bound,
                                         double incumbent_profit, double absolute_gap,
                                         const std::function<bool()>& out_of_time) {
  return Search(m, lambda, lagrangian_bound, incumbent_profit, absolute_gap, out_of_time).Run();
}

}  // namespace st::planning
