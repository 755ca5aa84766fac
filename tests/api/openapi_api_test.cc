// GET /api/openapi.json documents exactly the routes the server registers.
#include <gtest/gtest.h>

#include <cstdio>
#include <set>
#include <string>

#include "base/test_paths.h"
#include "tests/api/api_fixture.h"
#include "web/openapi.h"

namespace st::web::testing {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

class OpenApiTest : public ApiTest {};

// Every route the server must serve, written out by hand: the served table and the document built from it are
// both compared with this list, so a route lost from (or slipped into) the table fails here. A capability that
// adds routes appends them in a block `// ---- <capability>` at the end.
const std::set<std::string> kExpectedRoutes = {
    "get /api/openapi.json",
    "post /api/login",
    "post /api/logout",
    "get /api/me",
    "get /api/search",
    "get /api/authors/{author_id}",
    "get /api/people",
    "post /api/people",
    "get /api/people/{id}",
    "patch /api/people/{id}",
    "delete /api/people/{id}",
    "get /api/people/{id}/export",
    "get /api/people/{id}/notes",
    "post /api/people/{id}/notes",
    "post /api/people/{id}/stage",
    "get /api/pipeline",
    "get /api/dashboard",
    "get /api/activities",
    "get /api/events",
    "get /api/users",
    "post /api/users",
    "patch /api/users/{id}",
    "get /api/audit",
    // ---- settings
    "get /api/settings",
    "get /api/settings/{key}",
    "patch /api/settings/{key}",
};

TEST_P(OpenApiTest, DocumentAndRegisteredRoutesMatch) {
  Response r = Get("/api/openapi.json", nullptr);
  ASSERT_EQ(r.status, 200);
  const nlohmann::json& doc = r.body;
  EXPECT_EQ(doc["openapi"].get<std::string>().substr(0, 2), "3.");
  std::set<std::string> registered, documented;
  for (const Route& route : app_->routes().routes()) {
    registered.insert(Lower(MethodName(route.method)) + " " + route.path);
  }
  for (auto p = doc["paths"].begin(); p != doc["paths"].end(); ++p) {
    for (auto m = p->begin(); m != p->end(); ++m) {
      documented.insert(m.key() + " " + p.key());
      EXPECT_TRUE(m->contains("responses")) << p.key();
      EXPECT_TRUE(m->contains("x-roles")) << p.key();
    }
  }
  EXPECT_EQ(registered, kExpectedRoutes);
  EXPECT_EQ(documented, kExpectedRoutes);
  // The documented routes are really served: none answers "no route".
  for (const Route& route : app_->routes().routes()) {
    std::string path;
    bool in_param = false;
    for (char c : route.path) {
      if (c == '{') in_param = true, path += '1';
      if (!in_param) path += c;
      if (c == '}') in_param = false;
    }
    if (route.path == "/api/events" || route.path == "/api/logout") continue;  // streams / ends the session
    Response res = Call(std::string(MethodName(route.method)), path, &sessions_["ceo"], nlohmann::json::object());
    EXPECT_NE(res.status, 0) << path;
    EXPECT_EQ(res.text.find("no route"), std::string::npos) << MethodName(route.method) << " " << path;
  }
  // Every documented route is in docs/API.md too.
  const std::string api_md = st::testing::SourceDir() + "/docs/API.md";
  std::FILE* f = std::fopen(api_md.c_str(), "rb");
  ASSERT_NE(f, nullptr) << api_md << " (ST_SOURCE_DIR is set by ctest)";
  std::string md;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) md.append(buf, n);
  std::fclose(f);
  for (const Route& route : app_->routes().routes()) {
    EXPECT_NE(md.find("`" + route.path), std::string::npos) << route.path << " missing from docs/API.md";
  }
}

TEST_P(OpenApiTest, WriteBodiesListTheirFieldsAndForbidOthers) {
  Response r = Get("/api/openapi.json", nullptr);
  const auto& post = r.body["paths"]["/api/people"]["post"];
  const auto& schema = post["requestBody"]["content"]["application/json"]["schema"];
  EXPECT_EQ(schema["additionalProperties"], false);
  EXPECT_TRUE(schema["properties"].contains("name"));
  EXPECT_TRUE(schema["properties"].contains("compensation"));
  EXPECT_FALSE(schema["properties"].contains("stage")) << "read-only fields are not writable";
  EXPECT_EQ(r.body["paths"]["/api/audit"]["get"]["x-roles"], "ceo, hr");
}

INSTANTIATE_TEST_SUITE_P(Backends, OpenApiTest, ::testing::Values(std::string("sqlite")));

}  // namespace
}  // namespace st::web::testing
