// Semantic Scholar papers reader: the official S2AG sample against
// nlohmann_json, small inline bad inputs, and the other S2AG datasets
// refused at detection with one error naming the dataset.
#include "corpus/s2_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "base/test_paths.h"
#include "corpus/corpus_test_util.h"

namespace st::corpus {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string Str(const json& j) { return j.is_string() ? j.get<std::string>() : ""; }

TEST(S2Reader, PapersSampleMatchesRawJson) {
  ST_SKIP_IF_NO_SHARED_DATA(data);
  std::string path = data + "/semanticscholar/papers-sample.jsonl";
  ST_SKIP_IF_NO_SHARED_FILE(path);
  auto inputs = ExpandInputs({path});
  ASSERT_TRUE(inputs.ok()) << inputs.status().ToString();
  ASSERT_EQ((*inputs)[0].format, Format::kS2PapersJsonl);
  auto c = testing::ReadAll((*inputs)[0]);
  ASSERT_TRUE(c.status.ok()) << c.status.ToString();
  EXPECT_TRUE(c.errors.empty()) << c.errors[0].ToString();
  auto lines = testing::Lines(testing::Gunzip(path));
  ASSERT_EQ(lines.size(), 100u);
  ASSERT_EQ(c.records.size(), lines.size());
  size_t with_arxiv = 0, with_doi = 0, with_topics = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    json p = json::parse(lines[i]);
    const WorkRecord& r = c.records[i];
    SCOPED_TRACE(r.id);
    EXPECT_EQ(r.source, Source::kSemanticScholar);
    EXPECT_EQ(r.id, "S2:" + std::to_string(p["corpusid"].get<int64_t>()));
    EXPECT_EQ(r.title, Str(p["title"]));
    const json& ext = p["externalids"];
    std::string doi = ext.is_object() ? Str(ext["DOI"]) : "";
    std::string arxiv = ext.is_object() ? Str(ext["ArXiv"]) : "";
    EXPECT_EQ(r.doi, doi);
    EXPECT_EQ(r.alt_id, arxiv.empty() ? "" : "arXiv:" + arxiv);
    with_doi += !doi.empty();
    with_arxiv += !arxiv.empty();
    std::string venue = Str(p["venue"]);
    if (venue.empty() && p["journal"].is_object()) venue = Str(p["journal"]["name"]);
    EXPECT_EQ(r.venue, venue);
    if (p["year"].is_number()) {
      EXPECT_EQ(r.year, p["year"].get<int>());
    }
    EXPECT_EQ(r.publication_date, Str(p["publicationdate"]));
    EXPECT_EQ(r.cited_by_count, p["citationcount"].is_number() ? p["citationcount"].get<int64_t>() : -1);
    std::set<std::string> cats;
    if (p["s2fieldsofstudy"].is_array())
      for (const json& f : p["s2fieldsofstudy"]) cats.insert(Str(f["category"]));
    cats.erase("");
    std::set<std::string> got;
    for (const TopicRef& t : r.topics) {
      EXPECT_EQ(t.id, "s2fos:" + t.name);
      got.insert(t.name);
    }
    EXPECT_EQ(got.size(), r.topics.size());  // no duplicates
    EXPECT_EQ(got, cats);
    with_topics += !cats.empty();
    std::vector<const json*> authors;
    for (const json& a : p["authors"])
      if (!Str(a["name"]).empty() || !Str(a["authorId"]).empty()) authors.push_back(&a);
    ASSERT_EQ(r.authors.size(), authors.size());
    for (size_t k = 0; k < authors.size(); ++k) {
      EXPECT_EQ(r.authors[k].name, Str((*authors[k])["name"]));
      EXPECT_EQ(r.authors[k].s2_id, Str((*authors[k])["authorId"]));
      AuthorPosition want = k == 0 ? AuthorPosition::kFirst
                            : k + 1 == authors.size() ? AuthorPosition::kLast
                                                      : AuthorPosition::kMiddle;
      EXPECT_EQ(r.authors[k].position, want);
    }
  }
  // The sample exercises the mapped fields (so the checks above are not vacuous).
  EXPECT_GT(with_doi, 10u);
  EXPECT_EQ(with_arxiv, 0u);  // none in this sample: alt_id is covered by the inline test below
  EXPECT_GT(with_topics, 10u);
  EXPECT_EQ(c.records[0].id, "S2:223588394");
  EXPECT_EQ(c.records[0].doi, "10.3760/CMA.J.ISSN.2095-1485.2006.01.019");
  EXPECT_EQ(c.records[1].venue, "Business Ethics Quarterly");
}

