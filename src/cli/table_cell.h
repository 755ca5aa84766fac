// Cells of the CLI's plain-text tables. Widths count code points, not bytes,
// so "Théo Schäfer-Ali" lines up with ASCII names and a cut never splits a
// UTF-8 character (East Asian wide characters still take two columns).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace st::cli {

inline size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// s cut to `width` code points (the last one a '~' when cut).
inline std::string Clip(std::string_view s, size_t width) {
  if (CodePoints(s) <= width) return std::string(s);
  size_t kept = 0, cut = 0;
  while (cut < s.size() && kept < width - 1) {
    ++cut;
    while (cut < s.size() && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) ++cut;
    ++kept;
  }
  return std::string(s.substr(0, cut)) + "~";
}

// s clipped and padded with spaces to exactly `width` code points.
inline std::string Cell(std::string_view s, size_t width) {
  std::string out = Clip(s, width);
  out.append(width - CodePoints(out), ' ');
  return out;
}

}  // namespace st::cli
