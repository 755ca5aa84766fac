#include "fetch/curl_http_client.h"

#include <curl/curl.h>

#include <strings.h>

#include <cstdlib>
#include <mutex>
#include <string_view>

namespace st::fetch {
namespace {

size_t OnBody(char* data, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

// Retry-After: delta-seconds only (an HTTP date is treated as absent: the
// backoff schedule then applies).
size_t OnHeader(char* data, size_t size, size_t n, void* user) {
  std::string_view line(data, size * n);
  constexpr std::string_view kName = "retry-after:";
  if (line.size() > kName.size() && strncasecmp(line.data(), kName.data(), kName.size()) == 0) {
    {
      std::string value(line.substr(kName.size()));
      char* end = nullptr;
      double v = std::strtod(value.c_str(), &end);
      if (end != value.c_str() && v >= 0) *static_cast<double*>(user) = v;
    }
  }
  return size * n;
}

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

struct CurlHttpClient::Impl {
  CURL* curl = nullptr;
  CurlOptions options;
};

CurlHttpClient::CurlHttpClient(CurlOptions options) : impl_(std::make_unique<Impl>()) {
  GlobalInit();
  impl_->curl = curl_easy_init();
  impl_->options = std::move(options);
}

CurlHttpClient::~CurlHttpClient() {
  if (impl_->curl) curl_easy_cleanup(impl_->curl);
}

HttpResponse CurlHttpClient::Get(const std::string& url) {
  HttpResponse r;
  CURL* c = impl_->curl;
  if (!c) {
    r.transport_error = CURLE_FAILED_INIT;
    r.error = "curl_easy_init failed";
    return r;
  }
  curl_easy_reset(c);
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "https");
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // gzip from the API when offered
  curl_easy_setopt(c, CURLOPT_USERAGENT, impl_->options.user_agent.c_str());
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, impl_->options.connect_timeout_seconds);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, impl_->options.timeout_seconds);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &r.body);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &r.retry_after_seconds);
  CURLcode code = curl_easy_perform(c);
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
  if (code != CURLE_OK) {
    r.transport_error = static_cast<int>(code);
    r.error = errbuf[0] ? std::string(errbuf) : std::string(curl_easy_strerror(code));
  }
  return r;
}

}  // namespace st::fetch
