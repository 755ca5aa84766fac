// The watchlist end to end over HTTP (SQLite and PostgreSQL): two graph
// versions built here, pipeline people, own staff and follows in the store,
// one alerts run (watch/alert_run.h, as `superteam alerts` does), then each
// role's alerts with their evidence links, the run refused the second time,
// read marks, export and erasure of the alerts about a person, and flight risk
// for ceo and hr only.
#include <gtest/gtest.h>

#include <cmath>
#include <ctime>
#include <filesystem>
#include <map>
#include <set>

#include "api_fixture.h"
#include "base/test_paths.h"
#include "graph/builder.h"
#include "offers/date.h"
#include "graph/test_records.h"
#include "scoring/derived.h"
#include "scoring/ranker.h"
#include "watch/alert_run.h"

namespace st::web::testing {
namespace {

using graph::testing::TA;
using graph::testing::TW;
using nlohmann::json;

TA Ann(const std::string& inst) { return {"Ann Lee", "", "", "~Ann_Lee1", "", "", inst, ""}; }
TA Bob(const std::string& inst) { return {"Bob Stone", "", "", "~Bob_Stone1", "", "", inst, ""}; }
TA Cat(const std::string& inst) { return {"Cat Wu", "", "", "~Cat_Wu1", "", "", inst, ""}; }

std::shared_ptr<const graph::GraphView> BuildVersion(const std::vector<TW>& works, const std::string& dir) {
  std::filesystem::create_directories(dir);
  graph::GraphBuilder b(graph::BuildOptions{"", 1});
  for (const TW& w : works) b.Add(graph::testing::ToRecord(w));
  EXPECT_TRUE(b.Write(dir).ok());
  auto v = graph::GraphView::Open(dir);
  EXPECT_TRUE(v.ok());
  if (!v.ok()) return nullptr;
  EXPECT_TRUE(scoring::BuildDerived(**v, dir).ok());
  v = graph::GraphView::Open(dir);
  return v.ok() ? *v : nullptr;
}

class WatchApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    graphs_ = st::testing::MakeTempDir("watch-api");
    const corpus::Source kList = corpus::Source::kPaperList;
    std::vector<TW> old = {{"w1", 2021, {Ann("DeepMind"), Bob("Stanford University")}, kList, "Old paper one", ""},
                           {"w3", 2022, {Cat("OpenAI")}, kList, "Cat alone", ""}};
    prev_ = BuildVersion(old, graphs_ + "/v000001");
    std::vector<TW> more = old;
    more.push_back({"w4", 2023, {Ann("Stanford University"), Cat("OpenAI"), Bob("Stanford University")}, kList,
                    "Ann writes with Cat", ""});
    more.push_back({"w5", 2024, {Ann("Stanford University")}, kList, "Ann alone", ""});
    now_ = BuildVersion(more, graphs_ + "/v000002");
    ASSERT_TRUE(prev_ && now_);
    auto ranker = scoring::Ranker::Open(now_);
    ASSERT_TRUE(ranker.ok()) << ranker.status().ToString();
    // The server of this test maps the newer version.
    StopServer();
    ServerOptions options;
    options.port = 0;
    options.threads = 8;
    app_ = std::make_unique<WebApp>(store_.get(), now_, std::shared_ptr<const scoring::Ranker>(std::move(*ranker)),
                                    options);
    auto port = app_->StartInBackground();
    ASSERT_TRUE(port.ok()) << port.status().ToString();
    port_ = *port;
  }
  void TearDown() override {
    ApiTest::TearDown();
    if (!graphs_.empty()) std::filesystem::remove_all(graphs_);
  }
  std::int64_t AuthorId(const std::string& key) { return watch::ResolveAuthorKey(*now_, key); }
  std::vector<json> Alerts(const std::string& role) {
    Response r = Get("/api/alerts?limit=200", &sessions_[role]);
    EXPECT_EQ(r.status, 200) << r.text;
    return r.body["alerts"].get<std::vector<json>>();
  }
  std::string graphs_;
  std::shared_ptr<const graph::GraphView> prev_, now_;
};

