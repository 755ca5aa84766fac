// arXiv reader on the real 200-line snapshot head, against nlohmann_json.
#include "corpus/arxiv_reader.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "base/test_paths.h"
#include "corpus/corpus_test_util.h"

namespace st::corpus {
namespace {

using nlohmann::json;

// "  A\n  wrapped  title " -> "A wrapped title", by whitespace-separated words.
std::string FoldWhitespace(const std::string& text) {
  std::istringstream in(text);
  std::string out, word;
  while (in >> word) out.append(out.empty() ? "" : " ").append(word);
  return out;
}

TEST(ArxivReader, HeadOfSnapshotMatchesRawJson) {
  ST_SKIP_IF_NO_SHARED_DATA(data);
  std::string path = data + "/arxiv/arxiv-metadata-oai-snapshot.head200.jsonl";
  auto inputs = ExpandInputs({path});
  ASSERT_TRUE(inputs.ok()) << inputs.status().ToString();
  ASSERT_EQ((*inputs)[0].format, Format::kArxivJsonl);
  auto c = testing::ReadAll((*inputs)[0]);
  ASSERT_TRUE(c.status.ok()) << c.status.ToString();
  auto lines = testing::Lines(testing::Gunzip(path));
  ASSERT_EQ(lines.size(), 200u);
  ASSERT_EQ(c.records.size(), 200u);
  for (size_t i = 0; i < lines.size(); ++i) {
    json w = json::parse(lines[i]);
    const WorkRecord& r = c.records[i];
    SCOPED_TRACE(r.id);
    EXPECT_EQ(r.id, std::string("arXiv:").append(w["id"].get<std::string>()));
    EXPECT_EQ(r.source, Source::kArxiv);
    EXPECT_EQ(r.doi, w["doi"].is_string() ? w["doi"].get<std::string>() : "");
    ASSERT_EQ(r.authors.size(), w["authors_parsed"].size());
    for (size_t k = 0; k < r.authors.size(); ++k) {
      const json& p = w["authors_parsed"][k];
      std::string want = p[1].get<std::string>();
      if (!want.empty()) want.push_back(' ');
      want.append(p[0].get<std::string>());
      if (p.size() > 2 && !p[2].get<std::string>().empty()) {
        want.push_back(' ');
        want.append(p[2].get<std::string>());
      }
      EXPECT_EQ(r.authors[k].name, want);
    }
    // Year from the first version's date ("Mon, 2 Apr 2007 ..."): its 4-digit token.
    std::string created = w["versions"][0]["created"].get<std::string>();
    int year = std::stoi(created.substr(created.find_first_of("0123456789", created.find(' ', 6)), 4));
    EXPECT_EQ(r.year, year);
    std::string cats = w["categories"].get<std::string>();
    size_t n = 1 + std::count(cats.begin(), cats.end(), ' ');
    ASSERT_EQ(r.topics.size(), n);
    EXPECT_EQ(r.topics[0].id, std::string("arxiv:").append(cats.substr(0, cats.find(' '))));
    // The snapshot wraps titles and abstracts at ~80 columns; the reader folds each whitespace run to one space.
    EXPECT_EQ(r.title, FoldWhitespace(w["title"].get<std::string>()));
    EXPECT_EQ(r.abstract, FoldWhitespace(w["abstract"].get<std::string>()));
    EXPECT_FALSE(r.abstract.empty());
  }
}

TEST(ArxivReader, RfcDates) {
  EXPECT_EQ(RfcDateToIso("Mon, 2 Apr 2007 19:18:42 GMT"), "2007-04-02");
  EXPECT_EQ(RfcDateToIso("Sat, 13 Dec 2008 17:26:00 GMT"), "2008-12-13");
  EXPECT_EQ(RfcDateToIso("garbage"), "");
}

}  // namespace
}  // namespace st::corpus
