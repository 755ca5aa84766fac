// Ranking behaviour on small graphs built with the real GraphBuilder.
#include "scoring/ranker.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

#include "base/test_paths.h"
#include "graph/builder.h"
#include "graph/test_records.h"
#include "scoring/derived.h"
#include "scoring/derived_file.h"
#include "scoring/metrics.h"
#include "scoring/json.h"
#include "scoring/quality.h"

namespace st::scoring {
namespace {

struct Person {
  std::string name, openalex, inst_id, inst_name;
};

corpus::WorkRecord Work(std::string id, int year, std::string title, std::string abstract,
                        std::vector<Person> people, int64_t cites,
                        std::vector<corpus::YearCount> by_year = {}) {
  corpus::WorkRecord r;
  r.id = std::move(id);
  r.year = static_cast<int16_t>(year);
  r.title = std::move(title);
  r.abstract = std::move(abstract);
  r.cited_by_count = cites;
  r.counts_by_year = std::move(by_year);
  for (auto& p : people) {
    corpus::Authorship a;
    a.name = p.name;
    a.openalex_id = p.openalex;
    corpus::InstitutionRef i;
    i.openalex_id = p.inst_id;
    i.name = p.inst_name;
    a.institutions.push_back(i);
    r.authors.push_back(std::move(a));
  }
  return r;
}

const Person kAlice{"Alice Transformer", "A1", "I1", "DeepMind"};
const Person kBob{"Bob Vision", "A2", "I2", "Google"};
const Person kCarol{"Carol Middle", "A3", "I3", "Stanford University"};
const Person kDan{"Dan Early", "A4", "I4", "Meta"};
const Person kEve{"Eve Alone", "A5", "I5", "Massachusetts Institute of Technology"};

std::vector<corpus::WorkRecord> SmallCorpus() {
  return {
      Work("W1", 2023, "Scaling large language models", "We train large language models on text.", {kAlice, kCarol},
           100, {{2023, 60}, {2022, 40}}),
      Work("W2", 2022, "Instruction tuning of language models", "Language models follow instructions.", {kAlice},
           50, {{2023, 30}, {2022, 20}}),
      Work("W3", 2023, "Evaluating large language models", "Benchmarks for large language models.",
           {kCarol, kEve, kAlice}, 10, {{2023, 10}}),
      Work("W4", 2021, "Convolutional networks for image segmentation", "Pixels and masks.", {kBob, kCarol}, 1000,
           {{2023, 300}, {2022, 300}, {2021, 400}}),
      Work("W5", 2020, "Object detection in images", "Boxes around objects.", {kBob}, 800, {{2023, 100}}),
      Work("W6", 2015, "Recurrent language models", "Early neural language models for text.", {kDan}, 300,
           {{2016, 300}}),
      Work("W7", 2019, "Graph theory of networks", "Unrelated study.", {kEve}, -1),
  };
}

class Fixture {
 public:
  explicit Fixture(const std::vector<corpus::WorkRecord>& records, DeriveOptions options = {}) {
    dir_ = st::testing::MakeTempDir("scoring");
    graph::GraphBuilder builder;
    for (const auto& r : records) builder.Add(r);
    auto summary = builder.Write(dir_);
    EXPECT_TRUE(summary.ok()) << summary.status().ToString();
    auto view = graph::GraphView::Open(dir_);
    EXPECT_TRUE(view.ok()) << view.status().ToString();
    view_ = *view;
    Status s = BuildDerived(*view_, dir_, options);
    EXPECT_TRUE(s.ok()) << s.ToString();
    auto ranker = Ranker::Open(view_);
    EXPECT_TRUE(ranker.ok()) << ranker.status().ToString();
    ranker_ = std::move(*ranker);
  }
  ~Fixture() { std::filesystem::remove_all(dir_); }
  const Ranker& ranker() const { return *ranker_; }
  const std::string& dir() const { return dir_; }
  graph::AuthorId Id(const Person& p) const { return view_->FindAuthorByExternalId(p.openalex); }
  std::vector<std::string> Names(const RankResponse& r) const {
    std::vector<std::string> out;
    for (const auto& a : r.authors) out.push_back(a.name);
    return out;
  }

