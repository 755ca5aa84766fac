#include "corpus/input_stream.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include <isa-l/igzip_lib.h>

#include "base/mmap_file.h"

namespace st::corpus {
namespace {

constexpr size_t kRawChunk = 1u << 20;  // large reads keep syscalls rare
// The first read is small: format detection reads only a file's head (a 64 KB
// sample), for every input before ingest starts.
constexpr size_t kFirstRawChunk = 64u << 10;
constexpr size_t kReleaseEvery = 16u << 20;  // mapped bytes read between releases of their pages

// Where raw bytes come from: a file descriptor, a file mapping or a
// caller-owned buffer.
class RawSource {
 public:
  RawSource(int fd, std::string_view mem) : fd_(fd), mem_(mem) {}
  explicit RawSource(MmapFile map) : fd_(-1), map_(std::move(map)), mem_(map_.view()) {
    ::madvise(const_cast<uint8_t*>(map_.data()), map_.size(), MADV_SEQUENTIAL);
    const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
    readable_after_ = (page - map_.size() % page) % page;  // the last page is zero-filled
  }
  ~RawSource() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawSource(const RawSource&) = delete;
  RawSource& operator=(const RawSource&) = delete;

  bool in_memory() const { return fd_ < 0; }
  // The mapped file shrank (or became unreadable) while being read.
  bool changed() const { return map_.changed(); }
  std::string_view rest() const { return mem_.substr(mem_pos_); }
  size_t readable_after() const { return readable_after_; }

  // Consumes n bytes of rest() in place; releases a mapping's pages behind.
  void Advance(size_t n) {
    mem_pos_ += n;
    if (map_.data() != nullptr && mem_pos_ - released_ >= kReleaseEvery) {
      const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
      const size_t upto = mem_pos_ / page * page;
      // Shared file pages stay in the page cache; only this process's
      // mapping of them goes, so resident memory stays flat.
      ::madvise(const_cast<uint8_t*>(map_.data()) + released_, upto - released_, MADV_DONTNEED);
      released_ = upto;
    }
  }

  // Returns bytes read into dst, 0 at end, -1 on error (errno set).
  ssize_t Read(char* dst, size_t cap) {
    if (fd_ < 0) {
      size_t n = std::min(cap, mem_.size() - mem_pos_);
      std::memcpy(dst, mem_.data() + mem_pos_, n);
      Advance(n);
      return static_cast<ssize_t>(n);
    }
    for (;;) {
      ssize_t n = ::read(fd_, dst, cap);
      if (n < 0 && errno == EINTR) continue;
      return n;
    }
  }

 private:
  int fd_;
  MmapFile map_;
  std::string_view mem_;
  size_t mem_pos_ = 0;
  size_t readable_after_ = 0;
  size_t released_ = 0;  // page-aligned prefix of the mapping already released
};

class StreamImpl final : public InputStream {
 public:
  StreamImpl(std::unique_ptr<RawSource> raw, std::string name, const InputStreamOptions& options)
      : raw_(std::move(raw)), options_(options), in_(std::make_unique_for_overwrite<char[]>(kRawChunk)) {
    name_ = std::move(name);
  }

  // Reads the first bytes to decide gzip vs plain and to reject empty input.
  Status Init() {
    if (raw_->in_memory()) {
      // Plain input in memory stays there (mapped()); gzip goes through in_.
      std::string_view head = raw_->rest().substr(0, 2);
      if (head.empty()) return Status::InvalidInput(name_ + ": empty file");
      gzip_ = head == "\x1f\x8b";
      if (!gzip_) return Status::Ok();
    }
    ST_RETURN_IF_ERROR(Fill());
    if (in_len_ == 0) return Status::InvalidInput(name_ + ": empty file");
    gzip_ = in_len_ >= 2 && static_cast<uint8_t>(in_[0]) == 0x1f &&
            static_cast<uint8_t>(in_[1]) == 0x8b;
    if (gzip_) {
      if (in_len_ < 18 && raw_eof_)
        return Status::Corruption(name_ + ": truncated gzip (shorter than header and trailer)");
      StartMember();
    }
    return Status::Ok();
  }

