// LineReader: splits an InputStream into lines without copying them.
// Each line is a view into an internal buffer (or, for plain files, into the
// stream's mapping) that stays valid until the next call, and at least
// kLinePadding readable bytes follow it (simdjson needs that). A line longer than max_line_bytes is never held whole: the
// reader reports it as kTooLong with its line number, drops bytes up to the
// next newline and goes on. A line whose arrays/objects nest deeper than
// max_depth (found in the same pass as the newline) is reported as kTooDeep.
// Memory: about max_line_bytes + one chunk.
// Thread-safety: one reader per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "base/status.h"
#include "corpus/input_stream.h"
#include "corpus/json_line_scanner.h"

namespace st::corpus {

inline constexpr size_t kLinePadding = 64;  // >= SIMDJSON_PADDING

class LineReader {
 public:
  enum class Kind { kLine, kTooLong, kTooDeep, kEnd };

  // `size_hint`: expected decompressed size, to keep the buffer small for small inputs.
  LineReader(InputStream* stream, uint64_t max_line_bytes, uint32_t max_depth,
             uint64_t size_hint = UINT64_MAX);

  // Next line (no '\n', no trailing '\r'). `line_no` is 1-based. Errors come
  // from the stream (corrupt/truncated gzip, bomb, I/O, a mapped file that
  // shrank while read: then no line holding bytes read after that is returned).
  Result<Kind> Next(std::string_view* line, uint64_t* line_no);

  uint64_t lines() const { return line_no_; }
  // For the last kLine: where the scanner saw its root close (offset in the
  // line, JsonLineScanner::kNever if it did not).
  uint64_t root_end() const { return root_end_; }

 private:
  Status Grow();
  Status ReadMore();
  // The line [start, start + len) of data_: '\r' trimmed, length checked,
  // copied when too near the end of a mapping for the padding.
  Kind Emit(size_t start, size_t len, bool too_deep, std::string_view* line);
  // Mapped input: reports the bytes before `upto` as consumed (IoError if the
  // file shrank while anything was read).
  Status ConsumeMapped(size_t upto);

  InputStream* stream_;
  JsonLineScanner scanner_;
  uint64_t max_line_;
  const char* data_ = nullptr;  // buf_ or the stream's mapped bytes
  bool mapped_ = false;
  size_t readable_end_ = 0;  // mapped: bytes of data_ that may be read
  size_t consumed_ = 0;      // mapped: bytes reported to the stream as read
  std::unique_ptr<char[]> buf_;  // the read buffer, or (mapped) a padded copy of a last line
  size_t cap_ = 0;     // usable bytes (padding comes on top)
  size_t begin_ = 0;   // start of the current line
  size_t scan_ = 0;    // bytes before this hold no '\n' of the current line
  size_t end_ = 0;     // valid data ends here
  bool eof_ = false;
  bool skipping_ = false;  // inside an over-long line
  uint64_t line_no_ = 0;
  uint64_t root_end_ = JsonLineScanner::kNever;
};

}  // namespace st::corpus
