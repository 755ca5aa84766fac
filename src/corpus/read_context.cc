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

void ReadContext::Deliver(const WorkRecord& record) {
  ++stats.records;
  if (on_record != nullptr && *on_record) (*on_record)(record);
  // Progress every 4096 records is often enough for a bar, cheap enough for speed.
  if ((stats.records & 4095) == 0 && on_progress != nullptr && *on_progress)
    (*on_progress)(stream ? stream->raw_bytes_read() : 0, stats.records);
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
