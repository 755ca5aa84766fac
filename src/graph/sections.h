// Building blocks shared by the graph writer and reader: in-memory columns
// (strings, CSR) for the writer, a SectionWriter that lays them out as
// format.h describes, and a SectionTable that validates and serves them from a
// mapping. Thread-safety: none needed (one writer; the reader is immutable).
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/status.h"
#include "base/temp_spill.h"
#include "graph/format.h"

namespace st {
class FileWriter;  // base/fs.h
}

namespace st::graph {

// Writer-side string column: row i is bytes[offsets[i], offsets[i+1]).
struct StringColumn {
  std::vector<uint64_t> offsets{0};
  std::string bytes;
  void Add(std::string_view s) {
    bytes.append(s);
    offsets.push_back(bytes.size());
  }
  size_t size() const { return offsets.size() - 1; }
};

// Writer-side CSR: row i is data[offsets[i], offsets[i+1]).
template <typename T>
struct CsrColumn {
  std::vector<uint64_t> offsets{0};
  std::vector<T> data;
  void EndRow() { offsets.push_back(data.size()); }
};

// Finished sections written ahead to an unlinked temporary file, so the
// build frees their memory long before the graph file is written (large work
// columns would otherwise stack on identity resolution). Thread-safety: none.
class SpillFile {
 public:
  // Creates the file in `dir` (the staging directory) and unlinks it at once.
  static Result<std::unique_ptr<SpillFile>> Create(const std::string& dir);
  ~SpillFile();
  SpillFile(const SpillFile&) = delete;
  SpillFile& operator=(const SpillFile&) = delete;

  struct Section {
    uint32_t id;
    uint32_t elem_size;
    uint64_t count;
    uint64_t offset;  // in the spill file
    uint32_t crc;     // of the payload, as SectionWriter::Write computes it
  };
  // Appends one section's payload. Errors: IoError naming the directory.
  Result<Section> Add(uint32_t id, uint32_t elem_size, uint64_t count, const void* data);
  // Or streams one section in pieces (through a 1 MB buffer): Begin, Append
  // any number of times, End. One section at a time per file; I/O errors are
  // kept and returned by End.
  void Begin(uint32_t id, uint32_t elem_size);
  void Append(const void* data, uint64_t count);
  uint64_t count() const { return current_.count; }  // elements appended since Begin
  Result<Section> End();
  // Copies [offset, offset + bytes) of the spill file to `out`.
  Status CopyTo(uint64_t offset, uint64_t bytes, FileWriter& out) const;

 private:
  explicit SpillFile(TempSpill spill) : spill_(std::move(spill)) {}
  void FlushBuffer();
  TempSpill spill_;
  Section current_{};  // the streamed section
  std::string buffer_;
  Status status_;
};

// Finished spilled sections in file order, as SectionWriter::AddSpilled takes them.
using SpilledSections = std::vector<std::pair<const SpillFile*, SpillFile::Section>>;

// Columns written to spill files as their rows are built (the layout of
// StringColumn and CsrColumn: offsets, then data), for the build's largest
// columns: only a buffer per section stays in memory.
class SpilledStrings {
 public:
  static Result<SpilledStrings> Create(const std::string& dir, format::Column c);
  void Add(std::string_view s) {
    bytes_->Append(s.data(), s.size());
    const uint64_t end = bytes_->count();
    offsets_->Append(&end, 1);
  }
  // Appends the two finished sections to `out`.
  Status End(SpilledSections* out);

