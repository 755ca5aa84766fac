// Cohort-normalised impact (impact.h) on small graphs built with the real
// GraphBuilder: percentiles against an independent computation, the cohort
// fallbacks, estimates for unknown counts.
#include "scoring/impact.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>

#include "base/test_paths.h"
#include "graph/builder.h"
#include "scoring/impact_tail_oracle.h"

namespace st::scoring {
namespace {

corpus::WorkRecord Paper(const std::string& venue, int year, int i, int64_t cites,
                         corpus::PaperStatus status = corpus::PaperStatus::kPoster, float rating = -1) {
  corpus::WorkRecord r;
  r.source = corpus::Source::kPaperList;
  r.id = venue + std::to_string(year) + ":p" + std::to_string(i);
  r.title = venue + " paper number " + std::to_string(i) + " of " + std::to_string(year);
  r.venue = venue;
  r.venue_id = venue;
  r.year = static_cast<int16_t>(year);
  r.cited_by_count = cites;
  r.status = status;
  r.rating_avg = rating;
  corpus::Authorship a;
  a.name = "Author " + venue + std::to_string(year) + "x" + std::to_string(i);
  r.authors.push_back(a);
  return r;
}

struct Built {
  std::string dir;
  std::shared_ptr<const graph::GraphView> view;
  ~Built() { std::filesystem::remove_all(dir); }
};

std::unique_ptr<Built> Build(const std::vector<corpus::WorkRecord>& records) {
  auto b = std::make_unique<Built>();
  b->dir = st::testing::MakeTempDir("impact");
  graph::GraphBuilder builder;
  for (const auto& r : records) builder.Add(r);
  EXPECT_TRUE(builder.Write(b->dir).ok());
  auto view = graph::GraphView::Open(b->dir);
  EXPECT_TRUE(view.ok());
  b->view = *view;
  return b;
}

TEST(ImpactTest, VenueFamilies) {
  EXPECT_EQ(VenueFamily("NeurIPS"), "neurips");
  EXPECT_EQ(VenueFamily("NIPS 2017"), "neurips");
  EXPECT_EQ(VenueFamily("Advances in Neural Information Processing Systems 30"), "neurips");
  EXPECT_EQ(VenueFamily("ICLR"), "iclr");
  EXPECT_EQ(VenueFamily("International Conference on Learning Representations"), "iclr");
  EXPECT_EQ(VenueFamily("NAACL"), "naacl");
  EXPECT_EQ(VenueFamily("Proceedings of the 2019 Conference of the North American Chapter of the Association for "
                        "Computational Linguistics"),
            "naacl");
  EXPECT_EQ(VenueFamily("Findings of the Association for Computational Linguistics: ACL 2022"), "acl");
  EXPECT_EQ(VenueFamily("Oracle Journal 2019"), "oracle journal");  // "acl" inside a word is not ACL
  EXPECT_EQ(VenueFamily(""), "");
}

TEST(ImpactTest, ValueOfAPercentile) {
  EXPECT_NEAR(ImpactValue(0.5f), std::log(2.0f), 1e-6);
  EXPECT_NEAR(ImpactValue(0.99f), std::log(100.0f), 1e-3);
  EXPECT_FLOAT_EQ(ImpactValue(0.0f), 0.0f);
  EXPECT_FLOAT_EQ(ImpactValue(1.0f), ImpactValue(0.999f));  // capped
  EXPECT_GT(ImpactValue(0.9f), 3 * ImpactValue(0.5f));
}

TEST(ImpactTest, PercentileIsMidRankWithinVenueYearAndSource) {
  std::vector<corpus::WorkRecord> records;
  // NeurIPS 2019: 40 counts, with ties; ICML 2019: 10 (too few: falls back to all venues of 2019).
  std::vector<int64_t> neurips;
  for (int i = 0; i < 40; ++i) neurips.push_back((i * 7) % 23);
  for (int i = 0; i < 40; ++i) records.push_back(Paper("NeurIPS", 2019, i, neurips[i]));
  for (int i = 0; i < 10; ++i) records.push_back(Paper("ICML", 2019, i, 100 + i));
  auto built = Build(records);
  const auto& g = *built->view;
  ImpactTables t = ComputeImpact(g);
  ASSERT_EQ(t.works.size(), g.num_works());
  // Independent: fraction below + half the ties.
  auto mid_rank = [](const std::vector<int64_t>& all, int64_t c) {
    double below = 0, same = 0;
    for (int64_t x : all) below += x < c, same += x == c;
    return (below + 0.5 * same) / static_cast<double>(all.size());
  };
  std::vector<int64_t> year2019 = neurips;
  for (int i = 0; i < 10; ++i) year2019.push_back(100 + i);
  for (graph::WorkId w = 0; w < g.num_works(); ++w) {
    const std::string id(g.WorkSourceId(w));
    const format::WorkImpact& wi = t.works[w];
    ASSERT_EQ(wi.kind, static_cast<uint8_t>(format::ImpactKind::kKnown)) << id;
    const int64_t c = g.Work(w).cited_by_count;
    if (id.starts_with("NeurIPS")) {
      EXPECT_NEAR(wi.percentile, mid_rank(neurips, c), 1e-6) << id;
      EXPECT_TRUE(t.cohort_labels[wi.basis].starts_with("NeurIPS 2019 papers counted by Google Scholar"))
          << t.cohort_labels[wi.basis];
      EXPECT_EQ(t.cohort_sizes[wi.basis], 40u);
    } else {
      // 10 ICML counts are too few for a cohort: they are measured against all 2019 counts.
      EXPECT_NEAR(wi.percentile, mid_rank(year2019, c), 1e-6) << id;
      EXPECT_TRUE(t.cohort_labels[wi.basis].starts_with("2019 papers of all venues counted by Google Scholar"))
          << t.cohort_labels[wi.basis];
      EXPECT_EQ(t.cohort_sizes[wi.basis], 50u);
    }
    EXPECT_NEAR(wi.value, ImpactValue(wi.percentile), 1e-6);
  }
}

// A landmark paper keeps its distance from an ordinary top-1% one: beyond the
// cohort's 99th-percentile count, the value follows a Pareto tail fitted to
// the top tenth (Hill estimator), checked against an independent computation.
TEST(ImpactTest, LandmarkPapersKeepTheirDistanceBeyondTheTopPercentile) {
  std::vector<corpus::WorkRecord> records;
  // 200 NeurIPS 2017 papers cited 10..209, two cited 1,000 and 100,000.
  std::vector<int64_t> counts;
  for (int i = 0; i < 200; ++i) counts.push_back(10 + i);
  counts.push_back(1000);
  counts.push_back(100000);
  for (size_t i = 0; i < counts.size(); ++i) records.push_back(Paper("NeurIPS", 2017, static_cast<int>(i), counts[i]));
  auto built = Build(records);
  const auto& g = *built->view;
  ImpactTables t = ComputeImpact(g);
  const testing::TailOracle oracle(counts);  // independent: impact_tail_oracle.h
  float landmark = 0, runner_up = 0;
  for (graph::WorkId w = 0; w < g.num_works(); ++w) {
    const format::WorkImpact& wi = t.works[w];
    const int64_t c = g.Work(w).cited_by_count;
    EXPECT_NEAR(wi.percentile, oracle.Percentile(c), 1e-5) << c;
    EXPECT_NEAR(wi.value, oracle.Value(c), 1e-4) << c;
    if (c == 100000) landmark = wi.value;
    if (c == 1000) runner_up = wi.value;
  }
  EXPECT_GT(landmark, runner_up + 2.0f);  // 100 times the citations is not one percentile step
  EXPECT_GT(runner_up, ImpactValue(0.99f) - 0.1f);
  // The explanation of the landmark names the tail that set its value.
  const graph::WorkId w = g.FindWorkBySourceId("NeurIPS2017:p201");
  ASSERT_NE(w, graph::kNone);
  const format::WorkImpact& wi = t.works[w];
  const std::string why = DescribeImpact(wi, g.Work(w), g.WorkCitationCounts(w), t.cohort_sizes[wi.basis],
                                         t.cohort_labels[wi.basis], nullptr, "");
  EXPECT_NE(why.find("of 202 NeurIPS 2017 papers counted by Google Scholar; value"), std::string::npos) << why;
  EXPECT_NE(why.find("Pareto tail"), std::string::npos) << why;
  // An ordinary paper's explanation does not carry the tail clause.
  const graph::WorkId o = g.FindWorkBySourceId("NeurIPS2017:p5");
  const std::string plain = DescribeImpact(t.works[o], g.Work(o), g.WorkCitationCounts(o),
                                           t.cohort_sizes[t.works[o].basis], t.cohort_labels[t.works[o].basis],
                                           nullptr, "");
  EXPECT_EQ(plain.find("Pareto"), std::string::npos) << plain;
}

TEST(ImpactTest, UnknownCountsAreEstimatedFromKnownPapersLikeThem) {
  std::vector<corpus::WorkRecord> records;
  // 30 known orals with high counts, 30 known posters with low ones (one cohort of 60).
  for (int i = 0; i < 30; ++i) records.push_back(Paper("ICLR", 2018, i, 200 + i, corpus::PaperStatus::kOral));
  for (int i = 30; i < 60; ++i) records.push_back(Paper("ICLR", 2018, i, i - 30, corpus::PaperStatus::kPoster));
  // ICLR 2023: no counts at all.
  records.push_back(Paper("ICLR", 2023, 0, -1, corpus::PaperStatus::kOral, 8.0f));
  records.push_back(Paper("ICLR", 2023, 1, -1, corpus::PaperStatus::kPoster, 5.0f));
  records.push_back(Paper("ICLR", 2023, 2, -1, corpus::PaperStatus::kReject, 3.0f));
  auto built = Build(records);
  const auto& g = *built->view;
  ImpactTables t = ComputeImpact(g);
  double oral_mean = 0, poster_mean = 0, oral_value = 0;
  std::map<std::string, format::WorkImpact> unknown;
  for (graph::WorkId w = 0; w < g.num_works(); ++w) {
    const std::string id(g.WorkSourceId(w));
    if (id.starts_with("ICLR2023")) {
      unknown[id] = t.works[w];
      continue;
    }
    if (g.Work(w).status == static_cast<uint8_t>(corpus::PaperStatus::kOral)) {
      oral_mean += t.works[w].percentile / 30;
      oral_value += t.works[w].value / 30;
    } else {
      poster_mean += t.works[w].percentile / 30;
    }
  }
  const format::WorkImpact& oral = unknown.at("ICLR2023:p0");
  const format::WorkImpact& poster = unknown.at("ICLR2023:p1");
  const format::WorkImpact& reject = unknown.at("ICLR2023:p2");
  EXPECT_EQ(oral.kind, static_cast<uint8_t>(format::ImpactKind::kEstimated));
  EXPECT_NEAR(oral.percentile, oral_mean, 1e-5);  // the known ICLR orals' mean
  EXPECT_NEAR(oral.value, oral_value, 1e-4);
  EXPECT_EQ(t.cell_labels[oral.basis], "ICLR orals");
  EXPECT_EQ(t.cells[oral.basis].n, 30u);
  EXPECT_NEAR(poster.percentile, poster_mean, 1e-5);
  EXPECT_GT(oral.value, poster.value);
  EXPECT_GT(poster.value, 0.0f);  // unknown is not zero
  EXPECT_EQ(reject.kind, static_cast<uint8_t>(format::ImpactKind::kNotCounted));
  EXPECT_EQ(reject.value, 0.0f);
  // Ratings rank within the venue-year: the oral's 8.0 is the top of ICLR 2023's three.
  EXPECT_EQ(oral.rating_bin, 4);
  EXPECT_EQ(reject.rating_bin, 1);
  // The explanation names the evidence.
  graph::WorkId w_oral = g.FindWorkBySourceId("ICLR2023:p0");
  ASSERT_NE(w_oral, graph::kNone);
  const std::string why = DescribeImpact(oral, g.Work(w_oral), g.WorkCitationCounts(w_oral), 0, "",
                                         &t.cells[oral.basis], t.cell_labels[oral.basis]);
  EXPECT_NE(why.find("estimated"), std::string::npos) << why;
  EXPECT_NE(why.find("no citation count"), std::string::npos) << why;
  EXPECT_NE(why.find("oral"), std::string::npos) << why;
  EXPECT_NE(why.find("n=30"), std::string::npos) << why;
}

// An oral is not the same evidence at every venue (their share of accepted
// papers differs): an unknown count is estimated from the same venue family's
// known papers of that status first, then from all venues'.
TEST(ImpactTest, UnknownCountsAreEstimatedWithinTheirVenueFamilyFirst) {
  std::vector<corpus::WorkRecord> records;
  // One 2018 cohort per venue: CVPR orals sit mid-cohort, NeurIPS orals at its top.
  for (int i = 0; i < 40; ++i) records.push_back(Paper("CVPR", 2018, i, i, i % 2 ? corpus::PaperStatus::kOral
                                                                                   : corpus::PaperStatus::kPoster));
  for (int i = 0; i < 40; ++i) records.push_back(Paper("NeurIPS", 2018, i, i, i >= 20 ? corpus::PaperStatus::kOral
                                                                                       : corpus::PaperStatus::kPoster));
  // ICML 2018 lists every paper as an oral: not a selection, so these are learnt as accepted papers.
  for (int i = 0; i < 40; ++i) records.push_back(Paper("ICML", 2018, i, i / 4, corpus::PaperStatus::kOral));
  records.push_back(Paper("CVPR", 2023, 0, -1, corpus::PaperStatus::kOral));
  records.push_back(Paper("NeurIPS", 2023, 0, -1, corpus::PaperStatus::kOral));
  records.push_back(Paper("ICML", 2023, 0, -1, corpus::PaperStatus::kOral));  // no known ICML papers
  auto built = Build(records);
  const auto& g = *built->view;
  ImpactTables t = ComputeImpact(g);
  std::map<std::string, std::pair<double, int>> oral_mean;  // venue -> sum, n of known orals' percentiles
  for (graph::WorkId w = 0; w < g.num_works(); ++w) {
    if (g.Work(w).year != 2018 || g.Work(w).status != static_cast<uint8_t>(corpus::PaperStatus::kOral)) continue;
    if (std::string(g.WorkSourceId(w)).starts_with("ICML")) continue;
    const std::string venue = std::string(g.WorkSourceId(w)).starts_with("CVPR") ? "CVPR" : "NeurIPS";
    for (const std::string& v : {venue, std::string("all")}) {
      oral_mean[v].first += t.works[w].percentile;
      ++oral_mean[v].second;
    }
  }
  const format::WorkImpact& cvpr = t.works[g.FindWorkBySourceId("CVPR2023:p0")];
  const format::WorkImpact& neurips = t.works[g.FindWorkBySourceId("NeurIPS2023:p0")];
  const format::WorkImpact& icml = t.works[g.FindWorkBySourceId("ICML2023:p0")];
  EXPECT_NEAR(cvpr.percentile, oral_mean["CVPR"].first / oral_mean["CVPR"].second, 1e-5);
  EXPECT_NEAR(neurips.percentile, oral_mean["NeurIPS"].first / oral_mean["NeurIPS"].second, 1e-5);
  EXPECT_NEAR(icml.percentile, oral_mean["all"].first / oral_mean["all"].second, 1e-5);
  EXPECT_EQ(t.cell_labels[cvpr.basis], "CVPR orals");
  EXPECT_EQ(t.cell_labels[neurips.basis], "NeurIPS orals");
  EXPECT_EQ(t.cell_labels[icml.basis], "orals without review ratings");  // all venues
  EXPECT_GT(neurips.value, cvpr.value);
}

// The team's track record: an unknown paper by authors whose other papers are
// highly cited is estimated from the known papers by such teams, and the record
// leaves the paper itself out.
TEST(ImpactTest, UnknownCountsFollowTheTeamsTrackRecord) {
  std::vector<corpus::WorkRecord> records;
  // "Author Ba", "Author Bb", ...: one OpenReview id each (~Author_Ba1).
  auto name = [](int i) { return std::string("Author ") + static_cast<char>('B' + i / 26) + static_cast<char>('a' + i % 26); };
  // 20 authors x 20 known NeurIPS 2019 posters: author i's papers are cited ~ i (one cohort of 400).
  for (int i = 0; i < 20; ++i)
    for (int j = 0; j < 20; ++j) {
      corpus::WorkRecord r = Paper("NeurIPS", 2019, i * 20 + j, i * 50 + j);
      r.authors[0].name = name(i);
      r.authors[0].openreview_id = "~" + name(i).replace(6, 1, "_") + "1";
      records.push_back(r);
    }
  // Unknown ICLR 2024 posters by the least and the most cited author, and by a newcomer.
  for (int i : {0, 19, 99}) {
    corpus::WorkRecord r = Paper("ICLR", 2024, i, -1);
    r.authors[0].name = name(i);
    r.authors[0].openreview_id = "~" + name(i).replace(6, 1, "_") + "1";
    records.push_back(r);
  }
  auto built = Build(records);
  const auto& g = *built->view;
  ImpactTables t = ComputeImpact(g);
  const std::vector<float> team = TeamRecords(g, t.works);
  // Independent: per work, the mean percentile of the same author's other known papers.
  for (graph::WorkId w = 0; w < g.num_works(); ++w) {
    const graph::AuthorId a = g.WorkAuthors(w)[0].author;
    double sum = 0;
    int n = 0;
    for (graph::WorkId o : g.AuthorWorks(a))
      if (o != w && t.works[o].kind == static_cast<uint8_t>(format::ImpactKind::kKnown)) sum += t.works[o].percentile, ++n;
    if (n < static_cast<int>(kMinTeamRecord)) {
      EXPECT_EQ(team[w], -1.0f) << g.WorkSourceId(w);
      EXPECT_EQ(t.works[w].team_bin, 0) << g.WorkSourceId(w);
    } else {
      EXPECT_NEAR(team[w], sum / n, 1e-5) << g.WorkSourceId(w);
      EXPECT_GE(t.works[w].team_bin, 1) << g.WorkSourceId(w);
    }
  }
  ASSERT_EQ(t.team_cuts.size(), kTeamRecordBands - 1);
  EXPECT_TRUE(std::is_sorted(t.team_cuts.begin(), t.team_cuts.end()));
  const format::WorkImpact& low = t.works[g.FindWorkBySourceId("ICLR2024:p0")];
  const format::WorkImpact& high = t.works[g.FindWorkBySourceId("ICLR2024:p19")];
  const format::WorkImpact& fresh = t.works[g.FindWorkBySourceId("ICLR2024:p99")];
  for (const format::WorkImpact* e : {&low, &high, &fresh})
    EXPECT_EQ(e->kind, static_cast<uint8_t>(format::ImpactKind::kEstimated));
  EXPECT_EQ(low.team_bin, 1);
  EXPECT_EQ(high.team_bin, kTeamRecordBands);
  EXPECT_EQ(fresh.team_bin, 0);  // no record: the status estimate alone
  EXPECT_EQ(t.cell_labels[fresh.basis], "posters (accepted papers) without review ratings");
  // The cells are the known works of such teams: the top band's 40 posters are the two best authors'.
  EXPECT_EQ(t.cells[high.basis].n, 40u);
  EXPECT_GT(high.percentile, 0.9f);
  EXPECT_LT(low.percentile, 0.1f);
  EXPECT_GT(high.value, fresh.value);
  EXPECT_GT(fresh.value, low.value);
  EXPECT_GT(low.value, 0.0f);  // unknown is not zero, even for the weakest record
  EXPECT_NE(t.cell_labels[high.basis].find("by teams whose other counted papers average the"), std::string::npos)
      << t.cell_labels[high.basis];
  const graph::WorkId w_high = g.FindWorkBySourceId("ICLR2024:p19");
  const std::string why = DescribeImpact(high, g.Work(w_high), g.WorkCitationCounts(w_high), 0, "",
                                         &t.cells[high.basis], t.cell_labels[high.basis]);
  EXPECT_NE(why.find("its authors' other counted papers average the 9"), std::string::npos) << why;
  EXPECT_NE(why.find("n=40"), std::string::npos) << why;
  EXPECT_NE(why.find("(the top tenth of track records)"), std::string::npos) << why;
}

}  // namespace
}  // namespace st::scoring
