// Test oracle for impact.h's citation tail, written independently of
// impact.cc (shared by impact_test.cc and real_data_test.cc): the Hill
// estimate over a cohort's counts from its 90th-percentile count up, anchored
// at its 99th-percentile count; a count's value is -ln(1 - mid-rank
// percentile) (capped at 0.999), or beyond the anchor the tail's if larger.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace st::scoring::testing {

struct TailOracle {
  double anchor = 0, anchor_value = 0, alpha = 0;

  explicit TailOracle(std::vector<int64_t> counts) : counts_(std::move(counts)) {
    std::sort(counts_.begin(), counts_.end());
    const size_t n = counts_.size();
    const double u = static_cast<double>(counts_[n * 9 / 10]);
    anchor = static_cast<double>(counts_[n * 99 / 100]);
    double logs = 0;
    for (size_t i = n * 9 / 10; i < n; ++i) logs += std::log(static_cast<double>(counts_[i]) / u);
    alpha = static_cast<double>(n - n * 9 / 10) / logs;
    anchor_value = -std::log(1 - Percentile(static_cast<int64_t>(anchor)));
  }
  double Percentile(int64_t c) const {
    double below = 0, same = 0;
    for (int64_t x : counts_) below += x < c, same += x == c;
    return (below + 0.5 * same) / static_cast<double>(counts_.size());
  }
  bool Beyond(int64_t c) const { return static_cast<double>(c) > anchor; }
  double Value(int64_t c) const {
    const double v = -std::log(1 - std::min(Percentile(c), 0.999));
    return Beyond(c) ? std::max(v, anchor_value + alpha * std::log(static_cast<double>(c) / anchor)) : v;
  }

 private:
  std::vector<int64_t> counts_;
};

}  // namespace st::scoring::testing