TEST_P(WatchApiTest, AlertsPerUserWithEvidenceOnceAndPrivate) {
  // The pipeline: Ann, owned by the ceo (one click from the graph); Bob, own staff.
  Response ann = Post("/api/people", &sessions_["ceo"], {{"author_id", AuthorId("~Ann_Lee1")}});
  ASSERT_EQ(ann.status, 201) << ann.text;
  const std::int64_t ann_id = ann.body.value("id", 0);
  Response bob = Post("/api/people", &sessions_["hr"],
                      {{"name", "Bob Stone"}, {"kind", "staff"}, {"author_source_id", "~Bob_Stone1"}});
  ASSERT_EQ(bob.status, 201) << bob.text;
  // The recruiter follows Cat and a saved search.
  Response f1 = Post("/api/watch/follows", &sessions_["recruiter"], {{"kind", "author"}, {"author_id", AuthorId("~Cat_Wu1")}});
  ASSERT_EQ(f1.status, 201) << f1.text;
  EXPECT_EQ(f1.body["author_key"], "~Cat_Wu1");
  EXPECT_EQ(Post("/api/watch/follows", &sessions_["recruiter"], {{"kind", "author"}, {"author_id", AuthorId("~Cat_Wu1")}}).status,
            409);
  Response f2 = Post("/api/watch/follows", &sessions_["recruiter"],
                     {{"kind", "search"}, {"org", "Stanford University"}, {"top", 10}});
  ASSERT_EQ(f2.status, 201) << f2.text;
  EXPECT_EQ(Post("/api/watch/follows", &sessions_["viewer"], {{"kind", "search"}, {"top", 10}}).status, 400);
  EXPECT_EQ(Get("/api/watch/follows", &sessions_["recruiter"]).body["follows"].size(), 2u);
  EXPECT_EQ(Get("/api/watch/follows", &sessions_["viewer"]).body["follows"].size(), 0u);

  auto run = watch::RunAlerts(*store_, prev_, now_);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_FALSE(run->already_diffed);
  EXPECT_EQ(run->searches, 1u);

  auto kinds = [](const std::vector<json>& alerts) {
    std::multiset<std::string> k;
    for (const json& a : alerts) k.insert(a["kind"].get<std::string>() + ":" + a["subject"].get<std::string>());
    return k;
  };
  // ceo: Ann (owned) — left Google DeepMind, two new papers, Cat at OpenAI a new co-author; Bob (staff).
  std::vector<json> ceo = Alerts("ceo");
  auto ck = kinds(ceo);
  EXPECT_EQ(ck.count("affiliation:Ann Lee"), 1u);
  EXPECT_EQ(ck.count("new_paper:Ann Lee"), 2u);
  EXPECT_EQ(ck.count("rival_coauthor:Ann Lee"), 1u);
  EXPECT_EQ(ck.count("staff_rival_coauthor:Bob Stone"), 1u);
  for (const json& a : ceo) {
    if (a["kind"] == "affiliation") {
      EXPECT_EQ(a["evidence"]["from_org"], "Google DeepMind");
      EXPECT_EQ(a["evidence"]["to_org"], "Stanford University");
      EXPECT_EQ(a["links"]["profile"], "/authors/" + std::to_string(AuthorId("~Ann_Lee1")));
      EXPECT_EQ(a["links"]["person"], "/people/" + std::to_string(ann_id));
      EXPECT_NE(a["title"].get<std::string>().find("just left Google DeepMind"), std::string::npos) << a.dump();
    }
    if (a["kind"] == "rival_coauthor") {
      EXPECT_EQ(a["evidence"]["work_source_id"], "w4");
      EXPECT_EQ(a["links"]["other_profile"], "/authors/" + std::to_string(AuthorId("~Cat_Wu1")));
      EXPECT_TRUE(a["links"].contains("paper"));
    }
  }
  // hr: staff alerts only (Ann is owned by the ceo).
  auto hk = kinds(Alerts("hr"));
  EXPECT_EQ(hk.count("staff_rival_coauthor:Bob Stone"), 1u);
  EXPECT_EQ(hk.count("affiliation:Ann Lee"), 0u);
  // recruiter: Cat's new paper (followed) and Ann, newly in Stanford's top 10.
  auto rk = kinds(Alerts("recruiter"));
  EXPECT_EQ(rk.count("new_paper:Cat Wu"), 1u);
  EXPECT_EQ(rk.count("search_newcomer:Ann Lee"), 1u);
  EXPECT_EQ(rk.count("affiliation:Ann Lee"), 0u);
  EXPECT_TRUE(Alerts("viewer").empty());
  // The live feed carries one "alerts" activity without names.
  Response acts = Get("/api/activities", &sessions_["viewer"]);
  bool seen = false;
  for (const json& a : acts.body["activities"]) seen |= a.value("kind", "") == "alerts";
  EXPECT_TRUE(seen) << acts.text;

  // A version is diffed once.
  auto again = watch::RunAlerts(*store_, prev_, now_);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->already_diffed);
  EXPECT_EQ(Alerts("ceo").size(), ceo.size());

  // Read marks are per user.
  Response unread = Get("/api/alerts", &sessions_["ceo"]);
  EXPECT_EQ(unread.body["unread"], static_cast<int>(ceo.size()));
  Response read = Post("/api/alerts/read", &sessions_["ceo"], {{"up_to_id", ceo.front()["id"]}});
  EXPECT_EQ(read.body["changed"], static_cast<int>(ceo.size()));
  EXPECT_EQ(Get("/api/alerts", &sessions_["ceo"]).body["unread"], 0);
  EXPECT_GT(Get("/api/alerts", &sessions_["hr"]).body["unread"].get<int>(), 0);

  // Personal data: the alerts about Ann are in her export and go with her erasure.
  Response exp = Get("/api/people/" + std::to_string(ann_id) + "/export", &sessions_["ceo"]);
  ASSERT_EQ(exp.status, 200) << exp.text;
  EXPECT_EQ(exp.body["watch_alerts"].size(), 4u) << exp.text;
  ASSERT_EQ(Call("DELETE", "/api/people/" + std::to_string(ann_id), &sessions_["ceo"]).status, 204);
  for (const char* role : {"ceo", "recruiter"})
    for (const json& a : Alerts(role)) {
      EXPECT_NE(a["subject"], "Ann Lee") << role << ": " << a.dump();
    }

  // Unfollow: own follows only.
  const std::int64_t fid = f1.body.value("id", 0);
  EXPECT_EQ(Call("DELETE", "/api/watch/follows/" + std::to_string(fid), &sessions_["viewer"]).status, 404);
  EXPECT_EQ(Call("DELETE", "/api/watch/follows/" + std::to_string(fid), &sessions_["recruiter"]).status, 204);
}

