#include "base/names.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include <utf8proc.h>

namespace st {
namespace {

// Letters NFKD does not decompose, as their usual ASCII spellings.
const char* ExtraLatin(int32_t cp) {
  switch (cp) {
    case 0x00E6: return "ae";  // æ
    case 0x00F8: return "o";   // ø
    case 0x00F0: return "d";   // ð
    case 0x00FE: return "th";  // þ
    case 0x0111: return "d";   // đ
    case 0x0127: return "h";   // ħ
    case 0x0131: return "i";   // ı (dotless: "Martı́nez" with a combining accent)
    case 0x0142: return "l";   // ł
    case 0x0153: return "oe";  // œ
    case 0x0167: return "t";   // ŧ
    case 0x0138: return "k";   // ĸ
    case 0x014B: return "n";   // ŋ
    case 0x017F: return "s";   // ſ
    default: return nullptr;
  }
}

// Decodes one UTF-8 code point at s[i]; returns its length (1 for bad bytes,
// which then pass through as themselves).
size_t DecodeUtf8(std::string_view s, size_t i, uint32_t* cp) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  auto cont = [&](size_t k) {
    return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
  };
  if (c < 0x80) { *cp = c; return 1; }
  if ((c & 0xE0) == 0xC0 && cont(1)) {
    *cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
    return 2;
  }
  if ((c & 0xF0) == 0xE0 && cont(1) && cont(2)) {
    *cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
          (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
    return 3;
  }
  if ((c & 0xF8) == 0xF0 && cont(1) && cont(2) && cont(3)) {
    *cp = 0x10000;  // astral: keep bytes as they are
    return 4;
  }
  *cp = 0xFFFD;
  return 1;
}

std::vector<std::string_view> Tokens(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

bool IsSuffix(std::string_view t) {
  return t == "jr" || t == "sr" || t == "ii" || t == "iii" || t == "iv";
}

std::string Join(const std::vector<std::string_view>& tokens) {
  std::string out;
  for (auto t : tokens) {
    if (!out.empty()) out += ' ';
    out += t;
  }
  return out;
}

}  // namespace

std::string FoldText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  auto emit = [&](std::string_view piece) {
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    out += piece;
  };
  auto ascii = [&](char c) {
    if (c >= 'A' && c <= 'Z') {
      const char lower = static_cast<char>(c - 'A' + 'a');
      emit(std::string_view(&lower, 1));
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      emit(std::string_view(&c, 1));
    } else if (c != '\'') {
      pending_space = true;  // O'Brien -> obrien: apostrophes join, everything else separates
    }
  };
  for (size_t i = 0; i < text.size();) {
    uint32_t cp;
    const size_t len = DecodeUtf8(text, i, &cp);
    if (cp < 0x80) {
      ascii(static_cast<char>(cp));
      i += len;
      continue;
    }
    if (len == 4) {  // astral planes: kept byte for byte
      emit(text.substr(i, len));
      i += len;
      continue;
    }
    if (cp == 0xFFFD || cp == 0x2019 || cp == 0x2018) {  // typographic apostrophes join like '
      if (cp == 0xFFFD) pending_space = true;
      i += len;
      continue;
    }
    // utf8proc (Unicode's own tables): compatibility decomposition, case
    // folding and marks stripped — "Nguyễn" -> "nguyen", "ﬁ" -> "fi", "Straße" -> "strasse".
    utf8proc_int32_t parts[16];
    utf8proc_int32_t boundclass = 0;
    const utf8proc_ssize_t n = utf8proc_decompose_char(
        static_cast<utf8proc_int32_t>(cp), parts, 16,
        static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK), &boundclass);
    for (utf8proc_ssize_t k = 0; k < std::max<utf8proc_ssize_t>(n, 0) && k < 16; ++k) {
      const utf8proc_int32_t p = parts[k];
      if (p < 0x80) {
        ascii(static_cast<char>(p));
        continue;
      }
      if (const char* extra = ExtraLatin(p)) {
        emit(extra);
        continue;
      }
      switch (utf8proc_category(p)) {
        case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
        case UTF8PROC_CATEGORY_CF: case UTF8PROC_CATEGORY_CN:
          break;  // marks, format characters: dropped
        case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD: case UTF8PROC_CATEGORY_PS: case UTF8PROC_CATEGORY_PE:
        case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF: case UTF8PROC_CATEGORY_PO: case UTF8PROC_CATEGORY_SM:
        case UTF8PROC_CATEGORY_SC: case UTF8PROC_CATEGORY_SK: case UTF8PROC_CATEGORY_SO: case UTF8PROC_CATEGORY_ZS:
        case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP: case UTF8PROC_CATEGORY_CC:
          pending_space = true;  // punctuation, symbols and spaces separate
          break;
        default: {  // letters and numbers of other scripts: kept (case-folded)
          utf8proc_uint8_t bytes[4];
          const utf8proc_ssize_t nb = utf8proc_encode_char(p, bytes);
          emit(std::string_view(reinterpret_cast<const char*>(bytes), static_cast<size_t>(nb)));
        }
      }
    }
    i += len;
  }
  return out;
}

