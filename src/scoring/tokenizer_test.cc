#include "scoring/tokenizer.h"

#include <gtest/gtest.h>

namespace st::scoring {
namespace {

using V = std::vector<std::string>;

TEST(TokenizerTest, CaseTable) {
  struct Case {
    const char* text;
    V want;
  } cases[] = {
      {"", {}},
      {"Large Language Models", {"large", "language", "model", "large_language", "language_model"}},
      {"The theory of everything", {"theory", "everything"}},
      {"Études de Gödel", {"etude", "de", "godel", "etude_de", "de_godel"}},
      {"GPT-4 and BERT.", {"gpt", "4", "bert", "gpt_4"}},
      {"transformers; studies", {"transformer", "study"}},
      {"attention (is) all", {"attention"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(Tokenize(c.text), c.want);
  }
}

TEST(TokenizerTest, PluralStemming) {
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {{"models", "model"},   {"studies", "study"}, {"classes", "class"}, {"boxes", "box"},
               {"matches", "match"}, {"analysis", "analysis"}, {"corpus", "corpus"}, {"gas", "gas"},
               {"loss", "loss"},     {"networks", "network"}, {"gans", "gan"}};
  for (const auto& c : cases) EXPECT_EQ(StemPlural(c.in), c.out) << c.in;
}

TEST(TokenizerTest, SplitFoldedKeepsStopWordsAndDropsNonLatin) {
  EXPECT_EQ(SplitFolded("Bank of  AMÉRICA, Inc."), (V{"bank", "of", "america", "inc"}));
  EXPECT_EQ(SplitFolded("北京 University"), (V{"university"}));
}

}  // namespace
}  // namespace st::scoring