 private:
  std::string dir_;
  std::shared_ptr<const graph::GraphView> view_;
  std::unique_ptr<Ranker> ranker_;
};

TEST(RankerTest, MetricsMatchIndependentComputation) {
  const auto records = SmallCorpus();
  Fixture f(records);
  const int now = 2023;  // latest year in the corpus
  for (const Person* p : {&kAlice, &kBob, &kCarol, &kDan, &kEve}) {
    SCOPED_TRACE(p->name);
    // Independent: walk the records.
    int64_t cites = 0, recent = 0;
    uint32_t works = 0, first = 0, last = 0, counted = 0;
    std::vector<int64_t> counts;
    for (const auto& r : records) {
      for (size_t i = 0; i < r.authors.size(); ++i) {
        if (r.authors[i].openalex_id != p->openalex) continue;
        ++works;
        if (r.cited_by_count >= 0) {
          cites += r.cited_by_count;
          counts.push_back(r.cited_by_count);
          ++counted;
        }
        for (const auto& y : r.counts_by_year)
          if (y.year > now - 3) recent += y.count;
        if (i == 0) ++first;
        if (i + 1 == r.authors.size() && r.authors.size() > 1) ++last;
      }
    }
    std::sort(counts.rbegin(), counts.rend());
    uint32_t h = 0;
    while (h < counts.size() && counts[h] >= static_cast<int64_t>(h + 1)) ++h;
    const auto& m = f.ranker().Metrics(f.Id(*p));
    EXPECT_EQ(m.works, works);
    EXPECT_EQ(m.counted_works, counted);  // W7's unknown count is not a known 0
    EXPECT_EQ(m.citations, cites);
    EXPECT_EQ(m.h_index, h);
    EXPECT_EQ(m.recent_citations, recent);
    EXPECT_EQ(m.first_author, first);
    EXPECT_EQ(m.last_author, last);
  }
  double pr = 0;
  for (graph::AuthorId a = 0; a < f.ranker().view().num_authors(); ++a) pr += f.ranker().Metrics(a).pagerank;
  EXPECT_NEAR(pr, 1.0, 1e-4);
  // Carol links both groups: most central.
  EXPECT_GT(f.ranker().Metrics(f.Id(kCarol)).pagerank, f.ranker().Metrics(f.Id(kDan)).pagerank);
}

TEST(RankerTest, MatchingAuthorOutranksNonMatchingOne) {
  Fixture f(SmallCorpus());
  RankQuery q;
  q.text = "large language models";
  auto r = f.ranker().Rank(q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto names = f.Names(*r);
  ASSERT_FALSE(names.empty());
  EXPECT_EQ(names.front(), "Alice Transformer");
  // Bob's papers are about images: he is not ranked at all, despite more citations.
  EXPECT_EQ(std::count(names.begin(), names.end(), "Bob Vision"), 0);
  EXPECT_GT(f.ranker().Metrics(f.Id(kBob)).citations, f.ranker().Metrics(f.Id(kAlice)).citations);
  // The explanation names papers that match.
  const auto& top = r->authors.front();
  ASSERT_FALSE(top.top_papers.empty());
  EXPECT_NE(top.top_papers.front().title.find("anguage model"), std::string::npos);
  EXPECT_EQ(top.matched_works, 3u);
  float sum = 0;
  for (const auto& p : top.top_papers) sum += p.contribution;
  EXPECT_NEAR(sum, top.score, 1e-3 * top.score);  // all 3 works are shown, so they add up
  // Without a query Bob (most cited) leads.
  auto overall = f.ranker().Rank(RankQuery{});
  ASSERT_TRUE(overall.ok());
  EXPECT_EQ(overall->authors.front().name, "Bob Vision");
}

TEST(RankerTest, OrgFilterUsesCurrentOrgAndAliases) {
  Fixture f(SmallCorpus());
  struct Case {
    const char* org;
    std::vector<std::string> want;  // overall ranking, as a set
  } cases[] = {
      {"DeepMind", {"Alice Transformer"}},
      {"Google DeepMind", {"Alice Transformer"}},
      {"google", {"Alice Transformer", "Bob Vision"}},
      {"Stanford", {"Carol Middle"}},
      {"meta", {"Dan Early"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.org);
    RankQuery q;
    q.org = c.org;
    auto r = f.ranker().Rank(q);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    auto names = f.Names(*r);
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names, c.want);
  }
  RankQuery bad;
  bad.org = "Nowhere Institute";
  EXPECT_EQ(f.ranker().Rank(bad).status().code(), StatusCode::kInvalidInput);
}

TEST(RankerTest, SinceCountsOnlyRecentEvidence) {
  Fixture f(SmallCorpus());
  RankQuery q;
  q.text = "language models";
  auto all = f.ranker().Rank(q);
  ASSERT_TRUE(all.ok());
  auto names = f.Names(*all);
  EXPECT_EQ(std::count(names.begin(), names.end(), "Dan Early"), 1);
  q.since_year = 2021;
  auto recent = f.ranker().Rank(q);
  ASSERT_TRUE(recent.ok());
  names = f.Names(*recent);
  EXPECT_EQ(std::count(names.begin(), names.end(), "Dan Early"), 0);
  EXPECT_EQ(names.front(), "Alice Transformer");
  for (const auto& a : recent->authors)
    for (const auto& p : a.top_papers) EXPECT_GE(p.year, 2021);
}

TEST(RankerTest, WarmPathsResolveAndProfile) {
  Fixture f(SmallCorpus());
  const graph::AuthorId bob = f.Id(kBob), alice = f.Id(kAlice), dan = f.Id(kDan);
  const graph::AuthorId from[] = {bob, dan};
  auto paths = f.ranker().WarmPaths(alice, from);
  ASSERT_TRUE(paths.ok());
  // Bob-Carol-Alice first, then the longer Bob-Carol-Eve-Alice; Dan has no co-authors.
  ASSERT_EQ(paths->size(), 2u);
  EXPECT_EQ(paths->back().hops.size(), 3u);
  EXPECT_EQ(paths->back().hops[1].to_name, "Eve Alone");
  const auto& hops = paths->front().hops;
  ASSERT_EQ(hops.size(), 2u);
  EXPECT_EQ(hops[0].from_name, "Bob Vision");
  EXPECT_EQ(hops[0].to_name, "Carol Middle");
  EXPECT_EQ(hops[0].shared_works, 1u);
  EXPECT_EQ(hops[1].to_name, "Alice Transformer");
  EXPECT_EQ(hops[1].shared_works, 2u);  // W1 and W3

  auto by_id = f.ranker().ResolveAuthor("https://openalex.org/A1");
  ASSERT_TRUE(by_id.ok()) << by_id.status().ToString();
  EXPECT_EQ(by_id->front().author, alice);
  auto by_name = f.ranker().ResolveAuthor("carol middle");
  ASSERT_TRUE(by_name.ok());
  EXPECT_EQ(by_name->front().name, "Carol Middle");
  EXPECT_EQ(f.ranker().ResolveAuthor("Nobody Atall").status().code(), StatusCode::kNotFound);

  auto p = f.ranker().Profile(f.Id(kCarol));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->institution, "Stanford University");
  EXPECT_EQ(p->coauthors.size(), 3u);  // Alice, Eve, Bob
  EXPECT_EQ(p->coauthors.front().name, "Alice Transformer");  // two shared works: heaviest
  EXPECT_EQ(p->top_papers.front().citations, 1000);
}

// Paper lists spell one place many ways; the profile shows one entry per
// organisation with the years and works of all its spellings.
TEST(RankerTest, ProfileHistoryIsOnePerOrganisation) {
  const std::vector<std::pair<int, std::string>> works = {
      {2018, "EECS Department, UC Berkeley"}, {2019, "University of California, Berkeley"},
      {2019, "University of California, Berkeley"}, {2021, "Google Brain"}, {2022, "Google"},
  };
  std::vector<corpus::WorkRecord> records;
  for (const auto& [year, inst] : works) {
    graph::testing::TW w;
    w.id = "W" + std::to_string(records.size() + 1);
    w.year = year;
    graph::testing::TA a;
    a.name = "Ada Lovelace";
    a.openalex_id = "A77";
    a.inst_name = inst;
    w.authors.push_back(a);
    records.push_back(graph::testing::ToRecord(w));
  }
  Fixture f(records);
  auto p = f.ranker().Profile(f.Id({"Ada Lovelace", "A77", "", ""}));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_EQ(p->history.size(), 2u);
  EXPECT_EQ(p->history[0].institution, "University of California, Berkeley");
  EXPECT_EQ(p->history[0].first_year, 2018);
  EXPECT_EQ(p->history[0].last_year, 2019);
  EXPECT_EQ(p->history[0].works, 3u);
  EXPECT_EQ(p->history[1].org, "Google");
  EXPECT_EQ(p->history[1].institution, "Google");  // "Google Brain" and "Google" together
  EXPECT_EQ(p->history[1].first_year, 2021);
  EXPECT_EQ(p->history[1].works, 2u);
}

TEST(RankerTest, OrgsByTalentDensity) {
  Fixture f(SmallCorpus());
  OrgsQuery q;
  q.topic = "language models";
  auto r = f.ranker().Orgs(q);
  ASSERT_TRUE(r.ok());
  ASSERT_FALSE(r->orgs.empty());
  for (const auto& o : r->orgs) {
    EXPECT_GE(o.researchers, o.strong);
    EXPECT_NE(o.org, "Google");  // Bob does not work on language models
  }
}

// The early-stopping top-k must return exactly what scoring everything returns.
TEST(RankerTest, EarlyStopEqualsExhaustiveOnGeneratedCorpus) {
  const std::vector<std::string> vocab = {"neural", "graph", "language", "vision", "robot", "learning", "model",
                                          "reinforcement", "diffusion", "protein", "speech", "causal"};
  std::vector<Person> people;
  for (int i = 0; i < 300; ++i)
    people.push_back({"Person " + std::to_string(i), "A" + std::to_string(1000 + i),
                      "I" + std::to_string(i % 7), "Lab " + std::to_string(i % 7)});
  std::vector<corpus::WorkRecord> records;
  uint32_t x = 99;
  auto next = [&] { return x = x * 1664525u + 1013904223u, x >> 8; };
  for (int w = 0; w < 1500; ++w) {
    std::string title;
    for (int k = 0; k < 4; ++k) title += vocab[next() % vocab.size()] + " ";
    std::vector<Person> authors;
    const int n = 1 + static_cast<int>(next() % 4);
    for (int k = 0; k < n; ++k) {
      const Person& p = people[next() % people.size()];
      if (std::none_of(authors.begin(), authors.end(), [&](const Person& q) { return q.openalex == p.openalex; }))
        authors.push_back(p);
    }
    records.push_back(Work("W" + std::to_string(5000 + w), 2010 + static_cast<int>(next() % 14), title, "",
                           authors, static_cast<int64_t>(next() % 500)));
  }
  // Full author lists; lists capped at 7 so the tail bounds and the
  // exhaustive fallback are exercised; every lab a shard of its own (so --org
  // reads the lab's lists, not its members one by one), capped and not; since
  // layers for some of the queried years (2018, 2020: exact layers; 2016 is
  // bounded by the 2015 layer), capped and not.
  struct Config {
    uint32_t cap, since_cap, min_shard;
    std::vector<int> since_back;  // now = 2023
  };
  const Config configs[] = {{20000, 20000, 1000, {}},           {7, 7, 1000, {}},
                            {20000, 20000, 20, {3, 5, 8}},      {7, 7, 20, {3, 5, 8}},
                            {20000, 3, 1000, {0, 1, 3, 5, 8}}};
  for (const Config& c : configs) {
    DeriveOptions options;
    options.max_author_postings = c.cap;
    options.max_since_postings = c.since_cap;
    options.min_shard_members = c.min_shard;
    options.since_years_back = c.since_back;
    Fixture f(records, options);
    for (const char* text :
         {"neural", "graph learning", "diffusion protein speech", "language model", "causal robot"}) {
      for (auto [top, since] : {std::pair{1, 0}, {5, 0}, {40, 0}, {1, 2018}, {5, 2020}, {40, 2016}, {40, 2020}}) {
        for (const char* org : {"", "Lab 3", "Lab"}) {  // "Lab": every lab (several shards)
          SCOPED_TRACE(std::string(text) + " top " + std::to_string(top) + " since " + std::to_string(since) +
                       " org " + org + " cap " + std::to_string(c.cap) + " shard " + std::to_string(c.min_shard));
          RankQuery fast;
          fast.text = text;
          fast.top = static_cast<size_t>(top);
          fast.since_year = since;
          fast.org = org;
          RankQuery slow = fast;
          slow.exhaustive = true;
          auto a = f.ranker().Rank(fast), b = f.ranker().Rank(slow);
          ASSERT_TRUE(a.ok() && b.ok());
          ASSERT_EQ(a->authors.size(), b->authors.size());
          for (size_t i = 0; i < a->authors.size(); ++i) {
            EXPECT_NEAR(a->authors[i].score, b->authors[i].score, 1e-3f * b->authors[i].score) << i;
            // Same order up to float ties.
            if (std::fabs(a->authors[i].score - b->authors[i].score) < 1e-6f * b->authors[i].score) {
              EXPECT_EQ(a->authors[i].author, b->authors[i].author) << i;
            }
          }
        }
      }
    }
  }
}

// The author lists in scoring.bin against sums recomputed from its term ->
// works postings: every layer holds, per term, exactly the authors with a
// matching work in its years and their summed impacts; all-years lists are
// split by shard (a lab per shard here) and each list is impact-ordered.
TEST(RankerTest, AuthorListsHoldImpactsPerShardAndSinceYear) {
  std::vector<corpus::WorkRecord> records = SmallCorpus();
  for (int i = 0; i < 6; ++i)  // a second DeepMind author, so a shard has two
    records.push_back(Work("WX" + std::to_string(i), 2018 + i, "Language models " + std::to_string(i), "",
                           {Person{"Frank Extra", "A6", "I1", "DeepMind"}, kAlice}, i * 10));
  DeriveOptions options;
  options.min_shard_members = 2;  // DeepMind has its own shard
  options.since_years_back = {0, 2};  // 2023, 2021
  Fixture f(records, options);
  auto file = DerivedFile::Open(f.dir() + "/scoring.bin");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  auto since = (*file)->Get<int32_t>(format::kSinceYears);
  auto offsets = (*file)->Get<uint64_t>(format::kTermListOffsets);
  auto lists = (*file)->Get<format::ShardList>(format::kTermLists);
  auto postings = (*file)->Get<format::AuthorPosting>(format::kTermAuthors);
  auto work_offsets = (*file)->Get<uint64_t>(format::kTermWorkOffsets);
  auto works = (*file)->Get<format::WorkPosting>(format::kTermWorks);
  auto weight = (*file)->Get<float>(format::kWorkWeight);
  auto org_shard = (*file)->Get<uint32_t>(format::kOrgShard);
  ASSERT_TRUE(since.ok() && offsets.ok() && lists.ok() && postings.ok() && work_offsets.ok() && works.ok() &&
              weight.ok() && org_shard.ok());
  EXPECT_EQ(std::vector<int32_t>(since->begin(), since->end()), (std::vector<int32_t>{2023, 2021}));
  const graph::GraphView& view = f.ranker().view();
  const size_t layers = 3, num_terms = work_offsets->size() - 1;
  ASSERT_EQ(offsets->size(), num_terms * layers + 1);
  const uint32_t shared = org_shard->back();
  size_t sharded_lists = 0;
  for (size_t t = 0; t < num_terms; ++t) {
    for (size_t l = 0; l < layers; ++l) {
      const int from = l == 0 ? 0 : (*since)[l - 1];
      std::map<graph::AuthorId, double> want;  // author -> impact
      for (uint64_t i = (*work_offsets)[t]; i < (*work_offsets)[t + 1]; ++i) {
        const auto& wp = (*works)[i];
        if (view.Work(wp.work).year < from) continue;
        for (const auto& slot : view.WorkAuthors(wp.work))
          want[slot.author] += wp.bm25 * (*weight)[wp.work] * PositionWeight(slot.position);
      }
      std::map<graph::AuthorId, double> got;
      for (uint64_t k = (*offsets)[t * layers + l]; k < (*offsets)[t * layers + l + 1]; ++k) {
        const auto& list = (*lists)[k];
        EXPECT_EQ(list.tail, 0.0f);  // nothing capped here
        const uint64_t end = (*lists)[k + 1].begin;
        for (uint64_t j = list.begin; j < end; ++j) {
          const auto& p = (*postings)[j];
          if (j > list.begin) {
            EXPECT_GE((*postings)[j - 1].score, p.score);
          }
          got[p.author] = p.score;
          const uint32_t org = f.ranker().Metrics(p.author).current_org;
          if (l == 0) {
            EXPECT_EQ(list.shard, org == graph::kNone ? shared : (*org_shard)[org]);
            sharded_lists += list.shard != shared;
          } else {
            EXPECT_EQ(list.shard, format::kAllShards);
          }
        }
      }
      ASSERT_EQ(got.size(), want.size()) << "term " << t << " layer " << l;
      for (const auto& [a, v] : want) EXPECT_NEAR(got[a], v, 1e-4 * v) << "term " << t << " layer " << l;
    }
  }
  EXPECT_GT(sharded_lists, 0u);
}

// Regression: a query word absent from the index became term id 2^32-1 and
// crashed the ranker.
TEST(RankerTest, UnknownQueryWordsAreReportedNotScored) {
  Fixture f(SmallCorpus());
  RankQuery q;
  q.text = "zzzunknown language models";
  auto r = f.ranker().Rank(q);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->missing_terms, (std::vector<std::string>{"zzzunknown", "zzzunknown_language"}));
  EXPECT_EQ(r->authors.front().name, "Alice Transformer");
  q.text = "qqq";
  r = f.ranker().Rank(q);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->authors.empty());
}

