// The HTTP request and response as route handlers see them: header lookup,
// extra response headers and a streamed body. Our own small types so handler
// files never include the HTTP library (compile time; the server's library is
// an implementation detail of web/server*.cc).
// Thread-safety: one request's objects are used by one thread at a time.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace st::web {

// Case-insensitive lookup in the request's headers.
class RequestHeaders {
 public:
  virtual ~RequestHeaders() = default;
  // The header's value, or "" when it is absent.
  virtual std::string Get(std::string_view name) const = 0;
};

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// A streamed response body (server-sent events). The server calls it again
// and again on a stream thread; it may block briefly (≈1 s), appends what to
// send now to `out` (may append nothing) and returns false to end the stream.
using StreamProducer = std::function<bool(std::string& out)>;

}  // namespace st::web
