// One alerts run: the watched people and saved searches from the store, the
// diff between two graph versions (graph_diff.h), each alert fanned out to the
// users who watch its subject, all stored with the run in one transaction. A
// graph version is diffed once (store: watch_runs). Used by `superteam alerts`
// and by `superteam ingest --db` right after a version is published.
//
// Who gets what: a pipeline candidate's alerts go to its owner, or to every
// ceo, hr and recruiter when it has none; own staff's to ceo and hr; a followed
// person's or search's to the follower. One alert per user and finding.
#pragma once

#include <functional>
#include <memory>
#include <span>
#include <string>

#include "base/status.h"
#include "graph/view.h"
#include "store/store.h"
#include "watch/graph_diff.h"

namespace st::watch {

struct AlertRunResult {
  bool already_diffed = false;  // the version had a run; nothing was done
  store::WatchRun run;
  DiffStats stats;
  size_t findings = 0;        // before the fan-out to users
  size_t searches = 0;        // saved searches compared
  std::string search_note;    // why saved searches were skipped, if they were
  double diff_seconds = 0;
};

// The id a version is recorded under: its directory's canonical path.
std::string GraphVersionId(const graph::GraphView& g);

// The published version before the current one in `graph_dir` (the highest
// vNNNNNN below CURRENT); NotFound when there is none.
Result<std::string> PreviousVersionDir(const std::string& graph_dir);

Result<AlertRunResult> RunAlerts(store::Store& store, std::shared_ptr<const graph::GraphView> prev,
                                 std::shared_ptr<const graph::GraphView> now);

// The same run with the findings from `find` (given the watched targets, in
// target order) instead of a diff of two versions, recorded under `version_id`
// and fanned out to the same users; saved searches are not compared. The demo
// seed uses it (one graph version: findings read off that version).
using FindAlerts = std::function<std::vector<Alert>(std::span<const WatchTarget> targets, const WatchSettings& settings)>;
Result<AlertRunResult> RecordAlertRun(store::Store& store, const std::string& version_id,
                                      const std::string& previous_id, const FindAlerts& find);

}  // namespace st::watch
