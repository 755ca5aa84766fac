// The facts a draft may cite, read from the talent graph: the candidate's own papers (most cited first,
// with one sentence of their abstract or their keywords — never text we wrote), our staff who wrote with
// them (warm paths) and people who wrote with both (shared co-authors). Reads the mmap'd graph only;
// thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph/view.h"
#include "outreach/draft.h"

namespace st::outreach {

struct StaffAuthor {
  std::string name;            // as the campaign knows them
  graph::AuthorId author = graph::kNone;
};

// Fills papers, warm_paths and shared_coauthors of `facts` for graph author `author` (the others are the
// caller's). At most `max_papers` papers, 2 warm paths and 3 shared co-authors.
void AddGraphFacts(const graph::GraphView& g, graph::AuthorId author, const std::vector<StaffAuthor>& staff,
                   DraftFacts& facts, int max_papers = 2);

// "Ada" from "Ada Lovelace"; "" when the first word is an initial ("J. Smith") or the name is one word —
// the draft then says [[missing: first_name]] and someone must write the salutation.
std::string FirstNameOf(std::string_view display_name);

}  // namespace st::outreach