TEST_P(WatchApiTest, FlightRiskForCeoAndHrWithEveryPieceShown) {
  Response boss = Post("/api/staff", &sessions_["hr"], {{"name", "Head of Research"}, {"is_research", true}});
  ASSERT_EQ(boss.status, 201) << boss.text;
  Response bob = Post("/api/staff", &sessions_["hr"],
                      {{"name", "Bob Stone"}, {"is_research", true}, {"manager_id", boss.body["id"]}});
  ASSERT_EQ(bob.status, 201) << bob.text;
  // The interim author link: Bob is also a pipeline person of kind staff with his graph id.
  ASSERT_EQ(Post("/api/people", &sessions_["hr"],
                 {{"name", "Bob Stone"}, {"kind", "staff"}, {"author_source_id", "~Bob_Stone1"}}).status,
            201);
  for (const char* role : {"recruiter", "viewer"}) EXPECT_EQ(Get("/api/flight-risk", &sessions_[role]).status, 403);
  Response r = Get("/api/flight-risk", &sessions_["hr"]);
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(r.body["as_of_year"], 2024);
  ASSERT_EQ(r.body["staff"].size(), 2u);
  json b;
  for (const json& s : r.body["staff"])
    if (s["name"] == "Bob Stone") b = s;
  ASSERT_TRUE(b.is_object()) << r.text;
  EXPECT_EQ(b["author_key"], "~Bob_Stone1");
  EXPECT_EQ(b["author_id"], AuthorId("~Bob_Stone1"));
  ASSERT_EQ(b["pieces"].size(), 8u);
  std::map<std::string, json> pieces;
  for (const json& p : b["pieces"]) pieces[p["key"]] = p;
  // Rival offers come from the retention record: none on file is a known 0, one on file counts.
  EXPECT_TRUE(pieces["rival_offer"]["known"].get<bool>());
  EXPECT_EQ(pieces["rival_offer"]["points"].get<double>(), 0.0);
  const store::Actor hr{users_["hr"].id, "hr", campaign::Role::kHr, ""};
  offers::OfferTerms rival;
  rival.base_salary_minor = 90'000'000;
  rival.start_day = offers::DayOfUnix(std::time(nullptr)) + 60;
  auto held = store_->CreateRivalOffer(hr, bob.body["id"].get<std::int64_t>(), {"OpenAI", rival, 0, "he told us"});
  ASSERT_TRUE(held.ok()) << held.status().ToString();
  Response again = Get("/api/flight-risk", &sessions_["hr"]);
  ASSERT_EQ(again.status, 200) << again.text;
  for (const json& s : again.body["staff"]) {
    if (s["name"] != "Bob Stone") continue;
    for (const json& p : s["pieces"]) {
      if (p["key"] == "rival_offer") {
        EXPECT_GT(p["points"].get<double>(), 0.0) << p.dump();
      }
    }
  }
  EXPECT_TRUE(pieces["manager_over_cap"]["known"].get<bool>());
  EXPECT_TRUE(pieces["rising_output"]["known"].get<bool>());
  EXPECT_EQ(pieces.count("coauthors_to_rival"), 1u);
  double points = 0;
  for (const json& p : b["pieces"]) points += p["points"].get<double>();
  EXPECT_NEAR(b["points"].get<double>(), points, 1e-9);
  EXPECT_NEAR(b["risk"].get<double>(), 1 - std::exp(-points), 1e-9);
  // The head of research has no graph link: pieces from the graph are unknown, and the list still shows them.
  for (const json& s : r.body["staff"])
    if (s["name"] == "Head of Research") {
      EXPECT_TRUE(s["author_id"].is_null());
    }
}

