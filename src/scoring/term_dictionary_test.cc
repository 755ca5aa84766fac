// The chunked term dictionary merges to the same sorted dictionary, document
// frequencies and local-id ranks as one map of every term would give.
#include "scoring/term_dictionary.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <map>
#include <random>

#include "base/test_paths.h"

namespace st::scoring {
namespace {

template <typename T>
std::vector<T> ReadAll(const SpillArray& a) {
  std::vector<T> out;
  EXPECT_TRUE(a.ForEach([&](const void* data, uint64_t count) {
                 const auto* p = static_cast<const char*>(data);
                 for (uint64_t i = 0; i < count; ++i) {
                   T v;
                   std::memcpy(&v, p + i * sizeof(T), sizeof(T));
                   out.push_back(v);
                 }
                 return Status::Ok();
               }).ok());
  return out;
}

class TermDictionaryTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = st::testing::MakeTempDir("term_dictionary"); }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
};

TEST_F(TermDictionaryTest, ChunksMergeToTheSortedDictionaryWithDocumentFrequencies) {
  // Documents of random terms; some longer than the chunk readers' 32 KB buffer.
  std::mt19937 rng(7);
  std::vector<std::vector<std::string>> docs(300);
  for (auto& d : docs) {
    const size_t n = 1 + rng() % 12;
    for (size_t i = 0; i < n; ++i) {
      std::string t = "t" + std::to_string(rng() % 500);
      if (rng() % 97 == 0) t += std::string(40000 + rng() % 1000, static_cast<char>('a' + rng() % 26));
      if (std::find(d.begin(), d.end(), t) == d.end()) d.push_back(t);
    }
  }
  std::map<std::string, uint32_t> want_df;
  for (const auto& d : docs)
    for (const auto& t : d) ++want_df[t];

  for (uint32_t max_chunk : {1u, 5u, 64u, 1u << 20}) {
    SCOPED_TRACE("max_chunk_terms " + std::to_string(max_chunk));
    TermDictionary dict(dir_, max_chunk);
    std::vector<std::vector<std::pair<uint32_t, std::string>>> local_terms(1);  // per chunk
    for (const auto& d : docs) {
      for (std::string t : d) {
        const std::string copy = t;
        const uint32_t id = dict.Id(std::move(t));
        dict.CountDocument(id);
        local_terms.back().emplace_back(id, copy);
      }
      if (dict.ChunkFull()) {
        ASSERT_TRUE(dict.EndChunk().ok());
        local_terms.emplace_back();
      }
    }
    auto merged = dict.Merge();
    ASSERT_TRUE(merged.ok()) << merged.status().ToString();
    ASSERT_EQ(merged->df.size(), want_df.size());
    const auto offsets = ReadAll<uint64_t>(*merged->term_offsets);
    const auto chars = ReadAll<char>(*merged->term_bytes);
    ASSERT_EQ(offsets.size(), want_df.size() + 1);
    std::vector<std::string> terms;
    uint32_t r = 0;
    for (const auto& [term, df] : want_df) {
      terms.emplace_back(chars.begin() + offsets[r], chars.begin() + offsets[r + 1]);
      EXPECT_EQ(terms.back(), term);
      EXPECT_EQ(merged->df[r], df) << term.substr(0, 20);
      ++r;
    }
    ASSERT_LE(merged->chunk_terms.size(), local_terms.size());
    for (size_t c = 0; c < merged->chunk_terms.size(); ++c) {
      std::vector<uint32_t> rank_of;
      ASSERT_TRUE(TermDictionary::LoadRanks(*merged, c, &rank_of).ok());
      for (const auto& [id, term] : local_terms[c]) {
        ASSERT_LT(id, rank_of.size());
        EXPECT_EQ(terms[rank_of[id]], term);
      }
    }
  }
}

TEST_F(TermDictionaryTest, AnEmptyDictionaryMergesToNoTerms) {
  TermDictionary dict(dir_, 4);
  auto merged = dict.Merge();
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  EXPECT_TRUE(merged->df.empty());
  EXPECT_EQ(ReadAll<uint64_t>(*merged->term_offsets), std::vector<uint64_t>{0});
  EXPECT_EQ(merged->term_bytes->size(), 0u);
}

TEST_F(TermDictionaryTest, SpillArrayTakesAppendsAfterClose) {
  SpillArray a(dir_, sizeof(uint32_t), 16);
  for (uint32_t i = 0; i < 10; ++i) a.Append(&i, 1);
  ASSERT_TRUE(a.Close().ok());
  for (uint32_t i = 10; i < 100; ++i) a.Append(&i, 1);
  ASSERT_TRUE(a.Finish().ok());
  const auto all = ReadAll<uint32_t>(a);
  ASSERT_EQ(all.size(), 100u);
  for (uint32_t i = 0; i < 100; ++i) EXPECT_EQ(all[i], i);
}

}  // namespace
}  // namespace st::scoring
