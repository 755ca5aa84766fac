#include "corpus/record_parser.h"

#include "corpus/line_reader.h"

namespace st::corpus {

Status MakeJsonParser(uint64_t max_bytes, uint32_t max_depth,
                      std::unique_ptr<simdjson::ondemand::parser>* out) {
  // Capacity grows on demand up to max_bytes; start small so tiny files stay cheap.
  auto parser = std::make_unique<simdjson::ondemand::parser>(static_cast<size_t>(max_bytes) + 64);
  auto e = parser->allocate(std::min<size_t>(static_cast<size_t>(max_bytes), 64u << 10),
                            std::max<uint32_t>(max_depth, 2));
  if (e) return Status::ResourceExhausted(std::string("JSON parser: ") + simdjson::error_message(e));
  *out = std::move(parser);
  return Status::Ok();
}

namespace {

// A parser stopped early at `stop`: the rest was not walked, so the scanner's
// count must close the root after that point, at the line's last non-blank
// byte (an unclosed root or content after it fails, as a full walk would).
bool RootClosesAtEnd(std::string_view line, uint64_t root_end, const char* stop) {
  return stop != nullptr && root_end != JsonLineScanner::kNever && root_end < line.size() &&
         root_end >= static_cast<uint64_t>(stop - line.data()) &&
         line.find_first_not_of(" \t\r\n", root_end + 1) == std::string_view::npos;
}

}  // namespace

bool ParseJsonLine(simdjson::ondemand::parser& json, std::string_view line, uint64_t root_end,
                   RecordParser& parser, WorkRecord* out, std::string* err) {
  simdjson::ondemand::document doc;
  auto e = json.iterate(simdjson::padded_string_view(line.data(), line.size(),
                                                     line.size() + kLinePadding))
               .get(doc);
  if (e) return json::Fail(err, "(record)", e);
  simdjson::ondemand::object obj;
  e = doc.get_object().get(obj);
  if (e) return json::Fail(err, "(record)", e == simdjson::INCORRECT_TYPE
                                                 ? "record is not a JSON object"
                                                 : simdjson::error_message(e));
  if (!parser.Parse(obj, out, err)) return false;
  if (parser.stopped_early()) {
    const char* stop = nullptr;
    if (doc.current_location().get(stop)) stop = nullptr;
    if (!RootClosesAtEnd(line, root_end, stop))
      return json::Fail(err, "(record)", "object not closed, or trailing content after it");
    return true;
  }
  if (!json::AtEnd(doc)) return json::Fail(err, "(record)", "trailing content after the JSON object");
  return true;
}

Status ReadJsonLines(ReadContext& ctx, RecordParser& parser) {
  LineReader lines(ctx.stream, ctx.options->max_record_bytes, ctx.options->max_depth, ctx.size_hint);
  std::unique_ptr<simdjson::ondemand::parser> json;
  ST_RETURN_IF_ERROR(MakeJsonParser(ctx.options->max_record_bytes, ctx.options->max_depth, &json));
  // The line reader has capped the nesting of every line it returns.
  parser.set_depth_checked();
  parser.set_tail_checked();
  parser.set_projection(ctx.options->projection);
  WorkRecord record;
  std::string err;
  std::string_view line;
  uint64_t line_no = 0;
  for (;;) {
    auto kind = lines.Next(&line, &line_no);
    if (!kind.ok()) {
      // Name the line where the stream broke; drop the stream's own file prefix.
      const Status& s = kind.status();
      std::string_view msg = s.message();
      if (msg.substr(0, ctx.file.size() + 2) == ctx.file + ": ") msg.remove_prefix(ctx.file.size() + 2);
      return Status(s.code(), ctx.Where(lines.lines() + 1) + ": " + std::string(msg));
    }
    if (*kind == LineReader::Kind::kEnd) break;
    if (*kind == LineReader::Kind::kTooLong) {
      ++ctx.units;
      ST_RETURN_IF_ERROR(ctx.RecordError(
          line_no, "record longer than " + std::to_string(ctx.options->max_record_bytes) +
                       " bytes; skipped to the next line"));
      continue;
    }
    if (*kind == LineReader::Kind::kTooDeep) {
      ++ctx.units;
      ST_RETURN_IF_ERROR(ctx.RecordError(
          line_no, "JSON nested deeper than " + std::to_string(ctx.options->max_depth) + " levels"));
      continue;
    }
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;  // blank
    ++ctx.units;
    if (ParseJsonLine(*json, line, lines.root_end(), parser, &record, &err)) {
      ctx.Deliver(record);
    } else {
      ST_RETURN_IF_ERROR(ctx.RecordError(line_no, err));
    }
  }
  return Status::Ok();
}

}  // namespace st::corpus
