// OpenAlex reader on the real snapshot sample, checked field by field against
// the raw JSON parsed independently with nlohmann_json.
#include "corpus/openalex_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "base/test_paths.h"
#include "corpus/corpus_test_util.h"

namespace st::corpus {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::Gunzip;
using testing::Lines;
using testing::ExpectSameCitationFields;
using testing::ReadPath;

std::string Short(const json& v, const std::string& prefix) {
  if (!v.is_string()) return "";
  std::string s = v.get<std::string>();
  return s.rfind(prefix, 0) == 0 ? s.substr(prefix.size()) : s;
}

std::string SnapshotPart(const std::string& data) {
  return data + "/openalex/snapshot/data/works/updated_date=2026-04-01/part_000.gz";
}

TEST(OpenAlexReader, SnapshotCountsMatchRawJson) {
  ST_SKIP_IF_NO_SHARED_DATA(data);
  auto c = ReadPath(data + "/openalex/snapshot");
  ASSERT_TRUE(c.status.ok()) << c.status.ToString();
  auto raw = Lines(Gunzip(SnapshotPart(data)));
  size_t authorships = 0;
  for (const auto& line : raw) authorships += json::parse(line)["authorships"].size();
  EXPECT_EQ(c.records.size(), raw.size());
  EXPECT_EQ(c.records.size(), 100u);  // stated by the data README and manifest
  size_t got = 0;
  for (const auto& r : c.records) got += r.authors.size();
  EXPECT_EQ(got, authorships);
  EXPECT_EQ(got, 442u);  // stated by the data README
  EXPECT_TRUE(c.errors.empty());
}

TEST(OpenAlexReader, EveryFieldMatchesRawJson) {
  ST_SKIP_IF_NO_SHARED_DATA(data);
  auto c = ReadPath(SnapshotPart(data));
  ASSERT_TRUE(c.status.ok()) << c.status.ToString();
  auto raw = Lines(Gunzip(SnapshotPart(data)));
  ASSERT_EQ(c.records.size(), raw.size());
  size_t with_abstract = 0;
  for (size_t i = 0; i < raw.size(); ++i) {
    json w = json::parse(raw[i]);
    const WorkRecord& r = c.records[i];
    SCOPED_TRACE(r.id);
    EXPECT_EQ(r.id, Short(w["id"], "https://openalex.org/"));
    EXPECT_EQ(r.doi, Short(w["doi"], "https://doi.org/"));
    EXPECT_EQ(r.title, w["title"].is_string() ? w["title"].get<std::string>() : "");
    EXPECT_EQ(r.year, w["publication_year"].get<int>());
    EXPECT_EQ(r.publication_date, w["publication_date"].get<std::string>());
    EXPECT_EQ(r.type, w["type"].get<std::string>());
    EXPECT_EQ(r.cited_by_count, w["cited_by_count"].get<int64_t>());
    ASSERT_EQ(r.counts_by_year.size(), w["counts_by_year"].size());
    for (size_t k = 0; k < r.counts_by_year.size(); ++k) {
      EXPECT_EQ(r.counts_by_year[k].year, w["counts_by_year"][k]["year"].get<int>());
      EXPECT_EQ(r.counts_by_year[k].count, w["counts_by_year"][k]["cited_by_count"].get<int>());
    }
    ASSERT_EQ(r.authors.size(), w["authorships"].size());
    for (size_t k = 0; k < r.authors.size(); ++k) {
      const json& a = w["authorships"][k];
      const Authorship& got = r.authors[k];
      EXPECT_EQ(got.openalex_id, Short(a["author"]["id"], "https://openalex.org/"));
      EXPECT_EQ(got.name, a["author"]["display_name"].get<std::string>());
      EXPECT_EQ(got.orcid, Short(a["author"]["orcid"], "https://orcid.org/"));
      std::string pos = a["author_position"].get<std::string>();
      AuthorPosition want = pos == "first"    ? AuthorPosition::kFirst
                            : pos == "middle" ? AuthorPosition::kMiddle
                            : pos == "last"   ? AuthorPosition::kLast
                                              : AuthorPosition::kUnknown;
      EXPECT_EQ(got.position, want);
      ASSERT_EQ(got.institutions.size(), a["institutions"].size());
      for (size_t m = 0; m < got.institutions.size(); ++m) {
        const json& inst = a["institutions"][m];
        EXPECT_EQ(got.institutions[m].openalex_id, Short(inst["id"], "https://openalex.org/"));
        EXPECT_EQ(got.institutions[m].name, inst["display_name"].get<std::string>());
        EXPECT_EQ(got.institutions[m].country_code,
                  inst["country_code"].is_string() ? inst["country_code"].get<std::string>() : "");
        EXPECT_EQ(got.institutions[m].type, inst["type"].is_string() ? inst["type"].get<std::string>() : "");
      }
    }
    // topics then concepts, in source order
    size_t want_topics = w["topics"].size() + w["concepts"].size();
    ASSERT_EQ(r.topics.size(), want_topics);
    for (size_t k = 0; k < w["topics"].size(); ++k) {
      const json& t = w["topics"][k];
      EXPECT_EQ(r.topics[k].id, Short(t["id"], "https://openalex.org/"));
      EXPECT_EQ(r.topics[k].subfield, t["subfield"]["display_name"].get<std::string>());
      EXPECT_EQ(r.topics[k].field, t["field"]["display_name"].get<std::string>());
      EXPECT_FLOAT_EQ(r.topics[k].score, t["score"].get<float>());
    }
    ASSERT_EQ(r.references.size(), w["referenced_works"].size());
    for (size_t k = 0; k < r.references.size(); ++k)
      EXPECT_EQ(r.references[k], Short(w["referenced_works"][k], "https://openalex.org/"));
    const json& src = w["primary_location"].is_object() ? w["primary_location"]["source"] : json();
    EXPECT_EQ(r.venue_id, src.is_object() ? Short(src["id"], "https://openalex.org/") : "");
    EXPECT_EQ(r.venue, src.is_object() ? src["display_name"].get<std::string>() : "");
    // Abstract: rebuild independently from the inverted index.
    std::map<int, std::string> words;
    if (w["abstract_inverted_index"].is_object())
      for (auto& [word, positions] : w["abstract_inverted_index"].items())
        for (int p : positions) words[p] = word;
    std::string abstract;
    for (auto& [p, word] : words) abstract += (abstract.empty() ? "" : " ") + word;
    EXPECT_EQ(r.abstract, abstract);
    with_abstract += !abstract.empty();
  }
  EXPECT_GT(with_abstract, 10u);
}

// The citations projection (what the ingest benchmark reads, like DuckDB's
// explicit columns) gives the same citation data as a full read and nothing else.
TEST(OpenAlexReader, CitationsProjectionKeepsCitationFieldsOnly) {
  ST_SKIP_IF_NO_SHARED_DATA(data);
  ReadOptions citations;
  citations.projection = Projection::kCitations;
  auto full = ReadPath(SnapshotPart(data));
  auto lean = ReadPath(SnapshotPart(data), citations);
  ASSERT_TRUE(full.status.ok() && lean.status.ok()) << lean.status.ToString();
  ASSERT_EQ(lean.records.size(), full.records.size());
  size_t with_institutions = 0;
  for (size_t i = 0; i < full.records.size(); ++i) {
    const WorkRecord& f = full.records[i];
    const WorkRecord& l = lean.records[i];
    SCOPED_TRACE(f.id);
    ExpectSameCitationFields(l, f);
    ASSERT_EQ(l.authors.size(), f.authors.size());
    for (size_t k = 0; k < f.authors.size(); ++k) {
      EXPECT_TRUE(l.authors[k].name.empty());
      EXPECT_TRUE(l.authors[k].institutions.empty());
      with_institutions += !f.authors[k].institutions.empty();
    }
    EXPECT_TRUE(l.title.empty());
    EXPECT_TRUE(l.abstract.empty());
    EXPECT_TRUE(l.topics.empty());
    EXPECT_TRUE(l.references.empty());
  }
  EXPECT_GT(with_institutions, 100u);  // the full read does carry what the projection drops
}

TEST(OpenAlexReader, SingleWorkEntityFromApi) {
  ST_SKIP_IF_NO_SHARED_DATA(data);
  std::string path = data + "/openalex/entities/W2741809807.json";
  auto c = ReadPath(path);
  ASSERT_TRUE(c.status.ok()) << c.status.ToString();
  ASSERT_EQ(c.records.size(), 1u);
  json w = json::parse(testing::Gunzip(path));
  const WorkRecord& r = c.records[0];
  EXPECT_EQ(r.id, "W2741809807");
  EXPECT_EQ(r.doi, Short(w["doi"], "https://doi.org/"));
  EXPECT_EQ(r.title, w["title"].get<std::string>());
  EXPECT_EQ(r.authors.size(), w["authorships"].size());
  EXPECT_EQ(r.cited_by_count, w["cited_by_count"].get<int64_t>());
}

TEST(OpenAlexReader, ApiPageOfResults) {
  ST_SKIP_IF_NO_SHARED_DATA(data);
  auto raw = Lines(Gunzip(SnapshotPart(data)));
  json page = {{"meta", {{"count", 3}, {"page", 1}}}, {"results", json::array()}};
  for (int i = 0; i < 3; ++i) page["results"].push_back(json::parse(raw[i]));
  std::string dir = st::testing::MakeTempDir("oa-page");
  testing::WriteFile(dir + "/page.json", page.dump(2));
  auto inputs = ExpandInputs({dir + "/page.json"});
  ASSERT_TRUE(inputs.ok()) << inputs.status().ToString();
  EXPECT_EQ((*inputs)[0].format, Format::kOpenAlexApiPage);
  auto c = ReadPath(dir + "/page.json");
  ASSERT_TRUE(c.status.ok()) << c.status.ToString();
  ASSERT_EQ(c.records.size(), 3u);
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(c.records[i].id, Short(page["results"][i]["id"], "https://openalex.org/"));
  // A wrong type inside one result names its line and field; the others survive.
  page["results"][1]["cited_by_count"] = "many";
  testing::WriteFile(dir + "/bad.json", page.dump(2));
  c = ReadPath(dir + "/bad.json");
  ASSERT_TRUE(c.status.ok()) << c.status.ToString();
  EXPECT_EQ(c.records.size(), 2u);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_GT(c.errors[0].line, 1u);
  EXPECT_NE(c.errors[0].message.find("cited_by_count"), std::string::npos) << c.errors[0].message;
  fs::remove_all(dir);
}

TEST(OpenAlexReader, ManifestMismatchNamesTheManifest) {
  ST_SKIP_IF_NO_SHARED_DATA(data);
  std::string dir = st::testing::MakeTempDir("oa-manifest");
  fs::copy(data + "/openalex/snapshot", dir + "/snap", fs::copy_options::recursive);
  std::string manifest = dir + "/snap/data/works/manifest";
  fs::permissions(manifest, fs::perms::owner_write, fs::perm_options::add);
  json m = json::parse(testing::Gunzip(manifest));
  m["entries"][0]["meta"]["record_count"] = 101;
  testing::WriteFile(manifest, m.dump());
  auto c = ReadPath(dir + "/snap");
  EXPECT_FALSE(c.status.ok());
  EXPECT_NE(c.status.message().find(manifest), std::string::npos) << c.status.ToString();
  EXPECT_NE(c.status.message().find("101"), std::string::npos) << c.status.ToString();
  // A wrong content_length is caught before reading.
  m["entries"][0]["meta"]["record_count"] = 100;
  m["entries"][0]["meta"]["content_length"] = 5;
  testing::WriteFile(manifest, m.dump());
  auto inputs = ExpandInputs({dir + "/snap"});
  EXPECT_FALSE(inputs.ok());
  EXPECT_NE(inputs.status().message().find(manifest), std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace st::corpus
