// The record format of the graph build's own temporary files: a shard's work
// details (shard.h) and the work index's keys (BuildState). Values are raw
// bytes in native order, strings carry their length in one byte below 255,
// else 255 and four bytes. The files live and die within one build, so there
// is no version nor byte-order mark. Thread-safety: none.
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <type_traits>

#include "base/status.h"
#include "base/temp_spill.h"

namespace st::graph {

// Appends records to a TempSpill through a 1 MB buffer. The file is made in
// `dir` (empty: the system's temporary directory) when the first bytes go
// out; I/O errors are kept and returned by Finish.
class RecordWriter {
 public:
  explicit RecordWriter(std::string dir = {}) : dir_(std::move(dir)) {}
  template <typename T>
  void Put(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    buffer_.append(reinterpret_cast<const char*>(&v), sizeof(T));
  }
  void PutString(std::string_view s);
  // Ends a record: writes the buffer out once it holds 1 MB.
  void EndRecord() {
    if (buffer_.size() >= kFlushBytes) Flush();
  }
  // Bytes put so far (written and buffered): the next record's offset.
  uint64_t size() const { return file_.size() + buffer_.size(); }
  // Writes out the buffer and frees it. Errors: the first failure to create
  // or write the file.
  Status Finish();
  // The records written (after Finish).
  const TempSpill& file() const { return file_; }

 private:
  static constexpr size_t kFlushBytes = size_t{1} << 20;
  void Flush();
  std::string dir_;
  TempSpill file_;
  bool open_ = false;
  std::string buffer_;
  Status status_;
};

// Reads values back from bytes a RecordWriter wrote. Every Get is false,
// and reads nothing, when the bytes end first.
class RecordReader {
 public:
  explicit RecordReader(std::string_view bytes) : rest_(bytes) {}
  template <typename T>
  bool Get(T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    if (rest_.size() < sizeof(T)) return false;
    std::memcpy(&v, rest_.data(), sizeof(T));
    rest_.remove_prefix(sizeof(T));
    return true;
  }
  // `s` views the reader's bytes.
  bool GetString(std::string_view& s);
  bool done() const { return rest_.empty(); }
  std::string_view rest() const { return rest_; }

 private:
  std::string_view rest_;
};

// Parses a file's records from its read blocks, in order, a record that
// straddles two blocks included. `parse` reads one record and returns false
// if the bytes end inside it, having kept nothing of it: it is called again
// once more bytes have come. Only the straddling record is copied.
class RecordStream {
 public:
  using Parse = std::function<bool(RecordReader&)>;
  explicit RecordStream(Parse parse) : parse_(std::move(parse)) {}
  void Feed(std::string_view block);
  // Whether the bytes fed so far end with a whole record.
  bool complete() const { return pending_.empty(); }

 private:
  Parse parse_;
  std::string pending_;  // the unparsed tail of the blocks fed so far
};

// Reads a file's records one at a time, a block at a time, so several files
// can be read in step (a merge). `parse` has RecordStream's contract; views
// it takes stay valid until the next call of Next.
class RecordCursor {
 public:
  explicit RecordCursor(const TempSpill& file, size_t block_bytes = size_t{32} << 10)
      : file_(&file), block_bytes_(block_bytes) {}
  // Gives `parse` the next record: true, or false at the end of the file.
  // Errors: the file's IoError; Corruption naming `what` when the file ends
  // inside a record.
  Result<bool> Next(const std::string& what, const RecordStream::Parse& parse);

 private:
  const TempSpill* file_;
  size_t block_bytes_;
  uint64_t read_ = 0;    // bytes of the file in buffer_ or parsed
  std::string buffer_;   // read, not yet parsed from `pos_` on
  size_t pos_ = 0;
};

// Parses all of `file` with a RecordStream. Errors: the file's IoError;
// Corruption naming `what` when the file ends inside a record.
Status ReadRecords(const TempSpill& file, const std::string& what, RecordStream::Parse parse);

}  // namespace st::graph
