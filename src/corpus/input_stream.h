// InputStream: the decompressed bytes of one input file (or memory buffer).
// gzip (single or multi-member) is inflated with ISA-L; anything else is read
// as is. Every gzip member's CRC32 and ISIZE trailer is checked, a missing
// trailer (truncated file) is an error, an empty input is an error, and
// output beyond a floor that exceeds max_gzip_ratio × input read so far is
// stopped as a decompression bomb. Memory is bounded by the fixed buffers.
// Regular files are memory-mapped, so plain (uncompressed) input can be read
// in place through mapped() without copying it.
// Thread-safety: one stream per thread. Owner: corpus readers.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

namespace st::corpus {

struct InputStreamOptions {
  double max_gzip_ratio = 100.0;
  uint64_t bomb_floor_bytes = 64u << 20;  // output below this is never a bomb
};

class InputStream {
 public:
  virtual ~InputStream() = default;

  // Opens `path`. Errors: IoError (unreadable), InvalidInput (empty file).
  static Result<std::unique_ptr<InputStream>> OpenFile(const std::string& path,
                                                       const InputStreamOptions& options);
  // Reads from `bytes`, which must outlive the stream. `name` is used in errors.
  static Result<std::unique_ptr<InputStream>> FromMemory(std::string_view bytes, std::string name,
                                                         const InputStreamOptions& options);

  // Fills up to `cap` bytes of decompressed data; returns 0 only at a clean
  // end. Errors: Corruption (truncated, bad CRC/ISIZE, invalid deflate, trailing
  // garbage), ResourceExhausted (bomb), IoError (also: the file shrank while read).
  virtual Result<size_t> Read(char* dst, size_t cap) = 0;

  // Plain input already in memory (a mapped file or a FromMemory buffer):
  // `bytes` are those not yet consumed, valid while the stream lives, and
  // `readable_after` more bytes after them may be read (the rest of a
  // mapping's last page). Empty for gzip and for unmappable files (pipes):
  // read those with Read(). Use one way or the other for a stream, not both.
  struct Mapped {
    std::string_view bytes;
    size_t readable_after = 0;
  };
  virtual Mapped mapped() const = 0;
  // Marks the first n bytes of mapped() as consumed: they count as read, and
  // a file mapping's pages behind the reader are released (flat memory).
  // IoError when the file shrank under the mapping since it was opened: the
  // bytes read since may be zeros (reading past the end gives zeros, not SIGBUS).
  virtual Status Consume(size_t n) = 0;

  // Raw (compressed) bytes consumed so far, for progress reporting.
  virtual uint64_t raw_bytes_read() const = 0;
  virtual bool is_gzip() const = 0;
  const std::string& name() const { return name_; }

 protected:
  std::string name_;
};

}  // namespace st::corpus
