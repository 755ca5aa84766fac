// The watch rules on small graphs built here: which alerts two versions give
// for watched people, saved-search newcomers, flight-risk pieces and the AUC.
#include <gtest/gtest.h>

#include <filesystem>

#include "base/test_paths.h"
#include "graph/builder.h"
#include "graph/test_records.h"
#include "graph/view.h"
#include "scoring/derived.h"
#include "scoring/ranker.h"
#include "watch/flight_risk.h"
#include "watch/graph_diff.h"
#include "watch/risk_facts.h"
#include "watch/settings.h"

namespace st::watch {
namespace {

using graph::testing::TA;
using graph::testing::TW;

std::shared_ptr<const graph::GraphView> BuildGraph(const std::vector<TW>& works, const std::string& dir) {
  std::filesystem::create_directories(dir);
  graph::GraphBuilder b(graph::BuildOptions{"", 1});
  for (const TW& w : works) b.Add(graph::testing::ToRecord(w));
  auto s = b.Write(dir);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  auto v = graph::GraphView::Open(dir);
  EXPECT_TRUE(v.ok()) << v.status().ToString();
  return v.ok() ? *v : nullptr;
}

TA Ann(const std::string& inst) { return {"Ann Lee", "", "", "~Ann_Lee1", "", "", inst, ""}; }
TA Bob(const std::string& inst) { return {"Bob Stone", "", "", "~Bob_Stone1", "", "", inst, ""}; }
TA Cat(const std::string& inst) { return {"Cat Wu", "", "", "~Cat_Wu1", "", "", inst, ""}; }
TA Dan(const std::string& inst) { return {"Dan Ray", "", "", "", "", "", inst, ""}; }

struct Versions {
  std::string root = st::testing::MakeTempDir("watch");
  std::shared_ptr<const graph::GraphView> prev, now;
  Versions() {
    std::vector<TW> old = {
        {"w1", 2021, {Ann("DeepMind"), Bob("Stanford University")}, corpus::Source::kPaperList, "Old paper one"},
        {"w2", 2022, {Ann("DeepMind"), Dan("Stanford University")}, corpus::Source::kPaperList, "Old paper two"},
        {"w3", 2022, {Cat("OpenAI")}, corpus::Source::kPaperList, "Cat alone"},
    };
    prev = BuildGraph(old, root + "/v1");
    std::vector<TW> more = old;
    more.push_back({"w4", 2023, {Ann("Stanford University"), Cat("OpenAI"), Bob("Stanford University")},
                    corpus::Source::kPaperList, "Ann writes with Cat"});
    more.push_back({"w5", 2024, {Ann("Stanford University")}, corpus::Source::kPaperList, "Ann alone"});
    more.push_back({"w6", 2024, {Bob("Stanford University"), Dan("Stanford University")}, corpus::Source::kPaperList,
                    "Bob and Dan"});
    now = BuildGraph(more, root + "/v2");
  }
  ~Versions() { std::filesystem::remove_all(root); }
};

TEST(GraphDiffTest, NewPapersAffiliationAndRivalCoauthors) {
  Versions v;
  ASSERT_TRUE(v.prev && v.now);
  EXPECT_EQ(CurrentOrg(*v.prev, ResolveAuthorKey(*v.prev, "~Ann_Lee1")), "Google DeepMind");
  std::vector<WatchTarget> targets = {{"~Ann_Lee1", "Ann Lee", false},
                                      {"~Bob_Stone1", "Bob Stone", true},
                                      {"name:dan ray", "Dan Ray", false},
                                      {"~Nobody_Here1", "", false}};
  WatchSettings settings;
  DiffStats stats;
  auto alerts = DiffWatched(*v.prev, *v.now, targets, settings, &stats);
  EXPECT_EQ(stats.resolved_both, 3u);
  std::map<std::string, std::vector<std::string>> by;  // "target kind" -> evidence
  for (const Alert& a : alerts)
    by[std::to_string(a.target) + " " + std::string(AlertKindName(a.kind))].push_back(
        a.work_source_id + "|" + a.other_key + "|" + a.from_org + ">" + a.to_org);
  // Ann: left Google DeepMind for Stanford; two new papers (newest first); Cat at OpenAI is a new co-author.
  ASSERT_EQ(by["0 affiliation"].size(), 1u);
  EXPECT_EQ(by["0 affiliation"][0], "w5||Google DeepMind>Stanford University");
  EXPECT_EQ(by["0 new_paper"], (std::vector<std::string>{"w5||>", "w4||>"}));
  EXPECT_EQ(by["0 rival_coauthor"], (std::vector<std::string>{"w4|~Cat_Wu1|>OpenAI"}));
  // Bob is staff: the same co-author is a staff alert; no affiliation change.
  EXPECT_EQ(by["1 staff_rival_coauthor"], (std::vector<std::string>{"w4|~Cat_Wu1|>OpenAI"}));
  EXPECT_TRUE(by["1 affiliation"].empty());
  EXPECT_EQ(by["1 new_paper"].size(), 2u);
  // Dan (no external id, found by name): one new paper with Bob, who is no rival.
  EXPECT_EQ(by["2 new_paper"], (std::vector<std::string>{"w6||>"}));
  EXPECT_TRUE(by["2 rival_coauthor"].empty());
  // The same version against itself: nothing.
  EXPECT_TRUE(DiffWatched(*v.now, *v.now, targets, settings).empty());
  // The paper cap: one alert that counts the rest.
  settings.max_new_papers_per_person = 1;
  auto capped = DiffWatched(*v.prev, *v.now, std::span(targets).first(1), settings);
  int papers = 0;
  for (const Alert& a : capped)
    if (a.kind == AlertKind::kNewPaper) {
      ++papers;
      EXPECT_NE(a.title.find("and 1 more"), std::string::npos) << a.title;
    }
  EXPECT_EQ(papers, 1);
}

TEST(GraphDiffTest, SavedSearchNewcomers) {
  Versions v;
  ASSERT_TRUE(v.prev && v.now);
  for (const auto& dir : {v.root + "/v1", v.root + "/v2"}) {
    auto g = graph::GraphView::Open(dir);
    ASSERT_TRUE(g.ok());
    ASSERT_TRUE(scoring::BuildDerived(**g, dir).ok());
  }
  auto r1 = scoring::Ranker::Open(*graph::GraphView::Open(v.root + "/v1"));
  auto r2 = scoring::Ranker::Open(*graph::GraphView::Open(v.root + "/v2"));
  ASSERT_TRUE(r1.ok() && r2.ok());
  SavedSearch s{"", "Stanford University", 0, 10};
  auto alerts = SearchNewcomers(**r1, **r2, s, 7);
  ASSERT_TRUE(alerts.ok()) << alerts.status().ToString();
  std::set<std::string> keys;
  for (const Alert& a : *alerts) {
    keys.insert(a.author_key);
    EXPECT_EQ(a.target, 7u);
    EXPECT_GT(a.rank, 0);
  }
  // Ann joined Stanford; Bob and Dan were there already.
  EXPECT_EQ(keys, (std::set<std::string>{"~Ann_Lee1"}));
  EXPECT_FALSE(ValidateSavedSearch({"", "", 0, 10}).ok());
  EXPECT_FALSE(ValidateSavedSearch({"llm", "", 0, 0}).ok());
}

TEST(FlightRiskTest, PiecesUnknownsAndMoves) {
  Versions v;
  ASSERT_TRUE(v.now);
  WatchSettings settings;
  MoveIndex moves(*v.now, settings, 2024);
  // Nobody moved to a rival in 2023-24 (Ann left one); Cat was always at OpenAI.
  EXPECT_EQ(moves.total_moves(), 0u);
  // Ann is at Stanford now: a move from Stanford to DeepMind in reverse: swap the roles.
  MoveIndex old_moves(*v.prev, settings, 2022);
  EXPECT_EQ(old_moves.total_moves(), 0u);  // Ann's DeepMind spell is her only one there

  GraphRiskFacts g = ComputeGraphRiskFacts(*v.now, moves, ResolveAuthorKey(*v.now, "~Ann_Lee1"));
  EXPECT_TRUE(g.linked);
  EXPECT_EQ(g.works_recent, 2);  // 2023, 2024
  EXPECT_EQ(g.works_before, 2);  // 2021, 2022
  StaffRiskFacts s;
  FlightRiskWeights w;
  FlightRisk r = ScoreFlightRisk(s, g, w, 20000);
  ASSERT_EQ(r.pieces.size(), FlightRiskPieceKeys().size());
  EXPECT_DOUBLE_EQ(r.risk, 0);
  EXPECT_FALSE(r.pieces[2].known);  // rival offer unknown on this system
  EXPECT_NE(r.pieces[2].evidence.find("unknown"), std::string::npos);
  s.rival_offer_known = s.rival_offer_on_file = true;
  s.last_raise_day = 20000 - 730;  // 24 months ago: grace 12 + 12 → feature 1
  s.equity_fully_vested_day = 20000 + 365 / 2;
  s.manager_known = true;
  r = ScoreFlightRisk(s, g, w, 20000);
  EXPECT_NEAR(r.pieces[2].points, 2.5, 1e-9);
  EXPECT_NEAR(r.pieces[4].feature, 1.0, 0.01);
  EXPECT_NEAR(r.pieces[3].feature, 0.5, 0.01);
  EXPECT_DOUBLE_EQ(r.pieces[6].points, 0);
  EXPECT_NEAR(r.risk, 1 - std::exp(-r.points), 1e-12);
  const std::string off[] = {"rival_offer"};
  EXPECT_NEAR(ScoreFlightRisk(s, g, w, 20000, off).points, r.points - 2.5, 1e-9);

  auto parsed = FlightRiskWeights::FromJson(R"({"rival_offer": 4, "group_cap": 2})");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->rival_offer, 4);
  EXPECT_EQ(parsed->group_cap, 2);
  auto bad = FlightRiskWeights::FromJson(R"({"rival_offer": -1})");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("flight_risk.rival_offer"), std::string::npos);
  EXPECT_FALSE(FlightRiskWeights::FromJson(R"({"nope": 1})").ok());
  EXPECT_TRUE(FlightRiskWeights::FromJson(w.ToJson()).ok());
}