TEST(S2Reader, OtherDatasetsGiveOneClearError) {
  ST_SKIP_IF_NO_SHARED_DATA(data);
  const std::string dir = data + "/semanticscholar/";
  ST_SKIP_IF_NO_SHARED_FILE(dir + "papers-sample.jsonl");
  const std::pair<const char*, const char*> kFiles[] = {
      {"authors-sample.jsonl", "authors"},
      {"citations-sample.jsonl", "citations"},
      {"abstracts-sample.jsonl.gz", "abstracts"},
      {"paper-ids-sample.jsonl.gz", "paper-ids"},
      {"publication-venues-sample.jsonl.gz", "publication-venues"},
      {"tldrs-sample.jsonl.gz", "tldrs"},
  };
  for (const auto& [file, dataset] : kFiles) {
    SCOPED_TRACE(file);
    auto format = DetectFormat(dir + file);
    ASSERT_FALSE(format.ok()) << FormatName(*format);
    const std::string msg = format.status().ToString();
    EXPECT_NE(msg.find(dir + file), std::string::npos) << msg;
    EXPECT_NE(msg.find(std::string("Semantic Scholar '") + dataset + "' dataset is not read; pass the 'papers' files"),
              std::string::npos)
        << msg;
  }
  // A directory holding every dataset stops at the first non-papers file.
  EXPECT_FALSE(ExpandInputs({dir}).ok());
}

class S2BadInput : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = st::testing::MakeTempDir("s2-bad"); }
  void TearDown() override { fs::remove_all(dir_); }

  testing::Collected Read(const std::string& name, const std::string& bytes) {
    path_ = dir_ + "/" + name;
    testing::WriteFile(path_, bytes);
    InputFile f;
    f.path = path_;
    f.format = Format::kS2PapersJsonl;
    f.size_bytes = bytes.size();
    return testing::ReadAll(f);
  }
  std::string dir_, path_;
};

std::string Paper(int id) {
  return R"({"corpusid":)" + std::to_string(id) + R"(,"title":"Paper )" + std::to_string(id) +
         R"(","authors":[{"authorId":"7","name":"Ada Lovelace"}],"year":2020,"citationcount":3})";
}

TEST_F(S2BadInput, EachBadLineNamesFileLineAndField) {
  const std::pair<std::string, std::string> kCases[] = {
      {R"({"title":"no id","authors":[]})", "field 'corpusid': missing"},
      {R"({"corpusid":null,"authors":[]})", "field 'corpusid': missing"},
      {R"({"corpusid":"12","authors":[]})", "corpusid"},
      {R"({"corpusid":-3,"authors":[]})", "corpusid"},
      {R"({"corpusid":5,"authors":{}})", "authors"},
      {R"({"corpusid":5,"authors":[{"authorId":7,"name":"A"}]})", "authors[].authorId"},
      {R"({"corpusid":5,"authors":[],"year":"2020"})", "year"},
      {R"({"corpusid":5,"authors":[],"year":40000})", "year"},
      {R"({"corpusid":5,"authors":[],"citationcount":1.5})", "citationcount"},
      {R"({"corpusid":5,"authors":[],"externalids":{"DOI":17}})", "externalids.DOI"},
      {R"({"corpusid":5,"authors":[],"s2fieldsofstudy":[{"category":1}]})", "s2fieldsofstudy[].category"},
      {R"({"corpusid":5,"authors":[],"journal":{"name":[]}})", "journal.name"},
      {"{\"corpusid\":5,\"title\":\"bad \xff utf8\",\"authors\":[]}", "UTF-8"},
      {R"({"corpusid":5,"authors":[)", ""},
  };
  for (const auto& [bad, what] : kCases) {
    SCOPED_TRACE(bad);
    auto c = Read("bad.jsonl", Paper(1) + "\n" + bad + "\n" + Paper(3) + "\n");
    ASSERT_TRUE(c.status.ok()) << c.status.ToString();
    ASSERT_EQ(c.records.size(), 2u);
    EXPECT_EQ(c.records[1].id, "S2:3");
    ASSERT_EQ(c.errors.size(), 1u);
    const std::string msg = c.errors[0].ToString();
    EXPECT_EQ(msg.rfind(path_ + ":2: ", 0), 0u) << msg;
    EXPECT_NE(msg.find(what), std::string::npos) << msg;
  }
}

