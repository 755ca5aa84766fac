#include "graph/sections.h"

#include <libdeflate.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <utility>
#include <vector>

#include "base/fs.h"
#include "base/parallel_tasks.h"
#include "graph/versions.h"

namespace st::graph {

// libdeflate's CRC-32 (the zlib polynomial, same values) folds with PCLMUL:
// ~14 GB/s per core here against zlib's ~4, and Open checksums the whole file.
uint32_t Crc32(const void* data, size_t size) { return libdeflate_crc32(0, data, size); }

Result<std::unique_ptr<SpillFile>> SpillFile::Create(const std::string& dir) {
  ST_ASSIGN_OR_RETURN(TempSpill spill, TempSpill::Create(dir));
  return std::unique_ptr<SpillFile>(new SpillFile(std::move(spill)));
}

SpillFile::~SpillFile() = default;

Result<SpillFile::Section> SpillFile::Add(uint32_t id, uint32_t elem_size, uint64_t count, const void* data) {
  Section s{id, elem_size, count, spill_.size(), Crc32(data, count * elem_size)};
  ST_RETURN_IF_ERROR(spill_.Append(data, count * elem_size));
  return s;
}

void SpillFile::Begin(uint32_t id, uint32_t elem_size) {
  current_ = {id, elem_size, 0, spill_.size(), 0};
  buffer_.reserve(size_t{1} << 20);
}

void SpillFile::Append(const void* data, uint64_t count) {
  const char* p = static_cast<const char*>(data);
  const uint64_t bytes = count * current_.elem_size;
  if (bytes == 0) return;  // libdeflate_crc32(crc, nullptr, 0) would restart the CRC
  current_.count += count;
  if (buffer_.size() + bytes > buffer_.capacity()) FlushBuffer();
  if (bytes > buffer_.capacity()) {
    current_.crc = libdeflate_crc32(current_.crc, p, bytes);
    if (status_.ok()) status_ = spill_.Append(p, bytes);
  } else {
    buffer_.append(p, bytes);
  }
}

// The CRC runs over the buffer as it goes out: one call per megabyte, not
// one per (often tiny) Append.
void SpillFile::FlushBuffer() {
  if (buffer_.empty()) return;
  current_.crc = libdeflate_crc32(current_.crc, buffer_.data(), buffer_.size());
  if (status_.ok()) status_ = spill_.Append(buffer_.data(), buffer_.size());
  buffer_.clear();
}

Result<SpillFile::Section> SpillFile::End() {
  FlushBuffer();
  buffer_ = std::string();
  if (!status_.ok()) return status_;
  return current_;
}

Result<SpilledStrings> SpilledStrings::Create(const std::string& dir, format::Column c) {
  SpilledStrings col;
  ST_ASSIGN_OR_RETURN(col.offsets_, SpillFile::Create(dir));
  ST_ASSIGN_OR_RETURN(col.bytes_, SpillFile::Create(dir));
  col.offsets_->Begin(format::SectionId(c, format::kOffsets), sizeof(uint64_t));
  col.bytes_->Begin(format::SectionId(c, format::kData), 1);
  const uint64_t zero = 0;
  col.offsets_->Append(&zero, 1);
  return col;
}

Status SpilledStrings::End(SpilledSections* out) {
  ST_ASSIGN_OR_RETURN(SpillFile::Section offsets, offsets_->End());
  ST_ASSIGN_OR_RETURN(SpillFile::Section bytes, bytes_->End());
  out->emplace_back(offsets_.get(), offsets);
  out->emplace_back(bytes_.get(), bytes);
  return Status::Ok();
}

Status SpillFile::CopyTo(uint64_t offset, uint64_t bytes, FileWriter& out) const {
  return spill_.ReadRange(offset, bytes, [&](std::string_view block) { return out.Append(block); });
}

void SectionWriter::AddStrings(format::Column c, const StringColumn& col) {
  AddArray(format::SectionId(c, format::kOffsets), col.offsets);
  sections_.push_back({format::SectionId(c, format::kData), 1, col.bytes.size(), col.bytes.data(), nullptr, 0, 0});
}

Status SectionWriter::Write(const std::string& path, format::FileHeader header) {
  auto align8 = [](uint64_t x) { return (x + 7) & ~uint64_t{7}; };
  std::vector<format::SectionEntry> table(sections_.size());
  uint64_t pos = sizeof(format::FileHeader) + sizeof(format::SectionEntry) * table.size();
  for (size_t i = 0; i < sections_.size(); ++i) {
    const Pending& s = sections_[i];
    pos = align8(pos);
    table[i] = {s.id, s.elem_size, pos, s.count, s.spill ? s.spill_crc : Crc32(s.data, s.count * s.elem_size), 0};
    pos += s.count * s.elem_size;
  }
  std::memcpy(header.magic, format::kMagic, sizeof header.magic);
  header.version = format::kFormatVersion;
  header.oldest_reader = format::kOldestReadableVersion;
  header.file_size = pos;
  header.num_sections = static_cast<uint32_t>(table.size());
  header.table_crc = Crc32(table.data(), table.size() * sizeof(format::SectionEntry));
  header.header_crc = Crc32(&header, offsetof(format::FileHeader, header_crc));

  ST_ASSIGN_OR_RETURN(FileWriter w, FileWriter::Create(path));
  ST_RETURN_IF_ERROR(w.Append({reinterpret_cast<const char*>(&header), sizeof header}));
  ST_RETURN_IF_ERROR(w.Append({reinterpret_cast<const char*>(table.data()),
                               table.size() * sizeof(format::SectionEntry)}));
  static const char kZeros[8] = {};
  for (size_t i = 0; i < sections_.size(); ++i) {
    uint64_t pad = table[i].offset - w.offset();
    ST_RETURN_IF_ERROR(w.Append({kZeros, static_cast<size_t>(pad)}));
    const Pending& s = sections_[i];
    if (s.spill) ST_RETURN_IF_ERROR(s.spill->CopyTo(s.spill_offset, s.count * s.elem_size, w));
    else ST_RETURN_IF_ERROR(w.Append({s.data, s.count * s.elem_size}));
  }
  return w.Close();
}

Status SectionTable::Bad(uint32_t id, const std::string& what) const {
  return Status::Corruption(file_name_ + ": section " + std::to_string(id / 4) + "." +
                            std::to_string(id % 4) + " " + what);
}

Status SectionTable::Parse(const uint8_t* base, size_t size, const std::string& file_name,
                           const std::function<void(const uint8_t*, size_t)>& checked) {
  base_ = base;
  size_ = size;
  file_name_ = file_name;
  checked_ = checked;
  if (size < sizeof(format::FileHeader))
    return Status::Corruption(file_name + ": too short for a graph header (" + std::to_string(size) +
                              " bytes)");
  std::memcpy(&header_, base, sizeof header_);
  if (std::memcmp(header_.magic, format::kMagic, sizeof header_.magic) != 0)
    return Status::Corruption(file_name + ": not a superteam graph file (bad magic)");
  if (Crc32(&header_, offsetof(format::FileHeader, header_crc)) != header_.header_crc)
    return Status::Corruption(file_name + ": header checksum mismatch");
  if (header_.version < format::kOldestReadableVersion || header_.oldest_reader > format::kFormatVersion)
    return Status::Corruption(file_name + ": graph format version " + std::to_string(header_.version) +
                              " is not readable by this build (reads " +
                              std::to_string(format::kOldestReadableVersion) + ".." +
                              std::to_string(format::kFormatVersion) + "); " + RebuildHint(file_name));
  if (header_.file_size != size)
    return Status::Corruption(file_name + ": file is " + std::to_string(size) + " bytes, header says " +
                              std::to_string(header_.file_size) + " (truncated?)");
  uint64_t table_bytes = uint64_t{header_.num_sections} * sizeof(format::SectionEntry);
  if (table_bytes > size - sizeof(format::FileHeader))
    return Status::Corruption(file_name + ": section table out of bounds");
  auto* table = reinterpret_cast<const format::SectionEntry*>(base + sizeof(format::FileHeader));
  if (Crc32(table, table_bytes) != header_.table_crc)
    return Status::Corruption(file_name + ": section table checksum mismatch");
  std::vector<std::pair<uint64_t, uint64_t>> extents;  // [begin, end) of each payload
  for (uint32_t i = 0; i < header_.num_sections; ++i) {
    const format::SectionEntry& e = table[i];
    if (e.elem_size == 0 || e.offset % 8 != 0 || e.offset > size ||
        e.count > (size - e.offset) / e.elem_size)
      return Bad(e.id, "out of bounds");
    if (!by_id_.emplace(e.id, &e).second) return Bad(e.id, "appears twice");
    extents.emplace_back(e.offset, e.offset + e.count * e.elem_size);
  }
  // Checksums: most of Open's time (the whole file is read). Independent per
  // section, so spread over the cores, largest sections first.
  auto bytes = [&](size_t i) { return table[i].count * table[i].elem_size; };
  std::vector<char> bad(header_.num_sections, 0);
  ParallelTasksLargestFirst(header_.num_sections, WorkerThreads(), bytes, [&](size_t i) {
    if (!checked) {
      bad[i] = Crc32(base + table[i].offset, bytes(i)) != table[i].crc;
      return;
    }
    uint32_t crc = 0;  // the same CRC, in 16 MB steps handed to `checked`
    for (uint64_t done = 0; done < bytes(i);) {
      const uint64_t n = std::min<uint64_t>(bytes(i) - done, uint64_t{16} << 20);
      crc = libdeflate_crc32(crc, base + table[i].offset + done, n);
      checked(base + table[i].offset + done, n);
      done += n;
    }
    bad[i] = crc != table[i].crc;
  });
  for (uint32_t i = 0; i < header_.num_sections; ++i)
    if (bad[i]) return Bad(table[i].id, "checksum mismatch");
  // Payloads may not overlap, and the alignment padding between them must be
  // zero: then every byte of the file is covered by some check.
  std::sort(extents.begin(), extents.end());
  uint64_t pos = sizeof(format::FileHeader) + table_bytes;
  for (const auto& [begin, end] : extents) {
    if (begin < pos) return Status::Corruption(file_name + ": sections overlap");
    for (uint64_t p = pos; p < begin; ++p)
      if (base[p] != 0) return Status::Corruption(file_name + ": non-zero padding at byte " + std::to_string(p));
    pos = end;
  }
  if (pos != size) return Status::Corruption(file_name + ": trailing bytes after the last section");
  return Status::Ok();
}

Result<const format::SectionEntry*> SectionTable::Find(uint32_t id, uint32_t elem_size) const {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return Bad(id, "is missing");
  if (it->second->elem_size != elem_size)
    return Bad(id, "has element size " + std::to_string(it->second->elem_size) + ", expected " +
                       std::to_string(elem_size));
  return it->second;
}

Status SectionTable::CheckOffsets(format::Column c, std::span<const uint64_t> offsets,
                                  uint64_t data_count) const {
  uint32_t id = format::SectionId(c, format::kOffsets);
  if (offsets.empty() || offsets.front() != 0) return Bad(id, "offsets do not start at 0");
  const size_t bad = FirstFailing(1, offsets.size(), [&](size_t i) { return offsets[i] >= offsets[i - 1]; });
  if (bad != offsets.size()) return Bad(id, "offsets decrease at row " + std::to_string(bad));
  if (offsets.back() != data_count) return Bad(id, "offsets do not end at the data size");
  if (checked_) checked_(reinterpret_cast<const uint8_t*>(offsets.data()), offsets.size_bytes());
  return Status::Ok();
}

Result<StringsView> SectionTable::Strings(format::Column c, uint64_t rows) const {
  StringsView v;
  ST_ASSIGN_OR_RETURN(v.offsets, Array<uint64_t>(format::SectionId(c, format::kOffsets), rows + 1));
  ST_ASSIGN_OR_RETURN(auto bytes, Array<char>(format::SectionId(c, format::kData)));
  ST_RETURN_IF_ERROR(CheckOffsets(c, v.offsets, bytes.size()));
  v.bytes = bytes.data();
  return v;
}

}  // namespace st::graph
