// Tokenizer for the expert-finding text index: lowercase, ASCII-fold of
// Latin-1 accents (é -> e), split on non-alphanumerics, a small English stop
// list, simple plural stemming (models -> model, studies -> study), and
// phrase bigrams of adjacent kept words ("large language models" ->
// large, language, model, large_language, language_model). Used both at
// ingest (index) and at query time, so the two always agree.
// Thread-safe (pure functions).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace st::scoring {

// Lowercased, ASCII-folded words split on non-alphanumerics; no stop list,
// no stemming (for names).
std::vector<std::string> SplitFolded(std::string_view text);
// Appends the unigram terms of `text` to `out`, in order.
void TokenizeWords(std::string_view text, std::vector<std::string>* out);
// Unigrams followed by bigrams of words adjacent in the text (no stop word or
// sentence break between them). Bigram terms join the two words with '_'.
std::vector<std::string> Tokenize(std::string_view text);
// Plural stemming of one lowercase word.
std::string StemPlural(std::string word);
bool IsStopWord(std::string_view word);

}  // namespace st::scoring