TEST(FlightRiskTest, MoveIndexFindsRecentMovesToRivals) {
  std::string root = st::testing::MakeTempDir("watch-moves");
  std::vector<TW> works = {
      {"m1", 2020, {Ann("Stanford University"), Bob("Stanford University")}, corpus::Source::kPaperList, ""},
      {"m2", 2024, {Ann("OpenAI")}, corpus::Source::kPaperList, ""},
      {"m3", 2024, {Bob("Stanford University"), Cat("Stanford University")}, corpus::Source::kPaperList, ""},
  };
  auto g = BuildGraph(works, root + "/v");
  ASSERT_TRUE(g);
  MoveIndex moves(*g, WatchSettings{}, 2024);
  EXPECT_EQ(moves.total_moves(), 1u);
  const auto ann = ResolveAuthorKey(*g, "~Ann_Lee1"), bob = ResolveAuthorKey(*g, "~Bob_Stone1"),
             cat = ResolveAuthorKey(*g, "~Cat_Wu1");
  EXPECT_TRUE(moves.MovedToRival(ann));
  GraphRiskFacts fb = ComputeGraphRiskFacts(*g, moves, bob);
  EXPECT_EQ(fb.coauthors_to_rival, 1);  // Ann
  EXPECT_EQ(fb.group_to_rival, 1);      // Ann left Stanford
  ASSERT_EQ(fb.coauthor_examples.size(), 1u);
  EXPECT_EQ(fb.coauthor_examples[0], "Ann Lee → OpenAI");
  GraphRiskFacts fc = ComputeGraphRiskFacts(*g, moves, cat);
  EXPECT_EQ(fc.coauthors_to_rival, 0);
  EXPECT_EQ(fc.group_to_rival, 1);
  // Ann herself is not counted as her own group's mover.
  EXPECT_EQ(ComputeGraphRiskFacts(*g, moves, ann).group_to_rival, 0);
  std::filesystem::remove_all(root);
}

TEST(FlightRiskTest, RocAuc) {
  const double s[] = {0.1, 0.4, 0.35, 0.8};
  const bool l[] = {false, false, true, true};
  EXPECT_DOUBLE_EQ(RocAuc(s, l), 0.75);
  const double tie[] = {1, 1, 1, 1};
  EXPECT_DOUBLE_EQ(RocAuc(tie, l), 0.5);
}

TEST(WatchSettingsTest, DefaultsAndErrors) {
  WatchSettings s;
  EXPECT_TRUE(s.IsRival("OpenAI"));
  EXPECT_FALSE(s.IsRival(""));
  auto p = WatchSettings::FromJson(R"({"rival_orgs": ["Acme AI"], "digest_hour_utc": 9})");
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->IsRival("Acme AI"));
  EXPECT_FALSE(p->IsRival("OpenAI"));
  auto bad = WatchSettings::FromJson(R"({"digest_hour_utc": 24})");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("watch.digest_hour_utc"), std::string::npos);
  EXPECT_FALSE(WatchSettings::FromJson(R"({"rival_orgs": [""]})").ok());
}

}  // namespace
}  // namespace st::watch
