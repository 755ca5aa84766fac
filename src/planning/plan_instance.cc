#include "planning/plan_instance.h"

#include <cmath>
#include <set>

namespace st::planning {

std::string_view PolicyName(CommitmentPolicy p) {
  return p == CommitmentPolicy::kWorstCase ? "worst_case" : "expected";
}

Status PlanInstance::Validate() const {
  std::set<std::string, std::less<>> names;
  for (size_t r = 0; r < resources.size(); ++r) {
    if (resources[r].name.empty()) return Status::InvalidInput("resources[" + std::to_string(r) + "].name: empty");
    if (!names.insert(resources[r].name).second)
      return Status::InvalidInput("resources[" + std::to_string(r) + "].name: duplicate '" + resources[r].name + "'");
  }
  std::set<std::string, std::less<>> ids;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const PlanCandidate& c = candidates[i];
    std::string where = "candidates[" + std::to_string(i) + "]";
    if (c.id.empty()) return Status::InvalidInput(where + ".id: empty");
    if (!ids.insert(c.id).second) return Status::InvalidInput(where + ".id: duplicate '" + c.id + "'");
    where = "candidate '" + c.id + "'";
    if (!std::isfinite(c.value) || c.value < 0) return Status::InvalidInput(where + ": value must be a number >= 0");
    if (c.required && c.options.empty())
      return Status::InvalidInput(where + ": required (an offer is out) but has no options");
    for (size_t k = 0; k < c.options.size(); ++k) {
      const PlanOption& o = c.options[k];
      std::string at = where + " option " + std::to_string(k) + (o.label.empty() ? "" : " ('" + o.label + "')");
      if (!std::isfinite(o.p_accept) || o.p_accept < 0 || o.p_accept > 1)
        return Status::InvalidInput(at + ": p_accept must be in [0, 1]");
      if (o.use.size() != resources.size())
        return Status::InvalidInput(at + ": " + std::to_string(o.use.size()) + " resource amounts for " +
                                    std::to_string(resources.size()) + " resources");
      for (size_t r = 0; r < o.use.size(); ++r)
        if (o.use[r] < 0) return Status::InvalidInput(at + ": negative use of '" + resources[r].name + "'");
    }
  }
  return Status::Ok();
}

}  // namespace st::planning
