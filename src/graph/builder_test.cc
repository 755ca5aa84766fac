// GraphBuilder on constructed records: CSR contents, co-author weights
// (recomputed here from the inputs), work dedup across sources, references,
// affiliation spells, organisations.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "base/test_paths.h"
#include "graph/builder.h"
#include "graph/test_records.h"
#include "graph/view.h"

namespace st::graph {
namespace {

using testing::TA;
using testing::TW;

class BuiltGraph {
 public:
  explicit BuiltGraph(const std::vector<corpus::WorkRecord>& records, BuildOptions options = {},
                      std::string spill_dir = {}) {
    GraphBuilder builder(options, std::move(spill_dir));
    // Two shards, to exercise the merge of per-thread storage.
    auto& s1 = builder.NewShard();
    auto& s2 = builder.NewShard();
    for (size_t i = 0; i < records.size(); ++i) (i % 2 ? s2 : s1).Add(records[i]);
    dir_ = st::testing::MakeTempDir("builder");
    auto summary = builder.Write(dir_);
    EXPECT_TRUE(summary.ok()) << summary.status().ToString();
    if (summary.ok()) summary_ = *summary;
    auto view = GraphView::Open(dir_);
    EXPECT_TRUE(view.ok()) << view.status().ToString();
    if (view.ok()) view_ = *view;
  }
  ~BuiltGraph() { std::filesystem::remove_all(dir_); }
  const GraphView& g() const { return *view_; }
  const BuildSummary& summary() const { return summary_; }
  AuthorId ByOa(const std::string& id) const { return view_->FindAuthorByExternalId(id); }

