// Versioned graph directory: GRAPH_DIR/v000001/, v000002/, ... and a CURRENT
// file naming the published one. A new version is built in a staging dir and
// appears whole or not at all (fsync + rename + fsync of CURRENT); the previous
// version stays readable by processes that have it mapped.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"

namespace st::graph {

// Creates GRAPH_DIR if needed and an empty staging dir for the next version.
// Returns its path. Stale staging dirs from interrupted ingests are removed.
Result<std::string> BeginVersion(const std::string& graph_dir);
// Atomically publishes a staging dir as the current version.
Status PublishVersion(const std::string& graph_dir, const std::string& staging_dir);
// Removes a staging dir (rollback of an interrupted or failed build).
Status AbandonVersion(const std::string& staging_dir);
// Path of the published version dir; NotFound when nothing was published yet.
Result<std::string> CurrentVersionDir(const std::string& graph_dir);

// Exclusive right to build the next version of one graph dir, held for the
// life of the object (flock on GRAPH_DIR/LOCK; released by the kernel if the
// process dies). Two ingests that both add files to version N would otherwise
// each publish N + their own files, and the later would drop the other's.
class GraphDirLock {
 public:
  // Creates GRAPH_DIR if needed. Conflict when another process holds the lock.
  static Result<GraphDirLock> Acquire(const std::string& graph_dir);
  GraphDirLock(GraphDirLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  GraphDirLock& operator=(GraphDirLock&&) = delete;
  GraphDirLock(const GraphDirLock&) = delete;
  ~GraphDirLock();

 private:
  explicit GraphDirLock(int fd) : fd_(fd) {}
  int fd_;
};

// The inputs a version was built from (so `ingest` can add files and rebuild).
// Stored in the version dir as inputs.txt, one absolute path per line.
Result<std::vector<std::string>> ReadVersionInputs(const std::string& version_dir);
Status WriteVersionInputs(const std::string& version_dir, const std::vector<std::string>& inputs);

// What to tell the user when a file in a version dir has a format this build
// cannot read: the command that rebuilds the graph from its recorded inputs.
std::string RebuildHint(const std::string& file_in_version_dir);

}  // namespace st::graph
