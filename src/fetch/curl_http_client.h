// HttpClient over libcurl (the only file of src/fetch that includes curl).
// One easy handle reused across requests (keep-alive to the API host).
#pragma once

#include <memory>
#include <string>

#include "fetch/http_client.h"

namespace st::fetch {

struct CurlOptions {
  std::string user_agent = "superteam-fetch/1";
  long connect_timeout_seconds = 20;
  long timeout_seconds = 180;  // one page (200 works, a few MB)
};

class CurlHttpClient final : public HttpClient {
 public:
  explicit CurlHttpClient(CurlOptions options = {});
  ~CurlHttpClient() override;
  CurlHttpClient(const CurlHttpClient&) = delete;
  CurlHttpClient& operator=(const CurlHttpClient&) = delete;

  HttpResponse Get(const std::string& url) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace st::fetch
