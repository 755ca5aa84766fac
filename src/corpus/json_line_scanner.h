// JsonLineScanner: finds the end of each JSON Lines record and, in the same
// pass, checks that the record's arrays/objects nest at most max_depth deep
// (brackets inside strings do not count). simdjson On-Demand skips ignored
// values iteratively without any depth limit, so this one pass is what caps
// nesting for the JSON Lines readers, before the line is parsed. It also notes
// where the root value closes (the first closer that brings the count back to
// zero), so a reader that stops walking a record early can still reject an
// unclosed root or content after it. It works on
// 64-byte blocks (AVX-512 or AVX2 when the CPU and build allow) and never reads
// outside the bytes it is given.
// Thread-safety: one scanner per reader.
#pragma once

#include <cstddef>
#include <cstdint>

namespace st::corpus {

class JsonLineScanner {
 public:
  // `allow_avx512` = false keeps to the AVX2 (or portable) path, for tests.
  explicit JsonLineScanner(uint32_t max_depth, bool allow_avx512 = true);

  // Scans [p, p + n), continuing the current line. Returns the offset of the
  // first '\n' (the line ends there; too_deep() then describes it and the
  // next call starts a new line), or n when the line goes on past p + n.
  size_t FindLineEnd(const char* p, size_t n);

  // Whether the line ended by the last FindLineEnd nests deeper than max_depth.
  bool too_deep() const { return line_too_deep_; }
  // For that line (unless too_deep()): offset in the line of the first closer
  // after which the nesting count is <= 0, or kNever.
  static constexpr uint64_t kNever = UINT64_MAX;
  uint64_t root_end() const { return line_root_end_; }

  // Ends the current line where the input ends (no '\n'); returns too_deep().
  bool FinishLine();

  // Forgets the current line (the caller dropped it).
  void Reset();

  // The current line's scan state (public for the .cc's helpers).
  struct State {
    int64_t depth = 0;
    uint64_t in_string = 0;     // all ones while inside a string at a block boundary
    uint64_t prev_escaped = 0;  // 1 when the next block's first byte is escaped
    bool too_deep = false;
    uint64_t line_offset = 0;  // bytes of the line scanned by earlier calls
    uint64_t root_end = kNever;
  };

 private:
  uint32_t max_depth_;
  bool avx512_;  // 64-byte compares straight to masks, when the CPU has them
  State state_;
  bool line_too_deep_ = false;
  uint64_t line_root_end_ = kNever;
};

}  // namespace st::corpus
