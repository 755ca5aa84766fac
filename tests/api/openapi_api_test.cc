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
    // ---- offers, candidate link, compute ledger and staff, outreach, places and events (issues 9, 10, 13)
    "delete /api/fleet/capacity/{id}",
    "delete /api/people/{id}/location",
    "delete /api/staff/{id}",
    "get /api/calendar/events",
    "get /api/calendar/events/{id}",
    "get /api/calendar/events/{id}/invitation.ics",
    "get /api/calendar/events/{id}/suggestions",
    "get /api/compute/per-researcher",
    "get /api/compute/promises",
    "get /api/drafts/{id}/versions",
    "get /api/fleet",
    "get /api/ledger/check",
    "get /api/offer-link/{token}",
    "get /api/offer-link/{token}/letter.html",
    "get /api/offer-link/{token}/letter.pdf",
    "get /api/offers/approvals",
    "get /api/offers/{id}",
    "get /api/offers/{id}/letter.html",
    "get /api/offers/{id}/letter.pdf",
    "get /api/offers/{id}/versions",
    "get /api/outreach/mailbox",
    "get /api/outreach/queue",
    "get /api/outreach/stats",
    "get /api/people/{id}/compute",
    "get /api/people/{id}/location",
    "get /api/people/{id}/offers",
    "get /api/people/{id}/outreach",
    "get /api/people/{id}/whatsapp",
    "get /api/places/cities",
    "get /api/places/people",
    "get /api/places/trip",
    "get /api/staff",
    "get /api/staff/{id}",
    "get /api/staff/{id}/export",
    "get /api/teams/reports",
    "patch /api/calendar/events/{id}",
    "patch /api/drafts/{id}",
    "patch /api/offers/{id}",
    "patch /api/outreach/mailbox",
    "patch /api/staff/{id}",
    "post /api/calendar/events",
    "post /api/calendar/events/{id}/cancel",
    "post /api/calendar/events/{id}/invites",
    "post /api/calendar/events/{id}/rsvp",
    "post /api/drafts/{id}/approve",
    "post /api/drafts/{id}/discard",
    "post /api/fleet/capacity",
    "post /api/fleet/import",
    "post /api/offer-link/{token}/accept",
    "post /api/offer-link/{token}/decline",
    "post /api/offers/preview",
    "post /api/offers/{id}/approve",
    "post /api/offers/{id}/reject",
    "post /api/offers/{id}/send",
    "post /api/offers/{id}/submit",
    "post /api/offers/{id}/withdraw",
    "post /api/people/{id}/drafts",
    "post /api/people/{id}/location",
    "post /api/people/{id}/offer-without-meeting",
    "post /api/people/{id}/offers",
    "post /api/people/{id}/whatsapp",
    "post /api/staff",
    // ---- dinner invitations by e-mail (issue 13)
    "post /api/calendar/events/{id}/send",
    // ---- watch (issue 11)
    "get /api/alerts",
    "post /api/alerts/read",
    "get /api/watch/follows",
    "post /api/watch/follows",
    "delete /api/watch/follows/{id}",
    "get /api/flight-risk",
    // ---- deals (issue 13)
    "get /api/deals",
    "post /api/deals",
    "get /api/deals/researchers",
    "get /api/deals/{id}",
    "patch /api/deals/{id}",
    "get /api/deals/{id}/versions",
    "post /api/deals/{id}/people",
    "patch /api/deals/{id}/people/{line}",
    "delete /api/deals/{id}/people/{line}",
    // ---- outreach: opt-out link, mailbox test (issue 9)
    "get /api/optout/{token}",
    "post /api/optout/{token}",
    "get /api/optout/{token}/one-click",
    "post /api/optout/{token}/one-click",
    "post /api/outreach/mailbox/test",
    "get /api/outreach/sequences",
    // ---- retention
    "get /api/retention/counters",
    "get /api/retention/staff/{id}",
    "post /api/retention/staff/{id}/rival-offers",
    "delete /api/retention/rival-offers/{id}",
    "post /api/retention/staff/{id}/counter-suggestion",
    "post /api/retention/staff/{id}/counters",
    "get /api/retention/counters/{id}",
    "patch /api/retention/counters/{id}",
    "post /api/retention/counters/{id}/{action}",
    "post /api/retention/staff/{id}/outcome",
    "post /api/staff/{id}/link",
    "post /api/retention/links/suggest",
    // ---- planning (issue 12)
    "post /api/planning/plan",
    "post /api/planning/offers",
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