// The evidence rows exact scoring walks mirror the graph: per author, its
// works in the graph's order with their weight, year, the author's position
// and the work's forward-index row.
TEST(RankerTest, EvidenceRowsMirrorTheGraph) {
  Fixture f(SmallCorpus());
  auto file = DerivedFile::Open(f.dir() + "/scoring.bin");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  auto offsets = (*file)->Get<uint64_t>(format::kAuthorWorkOffsets);
  auto rows = (*file)->Get<format::AuthorWork>(format::kAuthorWorks);
  auto term_offsets = (*file)->Get<uint64_t>(format::kWorkTermOffsets);
  auto weight = (*file)->Get<float>(format::kWorkWeight);
  ASSERT_TRUE(offsets.ok() && rows.ok() && term_offsets.ok() && weight.ok());
  const graph::GraphView& view = f.ranker().view();
  ASSERT_EQ(offsets->size(), view.num_authors() + 1u);
  size_t checked = 0;
  for (graph::AuthorId a = 0; a < view.num_authors(); ++a) {
    auto works = view.AuthorWorks(a);
    ASSERT_EQ((*offsets)[a + 1] - (*offsets)[a], works.size());
    for (size_t k = 0; k < works.size(); ++k) {
      const format::AuthorWork& r = (*rows)[(*offsets)[a] + k];
      const graph::WorkId w = works[k];
      EXPECT_EQ(r.work, w);
      EXPECT_EQ(r.weight, (*weight)[w]);
      EXPECT_EQ(r.year, view.Work(w).year);
      EXPECT_EQ(r.terms, (*term_offsets)[w]);
      EXPECT_EQ(r.num_terms, (*term_offsets)[w + 1] - (*term_offsets)[w]);
      uint8_t position = 0xFF;
      for (const auto& slot : view.WorkAuthors(w))
        if (slot.author == a && position == 0xFF) position = slot.position;
      EXPECT_EQ(r.position, position);
      ++checked;
    }
  }
  EXPECT_EQ(checked, rows->size());
}

