// Writes a demo corpus to disk, laid out as the OpenAlex snapshot
// (DIR/data/works/updated_date=YYYY-MM-DD/part_NNN.gz + DIR/data/works/manifest)
// or as plain JSON Lines parts (DIR/part_NNN.jsonl[.gz]).
// Every record carries "superteam_demo": true; the manifest carries a
// "superteam_demo" object; DIR gets a SUPERTEAM_DEMO_CORPUS marker file.
// Output is byte-identical for the same options, whatever the thread count.
// Errors: InvalidInput (DIR holds something that is not a demo corpus),
// IoError (naming the path). Thread-safety: GenerateCorpus is reentrant.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "demo/world.h"

namespace st::demo {

enum class Layout { kSnapshot, kJsonl };

struct CorpusOptions {
  WorldOptions world;
  std::string out_dir;
  Layout layout = Layout::kSnapshot;
  bool gzip = true;              // always true for kSnapshot
  uint32_t works_per_part = 10000;
  unsigned threads = 2;
  int gzip_level = 4;            // libdeflate level (1 fastest .. 12 smallest)
  bool abstracts = true;         // false: "abstract_inverted_index": null (lean)
};

struct CorpusFile {
  std::string path;         // absolute or as given under out_dir
  uint64_t records = 0;
  uint64_t bytes = 0;       // on disk
  uint64_t json_bytes = 0;  // uncompressed
};

struct CorpusSummary {
  uint64_t authors = 0;
  uint64_t works = 0;
  uint64_t bytes = 0;       // on disk, all parts
  uint64_t json_bytes = 0;  // uncompressed
  std::vector<CorpusFile> files;
};

// Builds the world and writes it. Replaces an earlier demo corpus in out_dir
// (recognised by the marker file); refuses to touch any other non-empty dir.
Result<CorpusSummary> GenerateCorpus(const CorpusOptions& options);

// Writes an already built world (used by benchmarks that also need the world).
Result<CorpusSummary> WriteCorpus(const World& world, const CorpusOptions& options);

}  // namespace st::demo
