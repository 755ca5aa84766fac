#include "compute/promise.h"

#include "compute/day.h"

namespace st::compute {

Status ValidateName(const std::string& field, const std::string& value) {
  if (value.empty()) return Status::InvalidInput(field + " must not be empty");
  if (value.size() > 64) return Status::InvalidInput(field + " is longer than 64 bytes");
  for (unsigned char c : value)
    if (c < 0x20 || c == 0x7f) return Status::InvalidInput(field + " contains a control character");
  return Status::Ok();
}

Status ValidatePromise(const ComputePromise& p) {
  if (p.gpus <= 0) return Status::InvalidInput("compute.gpus must be > 0");
  if (p.gpus > kMaxPromiseGpus)
    return Status::InvalidInput("compute.gpus must be <= " + std::to_string(kMaxPromiseGpus));
  ST_RETURN_IF_ERROR(ValidateName("compute.gpu_type", p.gpu_type));
  if (!p.site.empty()) ST_RETURN_IF_ERROR(ValidateName("compute.site", p.site));
  if (p.start_day < kMinDay || p.start_day > kMaxDay)
    return Status::InvalidInput("compute.start_day must be a date between 1970-01-01 and 2199-12-31");
  if (p.end_day != 0 && (p.end_day <= p.start_day || p.end_day > kMaxDay + 1))
    return Status::InvalidInput("compute.end_day must be after compute.start_day (or 0 for open-ended)");
  return Status::Ok();
}

}  // namespace st::compute
