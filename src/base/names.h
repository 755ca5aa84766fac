// Text normalisation for matching names and titles across sources: accents
// folded (Latin-1 and Latin Extended-A), ASCII lower case, punctuation to
// spaces, whitespace collapsed. Person names also accept "Last, First" and drop
// suffixes (Jr., II, III). Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace st {

// s without leading and trailing ASCII whitespace (space, tab, CR, LF).
inline std::string_view TrimSpace(std::string_view s) {
  const size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// s with ASCII letters lower-cased; other bytes (UTF-8 included) unchanged.
inline std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

// "Éric  Gaussier-Test." -> "eric gaussier test". Non-Latin letters (CJK...)
// are kept byte for byte.
std::string FoldText(std::string_view text);

// Normalised person name: "given... last", e.g. "Smith, John A." -> "john a smith".
std::string NormalizePersonName(std::string_view name);

// A name as people read it: "Nothman, Joel" -> "Joel Nothman" (one comma, the
// part after it not a suffix: "Smith, Jr." stays); case and accents kept.
std::string DisplayPersonName(std::string_view name);

// Blocking key for candidate matches: first initial + last name ("j smith").
// Empty when the name has no letters. Takes a normalised name.
std::string NameBlockKey(std::string_view normalized_name);

// True when two normalised names can be the same person: same last name and
// given names that agree token by token, where an initial matches any name
// starting with it ("j smith" ~ "john smith" ~ "john a smith"; not "jane smith").
bool NamesCompatible(std::string_view a, std::string_view b);

}  // namespace st
