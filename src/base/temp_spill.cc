#include "base/temp_spill.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <utility>

namespace st {

Result<TempSpill> TempSpill::Create(const std::string& dir_or_empty) {
  std::string dir = dir_or_empty;
  if (dir.empty()) {  // the system's temporary directory
    std::error_code ec;
    dir = std::filesystem::temp_directory_path(ec).string();
    if (ec) dir = "/tmp";
  }
  std::string path = dir + "/.spill-XXXXXX";
  const int fd = ::mkstemp(path.data());
  if (fd < 0) return Status::IoError(dir + ": cannot create a temporary file: " + std::strerror(errno));
  ::unlink(path.c_str());
  TempSpill t;
  t.fd_ = fd;
  t.dir_ = dir;
  return t;
}

TempSpill::~TempSpill() {
  if (fd_ >= 0) ::close(fd_);
}

TempSpill::TempSpill(TempSpill&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), dir_(std::move(other.dir_)), size_(std::exchange(other.size_, 0)) {}

TempSpill& TempSpill::operator=(TempSpill&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    dir_ = std::move(other.dir_);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

Status TempSpill::Append(const void* data, uint64_t bytes) {
  const char* p = static_cast<const char*>(data);
  while (bytes > 0) {
    const ssize_t n = ::pwrite(fd_, p, std::min<uint64_t>(bytes, size_t{1} << 30), static_cast<off_t>(size_));
    if (n < 0 && errno == EINTR) continue;
    // pwrite sets errno only when it fails: 0 bytes written is an error of its own.
    if (n == 0) return Status::IoError(dir_ + ": cannot write a temporary file: no bytes were written");
    if (n < 0)
      return errno == ENOSPC ? Status::ResourceExhausted(dir_ + ": disk full writing a temporary file")
                             : Status::IoError(dir_ + ": cannot write a temporary file: " + std::strerror(errno));
    p += n;
    bytes -= static_cast<uint64_t>(n);
    size_ += static_cast<uint64_t>(n);
  }
  return Status::Ok();
}

Status TempSpill::ReadRange(uint64_t offset, uint64_t bytes,
                            const std::function<Status(std::string_view)>& sink) const {
  std::string block(std::min<uint64_t>(bytes, size_t{8} << 20), '\0');
  for (uint64_t done = 0; done < bytes;) {
    const ssize_t n = ::pread(fd_, block.data(), std::min<uint64_t>(block.size(), bytes - done),
                              static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      return Status::IoError(dir_ + ": cannot read a temporary file: " +
                             (n < 0 ? std::string(std::strerror(errno)) : std::string("it shrank")));
    ST_RETURN_IF_ERROR(sink({block.data(), static_cast<size_t>(n)}));
    done += static_cast<uint64_t>(n);
  }
  return Status::Ok();
}

}  // namespace st