// Own staff with a CONFIRMED graph link are watched by that link's stable key (migration 15), without being
// pipeline people; a suggested link is not watched. The alerts go to ceo and hr with the staff id in the
// evidence, and go with the staff member's erasure.
TEST_P(WatchApiTest, ConfirmedStaffLinksAreWatched) {
  Response bob = Post("/api/staff", &sessions_["hr"], {{"name", "Bob Stone"}, {"is_research", true}});
  ASSERT_EQ(bob.status, 201) << bob.text;
  Response ann = Post("/api/staff", &sessions_["hr"], {{"name", "Ann Lee"}, {"is_research", true}});
  ASSERT_EQ(ann.status, 201) << ann.text;
  const std::string bob_path = "/api/staff/" + std::to_string(bob.body["id"].get<std::int64_t>());
  Response link = Post(bob_path + "/link", &sessions_["hr"],
                       {{"author_id", std::to_string(AuthorId("~Bob_Stone1"))}, {"state", "confirmed"}});
  ASSERT_EQ(link.status, 200) << link.text;
  EXPECT_EQ(link.body["author_key"], "~Bob_Stone1");  // the stable key, read off the served graph
  Response sugg = Post("/api/staff/" + std::to_string(ann.body["id"].get<std::int64_t>()) + "/link",
                       &sessions_["hr"], {{"author_id", std::to_string(AuthorId("~Ann_Lee1"))}, {"state", "suggested"}});
  ASSERT_EQ(sugg.status, 200) << sugg.text;

  auto watched = store_->ListWatchedPeople();
  ASSERT_TRUE(watched.ok());
  ASSERT_EQ(watched->size(), 1u);
  EXPECT_EQ((*watched)[0].author_key, "~Bob_Stone1");
  EXPECT_TRUE((*watched)[0].staff);
  EXPECT_EQ((*watched)[0].person_id, 0);
  EXPECT_EQ((*watched)[0].staff_id, bob.body["id"].get<std::int64_t>());

  auto run = watch::RunAlerts(*store_, prev_, now_);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  for (const char* role : {"ceo", "hr"}) {
    std::vector<json> alerts = Alerts(role);
    int staff_alerts = 0;
    for (const json& a : alerts) {
      EXPECT_NE(a["subject"], "Ann Lee") << "a suggested link is not watched: " << a.dump();
      if (a["kind"] == "staff_rival_coauthor" && a["subject"] == "Bob Stone") {
        ++staff_alerts;
        EXPECT_EQ(a["evidence"]["staff_id"], bob.body["id"]) << a.dump();
        EXPECT_EQ(a["evidence"]["other_name"], "Cat Wu");
      }
    }
    EXPECT_EQ(staff_alerts, 1) << role;
  }
  for (const char* role : {"recruiter", "viewer"}) EXPECT_TRUE(Alerts(role).empty()) << role;
  // Erasure of the staff member takes the alerts about them along.
  ASSERT_EQ(Call("DELETE", bob_path, &sessions_["hr"]).status, 204);
  for (const char* role : {"ceo", "hr"})
    for (const json& a : Alerts(role)) EXPECT_NE(a["subject"], "Bob Stone") << role << ": " << a.dump();
}

