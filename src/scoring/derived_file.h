// Writing and mapping the section container of derived_format.h.
// DerivedFileWriter collects typed arrays and writes them atomically (temp
// file, fsync, rename, fsync of the directory). It does not copy: the arrays
// given to Add() must stay alive and unchanged until Write() returns. DerivedFile maps the file
// read-only and hands out bounds- and type-checked spans.
// Thread-safety: DerivedFile is immutable after Open (concurrent reads fine);
// the writer is single-threaded.
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "base/temp_spill.h"
#include "scoring/derived_format.h"

namespace st::scoring {

// A large array built element by element and held in an unlinked temporary
// file (through a buffer, 4 MB unless told) instead of memory, so building
// scoring data does not need its largest sections in RAM. I/O errors are kept
// and returned by Finish(), ForEach() and DerivedFileWriter::Write().
class SpillArray {
 public:
  // The temporary file is created (and unlinked at once) in `dir`.
  SpillArray(const std::string& dir, uint32_t elem_size, size_t buffer_bytes = size_t{4} << 20);
  ~SpillArray();
  SpillArray(const SpillArray&) = delete;
  SpillArray& operator=(const SpillArray&) = delete;
  void Append(const void* data, uint64_t count);
  uint64_t size() const { return count_; }
  uint32_t elem_size() const { return elem_size_; }
  // Writes out the buffer. Errors: IoError naming the directory.
  Status Finish();
  // Finish() and give the buffer's memory back (a later Append takes a new
  // one): for many small arrays that are written once and read later.
  Status Close();
  // Copies the whole array to `out_fd` (after Finish).
  Status CopyTo(int out_fd, const std::string& out_path) const;
  // Reads the array back in order (after Finish): `sink` gets blocks of whole
  // elements, `count` of them at `elems`.
  Status ForEach(const std::function<Status(const void* elems, uint64_t count)>& sink) const;

 private:
  uint32_t elem_size_;
  size_t buffer_bytes_;
  TempSpill spill_;
  uint64_t count_ = 0;
  std::string buffer_;
  Status status_;
};

class DerivedFileWriter {
 public:
  explicit DerivedFileWriter(const format::Header& header) : header_(header) {}
  template <typename T>
  void Add(uint32_t id, std::span<const T> data) {
    AddBytes(id, sizeof(T), data.size(), data.data());
  }
  template <typename T>
  void Add(uint32_t id, const std::vector<T>& data) {
    Add(id, std::span<const T>(data));
  }
  // A section whose contents were spilled to a temporary file (below); it
  // must stay alive until Write() returns.
  void AddSpilled(uint32_t id, const class SpillArray& data);
  // Errors: IoError naming the path.
  Status Write(const std::string& path);

 private:
  void AddBytes(uint32_t id, uint32_t elem_size, uint64_t count, const void* data);
  format::Header header_;
  std::vector<format::SectionEntry> entries_;
  std::vector<std::string_view> payloads_;  // views, not copies
  std::vector<const SpillArray*> spilled_;   // per entry, or null
};

class DerivedFile {
 public:
  // Errors: NotFound (no file; the graph was built without scoring data),
  // Corruption (bad magic/version/size/bounds), IoError.
  static Result<std::unique_ptr<DerivedFile>> Open(const std::string& path);
  ~DerivedFile();
  DerivedFile(const DerivedFile&) = delete;
  DerivedFile& operator=(const DerivedFile&) = delete;

  const format::Header& header() const { return header_; }
  // The section as a typed span; Corruption if absent or of another element size.
  template <typename T>
  Result<std::span<const T>> Get(uint32_t id) const {
    for (const auto& e : entries_) {
      if (e.id != id) continue;
      if (e.elem_size != sizeof(T))
        return Status::Corruption(path_ + ": section " + std::to_string(id) + " has element size " +
                                  std::to_string(e.elem_size));
      return std::span<const T>(reinterpret_cast<const T*>(base_ + e.offset), e.count);
    }
    return Status::Corruption(path_ + ": missing section " + std::to_string(id));
  }
  // Maps the pages of section `id` into this process now (MADV_POPULATE_READ,
  // Linux 5.14+), so the first queries do not fault on them one by one; a
  // hint: returns quietly where the kernel lacks it or the section is absent.
  void Populate(uint32_t id) const;

 private:
  DerivedFile() = default;
  std::string path_;
  const uint8_t* base_ = nullptr;
  size_t size_ = 0;
  format::Header header_{};
  std::vector<format::SectionEntry> entries_;
};

}  // namespace st::scoring
