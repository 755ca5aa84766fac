// The one table that maps a domain Status to an HTTP status and a stable JSON
// error code ({"error":{"code":"conflict","message":"…"}}). Only the web
// adapter knows HTTP; the domain returns st::Status values.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace st::web {

struct HttpError {
  int http_status;
  std::string_view code;  // stable, documented in docs/API.md
};

// Maps every StatusCode (kOk maps to 200/"ok").
HttpError HttpErrorFor(StatusCode code);

// The JSON error body for `status` (message JSON-escaped).
std::string ErrorBody(std::string_view code, std::string_view message);

// Errors that only the transport raises (no domain StatusCode).
inline constexpr HttpError kPayloadTooLarge{413, "payload_too_large"};
inline constexpr HttpError kHeadersTooLarge{431, "headers_too_large"};
inline constexpr HttpError kTooManyStreams{503, "unavailable"};  // /api/events at ServerOptions::max_streams
inline constexpr HttpError kRateLimited{429, "rate_limited"};
inline constexpr HttpError kMethodNotAllowed{405, "method_not_allowed"};

}  // namespace st::web
