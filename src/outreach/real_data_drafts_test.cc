// Drafts on the real paper lists (../shared/data): for authors of ICLR/ICML 2023, every cited title is one of
// the author's own papers and every "finding" is the source's own words (abstract sentence or keywords),
// both checked against the raw JSON; no draft carries an unresolved field other than a salutation for a
// name that starts with an initial.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "base/names.h"
#include "base/test_paths.h"
#include "base/test_require.h"
#include "corpus/reader.h"
#include "corpus/corpus_test_util.h"
#include "graph/graph_test_util.h"
#include "graph/view.h"
#include "outreach/draft_facts.h"

namespace st::outreach {
namespace {

using corpus::testing::Gunzip;

struct RawPaper {
  std::set<std::string> authors;  // normalised names
  std::string keywords, abstract;
};

TEST(RealDataDrafts, CitedPapersAreTheAuthorsOwnAndNothingIsInvented) {
  const std::string data = st::testing::SharedDataDir();
  if (data.empty()) ST_SKIP_OR_FAIL() << "../shared/data is absent (set ST_SHARED_DATA)";
  const std::vector<std::string> files = {data + "/paperlists/iclr2023.json.gz", data + "/paperlists/icml2023.json.gz"};
  for (const auto& f : files)
    if (!std::filesystem::exists(f)) ST_SKIP_OR_FAIL() << f << " is absent";
  // The raw JSON, read independently of our readers.
  std::multimap<std::string, RawPaper> raw;
  for (const auto& f : files) {
    auto doc = nlohmann::json::parse(Gunzip(f), nullptr, false);
    ASSERT_TRUE(doc.is_array()) << f;
    for (const auto& p : doc) {
      RawPaper r;
      // `author` is ';'-separated (OpenReview years), `authors` ', '-separated (data/README.md).
      std::string names = p.value("author", "");
      if (names.empty()) names = p.value("authors", "");
      const std::string sep = names.find(';') != std::string::npos ? ";" : ", ";
      for (size_t start = 0; start <= names.size();) {
        size_t cut = names.find(sep, start);
        std::string one = names.substr(start, cut == std::string::npos ? std::string::npos : cut - start);
        if (!TrimSpace(one).empty()) r.authors.insert(NormalizePersonName(one));
        if (cut == std::string::npos) break;
        start = cut + sep.size();
      }
      r.keywords = p.value("keywords", "");
      r.abstract = p.value("abstract", "");
      raw.emplace(TrimSpace(p.value("title", "")), std::move(r));
    }
  }
  const std::string dir = st::testing::MakeTempDir("real-drafts");
  auto g = graph::testing::BuildTestGraph(files, dir);
  ASSERT_NE(g, nullptr);
  auto templates = LoadTemplates(DefaultTemplateDir());
  ASSERT_TRUE(templates.ok());

  int drafts = 0, cited = 0, initials = 0;
  for (graph::AuthorId a = 0; a < g->num_authors() && drafts < 400; a += 37) {
    DraftFacts f;
    f.name = DisplayPersonName(g->AuthorName(a));
    f.first_name = FirstNameOf(f.name);
    f.sender_name = "Sam Chief";
    f.sender_first_name = "Sam";
    f.lab_name = "Frontier Lab";
    f.offer_themes = {"compute"};
    AddGraphFacts(*g, a, {}, f);
    auto d = RenderDraft(*templates, DraftKind::kFirst, f);
    ASSERT_TRUE(d.ok());
    ++drafts;
    for (const std::string& u : d->unresolved) {
      EXPECT_EQ(u, "first_name") << f.name;
      ++initials;
    }
    const std::string me = NormalizePersonName(f.name);
    for (const PaperFact& p : f.papers) {
      ++cited;
      auto [lo, hi] = raw.equal_range(p.title);
      bool mine = false, said = false;
      for (auto it = lo; it != hi; ++it) {
        // The paper may spell the person's name another way ("Andrew Dai" for "Andrew M. Dai"): identity joined them.
        bool named = it->second.authors.count(me) > 0;
        for (const std::string& author : it->second.authors) named = named || NamesCompatible(author, me);
        if (!named) continue;
        mine = true;
        const std::string& finding = p.finding;
        if (finding.rfind("keywords: ", 0) == 0) {
          // Each keyword comes from the raw keywords of that paper.
          said = true;
          std::string rest = finding.substr(10);
          for (size_t s = 0; s <= rest.size();) {
            size_t c = rest.find(", ", s);
            std::string kw = rest.substr(s, c == std::string::npos ? std::string::npos : c - s);
            // The graph keeps one spelling per keyword across papers ("NeRF" / "nerf"): compare folded.
            said = said && FoldText(it->second.keywords).find(FoldText(kw)) != std::string::npos;
            if (c == std::string::npos) break;
            s = c + 2;
          }
        } else {
          std::string sentence = finding.substr(1, finding.size() - 2);  // without the quotes
          if (sentence.size() > 3 && sentence.substr(sentence.size() - 3) == "…") sentence.resize(sentence.size() - 3);
          std::string flat;
          for (char c : it->second.abstract) {
            const char x = (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
            if (!(x == ' ' && !flat.empty() && flat.back() == ' ')) flat += x;
          }
          said = flat.find(sentence.substr(0, 60)) != std::string::npos;
        }
      }
      EXPECT_TRUE(mine) << f.name << " is not an author of \"" << p.title << "\" in the raw JSON";
      EXPECT_TRUE(said) << "\"" << p.finding << "\" is not what the source says about \"" << p.title << "\"";
    }
  }
  std::filesystem::remove_all(dir);
  EXPECT_GE(drafts, 300);
  EXPECT_GE(cited, 100) << "too few drafts cite a paper to mean anything";
  RecordProperty("drafts", drafts);
  RecordProperty("cited_papers", cited);
  RecordProperty("initial_only_names", initials);
}

}  // namespace
}  // namespace st::outreach
