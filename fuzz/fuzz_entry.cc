#include "fuzz/fuzz_entry.h"

#include <cstdlib>
#include <string>

namespace st::corpus::fuzz {

uint64_t FuzzOne(const Target& target, const uint8_t* data, size_t size) {
  uint64_t good_full = 0;
  // Both projections: the citations one stops walking a JSON Lines record
  // early and checks the unwalked tail with the line scanner instead.
  for (const Projection projection : {Projection::kFull, Projection::kCitations}) {
    ReadOptions options;
    options.projection = projection;
    // Small limits keep each run fast and its memory bounded.
    options.max_record_bytes = 1u << 20;
    options.max_document_bytes = 8u << 20;
    options.gzip_ratio_floor = 4u << 20;
    std::string name(target.file_name);
    uint64_t good = 0;
    auto result = ReadBuffer(
        target.format, std::string_view(reinterpret_cast<const char*>(data), size), name, options,
        [&](const WorkRecord& r) {
          ++good;
          // Every delivered record has an id and sane enums.
          if (r.id.empty() || static_cast<int>(r.status) > static_cast<int>(PaperStatus::kWithdrawn))
            std::abort();
          for (const Authorship& a : r.authors)
            if (static_cast<int>(a.position) > static_cast<int>(AuthorPosition::kLast)) std::abort();
        },
        [&](const ReadError& e) {
          // Every error names the file.
          if (e.file != name || e.ToString().rfind(name, 0) != 0) std::abort();
          return true;
        });
    if (result.ok() && result->records != good) std::abort();
    if (projection == Projection::kFull) good_full = good;
  }
  return good_full;
}

}  // namespace st::corpus::fuzz
