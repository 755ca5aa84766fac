// Login, logout, sessions, CSRF, cross-site writes, throttling, headers,
// limits and the error format — over HTTP against the real server.
#include <gtest/gtest.h>

#include "tests/api/api_fixture.h"

namespace st::web::testing {
namespace {

using nlohmann::json;

class AuthTest : public ApiTest {};

TEST_P(AuthTest, LoginSetsHardenedCookieAndMeAnswers) {
  Response r = Post("/api/login", nullptr, {{"username", "hr"}, {"password", kPassword}});
  ASSERT_EQ(r.status, 200) << r.text;
  std::string cookie = r.Header("Set-Cookie");
  EXPECT_EQ(cookie.rfind("st_session=", 0), 0u) << cookie;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  // ≥ 128-bit token: at least 32 hex characters.
  std::string token = cookie.substr(11, cookie.find(';') - 11);
  EXPECT_GE(token.size(), 32u);
  Session s = sessions_["hr"];
  Response me = Get("/api/me", &s);
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.body["user"]["username"], "hr");
  EXPECT_EQ(me.body["user"]["role"], "hr");
  EXPECT_EQ(me.body["csrf_token"], s.csrf);
  EXPECT_TRUE(me.body["can"]["compensation"].get<bool>());
  EXPECT_FALSE(me.body["can"]["users"].get<bool>());
}

TEST_P(AuthTest, WrongLoginAndNoSession) {
  Response bad = Post("/api/login", nullptr, {{"username", "hr"}, {"password", "wrong password 123"}});
  EXPECT_EQ(bad.status, 401);
  EXPECT_EQ(bad.ErrorCode(), "unauthenticated");
  Response nobody = Post("/api/login", nullptr, {{"username", "nobody"}, {"password", kPassword}});
  EXPECT_EQ(nobody.status, 401);
  EXPECT_EQ(bad.body["error"]["message"], nobody.body["error"]["message"]) << "no user enumeration";
  EXPECT_EQ(Get("/api/me", nullptr).status, 401);
  Session forged{"x", "st_session=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", "x", 0};
  EXPECT_EQ(Get("/api/me", &forged).status, 401);
}

TEST_P(AuthTest, LogoutRevokesTheSessionServerSide) {
  Session s = Login("viewer");
  ASSERT_EQ(Get("/api/me", &s).status, 200);
  Response out = Post("/api/logout", &s, json::object());
  EXPECT_EQ(out.status, 204) << out.text;
  EXPECT_NE(out.Header("Set-Cookie").find("Max-Age=0"), std::string::npos);
  // Replaying the old cookie does not work.
  EXPECT_EQ(Get("/api/me", &s).status, 401);
  EXPECT_EQ(Get("/api/people", &s).status, 401);
  // Other sessions of the same user are unaffected.
  EXPECT_EQ(Get("/api/me", &sessions_["viewer"]).status, 200);
}

TEST_P(AuthTest, DisablingAUserRevokesItsSessions) {
  Session s = Login("recruiter2");
  ASSERT_EQ(Get("/api/me", &s).status, 200);
  Response r = Patch("/api/users/" + std::to_string(users_["recruiter2"].id), &sessions_["ceo"], {{"disabled", true}});
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(Get("/api/me", &s).status, 401);
  Response again = Post("/api/login", nullptr, {{"username", "recruiter2"}, {"password", kPassword}});
  EXPECT_EQ(again.status, 401);
}

TEST_P(AuthTest, CsrfTokenRequiredOnEveryWrite) {
  Session s = sessions_["ceo"];
  json body = {{"name", "CSRF Target"}};
  Response missing = Call("POST", "/api/people", &s, body, {{"X-CSRF-Token", ""}});
  EXPECT_EQ(missing.status, 403) << missing.text;
  EXPECT_EQ(missing.ErrorCode(), "forbidden");
  Response wrong = Call("POST", "/api/people", &s, body, {{"X-CSRF-Token", "not-the-token"}});
  EXPECT_EQ(wrong.status, 403);
  // Another user's token does not work either (bound to the session).
  Response foreign = Call("POST", "/api/people", &s, body, {{"X-CSRF-Token", sessions_["hr"].csrf}});
  EXPECT_EQ(foreign.status, 403);
  Response logout = Call("POST", "/api/logout", &s, json::object(), {{"X-CSRF-Token", "x"}});
  EXPECT_EQ(logout.status, 403) << "logout is a write too";
  EXPECT_EQ(Get("/api/me", &s).status, 200);
  Response ok = Post("/api/people", &s, body);
  EXPECT_EQ(ok.status, 201) << ok.text;
  // Nothing was written by the refused calls.
  Response list = Get("/api/people?q=CSRF", &s);
  EXPECT_EQ(list.body["total"], 1) << list.text;
}

TEST_P(AuthTest, CrossSiteWritesRefused) {
  Session s = sessions_["ceo"];
  json body = {{"name", "Cross Site"}};
  std::string own_origin = "http://127.0.0.1:" + std::to_string(port_);
  Response evil = Call("POST", "/api/people", &s, body, {{"Origin", "https://evil.example"}});
  EXPECT_EQ(evil.status, 403) << evil.text;
  Response site = Call("POST", "/api/people", &s, body, {{"Sec-Fetch-Site", "cross-site"}});
  EXPECT_EQ(site.status, 403);
  Response login = Call("POST", "/api/login", nullptr, json{{"username", "ceo"}, {"password", kPassword}},
                        {{"Origin", "https://evil.example"}});
  EXPECT_EQ(login.status, 403) << "login CSRF";
  Response same = Call("POST", "/api/people", &s, body, {{"Origin", own_origin}, {"Sec-Fetch-Site", "same-origin"}});
  EXPECT_EQ(same.status, 201) << same.text;
}

TEST_P(AuthTest, LoginThrottledPerAccountAndPerIp) {
  StartServer(LoginThrottle::Limits{.max_per_account = 3, .max_per_ip = 6, .window = std::chrono::seconds(600)});
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(Post("/api/login", nullptr, {{"username", "hr"}, {"password", "bad guess 0000"}}).status, 401);
  }
  Response locked = Post("/api/login", nullptr, {{"username", "hr"}, {"password", kPassword}});
  EXPECT_EQ(locked.status, 429) << "even the right password waits";
  EXPECT_EQ(locked.ErrorCode(), "rate_limited");
  EXPECT_FALSE(locked.Header("Retry-After").empty());
  // Another account from the same address still works until the IP limit.
  EXPECT_EQ(Post("/api/login", nullptr, {{"username", "viewer"}, {"password", kPassword}}).status, 200);
  for (int i = 0; i < 3; ++i) {
    Post("/api/login", nullptr, {{"username", "user" + std::to_string(i)}, {"password", "bad guess 0000"}});
  }
  Response ip = Post("/api/login", nullptr, {{"username", "viewer"}, {"password", kPassword}});
  EXPECT_EQ(ip.status, 429) << ip.text;
}

