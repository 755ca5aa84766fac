#include "planning/heuristics.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace st::planning {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

double Cost(const Mckp& m, int option, const std::vector<double>& cw) {
  double c = 0;
  for (int r = 0; r < m.resources; ++r) c += cw[r] * m.w(option)[r];
  return c;
}

// Does changing a group from option `from` to `to` (either may be kNoOption) fit the current usage?
bool SwitchFits(const Mckp& m, const std::vector<double>& usage, int32_t from, int32_t to) {
  for (int r = 0; r < m.resources; ++r) {
    double u = usage[r] - (from == kNoOption ? 0.0 : m.w(from)[r]) + (to == kNoOption ? 0.0 : m.w(to)[r]);
    if (u > m.capacity[r] + Tolerance(m.capacity[r])) return false;
  }
  return true;
}

void Apply(const Mckp& m, std::vector<double>& usage, int32_t from, int32_t to) {
  for (int r = 0; r < m.resources; ++r)
    usage[r] += (to == kNoOption ? 0.0 : m.w(to)[r]) - (from == kNoOption ? 0.0 : m.w(from)[r]);
}

double P(const Mckp& m, int32_t k) { return k == kNoOption ? 0.0 : m.profit[k]; }

// The cheapest option of a group by aggregated cost (ties: more profit).
int32_t Cheapest(const Mckp& m, int i, const std::vector<double>& cw) {
  int32_t best = kNoOption;
  double best_c = kInf;
  for (uint32_t k = m.start[i]; k < m.start[i + 1]; ++k) {
    double c = Cost(m, static_cast<int>(k), cw);
    if (c < best_c || (c == best_c && m.profit[k] > m.profit[best])) best = static_cast<int32_t>(k), best_c = c;
  }
  return best;
}

// One pass of single-group upgrades; returns whether anything changed.
bool UpgradePass(const Mckp& m, Choice& x, std::vector<double>& usage) {
  bool changed = false;
  for (int i = 0; i < m.groups(); ++i) {
    int32_t cur = x[i], best = cur;
    for (uint32_t k = m.start[i]; k < m.start[i + 1]; ++k)
      if (m.profit[k] > P(m, best) && SwitchFits(m, usage, cur, static_cast<int32_t>(k))) best = static_cast<int32_t>(k);
    if (best != cur) {
      Apply(m, usage, cur, best);
      x[i] = best;
      changed = true;
    }
  }
  return changed;
}

}  // namespace

std::vector<double> CapacityShareWeights(const Mckp& m) {
  std::vector<double> cw(m.resources);
  for (int r = 0; r < m.resources; ++r) cw[r] = m.capacity[r] > 0 ? 1.0 / m.capacity[r] : 1e12;
  return cw;
}

Choice ValuePerCostGreedy(const Mckp& m) {
  const std::vector<double> cw = CapacityShareWeights(m);
  Choice x(m.groups(), kNoOption);
  std::vector<double> usage(m.resources, 0.0);
  for (int i = 0; i < m.groups(); ++i)
    if (m.required[i]) x[i] = Cheapest(m, i, cw), Apply(m, usage, kNoOption, x[i]);
  std::vector<std::pair<double, int32_t>> order;  // (-ratio, option)
  order.reserve(m.options());
  for (int k = 0; k < m.options(); ++k) {
    double c = Cost(m, k, cw);
    order.emplace_back(c > 0 ? -m.profit[k] / c : -kInf, k);
  }
  std::sort(order.begin(), order.end());
  std::vector<int> group_of(m.options());
  for (int i = 0; i < m.groups(); ++i)
    for (uint32_t k = m.start[i]; k < m.start[i + 1]; ++k) group_of[k] = i;
  for (auto [neg_ratio, k] : order) {
    int i = group_of[k];
    if (x[i] != kNoOption || m.profit[k] <= 0) continue;
    if (SwitchFits(m, usage, kNoOption, k)) x[i] = k, Apply(m, usage, kNoOption, k);
  }
  return x;
}

