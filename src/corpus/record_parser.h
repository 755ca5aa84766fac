// RecordParser: turns one JSON object into a WorkRecord (one per format), and
// the JSON Lines / JSON document drivers that feed it. Internal to
// src/corpus. A parser keeps scratch space between records, so reuse one
// per thread; it is not thread-safe.
#pragma once

#include <algorithm>
#include <string>

#include "corpus/json_fields.h"
#include "corpus/read_context.h"
#include "corpus/work_record.h"

namespace st::corpus {

class RecordParser {
 public:
  virtual ~RecordParser() = default;
  // Fills *out (reset first) from `obj`. On a bad record returns false and
  // sets *err to a message naming the field.
  virtual bool Parse(simdjson::ondemand::object obj, WorkRecord* out, std::string* err) = 0;
  // Values the parser ignores may nest at most half the record's depth cap.
  void set_max_depth(uint32_t max_depth) { ignored_depth_ = std::max<uint32_t>(max_depth / 2, 1); }
  // The caller has capped the whole record's nesting (JSON Lines): ignored
  // values are left to simdjson, which skips them iteratively.
  void set_depth_checked() { ignored_depth_ = json::kDepthChecked; }
  // Parsers that can do less work for a projection honour it; others fill everything.
  void set_projection(Projection projection) { projection_ = projection; }
  // The caller checks the end of each record itself (JSON Lines: the line
  // scanner saw where the root closes), so a parser whose projection needs
  // only some fields may stop walking the object once it has them all.
  void set_tail_checked() { may_stop_early_ = true; }
  // Whether the last Parse stopped before the end of the object.
  bool stopped_early() const { return stopped_early_; }

 protected:
  uint32_t ignored_depth_ = 32;
  Projection projection_ = Projection::kFull;
  bool may_stop_early_ = false;
  bool stopped_early_ = false;
};

// Reads ctx.stream as JSON Lines, one record per non-blank line. Per-line
// problems (too long, nested deeper than options.max_depth, invalid JSON or
// UTF-8, wrong types) go to ctx.RecordError; stream problems are returned.
Status ReadJsonLines(ReadContext& ctx, RecordParser& parser);

// Parses one JSON Lines record (exposed for the fuzz replay and tests).
// `line` must have kLinePadding readable bytes after it. `root_end` is where
// the line scanner saw the root close (JsonLineScanner::root_end()); it
// settles the record's end when the parser stopped early.
bool ParseJsonLine(simdjson::ondemand::parser& json, std::string_view line, uint64_t root_end,
                   RecordParser& parser, WorkRecord* out, std::string* err);

// A parser sized for records of `max_bytes` with nesting capped at `max_depth`.
Status MakeJsonParser(uint64_t max_bytes, uint32_t max_depth,
                      std::unique_ptr<simdjson::ondemand::parser>* out);

}  // namespace st::corpus
