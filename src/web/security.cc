#include "web/security.h"

#include <sodium.h>


namespace st::web {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> SecurityHeaders(bool api) {
  std::vector<std::pair<std::string, std::string>> h = {
      {"Content-Security-Policy",
       "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"X-Frame-Options", "DENY"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
  };
  if (api) h.emplace_back("Cache-Control", "no-store");
  return h;
}

std::string SessionCookie(const CookiePolicy& policy, std::string_view token, long max_age_seconds) {
  std::string c = policy.name() + "=" + std::string(token) + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                  std::to_string(max_age_seconds);
  if (policy.secure) c += "; Secure";
  return c;
}

std::string ClearSessionCookie(const CookiePolicy& policy) { return SessionCookie(policy, "", 0); }

std::optional<std::string> CookieValue(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    size_t semi = header.find(';');
    std::string_view part = Trim(header.substr(0, semi));
    header = semi == std::string_view::npos ? std::string_view() : header.substr(semi + 1);
    size_t eq = part.find('=');
    if (eq == std::string_view::npos) continue;
    if (Trim(part.substr(0, eq)) == name) return std::string(Trim(part.substr(eq + 1)));
  }
  return std::nullopt;
}

bool SafeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool SameOriginWrite(std::string_view host, std::string_view origin, std::string_view fetch_site) {
  if (fetch_site == "cross-site" || fetch_site == "same-site") return false;
  if (origin.empty()) return true;  // non-browser clients; the CSRF token still applies
  if (origin == "null") return false;
  size_t scheme = origin.find("://");
  if (scheme == std::string_view::npos) return false;
  std::string_view origin_host = origin.substr(scheme + 3);
  if (size_t slash = origin_host.find('/'); slash != std::string_view::npos) origin_host = origin_host.substr(0, slash);
  return !host.empty() && origin_host == host;
}

}  // namespace st::web
