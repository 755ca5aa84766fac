// The fleet file: one capacity change per row. Pure: text in, rows or an
// error naming the line and the reason. The format (docs/fleet.md, sample in
// src/compute/fleet_sample.csv):
//
//   site,gpu_type,change,gpus,date,note
//   A,H100,add,100000,2026-03-01,phase 1
//   A,A100,retire,20000,2027-01-01,"old cluster, decommissioned"
//
// A header row names the columns (any order; "note" optional). Fields follow
// RFC 4180 (quotes, "" inside quotes). Blank lines and lines starting with
// '#' are skipped. change is add or retire; gpus a positive integer
// (1..100,000,000); date YYYY-MM-DD; site and gpu_type 1..64 bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace st::compute {

struct FleetRow {
  std::int64_t line = 0;  // 1-based line of the file
  std::string site;
  std::string gpu_type;
  std::int32_t day = 0;
  std::int64_t delta_gpus = 0;  // > 0 add, < 0 retire
  std::string note;
};

inline constexpr std::int64_t kMaxFleetRowGpus = 100'000'000;
inline constexpr size_t kMaxFleetRows = 1'000'000;

// kInvalidInput "line 7: gpus: 'ten' is not a whole number" on the first bad row.
Result<std::vector<FleetRow>> ParseFleetCsv(std::string_view text);

// One RFC 4180 record starting at `pos` (shared with the staff import):
// advances `pos` past its line end and `line` by the lines it spans (quoted
// fields may hold newlines); kInvalidInput "line N: …" on a malformed quote.
Result<std::vector<std::string>> ReadCsvRecord(std::string_view text, size_t& pos, std::int64_t& line);

// A field as RFC 4180 wants it: quoted when it holds a comma, quote or line break.
std::string CsvField(const std::string& s);

// The CSV text for rows (the same format; for export and the demo).
std::string FleetCsv(const std::vector<FleetRow>& rows);

}  // namespace st::compute
