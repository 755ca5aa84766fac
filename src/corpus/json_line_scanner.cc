#include "corpus/json_line_scanner.h"

#include <cstring>

#if defined(__AVX2__)
#include <immintrin.h>
#endif

namespace st::corpus {
namespace {

// Bit i of each mask describes byte i of a 64-byte block.
struct Masks {
  uint64_t newline, quote, backslash, open, close;
};

#if defined(__AVX2__)
inline uint64_t Eq(__m256i lo, __m256i hi, char c) {
  const __m256i v = _mm256_set1_epi8(c);
  return static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(lo, v))) |
         static_cast<uint64_t>(static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(hi, v)))) << 32;
}

inline Masks Classify(const char* p) {
  const __m256i lo = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
  const __m256i hi = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32));
  // '[' / '{' and ']' / '}' differ only in bit 0x20.
  const __m256i bit = _mm256_set1_epi8(0x20);
  const __m256i lo_folded = _mm256_or_si256(lo, bit);
  const __m256i hi_folded = _mm256_or_si256(hi, bit);
  return {Eq(lo, hi, '\n'), Eq(lo, hi, '"'), Eq(lo, hi, '\\'), Eq(lo_folded, hi_folded, '{'),
          Eq(lo_folded, hi_folded, '}')};
}
#else
inline Masks Classify(const char* p) {
  Masks m{};
  for (unsigned i = 0; i < 64; ++i) {
    const uint64_t bit = uint64_t{1} << i;
    switch (p[i]) {
      case '\n': m.newline |= bit; break;
      case '"': m.quote |= bit; break;
      case '\\': m.backslash |= bit; break;
      case '[': case '{': m.open |= bit; break;
      case ']': case '}': m.close |= bit; break;
      default: break;
    }
  }
  return m;
}
#endif

// Bit i = XOR of bits 0..i: marks the bytes inside strings (opening quote
// included, closing quote excluded).
inline uint64_t PrefixXor(uint64_t x) {
  x ^= x << 1;
  x ^= x << 2;
  x ^= x << 4;
  x ^= x << 8;
  x ^= x << 16;
  x ^= x << 32;
  return x;
}

// Bytes escaped by a backslash (the branchless scheme of simdjson's stage 1):
// a run of backslashes escapes the byte after it when the run is odd.
// *prev_escaped carries "the first byte of the next block is escaped".
inline uint64_t Escaped(uint64_t backslash, uint64_t* prev_escaped) {
  constexpr uint64_t kEven = 0x5555555555555555ull;
  backslash &= ~*prev_escaped;
  const uint64_t follows_escape = backslash << 1 | *prev_escaped;
  const uint64_t odd_starts = backslash & ~kEven & ~follows_escape;
  uint64_t even_starts;
  *prev_escaped = __builtin_add_overflow(odd_starts, backslash, &even_starts);
  const uint64_t invert = even_starts << 1;
  return (kEven ^ invert) & follows_escape;
}

}  // namespace

void JsonLineScanner::Reset() {
  depth_ = 0;
  in_string_ = 0;
  prev_escaped_ = 0;
  too_deep_ = false;
}

void JsonLineScanner::WalkDepth(uint64_t open, uint64_t close) {
  // Exact order matters here: near the cap, or when closers could take the
  // depth below zero (invalid JSON, counted like a scalar scan would).
  for (uint64_t m = open | close; m != 0; m &= m - 1) {
    if (open & m & -m) {
      if (++depth_ > max_depth_) {
        too_deep_ = true;
        return;
      }
    } else if (depth_ > 0) {
      --depth_;
    }
  }
}

void JsonLineScanner::Consume(uint64_t quote, uint64_t backslash, uint64_t open, uint64_t close,
                              unsigned len) {
  if ((backslash | prev_escaped_) != 0) {
    const uint64_t escaped = Escaped(backslash, &prev_escaped_);
    if (len < 64) prev_escaped_ = (escaped >> len) & 1;
    quote &= ~escaped;
  }
  const uint64_t in_string = PrefixXor(quote) ^ in_string_;
  if (len > 0) in_string_ = ((in_string >> (len - 1)) & 1) != 0 ? ~uint64_t{0} : 0;
  if (too_deep_) return;
  open &= ~in_string;
  close &= ~in_string;
  const int64_t opens = __builtin_popcountll(open);
  const int64_t closes = __builtin_popcountll(close);
  if (depth_ + opens <= static_cast<int64_t>(max_depth_) && depth_ >= closes) {
    depth_ += opens - closes;  // no prefix can pass the cap or go below zero
  } else {
    WalkDepth(open, close);
  }
}

size_t JsonLineScanner::FindLineEnd(const char* p, size_t n) {
  char tail[64];
  for (size_t pos = 0; pos < n; pos += 64) {
    const char* block = p + pos;
    unsigned len = 64;
    if (n - pos < 64) {
      // The last partial block is copied: no reads past p + n.
      len = static_cast<unsigned>(n - pos);
      std::memset(tail, 0, sizeof tail);
      std::memcpy(tail, block, len);
      block = tail;
    }
    const Masks m = Classify(block);
    const uint64_t valid = len == 64 ? ~uint64_t{0} : (uint64_t{1} << len) - 1;
    const uint64_t newline = m.newline & valid;
    if (newline != 0) {
      const unsigned at = static_cast<unsigned>(__builtin_ctzll(newline));
      const uint64_t before = (uint64_t{1} << at) - 1;
      Consume(m.quote & before, m.backslash & before, m.open & before, m.close & before, at);
      line_too_deep_ = too_deep_;
      Reset();
      return pos + at;
    }
    Consume(m.quote & valid, m.backslash & valid, m.open & valid, m.close & valid, len);
  }
  return n;
}

bool JsonLineScanner::FinishLine() {
  line_too_deep_ = too_deep_;
  Reset();
  return line_too_deep_;
}

}  // namespace st::corpus
