// MmapFile: a read-only memory mapping of a whole file. Move-only; unmaps on
// destruction. Errors: NotFound (no file), IoError (open/stat/mmap failed).
// Thread-safety: the mapped bytes are immutable; concurrent reads are fine.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace st {

class MmapFile {
 public:
  static Result<MmapFile> Open(const std::string& path);
  MmapFile() = default;
  MmapFile(MmapFile&& other) noexcept;
  MmapFile& operator=(MmapFile&& other) noexcept;
  MmapFile(const MmapFile&) = delete;
  MmapFile& operator=(const MmapFile&) = delete;
  ~MmapFile();

  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  std::string_view view() const { return {reinterpret_cast<const char*>(data_), size_}; }

 private:
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace st