// Overwrites the 4 bytes at `byte` of every element of section `id` of a
// scoring.bin with an id far out of range.
void DamageIds(const std::string& path, uint32_t id, size_t byte) {
  std::fstream io(path, std::ios::binary | std::ios::in | std::ios::out);
  format::Header h{};
  io.read(reinterpret_cast<char*>(&h), sizeof h);
  std::vector<format::SectionEntry> entries(h.num_sections);
  io.read(reinterpret_cast<char*>(entries.data()), static_cast<std::streamsize>(entries.size() * sizeof entries[0]));
  for (const auto& e : entries) {
    if (e.id != id) continue;
    ASSERT_GT(e.count, 0u);
    const uint32_t huge = 0xFFFFFF00u;
    for (uint64_t i = 0; i < e.count; ++i) {
      io.seekp(static_cast<std::streamoff>(e.offset + i * e.elem_size + byte));
      io.write(reinterpret_cast<const char*>(&huge), sizeof huge);
    }
    return;
  }
  ADD_FAILURE() << "no section " << id;
}

// The posting arrays are checked where they are read (not at Open): an id out
// of range gives Corruption from Rank, never a read out of bounds.
TEST(RankerTest, OutOfRangeIdsInPostingsAreCorruptionWhenRead) {
  struct Damage {
    uint32_t section;
    size_t byte;  // of the id in each element
    bool exhaustive;  // the path that reads the section
  };
  for (const Damage& d : {Damage{format::kTermAuthors, 0, false},    // author id
                          Damage{format::kTermWorks, 0, true},       // work id
                          Damage{format::kAuthorWorks, 0, false},    // forward-index row
                          Damage{format::kAuthorWorks, 12, false}}) {  // work id
    SCOPED_TRACE(std::to_string(d.section) + " byte " + std::to_string(d.byte));
    Fixture f(SmallCorpus());
    DamageIds(f.dir() + "/scoring.bin", d.section, d.byte);
    auto view = graph::GraphView::Open(f.dir());
    ASSERT_TRUE(view.ok());
    auto ranker = Ranker::Open(*view);
    ASSERT_TRUE(ranker.ok()) << ranker.status().ToString();  // not read at open
    RankQuery q;
    q.text = "language models";
    q.exhaustive = d.exhaustive;
    auto r = (*ranker)->Rank(q);
    EXPECT_EQ(r.status().code(), StatusCode::kCorruption) << r.status().ToString();
    EXPECT_EQ((*ranker)->Rank(q).status().code(), StatusCode::kCorruption);  // and stays so
  }
}

