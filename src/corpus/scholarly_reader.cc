#include "corpus/scholarly_reader.h"

#include <algorithm>

#include "base/names.h"
#include "corpus/json_fields.h"
#include "corpus/line_reader.h"
#include "corpus/paperlist_reader.h"
#include "corpus/record_parser.h"

namespace st::corpus {
namespace {

using simdjson::ondemand::object;
using simdjson::ondemand::value;

// "scholarly_iclr2019_2022-04-19.json.gz" -> ICLR 2019 (the middle part, when it is <venue><year>).
bool VenueOfName(std::string_view path, VenueYear* out) {
  std::string_view name = path.substr(path.find_last_of('/') + 1);
  const size_t a = name.find('_');
  if (a == std::string_view::npos) return false;
  const size_t b = name.find_first_of("_.", a + 1);
  std::string_view middle = name.substr(a + 1, (b == std::string_view::npos ? name.size() : b) - a - 1);
  auto vy = VenueYearFromPath(middle);
  if (!vy.ok()) return false;
  *out = std::move(*vy);
  return true;
}

bool ParseBib(value& v, WorkRecord* out, std::string* err) {
  return json::ForEachMember(v, "bib", err, [&](simdjson::ondemand::raw_json_string key, value& f) {
    if (key == "author") {
      // A list of names ("Y Burda") or one string ("Y Burda and H Edwards").
      simdjson::ondemand::json_type t;
      if (auto e = f.type().get(t)) return json::Fail(err, "bib.author", e);
      if (t == simdjson::ondemand::json_type::array) {
        return json::ForEachElement(f, "bib.author", err, [&](value& ev) {
          std::string_view name;
          ST_JSON_OK(json::GetStringView(ev, "bib.author[]", &name, err));
          if (!TrimSpace(name).empty()) out->authors.emplace_back().name.assign(TrimSpace(name));
          return true;
        });
      }
      std::string_view all;
      ST_JSON_OK(json::GetStringView(f, "bib.author", &all, err));
      for (size_t start = 0; start < all.size();) {
        size_t at = all.find(" and ", start);
        if (at == std::string_view::npos) at = all.size();
        std::string_view name = TrimSpace(all.substr(start, at - start));
        if (!name.empty()) out->authors.emplace_back().name.assign(name);
        start = at + 5;
      }
      return true;
    }
    if (key == "pub_year" && out->year == 0) {
      std::string_view year;
      int64_t number = 0;
      simdjson::ondemand::json_type t;
      if (auto e = f.type().get(t)) return json::Fail(err, "bib.pub_year", e);
      if (t == simdjson::ondemand::json_type::number) {
        ST_JSON_OK(json::GetInt(f, "bib.pub_year", &number, err));
      } else {
        ST_JSON_OK(json::GetStringView(f, "bib.pub_year", &year, err));
        number = YearOfIsoDate(year);
      }
      if (number > 0 && number < 10000) out->year = static_cast<int16_t>(number);
      return true;
    }
    return json::SkipUnknown(f, 16, err);
  });
}

}  // namespace

bool LooksLikeScholarly(std::string_view name, std::string_view head) {
  name = name.substr(name.find_last_of('/') + 1);
  if (name.starts_with("scholarly")) return true;
  // {"Some Title": {"container_type": "Publication", "bib": ...
  const size_t key_end = head.find("\": {");
  return key_end != std::string_view::npos && key_end < 1024 &&
         head.substr(key_end, 40).find("\"container_type\"") != std::string_view::npos;
}

Status ReadScholarly(ReadContext& ctx) {
  VenueYear venue;
  const bool named = VenueOfName(ctx.file, &venue);
  ST_ASSIGN_OR_RETURN(Document doc, ReadWholeDocument(*ctx.stream, ctx.options->max_document_bytes));
  std::unique_ptr<simdjson::ondemand::parser> json;
  ST_RETURN_IF_ERROR(MakeJsonParser(doc.size + 1, ctx.options->max_depth, &json));
  simdjson::ondemand::document root;
  auto e = json->iterate(simdjson::padded_string_view(doc.data.get(), doc.size, doc.size + kLinePadding)).get(root);
  if (e) return ctx.RecordError(0, std::string("invalid JSON: ") + simdjson::error_message(e));
  object top;
  if (root.get_object().get(top))
    return ctx.RecordError(1, "a scholarly file must be one JSON object mapping titles to publication records");
  WorkRecord record;
  std::string err;
  uint64_t index = 0;
  for (auto fr : top) {
    ++index;
    ++ctx.units;
    simdjson::ondemand::field f;
    if (auto fe = std::move(fr).get(f))
      return ctx.RecordError(0, "record " + std::to_string(index) + ": invalid JSON: " + simdjson::error_message(fe) +
                                    " (rest of file unreadable)");
    std::string_view title;
    if (auto ke = f.unescaped_key().get(title))
      return ctx.RecordError(0, "record " + std::to_string(index) + ": invalid key: " + simdjson::error_message(ke));
    record.Clear();
    record.citations_only = true;
    record.title.assign(TrimSpace(title));
    record.id = "scholar:" + (named ? venue.key : std::string("gs")) + ":" + std::to_string(index);
    if (named) {
      record.year = venue.year;
      record.venue = venue.venue;
      record.venue_id = venue.venue_id;
    }
    bool have_count = false;
    const std::string where = "record " + std::to_string(index) + " ('" + record.title.substr(0, 80) + "')";
    const bool ok = json::ForEachMember(f.value(), "(record)", &err, [&](simdjson::ondemand::raw_json_string key, value& v) {
      if (key == "num_citations") {
        int64_t n = -1;
        ST_JSON_OK(json::GetInt(v, "num_citations", &n, &err));
        if (n < 0) return json::Fail(&err, "num_citations", "must be an integer >= 0");
        record.cited_by_count = n;
        have_count = true;
        return true;
      }
      if (key == "bib") return ParseBib(v, &record, &err);
      return json::SkipUnknown(v, 16, &err);
    });
    if (ok && record.title.empty()) json::Fail(&err, "(title)", "empty");
    else if (ok && !have_count) json::Fail(&err, "num_citations", "missing");
    if (!ok || record.title.empty() || !have_count) {
      ST_RETURN_IF_ERROR(ctx.RecordError(1, where + ": " + err));
      continue;
    }
    SetPositionsByOrder(record.authors);
    ctx.Deliver(record);
  }
  if (!json::AtEnd(root)) return ctx.RecordError(1, "trailing content after the object");
  return Status::Ok();
}

}  // namespace st::corpus
