// Identity resolution measured on real data (issue 14): the OpenReview
// profile ids of paper lists are the ground truth. The inputs are read with
// those ids hidden, the graph is built, and the people it made are compared
// with the id-based truth by B-cubed precision and recall (Bagga & Baldwin):
// per mention with a true id, precision = the share of its predicted person's
// mentions that are truly the same person, recall = the share of its true
// person's mentions that landed in its predicted person; both averaged over
// those mentions. The worst splits (one id spread over several people) and
// merges (one person holding several ids) are listed.
// Other ids (e-mails, ORCIDs, OpenAlex ids) stay visible, as in real ingests.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"

namespace st::graph {

struct IdentityEvalOptions {
  std::string scratch_dir;  // an empty directory the evaluation graph is built in (removed after)
  unsigned threads = 2;
  size_t worst = 10;        // splits and merges listed
  std::string dump_path;    // if set: one TSV line per evaluated mention (work, name, true id, predicted person)
};

struct IdentitySplit {
  std::string openreview_id;  // the true person
  std::string name;
  uint32_t mentions = 0;
  std::vector<uint32_t> pieces;  // mentions per predicted person, largest first
};

struct IdentityMerge {
  std::string name;  // the predicted person's display name
  uint32_t mentions = 0;
  std::vector<std::pair<std::string, uint32_t>> ids;  // true ids held, with their mentions, most first
};

struct IdentityEvalResult {
  uint64_t mentions = 0;          // authorships with a true id, evaluated
  uint64_t unmatched = 0;         // with a true id but not found on their work (not evaluated)
  uint64_t true_people = 0;       // distinct ids
  uint64_t predicted_people = 0;  // distinct predicted people over those mentions
  double precision = 0, recall = 0, f1 = 0;
  std::vector<IdentitySplit> worst_splits;
  std::vector<IdentityMerge> worst_merges;
};

// Reads `inputs` (files or directories, as ingest takes them), hides every
// OpenReview id, builds a graph in options.scratch_dir and scores it.
Result<IdentityEvalResult> EvaluateIdentity(const std::vector<std::string>& inputs,
                                            const IdentityEvalOptions& options);

}  // namespace st::graph
