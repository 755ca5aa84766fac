#include "corpus/read_context.h"

#include <algorithm>
#include <cstring>

#include "corpus/line_reader.h"

namespace st::corpus {

std::string ReadContext::Where(uint64_t line) const {
  return line == 0 ? file : file + ":" + std::to_string(line);
}

Status ReadContext::RecordError(uint64_t line, std::string message) {
  ++stats.errors;
  ReadError error{file, line, std::move(message)};
  bool go_on = true;
  if (on_error != nullptr && *on_error) go_on = (*on_error)(error);
  if (options->abort_on_error || !go_on)
    return Status::InvalidInput(error.ToString() + " (reading stopped)");
  return Status::Ok();
}

void ReadContext::Deliver(WorkRecord& record) {
  ++stats.records;
  if (record.cited_by_count >= 0) {
    if (record.citation_source == CitationSource::kNone) record.citation_source = citation_source;
    if (record.citations_as_of == 0) record.citations_as_of = citations_as_of;
  }
  if (on_record != nullptr && *on_record) (*on_record)(record);
  // Progress every 4096 records is often enough for a bar, cheap enough for speed.
  if ((stats.records & 4095) == 0 && on_progress != nullptr && *on_progress)
    (*on_progress)(stream ? stream->raw_bytes_read() : 0, stats.records);
}

namespace {

// yyyymmdd of "YYYY-MM-DD" at s[at], or 0.
int32_t DateAt(std::string_view s, size_t at) {
  if (at + 10 > s.size() || s[at + 4] != '-' || s[at + 7] != '-') return 0;
  int32_t v = 0;
  for (size_t i = at; i < at + 10; ++i) {
    if (i == at + 4 || i == at + 7) continue;
    if (s[i] < '0' || s[i] > '9') return 0;
    v = v * 10 + (s[i] - '0');
  }
  const int32_t month = v / 100 % 100, day = v % 100;
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? v : 0;
}

}  // namespace

int32_t CitationDateOfPath(std::string_view path) {
  constexpr std::string_view kPartition = "updated_date=";
  if (size_t at = path.rfind(kPartition); at != std::string_view::npos)
    if (int32_t d = DateAt(path, at + kPartition.size())) return d;
  std::string_view name = path.substr(path.find_last_of('/') + 1);
  name = name.substr(0, name.find('.'));
  return name.size() >= 11 && name[name.size() - 11] == '_' ? DateAt(name, name.size() - 10) : 0;
}

Result<Document> ReadWholeDocument(InputStream& stream, uint64_t max_bytes) {
  Document doc;
  size_t cap = 256u << 10;
  doc.data = std::make_unique_for_overwrite<char[]>(cap + kLinePadding);
  for (;;) {
    if (doc.size == cap) {
      if (cap >= max_bytes)
        return Status::ResourceExhausted(stream.name() + ": document larger than " +
                                         std::to_string(max_bytes) + " bytes");
      size_t new_cap = static_cast<size_t>(std::min<uint64_t>(cap * 2, max_bytes));
      auto bigger = std::make_unique_for_overwrite<char[]>(new_cap + kLinePadding);
      std::memcpy(bigger.get(), doc.data.get(), doc.size);
      doc.data = std::move(bigger);
      cap = new_cap;
    }
    ST_ASSIGN_OR_RETURN(size_t n, stream.Read(doc.data.get() + doc.size, cap - doc.size));
    if (n == 0) break;
    doc.size += n;
  }
  std::memset(doc.data.get() + doc.size, 0, kLinePadding);
  return doc;
}

}  // namespace st::corpus