  Result<size_t> Read(char* dst, size_t cap) override {
    if (!gzip_) return ReadPlain(dst, cap);
    return ReadGzip(dst, cap);
  }

  Mapped mapped() const override {
    if (gzip_ || !raw_->in_memory() || in_len_ > 0) return {};
    return {raw_->rest(), raw_->readable_after()};
  }

  Status Consume(size_t n) override {
    raw_->Advance(n);
    raw_total_ += n;
    return raw_->changed() ? ChangedError() : Status::Ok();
  }

  uint64_t raw_bytes_read() const override { return raw_total_; }
  bool is_gzip() const override { return gzip_; }

 private:
  Status ChangedError() const {
    return Status::IoError(name_ + ": file changed while being read (truncated by another process?)");
  }

  // Raw bytes into dst: 0 at the end; an error if the read failed or a mapped
  // file shrank under it (the bytes read may then be zeros).
  Result<size_t> RawRead(char* dst, size_t cap) {
    ssize_t n = raw_->Read(dst, cap);
    if (n < 0) return Status::IoError(name_ + ": read failed: " + std::strerror(errno));
    if (raw_->changed()) return ChangedError();
    return static_cast<size_t>(n);
  }

  // Refills in_ when everything in it was consumed.
  Status Fill() {
    in_pos_ = 0;
    in_len_ = 0;
    if (raw_eof_) return Status::Ok();
    ST_ASSIGN_OR_RETURN(size_t n, RawRead(in_.get(), raw_total_ == 0 ? kFirstRawChunk : kRawChunk));
    if (n == 0) raw_eof_ = true;
    in_len_ = static_cast<size_t>(n);
    raw_total_ += in_len_;
    return Status::Ok();
  }

  Result<size_t> ReadPlain(char* dst, size_t cap) {
    size_t done = 0;
    while (done < cap) {
      if (in_pos_ == in_len_) {
        // Large reads go straight to the caller's buffer.
        if (cap - done >= kRawChunk && !raw_eof_) {
          ST_ASSIGN_OR_RETURN(size_t n, RawRead(dst + done, cap - done));
          if (n == 0) { raw_eof_ = true; break; }
          raw_total_ += n;
          done += n;
          continue;
        }
        ST_RETURN_IF_ERROR(Fill());
        if (in_len_ == 0) break;
      }
      size_t n = std::min(cap - done, in_len_ - in_pos_);
      std::memcpy(dst + done, in_.get() + in_pos_, n);
      in_pos_ += n;
      done += n;
    }
    return done;
  }

  void StartMember() {
    isal_inflate_init(&state_);
    state_.crc_flag = ISAL_GZIP;
    member_open_ = true;
    member_out_ = 0;
  }

  Result<size_t> ReadGzip(char* dst, size_t cap) {
    size_t done = 0;
    while (done < cap) {
      if (!member_open_) {
        // Between members: the end of input is a clean end; anything else
        // must be the next member's header.
        if (in_pos_ == in_len_) {
          ST_RETURN_IF_ERROR(Fill());
          if (in_len_ == 0) break;
        }
        StartMember();
      }
      if (in_pos_ == in_len_) {
        ST_RETURN_IF_ERROR(Fill());
        if (in_len_ == 0) {
          // Input ended inside a member: let ISA-L flush what it holds, then fail.
          if (done > 0) break;
        }
      }
      state_.next_in = reinterpret_cast<uint8_t*>(in_.get() + in_pos_);
      state_.avail_in = static_cast<uint32_t>(in_len_ - in_pos_);
      state_.next_out = reinterpret_cast<uint8_t*>(dst + done);
      state_.avail_out = static_cast<uint32_t>(std::min<size_t>(cap - done, 1u << 30));
      uint32_t before_out = state_.avail_out;
      uint32_t before_in = state_.avail_in;
      int ret = isal_inflate(&state_);
      size_t produced = before_out - state_.avail_out;
      in_pos_ += before_in - state_.avail_in;
      done += produced;
      member_out_ += produced;
      total_out_ += produced;
      if (ret < 0 || ret == ISAL_NEED_DICT) return GzipError(ret);
      if (total_out_ > options_.bomb_floor_bytes &&
          static_cast<double>(total_out_) >
              options_.max_gzip_ratio * static_cast<double>(std::max<uint64_t>(raw_total_, 1))) {
        return Status::ResourceExhausted(
            name_ + ": decompression bomb stopped: " + std::to_string(total_out_) +
            " bytes out of " + std::to_string(raw_total_) + " compressed (ratio limit " +
            std::to_string(static_cast<int>(options_.max_gzip_ratio)) + ")");
      }
      if (state_.block_state == ISAL_BLOCK_FINISH) {
        // ISA-L has compared the trailer's CRC32 and ISIZE with the output.
        member_open_ = false;
        ++members_;
        continue;
      }
      if (produced == 0 && before_in == state_.avail_in && raw_eof_ && in_pos_ == in_len_) {
        return Status::Corruption(name_ + ": truncated gzip: input ends inside member " +
                                  std::to_string(members_ + 1) + " after " +
                                  std::to_string(member_out_) + " decompressed bytes");
      }
    }
    return done;
  }

