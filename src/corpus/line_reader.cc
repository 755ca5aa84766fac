#include "corpus/line_reader.h"

#include <algorithm>
#include <cstring>

namespace st::corpus {
namespace {
constexpr size_t kInitialBuffer = 512u << 10;  // many records per read, still in L2 when parsed
}

LineReader::LineReader(InputStream* stream, uint64_t max_line_bytes, uint32_t max_depth,
                       uint64_t size_hint)
    : stream_(stream), scanner_(max_depth), max_line_(std::max<uint64_t>(max_line_bytes, 1)) {
  const InputStream::Mapped mapped = stream->mapped();
  if (!mapped.bytes.empty()) {
    // Plain file in memory: lines are views into it, nothing is read or copied.
    mapped_ = true;
    data_ = mapped.bytes.data();
    end_ = mapped.bytes.size();
    readable_end_ = end_ + mapped.readable_after;
    eof_ = true;
    return;
  }
  cap_ = static_cast<size_t>(std::clamp<uint64_t>(size_hint, 64u << 10, kInitialBuffer));
  buf_ = std::make_unique_for_overwrite<char[]>(cap_ + kLinePadding);
  data_ = buf_.get();
}

Status LineReader::Grow() {
  size_t new_cap = cap_ * 2;
  auto bigger = std::make_unique_for_overwrite<char[]>(new_cap + kLinePadding);
  std::memcpy(bigger.get(), buf_.get() + begin_, end_ - begin_);
  end_ -= begin_;
  scan_ -= begin_;
  begin_ = 0;
  buf_ = std::move(bigger);
  data_ = buf_.get();
  cap_ = new_cap;
  return Status::Ok();
}

Status LineReader::ReadMore() {
  if (begin_ > 0) {
    // Slide the partial line to the front so reads always append.
    std::memmove(buf_.get(), buf_.get() + begin_, end_ - begin_);
    end_ -= begin_;
    scan_ -= begin_;
    begin_ = 0;
  }
  if (end_ == cap_) ST_RETURN_IF_ERROR(Grow());
  ST_ASSIGN_OR_RETURN(size_t n, stream_->Read(buf_.get() + end_, cap_ - end_));
  if (n == 0) eof_ = true;
  end_ += n;
  std::memset(buf_.get() + end_, 0, std::min<size_t>(kLinePadding, cap_ + kLinePadding - end_));
  return Status::Ok();
}

Status LineReader::ConsumeMapped(size_t upto) {
  if (!mapped_) return Status::Ok();
  // Also checks that the file did not shrink while anything was scanned.
  ST_RETURN_IF_ERROR(stream_->Consume(upto - consumed_));
  consumed_ = upto;
  return Status::Ok();
}

LineReader::Kind LineReader::Emit(size_t start, size_t len, bool too_deep, std::string_view* line) {
  if (len > 0 && data_[start + len - 1] == '\r') --len;
  if (len > max_line_) {
    *line = std::string_view();
    return Kind::kTooLong;
  }
  const char* p = data_ + start;
  if (mapped_ && start + len + kLinePadding > readable_end_) {
    if (buf_ == nullptr || cap_ < len) {
      cap_ = len;
      buf_ = std::make_unique_for_overwrite<char[]>(cap_ + kLinePadding);
    }
    std::memcpy(buf_.get(), p, len);
    std::memset(buf_.get() + len, 0, kLinePadding);
    p = buf_.get();
  }
  *line = std::string_view(p, len);
  return too_deep ? Kind::kTooDeep : Kind::kLine;
}

Result<LineReader::Kind> LineReader::Next(std::string_view* line, uint64_t* line_no) {
  for (;;) {
    const size_t found = scan_ + scanner_.FindLineEnd(data_ + scan_, end_ - scan_);
    if (found < end_) {
      const size_t start = begin_;
      begin_ = scan_ = found + 1;
      ST_RETURN_IF_ERROR(ConsumeMapped(start));  // the line itself stays mapped
      *line_no = ++line_no_;
      if (skipping_) {
        skipping_ = false;
        *line = std::string_view();
        return Kind::kTooLong;
      }
      root_end_ = scanner_.root_end();
      return Emit(start, found - start, scanner_.too_deep(), line);
    }
    scan_ = end_;
    if (!mapped_ && (skipping_ || end_ - begin_ > max_line_)) {
      // Over-long: forget what we hold, keep looking for its newline.
      skipping_ = true;
      begin_ = scan_ = end_ = 0;
    }
    if (eof_) {
      const bool too_deep = scanner_.FinishLine();
      if (skipping_) {
        skipping_ = false;
        *line_no = ++line_no_;
        *line = std::string_view();
        return Kind::kTooLong;
      }
      if (begin_ < end_) {
        // Last line without a trailing newline.
        const size_t start = begin_;
        begin_ = scan_ = end_;
        ST_RETURN_IF_ERROR(ConsumeMapped(start));
        *line_no = ++line_no_;
        root_end_ = scanner_.root_end();
        return Emit(start, end_ - start, too_deep, line);
      }
      ST_RETURN_IF_ERROR(ConsumeMapped(end_));
      return Kind::kEnd;
    }
    ST_RETURN_IF_ERROR(ReadMore());
  }
}

}  // namespace st::corpus
