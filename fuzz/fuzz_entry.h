// One entry point per corpus reader, shared by the libFuzzer targets (built
// with -DST_FUZZ=ON and clang) and by fuzz_replay_test, which replays the
// saved corpus in fuzz/corpus/<reader>/ on every ctest run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "corpus/reader.h"

namespace st::corpus::fuzz {

// The fuzzed readers, by the name of their corpus folder.
struct Target {
  std::string_view name;  // "openalex_jsonl", "openalex_api", "paperlist", "arxiv", "s2"
  Format format;
  std::string_view file_name;  // stands for the file in errors (paper lists need a venue-year)
};
inline constexpr Target kTargets[] = {
    {"openalex_jsonl", Format::kOpenAlexJsonl, "fuzz.jsonl"},
    {"openalex_api", Format::kOpenAlexApiPage, "fuzz.json"},
    {"paperlist", Format::kPaperList, "iclr2024.json"},
    {"arxiv", Format::kArxivJsonl, "arxiv.jsonl"},
    {"s2", Format::kS2PapersJsonl, "papers.jsonl"},
    {"scholarly", Format::kScholarlyJson, "scholarly_iclr2019_2022-04-19.json"},
};

// Feeds `data` (plain or gzip) to the reader with tight limits. Returns the
// number of good records; checks invariants of every record and error (and
// aborts on a violation, which libFuzzer reports as a crash).
uint64_t FuzzOne(const Target& target, const uint8_t* data, size_t size);

}  // namespace st::corpus::fuzz
