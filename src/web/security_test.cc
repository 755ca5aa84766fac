#include "web/security.h"

#include <gtest/gtest.h>

#include "web/http_error.h"
#include "web/login_throttle.h"
#include "web/route_table.h"

namespace st::web {
namespace {

TEST(CookieValue, FindsExactNameAmongOthers) {
  EXPECT_EQ(CookieValue("a=1; st_session=abc; b=2", "st_session").value_or("?"), "abc");
  EXPECT_EQ(CookieValue("xst_session=evil; st_session=good", "st_session").value_or("?"), "good");
  EXPECT_FALSE(CookieValue("st_sessionx=1", "st_session").has_value());
  EXPECT_FALSE(CookieValue("", "st_session").has_value());
}

TEST(SessionCookie, PlainHttpHasNoSecureButHttpOnlyStrict) {
  CookiePolicy plain{false};
  std::string c = SessionCookie(plain, "tok", 60);
  EXPECT_EQ(c.rfind("st_session=tok;", 0), 0u) << c;
  EXPECT_NE(c.find("HttpOnly"), std::string::npos);
  EXPECT_NE(c.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(c.find("Path=/"), std::string::npos);
  EXPECT_EQ(c.find("Secure"), std::string::npos);
}

TEST(SessionCookie, BehindTlsUsesHostPrefixAndSecure) {
  CookiePolicy tls{true};
  std::string c = SessionCookie(tls, "tok", 60);
  EXPECT_EQ(c.rfind("__Host-st_session=tok;", 0), 0u) << c;
  EXPECT_NE(c.find("; Secure"), std::string::npos);
  EXPECT_NE(ClearSessionCookie(tls).find("Max-Age=0"), std::string::npos);
}

TEST(SameOriginWrite, Cases) {
  struct Case {
    const char *host, *origin, *site;
    bool ok;
  } cases[] = {
      {"127.0.0.1:8080", "", "", true},                        // curl, tests
      {"127.0.0.1:8080", "http://127.0.0.1:8080", "same-origin", true},
      {"127.0.0.1:8080", "http://evil.example", "", false},
      {"127.0.0.1:8080", "http://127.0.0.1:8081", "", false},  // other port = other origin
      {"127.0.0.1:8080", "null", "", false},
      {"127.0.0.1:8080", "", "cross-site", false},
      {"127.0.0.1:8080", "", "same-site", false},
      {"127.0.0.1:8080", "http://127.0.0.1:8080", "none", true},
      {"", "http://127.0.0.1:8080", "", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(SameOriginWrite(c.host, c.origin, c.site), c.ok) << c.host << " " << c.origin << " " << c.site;
  }
}

TEST(SecurityHeaders, ApiAddsNoStore) {
  auto has = [](const auto& headers, const std::string& name) {
    for (const auto& [k, v] : headers) {
      if (k == name) return true;
    }
    return false;
  };
  auto page = SecurityHeaders(false);
  auto api = SecurityHeaders(true);
  EXPECT_TRUE(has(page, "Content-Security-Policy"));
  EXPECT_FALSE(has(page, "Cache-Control"));
  EXPECT_TRUE(has(api, "Cache-Control"));
  for (const auto& [k, v] : page) {
    if (k == "Content-Security-Policy") {
      EXPECT_NE(v.find("frame-ancestors 'none'"), std::string::npos);
      EXPECT_EQ(v.find("unsafe-inline"), std::string::npos);
    }
  }
}

TEST(HttpError, EveryStatusCodeHasAStableRow) {
  struct Row {
    StatusCode code;
    int http;
    const char* name;
  } rows[] = {{StatusCode::kNotFound, 404, "not_found"},       {StatusCode::kInvalidInput, 400, "invalid_input"},
              {StatusCode::kCorruption, 500, "corruption"},    {StatusCode::kConflict, 409, "conflict"},
              {StatusCode::kForbidden, 403, "forbidden"},      {StatusCode::kUnauthenticated, 401, "unauthenticated"},
              {StatusCode::kIoError, 500, "io_error"},         {StatusCode::kResourceExhausted, 507, "resource_exhausted"},
              {StatusCode::kInternal, 500, "internal"}};
  for (const Row& r : rows) {
    EXPECT_EQ(HttpErrorFor(r.code).http_status, r.http) << r.name;
    EXPECT_EQ(HttpErrorFor(r.code).code, r.name);
  }
  EXPECT_EQ(ErrorBody("conflict", "x \"y\""), R"({"error":{"code":"conflict","message":"x \"y\""}})");
}

TEST(LoginThrottle, PerAccountThenPerIp) {
  LoginThrottle t({.max_per_account = 3, .max_per_ip = 5, .window = std::chrono::seconds(60)});
  auto now = LoginThrottle::Clock::now();
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(t.RetryAfter("alice", "1.1.1.1", now), 0);
    t.RecordFailure("alice", "1.1.1.1", now);
  }
  EXPECT_GT(t.RetryAfter("alice", "2.2.2.2", now), 0) << "account locked from any address";
  EXPECT_EQ(t.RetryAfter("bob", "2.2.2.2", now), 0);
  t.RecordFailure("bob", "1.1.1.1", now);
  t.RecordFailure("carol", "1.1.1.1", now);
  EXPECT_GT(t.RetryAfter("dave", "1.1.1.1", now), 0) << "address locked for every account";
  EXPECT_EQ(t.RetryAfter("alice", "3.3.3.3", now + std::chrono::seconds(61)), 0) << "window passed";
}

TEST(LoginThrottle, SuccessClearsAccountOnly) {
  LoginThrottle t({.max_per_account = 2, .max_per_ip = 3, .window = std::chrono::seconds(60)});
  auto now = LoginThrottle::Clock::now();
  t.RecordFailure("alice", "1.1.1.1", now);
  t.RecordFailure("alice", "1.1.1.1", now);
  EXPECT_GT(t.RetryAfter("alice", "9.9.9.9", now), 0);
  t.RecordSuccess("alice");
  EXPECT_EQ(t.RetryAfter("alice", "9.9.9.9", now), 0);
  t.RecordFailure("x", "1.1.1.1", now);
  EXPECT_GT(t.RetryAfter("alice", "1.1.1.1", now), 0) << "the address keeps its count";
}

TEST(Route, PathParams) {
  Route r{.method = Method::kGet, .path = "/api/people/{id}/notes/{note}"};
  EXPECT_EQ(r.PathParams(), (std::vector<std::string>{"id", "note"}));
  Route o{.path = "/api/openapi.json"};
  EXPECT_TRUE(o.PathParams().empty());
}

TEST(Route, AccessFollowsCampaignPermissions) {
  Route audit{.access = Access::kPermission, .permission = campaign::Permission::kReadAudit};
  campaign::Role ceo = campaign::Role::kCeo, hr = campaign::Role::kHr, rec = campaign::Role::kRecruiter,
                 viewer = campaign::Role::kViewer;
  EXPECT_TRUE(audit.Allows(&ceo));
  EXPECT_TRUE(audit.Allows(&hr));
  EXPECT_FALSE(audit.Allows(&rec));
  EXPECT_FALSE(audit.Allows(&viewer));
  EXPECT_FALSE(audit.Allows(nullptr));
  EXPECT_EQ(audit.RolesText(), "ceo, hr");
  Route open{.access = Access::kPublic};
  EXPECT_TRUE(open.Allows(nullptr));
}

}  // namespace
}  // namespace st::web
