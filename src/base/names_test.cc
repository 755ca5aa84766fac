#include "base/names.h"

#include <gtest/gtest.h>

namespace st {
namespace {

TEST(NamesTest, NormalizePersonName) {
  struct Case {
    const char* in;
    const char* want;
  };
  const Case cases[] = {
      {"John Smith", "john smith"},
      {"Smith, John A.", "john a smith"},
      {"José Müller", "jose muller"},
      {"Müller, José", "jose muller"},
      {"Jean-Pierre  Dupont", "jean pierre dupont"},
      {"Conan O'Brien", "conan obrien"},
      {"Martin Luther King Jr.", "martin luther king"},
      // A lone suffix after the comma is not a given name: "Smith, Jr." is Smith, not "jr smith".
      {"Smith, Jr.", "smith"},
      {"John Smith, Jr.", "john smith"},
      {"Łukasz Kaiser", "lukasz kaiser"},
      {"Søren Hauberg", "soren hauberg"},
      {"Jose\xCC\x81 Mu\xCC\x88ller", "jose muller"},  // decomposed accents
      {"王 伟", "王 伟"},
      {"  ", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(NormalizePersonName(c.in), c.want) << c.in;
}

TEST(NamesTest, DisplayPersonName) {
  EXPECT_EQ(DisplayPersonName("Nothman, Joel"), "Joel Nothman");  // as OpenAlex gives it
  EXPECT_EQ(DisplayPersonName("Stocker,  T. F."), "T. F. Stocker");
  EXPECT_EQ(DisplayPersonName("Müller, Jürgen"), "Jürgen Müller");
  EXPECT_EQ(DisplayPersonName("Smith, Jr."), "Smith, Jr.");
  EXPECT_EQ(DisplayPersonName("Joel Nothman"), "Joel Nothman");
  EXPECT_EQ(DisplayPersonName("A, B, C"), "A, B, C");
  EXPECT_EQ(DisplayPersonName("Nothman,"), "Nothman,");
  EXPECT_EQ(NormalizePersonName(DisplayPersonName("Nothman, Joel")), NormalizePersonName("Nothman, Joel"));
}

TEST(NamesTest, BlockKeyAndCompatibility) {
  EXPECT_EQ(NameBlockKey("john a smith"), "j smith");
  EXPECT_EQ(NameBlockKey("smith"), "smith");
  EXPECT_EQ(NameBlockKey("王 伟"), "王 伟");
  struct Case {
    const char* a;
    const char* b;
    bool compatible;
  };
  const Case cases[] = {
      {"john smith", "j smith", true},       {"john smith", "john a smith", true},
      {"j a smith", "john albert smith", true}, {"jane smith", "john smith", false},
      {"john smith", "john smyth", false},   {"smith", "john smith", false},
      {"yi wang", "yu wang", false},         {"j smith", "j smith", true},
      // Conflicting initials are different people; an initial matches only names starting with it.
      {"j a smith", "j b smith", false},     {"k smith", "john smith", false},
      {"john a smith", "john b smith", false}, {"j smith", "k smith", false},
      {"john a smith", "john albert smith", true}, {"a j smith", "j a smith", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(NamesCompatible(c.a, c.b), c.compatible) << c.a << " / " << c.b;
    EXPECT_EQ(NamesCompatible(c.b, c.a), c.compatible) << c.b << " / " << c.a;
  }
}

TEST(NamesTest, FoldTextForTitles) {
  EXPECT_EQ(FoldText("Attention Is All You Need!"), "attention is all you need");
  EXPECT_EQ(FoldText("BERT: Pre-training of Deep"), "bert pre training of deep");
  EXPECT_EQ(FoldText("\xff\xfe bad utf8"), "bad utf8");
}

// Issue 14: Unicode folding by utf8proc (NFKD, marks stripped, case folded):
// precomposed, combining and compatibility forms fold like their ASCII spelling.
TEST(NamesTest, UnicodeFoldsLikeAscii) {
  EXPECT_EQ(FoldText("Nguyễn"), "nguyen");                   // Vietnamese: two marks on one letter
  EXPECT_EQ(FoldText("Nguye\xcc\x82\xcc\x83n"), "nguyen");   // the same, decomposed
  EXPECT_EQ(FoldText("Martı\xcc\x81nez"), "martinez");       // dotless i + combining acute (PDF extraction)
  EXPECT_EQ(FoldText("Jürgen Schmidhuber"), "jurgen schmidhuber");
  EXPECT_EQ(FoldText("Łukasz Kaiser"), "lukasz kaiser");
  EXPECT_EQ(FoldText("Øystein Ærø Đặng"), "oystein aero dang");
  EXPECT_EQ(FoldText("Straße"), "strasse");
  EXPECT_EQ(FoldText("ﬁne-tuning"), "fine tuning");          // ligature (compatibility)
  EXPECT_EQ(FoldText("ＢＥＲＴ"), "bert");                     // full-width letters
  EXPECT_EQ(FoldText("Ψ Net"), "ψ net");                      // other scripts kept, case folded
  EXPECT_EQ(FoldText("王 小明"), "王 小明");
  EXPECT_EQ(FoldText("a — b · c"), "a b c");                  // punctuation separates
  EXPECT_EQ(FoldText("O’Brien"), "obrien");                   // typographic apostrophe joins
  EXPECT_EQ(NormalizePersonName("Nguyễn, Văn A"), "van a nguyen");
  EXPECT_TRUE(NamesCompatible(NormalizePersonName("Hoàng Nguyễn"), NormalizePersonName("Hoang Nguyen")));
}

}  // namespace
}  // namespace st