 private:
  std::unique_ptr<SpillFile> offsets_, bytes_;
};

template <typename T>
class SpilledCsr {
 public:
  static Result<SpilledCsr> Create(const std::string& dir, format::Column c) {
    SpilledCsr col;
    ST_ASSIGN_OR_RETURN(col.offsets_, SpillFile::Create(dir));
    ST_ASSIGN_OR_RETURN(col.data_, SpillFile::Create(dir));
    col.offsets_->Begin(format::SectionId(c, format::kOffsets), sizeof(uint64_t));
    col.data_->Begin(format::SectionId(c, format::kData), sizeof(T));
    const uint64_t zero = 0;
    col.offsets_->Append(&zero, 1);
    return col;
  }
  void Append(std::span<const T> rows) { data_->Append(rows.data(), rows.size()); }
  void EndRow() {
    const uint64_t end = data_->count();
    offsets_->Append(&end, 1);
  }
  uint64_t size() const { return data_->count(); }
  Status End(SpilledSections* out) {
    ST_ASSIGN_OR_RETURN(SpillFile::Section offsets, offsets_->End());
    ST_ASSIGN_OR_RETURN(SpillFile::Section data, data_->End());
    out->emplace_back(offsets_.get(), offsets);
    out->emplace_back(data_.get(), data);
    return Status::Ok();
  }

 private:
  std::unique_ptr<SpillFile> offsets_, data_;
};

// Writes a finished in-memory CSR column (offsets, then data) to `file`.
template <typename T>
Status SpillCsr(SpillFile& file, format::Column c, const CsrColumn<T>& col, SpilledSections* out) {
  ST_ASSIGN_OR_RETURN(SpillFile::Section offsets, file.Add(format::SectionId(c, format::kOffsets), sizeof(uint64_t),
                                                           col.offsets.size(), col.offsets.data()));
  ST_ASSIGN_OR_RETURN(SpillFile::Section data,
                      file.Add(format::SectionId(c, format::kData), sizeof(T), col.data.size(), col.data.data()));
  out->emplace_back(&file, offsets);
  out->emplace_back(&file, data);
  return Status::Ok();
}

// One array section written to a spill file as its elements come.
template <typename T>
class SpilledArray {
 public:
  static Result<SpilledArray> Create(const std::string& dir, uint32_t id) {
    SpilledArray col;
    ST_ASSIGN_OR_RETURN(col.data_, SpillFile::Create(dir));
    col.data_->Begin(id, sizeof(T));
    return col;
  }
  void Add(const T& v) { data_->Append(&v, 1); }
  void Append(std::span<const T> v) { data_->Append(v.data(), v.size()); }
  uint64_t size() const { return data_->count(); }
  Status End(SpilledSections* out) {
    ST_ASSIGN_OR_RETURN(SpillFile::Section s, data_->End());
    out->emplace_back(data_.get(), s);
    return Status::Ok();
  }

 private:
  std::unique_ptr<SpillFile> data_;
};

// Collects sections (views into caller-owned memory, which must outlive
// Write) and writes the file. Write() fsyncs the file.
class SectionWriter {
 public:
  // A section already in a spill file, which must outlive Write.
  void AddSpilled(const SpillFile& file, const SpillFile::Section& s) {
    sections_.push_back({s.id, s.elem_size, s.count, nullptr, &file, s.offset, s.crc});
  }
  void AddSpilled(const SpilledSections& sections) {
    for (const auto& [file, s] : sections) AddSpilled(*file, s);
  }
  template <typename T>
  void AddArray(uint32_t id, std::span<const T> data) {
    sections_.push_back({id, static_cast<uint32_t>(sizeof(T)), data.size(),
                         reinterpret_cast<const char*>(data.data()), nullptr, 0, 0});
  }
  template <typename T>
  void AddArray(uint32_t id, const std::vector<T>& v) { AddArray(id, std::span<const T>(v)); }
  void AddStrings(format::Column c, const StringColumn& col);
  template <typename T>
  void AddCsr(format::Column c, const CsrColumn<T>& col) {
    AddArray(format::SectionId(c, format::kOffsets), col.offsets);
    AddArray(format::SectionId(c, format::kData), col.data);
  }
  Status Write(const std::string& path, format::FileHeader header);

