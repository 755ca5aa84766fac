#include "planning/mckp.h"

#include <algorithm>
#include <limits>

namespace st::planning {
namespace {

// Does option a dominate option b (profit at least as high, no resource used more; ties broken by index
// so that of two identical options exactly one survives)?
bool Dominates(const Mckp& m, int a, int b) {
  if (m.profit[a] < m.profit[b]) return false;
  bool strictly = m.profit[a] > m.profit[b];
  for (int r = 0; r < m.resources; ++r) {
    if (m.w(a)[r] > m.w(b)[r]) return false;
    strictly |= m.w(a)[r] < m.w(b)[r];
  }
  return strictly || a < b;
}

}  // namespace

Mckp BuildMckp(const PlanInstance& in, bool prune) {
  Mckp m;
  m.resources = static_cast<int>(in.resources.size());
  for (const Resource& r : in.resources) m.capacity.push_back(static_cast<double>(r.capacity));
  m.start.push_back(0);
  const bool expected = in.policy == CommitmentPolicy::kExpected;
  for (const PlanCandidate& c : in.candidates) {
    const auto first = static_cast<int>(m.profit.size());
    for (size_t k = 0; k < c.options.size(); ++k) {
      const PlanOption& o = c.options[k];
      m.profit.push_back(o.p_accept * c.value);
      for (int64_t u : o.use) m.weight.push_back(static_cast<double>(u) * (expected ? o.p_accept : 1.0));
      m.source.push_back(static_cast<int32_t>(k));
    }
    if (prune) {
      const auto last = static_cast<int>(m.profit.size());
      std::vector<char> keep(last - first, 1);
      for (int b = first; b < last; ++b) {
        if (!c.required && m.profit[b] <= 0) keep[b - first] = 0;  // "no offer" is as good and free
        for (int a = first; a < last && keep[b - first]; ++a)
          if (a != b && Dominates(m, a, b)) keep[b - first] = 0;
      }
      int out = first;
      for (int b = first; b < last; ++b) {
        if (!keep[b - first]) continue;
        m.profit[out] = m.profit[b];
        m.source[out] = m.source[b];
        std::copy_n(m.weight.begin() + static_cast<size_t>(b) * m.resources, m.resources,
                    m.weight.begin() + static_cast<size_t>(out) * m.resources);
        ++out;
      }
      m.profit.resize(out);
      m.source.resize(out);
      m.weight.resize(static_cast<size_t>(out) * m.resources);
    }
    m.start.push_back(static_cast<uint32_t>(m.profit.size()));
    m.required.push_back(c.required ? 1 : 0);
  }
  return m;
}

double Profit(const Mckp& m, const Choice& x) {
  double p = 0;
  for (int32_t k : x)
    if (k != kNoOption) p += m.profit[k];
  return p;
}

std::vector<double> Usage(const Mckp& m, const Choice& x) {
  std::vector<double> u(m.resources, 0.0);
  for (int32_t k : x)
    if (k != kNoOption)
      for (int r = 0; r < m.resources; ++r) u[r] += m.w(k)[r];
  return u;
}

bool Fits(const Mckp& m, const std::vector<double>& usage) {
  for (int r = 0; r < m.resources; ++r)
    if (usage[r] > m.capacity[r] + Tolerance(m.capacity[r])) return false;
  return true;
}

bool Feasible(const Mckp& m, const Choice& x) {
  if (static_cast<int>(x.size()) != m.groups()) return false;
  for (int i = 0; i < m.groups(); ++i) {
    if (x[i] == kNoOption) {
      if (m.required[i]) return false;
    } else if (x[i] < static_cast<int32_t>(m.start[i]) || x[i] >= static_cast<int32_t>(m.start[i + 1])) {
      return false;
    }
  }
  return Fits(m, Usage(m, x));
}

double LagrangianBound(const Mckp& m, const std::vector<double>& lambda) {
  double bound = 0;
  for (int r = 0; r < m.resources; ++r) bound += std::max(0.0, lambda[r]) * m.capacity[r];
  for (int i = 0; i < m.groups(); ++i) {
    double best = m.required[i] ? -std::numeric_limits<double>::infinity() : 0.0;
    for (uint32_t k = m.start[i]; k < m.start[i + 1]; ++k) {
      double v = m.profit[k];
      for (int r = 0; r < m.resources; ++r) v -= std::max(0.0, lambda[r]) * m.w(k)[r];
      best = std::max(best, v);
    }
    bound += best;
  }
  return bound;
}

ReducedCosts ComputeReducedCosts(const Mckp& m, const std::vector<double>& lambda) {
  ReducedCosts rc;
  rc.option.resize(m.options());
  rc.none.resize(m.groups());
  for (int i = 0; i < m.groups(); ++i) {
    double best = m.required[i] ? -std::numeric_limits<double>::infinity() : 0.0;
    for (uint32_t k = m.start[i]; k < m.start[i + 1]; ++k) {
      double v = m.profit[k];
      for (int r = 0; r < m.resources; ++r) v -= std::max(0.0, lambda[r]) * m.w(k)[r];
      rc.option[k] = v;
      best = std::max(best, v);
    }
    for (uint32_t k = m.start[i]; k < m.start[i + 1]; ++k) rc.option[k] = best - rc.option[k];
    rc.none[i] = m.required[i] ? std::numeric_limits<double>::infinity() : best;
  }
  return rc;
}

}  // namespace st::planning
