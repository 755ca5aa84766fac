// The graph built from REAL data (../shared/data) checked against numbers
// recomputed here from the raw JSON with nlohmann::json (independent of the
// simdjson readers and of the builder).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "base/names.h"
#include "base/test_paths.h"
#include "corpus/reader.h"
#include "corpus/corpus_test_util.h"
#include "graph/builder.h"
#include "graph/graph_test_util.h"
#include "graph/view.h"

namespace st::graph {
namespace {

using nlohmann::json;

using corpus::testing::Gunzip;

std::string Short(const std::string& url) { return url.substr(url.rfind('/') + 1); }

std::shared_ptr<const GraphView> Build(const std::vector<std::string>& paths, const std::string& dir,
                                       const std::string& labs = "") {
  return testing::BuildTestGraph(paths, dir, BuildOptions{labs, 2});
}

struct RawAuthor {
  std::string name;
  std::set<std::string> works;
  int64_t citations = 0;
  int latest_year = 0;
  std::set<std::string> latest_insts;  // institutions given in the latest year with any
  std::set<std::string> coauthors;     // on works with <= 100 authors
};

TEST(RealDataTest, OpenAlexSnapshotMatchesRawJson) {
  ST_SKIP_IF_NO_SHARED_DATA(data);
  std::string snapshot = data + "/openalex/snapshot";
  std::map<std::string, RawAuthor> raw;
  std::set<std::string> work_ids;
  int64_t total_citations = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(snapshot + "/data/works")) {
    if (e.path().extension() != ".gz") continue;
    std::string text = Gunzip(e.path().string());
    size_t pos = 0;
    while (pos < text.size()) {
      size_t end = text.find('\n', pos);
      if (end == std::string::npos) end = text.size();
      std::string line = text.substr(pos, end - pos);
      pos = end + 1;
      if (line.empty()) continue;
      json w = json::parse(line);
      std::string wid = Short(w["id"].get<std::string>());
      work_ids.insert(wid);
      int64_t cites = w.value("cited_by_count", 0);
      total_citations += cites;
      int year = w["publication_year"].is_number() ? w["publication_year"].get<int>() : 0;
      const json& auths = w["authorships"];
      std::vector<std::string> ids;
      for (const json& a : auths)
        if (a["author"]["id"].is_string()) ids.push_back(Short(a["author"]["id"].get<std::string>()));
      for (const json& a : auths) {
        if (!a["author"]["id"].is_string()) continue;
        RawAuthor& r = raw[Short(a["author"]["id"].get<std::string>())];
        r.name = a["author"].value("display_name", "");
        if (!r.works.insert(wid).second) continue;
        r.citations += cites;
        std::set<std::string> insts;
        for (const json& i : a["institutions"])
          if (i["id"].is_string()) insts.insert(Short(i["id"].get<std::string>()));
        if (!insts.empty() && year > r.latest_year) r.latest_year = year, r.latest_insts.clear();
        if (!insts.empty() && year == r.latest_year) r.latest_insts.insert(insts.begin(), insts.end());
        if (ids.size() <= 100)
          for (const auto& other : ids)
            if (other != Short(a["author"]["id"].get<std::string>())) r.coauthors.insert(other);
      }
    }
  }
  ASSERT_EQ(work_ids.size(), 100u) << "the snapshot README promises 100 works";

  std::string dir = st::testing::MakeTempDir("real-openalex");
  auto g = Build({snapshot}, dir);
  ASSERT_TRUE(g);
  EXPECT_EQ(g->num_works(), work_ids.size());
  int64_t graph_citations = 0;
  for (WorkId w = 0; w < g->num_works(); ++w) graph_citations += std::max(0, g->Work(w).cited_by_count);
  EXPECT_EQ(graph_citations, total_citations);

