#include "scoring/derived_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>

#include "graph/versions.h"

namespace st::scoring {
namespace {

Status Errno(const std::string& what, const std::string& path) {
  return Status::IoError(what + " " + path + ": " + std::strerror(errno));
}

Status WriteAll(int fd, const char* data, size_t size, const std::string& path) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno == ENOSPC ? Status::ResourceExhausted("disk full writing " + path)
                             : Errno("write", path);
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
  return Status::Ok();
}

Status FsyncDir(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return Errno("open", dir);
  int rc = ::fsync(fd);
  ::close(fd);
  return rc == 0 ? Status::Ok() : Errno("fsync", dir);
}

uint64_t Align8(uint64_t x) { return (x + 7) & ~uint64_t{7}; }

}  // namespace

void DerivedFileWriter::AddBytes(uint32_t id, uint32_t elem_size, uint64_t count, const void* data) {
  entries_.push_back({id, elem_size, 0, count});
  payloads_.emplace_back(static_cast<const char*>(data), elem_size * count);
  spilled_.push_back(nullptr);
}

void DerivedFileWriter::AddSpilled(uint32_t id, const SpillArray& data) {
  entries_.push_back({id, data.elem_size(), 0, data.size()});
  payloads_.emplace_back();
  spilled_.push_back(&data);
}

SpillArray::SpillArray(const std::string& dir, uint32_t elem_size, size_t buffer_bytes)
    : elem_size_(elem_size), buffer_bytes_(std::max<size_t>(buffer_bytes, elem_size)) {
  auto spill = TempSpill::Create(dir);
  if (!spill.ok()) {
    status_ = spill.status();
    return;
  }
  spill_ = std::move(*spill);
  buffer_.reserve(buffer_bytes_);
}

SpillArray::~SpillArray() = default;

void SpillArray::Append(const void* data, uint64_t count) {
  if (buffer_.capacity() < buffer_bytes_) buffer_.reserve(buffer_bytes_);  // after Close
  count_ += count;
  const char* p = static_cast<const char*>(data);
  size_t bytes = count * elem_size_;
  while (bytes > 0) {
    const size_t n = std::min(bytes, buffer_.capacity() - buffer_.size());
    buffer_.append(p, n);
    p += n;
    bytes -= n;
    if (buffer_.size() == buffer_.capacity() && !Finish().ok()) return;
  }
}

Status SpillArray::Finish() {
  if (!status_.ok()) return status_;
  if (Status s = spill_.Append(buffer_.data(), buffer_.size()); !s.ok()) status_ = s;
  buffer_.clear();
  return status_;
}

Status SpillArray::Close() {
  Status s = Finish();
  std::string().swap(buffer_);
  return s;
}

Status SpillArray::CopyTo(int out_fd, const std::string& out_path) const {
  if (!status_.ok()) return status_;
  return spill_.ReadRange(0, count_ * elem_size_, [&](std::string_view block) {
    return WriteAll(out_fd, block.data(), block.size(), out_path);
  });
}

Status SpillArray::ForEach(const std::function<Status(const void* elems, uint64_t count)>& sink) const {
  if (!status_.ok()) return status_;
  std::string carry;  // a partial element left at the end of a block
  return spill_.ReadRange(0, count_ * elem_size_, [&](std::string_view block) {
    if (!carry.empty()) {
      const size_t need = std::min(block.size(), elem_size_ - carry.size());
      carry.append(block.data(), need);
      block.remove_prefix(need);
      if (carry.size() < elem_size_) return Status::Ok();
      ST_RETURN_IF_ERROR(sink(carry.data(), 1));
      carry.clear();
    }
    const uint64_t whole = block.size() / elem_size_;
    if (whole > 0) ST_RETURN_IF_ERROR(sink(block.data(), whole));
    carry.assign(block.substr(whole * elem_size_));
    return Status::Ok();
  });
}

