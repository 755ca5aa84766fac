// GraphBuilder: turns WorkRecords into the on-disk talent graph.
// Identity resolution (one person, one identity across sources), dedup of
// works seen in several sources, CSR construction and the file writes happen
// in Write(). Add() is cheap: it copies the record into compact shard storage.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "base/status.h"
#include "corpus/work_record.h"

namespace st::graph {

struct BuildOptions {
  // Optional CSV "openalex_institution_id,lab" mapping institutions to
  // organisations (e.g. ../shared/data/labs/lab_openalex_institutions.csv).
  std::string lab_map_csv;
  unsigned threads = 2;
};

struct BuildSummary {
  uint64_t works = 0;
  uint64_t authors = 0;
  uint64_t authorships = 0;
  uint64_t institutions = 0;
  uint64_t coauthor_edges = 0;
  uint64_t references = 0;
  uint64_t merged_identities = 0;  // author records merged into another
  // Citations-only records (Google Scholar via `scholarly`) and how many found
  // their work by folded title + year (+ first author's surname on collisions).
  uint64_t citation_records = 0;
  uint64_t citation_records_joined = 0;
};

class GraphBuilder {
 public:
  // A shard collects records from one thread. Shards are owned by the builder.
  class Shard {
   public:
    virtual ~Shard() = default;
    virtual void Add(const corpus::WorkRecord& record) = 0;
    // Marks the start of input file number `input` (its place in the input
    // list); DropFile() removes every record added since, so a file that
    // fails fatally contributes nothing. Records of one work from several
    // files are ordered by `input`, so the graph does not depend on which
    // thread read which file.
    virtual void StartFile(uint32_t input) = 0;
    virtual void DropFile() = 0;
  };

  // `spill_dir`: where the shards spill what only the work columns read,
  // while the files are read (unlinked temporary files; ingest passes its
  // staging directory). Empty: the system's temporary directory.
  explicit GraphBuilder(BuildOptions options = {}, std::string spill_dir = {});
  ~GraphBuilder();

  // Thread-safe. Returns a shard for the calling thread to fill.
  Shard& NewShard();
  // Single-threaded convenience: adds to an internal default shard.
  void Add(const corpus::WorkRecord& record);

  // Resolves identities, builds every section and writes the graph files into
  // `version_dir` (existing, empty). Files are fsynced; publishing is the
  // caller's job (versions.h). Not thread-safe with Add. Call once: it frees
  // the shards' records as the build consumes them (peak memory).
  Result<BuildSummary> Write(const std::string& version_dir);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace st::graph
