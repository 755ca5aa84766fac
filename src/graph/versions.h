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

// The inputs a version was built from (so `ingest` can add files and rebuild).
// Stored in the version dir as inputs.txt, one absolute path per line.
Result<std::vector<std::string>> ReadVersionInputs(const std::string& version_dir);
Status WriteVersionInputs(const std::string& version_dir, const std::vector<std::string>& inputs);

}  // namespace st::graph
