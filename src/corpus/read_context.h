// Shared plumbing for the format readers (internal to src/corpus): the
// options and sinks of one ReadFile call, error reporting with skip/abort
// semantics, progress, and reading a whole (array-shaped) document.
// Thread-safety: one context per ReadFile call.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"
#include "corpus/input_stream.h"
#include "corpus/reader.h"

namespace st::corpus {

struct ReadContext {
  std::string file;  // name used in every error
  const ReadOptions* options = nullptr;
  const RecordSink* on_record = nullptr;
  const ErrorSink* on_error = nullptr;
  const ProgressSink* on_progress = nullptr;
  InputStream* stream = nullptr;
  FileStats stats;
  uint64_t size_hint = UINT64_MAX;  // expected decompressed bytes (buffer sizing only)
  uint64_t units = 0;  // records seen, good or bad (checked against manifests)
  // Stamped on records with a count whose reader left them unset: the
  // format's citation source and the file's date (CitationDateOfPath).
  CitationSource citation_source = CitationSource::kNone;
  int32_t citations_as_of = 0;

  // Reports a bad record. Returns OK to go on, or InvalidInput when the
  // caller must stop (abort mode, or the error sink said stop).
  Status RecordError(uint64_t line, std::string message);
  // Delivers a good record (stamping its citation source and date) and
  // reports progress now and then.
  void Deliver(WorkRecord& record);
  std::string Where(uint64_t line) const;  // "file:line"
};

// The date a file's counts were taken, from its path: an OpenAlex snapshot
// partition ".../updated_date=2026-04-01/part_000.gz" or a name ending in a
// date ("scholarly_iclr2019_2022-04-19.json.gz"). yyyymmdd, 0 when neither.
int32_t CitationDateOfPath(std::string_view path);

// A whole decompressed document with simdjson padding after it.
struct Document {
  std::unique_ptr<char[]> data;
  size_t size = 0;
  std::string_view view() const { return {data.get(), size}; }
};

// Reads the rest of `stream` (at most max_bytes, else ResourceExhausted).
Result<Document> ReadWholeDocument(InputStream& stream, uint64_t max_bytes);

}  // namespace st::corpus
