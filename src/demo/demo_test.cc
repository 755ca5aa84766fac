// Tests of the demo corpus generator: determinism, snapshot layout and
// manifest, the OpenAlex record shape, and the statistical shape (heavy tail,
// moves, advisor chains). Files are read back with zlib + nlohmann_json,
// independently of the generator's own libdeflate writer.
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "base/test_paths.h"
#include "demo/corpus_writer.h"
#include "demo/vocab.h"
#include "demo/world.h"

namespace st::demo {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string ReadRaw(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string ReadText(const fs::path& path) {  // gunzips .gz files
  if (path.extension() != ".gz") return ReadRaw(path);
  gzFile f = gzopen(path.c_str(), "rb");
  EXPECT_NE(f, nullptr) << path;
  std::string out;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) out.append(buf, n);
  EXPECT_GE(n, 0) << path;
  gzclose(f);
  return out;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// All regular files under dir, relative path -> bytes.
std::map<std::string, std::string> Snapshot(const std::string& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) files[fs::relative(e.path(), dir).string()] = ReadRaw(e.path());
  }
  return files;
}

CorpusOptions SmallOptions(const std::string& dir, uint64_t seed) {
  CorpusOptions o;
  o.out_dir = dir;
  o.world.seed = seed;
  o.world.authors = 400;
  o.world.works = 2000;
  o.works_per_part = 700;
  return o;
}

std::vector<json> AllRecords(const std::string& dir) {
  std::vector<json> records;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (!e.is_regular_file() || name.rfind("part_", 0) != 0) continue;
    for (const auto& line : Lines(ReadText(e.path()))) records.push_back(json::parse(line));
  }
  return records;
}

TEST(DemoCorpus, SameSeedSameBytesWhateverTheThreads) {
  const std::string a = testing::MakeTempDir("demo-a"), b = testing::MakeTempDir("demo-b"),
                    c = testing::MakeTempDir("demo-c");
  CorpusOptions oa = SmallOptions(a, 42), ob = SmallOptions(b, 42), oc = SmallOptions(c, 43);
  oa.threads = 1;
  ob.threads = 3;
  ASSERT_TRUE(GenerateCorpus(oa).ok());
  ASSERT_TRUE(GenerateCorpus(ob).ok());
  ASSERT_TRUE(GenerateCorpus(oc).ok());
  const auto fa = Snapshot(a), fb = Snapshot(b), fc = Snapshot(c);
  ASSERT_EQ(fa.size(), 4u);  // 3 parts + manifest
  EXPECT_TRUE(fa == fb) << "same seed must give byte-identical files";
  int differing = 0;
  for (const auto& [path, bytes] : fa) differing += fc.count(path) && fc.at(path) != bytes;
  EXPECT_EQ(differing, 4) << "a different seed must change every file";
  for (const auto& d : {a, b, c}) fs::remove_all(d);
}

TEST(DemoCorpus, ManifestMatchesFiles) {
  const std::string dir = testing::MakeTempDir("demo-manifest");
  auto summary = GenerateCorpus(SmallOptions(dir, 5));
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  const json manifest = json::parse(ReadRaw(fs::path(dir) / "data/works/manifest"));
  ASSERT_EQ(manifest["entries"].size(), 3u);
  uint64_t total_bytes = 0, total_records = 0;
  std::set<std::string> dates;
  for (const auto& entry : manifest["entries"]) {
    const std::string url = entry["url"];
    const std::string prefix = "s3://openalex/";
    ASSERT_EQ(url.rfind(prefix, 0), 0u) << url;
    const fs::path file = fs::path(dir) / url.substr(prefix.size());
    ASSERT_TRUE(fs::exists(file)) << file;
    EXPECT_NE(file.string().find("data/works/updated_date="), std::string::npos);
    dates.insert(file.parent_path().filename().string());
    EXPECT_EQ(entry["meta"]["content_length"].get<uint64_t>(), fs::file_size(file)) << file;
    EXPECT_EQ(entry["meta"]["record_count"].get<uint64_t>(), Lines(ReadText(file)).size()) << file;
    total_bytes += fs::file_size(file);
    total_records += entry["meta"]["record_count"].get<uint64_t>();
  }
  EXPECT_EQ(dates.size(), 3u);
  EXPECT_EQ(manifest["meta"]["content_length"].get<uint64_t>(), total_bytes);
  EXPECT_EQ(manifest["meta"]["record_count"].get<uint64_t>(), 2000u);
  EXPECT_EQ(total_records, 2000u);
  EXPECT_EQ(manifest["superteam_demo"]["seed"], 5);
  EXPECT_EQ(summary->bytes, total_bytes);
  fs::remove_all(dir);
}

