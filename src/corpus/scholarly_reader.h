// Google Scholar publication records as the `scholarly` Python package writes
// them, saved as one JSON object mapping a paper's title (as the venue printed
// it) to its record: {"Title": {"bib": {"title", "author": ["Y Burda", ...],
// "pub_year", "venue"}, "num_citations": 123, "pub_url", "author_id",
// "citedby_url", ...}, ...}. Google Scholar gives authors as initials only, so
// these records bring citation counts, not people or works of their own:
// each becomes a citations-only WorkRecord (WorkRecord::citations_only) that
// the graph builder joins to an existing work by folded title + year (+ the
// first author's surname when titles collide) and counts in the ingest summary.
//
// Venue and year come from the file name when it names them
// ("scholarly_iclr2019_2022-04-19.json.gz": ICLR 2019; counts as of
// 2022-04-19), else from bib.pub_year. Bad input: the top level must be an
// object of objects; a record without an integer num_citations >= 0, or with
// an empty title, is a record error naming the title and the field.
// Thread-safety: free function; one call per file.
#pragma once

#include <string_view>

#include "corpus/read_context.h"

namespace st::corpus {

// True when a file's first bytes look like a scholarly title -> record object.
bool LooksLikeScholarly(std::string_view name, std::string_view head);

Status ReadScholarly(ReadContext& ctx);

}  // namespace st::corpus