std::string NormalizePersonName(std::string_view name) {
  // "Last, First" (one comma): swap. Two or more commas are not a name form.
  size_t comma = name.find(',');
  if (comma != std::string_view::npos && name.find(',', comma + 1) == std::string_view::npos) {
    std::string rest = FoldText(name.substr(comma + 1));
    if (!rest.empty() && !IsSuffix(rest)) {
      std::string last = FoldText(name.substr(0, comma));
      auto tokens = Tokens(rest);
      std::vector<std::string_view> all;
      for (auto t : tokens) all.push_back(t);
      auto last_tokens = Tokens(last);
      for (auto t : last_tokens) all.push_back(t);
      while (!all.empty() && IsSuffix(all.back())) all.pop_back();
      return Join(all);
    }
  }
  std::string folded = FoldText(name);
  auto tokens = Tokens(folded);
  while (tokens.size() > 1 && IsSuffix(tokens.back())) tokens.pop_back();
  return Join(tokens);
}

std::string DisplayPersonName(std::string_view name) {
  const size_t comma = name.find(',');
  if (comma == std::string_view::npos || name.find(',', comma + 1) != std::string_view::npos)
    return std::string(name);
  const std::string_view last = TrimSpace(name.substr(0, comma)), first = TrimSpace(name.substr(comma + 1));
  if (last.empty() || first.empty() || IsSuffix(FoldText(first))) return std::string(name);
  return std::string(first).append(" ").append(last);
}

std::string NameBlockKey(std::string_view normalized_name) {
  auto tokens = Tokens(normalized_name);
  if (tokens.empty()) return {};
  if (tokens.size() == 1) return std::string(tokens[0]);
  // First code point (not byte) of the first given name, so CJK keys stay valid UTF-8.
  std::string_view first = tokens.front();
  unsigned char lead = static_cast<unsigned char>(first[0]);
  size_t len = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
  std::string key(first.substr(0, std::min(len, first.size())));
  key += ' ';
  key += tokens.back();
  return key;
}

bool NamesCompatible(std::string_view a, std::string_view b) {
  auto ta = Tokens(a), tb = Tokens(b);
  if (ta.empty() || tb.empty()) return false;
  if (ta.back() != tb.back()) return false;
  size_t n = std::min(ta.size(), tb.size()) - 1;
  if (n == 0) return ta.size() == tb.size();  // a bare last name matches only itself
  for (size_t i = 0; i < n; ++i) {
    std::string_view x = ta[i], y = tb[i];
    if (x == y) continue;
    if ((x.size() == 1 || y.size() == 1) && x[0] == y[0]) continue;
    return false;
  }
  return true;
}

}  // namespace st
