// The text index built through spill files, term-range buckets and a term
// dictionary merged from chunks equals an index computed directly in memory
// from the same graph, whatever the bucket and chunk sizes.
#include "scoring/text_index.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <map>
#include <random>

#include "base/test_paths.h"
#include "graph/builder.h"
#include "scoring/quality.h"
#include "scoring/tokenizer.h"

namespace st::scoring {
namespace {

template <typename T>
std::vector<T> ReadAll(const SpillArray& a) {
  std::vector<T> out(a.size());
  size_t at = 0;
  Status s = a.ForEach([&](const void* data, uint64_t count) {
    std::memcpy(out.data() + at, data, count * sizeof(T));
    at += count;
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(at, out.size());
  return out;
}

// A generated corpus: titles drawn from a small vocabulary (repeats give tf >
// 1, stop words and plurals exercise the tokenizer), some abstracts, some works
// with no indexable text at all.
std::vector<corpus::WorkRecord> GeneratedCorpus() {
  const std::vector<std::string> vocab = {
      "learning", "models",   "graph",   "neural",  "the",      "of",      "vision",  "language", "robot",
      "policy",   "reward",   "scaling", "sparse",  "attention", "network", "studies", "diffusion", "image",
      "protein",  "folding",  "agents",  "planning", "search",  "theory",   "bounds",  "optimal", "convex",
      "kernel",   "bayesian", "causal",  "inference", "speech", "audio",    "music",   "translation", "Zürich"};
  std::mt19937 rng(14);
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  std::vector<corpus::WorkRecord> out;
  for (int i = 0; i < 400; ++i) {
    corpus::WorkRecord r;
    r.id = "W" + std::to_string(i);
    r.year = static_cast<int16_t>(2010 + pick(15));
    if (i % 37 != 5) {  // some works have no title words
      const size_t words = 2 + pick(7);
      for (size_t k = 0; k < words; ++k) r.title += (k ? " " : "") + vocab[pick(vocab.size() / (1 + i % 3))];
    } else {
      r.title = "...";
    }
    if (i % 4 == 0)
      for (size_t k = 0; k < 10; ++k) r.abstract += vocab[pick(vocab.size())] + (k % 3 == 2 ? ". " : " ");
    const size_t people = 1 + pick(4);
    for (size_t k = 0; k < people; ++k) {
      corpus::Authorship a;
      const size_t p = pick(60);
      a.name = "Person " + std::to_string(p);
      a.openalex_id = "A" + std::to_string(p);
      r.authors.push_back(std::move(a));
    }
    out.push_back(std::move(r));
  }
  return out;
}

class TextIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = st::testing::MakeTempDir("text_index");
    graph::GraphBuilder builder;
    for (const auto& r : GeneratedCorpus()) builder.Add(r);
    auto summary = builder.Write(dir_);
    ASSERT_TRUE(summary.ok()) << summary.status().ToString();
    auto view = graph::GraphView::Open(dir_);
    ASSERT_TRUE(view.ok()) << view.status().ToString();
    view_ = *view;
    for (uint32_t w = 0; w < view_->num_works(); ++w) weight_.push_back(0.25f + 0.1f * static_cast<float>(w % 9));
    shard_.assign(view_->num_authors(), 0);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  TextIndexData Build(uint64_t bucket_postings, uint32_t max_chunk_terms) {
    TextIndexOptions options;
    options.spill_dir = dir_;
    options.bucket_postings = bucket_postings;
    options.max_chunk_terms = max_chunk_terms;
    options.max_author_postings = 1000000;
    auto data = BuildTextIndex(*view_, weight_, shard_, options);
    EXPECT_TRUE(data.ok()) << data.status().ToString();
    return std::move(*data);
  }

  std::string dir_;
  std::shared_ptr<const graph::GraphView> view_;
  std::vector<float> weight_;
  std::vector<uint32_t> shard_;
};

TEST_F(TextIndexTest, SpilledBucketedBuildEqualsDirectComputation) {
  const graph::GraphView& v = *view_;
  const uint32_t n = v.num_works();
  // Reference, straight from the definition: term frequencies per work (the
  // title counted twice, then abstract and topic names), BM25 with document
  // frequencies and the average length.
  std::vector<std::map<std::string, uint32_t>> tf(n);
  std::vector<uint32_t> len(n);
  std::map<std::string, uint32_t> df;
  double total = 0;
  for (uint32_t w = 0; w < n; ++w) {
    std::string text = std::string(v.WorkTitle(w)) + ". " + std::string(v.WorkTitle(w)) + ". " +
                       std::string(v.WorkAbstract(w));
    for (const auto& t : v.WorkTopics(w)) text += ". " + std::string(v.TopicName(t.topic));
    for (const std::string& tok : Tokenize(text)) ++tf[w][tok];
    len[w] = 0;
    for (const auto& [term, c] : tf[w]) {
      len[w] += c;
      ++df[term];
    }
    total += len[w];
  }
  const double avg = total / n;
  std::vector<std::string> terms;
  std::map<std::string, uint32_t> rank;
  for (const auto& [term, d] : df) {
    rank[term] = static_cast<uint32_t>(terms.size());
    terms.push_back(term);
  }
  std::vector<std::vector<format::WorkPosting>> by_term(terms.size());
  std::vector<std::vector<format::TermPosting>> by_work(n);
  for (uint32_t w = 0; w < n; ++w) {
    for (const auto& [term, c] : tf[w]) {  // map order = term order
      const float bm25 = Bm25(c, len[w], avg, df[term], n);
      by_term[rank[term]].push_back({w, bm25});
      by_work[w].push_back({rank[term], bm25});
    }
  }
  // All-years author impacts per term (one shard, no cap).
  std::vector<std::map<uint32_t, float>> impact(terms.size());
  for (uint32_t r = 0; r < terms.size(); ++r)
    for (const auto& p : by_term[r])
      for (const auto& slot : v.WorkAuthors(p.work))
        impact[r][slot.author] += p.bm25 * weight_[p.work] * PositionWeight(slot.position);

  ASSERT_GT(terms.size(), 40u);
  std::vector<format::ShardList> first_lists;
  std::vector<format::AuthorPosting> first_authors;
  // Bucket sizes: one term per bucket, a few, one for everything. Dictionary
  // chunks: one term (a chunk per work), a few dozen terms, one chunk.
  const std::pair<uint64_t, uint32_t> builds[] = {
      {1, 1u << 19}, {150, 1u << 19}, {uint64_t{1} << 40, 1u << 19}, {150, 1}, {uint64_t{1} << 40, 37}};
  for (auto [bucket, chunk_terms] : builds) {
    SCOPED_TRACE("bucket_postings " + std::to_string(bucket) + ", max_chunk_terms " + std::to_string(chunk_terms));
    TextIndexData d = Build(bucket, chunk_terms);
    const auto term_offsets = ReadAll<uint64_t>(*d.term_offsets);
    const auto term_chars = ReadAll<char>(*d.term_bytes);
    const std::string term_bytes(term_chars.begin(), term_chars.end());
    ASSERT_EQ(term_offsets.size(), terms.size() + 1);
    for (uint32_t r = 0; r < terms.size(); ++r)
      EXPECT_EQ(term_bytes.substr(term_offsets[r], term_offsets[r + 1] - term_offsets[r]), terms[r]);

    const auto works = ReadAll<format::WorkPosting>(*d.works);
    ASSERT_EQ(d.work_offsets.size(), terms.size() + 1);
    for (uint32_t r = 0; r < terms.size(); ++r) {
      ASSERT_EQ(d.work_offsets[r + 1] - d.work_offsets[r], by_term[r].size()) << terms[r];
      for (size_t i = 0; i < by_term[r].size(); ++i) {
        EXPECT_EQ(works[d.work_offsets[r] + i].work, by_term[r][i].work) << terms[r];
        EXPECT_EQ(works[d.work_offsets[r] + i].bm25, by_term[r][i].bm25) << terms[r];
      }
    }
    const auto fwd = ReadAll<format::TermPosting>(*d.work_terms);
    ASSERT_EQ(d.work_term_offsets.size(), n + 1u);
    EXPECT_EQ(d.work_term_offsets[n], fwd.size());
    for (uint32_t w = 0; w < n; ++w) {
      ASSERT_EQ(d.work_term_offsets[w + 1] - d.work_term_offsets[w], by_work[w].size()) << w;
      for (size_t i = 0; i < by_work[w].size(); ++i) {
        EXPECT_EQ(fwd[d.work_term_offsets[w] + i].term, by_work[w][i].term) << w;
        EXPECT_EQ(fwd[d.work_term_offsets[w] + i].bm25, by_work[w][i].bm25) << w;
      }
    }

    const auto authors = ReadAll<format::AuthorPosting>(*d.authors);
    const auto list_offsets = ReadAll<uint64_t>(*d.list_offsets);
    const auto lists = ReadAll<format::ShardList>(*d.lists);
    ASSERT_EQ(list_offsets.size(), terms.size() + 1);
    for (uint32_t r = 0; r < terms.size(); ++r) {
      ASSERT_EQ(list_offsets[r + 1] - list_offsets[r], 1u);  // one shard
      const auto& list = lists[list_offsets[r]];
      const uint64_t end = lists[list_offsets[r] + 1].begin;
      ASSERT_EQ(end - list.begin, impact[r].size()) << terms[r];
      for (uint64_t i = list.begin; i < end; ++i) {
        if (i > list.begin) {
          EXPECT_GE(authors[i - 1].score, authors[i].score);
        }
        ASSERT_TRUE(impact[r].count(authors[i].author)) << terms[r];
        EXPECT_FLOAT_EQ(authors[i].score, impact[r][authors[i].author]) << terms[r];
      }
    }
    if (first_lists.empty()) {
      first_lists = lists;
      first_authors = authors;
    } else {  // byte-identical author lists whatever the bucket and chunk sizes
      ASSERT_EQ(lists.size(), first_lists.size());
      EXPECT_EQ(0, std::memcmp(lists.data(), first_lists.data(), lists.size() * sizeof(format::ShardList)));
      ASSERT_EQ(authors.size(), first_authors.size());
      EXPECT_EQ(0, std::memcmp(authors.data(), first_authors.data(), authors.size() * sizeof(format::AuthorPosting)));
    }
  }
}

}  // namespace
}  // namespace st::scoring
