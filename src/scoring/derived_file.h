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
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "scoring/derived_format.h"

namespace st::scoring {

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
  // One section written from several arrays in order (large sections built
  // in chunks, so they are never copied into one array).
  template <typename T>
  void AddChunks(uint32_t id, const std::vector<std::vector<T>>& chunks) {
    std::vector<std::string_view> pieces;
    uint64_t count = 0;
    for (const auto& c : chunks) {
      pieces.emplace_back(reinterpret_cast<const char*>(c.data()), c.size() * sizeof(T));
      count += c.size();
    }
    AddPieces(id, sizeof(T), count, std::move(pieces));
  }
  // Errors: IoError naming the path.
  Status Write(const std::string& path);

 private:
  void AddBytes(uint32_t id, uint32_t elem_size, uint64_t count, const void* data);
  void AddPieces(uint32_t id, uint32_t elem_size, uint64_t count, std::vector<std::string_view> pieces);
  format::Header header_;
  std::vector<format::SectionEntry> entries_;
  std::vector<std::vector<std::string_view>> payloads_;  // views, not copies
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

 private:
  DerivedFile() = default;
  std::string path_;
  const uint8_t* base_ = nullptr;
  size_t size_ = 0;
  format::Header header_{};
  std::vector<format::SectionEntry> entries_;
};

}  // namespace st::scoring