bool ValidOrcid(const std::string& orcid) {  // ISO 7064 MOD 11-2, as orcid.org specifies
  std::string digits;
  for (char ch : orcid) if (ch != '-') digits += ch;
  if (digits.size() != 16) return false;
  int total = 0;
  for (int i = 0; i < 15; ++i) total = (total + (digits[i] - '0')) * 2;
  int check = (12 - total % 11) % 11;
  return digits[15] == (check == 10 ? 'X' : '0' + check);
}

TEST(DemoCorpus, EveryRecordHasTheOpenAlexShape) {
  const std::string dir = testing::MakeTempDir("demo-shape");
  ASSERT_TRUE(GenerateCorpus(SmallOptions(dir, 9)).ok());
  const auto records = AllRecords(dir);
  ASSERT_EQ(records.size(), 2000u);
  std::map<std::string, int> year_of;
  for (const auto& r : records) year_of[r["id"]] = r["publication_year"];
  size_t with_orcid = 0, internal_refs = 0;
  std::map<std::string, std::string> orcid_owner;  // one ORCID, one author id
  for (const auto& r : records) {
    SCOPED_TRACE(r["id"].get<std::string>());
    EXPECT_EQ(r["superteam_demo"], true);
    EXPECT_EQ(r["id"].get<std::string>().rfind("https://openalex.org/W", 0), 0u);
    EXPECT_EQ(r["doi"].get<std::string>().rfind("https://doi.org/10.", 0), 0u);
    EXPECT_FALSE(r["title"].get<std::string>().empty());
    const int year = r["publication_year"];
    EXPECT_GE(year, kFirstYear);
    EXPECT_LE(year, kLastYear);
    EXPECT_EQ(r["publication_date"].get<std::string>().substr(0, 4), std::to_string(year));
    EXPECT_TRUE(r["type"] == "article" || r["type"] == "preprint");
    EXPECT_FALSE(r["primary_location"]["source"]["display_name"].get<std::string>().empty());
    const int64_t cited = r["cited_by_count"];
    EXPECT_GE(cited, 0);
    int64_t by_year = 0;
    for (const auto& c : r["counts_by_year"]) {
      EXPECT_GE(c["year"].get<int>(), year);
      by_year += c["cited_by_count"].get<int64_t>();
    }
    EXPECT_EQ(by_year, cited) << "all demo works are from 2012 on, so yearly counts sum to the total";
    const auto& authorships = r["authorships"];
    ASSERT_FALSE(authorships.empty());
    for (size_t i = 0; i < authorships.size(); ++i) {
      const auto& a = authorships[i];
      const std::string expected = i == 0 ? "first" : i + 1 == authorships.size() ? "last" : "middle";
      EXPECT_EQ(a["author_position"], expected);
      EXPECT_EQ(a["author"]["id"].get<std::string>().rfind("https://openalex.org/A", 0), 0u);
      EXPECT_FALSE(a["author"]["display_name"].get<std::string>().empty());
      if (!a["author"]["orcid"].is_null()) {
        const std::string orcid = a["author"]["orcid"];
        ASSERT_EQ(orcid.rfind("https://orcid.org/", 0), 0u);
        EXPECT_TRUE(ValidOrcid(orcid.substr(18))) << orcid;
        auto [owner, fresh] = orcid_owner.try_emplace(orcid, a["author"]["id"]);
        EXPECT_EQ(owner->second, a["author"]["id"]) << orcid << " is given to two authors";
        ++with_orcid;
      }
      ASSERT_FALSE(a["institutions"].empty());
      for (const auto& inst : a["institutions"]) {
        EXPECT_EQ(inst["id"].get<std::string>().rfind("https://openalex.org/I", 0), 0u);
        EXPECT_EQ(inst["country_code"].get<std::string>().size(), 2u);
        EXPECT_FALSE(inst["display_name"].get<std::string>().empty());
        EXPECT_FALSE(inst["type"].get<std::string>().empty());
      }
    }
    EXPECT_EQ(r["primary_topic"]["id"], r["topics"][0]["id"]);
    EXPECT_FALSE(r["primary_topic"]["subfield"]["display_name"].get<std::string>().empty());
    EXPECT_FALSE(r["primary_topic"]["field"]["display_name"].get<std::string>().empty());
    EXPECT_FALSE(r["concepts"].empty());
    EXPECT_EQ(r["referenced_works_count"].get<size_t>(), r["referenced_works"].size());
    for (const auto& ref : r["referenced_works"]) {
      auto it = year_of.find(ref.get<std::string>());
      if (it == year_of.end()) continue;  // outside the corpus, as in real snapshots
      ++internal_refs;
      EXPECT_LT(it->second, year) << "a work cites only works from earlier years";
    }
    // The inverted index covers positions 0..n-1 exactly once.
    std::vector<int> positions;
    for (const auto& [word, at] : r["abstract_inverted_index"].items()) {
      for (int p : at) positions.push_back(p);
    }
    std::sort(positions.begin(), positions.end());
    ASSERT_FALSE(positions.empty());
    for (size_t i = 0; i < positions.size(); ++i) ASSERT_EQ(positions[i], static_cast<int>(i));
  }
  EXPECT_GT(with_orcid, 0u);
  EXPECT_GT(internal_refs, records.size());
  fs::remove_all(dir);
}