TEST_P(AuthTest, SecurityHeadersOnEveryResponse) {
  Session s = sessions_["viewer"];
  std::vector<Response> responses = {Get("/api/me", &s), Get("/api/people", nullptr), Get("/api/nope", &s),
                                     Get("/api/openapi.json", nullptr), Get("/api/people/999999", &s)};
  for (const Response& r : responses) {
    EXPECT_NE(r.Header("Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos) << r.text;
    EXPECT_EQ(r.Header("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(r.Header("Referrer-Policy"), "no-referrer");
    EXPECT_EQ(r.Header("Cache-Control"), "no-store");
  }
  EXPECT_EQ(responses[2].status, 404);
  EXPECT_EQ(responses[2].ErrorCode(), "not_found");
  EXPECT_EQ(responses[4].status, 404);
  EXPECT_EQ(responses[4].ErrorCode(), "not_found");
}

TEST_P(AuthTest, BodyLimitAndMalformedJson) {
  Session s = sessions_["ceo"];
  std::string big(100 * 1024, 'a');
  Response r = Post("/api/people", &s, {{"name", big}});
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.ErrorCode(), "payload_too_large");
  httplib::Client c("127.0.0.1", port_);
  auto bad = c.Post("/api/people", {{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}}, "{\"name\": ", "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  auto arr = c.Post("/api/people", {{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}}, "[1,2]", "application/json");
  ASSERT_TRUE(arr);
  EXPECT_EQ(arr->status, 400);
}

TEST_P(AuthTest, WeakPasswordsRefusedAtUserCreation) {
  for (const char* pw : {"password", "123456789012", "passwordpassword", "short"}) {
    Response r = Post("/api/users", &sessions_["ceo"], {{"username", "weak"}, {"password", pw}, {"role", "viewer"}});
    EXPECT_EQ(r.status, 400) << pw << ": " << r.text;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthTest, ST_API_BACKENDS);

}  // namespace
}  // namespace st::web::testing
