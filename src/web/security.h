// Browser-facing security rules of the API adapter: response headers, the
// session cookie, CSRF tokens and the same-origin check for writes.
// Pure functions over strings (no httplib types) so they are unit-tested
// directly. Thread-safety: all functions are reentrant.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace st::web {

struct CookiePolicy {
  // Behind a TLS-terminating proxy: "__Host-st_session", Secure. On plain
  // http://127.0.0.1 browsers drop Secure/__Host- cookies, so "st_session"
  // without Secure (documented in docs/API.md).
  bool secure = false;
  std::string name() const { return secure ? "__Host-st_session" : "st_session"; }
};

// Headers every response carries (CSP with frame-ancestors 'none', nosniff,
// no-referrer, ...). `api` adds Cache-Control: no-store.
std::vector<std::pair<std::string, std::string>> SecurityHeaders(bool api);

// Set-Cookie value for a new session / for clearing it.
std::string SessionCookie(const CookiePolicy& policy, std::string_view token, long max_age_seconds);
std::string ClearSessionCookie(const CookiePolicy& policy);

// The session token from a Cookie header, if present (exact name match).
std::optional<std::string> CookieValue(std::string_view cookie_header, std::string_view name);

// Constant-time comparison.
bool SafeEquals(std::string_view a, std::string_view b);

// Same-origin check for a state-changing request. `host` is the Host header,
// `origin` the Origin header (may be empty), `fetch_site` Sec-Fetch-Site (may
// be empty). Refuses when Sec-Fetch-Site is "cross-site"/"same-site", or when
// Origin is present and its host[:port] differs from Host (or is "null").
bool SameOriginWrite(std::string_view host, std::string_view origin, std::string_view fetch_site);

}  // namespace st::web
