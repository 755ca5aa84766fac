// The one thing the fetcher needs from HTTP: GET a URL, get the status, the
// body and Retry-After, or the transport error. The libcurl implementation is
// curl_http_client.cc; tests may substitute their own.
#pragma once

#include <string>

namespace st::fetch {

struct HttpResponse {
  // 0 when a complete HTTP response arrived; otherwise the transport failed
  // (refused, reset, dropped mid-body, timed out) and `error` says how.
  int transport_error = 0;
  std::string error;
  long status = 0;
  std::string body;
  double retry_after_seconds = -1;  // from a Retry-After header in seconds; -1 when absent
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  virtual HttpResponse Get(const std::string& url) = 0;
};

}  // namespace st::fetch
