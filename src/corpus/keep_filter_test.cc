// --keep on the real OpenAlex sample: the filter keeps exactly the works an
// independent reading of the raw JSON finds in the chosen fields, subfields,
// topics and concepts; spec parsing and its errors.
#include "corpus/keep_filter.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <functional>
#include <set>

#include "base/test_paths.h"
#include "corpus/corpus_test_util.h"

namespace st::corpus {
namespace {

using nlohmann::json;

std::string Last(const json& v) {
  if (!v.is_string()) return "";
  std::string s = v.get<std::string>();
  return s.substr(s.rfind('/') + 1);
}

TEST(KeepFilter, ParsesKindsAndIdFormsAndNamesBadSpecs) {
  auto f = KeepFilter::Parse({"subfields:1707,1702", "subfield:https://openalex.org/subfields/1702",
                              "concepts:c154945302", "topic:https://openalex.org/T10028", "fields:17"});
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->ToString(), "fields:17 subfields:1702,1707 topics:T10028 concepts:C154945302");
  EXPECT_EQ(f->ApiFilters(), (std::vector<std::string>{"topics.field.id:17", "topics.subfield.id:1702|1707",
                                                       "topics.id:T10028", "concepts.id:C154945302"}));
  EXPECT_TRUE(KeepFilter::Parse({})->empty());
  for (const char* bad : {"1702", "subfieldz:1702", "subfields:", "subfields:AI", "topics:10028", "concepts:T1",
                          "subfields:1702,,1707"}) {
    auto r = KeepFilter::Parse({bad});
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.status().message().find(std::string("--keep '") + bad + "'"), std::string::npos)
        << r.status().message();
  }
}

TEST(KeepFilter, OtherSourcesAreKeptWhole) {
  auto f = KeepFilter::Parse({"subfields:1702"});
  ASSERT_TRUE(f.ok());
  WorkRecord paper;
  paper.source = Source::kPaperList;
  EXPECT_FALSE(f->Applies(paper));
  EXPECT_TRUE(f->Keeps(paper));
  WorkRecord work;  // OpenAlex, no topics
  EXPECT_TRUE(f->Applies(work));
  EXPECT_FALSE(f->Keeps(work));
}

TEST(KeepFilter, RealSnapshotSelectionsMatchTheRawJson) {
  ST_SKIP_IF_NO_SHARED_DATA(data);
  const std::string part = data + "/openalex/snapshot/data/works/updated_date=2026-04-01/part_000.gz";
  ST_SKIP_IF_NO_SHARED_FILE(part);
  auto c = testing::ReadPath(part);
  ASSERT_TRUE(c.status.ok()) << c.status.ToString();
  auto raw = testing::Lines(testing::Gunzip(part));
  ASSERT_EQ(raw.size(), c.records.size());

  struct Case {
    std::vector<std::string> specs;
    std::function<bool(const json&)> expect;
  };
  auto any_topic = [](const json& w, const std::function<bool(const json&)>& pred) {
    for (const auto& t : w.value("topics", json::array()))
      if (pred(t)) return true;
    return false;
  };
  auto any_concept = [](const json& w, const std::string& id) {
    for (const auto& t : w.value("concepts", json::array()))
      if (Last(t["id"]) == id) return true;
    return false;
  };
  std::vector<Case> cases = {
      {{"subfields:1702,1707"},
       [&](const json& w) {
         return any_topic(w, [](const json& t) {
           std::string s = Last(t["subfield"]["id"]);
           return s == "1702" || s == "1707";
         });
       }},
      {{"fields:17"}, [&](const json& w) { return any_topic(w, [](const json& t) { return Last(t["field"]["id"]) == "17"; }); }},
      {{"concepts:C154945302"}, [&](const json& w) { return any_concept(w, "C154945302"); }},
      {{"subfields:1707", "concepts:C154945302"},
       [&](const json& w) {
         return any_concept(w, "C154945302") ||
                any_topic(w, [](const json& t) { return Last(t["subfield"]["id"]) == "1707"; });
       }},
  };
  // A topic id taken from the data (the first work's primary topic).
  const std::string topic = Last(json::parse(raw[0])["primary_topic"]["id"]);
  cases.push_back({{"topics:" + topic},
                   [&](const json& w) { return any_topic(w, [&](const json& t) { return Last(t["id"]) == topic; }); }});

  for (const auto& k : cases) {
    SCOPED_TRACE(k.specs[0]);
    auto f = KeepFilter::Parse(k.specs);
    ASSERT_TRUE(f.ok()) << f.status().ToString();
    std::set<std::string> want, got;
    for (const auto& line : raw) {
      json w = json::parse(line);
      if (k.expect(w)) want.insert(Last(w["id"]));
    }
    for (const auto& r : c.records)
      if (f->Keeps(r)) got.insert(r.id);
    EXPECT_EQ(got, want);
    EXPECT_GT(want.size(), 0u);
    EXPECT_LT(want.size(), raw.size());
  }
}

}  // namespace
}  // namespace st::corpus
