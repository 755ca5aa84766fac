// The web pages: files under one directory, looked up by decoded URL path
// ("/" and directories -> index.html; ".." segments refused, so nothing
// outside the directory is served), with their MIME type. Scripts and JSON
// carry "; charset=utf-8" (browsers then never guess the encoding).
// Thread-safety: read-only after construction; files are read per request.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace st::web {

struct StaticFile {
  std::string body;
  std::string content_type;
};

class StaticFiles {
 public:
  explicit StaticFiles(std::string dir) : dir_(std::move(dir)) {}
  bool enabled() const { return !dir_.empty(); }

  // The file for `path`, or nullopt (missing, not a regular file, unsafe path).
  std::optional<StaticFile> Find(std::string_view path) const;
  // index.html: the app shell for client-side page paths ("/people/12").
  std::optional<StaticFile> AppShell() const { return Find("/index.html"); }

 private:
  std::string dir_;
};

// MIME type by file extension ("js" -> "application/javascript; charset=utf-8").
std::string_view MimeType(std::string_view extension);

}  // namespace st::web
