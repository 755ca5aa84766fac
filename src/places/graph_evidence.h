// The evidence the talent graph holds about where an author is: the current
// institution (latest year with an affiliation), its OpenAlex id, name,
// country and organisation.
#pragma once

#include "graph/view.h"
#include "places/locate.h"

namespace st::places {

Evidence EvidenceForAuthor(const graph::GraphView& g, graph::AuthorId a);

}  // namespace st::places
