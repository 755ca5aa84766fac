// Paper-list reader on every real file in ../shared/data/paperlists, checked
// against the raw JSON parsed independently with nlohmann_json.
#include "corpus/paperlist_reader.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "base/test_paths.h"
#include "corpus/corpus_test_util.h"

namespace st::corpus {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::vector<std::string> SplitOn(const std::string& s, char sep) {
  std::vector<std::string> out;
  if (Trim(s).empty()) return out;
  size_t start = 0;
  for (;;) {
    size_t at = s.find(sep, start);
    out.push_back(Trim(s.substr(start, at == std::string::npos ? std::string::npos : at - start)));
    if (at == std::string::npos) return out;
    start = at + 1;
  }
}

std::string Str(const json& row, const char* key) {
  return row.contains(key) && row[key].is_string() ? row[key].get<std::string>() : "";
}

std::vector<std::string> RawNames(const json& row) {
  std::string a = row.contains("author") ? Str(row, "author") : Str(row, "authors");
  auto names = SplitOn(a, a.find(';') != std::string::npos ? ';' : ',');
  std::vector<std::string> out;
  for (auto& n : names)
    if (!n.empty()) out.push_back(n);
  return out;
}

// The institution names in one author's affiliation text, computed here from
// the rule the reader documents: footnote marks and '+' separate
// institutions, a '*' at either end of a name is a mark too ("A*STAR" stays).
std::vector<std::string> ExpectedInstitutionNames(std::string aff) {
  for (const char* mark : {"†", "‡", "§", "¶", "∗", "⋆", "★", "☆", "♠", "♣", "♡", "♢", "♦", "♥", "♭", "♮", "♯",
                           "⇤", "×", "+"})
    for (size_t at; (at = aff.find(mark)) != std::string::npos;) aff.replace(at, std::strlen(mark), "\n");
  std::vector<std::string> out;
  for (const std::string& piece : SplitOn(aff, '\n')) {
    const size_t b = piece.find_first_not_of(" \t\r*");
    if (b != std::string::npos) out.push_back(piece.substr(b, piece.find_last_not_of(" \t\r*") + 1 - b));
  }
  return out;
}

std::vector<std::string> PaperListFiles(const std::string& data) {
  std::vector<std::string> files;
  for (auto& e : fs::directory_iterator(data + "/paperlists"))
    if (e.path().string().ends_with(".json.gz")) files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

TEST(PaperListReader, EveryFileMatchesRawJson) {
  ST_SKIP_IF_NO_SHARED_DATA(data);
  auto files = PaperListFiles(data);
  ASSERT_GE(files.size(), 21u);
  size_t total = 0, with_inst = 0, paper_level = 0;
  for (const std::string& path : files) {
    SCOPED_TRACE(path);
    json raw = json::parse(testing::Gunzip(path));
    auto inputs = ExpandInputs({path});
    ASSERT_TRUE(inputs.ok()) << inputs.status().ToString();
    ASSERT_EQ((*inputs)[0].format, Format::kPaperList);
    auto c = testing::ReadAll((*inputs)[0]);
    ASSERT_TRUE(c.status.ok()) << c.status.ToString();
    EXPECT_TRUE(c.errors.empty()) << c.errors[0].ToString();
    std::vector<const json*> with_authors;
    for (const json& row : raw)
      if (!RawNames(row).empty()) with_authors.push_back(&row);
    ASSERT_EQ(c.records.size(), with_authors.size());
    EXPECT_EQ(c.stats.skipped, raw.size() - with_authors.size());
    bool cvf = path.find("/cvpr") != std::string::npos || path.find("/iccv") != std::string::npos;
    for (size_t i = 0; i < c.records.size(); ++i) {
      const json& row = *with_authors[i];
      const WorkRecord& r = c.records[i];
      auto names = RawNames(row);
      ASSERT_EQ(r.authors.size(), names.size()) << r.id;
      EXPECT_EQ(r.title, Str(row, "title"));
      EXPECT_EQ(r.source, Source::kPaperList);
      for (size_t k = 0; k < names.size(); ++k) EXPECT_EQ(r.authors[k].name, names[k]);
      EXPECT_EQ(r.authors.front().position, AuthorPosition::kFirst);
      if (names.size() > 1) {
        EXPECT_EQ(r.authors.back().position, AuthorPosition::kLast);
      }
      if (row.contains("gs_citation")) {
        EXPECT_EQ(r.cited_by_count, row["gs_citation"].get<int64_t>());
      }
      auto affs = SplitOn(Str(row, "aff"), ';');
      // A single author's one affiliation is theirs in any style (outside CVF's unordered sets).
      bool aligned = affs.size() == names.size() && !cvf &&
                     (names.size() == 1 || Str(row, "author").find(';') != std::string::npos);
      for (size_t k = 0; k < names.size(); ++k) {
        if (!aligned) {
          // The misaligned/unordered case: nobody may be placed at a lab.
          EXPECT_TRUE(r.authors[k].institutions.empty()) << r.id;
        } else if (!affs[k].empty()) {
          // Whole names, in the author's order (an e-mail domain alone has an empty name).
          std::vector<std::string> got;
          for (const InstitutionRef& inst : r.authors[k].institutions)
            if (!inst.name.empty() || r.authors[k].institutions.size() > 1) got.push_back(inst.name);
          EXPECT_EQ(got, ExpectedInstitutionNames(affs[k])) << r.id << ": " << affs[k];
          with_inst += !got.empty();
        }
      }
      if (!aligned && !affs.empty()) {
        paper_level += !r.paper_institutions.empty();
      }
      ++total;
    }
  }
  EXPECT_GT(total, 40000u);  // README: about 43,000 papers
  EXPECT_GT(with_inst, 50000u);
  EXPECT_GT(paper_level, 4000u);
}

TEST(PaperListReader, KnownOpenReviewPaperFields) {
  ST_SKIP_IF_NO_SHARED_DATA(data);
  std::string path = data + "/paperlists/iclr2021.json.gz";
  json raw = json::parse(testing::Gunzip(path));
  const json* row = nullptr;
  for (const json& r : raw)
    if (Str(r, "id") == "-2FCwDKRREu") row = &r;
  ASSERT_NE(row, nullptr);
  auto c = testing::ReadPath(path);
  const WorkRecord* rec = nullptr;
  for (const WorkRecord& r : c.records)
    if (r.id == "iclr2021:-2FCwDKRREu") rec = &r;
  ASSERT_NE(rec, nullptr);
  EXPECT_EQ(rec->venue, "ICLR");
  EXPECT_EQ(rec->venue_id, "iclr");
  EXPECT_EQ(rec->year, 2021);
  EXPECT_EQ(rec->status, PaperStatus::kOral);
  EXPECT_NEAR(rec->rating_avg, (*row)["rating_avg"].get<double>(), 1e-5);
  auto ids = SplitOn(Str(*row, "authorids"), ';');
  auto affs = SplitOn(Str(*row, "aff"), ';');
  auto domains = SplitOn(Str(*row, "aff_domain"), ';');
  auto positions = SplitOn(Str(*row, "position"), ';');
  ASSERT_EQ(rec->authors.size(), ids.size());
  for (size_t k = 0; k < ids.size(); ++k) {
    const Authorship& a = rec->authors[k];
    EXPECT_EQ(a.openreview_id, ids[k]);
    ASSERT_EQ(a.institutions.size(), 1u);
    EXPECT_EQ(a.institutions[0].name, affs[k]);
    EXPECT_EQ(a.institutions[0].domain, domains[k]);
    EXPECT_EQ(a.position_title, positions[k]);
  }
  auto keywords = SplitOn(Str(*row, "keywords"), ';');
  size_t kw = 0;
  for (const TopicRef& t : rec->topics) kw += t.id.rfind("kw:", 0) == 0;
  EXPECT_EQ(kw, keywords.size());
}

// A real ICML paper whose aff list does not line up with its authors: the
// affiliations must stay at paper level.
TEST(PaperListReader, MisalignedIcmlAffiliationsStayPaperLevel) {
  ST_SKIP_IF_NO_SHARED_DATA(data);
  std::string path = data + "/paperlists/icml2023.json.gz";
  json raw = json::parse(testing::Gunzip(path));
  std::string id;
  std::set<std::string> affs;
  for (const json& r : raw) {
    auto a = SplitOn(Str(r, "aff"), ';');
    if (!a.empty() && a.size() != RawNames(r).size() && RawNames(r).size() > 2) {
      id = std::string("icml2023:").append(Str(r, "id"));
      for (auto& x : a)
        if (!x.empty()) affs.insert(x);
      break;
    }
  }
  ASSERT_FALSE(id.empty()) << "expected a misaligned ICML 2023 paper";
  auto c = testing::ReadPath(path);
  const WorkRecord* rec = nullptr;
  for (const WorkRecord& r : c.records)
    if (r.id == id) rec = &r;
  ASSERT_NE(rec, nullptr) << id;
  for (const Authorship& a : rec->authors) EXPECT_TRUE(a.institutions.empty()) << a.name;
  std::set<std::string> got;
  for (const InstitutionRef& i : rec->paper_institutions) got.insert(i.name);
  EXPECT_EQ(got, affs);
}

TEST(PaperListReader, CvfAffiliationsAreNeverPerAuthor) {
  ST_SKIP_IF_NO_SHARED_DATA(data);
  auto c = testing::ReadPath(data + "/paperlists/cvpr2024.json.gz");
  ASSERT_TRUE(c.status.ok());
  size_t with_paper_level = 0;
  for (const WorkRecord& r : c.records) {
    for (const Authorship& a : r.authors) EXPECT_TRUE(a.institutions.empty());
    with_paper_level += !r.paper_institutions.empty();
    EXPECT_EQ(r.id.rfind("cvpr2024:t", 0), 0u);  // title hash: CVF rows have no id
  }
  EXPECT_GT(with_paper_level, c.records.size() / 2);
}

// PDF-extracted affiliations carry footnote marks ("OpenAI∗", "DeepMind‡University
// of Oxford"): a mark separates institutions and never ends up in a name, so
// "OpenAI∗" is the same organisation as "OpenAI".
TEST(PaperListReader, FootnoteMarksSeparateAffiliations) {
  ST_SKIP_IF_NO_SHARED_DATA(data);
  const std::vector<std::string> marks = {"†", "‡", "§", "¶", "∗", "⋆", "♠", "♣", "♡", "♢", "♦", "♭", "♯", "⇤"};
  size_t names = 0;
  for (const auto& entry : std::filesystem::directory_iterator(data + "/paperlists")) {
    auto c = testing::ReadPath(entry.path().string());
    ASSERT_TRUE(c.status.ok()) << entry.path();
    auto check = [&](const InstitutionRef& i, const std::string& id) {
      ++names;
      for (const std::string& m : marks) EXPECT_EQ(i.name.find(m), std::string::npos) << id << ": " << i.name;
      if (!i.name.empty()) {
        EXPECT_NE(i.name.back(), '*') << id << ": " << i.name;
        EXPECT_NE(i.name.front(), '*') << id << ": " << i.name;
      }
    };
    for (const WorkRecord& r : c.records) {
      for (const Authorship& a : r.authors)
        for (const InstitutionRef& i : a.institutions) check(i, r.id);
      for (const InstitutionRef& i : r.paper_institutions) check(i, r.id);
    }
  }
  EXPECT_GT(names, 80000u);  // 87,127 institution mentions in the 21 files

  // NeurIPS 2018 "11770": every author is "DeepMind‡University of Oxford" or
  // "DeepMind♭University College London", with a google.com e-mail.
  auto c = testing::ReadPath(data + "/paperlists/nips2018.json.gz");
  const WorkRecord* rec = nullptr;
  for (const WorkRecord& r : c.records)
    if (r.id == "nips2018:11770") rec = &r;
  ASSERT_NE(rec, nullptr);
  ASSERT_EQ(rec->authors.size(), 6u);
  const Authorship& trask = rec->authors[0];
  ASSERT_EQ(trask.institutions.size(), 2u);
  EXPECT_EQ(trask.institutions[0].name, "DeepMind");
  EXPECT_EQ(trask.institutions[0].domain, "google.com");  // the e-mail goes with the first
  EXPECT_EQ(trask.institutions[1].name, "University of Oxford");
  EXPECT_EQ(trask.institutions[1].domain, "");
  ASSERT_EQ(rec->authors[2].institutions.size(), 2u);
  EXPECT_EQ(rec->authors[2].institutions[1].name, "University College London");
}

// The country and campus lists ("aff_country_unique" + per-author indexes) go with each author's affiliations.
TEST(PaperListReader, CountryAndCampusPerAffiliation) {
  const std::string text = R"([{"id": "x1", "title": "T",
    "author": "Jingkai Mao; Jakob Foerster; Maruan Al-Shedivat",
    "aff": "Man AHL, London, UK + University of Oxford; University of Oxford; Carnegie Mellon University",
    "aff_domain": "man.com;fb.com;cmu.edu",
    "aff_country_unique": "United Kingdom;United States", "aff_country_unique_index": "0+0;0;1",
    "aff_campus_unique": "London;Oxford;Pittsburgh", "aff_campus_unique_index": "0+1;1;9"}])";
  const std::string dir = st::testing::MakeTempDir("paperlist");
  const std::string path = dir + "/icml2019.json";
  std::ofstream(path) << text;
  auto c = testing::ReadPath(path);
  fs::remove_all(dir);
  ASSERT_TRUE(c.status.ok()) << c.status.ToString();
  ASSERT_EQ(c.records.size(), 1u);
  const auto& a = c.records[0].authors;
  ASSERT_EQ(a.size(), 3u);
  ASSERT_EQ(a[0].institutions.size(), 2u);
  EXPECT_EQ(a[0].institutions[0].country_name, "United Kingdom");
  EXPECT_EQ(a[0].institutions[0].city, "London");
  EXPECT_EQ(a[0].institutions[0].domain, "man.com");
  EXPECT_EQ(a[0].institutions[1].city, "Oxford");
  EXPECT_EQ(a[1].institutions[0].city, "Oxford");
  EXPECT_EQ(a[2].institutions[0].country_name, "United States");
  EXPECT_EQ(a[2].institutions[0].city, "") << "index 9 is out of range";
}

