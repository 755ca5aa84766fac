// A real server for API tests: a fresh store (SQLite in a temp dir, or a
// fresh PostgreSQL schema when the parameter is "postgresql" and ST_PG_URL
// is set), users of every role created through the store, and WebApp
// listening on a free 127.0.0.1 port. Calls go over HTTP with httplib::Client.
#pragma once

#include <httplib.h>
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "store/sql.h"
#include "store/store.h"
#include "store/test_database.h"
#include "outreach/service.h"
#include "web/app.h"

namespace st::web::testing {

inline constexpr const char* kPassword = "api test passphrase 42";

// A logged-in browser: the session cookie and its CSRF token.
struct Session {
  std::string username;
  std::string cookie;  // "st_session=..."
  std::string csrf;
  std::int64_t user_id = 0;
};

struct Response {
  int status = 0;  // 0 = transport error
  nlohmann::json body;  // parsed when JSON, else null
  std::string text;
  httplib::Headers headers;
  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
  std::string ErrorCode() const {
    return body.is_object() && body.contains("error") ? body["error"].value("code", "") : "";
  }
};

class ApiTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Opens the store (again) and starts the server. Users persist.
  void StartServer(LoginThrottle::Limits limits = {});
  void StopServer();
  // Opens the store with the test's URL (for checks after a crash).
  Result<std::unique_ptr<store::Store>> OpenTestStore();

  store::User MakeUser(const std::string& name, campaign::Role role);
  Session Login(const std::string& username, const std::string& password = kPassword);

  // Sends a request. `session` adds the cookie and (for non-GET) the CSRF
  // token unless `headers` already says otherwise.
  Response Call(const std::string& method, const std::string& path, const Session* session,
                const std::optional<nlohmann::json>& body = std::nullopt, httplib::Headers headers = {});
  Response Get(const std::string& path, const Session* s) { return Call("GET", path, s); }
  Response Post(const std::string& path, const Session* s, const nlohmann::json& body) {
    return Call("POST", path, s, body);
  }
  Response Patch(const std::string& path, const Session* s, const nlohmann::json& body) {
    return Call("PATCH", path, s, body);
  }

  // A candidate created by `owner` through the API; returns its JSON.
  nlohmann::json AddPerson(const Session& owner, const std::string& name, nlohmann::json extra = {});

  std::unique_ptr<store::testing::TestDatabase> db_;
  std::string url_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<WebApp> app_;
  // Outreach with a Maildir transport in the test dir (tests/api/outreach_api_test.cc).
  std::shared_ptr<outreach::OutreachService> outreach_;
  std::string outreach_dir_;  // the outreach service's key file, templates and test Maildir
  int port_ = 0;
  std::map<std::string, store::User> users_;
  std::map<std::string, Session> sessions_;  // by role name: ceo, recruiter, recruiter2, hr, viewer
};

// "sqlite" and "postgresql": every API test runs on both back ends.
#define ST_API_BACKENDS ::testing::Values(std::string("sqlite"), std::string("postgresql"))

}  // namespace st::web::testing