TEST(RankerTest, DamagedScoringFileIsCorruptionNotACrash) {
  Fixture f(SmallCorpus());
  const std::string path = f.dir() + "/scoring.bin";
  const auto size = std::filesystem::file_size(path);
  std::filesystem::resize_file(path, size - 16);
  auto view = graph::GraphView::Open(f.dir());
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(Ranker::Open(*view).status().code(), StatusCode::kCorruption);
  std::filesystem::remove(path);
  EXPECT_EQ(Ranker::Open(*view).status().code(), StatusCode::kNotFound);
}

// Issue 14: an unknown count is shown as unknown (null with a reason), never
// as 0, and known counts say their source; citation metrics say their coverage.
TEST(RankerTest, UnknownCitationCountIsNullWithAReason) {
  Fixture f(SmallCorpus());
  auto profile = f.ranker().Profile(f.Id(kEve));
  ASSERT_TRUE(profile.ok());
  EXPECT_EQ(profile->metrics.works, 2u);
  EXPECT_EQ(profile->metrics.counted_works, 1u);
  EXPECT_EQ(CitationCoverage(profile->metrics), "h 1 from 1 of 2 papers with counts");
  bool saw_unknown = false, saw_known = false;
  for (const auto& p : profile->top_papers) {
    const nlohmann::json j = ToJson(p);
    if (p.title == "Graph theory of networks") {
      saw_unknown = true;
      EXPECT_TRUE(j["citations"].is_null());
      EXPECT_FALSE(j["citations_unknown"].get<std::string>().empty());
      // Unknown is estimated, not zero.
      EXPECT_EQ(j["impact"]["kind"], "estimated");
      EXPECT_GT(p.impact_value, 0.0f);
    } else {
      saw_known = true;
      EXPECT_EQ(j["citations"], 10);
      EXPECT_EQ(j["citations_source"], "OpenAlex");
      EXPECT_EQ(j["impact"]["kind"], "known");
    }
  }
  EXPECT_TRUE(saw_unknown && saw_known);
  const nlohmann::json m = ToJson(profile->metrics);
  EXPECT_EQ(m["counted_works"], 1);
  EXPECT_EQ(m["citation_coverage"], "h 1 from 1 of 2 papers with counts");
}