 private:
  struct Pending {
    uint32_t id;
    uint32_t elem_size;
    uint64_t count;
    const char* data;  // null for a spilled section
    const SpillFile* spill;
    uint64_t spill_offset;
    uint32_t spill_crc;
  };
  std::vector<Pending> sections_;
};

// Reader-side string column.
struct StringsView {
  std::span<const uint64_t> offsets;
  const char* bytes = nullptr;
  size_t size() const { return offsets.empty() ? 0 : offsets.size() - 1; }
  std::string_view Get(size_t i) const {
    return {bytes + offsets[i], static_cast<size_t>(offsets[i + 1] - offsets[i])};
  }
};

template <typename T>
struct CsrView {
  std::span<const uint64_t> offsets;
  std::span<const T> data;
  std::span<const T> Row(size_t i) const {
    return data.subspan(offsets[i], offsets[i + 1] - offsets[i]);
  }
};

// Validated access to the sections of a mapped file. Errors are Corruption
// naming the file and the failed check.
class SectionTable {
 public:
  // `checked`, if set, is called with each range of the file once its
  // checksum is verified, and later with each column's offsets once Strings
  // or Csr has checked them (a mapped reader gives its pages back: the whole
  // file is read, most of it is not needed again at once).
  Status Parse(const uint8_t* base, size_t size, const std::string& file_name,
               const std::function<void(const uint8_t*, size_t)>& checked = nullptr);
  const format::FileHeader& header() const { return header_; }

  template <typename T>
  Result<std::span<const T>> Array(uint32_t id, uint64_t expected_count = kAnyCount) const {
    ST_ASSIGN_OR_RETURN(const format::SectionEntry* e, Find(id, sizeof(T)));
    if (expected_count != kAnyCount && e->count != expected_count)
      return Bad(id, "has " + std::to_string(e->count) + " rows, expected " +
                         std::to_string(expected_count));
    return std::span<const T>(reinterpret_cast<const T*>(base_ + e->offset), e->count);
  }
  Result<StringsView> Strings(format::Column c, uint64_t rows) const;
  // Whether the file has the column (columns added in later versions).
  bool Has(format::Column c) const { return by_id_.count(format::SectionId(c, format::kOffsets)) > 0; }
  template <typename T>
  Result<CsrView<T>> Csr(format::Column c, uint64_t rows) const {
    CsrView<T> v;
    ST_ASSIGN_OR_RETURN(v.offsets, Array<uint64_t>(format::SectionId(c, format::kOffsets), rows + 1));
    ST_ASSIGN_OR_RETURN(v.data, Array<T>(format::SectionId(c, format::kData)));
    ST_RETURN_IF_ERROR(CheckOffsets(c, v.offsets, v.data.size()));
    return v;
  }

  static constexpr uint64_t kAnyCount = ~uint64_t{0};

 private:
  Result<const format::SectionEntry*> Find(uint32_t id, uint32_t elem_size) const;
  // Checks that `offsets` start at 0, do not decrease and end at
  // `data_count`, then hands their pages to `checked_`.
  Status CheckOffsets(format::Column c, std::span<const uint64_t> offsets, uint64_t data_count) const;
  Status Bad(uint32_t id, const std::string& what) const;

  const uint8_t* base_ = nullptr;
  size_t size_ = 0;
  std::string file_name_;
  std::function<void(const uint8_t*, size_t)> checked_;
  format::FileHeader header_{};
  std::unordered_map<uint32_t, const format::SectionEntry*> by_id_;
};

uint32_t Crc32(const void* data, size_t size);

// The first i in [begin, end) with !ok(i), or `end`. Open's whole-file scans
// use it: blocks without an early exit inside vectorise, and the failing row
// is looked for only in a block that has one.
template <typename Ok>
size_t FirstFailing(size_t begin, size_t end, Ok ok) {
  constexpr size_t kBlock = 4096;
  for (size_t block = begin; block < end; block += kBlock) {
    const size_t stop = std::min(end, block + kBlock);
    bool all_ok = true;
    for (size_t i = block; i < stop; ++i) all_ok &= ok(i);
    if (all_ok) continue;
    for (size_t i = block; i < stop; ++i)
      if (!ok(i)) return i;
  }
  return end;
}

}  // namespace st::graph
