#include "web/http_error.h"

#include <nlohmann/json.hpp>

namespace st::web {

HttpError HttpErrorFor(StatusCode code) {
  // One row per code; a new StatusCode without a row fails to compile under
  // -Wswitch -Werror, so the table cannot silently miss one.
  switch (code) {
    case StatusCode::kOk: return {200, "ok"};
    case StatusCode::kNotFound: return {404, "not_found"};
    case StatusCode::kInvalidInput: return {400, "invalid_input"};
    case StatusCode::kCorruption: return {500, "corruption"};
    case StatusCode::kConflict: return {409, "conflict"};
    case StatusCode::kForbidden: return {403, "forbidden"};
    case StatusCode::kUnauthenticated: return {401, "unauthenticated"};
    case StatusCode::kIoError: return {500, "io_error"};
    case StatusCode::kResourceExhausted: return {507, "resource_exhausted"};
    case StatusCode::kInternal: return {500, "internal"};
  }
  return {500, "internal"};
}

std::string ErrorBody(std::string_view code, std::string_view message) {
  nlohmann::json j;
  j["error"]["code"] = code;
  // dump() with replace so an invalid UTF-8 message cannot throw.
  j["error"]["message"] = message;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace st::web
