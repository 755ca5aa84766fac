// Identity resolution measured on a small slice of the real paper lists (CI):
// OpenReview ids hidden, B-cubed against them (graph/identity_eval.h), with
// thresholds. The full measurement is bench/rank_eval.cc identity.
#include "graph/identity_eval.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "base/test_paths.h"
#include "base/test_require.h"

namespace st::graph {
namespace {

TEST(IdentityEvalTest, OpenReviewSliceWithIdsHidden) {
  ST_SKIP_IF_NO_SHARED_DATA(data);
  const std::vector<std::string> files = {data + "/paperlists/iclr2019.json.gz", data + "/paperlists/iclr2020.json.gz",
                                          data + "/paperlists/iclr2021.json.gz"};
  for (const auto& f : files)
    if (!std::filesystem::exists(f)) ST_SKIP_OR_FAIL() << f << " is absent";
  IdentityEvalOptions options;
  options.scratch_dir = st::testing::MakeTempDir("identity-eval");
  auto r = EvaluateIdentity(files, options);
  std::filesystem::remove_all(options.scratch_dir);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_GT(r->mentions, 10000u);
  EXPECT_EQ(r->unmatched, 0u);
  // Thresholds a little under the measured values, so a change that makes identity worse on real data fails
  // here. 2026-12-06, before name rarity and full-name co-authors: P 0.9955, R 0.9280, F1 0.9606; after:
  // P 0.9912, R 0.9948, F1 0.9930 (the goal is F1 >= 0.98 with R >= 0.97; all paper lists: P 0.9829, R 0.9822).
  EXPECT_GE(r->precision, 0.988) << "recall " << r->recall << ", F1 " << r->f1;
  EXPECT_GE(r->recall, 0.99) << "precision " << r->precision << ", F1 " << r->f1;
  EXPECT_GE(r->f1, 0.99);
  EXPECT_LE(r->worst_splits.size(), options.worst);
}

// B-cubed on a hand-made case: two papers of one person with no shared
// co-author; nothing merges.
TEST(IdentityEvalTest, BCubedOfAKnownSplit) {
  const std::string dir = st::testing::MakeTempDir("identity-eval-case");
  const std::string list = dir + "/iclr2024.json";
  {
    std::ofstream out(list);
    out << R"([
      {"id": "a", "title": "Paper one about things", "author": "Zq Unusualname;Ann Other", "authorids": "~Zq_Unusualname1;~Ann_Other1", "status": "Poster"},
      {"id": "b", "title": "Paper two about stuff", "author": "Zq Unusualname;Bob Third", "authorids": "~Zq_Unusualname1;~Bob_Third1", "status": "Poster"}
    ])";
  }
  IdentityEvalOptions options;
  options.scratch_dir = dir + "/scratch";
  std::filesystem::create_directories(options.scratch_dir);
  auto r = EvaluateIdentity({list}, options);
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->mentions, 4u);
  EXPECT_EQ(r->true_people, 3u);
  EXPECT_DOUBLE_EQ(r->precision, 1.0);
  // No shared co-author, no affiliation: two people, recall (0.5 + 0.5 + 1 + 1) / 4.
  EXPECT_DOUBLE_EQ(r->recall, 0.75);
  EXPECT_EQ(r->predicted_people, 4u);
}

}  // namespace
}  // namespace st::graph
