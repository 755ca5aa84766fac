#include "outreach/draft_facts.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "base/test_paths.h"
#include "graph/builder.h"
#include "graph/test_records.h"

namespace st::outreach {
namespace {

using graph::testing::TA;
using graph::testing::TW;

corpus::WorkRecord Work(const TW& w, int cites, const std::string& abstract, std::vector<std::string> keywords = {}) {
  corpus::WorkRecord r = graph::testing::ToRecord(w);
  r.cited_by_count = cites;
  r.abstract = abstract;
  for (const auto& k : keywords) r.topics.push_back({"kw:" + k, k, "", "", 0.5f});
  return r;
}

class FactsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const TA ada{"Ada Lovelace", "A1"}, bab{"Charles Babbage", "A2"}, som{"Mary Somerville", "A3"},
        mor{"Augustus De Morgan", "A4"};
    std::vector<corpus::WorkRecord> records = {
        Work({"W1", 2019, {ada, som}, corpus::Source::kOpenAlex, "Small Paper"}, 5, "We study a small thing in detail. More."),
        Work({"W2", 2021, {ada, bab}, corpus::Source::kOpenAlex, "Big Paper"}, 900,
             "We show that engines can compose music. Further text."),
        Work({"W3", 2022, {ada}, corpus::Source::kOpenAlex, "Keyword Paper"}, 50, "", {"diffusion", "music"}),
        Work({"W4", 2020, {ada}, corpus::Source::kOpenAlex, "Bare Paper"}, 800, ""),  // nothing to cite
        Work({"W5", 2018, {som, mor}, corpus::Source::kOpenAlex, "Other"}, 1, ""),
        Work({"W6", 2018, {mor, bab}, corpus::Source::kOpenAlex, "Other Two"}, 1, ""),
        Work({"W7", 2017, {ada, mor}, corpus::Source::kOpenAlex, "With De Morgan"}, 2, ""),
    };
    graph::GraphBuilder builder;
    for (const auto& r : records) builder.Add(r);
    dir_ = st::testing::MakeTempDir("facts");
    ASSERT_TRUE(builder.Write(dir_).ok());
    auto view = graph::GraphView::Open(dir_);
    ASSERT_TRUE(view.ok()) << view.status().ToString();
    g_ = *view;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  graph::AuthorId Id(const std::string& oa) { return g_->FindAuthorByExternalId(oa); }

  std::string dir_;
  std::shared_ptr<const graph::GraphView> g_;
};

TEST_F(FactsTest, OwnPapersMostCitedFirstWithTheSourcesWords) {
  DraftFacts f;
  AddGraphFacts(*g_, Id("A1"), {}, f);
  ASSERT_EQ(f.papers.size(), 2u);
  EXPECT_EQ(f.papers[0].title, "Big Paper");
  EXPECT_EQ(f.papers[0].finding, "\"We show that engines can compose music.\"");
  EXPECT_EQ(f.papers[0].year, "2021");
  // "Bare Paper" (800 citations) has no abstract and no keywords: skipped, never invented.
  EXPECT_EQ(f.papers[1].title, "Keyword Paper");
  EXPECT_EQ(f.papers[1].finding, "keywords: diffusion, music");
}

TEST_F(FactsTest, WarmPathsAndSharedCoauthorsFromStaff) {
  DraftFacts f;
  // Babbage is our staff: he wrote Big Paper with Ada. De Morgan wrote with Ada and with Babbage.
  AddGraphFacts(*g_, Id("A1"), {{"Charles Babbage", Id("A2")}}, f);
  ASSERT_EQ(f.warm_paths.size(), 1u);
  EXPECT_EQ(f.warm_paths[0].staff_name, "Charles Babbage");
  EXPECT_EQ(f.warm_paths[0].paper_title, "Big Paper");
  EXPECT_EQ(f.shared_coauthors, std::vector<std::string>{"Augustus De Morgan"});
  // The candidate is never their own warm path.
  DraftFacts self;
  AddGraphFacts(*g_, Id("A2"), {{"Charles Babbage", Id("A2")}}, self);
  EXPECT_TRUE(self.warm_paths.empty());
}

TEST(FirstName, InitialsAndSingleWordsAreNotFirstNames) {
  EXPECT_EQ(FirstNameOf("Ada Lovelace"), "Ada");
  EXPECT_EQ(FirstNameOf("J. Smith"), "");
  EXPECT_EQ(FirstNameOf("Plato"), "");
  EXPECT_EQ(FirstNameOf("Zoë Ångström"), "Zoë");
}

}  // namespace
}  // namespace st::outreach