TEST_F(S2BadInput, TruncatedGzipNamesFileAndLine) {
  std::string plain;
  for (int i = 1; i <= 3000; ++i) plain += Paper(i) + "\n";
  const std::string gz = testing::Gzip(plain);
  auto whole = Read("papers.jsonl.gz", gz);
  ASSERT_TRUE(whole.status.ok()) << whole.status.ToString();
  EXPECT_EQ(whole.records.size(), 3000u);
  auto c = Read("papers.jsonl.gz", gz.substr(0, gz.size() - 9));
  ASSERT_FALSE(c.status.ok());
  const std::string msg = c.status.ToString();
  // "<file>:<line>: ..." — the line where the stream broke.
  EXPECT_NE(msg.find(path_ + ":"), std::string::npos) << msg;
  const size_t at = msg.find(path_ + ":") + path_.size() + 1;
  EXPECT_TRUE(at < msg.size() && msg[at] >= '1' && msg[at] <= '9') << msg;
}

TEST_F(S2BadInput, DetectionOfPapersAndOtherShapes) {
  auto put = [&](const std::string& name, const std::string& line) {
    testing::WriteFile(dir_ + "/" + name, line + "\n");
    return DetectFormat(dir_ + "/" + name);
  };
  auto papers = put("p.jsonl", Paper(1));
  ASSERT_TRUE(papers.ok()) << papers.status().ToString();
  EXPECT_EQ(*papers, Format::kS2PapersJsonl);
  EXPECT_STREQ(FormatName(*papers), "s2-papers");
  // An OpenAlex work that happens to carry a "corpusid" key stays OpenAlex.
  auto oa = put("w.jsonl", R"({"id":"W1","corpusid":1,"authors":[],"authorships":[]})");
  ASSERT_TRUE(oa.ok()) << oa.status().ToString();
  EXPECT_EQ(*oa, Format::kOpenAlexJsonl);
  auto cites = put("c.jsonl", R"({"citingcorpusid":"1","citedcorpusid":"2","isinfluential":false})");
  ASSERT_FALSE(cites.ok());
  EXPECT_NE(cites.status().message().find("'citations'"), std::string::npos) << cites.status().ToString();
}

TEST(S2Reader, AuthorsWithoutNameOrIdAreDropped) {
  std::string line =
      R"({"corpusid":9,"authors":[{"authorId":null,"name":null},{"authorId":"3","name":""},)"
      R"({"authorId":null,"name":"B"}],"venue":"","journal":{"name":"J"},"publicationdate":"2019-05-01",)"
      R"("s2fieldsofstudy":[{"category":"Physics","source":"external"},{"category":"Physics","source":"s2-fos-model"}],)"
      R"("externalids":{"ArXiv":"1905.00001","DOI":null}})";
  std::vector<WorkRecord> got;
  auto r = ReadBuffer(Format::kS2PapersJsonl, line + "\n", "x.jsonl", ReadOptions{},
                      [&](const WorkRecord& w) { got.push_back(w); }, [](const ReadError&) { return true; });
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(got.size(), 1u);
  const WorkRecord& w = got[0];
  ASSERT_EQ(w.authors.size(), 2u);
  EXPECT_EQ(w.authors[0].s2_id, "3");
  EXPECT_EQ(w.authors[0].position, AuthorPosition::kFirst);
  EXPECT_EQ(w.authors[1].name, "B");
  EXPECT_EQ(w.authors[1].position, AuthorPosition::kLast);
  EXPECT_EQ(w.venue, "J");
  EXPECT_EQ(w.year, 2019);  // from publicationdate when year is absent
  EXPECT_EQ(w.alt_id, "arXiv:1905.00001");
  EXPECT_EQ(w.doi, "");
  ASSERT_EQ(w.topics.size(), 1u);
  EXPECT_EQ(w.topics[0].id, "s2fos:Physics");
}

}  // namespace
}  // namespace st::corpus