 private:
  std::string dir_;
  BuildSummary summary_;
  std::shared_ptr<const GraphView> view_;
};

TEST(GraphBuilderTest, CoauthorWeightsMatchIndependentSum) {
  std::vector<TW> works = {
      {"W1", 2018, {{"A One", "A1"}, {"B Two", "A2"}, {"C Three", "A3"}}},
      {"W2", 2019, {{"A One", "A1"}, {"B Two", "A2"}}},
      {"W3", 2020, {{"A One", "A1"}, {"B Two", "A2"}, {"C Three", "A3"}, {"D Four", "A4"}}},
      {"W4", 2021, {{"D Four", "A4"}}},
  };
  TW big{"W5", 2022, {}};
  for (int i = 0; i < 101; ++i)
    big.authors.push_back({"Big Author " + std::string(1, char('a' + i % 26)) + std::to_string(i),
                           "A" + std::to_string(100 + i)});
  big.authors[0] = {"A One", "A1"};
  works.push_back(big);
  std::vector<corpus::WorkRecord> records;
  for (const TW& w : works) records.push_back(testing::ToRecord(w));
  BuiltGraph built(records);
  const GraphView& g = built.g();

  // Independent computation from the inputs: sum of 1/(n-1) over shared works
  // with n <= 100 authors.
  std::map<std::pair<std::string, std::string>, double> expected;
  for (const TW& w : works) {
    size_t n = w.authors.size();
    if (n < 2 || n > 100) continue;
    for (const TA& a : w.authors)
      for (const TA& b : w.authors)
        if (a.openalex_id != b.openalex_id) expected[{a.openalex_id, b.openalex_id}] += 1.0 / double(n - 1);
  }
  std::map<std::pair<std::string, std::string>, double> got;
  for (AuthorId a = 0; a < g.num_authors(); ++a) {
    AuthorId prev = kNone;
    for (const CoauthorEdge& e : g.Coauthors(a)) {
      if (prev != kNone) {
        EXPECT_LT(prev, e.author) << "co-authors sorted by id";
      }
      prev = e.author;
      got[{std::string(g.AuthorOpenAlexId(a)), std::string(g.AuthorOpenAlexId(e.author))}] = e.weight;
    }
  }
  ASSERT_EQ(got.size(), expected.size());
  for (const auto& [pair, w] : expected) {
    ASSERT_TRUE(got.count(pair)) << pair.first << "-" << pair.second;
    // Stored as binary16: the nearest half is within 2^-11 of the value.
    EXPECT_NEAR(got[pair], w, w / 2048) << pair.first << "-" << pair.second;
  }
  EXPECT_EQ(g.num_coauthor_edges(), expected.size());
  // The hyper-authored work keeps its authorships.
  WorkId w5 = g.FindWorkBySourceId("W5");
  ASSERT_NE(w5, kNone);
  EXPECT_EQ(g.WorkAuthors(w5).size(), 101u);
  EXPECT_EQ(g.AuthorWorks(built.ByOa("A1")).size(), 4u);
  EXPECT_EQ(built.summary().authorships, 3u + 2 + 4 + 1 + 101);
}

TEST(GraphBuilderTest, WorkAndAuthorCsrContents) {
  corpus::WorkRecord r1 = testing::ToRecord({"W10", 2021, {{"A One", "A1"}, {"B Two", "A2"}}});
  r1.references = {"W11", "https://openalex.org/W12", "W999"};
  r1.counts_by_year = {{2023, 7}, {2022, 5}};
  r1.cited_by_count = 12;
  r1.topics = {{"T1", "Deep Learning", "AI", "Computer Science", 0.9f}, {"T2", "Vision", "", "", 0.4f}};
  corpus::WorkRecord r2 = testing::ToRecord({"W11", 2019, {{"A One", "A1"}}});
  corpus::WorkRecord r3 = testing::ToRecord({"W12", 2020, {{"B Two", "A2"}, {"A One", "A1"}}});
  r3.authors[0].position = corpus::AuthorPosition::kFirst;
  BuiltGraph built({r1, r2, r3});
  const GraphView& g = built.g();
  ASSERT_EQ(g.num_works(), 3u);
  ASSERT_EQ(g.num_authors(), 2u);
  WorkId w10 = g.FindWorkBySourceId("https://openalex.org/W10");
  ASSERT_NE(w10, kNone);
  std::set<std::string_view> refs;
  for (WorkId r : g.WorkReferences(w10)) refs.insert(g.WorkSourceId(r));
  EXPECT_EQ(refs, (std::set<std::string_view>{"W11", "W12"}));  // W999 is outside the graph
  auto cites = g.WorkCitationsByYear(w10);
  ASSERT_EQ(cites.size(), 2u);
  EXPECT_EQ(cites[0].year, 2022);
  EXPECT_EQ(cites[0].count, 5);
  EXPECT_EQ(cites[1].count, 7);
  EXPECT_EQ(g.Work(w10).cited_by_count, 12);
  EXPECT_EQ(g.Work(w10).year, 2021);
  auto topics = g.WorkTopics(w10);
  ASSERT_EQ(topics.size(), 2u);
  EXPECT_EQ(g.TopicName(topics[0].topic), "Deep Learning");
  EXPECT_EQ(g.TopicField(topics[0].topic), "Computer Science");
  EXPECT_FLOAT_EQ(topics[0].weight, 0.9f);
  // Author works sorted by year.
  AuthorId a1 = built.ByOa("A1");
  std::vector<std::string_view> years;
  for (WorkId w : g.AuthorWorks(a1)) years.push_back(g.WorkSourceId(w));
  EXPECT_EQ(years, (std::vector<std::string_view>{"W11", "W12", "W10"}));
  // Positions: given ones kept, others derived from order.
  auto slots = g.WorkAuthors(g.FindWorkBySourceId("W10"));
  ASSERT_EQ(slots.size(), 2u);
  EXPECT_EQ(slots[0].position, uint8_t(corpus::AuthorPosition::kFirst));
  EXPECT_EQ(slots[1].position, uint8_t(corpus::AuthorPosition::kLast));
  EXPECT_EQ(g.AuthorName(slots[0].author), "A One");
}

// Abstracts, citations by year, topics and references go to the shards'
// spill files while reading (several 1 MB flushes here, abstracts longer
// than a one-byte length) and come back exact, for every work.
TEST(GraphBuilderTest, SpilledWorkDetailsComeBackForEveryWork) {
  constexpr int kWorks = 3000;
  std::vector<corpus::WorkRecord> records;
  for (int i = 0; i < kWorks; ++i) {
    corpus::WorkRecord r = testing::ToRecord({"W" + std::to_string(1000 + i), 2020, {{"A One", "A1"}}});
    r.abstract = std::string(200 + (i * 37) % 900, static_cast<char>('a' + i % 26)) + std::to_string(i);
    for (int y = 0; y < i % 5; ++y) r.counts_by_year.push_back({static_cast<int16_t>(2024 - y), i + y});
    if (i % 3 != 0) r.topics.push_back({"T" + std::to_string(i % 7), "Topic " + std::to_string(i % 7), "", "", 0.5f});
    r.references = {"W" + std::to_string(1000 + (i + 1) % kWorks), "https://openalex.org/W" + std::to_string(1000 + i / 2),
                    "W99" + std::to_string(i), std::string(300, 'x')};
    records.push_back(std::move(r));
  }
  const std::string spill_dir = st::testing::MakeTempDir("builder_spill");
  BuiltGraph built(records, {}, spill_dir);
  EXPECT_TRUE(std::filesystem::is_empty(spill_dir));  // the spill files are unlinked
  std::filesystem::remove_all(spill_dir);
  const GraphView& g = built.g();
  ASSERT_EQ(g.num_works(), static_cast<uint32_t>(kWorks));
  for (int i = 0; i < kWorks; ++i) {
    const corpus::WorkRecord& r = records[i];
    WorkId w = g.FindWorkBySourceId(r.id);
    ASSERT_NE(w, kNone) << r.id;
    EXPECT_EQ(g.WorkAbstract(w), r.abstract) << r.id;
    auto cites = g.WorkCitationsByYear(w);
    ASSERT_EQ(cites.size(), r.counts_by_year.size()) << r.id;
    for (size_t k = 0; k < cites.size(); ++k) {  // ascending by year
      const corpus::YearCount& y = r.counts_by_year[cites.size() - 1 - k];
      EXPECT_EQ(cites[k].year, y.year);
      EXPECT_EQ(cites[k].count, y.count);
    }
    auto topics = g.WorkTopics(w);
    ASSERT_EQ(topics.size(), r.topics.size()) << r.id;
    if (!topics.empty()) {
      EXPECT_EQ(g.TopicName(topics[0].topic), r.topics[0].name);
    }
    std::set<std::string_view> refs;
    for (WorkId t : g.WorkReferences(w)) refs.insert(g.WorkSourceId(t));
    std::set<std::string_view> expected{records[(i + 1) % kWorks].id};
    if (i / 2 != i) expected.insert(records[i / 2].id);  // a work's reference to itself is dropped
    EXPECT_EQ(refs, expected) << r.id;
  }
}

// The work index's keys (id, DOI) spill while the work columns are built and come back in 8 MB blocks
// (TempSpill::ReadRange): with ~19 MB of keys of uneven length, entries straddle the block boundaries, and every
// work must still be found by its id and by its DOI.
TEST(GraphBuilderTest, WorkIndexSpillLargerThanOneReadBlock) {
  constexpr int kWorks = 70000;
  std::vector<corpus::WorkRecord> records;
  records.reserve(kWorks);
  uint64_t key_bytes = 0;
  for (int i = 0; i < kWorks; ++i) {
    corpus::WorkRecord r = testing::ToRecord(
        {"neurips2020:" + std::string(100 + i % 97, 'k') + std::to_string(i), 2020, {{"A One", "A1"}}});
    r.source = corpus::Source::kPaperList;
    r.doi = "10.1000/" + std::string(60 + i % 53, 'd') + std::to_string(i);
    key_bytes += r.id.size() + r.doi.size() + 10;  // per key: a length byte, the key, a u32 work
    records.push_back(std::move(r));
  }
  ASSERT_GT(key_bytes, uint64_t{16} << 20);  // at least two block boundaries
  const std::string spill_dir = st::testing::MakeTempDir("builder_index_spill");
  BuiltGraph built(records, {}, spill_dir);
  std::filesystem::remove_all(spill_dir);
  const GraphView& g = built.g();
  ASSERT_EQ(g.num_works(), static_cast<uint32_t>(kWorks));
  for (const corpus::WorkRecord& r : records) {
    const WorkId w = g.FindWorkBySourceId(r.id);
    ASSERT_NE(w, kNone) << r.id;
    EXPECT_EQ(g.WorkSourceId(w), r.id);
    EXPECT_EQ(g.FindWorkBySourceId(r.doi), w) << r.doi;
  }
}

TEST(GraphBuilderTest, SameWorkFromTwoSourcesIsOneWork) {
  corpus::WorkRecord oa = testing::ToRecord(
      {"W77", 2020, {{"John Smith", "A1"}, {"Alice Brown", "A2"}}, corpus::Source::kOpenAlex,
       "A Study Of Things That Matter", "10.1000/XYZ"});
  oa.cited_by_count = 40;
  oa.venue = "arXiv (Cornell University)";
  corpus::WorkRecord pl = testing::ToRecord(
      {"iclr2020:abc", 2020, {{"John Smith", "", "", "~John_Smith1"}, {"Alice Brown", "", "", "~Alice_Brown1"}},
       corpus::Source::kPaperList, "A study of things that matter", "https://doi.org/10.1000/xyz"});
  pl.status = corpus::PaperStatus::kOral;
  pl.venue = "ICLR 2020";
  pl.rating_avg = 7.5f;
  corpus::WorkRecord ax = testing::ToRecord({"arXiv:2001.1", 2020, {{"J. Smith"}, {"A. Brown"}},
                                             corpus::Source::kArxiv, "A Study of Things that Matter."});
  BuiltGraph built({oa, pl, ax});
  const GraphView& g = built.g();
  ASSERT_EQ(g.num_works(), 1u);
  EXPECT_EQ(g.FindWorkBySourceId("iclr2020:abc"), 0u);
  EXPECT_EQ(g.FindWorkBySourceId("arXiv:2001.1"), 0u);
  EXPECT_EQ(g.FindWorkBySourceId("10.1000/xyz"), 0u);
  const WorkInfo& info = g.Work(0);
  EXPECT_EQ(info.status, uint8_t(corpus::PaperStatus::kOral));
  EXPECT_FLOAT_EQ(info.rating_avg, 7.5f);
  EXPECT_EQ(info.cited_by_count, 40);
  EXPECT_EQ(g.VenueName(info.venue), "ICLR 2020");
  EXPECT_EQ(info.source, uint8_t(corpus::Source::kOpenAlex));
  EXPECT_EQ(g.num_authors(), 2u);
  EXPECT_EQ(g.WorkAuthors(0).size(), 2u);
  EXPECT_EQ(g.FindAuthorByExternalId("~John_Smith1"), g.FindAuthorByExternalId("A1"));
  EXPECT_EQ(g.FindAuthorByExternalId("~Alice_Brown1"), g.FindAuthorByExternalId("A2"));
  std::string_view reason = g.AuthorIdentity(g.FindAuthorByExternalId("A1")).reason;
  EXPECT_NE(reason.find("same paper in two sources"), std::string_view::npos) << reason;
}

// Two files hold the same work (same id, source and authors) with different
// titles and abstracts. Whichever thread reads which file, the graph is the
// same, byte for byte, and the first file's record is the primary one.
TEST(GraphBuilderTest, GraphDoesNotDependOnWhichThreadReadWhichFile) {
  std::vector<std::vector<corpus::WorkRecord>> files(2);
  for (int f = 0; f < 2; ++f) {
    for (int w = 0; w < 3; ++w) {
      corpus::WorkRecord r = testing::ToRecord(
          {"iclr2020:p" + std::to_string(w), 2020, {{"Ada Lovelace"}, {"Alan Turing " + std::to_string(w)}},
           corpus::Source::kPaperList, "Version " + std::to_string(f) + " of paper " + std::to_string(w)});
      r.abstract = "Abstract from file " + std::to_string(f);
      files[f].push_back(std::move(r));
    }
  }
  auto build = [&](bool swapped) {
    GraphBuilder builder;
    auto& first_thread = builder.NewShard();
    auto& second_thread = builder.NewShard();
    for (uint32_t f = 0; f < 2; ++f) {
      auto& shard = (f == 0) != swapped ? first_thread : second_thread;
      shard.StartFile(f);
      for (const auto& r : files[f]) shard.Add(r);
    }
    const std::string dir = st::testing::MakeTempDir("builder_order");
    EXPECT_TRUE(builder.Write(dir).ok());
    std::ifstream in(dir + "/graph.bin", std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto view = GraphView::Open(dir);
    EXPECT_TRUE(view.ok());
    std::string titles;
    for (WorkId w = 0; view.ok() && w < (*view)->num_works(); ++w)
      titles += std::string((*view)->WorkTitle(w)) + "|" + std::string((*view)->WorkAbstract(w)) + "\n";
    std::filesystem::remove_all(dir);
    return std::pair{bytes, titles};
  };
  const auto [a, a_titles] = build(false);
  const auto [b, b_titles] = build(true);
  EXPECT_EQ(a_titles, "Version 0 of paper 0|Abstract from file 0\nVersion 0 of paper 1|Abstract from file 0\n"
                      "Version 0 of paper 2|Abstract from file 0\n");
  EXPECT_EQ(b_titles, a_titles);
  EXPECT_TRUE(a == b) << "graph.bin differs with the threads swapped";
}

// Issue 14: counts of the sources merged into one work are kept per source,
// with their dates; a work no source counted has none (unknown, not 0).
TEST(GraphBuilderTest, CitationCountsArePerSource) {
  corpus::WorkRecord oa = testing::ToRecord({"W77", 2020, {{"John Smith", "A1"}}, corpus::Source::kOpenAlex,
                                             "A Study Of Things That Matter", "10.1000/XYZ"});
  oa.cited_by_count = 40;
  oa.citations_as_of = 20260401;
  corpus::WorkRecord pl = testing::ToRecord({"iclr2020:abc", 2020, {{"John Smith"}}, corpus::Source::kPaperList,
                                             "A study of things that matter"});
  pl.cited_by_count = 55;  // Google Scholar (the paper list's source), no date
  corpus::WorkRecord s2 = testing::ToRecord({"s2:9", 2020, {{"John Smith"}}, corpus::Source::kSemanticScholar,
                                             "A study of things that matter"});
  s2.cited_by_count = 31;
  s2.citation_source = corpus::CitationSource::kSemanticScholar;
  corpus::WorkRecord unknown = testing::ToRecord({"iclr2020:zzz", 2020, {{"Jane Doe"}}, corpus::Source::kPaperList,
                                                  "Another paper entirely different"});
  BuiltGraph built({oa, pl, s2, unknown});
  const GraphView& g = built.g();
  ASSERT_EQ(g.num_works(), 2u);
  const WorkId merged = g.FindWorkBySourceId("W77");
  ASSERT_NE(merged, kNone);
  auto counts = g.WorkCitationCounts(merged);
  ASSERT_EQ(counts.size(), 3u);
  EXPECT_EQ(counts[0].source, uint8_t(corpus::CitationSource::kGoogleScholar));
  EXPECT_EQ(counts[0].count, 55);
  EXPECT_EQ(counts[0].as_of, 0);
  EXPECT_EQ(counts[1].source, uint8_t(corpus::CitationSource::kOpenAlex));
  EXPECT_EQ(counts[1].count, 40);
  EXPECT_EQ(counts[1].as_of, 20260401);
  EXPECT_EQ(counts[2].source, uint8_t(corpus::CitationSource::kSemanticScholar));
  EXPECT_EQ(counts[2].count, 31);
  EXPECT_EQ(g.Work(merged).cited_by_count, 55);  // the largest, whose source is in the list
  const WorkId other = g.FindWorkBySourceId("iclr2020:zzz");
  EXPECT_TRUE(g.WorkCitationCounts(other).empty());
  EXPECT_EQ(g.Work(other).cited_by_count, -1);
}

TEST(GraphBuilderTest, AffiliationSpellsAndOrganisations) {
  std::string dir = st::testing::MakeTempDir("labs");
  std::string csv = dir + "/labs.csv";
  std::ofstream(csv) << "openalex_institution_id,lab\nhttps://openalex.org/I100,DeepMind\n";
  std::vector<corpus::WorkRecord> rs = {
      testing::ToRecord({"W1", 2016, {{"Ann Lee", "A1", "", "", "", "I200", "Stanford University"}}}),
      testing::ToRecord({"W2", 2018, {{"Ann Lee", "A1", "", "", "", "I200", "Stanford University"}}}),
      testing::ToRecord({"W3", 2019, {{"Ann Lee", "A1", "", "", "", "I100", "DeepMind Technologies"}}}),
      testing::ToRecord({"W4", 2021, {{"Ann Lee", "A1", "", "", "", "I100", "DeepMind Technologies"}}}),
      testing::ToRecord({"p:1", 2022, {{"Bo Chen", "", "", "~Bo_Chen1", "", "", "OpenAI", "openai.com"}},
                         corpus::Source::kPaperList}),
      testing::ToRecord({"W5", 2020, {{"Cy Park", "A3", "", "", "", "", "Microsoft Research Asia"}}}),
      testing::ToRecord({"W6", 2020, {{"Di Wu", "A4", "", "", "", "", "Institute for Intelligence Systems"}}}),
  };
  BuildOptions options;
  options.lab_map_csv = csv;
  BuiltGraph built(rs, options);
  const GraphView& g = built.g();
  AuthorId ann = built.ByOa("A1");
  auto spells = g.AuthorAffiliations(ann);
  ASSERT_EQ(spells.size(), 2u);
  EXPECT_EQ(g.InstName(spells[0].inst), "Stanford University");
  EXPECT_EQ(spells[0].first_year, 2016);
  EXPECT_EQ(spells[0].last_year, 2018);
  EXPECT_EQ(spells[0].works, 2u);
  EXPECT_EQ(g.InstOpenAlexId(spells[1].inst), "I100");
  EXPECT_EQ(spells[1].first_year, 2019);
  EXPECT_EQ(spells[1].last_year, 2021);
  InstId cur = g.AuthorCurrentInstitution(ann);
  ASSERT_NE(cur, kNone);
  EXPECT_EQ(g.InstOrg(cur), "Google DeepMind");  // lab CSV, canonical spelling
  AuthorId bo = g.FindAuthorByExternalId("~Bo_Chen1");
  ASSERT_NE(bo, kNone);
  EXPECT_EQ(g.InstOrg(g.AuthorCurrentInstitution(bo)), "OpenAI");
  EXPECT_EQ(g.InstOrg(g.AuthorCurrentInstitution(built.ByOa("A3"))), "Microsoft");
  // "Intelligence" is not Intel: no rule applies, the org is the name itself.
  EXPECT_EQ(g.InstOrg(g.AuthorCurrentInstitution(built.ByOa("A4"))), "Institute for Intelligence Systems");
  std::filesystem::remove_all(dir);
}

TEST(GraphBuilderTest, BadLabCsvNamesFileAndLine) {
  std::string dir = st::testing::MakeTempDir("labs-bad");
  std::string csv = dir + "/labs.csv";
  std::ofstream(csv) << "openalex_institution_id,lab\nI1,Google\nno comma here\n";
  GraphBuilder builder(BuildOptions{csv, 1});
  builder.Add(testing::ToRecord({"W1", 2020, {{"A B", "A1"}}}));
  auto res = builder.Write(dir);
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(res.status().message().find("labs.csv:3"), std::string::npos) << res.status().message();
  std::filesystem::remove_all(dir);
}

TEST(GraphBuilderTest, EmptyBuildIsValid) {
  BuiltGraph built({});
  EXPECT_EQ(built.g().num_works(), 0u);
  EXPECT_EQ(built.g().num_authors(), 0u);
  EXPECT_EQ(built.g().FindWorkBySourceId("W1"), kNone);
  EXPECT_TRUE(built.g().FindAuthorsByName("nobody").empty());
}

}  // namespace
}  // namespace st::graph
