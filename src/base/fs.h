// Durable file-system helpers: whole-file atomic writes (temp file + fsync +
// rename + fsync of the directory), directory fsync, recursive removal.
// Errors: IoError naming the path (ResourceExhausted when the disk is full).
// Thread-safety: stateless; safe to call concurrently on different paths.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace st {

// Writes `data` to `path` so that a crash leaves either the old or the new file.
Status WriteFileAtomic(const std::string& path, std::string_view data);
// Reads a whole (small) file.
Result<std::string> ReadFileToString(const std::string& path);
// fsync of a file or directory by path.
Status FsyncPath(const std::string& path);
// mkdir -p.
Status MakeDirs(const std::string& path);
// rm -rf; OK when the path does not exist.
Status RemoveAll(const std::string& path);

// A file written by appending, then fsynced on Close(). Used for big outputs.
class FileWriter {
 public:
  static Result<FileWriter> Create(const std::string& path);
  FileWriter(FileWriter&& other) noexcept;
  FileWriter& operator=(FileWriter&&) = delete;
  FileWriter(const FileWriter&) = delete;
  ~FileWriter();
  Status Append(std::string_view data);
  uint64_t offset() const { return offset_; }
  // fsyncs and closes; further Appends fail.
  Status Close();

 private:
  FileWriter(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  int fd_ = -1;
  std::string path_;
  uint64_t offset_ = 0;
};

}  // namespace st
