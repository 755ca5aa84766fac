#include "scoring/tokenizer.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace st::scoring {
namespace {

constexpr std::array<std::string_view, 44> kStopWords = {
    "a",    "an",   "and",  "are",  "as",   "at",   "be",   "by",    "for",  "from", "has",
    "have", "in",   "into", "is",   "it",   "its",  "of",   "on",    "or",   "our",  "that",
    "the",  "their", "this", "to",  "via",  "was",  "we",   "were",  "which", "with", "using",
    "can",  "these", "than", "not", "but",  "also", "been", "based", "such", "both", "all"};

// Latin-1 supplement code points U+00C0..U+00FF folded to ASCII ('\0' = drop).
constexpr char kFoldC0[] =
    "aaaaaaaceeeeiiii"  // C0-CF
    "dnooooo\0ouuuuyts"  // D0-DF (D7 multiply sign dropped; DE thorn ~ t; DF sharp s)
    "aaaaaaaceeeeiiii"  // E0-EF
    "dnooooo\0ouuuuyty";  // F0-FF

// Reads one "word character" at text[i]; returns the folded ASCII char, or
// '\0' for a separator. Advances i past the consumed bytes.
char NextChar(std::string_view text, size_t& i) {
  const unsigned char c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) {
    ++i;
    if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return static_cast<char>(c);
    return '\0';
  }
  // Two-byte UTF-8 for U+00C0..U+00FF: C3 80..BF.
  if (c == 0xC3 && i + 1 < text.size()) {
    const unsigned char c2 = static_cast<unsigned char>(text[i + 1]);
    i += 2;
    if (c2 >= 0x80 && c2 <= 0xBF) return kFoldC0[c2 - 0x80];
    return '\0';
  }
  // Other non-ASCII: skip the whole code point as a separator.
  ++i;
  while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
  return '\0';
}

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Sentence punctuation breaks phrases so bigrams do not span "a. b".
bool IsPhraseBreak(char c) { return c == '.' || c == ',' || c == ';' || c == ':' || c == '(' || c == ')'; }

void Split(std::string_view text, std::vector<std::string>* words, std::vector<bool>* break_before) {
  std::string cur;
  bool pending_break = false;
  size_t i = 0;
  auto flush = [&] {
    if (cur.empty()) return;
    words->push_back(cur);
    if (break_before) break_before->push_back(pending_break);
    pending_break = false;
    cur.clear();
  };
  while (i < text.size()) {
    const char raw = text[i];
    const char c = NextChar(text, i);
    if (c != '\0') {
      cur.push_back(c);
    } else {
      flush();
      if (IsPhraseBreak(raw)) pending_break = true;
    }
  }
  flush();
}

}  // namespace

std::vector<std::string> SplitFolded(std::string_view text) {
  std::vector<std::string> words;
  Split(text, &words, nullptr);
  return words;
}

bool IsStopWord(std::string_view word) {
  return std::find(kStopWords.begin(), kStopWords.end(), word) != kStopWords.end();
}

std::string StemPlural(std::string w) {
  if (w.size() <= 3 || !std::isalpha(static_cast<unsigned char>(w.back()))) return w;
  if (EndsWith(w, "ies") && w.size() > 4) return w.substr(0, w.size() - 3) + "y";
  if (EndsWith(w, "sses") || EndsWith(w, "xes") || EndsWith(w, "ches") || EndsWith(w, "shes"))
    return w.substr(0, w.size() - 2);
  if (EndsWith(w, "ss") || EndsWith(w, "us") || EndsWith(w, "is")) return w;
  if (w.back() == 's') w.pop_back();
  return w;
}

void TokenizeWords(std::string_view text, std::vector<std::string>* out) {
  std::vector<std::string> words;
  Split(text, &words, nullptr);
  for (auto& w : words) {
    if (IsStopWord(w)) continue;
    out->push_back(StemPlural(std::move(w)));
  }
}

std::vector<std::string> Tokenize(std::string_view text) {
  std::vector<std::string> words;
  std::vector<bool> breaks;
  Split(text, &words, &breaks);
  std::vector<std::string> out;
  out.reserve(words.size() * 2);
  std::vector<std::string> bigrams;
  bool prev_kept = false;
  for (size_t i = 0; i < words.size(); ++i) {
    if (IsStopWord(words[i])) {
      prev_kept = false;
      continue;
    }
    std::string stem = StemPlural(words[i]);
    if (prev_kept && !breaks[i]) bigrams.push_back(out.back() + "_" + stem);
    out.push_back(std::move(stem));
    prev_kept = true;
  }
  for (auto& b : bigrams) out.push_back(std::move(b));
  return out;
}

}  // namespace st::scoring
