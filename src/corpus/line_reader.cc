#include "corpus/line_reader.h"

#include <algorithm>
#include <cstring>

namespace st::corpus {
namespace {
constexpr size_t kInitialBuffer = 4u << 20;  // many records per read; not zeroed, so cheap
}

LineReader::LineReader(InputStream* stream, uint64_t max_line_bytes, uint32_t max_depth,
                       uint64_t size_hint)
    : stream_(stream), scanner_(max_depth), max_line_(std::max<uint64_t>(max_line_bytes, 1)) {
  cap_ = static_cast<size_t>(std::clamp<uint64_t>(size_hint, 64u << 10, kInitialBuffer));
  buf_ = std::make_unique_for_overwrite<char[]>(cap_ + kLinePadding);
}

Status LineReader::Grow() {
  size_t new_cap = cap_ * 2;
  auto bigger = std::make_unique_for_overwrite<char[]>(new_cap + kLinePadding);
  std::memcpy(bigger.get(), buf_.get() + begin_, end_ - begin_);
  end_ -= begin_;
  scan_ -= begin_;
  begin_ = 0;
  buf_ = std::move(bigger);
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

Result<LineReader::Kind> LineReader::Next(std::string_view* line, uint64_t* line_no) {
  for (;;) {
    const char* base = buf_.get();
    const size_t found = scan_ + scanner_.FindLineEnd(base + scan_, end_ - scan_);
    if (found < end_) {
      size_t pos = found;
      size_t start = begin_;
      begin_ = pos + 1;
      scan_ = begin_;
      *line_no = ++line_no_;
      if (skipping_) {
        skipping_ = false;
        *line = std::string_view();
        return Kind::kTooLong;
      }
      size_t len = pos - start;
      if (len > 0 && base[start + len - 1] == '\r') --len;
      if (len > max_line_) {
        *line = std::string_view();
        return Kind::kTooLong;
      }
      *line = std::string_view(base + start, len);
      return scanner_.too_deep() ? Kind::kTooDeep : Kind::kLine;
    }
    scan_ = end_;
    if (skipping_ || end_ - begin_ > max_line_) {
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
        size_t start = begin_;
        size_t len = end_ - begin_;
        begin_ = scan_ = end_;
        *line_no = ++line_no_;
        if (len > 0 && buf_[start + len - 1] == '\r') --len;
        *line = std::string_view(buf_.get() + start, len);
        return too_deep ? Kind::kTooDeep : Kind::kLine;
      }
      return Kind::kEnd;
    }
    ST_RETURN_IF_ERROR(ReadMore());
  }
}

}  // namespace st::corpus
