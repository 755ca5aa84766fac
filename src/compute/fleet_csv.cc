#include "compute/fleet_csv.h"

#include <array>
#include <optional>

#include "compute/day.h"
#include "compute/promise.h"

namespace st::compute {
namespace {

Status LineError(std::int64_t line, const std::string& why) {
  return Status::InvalidInput("line " + std::to_string(line) + ": " + why);
}

}  // namespace

Result<std::vector<std::string>> ReadCsvRecord(std::string_view text, size_t& pos, std::int64_t& line) {
  std::vector<std::string> fields(1);
  const std::int64_t first_line = line;
  bool quoted = false, was_quoted = false;
  while (pos < text.size()) {
    const char c = text[pos++];
    if (quoted) {
      if (c == '"') {
        if (pos < text.size() && text[pos] == '"') {
          fields.back() += '"';
          ++pos;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        fields.back() += c;
      }
      continue;
    }
    if (c == '"') {
      if (!fields.back().empty() || was_quoted)
        return LineError(first_line, "a quote inside an unquoted field (quote the whole field)");
      quoted = was_quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
      was_quoted = false;
    } else if (c == '\n') {
      ++line;
      return fields;
    } else if (c == '\r') {
      if (pos < text.size() && text[pos] != '\n') return LineError(first_line, "a bare carriage return");
    } else {
      if (was_quoted) return LineError(first_line, "text after a closing quote");
      fields.back() += c;
    }
  }
  if (quoted) return LineError(first_line, "a quoted field is not closed");
  ++line;
  return fields;
}

namespace {

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

enum Column { kSite, kType, kChange, kGpus, kDate, kNote, kColumns };
constexpr std::array<std::string_view, kColumns> kNames = {"site", "gpu_type", "change", "gpus", "date", "note"};

}  // namespace

Result<std::vector<FleetRow>> ParseFleetCsv(std::string_view text) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 BOM
  std::vector<FleetRow> rows;
  std::array<int, kColumns> at;
  at.fill(-1);
  bool have_header = false;
  size_t pos = 0;
  std::int64_t line = 1;
  while (pos < text.size()) {
    const std::int64_t this_line = line;
    if (text[pos] == '#') {  // a comment line
      size_t nl = text.find('\n', pos);
      pos = nl == std::string_view::npos ? text.size() : nl + 1;
      ++line;
      continue;
    }
    ST_ASSIGN_OR_RETURN(std::vector<std::string> f, ReadCsvRecord(text, pos, line));
    if (f.size() == 1 && Trim(f[0]).empty()) continue;
    for (std::string& s : f) s = Trim(s);
    if (!have_header) {
      for (size_t i = 0; i < f.size(); ++i) {
        int col = -1;
        for (int k = 0; k < kColumns; ++k)
          if (f[i] == kNames[k]) col = k;
        if (col < 0) return LineError(this_line, "unknown column '" + f[i] + "' (expected site, gpu_type, change, gpus, date, note)");
        if (at[col] >= 0) return LineError(this_line, "column '" + f[i] + "' appears twice");
        at[col] = static_cast<int>(i);
      }
      for (int k = 0; k < kNote; ++k)
        if (at[k] < 0) return LineError(this_line, "the header lacks the column '" + std::string(kNames[k]) + "'");
      have_header = true;
      continue;
    }
    size_t want = 0;
    for (int k = 0; k < kColumns; ++k) want = std::max(want, static_cast<size_t>(at[k] + 1));
    if (f.size() != want)
      return LineError(this_line, std::to_string(f.size()) + " fields, the header has " + std::to_string(want));
    FleetRow row;
    row.line = this_line;
    row.site = f[at[kSite]];
    row.gpu_type = f[at[kType]];
    if (Status s = ValidateName("site", row.site); !s.ok()) return LineError(this_line, s.message());
    if (Status s = ValidateName("gpu_type", row.gpu_type); !s.ok()) return LineError(this_line, s.message());
    const std::string& change = f[at[kChange]];
    if (change != "add" && change != "retire")
      return LineError(this_line, "change: '" + change + "' is neither add nor retire");
    const std::string& gpus = f[at[kGpus]];
    std::int64_t n = 0;
    bool digits = !gpus.empty() && gpus.size() <= 10;
    for (char c : gpus) digits = digits && c >= '0' && c <= '9';
    if (!digits) return LineError(this_line, "gpus: '" + gpus + "' is not a whole number");
    n = std::stoll(gpus);
    if (n < 1 || n > kMaxFleetRowGpus)
      return LineError(this_line, "gpus: must be between 1 and " + std::to_string(kMaxFleetRowGpus));
    row.delta_gpus = change == "add" ? n : -n;
    auto day = ParseDay(f[at[kDate]]);
    if (!day) return LineError(this_line, "date: '" + f[at[kDate]] + "' is not a date YYYY-MM-DD (1970..2199)");
    row.day = *day;
    if (at[kNote] >= 0) {
      row.note = f[at[kNote]];
      if (row.note.size() > 500) return LineError(this_line, "note: longer than 500 bytes");
    }
    if (rows.size() >= kMaxFleetRows) return LineError(this_line, "more than 1,000,000 rows");
    rows.push_back(std::move(row));
  }
  if (!have_header) return Status::InvalidInput("line 1: the file is empty (expected a header row)");
  return rows;
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string FleetCsv(const std::vector<FleetRow>& rows) {
  const auto field = CsvField;
  std::string out = "site,gpu_type,change,gpus,date,note\n";
  for (const FleetRow& r : rows)
    out += field(r.site) + "," + field(r.gpu_type) + "," + (r.delta_gpus >= 0 ? "add" : "retire") + "," +
           std::to_string(r.delta_gpus >= 0 ? r.delta_gpus : -r.delta_gpus) + "," + FormatDay(r.day) + "," +
           field(r.note) + "\n";
  return out;
}

}  // namespace st::compute