Choice HullGreedy(const Mckp& m, const std::vector<double>& cw) {
  Choice x(m.groups(), kNoOption);
  std::vector<double> usage(m.resources, 0.0);
  struct Step {
    double slope;
    int group;
    int index;  // position on the group's hull (1-based: the step from hull[index-1] to hull[index])
  };
  std::vector<Step> steps;
  std::vector<std::vector<int32_t>> hulls(m.groups());
  std::vector<std::pair<double, int32_t>> pts;
  for (int i = 0; i < m.groups(); ++i) {
    int32_t base = m.required[i] ? Cheapest(m, i, cw) : kNoOption;
    if (base != kNoOption) x[i] = base, Apply(m, usage, kNoOption, base);
    pts.clear();
    for (uint32_t k = m.start[i]; k < m.start[i + 1]; ++k) pts.emplace_back(Cost(m, static_cast<int>(k), cw), k);
    std::sort(pts.begin(), pts.end(), [&](const auto& a, const auto& b) {
      return a.first != b.first ? a.first < b.first : m.profit[a.second] > m.profit[b.second];
    });
    auto& hull = hulls[i];
    hull.push_back(base);
    double base_c = base == kNoOption ? 0.0 : Cost(m, base, cw);
    auto cost_of = [&](int32_t k) { return k == kNoOption ? 0.0 : Cost(m, k, cw); };
    for (auto [c, k] : pts) {
      if (c < base_c || m.profit[k] <= P(m, hull.back())) continue;  // no gain over the hull's last point
      // Pop points that lie on or below the chord to the new point (keep the hull strictly concave).
      while (hull.size() >= 2) {
        int32_t a = hull[hull.size() - 2], b = hull.back();
        double s1 = (P(m, b) - P(m, a)) * (c - cost_of(a));
        double s2 = (m.profit[k] - P(m, a)) * (cost_of(b) - cost_of(a));
        if (s1 <= s2) hull.pop_back(); else break;
      }
      hull.push_back(k);
    }
    for (size_t t = 1; t < hull.size(); ++t) {
      double dc = cost_of(hull[t]) - cost_of(hull[t - 1]);
      double dp = P(m, hull[t]) - P(m, hull[t - 1]);
      steps.push_back({dc > 0 ? dp / dc : kInf, i, static_cast<int>(t)});
    }
  }
  std::stable_sort(steps.begin(), steps.end(), [](const Step& a, const Step& b) { return a.slope > b.slope; });
  std::vector<int> pos(m.groups(), 0);
  std::vector<char> blocked(m.groups(), 0);
  for (const Step& s : steps) {
    if (blocked[s.group] || pos[s.group] != s.index - 1) continue;
    int32_t from = hulls[s.group][s.index - 1], to = hulls[s.group][s.index];
    if (SwitchFits(m, usage, from, to)) {
      Apply(m, usage, from, to);
      x[s.group] = to;
      pos[s.group] = s.index;
    } else {
      blocked[s.group] = 1;
    }
  }
  return x;
}

double Improve(const Mckp& m, const std::vector<double>& lambda, Choice& x, int rounds) {
  std::vector<double> usage = Usage(m, x);
  if (!Fits(m, usage)) return Profit(m, x);
  std::vector<double> lam(m.resources);
  for (int r = 0; r < m.resources; ++r) lam[r] = std::max(0.0, lambda[r]);
  while (UpgradePass(m, x, usage)) {
  }
  struct Move {
    double score;  // reduced gain (profit change − λ·extra use): the most promising first
    int group;
    int32_t to;
  };
  constexpr size_t kKeep = 256;
  std::vector<Move> ups, downs;
  for (int round = 0; round < rounds; ++round) {
    ups.clear();
    downs.clear();
    for (int i = 0; i < m.groups(); ++i) {
      int32_t cur = x[i];
      auto consider = [&](int32_t to) {
        if (to == cur) return;
        double dp = P(m, to) - P(m, cur), dl = 0;
        bool frees = false;
        for (int r = 0; r < m.resources; ++r) {
          double dw = (to == kNoOption ? 0.0 : m.w(to)[r]) - (cur == kNoOption ? 0.0 : m.w(cur)[r]);
          dl += lam[r] * dw;
          frees |= dw < 0;
        }
        if (dp > 0) ups.push_back({dp - dl, i, to});
        else if (frees) downs.push_back({dp - dl, i, to});
      };
      if (!m.required[i]) consider(kNoOption);
      for (uint32_t k = m.start[i]; k < m.start[i + 1]; ++k) consider(static_cast<int32_t>(k));
    }
    auto top = [](std::vector<Move>& v) {
      auto by_score = [](const Move& a, const Move& b) { return a.score > b.score; };
      if (v.size() > kKeep) std::nth_element(v.begin(), v.begin() + kKeep, v.end(), by_score), v.resize(kKeep);
    };
    top(ups);
    top(downs);
    double best_gain = 1e-12 * (1.0 + std::abs(Profit(m, x)));
    const Move* best_up = nullptr;
    const Move* best_down = nullptr;
    std::vector<double> after(m.resources);
    for (const Move& d : downs) {
      for (int r = 0; r < m.resources; ++r)
        after[r] = usage[r] + (d.to == kNoOption ? 0.0 : m.w(d.to)[r]) - (x[d.group] == kNoOption ? 0.0 : m.w(x[d.group])[r]);
      double loss = P(m, x[d.group]) - P(m, d.to);
      for (const Move& u : ups) {
        if (u.group == d.group) continue;
        double gain = P(m, u.to) - P(m, x[u.group]) - loss;
        if (gain <= best_gain || !SwitchFits(m, after, x[u.group], u.to)) continue;
        best_gain = gain, best_up = &u, best_down = &d;
      }
    }
    if (!best_up) break;
    Apply(m, usage, x[best_down->group], best_down->to);
    x[best_down->group] = best_down->to;
    Apply(m, usage, x[best_up->group], best_up->to);
    x[best_up->group] = best_up->to;
    while (UpgradePass(m, x, usage)) {
    }
  }
  return Profit(m, x);
}

}  // namespace st::planning
