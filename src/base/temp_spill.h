// An unlinked temporary file that a build step appends finished data to, so
// the data leaves memory long before the output file is written, and reads
// back by range when it is. The graph's spilled work columns
// (graph/sections.h) and scoring's spilled author-work rows
// (scoring/derived_file.h) both sit on it. Thread-safety: none.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace st {

class TempSpill {
 public:
  // Creates the file in `dir` (empty: the system's temporary directory) and
  // unlinks it at once: nothing is left behind if the process dies.
  // Errors: IoError naming the directory.
  static Result<TempSpill> Create(const std::string& dir);
  TempSpill() = default;
  ~TempSpill();
  TempSpill(TempSpill&& other) noexcept;
  TempSpill& operator=(TempSpill&& other) noexcept;
  TempSpill(const TempSpill&) = delete;
  TempSpill& operator=(const TempSpill&) = delete;

  // Appends at the end. Errors: IoError (ResourceExhausted when the disk is full).
  Status Append(const void* data, uint64_t bytes);
  uint64_t size() const { return size_; }
  // Calls `sink` with [offset, offset + bytes) in blocks of at most 8 MB.
  Status ReadRange(uint64_t offset, uint64_t bytes, const std::function<Status(std::string_view)>& sink) const;

 private:
  int fd_ = -1;
  std::string dir_;
  uint64_t size_ = 0;
};

}  // namespace st
