#include "base/status.h"

namespace st {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kNotFound: return "not_found";
    case StatusCode::kInvalidInput: return "invalid_input";
    case StatusCode::kCorruption: return "corruption";
    case StatusCode::kConflict: return "conflict";
    case StatusCode::kForbidden: return "forbidden";
    case StatusCode::kUnauthenticated: return "unauthenticated";
    case StatusCode::kIoError: return "io_error";
    case StatusCode::kResourceExhausted: return "resource_exhausted";
    case StatusCode::kInternal: return "internal";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out(StatusCodeName(code_));
  out += ": ";
  out += message_;
  return out;
}

}  // namespace st