TEST(DemoCorpus, JsonlLayoutPlainAndGzip) {
  for (bool gzip : {false, true}) {
    const std::string dir = testing::MakeTempDir("demo-jsonl");
    CorpusOptions o = SmallOptions(dir, 3);
    o.layout = Layout::kJsonl;
    o.gzip = gzip;
    o.abstracts = !gzip;  // the lean variant for big benchmark corpora
    ASSERT_TRUE(GenerateCorpus(o).ok());
    EXPECT_TRUE(fs::exists(fs::path(dir) / (gzip ? "part_000.jsonl.gz" : "part_000.jsonl")));
    EXPECT_FALSE(fs::exists(fs::path(dir) / "data"));
    const auto records = AllRecords(dir);
    EXPECT_EQ(records.size(), 2000u);
    for (const auto& r : records) {
      ASSERT_EQ(r["abstract_inverted_index"].is_null(), gzip) << r["id"];
    }
    fs::remove_all(dir);
  }
}

TEST(DemoCorpus, RefusesForeignDirectoryButReplacesItsOwn) {
  const std::string dir = testing::MakeTempDir("demo-dir");
  ASSERT_TRUE(GenerateCorpus(SmallOptions(dir, 1)).ok());
  EXPECT_TRUE(GenerateCorpus(SmallOptions(dir, 2)).ok()) << "re-generating over a demo corpus is allowed";
  std::ofstream(fs::path(dir) / "thesis.tex") << "precious";
  auto again = GenerateCorpus(SmallOptions(dir, 3));
  EXPECT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kInvalidInput);
  EXPECT_TRUE(fs::exists(fs::path(dir) / "thesis.tex"));
  EXPECT_TRUE(fs::exists(fs::path(dir) / "data/works/manifest")) << "nothing is deleted on refusal";
  fs::remove_all(dir);
}

TEST(DemoWorld, CitationsAreHeavyTailed) {
  // Per-author citation sums (each work's cited_by_count credited to each of
  // its authors), as a scoring engine would compute them.
  WorldOptions o;
  o.seed = 11;
  o.authors = 5000;
  const World world = BuildWorld(o);
  std::vector<int64_t> per_author(world.people.size(), 0);
  for (uint32_t w = 0; w < world.num_works(); ++w) {
    for (uint64_t k = world.work_author_begin[w]; k < world.work_author_begin[w + 1]; ++k) {
      per_author[world.work_authors[k]] += world.work_cited_by[w];
    }
  }
  std::sort(per_author.rbegin(), per_author.rend());
  const double total = static_cast<double>(std::accumulate(per_author.begin(), per_author.end(), int64_t{0}));
  const size_t top = per_author.size() / 100;
  const double top_share = std::accumulate(per_author.begin(), per_author.begin() + top, int64_t{0}) / total;
  EXPECT_GT(top_share, 0.08) << "top 1% of authors should hold many times their 1% head count";
  EXPECT_GT(per_author.front(), 20 * per_author[per_author.size() / 2]) << "max vs median author";
  // Productivity is heavy-tailed too.
  std::vector<int> works(world.people.size(), 0);
  for (uint32_t p : world.work_authors) ++works[p];
  std::sort(works.rbegin(), works.rend());
  EXPECT_GT(works.front(), 5 * works[works.size() / 2]);
}

TEST(DemoWorld, CareersHaveMovesAdvisorChainsAndCollaborators) {
  WorldOptions o;
  o.seed = 12;
  o.authors = 3000;
  const World world = BuildWorld(o);
  size_t movers = 0, to_company_late = 0, chains = 0, with_collaborators = 0;
  for (const Person& p : world.people) {
    movers += p.spells.size() > 1;
    for (size_t i = 1; i < p.spells.size(); ++i) {
      EXPECT_GT(p.spells[i].from_year, p.spells[i - 1].from_year);
      EXPECT_NE(p.spells[i].lab, p.spells[i - 1].lab);
      to_company_late += p.spells[i].from_year >= 2018 && Labs()[p.spells[i].lab].type == "company";
    }
    if (p.advisor != kNoPerson) {
      const Person& adv = world.people[p.advisor];
      EXPECT_LE(adv.start_year, p.start_year - 6);
      chains += adv.advisor != kNoPerson;
    }
    with_collaborators += !p.collaborators.empty();
  }
  EXPECT_GT(movers, world.people.size() / 10);
  EXPECT_GT(to_company_late, 50u);
  EXPECT_GT(chains, 100u);
  EXPECT_GT(with_collaborators, world.people.size() / 3);
}

}  // namespace
}  // namespace st::demo