TEST(PaperListReader, StatusTable) {
  struct Case {
    const char* in;
    PaperStatus want;
  } cases[] = {
      {"Oral", PaperStatus::kOral},           {"Talk", PaperStatus::kOral},
      {"Top-5%", PaperStatus::kOral},         {"Spotlight", PaperStatus::kSpotlight},
      {"Highlight", PaperStatus::kSpotlight}, {"Top-25%", PaperStatus::kSpotlight},
      {"Poster", PaperStatus::kPoster},       {"Long Findings", PaperStatus::kPoster},
      {"Journal", PaperStatus::kPoster},      {"Reject", PaperStatus::kReject},
      {"Desk Reject", PaperStatus::kReject},  {"Withdraw", PaperStatus::kWithdrawn},
      {"", PaperStatus::kUnknown},
  };
  for (const Case& c : cases) EXPECT_EQ(PaperStatusFromString(c.in), c.want) << c.in;
}

TEST(PaperListReader, VenueYearFromFileName) {
  auto v = VenueYearFromPath("/x/nips2021.json.gz");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->venue, "NeurIPS");
  EXPECT_EQ(v->venue_id, "nips");
  EXPECT_EQ(v->year, 2021);
  EXPECT_EQ(v->key, "nips2021");
  EXPECT_FALSE(VenueYearFromPath("/x/papers.json").ok());
}

}  // namespace
}  // namespace st::corpus
