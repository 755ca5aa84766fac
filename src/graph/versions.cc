#include "graph/versions.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "base/fs.h"

namespace st::graph {
namespace {

namespace fs = std::filesystem;

constexpr char kCurrentFile[] = "CURRENT";
constexpr char kStagingPrefix[] = ".staging-";
// Published versions kept besides the current one (readers may still map them).
constexpr size_t kKeepOldVersions = 2;

// "v000012" -> 12; 0 when the name is not a version dir.
uint64_t ParseVersion(const std::string& name) {
  if (name.size() != 7 || name[0] != 'v') return 0;
  uint64_t v = 0;
  for (size_t i = 1; i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9') return 0;
    v = v * 10 + static_cast<uint64_t>(name[i] - '0');
  }
  return v;
}

std::string VersionName(uint64_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "v%06llu", static_cast<unsigned long long>(v));
  return buf;
}

std::vector<uint64_t> ListVersions(const std::string& graph_dir) {
  std::vector<uint64_t> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(graph_dir, ec))
    if (uint64_t v = ParseVersion(e.path().filename().string()); v && e.is_directory()) out.push_back(v);
  std::sort(out.begin(), out.end());
  return out;
}

// A staging dir is stale when the process that made it is gone.
bool StagingOwnerAlive(const std::string& name) {
  size_t dash = name.rfind('-');
  if (dash == std::string::npos) return false;
  pid_t pid = static_cast<pid_t>(std::atol(name.c_str() + dash + 1));
  if (pid <= 0 || pid == ::getpid()) return false;
  return ::kill(pid, 0) == 0 || errno == EPERM;
}

}  // namespace

Result<std::string> BeginVersion(const std::string& graph_dir) {
  ST_RETURN_IF_ERROR(MakeDirs(graph_dir));
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(graph_dir, ec)) {
    std::string name = e.path().filename().string();
    if (name.rfind(kStagingPrefix, 0) == 0 && !StagingOwnerAlive(name))
      ST_RETURN_IF_ERROR(RemoveAll(e.path().string()));
  }
  if (ec) return Status::IoError(graph_dir + ": list: " + ec.message());
  static unsigned counter = 0;
  std::string staging = graph_dir + "/" + kStagingPrefix + std::to_string(++counter) + "-" +
                        std::to_string(::getpid());
  ST_RETURN_IF_ERROR(RemoveAll(staging));
  ST_RETURN_IF_ERROR(MakeDirs(staging));
  return staging;
}

Status PublishVersion(const std::string& graph_dir, const std::string& staging_dir) {
  // Everything inside staging is already fsynced by its writers; make the
  // directory entries durable, then move it into place and switch CURRENT.
  ST_RETURN_IF_ERROR(FsyncPath(staging_dir));
  std::vector<uint64_t> versions = ListVersions(graph_dir);
  uint64_t next = versions.empty() ? 1 : versions.back() + 1;
  std::string name = VersionName(next);
  std::string target = graph_dir + "/" + name;
  if (::rename(staging_dir.c_str(), target.c_str()) != 0)
    return Status::IoError(staging_dir + ": rename to " + target + " failed");
  ST_RETURN_IF_ERROR(FsyncPath(graph_dir));
  ST_RETURN_IF_ERROR(WriteFileAtomic(graph_dir + "/" + kCurrentFile, name + "\n"));
  // Old versions beyond the last few go; a process mapping one keeps its pages.
  versions.push_back(next);
  if (versions.size() > kKeepOldVersions + 1) {
    for (size_t i = 0; i + kKeepOldVersions + 1 < versions.size(); ++i)
      (void)RemoveAll(graph_dir + "/" + VersionName(versions[i]));
  }
  return Status::Ok();
}

Status AbandonVersion(const std::string& staging_dir) { return RemoveAll(staging_dir); }

Result<std::string> CurrentVersionDir(const std::string& graph_dir) {
  Result<std::string> text = ReadFileToString(graph_dir + "/" + kCurrentFile);
  if (!text.ok()) {
    if (text.status().code() == StatusCode::kNotFound)
      return Status::NotFound(graph_dir + ": no graph published yet (run `superteam ingest`)");
    return text.status();
  }
  std::string name = *text;
  while (!name.empty() && (name.back() == '\n' || name.back() == '\r')) name.pop_back();
  if (ParseVersion(name) == 0)
    return Status::Corruption(graph_dir + "/CURRENT: does not name a version ('" + name.substr(0, 40) + "')");
  std::string dir = graph_dir + "/" + name;
  if (!fs::is_directory(dir)) return Status::Corruption(graph_dir + "/CURRENT names missing " + name);
  return dir;
}

Result<std::vector<std::string>> ReadVersionInputs(const std::string& version_dir) {
  ST_ASSIGN_OR_RETURN(std::string text, ReadFileToString(version_dir + "/inputs.txt"));
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    if (end > pos) out.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

Status WriteVersionInputs(const std::string& version_dir, const std::vector<std::string>& inputs) {
  std::string text;
  for (const auto& p : inputs) {
    if (p.find('\n') != std::string::npos)
      return Status::InvalidInput("input path contains a newline: " + p.substr(0, p.find('\n')));
    std::error_code ec;
    fs::path abs = fs::absolute(p, ec);
    text += (ec ? p : abs.lexically_normal().string()) + "\n";
  }
  return WriteFileAtomic(version_dir + "/inputs.txt", text);
}

Result<GraphDirLock> GraphDirLock::Acquire(const std::string& graph_dir) {
  ST_RETURN_IF_ERROR(MakeDirs(graph_dir));
  const std::string path = graph_dir + "/LOCK";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IoError(path + ": " + std::strerror(errno));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    ::close(fd);
    if (err == EWOULDBLOCK) return Status::Conflict("another ingest is building " + graph_dir + " (" + path + " is locked)");
    return Status::IoError(path + ": " + std::strerror(err));
  }
  return GraphDirLock(fd);
}

GraphDirLock::~GraphDirLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the last descriptor releases the flock
}

std::string RebuildHint(const std::string& file_in_version_dir) {
  const std::filesystem::path graph_dir = std::filesystem::path(file_in_version_dir).parent_path().parent_path();
  return "rebuild it with: superteam ingest --graph " + (graph_dir.empty() ? std::string("DIR") : graph_dir.string());
}

}  // namespace st::graph
