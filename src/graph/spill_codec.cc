#include "graph/spill_codec.h"

#include <algorithm>
#include <utility>

namespace st::graph {

void RecordWriter::PutString(std::string_view s) {
  if (s.size() < 255) {
    Put(static_cast<uint8_t>(s.size()));
  } else {
    Put(uint8_t{255});
    Put(static_cast<uint32_t>(s.size()));
  }
  buffer_.append(s);
}

void RecordWriter::Flush() {
  if (buffer_.empty()) return;
  if (status_.ok() && !open_) {
    auto file = TempSpill::Create(dir_);
    if (file.ok()) file_ = std::move(*file);
    status_ = file.status();
    open_ = true;
  }
  if (status_.ok()) status_ = file_.Append(buffer_.data(), buffer_.size());
  buffer_.clear();  // after an error too: Finish reports it, the records are lost
}

Status RecordWriter::Finish() {
  Flush();
  buffer_ = std::string();
  return status_;
}

bool RecordReader::GetString(std::string_view& s) {
  const std::string_view start = rest_;
  uint8_t short_len = 0;
  if (!Get(short_len)) return false;
  uint32_t len = short_len;
  if ((short_len == 255 && !Get(len)) || rest_.size() < len) {
    rest_ = start;
    return false;
  }
  s = rest_.substr(0, len);
  rest_.remove_prefix(len);
  return true;
}

void RecordStream::Feed(std::string_view block) {
  size_t used = 0;  // bytes of `block` parsed
  if (!pending_.empty()) {
    // Completes the record begun in earlier blocks with as few of this
    // block's bytes as it needs (few: records are small next to a block).
    const size_t tail = pending_.size();
    for (size_t take = 64;; take *= 2) {
      take = std::min(take, block.size());
      pending_.resize(tail);
      pending_.append(block.substr(0, take));
      RecordReader in(pending_);
      if (parse_(in)) {
        used = take - in.rest().size();
        break;
      }
      if (take == block.size()) return;  // the record goes on in the next block
    }
    pending_.clear();
  }
  RecordReader in(block.substr(used));
  while (!in.done()) {
    RecordReader next = in;
    if (!parse_(next)) break;
    in = next;
  }
  pending_.assign(in.rest());
}

Result<bool> RecordCursor::Next(const std::string& what, const RecordStream::Parse& parse) {
  for (;;) {
    RecordReader in(std::string_view(buffer_).substr(pos_));
    if (!in.done() && parse(in)) {
      pos_ = buffer_.size() - in.rest().size();
      return true;
    }
    if (read_ == file_->size()) {
      if (in.done()) return false;
      return Status::Corruption(what + " ends inside an entry");
    }
    // Keep the unparsed tail and read the next block (a record longer than a
    // block gets more blocks).
    buffer_.erase(0, pos_);
    pos_ = 0;
    const uint64_t n = std::min<uint64_t>(block_bytes_, file_->size() - read_);
    ST_RETURN_IF_ERROR(file_->ReadRange(read_, n, [&](std::string_view block) {
      buffer_.append(block);
      return Status::Ok();
    }));
    read_ += n;
  }
}

Status ReadRecords(const TempSpill& file, const std::string& what, RecordStream::Parse parse) {
  RecordStream stream(std::move(parse));
  ST_RETURN_IF_ERROR(file.ReadRange(0, file.size(), [&](std::string_view block) {
    stream.Feed(block);
    return Status::Ok();
  }));
  if (!stream.complete()) return Status::Corruption(what + " ends inside an entry");
  return Status::Ok();
}

}  // namespace st::graph
