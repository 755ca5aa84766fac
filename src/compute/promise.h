// A compute promise made to one person: N GPUs of a type, at a site or
// anywhere, from a day for a while (or open-ended). Pure value type shared by
// the offers (which carry one per version) and the ledger (which checks and
// records it). Days are days since 1970-01-01 UTC (see day.h).
#pragma once

#include <cstdint>
#include <string>

#include "base/status.h"

namespace st::compute {

struct ComputePromise {
  std::int64_t gpus = 0;       // whole GPUs of gpu_type
  std::string gpu_type;        // "H100", "H200", "B200", "A100", ... (factors to H100-eq from settings)
  std::string site;            // "" = anywhere: the ledger picks a concrete pool at reservation and records it
  std::int32_t start_day = 0;  // days since 1970-01-01 (UTC)
  std::int32_t end_day = 0;    // exclusive; 0 = "as long as employed, reviewed yearly" (counts to the horizon)
};

// Largest promise one person can hold (a whole large cluster); guards overflow
// in the integer arithmetic of the ledger.
inline constexpr std::int64_t kMaxPromiseGpus = 10'000'000;

// Names the field on bad input ("compute.gpus must be > 0"). Checks shape
// only: whether the type has an H100-eq factor and whether a pool exists is
// the ledger's business.
Status ValidatePromise(const ComputePromise& p);

// GPU types and site names: 1..64 bytes, no control characters (they are
// shown in messages and CSV files). Used by the fleet parser too.
Status ValidateName(const std::string& field, const std::string& value);

}  // namespace st::compute
