// MmapFile: a read-only memory mapping of a whole file. Move-only; unmaps on
// destruction. Errors: NotFound (no file), IoError (open/stat/mmap failed).
// A file truncated by another process while mapped raises SIGBUS on a read
// past its new end; OpenGuarded maps files that may change under the reader:
// such a read then sees zero bytes and changed() turns true, so the reader
// reports an error instead of the process dying.
// Thread-safety: the mapped bytes are immutable; concurrent reads are fine.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace st {

struct MmapGuardSlot;  // mmap_file.cc: one guarded range, read by the SIGBUS handler

class MmapFile {
 public:
  static Result<MmapFile> Open(const std::string& path);
  // As Open, with the SIGBUS guard (a process-wide handler, installed on first
  // use; at most kMaxGuarded mappings are guarded at once, later ones are not).
  static Result<MmapFile> OpenGuarded(const std::string& path);
  static constexpr size_t kMaxGuarded = 256;
  MmapFile() = default;
  MmapFile(MmapFile&& other) noexcept;
  MmapFile& operator=(MmapFile&& other) noexcept;
  MmapFile(const MmapFile&) = delete;
  MmapFile& operator=(const MmapFile&) = delete;
  ~MmapFile();

  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  std::string_view view() const { return {reinterpret_cast<const char*>(data_), size_}; }
  // Guarded mappings: whether a read faulted because the file shrank (or its
  // pages became unreadable); bytes read since then may be zeros. Cheap: one
  // relaxed atomic load.
  bool changed() const;
  // Drops this process's references to the mapped pages (MADV_DONTNEED):
  // they stay in the page cache and fault back in on the next read. A pass
  // over a large file then keeps resident only what it touches since.
  void DropResidentPages() const;
  // The same for the whole pages within [begin, begin + bytes) of the mapping.
  void DropResidentPages(const uint8_t* begin, size_t bytes) const;

 private:
  void Unmap();

  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
  MmapGuardSlot* guard_ = nullptr;
};

}  // namespace st