  Status GzipError(int ret) {
    std::string what;
    switch (ret) {
      case ISAL_INCORRECT_CHECKSUM: what = "CRC32/ISIZE trailer mismatch"; break;
      case ISAL_INVALID_WRAPPER:
        what = members_ > 0 ? "trailing garbage after gzip member" : "invalid gzip header";
        break;
      case ISAL_INVALID_BLOCK: what = "invalid deflate block"; break;
      case ISAL_INVALID_SYMBOL: what = "invalid deflate symbol"; break;
      case ISAL_INVALID_LOOKBACK: what = "invalid deflate distance"; break;
      case ISAL_UNSUPPORTED_METHOD: what = "unsupported compression method"; break;
      default: what = "inflate error " + std::to_string(ret); break;
    }
    return Status::Corruption(name_ + ": corrupt gzip: " + what + " (member " +
                              std::to_string(members_ + 1) + ")");
  }

  std::unique_ptr<RawSource> raw_;
  InputStreamOptions options_;
  std::unique_ptr<char[]> in_;  // not zeroed: filled before use
  size_t in_pos_ = 0;
  size_t in_len_ = 0;
  bool raw_eof_ = false;
  uint64_t raw_total_ = 0;
  bool gzip_ = false;
  inflate_state state_{};
  bool member_open_ = false;
  uint64_t member_out_ = 0;
  uint64_t total_out_ = 0;
  uint64_t members_ = 0;
};

}  // namespace

Result<std::unique_ptr<InputStream>> InputStream::OpenFile(const std::string& path,
                                                           const InputStreamOptions& options) {
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    // Regular files are mapped: plain text is then parsed in place (no read()
    // copy). Pipes and the like are read below. The mapping is guarded: a file
    // truncated by another process while read is an error, not a SIGBUS.
    auto map = MmapFile::OpenGuarded(path);
    if (map.ok() && map->size() > 0) {
      auto stream = std::make_unique<StreamImpl>(std::make_unique<RawSource>(std::move(*map)), path, options);
      ST_RETURN_IF_ERROR(stream->Init());
      return std::unique_ptr<InputStream>(std::move(stream));
    }
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IoError(path + ": cannot open: " + std::strerror(errno));
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  auto stream = std::make_unique<StreamImpl>(std::make_unique<RawSource>(fd, std::string_view()),
                                             path, options);
  ST_RETURN_IF_ERROR(stream->Init());
  return std::unique_ptr<InputStream>(std::move(stream));
}

Result<std::unique_ptr<InputStream>> InputStream::FromMemory(std::string_view bytes,
                                                             std::string name,
                                                             const InputStreamOptions& options) {
  auto stream = std::make_unique<StreamImpl>(std::make_unique<RawSource>(-1, bytes),
                                             std::move(name), options);
  ST_RETURN_IF_ERROR(stream->Init());
  return std::unique_ptr<InputStream>(std::move(stream));
}

}  // namespace st::corpus
