// Entry point of the corpus layer: turn input paths into WorkRecords.
// Thread-safety: ReadFile may run concurrently on different files; each call
// owns its own decoder state. Lower layer: never prints, exits or aborts.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "corpus/work_record.h"

namespace st::corpus {

enum class Format : uint8_t {
  kOpenAlexJsonl,   // OpenAlex works as JSON Lines (.jsonl, .jsonl.gz, snapshot part_*.gz)
  kOpenAlexApiPage, // {"meta":..., "results":[...]} saved from the API
  kPaperList,       // Paper Copilot / OpenReview list: one JSON array per venue-year
  kArxivJsonl,      // arXiv OAI metadata snapshot, JSON Lines
  kS2PapersJsonl,   // Semantic Scholar (S2AG) "papers" dataset, JSON Lines
  kScholarlyJson,   // Google Scholar records as the `scholarly` package writes them: {title: record}
};

// One bad record (or a fatal file problem). `line` is 1-based; 0 = whole file.
struct ReadError {
  std::string file;
  uint64_t line = 0;
  std::string message;
  std::string ToString() const;  // "file:line: message"
};

// Which fields a reader fills. kCitations is for callers that only compute
// citation metrics (benchmarks, quick counts): OpenAlex records then carry id,
// cited_by_count, counts_by_year and authorships with author ids and
// positions only (no names, ORCIDs, institutions). In JSON Lines those four
// fields are looked up by key (one forward pass in OpenAlex's key order; of a
// duplicated key only one is read) and the rest of the record is not walked:
// every line is still UTF-8-checked and depth-capped whole, and the line
// scanner's bracket count must close the object at the line's end.
enum class Projection : uint8_t { kFull, kCitations };

struct ReadOptions {
  Projection projection = Projection::kFull;
  bool abort_on_error = false;          // --on-error=abort
  uint64_t max_record_bytes = 64u << 20; // longer lines are rejected, not parsed
  uint32_t max_depth = 64;              // JSON nesting cap
  double max_gzip_ratio = 100.0;        // decompression-bomb guard (beyond a floor)
  uint64_t gzip_ratio_floor = 64u << 20; // decompressed bytes never treated as a bomb
  uint64_t max_document_bytes = 1ull << 30;  // whole-document formats (paper lists, API pages)
};

// Called for every good record. The record is reused after the call returns.
using RecordSink = std::function<void(const WorkRecord&)>;
// Called for every bad record; return false to stop reading this file.
using ErrorSink = std::function<bool(const ReadError&)>;
// Called now and then with bytes of the (compressed) file consumed so far.
using ProgressSink = std::function<void(uint64_t bytes_done, uint64_t records_done)>;

struct FileStats {
  uint64_t records = 0;
  uint64_t errors = 0;
  uint64_t bytes = 0;  // bytes of the file on disk
  uint64_t skipped = 0;  // rows dropped silently (paper-list rows without authors)
};

// A concrete input file with its detected format.
struct InputFile {
  std::string path;
  Format format;
  uint64_t size_bytes = 0;
  // From an OpenAlex snapshot manifest: records the file must hold (-1 when
  // no manifest lists it) and the manifest's path, named in a mismatch error.
  int64_t expected_records = -1;
  std::string manifest;
};

// "openalex-jsonl", "openalex-api", "paper-list", "arxiv-jsonl", "s2-papers", "scholarly".
const char* FormatName(Format format);

// Whose citation counts a format's records carry (paper lists: Google
// Scholar's, as Paper Copilot gathered them).
CitationSource FormatCitationSource(Format format);

// Detects the format of one file from its name and first (decompressed)
// bytes. Errors name the path (unreadable, empty, corrupt, unknown shape, an
// S2AG dataset other than "papers").
Result<Format> DetectFormat(const std::string& path);

// Expands user-given paths: plain files, directories (recursively, e.g. an
// OpenAlex snapshot root: data/works/updated_date=*/part_*.gz, with manifest
// record counts checked), and detects each file's format from name and first
// bytes. Errors name the path.
Result<std::vector<InputFile>> ExpandInputs(const std::vector<std::string>& paths);

// Reads one file. Returns a non-OK Status for a fatal problem (unreadable,
// truncated/corrupt gzip, abort_on_error hit); per-record errors go to
// `on_error`. Records are only delivered in order; a caller that must not
// commit a partial file checks the returned Status before committing.
Result<FileStats> ReadFile(const InputFile& file, const ReadOptions& options,
                           const RecordSink& on_record, const ErrorSink& on_error,
                           const ProgressSink& on_progress = {});

// Same as ReadFile over bytes in memory (gzip or plain), for fuzzing and
// tests; `name` stands for the file in errors (and gives a paper list's
// venue-year). No manifest check.
Result<FileStats> ReadBuffer(Format format, std::string_view bytes, const std::string& name,
                             const ReadOptions& options, const RecordSink& on_record,
                             const ErrorSink& on_error);

}  // namespace st::corpus