Status DerivedFileWriter::Write(const std::string& path) {
  format::Header h = header_;
  std::memcpy(h.magic, format::kMagic, sizeof(h.magic));
  h.version = format::kVersion;
  h.num_sections = static_cast<uint32_t>(entries_.size());
  uint64_t offset = Align8(sizeof(h) + entries_.size() * sizeof(format::SectionEntry));
  for (size_t i = 0; i < entries_.size(); ++i) {
    entries_[i].offset = offset;
    offset = Align8(offset + uint64_t{entries_[i].elem_size} * entries_[i].count);
  }
  h.file_size = offset;

  const std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Errno("create", tmp);
  auto fail = [&](Status s) {
    ::close(fd);
    ::unlink(tmp.c_str());
    return s;
  };
  std::string head(reinterpret_cast<const char*>(&h), sizeof(h));
  head.append(reinterpret_cast<const char*>(entries_.data()), entries_.size() * sizeof(format::SectionEntry));
  head.resize(Align8(head.size()), '\0');
  if (Status s = WriteAll(fd, head.data(), head.size(), tmp); !s.ok()) return fail(s);
  for (size_t i = 0; i < entries_.size(); ++i) {
    Status written = spilled_[i] ? spilled_[i]->CopyTo(fd, tmp) : WriteAll(fd, payloads_[i].data(), payloads_[i].size(), tmp);
    if (!written.ok()) return fail(written);
    const uint64_t size = uint64_t{entries_[i].elem_size} * entries_[i].count;
    static const char kZeros[8] = {};
    if (Status s = WriteAll(fd, kZeros, Align8(size) - size, tmp); !s.ok()) return fail(s);
  }
  if (::fsync(fd) != 0) return fail(Errno("fsync", tmp));
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return Errno("rename", path);
  }
  return FsyncDir(std::filesystem::path(path).parent_path().string());
}

Result<std::unique_ptr<DerivedFile>> DerivedFile::Open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return Status::NotFound(path + ": no scoring data; " + graph::RebuildHint(path));
    return Errno("open", path);
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return Errno("stat", path);
  }
  const size_t size = static_cast<size_t>(st.st_size);
  if (size < sizeof(format::Header)) {
    ::close(fd);
    return Status::Corruption(path + ": file too short");
  }
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
  ::close(fd);
  if (map == MAP_FAILED) return Errno("mmap", path);
  std::unique_ptr<DerivedFile> f(new DerivedFile());
  f->path_ = path;
  f->base_ = static_cast<const uint8_t*>(map);
  f->size_ = size;
  std::memcpy(&f->header_, f->base_, sizeof(format::Header));
  const auto& h = f->header_;
  if (std::memcmp(h.magic, format::kMagic, sizeof(h.magic)) != 0)
    return Status::Corruption(path + ": bad magic");
  if (h.version != format::kVersion)
    return Status::Corruption(path + ": scoring data version " + std::to_string(h.version) + ", this build reads " +
                              std::to_string(format::kVersion) + "; " + graph::RebuildHint(path));
  if (h.file_size != size) return Status::Corruption(path + ": truncated (size mismatch)");
  const uint64_t table_end = sizeof(format::Header) + uint64_t{h.num_sections} * sizeof(format::SectionEntry);
  if (h.num_sections > 1024 || table_end > size) return Status::Corruption(path + ": bad section table");
  f->entries_.resize(h.num_sections);
  std::memcpy(f->entries_.data(), f->base_ + sizeof(format::Header), h.num_sections * sizeof(format::SectionEntry));
  for (const auto& e : f->entries_) {
    if (e.offset % 8 != 0 || e.elem_size == 0 || e.offset < table_end || e.offset > size ||
        e.count > (size - e.offset) / e.elem_size)
      return Status::Corruption(path + ": section " + std::to_string(e.id) + " out of bounds");
  }
  return f;
}

void DerivedFile::Populate(uint32_t id) const {
#ifdef MADV_POPULATE_READ
  const uintptr_t page = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
  for (const auto& e : entries_) {
    if (e.id != id || e.count == 0) continue;
    const uintptr_t begin = reinterpret_cast<uintptr_t>(base_ + e.offset) & ~(page - 1);
    const uintptr_t end = reinterpret_cast<uintptr_t>(base_ + e.offset + e.elem_size * e.count);
    ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_POPULATE_READ);
  }
#else
  (void)id;
#endif
}

DerivedFile::~DerivedFile() {
  if (base_) ::munmap(const_cast<uint8_t*>(base_), size_);
}

}  // namespace st::scoring
