#include "web/static_files.h"

#include <cstdio>
#include <filesystem>
#include <memory>

namespace st::web {

std::string_view MimeType(std::string_view ext) {
  struct Entry {
    std::string_view ext, type;
  };
  static constexpr Entry kTypes[] = {
      {"html", "text/html; charset=utf-8"},
      {"htm", "text/html; charset=utf-8"},
      {"css", "text/css; charset=utf-8"},
      {"js", "application/javascript; charset=utf-8"},
      {"mjs", "application/javascript; charset=utf-8"},
      {"json", "application/json; charset=utf-8"},
      {"map", "application/json; charset=utf-8"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"gif", "image/gif"},
      {"webp", "image/webp"},
      {"ico", "image/x-icon"},
      {"woff", "font/woff"},
      {"woff2", "font/woff2"},
      {"txt", "text/plain; charset=utf-8"},
      {"md", "text/plain; charset=utf-8"},
      {"csv", "text/csv; charset=utf-8"},
      {"pdf", "application/pdf"},
  };
  for (const Entry& e : kTypes) {
    if (e.ext == ext) return e.type;
  }
  return "application/octet-stream";
}

std::optional<StaticFile> StaticFiles::Find(std::string_view path) const {
  if (dir_.empty() || path.empty() || path.front() != '/') return std::nullopt;
  // Refuse "..", NUL and backslashes anywhere: the path must stay inside dir_.
  if (path.find('\0') != std::string_view::npos || path.find('\\') != std::string_view::npos) return std::nullopt;
  for (size_t i = 0; i < path.size();) {
    size_t j = path.find('/', i + 1);
    if (j == std::string_view::npos) j = path.size();
    if (path.substr(i + 1, j - i - 1) == "..") return std::nullopt;
    i = j;
  }
  std::string rel(path.substr(1));
  if (rel.empty() || rel.back() == '/') rel += "index.html";
  std::filesystem::path file = std::filesystem::path(dir_) / rel;
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) file /= "index.html";
  if (!std::filesystem::is_regular_file(file, ec)) return std::nullopt;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(file.c_str(), "rb"), &std::fclose);
  if (!f) return std::nullopt;
  StaticFile out;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) out.body.append(buf, n);
  std::string ext = file.extension().string();
  out.content_type = std::string(MimeType(ext.empty() ? "" : std::string_view(ext).substr(1)));
  return out;
}

}  // namespace st::web
