// What the dispatcher hands back to the connection: status, headers, body or
// a stream. Independent of the HTTP library, like web/http_types.h.
#pragma once

#include <string>
#include <string_view>

#include "web/http_types.h"

namespace st::web {

struct HttpReply {
  int status = 200;
  HeaderList headers;  // security headers, cookies, Cache-Control, ...
  std::string body;
  std::string content_type = "application/json; charset=utf-8";  // unused when body is empty
  StreamProducer stream{};  // set: chunked stream instead of `body` (SSE)
};

// {"error": {"code", "message"}} with `http_status`.
HttpReply ErrorReply(int http_status, std::string_view code, std::string_view message);

}  // namespace st::web
