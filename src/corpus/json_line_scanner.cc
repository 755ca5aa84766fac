#include "corpus/json_line_scanner.h"

#include <cstring>

#if defined(__AVX2__) || defined(__PCLMUL__)
#include <immintrin.h>
#endif

namespace st::corpus {
namespace {

// Bit i of each mask describes byte i of a 64-byte block.
struct Masks {
  uint64_t newline, quote, backslash, open, close;
};

#if defined(__AVX2__)
#define ST_SCANNER_AVX512 1  // a runtime-selected AVX-512 path besides AVX2
inline uint64_t Eq(__m256i lo, __m256i hi, char c) {
  const __m256i v = _mm256_set1_epi8(c);
  return static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(lo, v))) |
         static_cast<uint64_t>(static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(hi, v)))) << 32;
}

inline Masks ClassifyBlock(const char* p) {
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
inline Masks ClassifyBlock(const char* p) {
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

struct Portable {
  static Masks Classify(const char* p) { return ClassifyBlock(p); }
};

#if defined(ST_SCANNER_AVX512)
struct Avx512 {
  __attribute__((target("avx512f,avx512bw"))) static Masks Classify(const char* p) {
    const __m512i v = _mm512_loadu_si512(p);
    const __m512i folded = _mm512_or_si512(v, _mm512_set1_epi8(0x20));
    return {_mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\n')), _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('"')),
            _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\\')),
            _mm512_cmpeq_epi8_mask(folded, _mm512_set1_epi8('{')),
            _mm512_cmpeq_epi8_mask(folded, _mm512_set1_epi8('}'))};
  }
};
#endif

// Bit i = XOR of bits 0..i: marks the bytes inside strings (opening quote
// included, closing quote excluded).
inline uint64_t PrefixXor(uint64_t x) {
#if defined(__PCLMUL__)
  // Carry-less multiplication by all ones (as simdjson does).
  return static_cast<uint64_t>(_mm_cvtsi128_si64(
      _mm_clmulepi64_si128(_mm_set_epi64x(0, static_cast<int64_t>(x)), _mm_set1_epi8(-1), 0)));
#else
  x ^= x << 1;
  x ^= x << 2;
  x ^= x << 4;
  x ^= x << 8;
  x ^= x << 16;
  x ^= x << 32;
  return x;
#endif
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


// In order, only for a block that could pass the cap. Inlined: a call in the
// scan loop would make the compiler reload the classifier's constants.
__attribute__((always_inline)) inline void WalkDepth(JsonLineScanner::State& st, uint64_t open, uint64_t close, int64_t max_depth) {
  for (uint64_t m = open | close; m != 0; m &= m - 1) {
    st.depth += (open & m & -m) != 0 ? 1 : -1;
    if (st.depth > max_depth) {
      st.too_deep = true;
      return;
    }
  }
}

// The first closer of a block after which the count (`depth` before the
// block) is <= 0, or -1. Only closers are visited, without a branch on kind.
inline int FirstRootClose(int64_t depth, uint64_t open, uint64_t close) {
  int64_t closes = 0;
  for (uint64_t m = close; m != 0; m &= m - 1) {
    const uint64_t upto = ((m & -m) << 1) - 1;  // bits up to this closer (all at bit 63)
    if (depth + __builtin_popcountll(open & upto) - ++closes <= 0) return __builtin_ctzll(m);
  }
  return -1;
}

// Applies the masks of the first `len` bytes of a block (other bits clear).
// Inlined into the scan loop so that the state lives in registers: the
// string carry is the only dependency from block to block.
inline void Consume(JsonLineScanner::State& st, const Masks& m, uint64_t keep, unsigned len,
                    int64_t max_depth, uint64_t base) {
  uint64_t quote = m.quote & keep;
  const uint64_t backslash = m.backslash & keep;
  if ((backslash | st.prev_escaped) != 0) {
    const uint64_t escaped = Escaped(backslash, &st.prev_escaped);
    if (len < 64) st.prev_escaped = (escaped >> len) & 1;
    quote &= ~escaped;
  }
  const uint64_t in_string = PrefixXor(quote) ^ st.in_string;
  st.in_string = len == 64 ? static_cast<uint64_t>(static_cast<int64_t>(in_string) >> 63)
                 : len > 0 ? ~uint64_t{0} * ((in_string >> (len - 1)) & 1)
                           : st.in_string;
  if (st.too_deep) return;
  const uint64_t open = m.open & keep & ~in_string;
  const uint64_t close = m.close & keep & ~in_string;
  // Depth is counted like simdjson counts it when skipping: +1 per opener,
  // -1 per closer, brackets not matched by kind. It may go below zero only in
  // a line that simdjson rejects anyway (content after the root closes).
  const int64_t opens = __builtin_popcountll(open);
  const int64_t closes = __builtin_popcountll(close);
  // The count can reach zero here only if there are as many closers as depth.
  if (closes > 0 && closes >= st.depth && st.root_end == JsonLineScanner::kNever) {
    const int at = FirstRootClose(st.depth, open, close);
    if (at >= 0) st.root_end = base + static_cast<uint64_t>(at);
  }
  if (st.depth + opens <= max_depth) {
    st.depth += opens - closes;  // no prefix can pass the cap
  } else {
    WalkDepth(st, open, close, max_depth);
  }
}

// One block of `len` bytes at offset `pos` of the scan: true when it holds
// the line's '\n' (at *at; the line's verdicts are then stored).
__attribute__((always_inline)) inline bool ScanBlock(JsonLineScanner::State& st, const Masks& m,
                                                     unsigned len, size_t pos, int64_t max_depth,
                                                     unsigned* at, bool* ended_too_deep,
                                                     uint64_t* root_end) {
  const uint64_t valid = len == 64 ? ~uint64_t{0} : (uint64_t{1} << len) - 1;
  const uint64_t newline = m.newline & valid;
  if (newline != 0) {
    *at = static_cast<unsigned>(__builtin_ctzll(newline));
    Consume(st, m, (uint64_t{1} << *at) - 1, *at, max_depth, st.line_offset + pos);
    *ended_too_deep = st.too_deep;
    *root_end = st.too_deep ? JsonLineScanner::kNever : st.root_end;
    return true;
  }
  Consume(st, m, valid, len, max_depth, st.line_offset + pos);
  return false;
}

// The scan loop over one block classifier; the state lives in registers.
// Returns the offset of the first '\n' (then *ended_too_deep and *root_end
// are set and the state reset) or n. Whole blocks are read in place, in a
// loop without calls (so the classifier's constants stay in registers); the
// last partial block is copied (no reads past p + n).
template <typename Classifier>
__attribute__((always_inline)) inline size_t Scan(const char* p, size_t n, int64_t max_depth,
                                                  JsonLineScanner::State* state, bool* ended_too_deep,
                                                  uint64_t* root_end) {
  JsonLineScanner::State st = *state;
  unsigned at = 0;
  size_t pos = 0;
  for (; n - pos >= 64; pos += 64) {
    // Hardware prefetchers stop at page boundaries; a mapped file's next
    // page is asked for early so the scan does not wait on memory.
    __builtin_prefetch(p + pos + 2048);
    if (ScanBlock(st, Classifier::Classify(p + pos), 64, pos, max_depth, &at, ended_too_deep, root_end)) {
      *state = JsonLineScanner::State{};
      return pos + at;
    }
  }
  if (pos < n) {
    char tail[64] = {};
    std::memcpy(tail, p + pos, n - pos);
    if (ScanBlock(st, Classifier::Classify(tail), static_cast<unsigned>(n - pos), pos, max_depth, &at,
                  ended_too_deep, root_end)) {
      *state = JsonLineScanner::State{};
      return pos + at;
    }
  }
  st.line_offset += n;
  *state = st;
  return n;
}

#if defined(ST_SCANNER_AVX512)
__attribute__((target("avx512f,avx512bw"))) size_t ScanAvx512(const char* p, size_t n, int64_t max_depth,
                                                              JsonLineScanner::State* state,
                                                              bool* ended_too_deep,
                                                              uint64_t* root_end) {
  return Scan<Avx512>(p, n, max_depth, state, ended_too_deep, root_end);
}
#endif

bool CpuHasAvx512() {
#if defined(ST_SCANNER_AVX512)
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512bw");
#else
  return false;
#endif
}

}  // namespace

JsonLineScanner::JsonLineScanner(uint32_t max_depth, bool allow_avx512)
    : max_depth_(max_depth), avx512_(allow_avx512 && CpuHasAvx512()) {}

size_t JsonLineScanner::FindLineEnd(const char* p, size_t n) {
#if defined(ST_SCANNER_AVX512)
  if (avx512_) return ScanAvx512(p, n, max_depth_, &state_, &line_too_deep_, &line_root_end_);
#endif
  return Scan<Portable>(p, n, max_depth_, &state_, &line_too_deep_, &line_root_end_);
}

void JsonLineScanner::Reset() { state_ = State{}; }

bool JsonLineScanner::FinishLine() {
  line_too_deep_ = state_.too_deep;
  line_root_end_ = state_.too_deep ? kNever : state_.root_end;
  Reset();
  return line_too_deep_;
}

}  // namespace st::corpus