  // The authors with the most works, and a sample of others.
  std::vector<std::pair<size_t, std::string>> by_works;
  for (const auto& [id, r] : raw) by_works.emplace_back(r.works.size(), id);
  std::sort(by_works.rbegin(), by_works.rend());
  int checked = 0;
  for (size_t i = 0; i < by_works.size() && checked < 12; i += (i < 5 ? 1 : 23), ++checked) {
    const std::string& id = by_works[i].second;
    const RawAuthor& r = raw[id];
    AuthorId a = g->FindAuthorByExternalId(id);
    ASSERT_NE(a, kNone) << id;
    // A person OpenAlex split under two ids may be joined here; compare per id
    // only when the graph kept this id alone.
    std::set<std::string> graph_works;
    int64_t graph_cites = 0;
    for (WorkId w : g->AuthorWorks(a)) {
      graph_works.insert(std::string(g->WorkSourceId(w)));
      graph_cites += std::max(0, g->Work(w).cited_by_count);
    }
    EXPECT_TRUE(std::includes(graph_works.begin(), graph_works.end(), r.works.begin(), r.works.end())) << id;
    if (g->AuthorIdentity(a).reason.find("name +") == std::string_view::npos) {
      EXPECT_EQ(graph_works, r.works) << id << " " << r.name;
      EXPECT_EQ(graph_cites, r.citations) << id << " " << r.name;
      // Co-authors as people: raw ids mapped through the id index (OpenAlex
      // sometimes lists one person twice on a paper, e.g. "Thomas F. Stocker"
      // and "T. F. Stocker"; the graph makes them one). Authorships without
      // an OpenAlex id are not in the raw set.
      std::set<AuthorId> expected, got;
      for (const auto& other : r.coauthors) expected.insert(g->FindAuthorByExternalId(other));
      for (const CoauthorEdge& e : g->Coauthors(a))
        if (!g->AuthorOpenAlexId(e.author).empty()) got.insert(e.author);
      EXPECT_EQ(got, expected) << id << " " << r.name;
    }
    InstId cur = g->AuthorCurrentInstitution(a);
    if (r.latest_insts.empty()) {
      EXPECT_EQ(cur, kNone) << id;
    } else {
      ASSERT_NE(cur, kNone) << id;
      EXPECT_TRUE(r.latest_insts.count(std::string(g->InstOpenAlexId(cur))))
          << id << " " << r.name << ": current " << g->InstName(cur) << " not among the "
          << r.latest_year << " institutions";
    }
  }
  std::filesystem::remove_all(dir);
}

// Paper lists: people by OpenReview id across two venues, recomputed from raw.
// ICLR 2023's list carries no ids, so a person's works there come from
// identity resolution (name + evidence); ICML 2023's carry them.
TEST(RealDataTest, PaperListsOpenReviewIdsMatchRawJson) {
  ST_SKIP_IF_NO_SHARED_DATA(data);
  std::vector<std::string> files = {data + "/paperlists/iclr2023.json.gz", data + "/paperlists/icml2023.json.gz"};
  std::map<std::string, std::set<std::string>> papers_of;  // ~id -> venue:paper ids
  std::map<std::string, std::set<std::string>> names_of;   // ~id -> the names written beside it
  std::map<std::string, std::vector<std::string>> idless;  // venue:paper id -> author names without an id
  auto split = [](const std::string& s, char sep) {
    std::vector<std::string> out;
    for (size_t pos = 0; pos <= s.size();) {
      size_t end = std::min(s.find(sep, pos), s.size());
      size_t b = s.find_first_not_of(' ', pos);
      out.push_back(b < end ? s.substr(b, s.find_last_not_of(' ', end - 1) + 1 - b) : "");
      pos = end + 1;
    }
    return out;
  };
  size_t rows = 0;
  for (const auto& f : files) {
    json arr = json::parse(Gunzip(f));
    std::string venue = std::filesystem::path(f).stem().stem().string();
    for (const json& p : arr) {
      ++rows;
      const std::string work = venue + ":" + p.value("id", "");
      std::vector<std::string> ids, names;
      if (p.contains("authorids") && p["authorids"].is_string()) ids = split(p["authorids"].get<std::string>(), ';');
      if (p.contains("author") && p["author"].is_string()) names = split(p["author"].get<std::string>(), ';');
      else if (p.contains("authors") && p["authors"].is_string()) names = split(p["authors"].get<std::string>(), ',');
      for (const std::string& id : ids)
        if (!id.empty() && id[0] == '~') papers_of[id].insert(work);
      for (size_t k = 0; k < names.size(); ++k) {
        const std::string id = ids.size() == names.size() ? ids[k] : "";
        if (!id.empty() && id[0] == '~') names_of[id].insert(names[k]);
        else if (!names[k].empty()) idless[work].push_back(names[k]);
      }
    }
  }
  ASSERT_GT(papers_of.size(), 1000u);
  std::string dir = st::testing::MakeTempDir("real-paperlists");
  auto g = Build(files, dir);
  ASSERT_TRUE(g);
  // Rows without authors may be skipped by the reader; every paper with an
  // OpenReview id is a work.
  std::set<std::string> with_ids;
  for (const auto& [id, ps] : papers_of) with_ids.insert(ps.begin(), ps.end());
  EXPECT_LE(g->num_works(), rows);
  EXPECT_GE(g->num_works(), with_ids.size());
  std::vector<std::pair<size_t, std::string>> by_papers;
  for (const auto& [id, ps] : papers_of) by_papers.emplace_back(ps.size(), id);
  std::sort(by_papers.rbegin(), by_papers.rend());
  size_t joined_by_name = 0;
  for (size_t i = 0; i < by_papers.size() && i < 2000; i += (i < 5 ? 1 : 250)) {
    const std::string& id = by_papers[i].second;
    AuthorId a = g->FindAuthorByExternalId(id);
    ASSERT_NE(a, kNone) << id;
    EXPECT_EQ(g->AuthorOpenReviewId(a), id);
    // Works: exactly the raw papers with this id (ids are never split), plus
    // papers that name this person without an id, joined by name + evidence
    // (or by a name too rare in the corpus for two people).
    std::set<std::string> works;
    for (WorkId w : g->AuthorWorks(a)) works.insert(std::string(g->WorkSourceId(w)));
    EXPECT_TRUE(std::includes(works.begin(), works.end(), papers_of[id].begin(), papers_of[id].end())) << id;
    const std::string_view reason = g->AuthorIdentity(a).reason;
    for (const std::string& w : works) {
      if (papers_of[id].count(w)) continue;
      bool named = false;
      for (const std::string& n : idless[w])
        for (const std::string& own : names_of[id])
          named |= NamesCompatible(NormalizePersonName(n), NormalizePersonName(own));
      EXPECT_TRUE(named) << id << ": " << w << " names nobody with a name written beside this id";
      EXPECT_TRUE(reason.find("name + ") != std::string_view::npos || reason.find("a rare name") != std::string_view::npos)
          << id << ": " << w << " joined without evidence: " << reason;
      ++joined_by_name;
    }
    EXPECT_NE(reason.find("OpenReview " + id), std::string_view::npos) << id;
  }
  EXPECT_GT(joined_by_name, 0u) << "no ICLR 2023 paper joined to an ICML 2023 id: the case above is untested";
  std::filesystem::remove_all(dir);
}

// Organisations from paper-list affiliations: people whose every affiliation
// (raw, author-aligned rows) names DeepMind are at Google DeepMind even though
// many write from google.com, and people only ever at Stanford University stay
// there whatever address they use.
TEST(RealDataTest, PaperListOrganisationsFollowTheAffiliationName) {
  ST_SKIP_IF_NO_SHARED_DATA(data);
  std::vector<std::string> files;
  for (const char* f : {"iclr2023", "icml2023", "icml2024", "emnlp2023", "colm2024"})
    files.push_back(data + "/paperlists/" + f + ".json.gz");
  auto split = [](const std::string& s) {
    std::vector<std::string> out;
    for (size_t pos = 0; pos <= s.size();) {
      size_t end = std::min(s.find(';', pos), s.size());
      size_t b = s.find_first_not_of(' ', pos);
      out.push_back(b < end ? s.substr(b, s.find_last_not_of(' ', end - 1) + 1 - b) : "");
      pos = end + 1;
    }
    return out;
  };
  std::map<std::string, std::set<std::string>> affs_of;  // ~id -> raw affiliations
  for (const auto& f : files) {
    for (const json& p : json::parse(Gunzip(f))) {
      if (!p.contains("author") || !p.contains("aff") || !p.contains("authorids") || !p["aff"].is_string()) continue;
      auto names = split(p["author"].get<std::string>()), affs = split(p["aff"].get<std::string>()),
           ids = split(p["authorids"].get<std::string>());
      if (names.size() != affs.size() || ids.size() != names.size()) continue;
      for (size_t i = 0; i < ids.size(); ++i)
        if (!ids[i].empty() && ids[i][0] == '~' && !affs[i].empty()) affs_of[ids[i]].insert(affs[i]);
    }
  }
  auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  std::vector<std::string> deepmind, stanford;
  for (const auto& [id, affs] : affs_of) {
    bool all_dm = true, all_su = true;
    for (const std::string& a : affs) {
      const std::string l = lower(a);
      all_dm &= (l == "deepmind" || l == "google deepmind");
      all_su &= a == "Stanford University";
    }
    if (all_dm) deepmind.push_back(id);
    if (all_su) stanford.push_back(id);
  }
  ASSERT_GT(deepmind.size(), 50u);
  ASSERT_GT(stanford.size(), 50u);
  std::string dir = st::testing::MakeTempDir("real-orgs");
  auto g = Build(files, dir);
  ASSERT_TRUE(g);
  auto org_of = [&](const std::string& id) {
    AuthorId a = g->FindAuthorByExternalId(id);
    InstId i = a == kNone ? kNone : g->AuthorCurrentInstitution(a);
    return i == kNone ? std::string("?") : std::string(g->InstOrg(i));
  };
  for (const std::string& id : deepmind) EXPECT_EQ(org_of(id), "Google DeepMind") << id;
  for (const std::string& id : stanford) EXPECT_EQ(org_of(id), "Stanford University") << id;
  std::filesystem::remove_all(dir);
}

// Semantic Scholar papers: per S2 author id, papers and citation sums
// recomputed from the raw JSON; one S2 id is one person across papers, and
// the arXiv record of a paper merges with its S2 record by the arXiv id.
TEST(RealDataTest, SemanticScholarPapersMatchRawJson) {
  ST_SKIP_IF_NO_SHARED_DATA(data);
  const std::string papers = data + "/semanticscholar/papers-sample.jsonl";
  ST_SKIP_IF_NO_SHARED_FILE(papers);
  struct RawS2Author {
    std::string name;
    std::set<std::string> works;  // "S2:<corpusid>"
    int64_t citations = 0;
  };
  std::map<std::string, RawS2Author> raw;  // S2 author id -> papers
  std::map<std::string, json> works;
  std::istringstream in(Gunzip(papers));
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    json p = json::parse(line);
    std::string wid = "S2:" + std::to_string(p["corpusid"].get<int64_t>());
    works[wid] = p;
    for (const json& a : p["authors"]) {
      if (!a["authorId"].is_string()) continue;
      RawS2Author& r = raw[a["authorId"].get<std::string>()];
      if (r.name.empty() && a["name"].is_string()) r.name = a["name"].get<std::string>();
      if (r.works.insert(wid).second && p["citationcount"].is_number())
        r.citations += p["citationcount"].get<int64_t>();
    }
  }
  ASSERT_EQ(works.size(), 100u);
  ASSERT_GT(raw.size(), 100u);
  // A sample author with a two-word name reappears on a second S2 paper (a
  // new spelling of the name) that arXiv also lists.
  std::string shared_id;
  for (const auto& [id, r] : raw)
    if (r.works.size() == 1 && r.name.find(' ') != std::string::npos && r.name.find('.') == std::string::npos) {
      shared_id = id;
      break;
    }
  ASSERT_FALSE(shared_id.empty());
  RawS2Author& shared = raw[shared_id];
  const std::string first = shared.name.substr(0, shared.name.find(' '));
  const std::string last = shared.name.substr(shared.name.rfind(' ') + 1);
  std::string dir = st::testing::MakeTempDir("real-s2");
  const std::string extra = dir + "/extra-s2.jsonl", arxiv = dir + "/extra-arxiv.jsonl";
  {
    std::ofstream(extra) << R"({"corpusid":999000001,"externalids":{"ArXiv":"2101.99999","DOI":null},)"
                         << R"("title":"A synthetic paper reusing one sample author","authors":[{"authorId":")"
                         << shared_id << R"(","name":")" << first.substr(0, 1) << ". " << last
                         << R"("},{"authorId":null,"name":"Zed Quill"}],"year":2021,"citationcount":7})" << "\n";
    std::ofstream(arxiv) << R"({"id":"2101.99999","submitter":"x","title":"A synthetic paper, arXiv version",)"
                         << R"("authors_parsed":[[")" << last << R"(",")" << first
                         << R"(",""],["Quill","Zed",""]],"versions":[{"created":"Mon, 4 Jan 2021 10:00:00 GMT"}],)"
                         << R"("categories":"cs.LG"})" << "\n";
  }
  shared.works.insert("S2:999000001");
  shared.citations += 7;
  std::filesystem::create_directory(dir + "/graph");
  auto g = Build({papers, extra, arxiv}, dir + "/graph");
  ASSERT_TRUE(g);
  EXPECT_EQ(g->num_works(), 101u);  // the arXiv record is the extra S2 paper
  WorkId merged = g->FindWorkBySourceId("S2:999000001");
  ASSERT_NE(merged, kNone);
  EXPECT_EQ(g->FindWorkBySourceId("arXiv:2101.99999"), merged);
  EXPECT_EQ(g->WorkSourceId(merged), "S2:999000001");  // S2 is primary over arXiv
  EXPECT_EQ(g->Work(merged).cited_by_count, 7);
  for (const auto& [wid, p] : works) {
    WorkId w = g->FindWorkBySourceId(wid);
    ASSERT_NE(w, kNone) << wid;
    EXPECT_EQ(g->WorkTitle(w), p["title"].get<std::string>()) << wid;
    std::string doi = p["externalids"]["DOI"].is_string() ? p["externalids"]["DOI"].get<std::string>() : "";
    std::transform(doi.begin(), doi.end(), doi.begin(), [](unsigned char c) { return std::tolower(c); });
    EXPECT_EQ(g->WorkDoi(w), doi) << wid;
    if (!doi.empty()) {
      EXPECT_EQ(g->FindWorkBySourceId(doi), w) << wid;
    }
  }
  std::set<AuthorId> people;
  for (const auto& [id, r] : raw) {
    SCOPED_TRACE("S2:" + id);
    AuthorId a = g->FindAuthorByExternalId("S2:" + id);
    ASSERT_NE(a, kNone);
    EXPECT_EQ(g->FindAuthorByExternalId("s2:" + id), a);
    EXPECT_EQ(g->FindAuthorByExternalId("https://www.semanticscholar.org/author/" + id), a);
    people.insert(a);
    std::set<std::string> got;
    int64_t citations = 0;
    for (WorkId w : g->AuthorWorks(a)) {
      got.insert(std::string(g->WorkSourceId(w)));
      citations += std::max(0, g->Work(w).cited_by_count);
    }
    EXPECT_EQ(got, r.works);
    EXPECT_EQ(citations, r.citations);
    EXPECT_TRUE(g->AuthorOpenAlexId(a).empty());
    EXPECT_NE(g->AuthorIdentity(a).reason.find("Semantic Scholar S2:" + id), std::string_view::npos)
        << g->AuthorIdentity(a).reason;
  }
  EXPECT_EQ(people.size(), raw.size());  // distinct S2 ids stay distinct people
  // The arXiv mention (no id) is the same person, not a second one.
  EXPECT_EQ(g->FindAuthorsByName(first + " " + last), std::vector<AuthorId>{g->FindAuthorByExternalId("S2:" + shared_id)});
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace st::graph