TEST(RankerTest, NoKnownCountMeansNullCitationMetrics) {
  Fixture f({Work("W1", 2020, "A paper without a count", "", {kAlice, kBob}, -1),
             Work("W2", 2021, "Another paper without a count", "", {kAlice}, -1)});
  const auto& m = f.ranker().Metrics(f.Id(kAlice));
  EXPECT_EQ(m.counted_works, 0u);
  const nlohmann::json j = ToJson(m);
  EXPECT_TRUE(j["citations"].is_null());
  EXPECT_TRUE(j["h_index"].is_null());
  EXPECT_EQ(j["citation_coverage"], "no paper has a citation count");
  // Strength still counts the papers: their impact is estimated, not zero.
  EXPECT_GT(m.strength, 0.0f);
  EXPECT_EQ(m.estimated_works, 2u);
}

// Overall strength is the discounted sum of the explanation's rows: every number traces to a paper.
TEST(RankerTest, StrengthIsTheSumOfItsPapers) {
  Fixture f(SmallCorpus());
  RankQuery q;
  q.top = 5;
  auto r = f.ranker().Rank(q);
  ASSERT_TRUE(r.ok());
  ASSERT_FALSE(r->authors.empty());
  for (const auto& a : r->authors) {
    auto profile = f.ranker().Profile(a.author);
    ASSERT_TRUE(profile.ok());
    std::vector<float> parts;
    for (const auto& p : profile->top_papers) {
      const float pos = p.position == "middle" ? 0.9f : 1.0f;  // first and last 1.0, middle 0.9 (quality.h)
      parts.push_back(p.weight * pos);
    }
    // Best first, the k-th x 0.8^k.
    std::sort(parts.rbegin(), parts.rend());
    double sum = 0, factor = 1;
    for (float c : parts) sum += c * factor, factor *= 0.8;
    EXPECT_NEAR(a.score, sum, 1e-3 * std::max(1.0, sum)) << a.name;
    // ... and the explanation's rows are those parts, discounted.
    double shown = 0;
    for (size_t k = 0; k < a.top_papers.size(); ++k) {
      EXPECT_NEAR(a.top_papers[k].contribution, parts[k] * std::pow(0.8, k), 1e-4) << a.name;
      shown += a.top_papers[k].contribution;
    }
    EXPECT_LE(shown, a.score + 1e-3);
  }
}

}  // namespace
}  // namespace st::scoring
