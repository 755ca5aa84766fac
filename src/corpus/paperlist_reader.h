// Conference paper lists in the Paper Copilot / OpenReview shape: one JSON
// array per venue-year, the file named after it ("iclr2023.json.gz" → venue
// "ICLR", year 2023). Every schema variant of 2018–2024 is handled:
//  - names in `author` or `authors`, ';'- or ', '-separated;
//  - `authorids`: OpenReview ids (~First_Last1), e-mails or ACL ids (/o/x/),
//    assigned per author only when their count matches the authors;
//  - `aff`, `aff_domain`, `position`: per author only when the counts match
//    (a '+' joins several affiliations of one author); otherwise, and always
//    for CVF's unordered paper-level sets, they go to paper_institutions so
//    nobody lands at the wrong lab;
//  - status → PaperStatus, rating_avg, gs_citation → cited_by_count, award,
//    keywords → "kw:<keyword>" topics, primary_area → "area:<name>" topic.
// Rows without authors are skipped and counted in FileStats::skipped.
// Thread-safety: free functions; one call per file.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "corpus/read_context.h"
#include "corpus/work_record.h"

namespace st::corpus {

struct VenueYear {
  std::string key;    // "iclr2023" (id prefix)
  std::string venue;  // "ICLR"
  std::string venue_id;  // "iclr"
  int16_t year = 0;
};

// Venue and year from a file name like ".../nips2021.json.gz". Error when the
// name has no 4-digit year after the venue letters.
Result<VenueYear> VenueYearFromPath(std::string_view path);

// Maps a paper-list status ("Oral", "Top-25%", "Desk Reject", "Long Findings"…).
PaperStatus PaperStatusFromString(std::string_view status);

Status ReadPaperList(ReadContext& ctx, const VenueYear& venue);

}  // namespace st::corpus