// The flight-risk list reads every rival offer in one read: one audit row per page view, not one per staff
// member; and the suggested counter takes its strength from the linked author's graph score.
TEST_P(WatchApiTest, FlightRiskReadsRivalOffersOnceAndCounterStrengthComesFromTheGraph) {
  const store::Actor hr{users_["hr"].id, "hr", campaign::Role::kHr, ""};
  std::vector<std::int64_t> ids;
  for (const char* name : {"Bob Stone", "Ann Lee", "Dan Park", "Eve Moss"}) {
    Response s = Post("/api/staff", &sessions_["hr"], {{"name", name}, {"is_research", true}});
    ASSERT_EQ(s.status, 201) << s.text;
    ids.push_back(s.body["id"].get<std::int64_t>());
  }
  offers::OfferTerms rival;
  rival.base_salary_minor = 90'000'000;
  rival.start_day = offers::DayOfUnix(std::time(nullptr)) + 60;
  auto r1 = store_->CreateRivalOffer(hr, ids[0], {"OpenAI", rival, 0, "he told us"});
  ASSERT_TRUE(r1.ok()) << r1.status().ToString();
  auto r2 = store_->CreateRivalOffer(hr, ids[2], {"Anthropic", rival, 0, "letter seen"});
  ASSERT_TRUE(r2.ok());
  auto all = store_->ListRivalOffers(hr, 0);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].staff_id, ids[2]);  // newest first, each with its staff member
  EXPECT_EQ((*all)[1].staff_id, ids[0]);

  auto views = [&] {
    Response audit = Get("/api/audit?limit=500", &sessions_["ceo"]);
    EXPECT_EQ(audit.status, 200);
    int n = 0;
    for (const auto& e : audit.body["entries"]) n += e.value("action", "") == "rival_offer.view_money";
    return n;
  };
  const int before = views();
  Response r = Get("/api/flight-risk", &sessions_["hr"]);
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(views() - before, 1) << "one audit row for the whole list";
  std::map<std::int64_t, double> rival_points;
  for (const json& s : r.body["staff"])
    for (const json& p : s["pieces"])
      if (p["key"] == "rival_offer") rival_points[s["staff_id"].get<std::int64_t>()] = p["points"].get<double>();
  ASSERT_EQ(rival_points.size(), 4u);
  EXPECT_GT(rival_points[ids[0]], 0.0);
  EXPECT_EQ(rival_points[ids[1]], 0.0);
  EXPECT_GT(rival_points[ids[2]], 0.0);
  EXPECT_EQ(rival_points[ids[3]], 0.0);

  // Counter strength: without a link the request's figure; with one, the graph's percentile, named.
  const std::string bob_case = "/api/retention/staff/" + std::to_string(ids[0]);
  Response plain = Post(bob_case + "/counter-suggestion", &sessions_["hr"],
                        {{"rival_offer_id", r1->id}, {"strength", 0.1}});
  ASSERT_EQ(plain.status, 200) << plain.text;
  EXPECT_EQ(plain.body["strength"], 0.1);
  EXPECT_EQ(plain.body["strength_source"], "the request");
  EXPECT_FALSE(plain.body["beat"].get<bool>());
  ASSERT_EQ(Post("/api/staff/" + std::to_string(ids[0]) + "/link", &sessions_["hr"],
                 {{"author_id", std::to_string(AuthorId("~Bob_Stone1"))}, {"state", "confirmed"}})
                .status,
            200);
  Response linked = Post(bob_case + "/counter-suggestion", &sessions_["hr"],
                         {{"rival_offer_id", r1->id}, {"strength", 0.1}});
  ASSERT_EQ(linked.status, 200) << linked.text;
  // Three authors with works; Bob's overall strength is above some of them, never above himself.
  const double got = linked.body["strength"].get<double>();
  EXPECT_NE(got, 0.1);
  EXPECT_GE(got, 0.0);
  EXPECT_LT(got, 1.0);
  const std::string source = linked.body["strength_source"].get<std::string>();
  EXPECT_NE(source.find("graph: Bob Stone (confirmed link, ~Bob_Stone1)"), std::string::npos) << source;
  EXPECT_NE(source.find("of 3 authors"), std::string::npos) << source;
}

INSTANTIATE_TEST_SUITE_P(Backends, WatchApiTest, ST_API_BACKENDS);

}  // namespace
}  // namespace st::web::testing
