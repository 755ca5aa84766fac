// The permission matrix: every route × every role × own/other record, over
// HTTP against a real server (SQLite, and PostgreSQL when ST_PG_URL is set).
#include <gtest/gtest.h>

#include <functional>

#include "tests/api/api_fixture.h"

namespace st::web::testing {
namespace {

using nlohmann::json;

struct Fixture {
  std::int64_t own = 0, own_version = 0;      // owned by "recruiter"
  std::int64_t other = 0, other_version = 0;  // owned by "recruiter2"
};

struct MatrixCase {
  const char* name;
  const char* method;
  std::function<std::string(const Fixture&)> path;
  std::function<std::optional<json>(const Fixture&, int n)> body;
  // Expected HTTP status for ceo, recruiter, hr, viewer.
  int ceo, recruiter, hr, viewer;
};

std::optional<json> NoBody(const Fixture&, int) { return std::nullopt; }

class PermissionsTest : public ApiTest {};

TEST_P(PermissionsTest, EveryRouteEveryRole) {
  auto P = [](const char* fmt) {
    return [fmt](const Fixture& f) {
      std::string s = fmt;
      if (auto i = s.find("{own}"); i != std::string::npos) s.replace(i, 5, std::to_string(f.own));
      if (auto i = s.find("{other}"); i != std::string::npos) s.replace(i, 7, std::to_string(f.other));
      return s;
    };
  };
  const std::int64_t viewer_id = users_["viewer"].id;
  const std::vector<MatrixCase> cases = {
      {"list people", "GET", P("/api/people"), NoBody, 200, 200, 200, 200},
      {"create person", "POST", P("/api/people"),
       [](const Fixture&, int n) { return json{{"name", "New Person " + std::to_string(n)}}; }, 201, 201, 201, 403},
      {"read own", "GET", P("/api/people/{own}"), NoBody, 200, 200, 200, 200},
      {"read other", "GET", P("/api/people/{other}"), NoBody, 200, 200, 200, 200},
      {"patch own", "PATCH", P("/api/people/{own}"),
       [](const Fixture& f, int) { return json{{"version", f.own_version}, {"title", "Staff RS"}}; }, 200, 200, 200,
       403},
      {"patch other", "PATCH", P("/api/people/{other}"),
       [](const Fixture& f, int) { return json{{"version", f.other_version}, {"title", "Staff RS"}}; }, 200, 403, 200,
       403},
      {"stage own", "POST", P("/api/people/{own}/stage"),
       [](const Fixture& f, int) { return json{{"version", f.own_version}, {"stage", "contacted"}}; }, 200, 200, 200,
       403},
      {"stage other", "POST", P("/api/people/{other}/stage"),
       [](const Fixture& f, int) { return json{{"version", f.other_version}, {"stage", "contacted"}}; }, 200, 403,
       200, 403},
      {"note on other", "POST", P("/api/people/{other}/notes"),
       [](const Fixture&, int) { return json{{"body", "met at NeurIPS"}}; }, 201, 201, 201, 403},
      {"list notes", "GET", P("/api/people/{other}/notes"), NoBody, 200, 200, 200, 200},
      {"export", "GET", P("/api/people/{own}/export"), NoBody, 200, 403, 200, 403},
      {"erase", "DELETE", P("/api/people/{other}"), NoBody, 204, 403, 204, 403},
      {"pipeline", "GET", P("/api/pipeline"), NoBody, 200, 200, 200, 200},
      {"dashboard", "GET", P("/api/dashboard"), NoBody, 200, 200, 200, 200},
      {"activities", "GET", P("/api/activities"), NoBody, 200, 200, 200, 200},
      {"list users", "GET", P("/api/users"), NoBody, 200, 403, 403, 403},
      {"create user", "POST", P("/api/users"),
       [](const Fixture&, int n) {
         return json{{"username", "newuser" + std::to_string(n)}, {"password", kPassword}, {"role", "viewer"}};
       },
       201, 403, 403, 403},
      {"patch user", "PATCH", [viewer_id](const Fixture&) { return "/api/users/" + std::to_string(viewer_id); },
       [](const Fixture&, int) { return json{{"display_name", "Vic"}}; }, 200, 403, 403, 403},
      {"audit", "GET", P("/api/audit"), NoBody, 200, 403, 200, 403},
      // No graph in this fixture: allowed roles reach the handler, which answers 404.
      {"search", "GET", P("/api/search?q=llm"), NoBody, 404, 404, 404, 404},
      {"author", "GET", P("/api/authors/1"), NoBody, 404, 404, 404, 404},
      {"me", "GET", P("/api/me"), NoBody, 200, 200, 200, 200},
      {"openapi", "GET", P("/api/openapi.json"), NoBody, 200, 200, 200, 200},
      // ---- settings
      {"list settings", "GET", P("/api/settings"), NoBody, 200, 200, 200, 200},
      {"read setting", "GET", P("/api/settings/campaign"), NoBody, 200, 200, 200, 200},
      {"change setting", "PATCH", P("/api/settings/campaign"),
       [](const Fixture&, int) { return json{{"version", 0}, {"value", json::object()}}; }, 200, 403, 403, 403},
      // ---- planning (acceptance model settings)
      {"read acceptance setting", "GET", P("/api/settings/acceptance"), NoBody, 200, 200, 200, 200},
      {"change acceptance setting", "PATCH", P("/api/settings/acceptance"),
       [](const Fixture&, int) { return json{{"version", 0}, {"value", json::object()}}; }, 200, 403, 403, 403},
  };
  const char* roles[] = {"ceo", "recruiter", "hr", "viewer"};
  int n = 0;
  for (const MatrixCase& c : cases) {
    for (int r = 0; r < 4; ++r) {
      ++n;
      // Fresh records per call: erasure and stage moves change them.
      Fixture f;
      json own = AddPerson(sessions_["ceo"], "Own " + std::to_string(n), {{"owner_id", users_["recruiter"].id}});
      json other = AddPerson(sessions_["ceo"], "Other " + std::to_string(n), {{"owner_id", users_["recruiter2"].id}});
      f.own = own.value("id", 0);
      f.own_version = own.value("version", 0);
      f.other = other.value("id", 0);
      f.other_version = other.value("version", 0);
      const int expected[] = {c.ceo, c.recruiter, c.hr, c.viewer};
      Response res = Call(c.method, c.path(f), &sessions_[roles[r]], c.body(f, n));
      EXPECT_EQ(res.status, expected[r]) << c.name << " as " << roles[r] << ": " << res.text;
      if (res.status >= 400) {
        EXPECT_FALSE(res.ErrorCode().empty()) << c.name << ": error body must carry a code: " << res.text;
      }
    }
    // Without a session only the public routes answer.
    Fixture f{1, 1, 1, 1};
    Response anon = Call(c.method, c.path(f), nullptr, c.body(f, ++n));
    int want = std::string(c.name) == "openapi" ? 200 : 401;
    EXPECT_EQ(anon.status, want) << c.name << " anonymous: " << anon.text;
  }
}

TEST_P(PermissionsTest, CompensationAbsentForRecruiterAndViewer) {
  json comp = {{"current_base", 450000}, {"expected_total", 3000000}, {"currency", "USD"}};
  json p = AddPerson(sessions_["ceo"], "Paid Person", {{"compensation", comp}});
  ASSERT_TRUE(p.contains("compensation")) << p.dump();
  std::string path = "/api/people/" + std::to_string(p.value("id", 0));
  for (const char* role : {"ceo", "hr"}) {
    Response r = Get(path, &sessions_[role]);
    ASSERT_EQ(r.status, 200);
    ASSERT_TRUE(r.body.contains("compensation")) << role;
    EXPECT_EQ(r.body["compensation"]["current_base"], 450000) << role;
  }
  for (const char* role : {"recruiter", "viewer"}) {
    Response r = Get(path, &sessions_[role]);
    ASSERT_EQ(r.status, 200);
    EXPECT_FALSE(r.body.contains("compensation")) << role << " must not even see the key: " << r.text;
    EXPECT_EQ(r.text.find("450000"), std::string::npos) << role;
    Response list = Get("/api/people", &sessions_[role]);
    EXPECT_EQ(list.text.find("450000"), std::string::npos) << role;
  }
  // Writing it is refused for a recruiter even on an own record.
  json own = AddPerson(sessions_["recruiter"], "Recruited");
  Response w = Patch("/api/people/" + std::to_string(own.value("id", 0)), &sessions_["recruiter"],
                     {{"version", own["version"]}, {"compensation", comp}});
  EXPECT_EQ(w.status, 403) << w.text;
  Response c = Post("/api/people", &sessions_["recruiter"], {{"name", "X"}, {"compensation", comp}});
  EXPECT_EQ(c.status, 403) << c.text;
}

TEST_P(PermissionsTest, UnknownAndReadOnlyFieldsRejected) {
  struct Case {
    const char* method;
    bool on_person;
    json body;
  } cases[] = {
      {"POST", false, {{"name", "X"}, {"is_admin", true}}},
      {"POST", false, {{"name", "X"}, {"stage", "offer"}}},
      {"POST", false, {{"name", "X"}, {"id", 7}}},
      {"PATCH", true, {{"version", 1}, {"created_at", "2020-01-01"}}},
      {"PATCH", true, {{"version", 1}, {"owner", {{"id", 1}}}}},
      {"PATCH", true, {{"version", 1}, {"compensation", {{"bonus", 1}}}}},
      {"POST", false, {{"name", 12}}},
  };
  json p = AddPerson(sessions_["ceo"], "Target");
  for (const Case& c : cases) {
    std::string path = c.on_person ? "/api/people/" + std::to_string(p.value("id", 0)) : "/api/people";
    Response r = Call(c.method, path, &sessions_["ceo"], c.body);
    EXPECT_EQ(r.status, 400) << c.body.dump() << ": " << r.text;
    EXPECT_EQ(r.ErrorCode(), "invalid_input") << c.body.dump();
  }
  Response u = Post("/api/users", &sessions_["ceo"],
                    {{"username", "eve"}, {"password", kPassword}, {"role", "ceo"}, {"disabled", false}});
  EXPECT_EQ(u.status, 400) << u.text;
  Response q = Get("/api/people?limit=5&debug=1", &sessions_["ceo"]);
  EXPECT_EQ(q.status, 400) << "undeclared query parameters are refused";
}

INSTANTIATE_TEST_SUITE_P(Backends, PermissionsTest, ST_API_BACKENDS);

}  // namespace
}  // namespace st::web::testing
