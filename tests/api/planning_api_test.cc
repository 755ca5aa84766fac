// The budget plan over HTTP (issue 12; SQLite, and PostgreSQL when ST_PG_URL is set): the plan reads the
// pipeline, the "planning" settings and the ledger's free GPUs; hr may look (not act), recruiters may not
// see it; "turn into draft offers" creates real drafts through the offers path (people moved to offer first),
// and those drafts pass the normal approval chain with the ledger's reservation at the last approval — the
// plan respected the ledger. No budget and a budget below the offers already out are clear 400s.
#include <gtest/gtest.h>

#include "tests/api/api_fixture.h"

namespace st::web::testing {
namespace {

using nlohmann::json;

class PlanningApiTest : public ApiTest {
 protected:
  // A candidate moved along the pipeline to `stage`.
  std::int64_t Candidate(const std::string& name, const std::string& stage) {
    json p = AddPerson(sessions_["ceo"], name);
    std::int64_t v = p["version"];
    const std::int64_t id = p.value("id", 0);
    for (const char* s : {"contacted", "replied", "meeting", "offer"}) {
      Response m = Post("/api/people/" + std::to_string(id) + "/stage", &sessions_["ceo"], {{"version", v}, {"stage", s}});
      EXPECT_EQ(m.status, 200) << m.text;
      v = m.body.value("version", 0);
      if (stage == s) break;
    }
    return id;
  }
};

TEST_P(PlanningApiTest, PlanRespectsTheLedgerAndBecomesDraftOffersThatPassApproval) {
  Session& ceo = sessions_["ceo"];
  // 300 H100 installed; with the default 10% headroom 270 may be promised: room for one 256-GPU tier only.
  Response cap = Post("/api/fleet/capacity", &ceo,
                      {{"site", "west"}, {"gpu_type", "H100"}, {"change", "add"}, {"gpus", 300}, {"date", "2020-01-01"}});
  ASSERT_EQ(cap.status, 201) << cap.text;
  Response set = Patch("/api/settings/planning", &ceo,
                       {{"version", 0}, {"value", {{"gpu_levels", {0, 256}}, {"team_levels", {0, 2}}, {"team_slots", 20}}}});
  ASSERT_EQ(set.status, 200) << set.text;

  std::vector<std::int64_t> ids = {Candidate("Ada", "replied"), Candidate("Grace", "replied"),
                                   Candidate("Edsger", "meeting"), Candidate("Barbara", "contacted")};
  // No budget anywhere: a clear error.
  Response none = Post("/api/planning/plan", &ceo, json::object());
  EXPECT_EQ(none.status, 400) << none.text;
  EXPECT_NE(none.text.find("no budget"), std::string::npos) << none.text;

  json body = {{"budget_4y_minor", 30'000'000'000LL},  // $300M: money is not what binds
               {"curve", 4},
               {"values", {{std::to_string(ids[0]), 90}, {std::to_string(ids[1]), 80}, {std::to_string(ids[2]), 70},
                           {std::to_string(ids[3]), 60}}}};
  EXPECT_EQ(Post("/api/planning/plan", &sessions_["recruiter"], body).status, 403);
  EXPECT_EQ(Post("/api/planning/plan", &sessions_["viewer"], body).status, 403);
  Response hr = Post("/api/planning/plan", &sessions_["hr"], body);
  ASSERT_EQ(hr.status, 200) << hr.text;
  EXPECT_FALSE(hr.body["may_make_offers"].get<bool>());
  Response plan = Post("/api/planning/plan", &ceo, body);
  ASSERT_EQ(plan.status, 200) << plan.text;
  const json& p = plan.body;
  EXPECT_TRUE(p["may_make_offers"].get<bool>());
  ASSERT_EQ(p["candidates"].size(), 4u);
  EXPECT_LE(p["gap"].get<double>(), 1e-6);
  EXPECT_GE(p["bound"].get<double>() + 1e-9, p["objective"].get<double>());
  ASSERT_EQ(p["curve"].size(), 4u);
  EXPECT_EQ(p["curve_resource"], "budget_4y");

  std::int64_t gpus = 0;
  json choices = json::object();
  for (const json& c : p["candidates"]) {
    EXPECT_EQ(c["value_source"], "ceo");
    if (c["option"].is_null()) continue;
    gpus += c["guaranteed_gpus"].get<std::int64_t>();
    EXPECT_EQ(c["kind"], "tier");
    ASSERT_TRUE(c.contains("explanation"));
    choices[std::to_string(c["person_id"].get<std::int64_t>())] = c["key"];
  }
  EXPECT_LE(gpus, 270) << p.dump();
  EXPECT_EQ(gpus, 256) << "the tier with GPUs goes to one candidate";
  bool gpu_binding = false;
  for (const json& r : p["resources"])
    if (r["unit"] == "gpu") gpu_binding |= r["binding"].get<bool>();
  EXPECT_TRUE(gpu_binding) << p["resources"].dump();
  ASSERT_FALSE(choices.empty());

  // hr may look, not act; the CEO turns the plan into drafts.
  EXPECT_EQ(Post("/api/planning/offers", &sessions_["hr"], {{"choices", choices}}).status, 403);
  Response bad = Post("/api/planning/offers", &ceo, {{"choices", {{std::to_string(ids[0]), "m9.g9.t9"}}}});
  ASSERT_EQ(bad.status, 200) << bad.text;
  EXPECT_EQ(bad.body["failed"], 1);
  EXPECT_NE(bad.body["draft_offers"][0]["error"].get<std::string>().find("recompute"), std::string::npos);
  Response made = Post("/api/planning/offers", &ceo, {{"choices", choices}});
  ASSERT_EQ(made.status, 200) << made.text;
  EXPECT_EQ(made.body["failed"], 0) << made.text;
  EXPECT_EQ(made.body["created"].get<size_t>(), choices.size());

  // Each draft is a real offer at stage offer, and goes through hr → ceo approval; the last approval reserves
  // the compute promise in the ledger, which refuses anything that does not fit. All of them fit.
  for (const json& d : made.body["draft_offers"]) {
    Response person = Get("/api/people/" + std::to_string(d["person_id"].get<std::int64_t>()), &ceo);
    EXPECT_EQ(person.body["stage"], "offer") << person.text;
    const std::string base = "/api/offers/" + std::to_string(d["offer_id"].get<std::int64_t>());
    Response o = Get(base, &ceo);
    ASSERT_EQ(o.status, 200) << o.text;
    EXPECT_EQ(o.body["state"], "draft");
    json offer = o.body;
    for (auto [step, role] : {std::pair{"/submit", "hr"}, {"/approve", "hr"}, {"/approve", "ceo"}}) {
      Response r = Post(base + step, &sessions_[role], {{"version", offer["version"]}});
      ASSERT_EQ(r.status, 200) << step << " " << r.text;
      offer = r.body;
    }
    EXPECT_EQ(offer["state"], "approved");
  }
  Response ledger = Get("/api/fleet", &ceo);
  ASSERT_EQ(ledger.status, 200);
  EXPECT_TRUE(ledger.body["shortfalls"].empty()) << ledger.body["shortfalls"].dump();

  // Now the offers are out: a budget below what they need cannot fit, and says so.
  Response tight = Post("/api/planning/plan", &ceo, {{"budget_4y_minor", 100}});
  EXPECT_EQ(tight.status, 400) << tight.text;
  EXPECT_NE(tight.text.find("no plan fits"), std::string::npos) << tight.text;
}

INSTANTIATE_TEST_SUITE_P(Backends, PlanningApiTest, ST_API_BACKENDS);

}  // namespace
}  // namespace st::web::testing
