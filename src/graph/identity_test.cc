// Identity resolution as a case table: each case builds a small graph and
// states which authorships must (or must not) be the same person.
#include <gtest/gtest.h>

#include "base/test_paths.h"
#include "graph/builder.h"
#include "graph/test_records.h"
#include "graph/union_find.h"
#include "graph/view.h"

namespace st::graph {
namespace {

using corpus::Source;
using testing::TA;
using testing::TW;

struct Same {
  int work_a, slot_a, work_b, slot_b;
  bool same;
};

struct IdentityCase {
  const char* label;
  std::vector<TW> works;
  std::vector<Same> expect;
  const char* reason_of_first = nullptr;  // substring expected in work 0 slot 0's reason
};

const TA kAlice{"Alice Brown"};
const TA kBob{"Bob Lee"};
const TA kCarl{"Carl Dean"};

std::vector<IdentityCase> Cases() {
  return {
      {"same ORCID joins different spellings",
       {{"W1", 2020, {{"John Smith", "", "0000-0001-0000-0001"}, kAlice}},
        {"W2", 2021, {{"J. Smith", "", "https://orcid.org/0000-0001-0000-0001"}, kCarl}}},
       {{0, 0, 1, 0, true}}, "ORCID 0000-0001-0000-0001"},
      {"same OpenAlex id joins",
       {{"W1", 2020, {{"Yann LeCun", "A1"}, kBob}}, {"W2", 2022, {{"Y. LeCun", "https://openalex.org/A1"}}}},
       {{0, 0, 1, 0, true}}, "OpenAlex A1"},
      {"OpenReview id joins across venues",
       {{"iclr2021:a", 2021, {{"John Smith", "", "", "~John_Smith1"}}, Source::kPaperList},
        {"icml2023:b", 2023, {{"John Smith", "", "", "~John_Smith1"}}, Source::kPaperList}},
       {{0, 0, 1, 0, true}}, "OpenReview ~John_Smith1"},
      {"name + shared co-author joins arXiv initials",
       {{"arXiv:1", 2019, {{"John Smith"}, kAlice}, Source::kArxiv},
        {"arXiv:2", 2020, {{"Smith, J."}, kAlice}, Source::kArxiv}},
       {{0, 0, 1, 0, true}}, "name + 1 shared co-author"},
      {"same name, disjoint co-authors and affiliations: two people",
       {{"arXiv:1", 2019, {{"John Smith", "", "", "", "", "", "MIT"}, kAlice}, Source::kArxiv},
        {"arXiv:2", 2020, {{"John Smith", "", "", "", "", "", "Tsinghua University"}, kBob}, Source::kArxiv}},
       {{0, 0, 1, 0, false}}, "name only (arXiv)"},
      {"same name + same institution joins",
       {{"W1", 2019, {{"Wei Wang", "", "", "", "", "I42", "Peking University"}, kAlice}},
        {"W2", 2021, {{"Wei Wang", "", "", "", "", "I42", "Peking University"}, kBob}}},
       {{0, 0, 1, 0, true}}, "same affiliation (Peking University)"},
      {"\"Last, First\" and accents fold to one name",
       {{"W1", 2019, {{"Müller, José"}, kAlice}}, {"W2", 2020, {{"Jose Muller"}, kAlice}}},
       {{0, 0, 1, 0, true}}},
      {"different ORCIDs never join, even with a shared co-author",
       {{"W1", 2019, {{"John Smith", "", "0000-0001-0000-0001"}, kAlice}},
        {"W2", 2020, {{"John Smith", "", "0000-0002-0000-0002"}, kAlice}}},
       {{0, 0, 1, 0, false}}},
      {"different OpenReview ids never join",
       {{"iclr2021:a", 2021, {{"John Smith", "", "", "~John_Smith1"}, kAlice}, Source::kPaperList},
        {"iclr2021:b", 2021, {{"John Smith", "", "", "~John_Smith2"}, kAlice}, Source::kPaperList}},
       {{0, 0, 1, 0, false}}},
      {"incompatible given names stay apart (Jane vs John)",
       {{"arXiv:1", 2019, {{"Jane Smith"}, kAlice}, Source::kArxiv},
        {"arXiv:2", 2020, {{"John Smith"}, kAlice}, Source::kArxiv}},
       {{0, 0, 1, 0, false}}},
      {"same e-mail joins",
       {{"nips2019:a", 2019, {{"J Smith", "", "", "", "JS@cs.example.edu"}}, Source::kPaperList},
        {"nips2020:b", 2020, {{"John Smith", "", "", "", "js@cs.example.edu"}}, Source::kPaperList}},
       {{0, 0, 1, 0, true}}},
      {"same institutional e-mail domain joins",
       {{"nips2019:a", 2019, {{"John Smith", "", "", "", "a@mit.edu"}, kAlice}, Source::kPaperList},
        {"nips2020:b", 2020, {{"John Smith", "", "", "", "b@mit.edu"}, kBob}, Source::kPaperList}},
       {{0, 0, 1, 0, true}}, "same e-mail domain"},
      {"webmail domain is no evidence",
       {{"nips2019:a", 2019, {{"John Smith", "", "", "", "a@gmail.com"}, kAlice}, Source::kPaperList},
        {"nips2020:b", 2020, {{"John Smith", "", "", "", "b@gmail.com"}, kBob}, Source::kPaperList}},
       {{0, 0, 1, 0, false}}},
      {"two OpenAlex ids with one shared co-author stay apart",
       {{"W1", 2019, {{"John Smith", "A1"}, {"Alice Brown", "A9"}}},
        {"W2", 2020, {{"John Smith", "A2"}, {"Alice Brown", "A9"}}}},
       {{0, 0, 1, 0, false}, {0, 1, 1, 1, true}}},
      {"an e-mail on an incompatible name is no join (misaligned id lists)",
       {{"nips2018:a", 2018, {{"Yoshua Bengio", "", "", "", "x@mila.quebec"}}, Source::kPaperList},
        {"nips2018:b", 2018, {{"Sergey Levine", "", "", "", "x@mila.quebec"}}, Source::kPaperList}},
       {{0, 0, 1, 0, false}}},
      {"an OpenReview id naming someone else is ignored",
       {{"iclr2021:a", 2021, {{"Sergey Levine", "", "", "~Yoshua_Bengio1"}}, Source::kPaperList},
        {"iclr2021:b", 2021, {{"Yoshua Bengio", "", "", "~Yoshua_Bengio1"}}, Source::kPaperList}},
       {{0, 0, 1, 0, false}}, "name only (paper list)"},
      {"same paper in OpenAlex and a paper list: one work, one person each",
       {{"W1", 2020, {{"John Smith", "A1"}, {"Alice Brown", "A2"}}, Source::kOpenAlex,
         "Attention Is All You Need For Testing"},
        {"iclr2020:x", 2020, {{"John Smith", "", "", "~John_Smith1"}, {"Alice Brown", "", "", "~Alice_Brown1"}},
         Source::kPaperList, "Attention is all you need for testing!"}},
       {{0, 0, 1, 0, true}, {0, 1, 1, 1, true}, {0, 0, 1, 1, false}}},
  };
}

class IdentityTest : public ::testing::TestWithParam<IdentityCase> {};

TEST_P(IdentityTest, Resolves) {
  const IdentityCase& c = GetParam();
  GraphBuilder builder;
  for (const TW& w : c.works) builder.Add(testing::ToRecord(w));
  std::string dir = st::testing::MakeTempDir("identity");
  ASSERT_TRUE(builder.Write(dir).ok());
  auto view = GraphView::Open(dir);
  ASSERT_TRUE(view.ok()) << view.status().ToString();
  const GraphView& g = **view;
  auto author_at = [&](int work, int slot) -> AuthorId {
    WorkId w = g.FindWorkBySourceId(c.works[work].id);
    EXPECT_NE(w, kNone) << c.works[work].id;
    if (w == kNone) return kNone;
    // Slots follow the primary record; find this record's author by name.
    auto slots = g.WorkAuthors(w);
    EXPECT_LT(static_cast<size_t>(slot), slots.size());
    return slot < static_cast<int>(slots.size()) ? slots[slot].author : kNone;
  };
  for (const Same& s : c.expect) {
    AuthorId a = author_at(s.work_a, s.slot_a), b = author_at(s.work_b, s.slot_b);
    EXPECT_EQ(a == b, s.same) << c.label << ": work " << s.work_a << " slot " << s.slot_a << " vs work "
                              << s.work_b << " slot " << s.slot_b << " (" << g.AuthorName(a) << " / "
                              << g.AuthorName(b) << ")";
  }
  if (c.reason_of_first) {
    AuthorId a = author_at(0, 0);
    IdentityInfo info = g.AuthorIdentity(a);
    EXPECT_NE(info.reason.find(c.reason_of_first), std::string_view::npos)
        << c.label << ": reason was '" << info.reason << "'";
    EXPECT_GT(info.confidence, 0.0f);
    EXPECT_LE(info.confidence, 1.0f);
  }
  std::filesystem::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Cases, IdentityTest, ::testing::ValuesIn(Cases()),
                         [](const auto& info) { return "case" + std::to_string(info.index); });

TEST(IdentityTest, RejectedIdIsNotIndexedUnderTheWrongPerson) {
  GraphBuilder builder;
  builder.Add(testing::ToRecord({"p:1", 2021, {{"Sergey Levine", "", "", "~Yoshua_Bengio1"}}, Source::kPaperList}));
  builder.Add(testing::ToRecord({"p:2", 2021, {{"Yoshua Bengio", "", "", "~Yoshua_Bengio1"}}, Source::kPaperList}));
  std::string dir = st::testing::MakeTempDir("identity-reject");
  ASSERT_TRUE(builder.Write(dir).ok());
  auto view = GraphView::Open(dir);
  ASSERT_TRUE(view.ok());
  AuthorId a = (*view)->FindAuthorByExternalId("~Yoshua_Bengio1");
  ASSERT_NE(a, kNone);
  EXPECT_EQ((*view)->AuthorName(a), "Yoshua Bengio");
  std::filesystem::remove_all(dir);
}

TEST(IdentityTest, ConfidenceOrdersEvidence) {
  // ORCID-backed identity is surer than a name-only arXiv one.
  GraphBuilder builder;
  builder.Add(testing::ToRecord({"W1", 2020, {{"Ann Orcid", "", "0000-0003-0000-0003"}}}));
  builder.Add(testing::ToRecord({"arXiv:9", 2020, {{"Ben Nameonly"}}, corpus::Source::kArxiv}));
  std::string dir = st::testing::MakeTempDir("identity-conf");
  ASSERT_TRUE(builder.Write(dir).ok());
  auto view = GraphView::Open(dir);
  ASSERT_TRUE(view.ok());
  AuthorId ann = (*view)->FindAuthorByExternalId("https://orcid.org/0000-0003-0000-0003");
  auto bens = (*view)->FindAuthorsByName("ben nameonly");
  ASSERT_NE(ann, kNone);
  ASSERT_EQ(bens.size(), 1u);
  EXPECT_GT((*view)->AuthorIdentity(ann).confidence, (*view)->AuthorIdentity(bens[0]).confidence);
  std::filesystem::remove_all(dir);
}

TEST(IdentityTest, SemanticScholarAuthorIds) {
  auto s2 = [](const testing::TW& w, const char* s2_id) {
    corpus::WorkRecord r = testing::ToRecord(w);
    r.authors[0].s2_id = s2_id;
    return r;
  };
  GraphBuilder builder;
  // One S2 id joins two spellings.
  builder.Add(s2({"S2:1", 2020, {{"Yann LeCun"}, kBob}, Source::kSemanticScholar}, "77"));
  builder.Add(s2({"S2:2", 2022, {{"Y. LeCun"}}, Source::kSemanticScholar}, "77"));
  // Two S2 ids with one shared co-author stay apart, as two OpenAlex ids do.
  builder.Add(s2({"S2:3", 2019, {{"John Smith"}, kAlice}, Source::kSemanticScholar}, "1"));
  builder.Add(s2({"S2:4", 2020, {{"John Smith"}, kAlice}, Source::kSemanticScholar}, "2"));
  // An OpenAlex id and an S2 id do not contradict: one shared co-author joins them.
  builder.Add(testing::ToRecord({"W5", 2021, {{"Carl Dean", "A5"}, kAlice}}));
  builder.Add(s2({"S2:6", 2022, {{"Carl Dean"}, kAlice}, Source::kSemanticScholar}, "3"));
  std::string dir = st::testing::MakeTempDir("identity-s2");
  ASSERT_TRUE(builder.Write(dir).ok());
  auto view = GraphView::Open(dir);
  ASSERT_TRUE(view.ok()) << view.status().ToString();
  const GraphView& g = **view;
  AuthorId yann = g.FindAuthorByExternalId("S2:77");
  ASSERT_NE(yann, kNone);
  EXPECT_EQ(g.FindAuthorByExternalId("s2:77"), yann);
  EXPECT_EQ(g.FindAuthorByExternalId("https://www.semanticscholar.org/author/Yann-LeCun/77"), yann);
  EXPECT_EQ(g.AuthorWorks(yann).size(), 2u);
  EXPECT_TRUE(g.AuthorOpenAlexId(yann).empty());
  EXPECT_NE(g.AuthorIdentity(yann).reason.find("Semantic Scholar S2:77"), std::string_view::npos)
      << g.AuthorIdentity(yann).reason;
  EXPECT_NE(g.FindAuthorByExternalId("S2:1"), g.FindAuthorByExternalId("S2:2"));
  AuthorId carl = g.FindAuthorByExternalId("A5");
  ASSERT_NE(carl, kNone);
  EXPECT_EQ(g.FindAuthorByExternalId("S2:3"), carl);
  EXPECT_EQ(g.AuthorOpenAlexId(carl), "A5");
  const std::string_view reason = g.AuthorIdentity(carl).reason;
  EXPECT_NE(reason.find("OpenAlex A5"), std::string_view::npos) << reason;
  EXPECT_NE(reason.find("Semantic Scholar S2:3"), std::string_view::npos) << reason;
  std::filesystem::remove_all(dir);
}

// A letters-only word unique to i ("qbaaa"), for background names.
std::string Word(int i) {
  std::string w = "Q";
  for (int k = 0; k < 4; ++k, i /= 26) w += static_cast<char>('a' + i % 26);
  return w;
}

// Name rarity needs a corpus large enough to estimate name frequencies: the
// background gives ~6,000 distinct full names, among them 100 given "Wei", 100
// surnamed "Wang" (so "Wei Wang" is expected to be borne by ~1.6 people) and
// 60 each of "Ming" and "Yan" (~0.6 people: neither rare nor common).
TEST(IdentityTest, NameRarityDecidesHowMuchEvidenceJoins) {
  GraphBuilder builder;
  int n = 0;
  auto background = [&](const std::string& name) {
    builder.Add(testing::ToRecord({"BG" + std::to_string(n++), 2020, {{name}}}));
  };
  for (int i = 0; i < 100; ++i) background("Wei " + Word(i)), background(Word(1000 + i) + " Wang");
  for (int i = 0; i < 60; ++i) background("Ming " + Word(2000 + i)), background(Word(3000 + i) + " Yan");
  for (int i = 0; i < 5800; ++i) background(Word(10000 + i) + " " + Word(20000 + i));
  const std::vector<TW> works = {
      // 0, 1: a rare name with disjoint co-authors: one person.
      {"R1", 2019, {{"Zorblat Quaxley"}, kAlice}},
      {"R2", 2022, {{"Zorblat Quaxley"}, kBob}},
      // 2, 3 and 4, 5: a rare name never joins across different ORCIDs or OpenReview ids.
      {"R3", 2019, {{"Vimzo Krettle", "", "0000-0001-0000-0001"}, kCarl}},
      {"R4", 2020, {{"Vimzo Krettle", "", "0000-0002-0000-0002"}, kAlice}},
      {"R5", 2021, {{"Plonk Ardwhistle", "", "", "~Plonk_Ardwhistle1"}}, Source::kPaperList},
      {"R6", 2022, {{"Plonk Ardwhistle", "", "", "~Plonk_Ardwhistle2"}}, Source::kPaperList},
      // 6, 7: a common name with one shared co-author: not enough.
      {"C1", 2019, {{"Wei Wang"}, {"Erin Fox"}}},
      {"C2", 2020, {{"Wei Wang"}, {"Erin Fox"}}},
      // 8, 9: two shared co-authors join a common name.
      {"C3", 2019, {{"Wei Wang"}, {"Gus Hale"}, {"Hal Ives"}}},
      {"C4", 2021, {{"Wei Wang"}, {"Gus Hale"}, {"Hal Ives"}}},
      // 10, 11: one shared co-author and the same institution join it.
      {"C5", 2019, {{"Wei Wang", "", "", "", "", "I7", "Peking University"}, {"Ivy Jones"}}},
      {"C6", 2021, {{"Wei Wang", "", "", "", "", "I7", "Peking University"}, {"Ivy Jones"}}},
      // 12, 13: the same institution alone does not.
      {"C7", 2019, {{"Wei Wang", "", "", "", "", "I8", "Tsinghua University"}}},
      {"C8", 2021, {{"Wei Wang", "", "", "", "", "I8", "Tsinghua University"}}},
      // 14, 15: a middling name joins on one shared co-author...
      {"M1", 2019, {{"Ming Yan"}, {"Kim Park"}}},
      {"M2", 2021, {{"Ming Yan"}, {"Kim Park"}}},
      // 16, 17: ...known by full name: "Yang Liu" and "Yi Liu" are not one co-author.
      {"M3", 2019, {{"Ming Yan"}, {"Yang Liu"}}},
      {"M4", 2021, {{"Ming Yan"}, {"Yi Liu"}}},
  };
  for (const TW& w : works) builder.Add(testing::ToRecord(w));
  std::string dir = st::testing::MakeTempDir("identity-rarity");
  ASSERT_TRUE(builder.Write(dir).ok());
  auto view = GraphView::Open(dir);
  ASSERT_TRUE(view.ok()) << view.status().ToString();
  const GraphView& g = **view;
  auto first_author = [&](int i) {
    WorkId w = g.FindWorkBySourceId(works[i].id);
    EXPECT_NE(w, kNone) << works[i].id;
    return w == kNone ? kNone : g.WorkAuthors(w)[0].author;
  };
  const std::pair<int, bool> expect[] = {{0, true},   {2, false},  {4, false},  {6, false}, {8, true},
                                         {10, true},  {12, false}, {14, true},  {16, false}};
  for (auto [i, same] : expect)
    EXPECT_EQ(first_author(i) == first_author(i + 1), same) << works[i].id << " vs " << works[i + 1].id;
  const std::string_view reason = g.AuthorIdentity(first_author(0)).reason;
  EXPECT_NE(reason.find("a rare name"), std::string_view::npos) << reason;
  std::filesystem::remove_all(dir);
}

// Identity resolution numbers authors by cluster roots taken from the
// union-find in place: every element gets its set's smallest element.
TEST(UnionFindTest, TakeRootsGivesEverySetsSmallestElement) {
  UnionFind uf(8);
  uf.Union(5, 7);
  uf.Union(7, 2);
  uf.Union(6, 3);
  uf.Union(3, 7);  // {2, 3, 5, 6, 7}
  uf.Union(4, 1);
  std::vector<uint32_t> roots = uf.TakeRoots();
  EXPECT_EQ(roots, (std::vector<uint32_t>{0, 1, 2, 2, 1, 2, 2, 2}));
}

}  // namespace
}  // namespace st::graph
