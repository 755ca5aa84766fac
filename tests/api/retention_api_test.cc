// Retention over HTTP (SQLite, and PostgreSQL when ST_PG_URL is set): record a
// rival offer, ask the policy for a counter, draft it, take it through the
// offers' chain (hr then ceo), and read the side-by-side; staff pay absent
// from the staff list and the case refused for recruiter and viewer.
#include <gtest/gtest.h>

#include "retention/staff_csv.h"
#include "tests/api/api_fixture.h"

namespace st::web::testing {
namespace {

using nlohmann::json;

class RetentionApiTest : public ApiTest {};

TEST_P(RetentionApiTest, RivalSuggestionCounterApprovalSideBySide) {
  auto rows = retention::ParseStaffCsv(
      "name,email,base,currency,bonus_pct,equity_grant,equity_grant_date\n"
      "Ada Lovelace,ada@lab.ai,300000,USD,10,800000,2025-01-01\n");
  ASSERT_TRUE(rows.ok());
  ASSERT_TRUE(store_->ImportStaff(store::Actor{0, "cli", campaign::Role::kCeo, ""}, *rows).ok());
  Response list = Get("/api/staff", &sessions_["hr"]);
  ASSERT_EQ(list.status, 200);
  const std::int64_t id = list.body["staff"][0].value("id", 0);
  const std::string base = "/api/retention/staff/" + std::to_string(id);
  for (const char* role : {"recruiter", "viewer"}) {
    Response r = Get("/api/staff", &sessions_[role]);
    EXPECT_EQ(r.text.find("30000000"), std::string::npos) << role;
    EXPECT_FALSE(r.body["staff"][0].contains("base")) << role;
    EXPECT_EQ(Get(base, &sessions_[role]).status, 403) << role;
  }

  json rival = {{"base_salary", 40000000}, {"sign_on", 10000000}, {"equity", {{"value", 120000000}}},
                {"start_date", "2099-01-01"}, {"expiry_date", "2098-12-15"}};
  Response rv = Post(base + "/rival-offers", &sessions_["hr"],
                     {{"company", "Rival Labs"}, {"terms", rival}, {"deadline", "2098-12-15"}, {"source", "Ada"}});
  ASSERT_EQ(rv.status, 201) << rv.text;
  EXPECT_EQ(rv.body["value"]["four_year"], 290000000);
  Response bad = Post(base + "/rival-offers", &sessions_["hr"],
                      {{"company", "X"}, {"terms", {{"base_salary", "lots"}}}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.text.find("base_salary"), std::string::npos) << bad.text;

  Response sug = Post(base + "/counter-suggestion", &sessions_["ceo"],
                      {{"rival_offer_id", rv.body["id"]}, {"strength", 0.9}});
  ASSERT_EQ(sug.status, 200) << sug.text;
  EXPECT_TRUE(sug.body["beat"]);
  EXPECT_EQ(sug.body["target_four_year"], 319000000);
  EXPECT_EQ(sug.body["comparison"]["counter"]["four_year"], 319000000);

  Response c = Post(base + "/counters", &sessions_["hr"],
                    {{"terms", sug.body["terms"]}, {"rival_offer_id", rv.body["id"]}, {"note", "policy"}});
  ASSERT_EQ(c.status, 201) << c.text;
  json counter = c.body;
  const std::string cpath = "/api/retention/counters/" + std::to_string(counter.value("id", 0));
  for (auto [step, role] : {std::pair{"/submit", "hr"}, {"/approve", "hr"}, {"/approve", "ceo"}}) {
    Response r = Post(cpath + step, &sessions_[role], {{"version", counter["version"]}});
    ASSERT_EQ(r.status, 200) << step << " " << r.text;
    counter = r.body;
  }
  EXPECT_EQ(counter["state"], "approved");
  EXPECT_EQ(counter["approvals"].size(), 2u);

  Response cs = Get(base, &sessions_["ceo"]);
  ASSERT_EQ(cs.status, 200) << cs.text;
  const json& cmp = cs.body["comparison"];
  EXPECT_EQ(cmp["rival"]["four_year"], 290000000);
  EXPECT_EQ(cmp["counter"]["four_year"], 319000000);
  EXPECT_EQ(cmp["counter_minus_rival"]["four_year"], 29000000);
  EXPECT_EQ(cmp["counter_id"], counter["id"]);
  EXPECT_EQ(cs.body["staff"]["base"], 30000000);

  Response out = Post(base + "/outcome", &sessions_["hr"], {{"outcome", "stayed"}});
  ASSERT_EQ(out.status, 201) << out.text;
  EXPECT_EQ(Get(cpath, &sessions_["hr"]).body["state"], "accepted");
}

INSTANTIATE_TEST_SUITE_P(Backends, RetentionApiTest, ST_API_BACKENDS);

}  // namespace
}  // namespace st::web::testing
