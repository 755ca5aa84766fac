#include "corpus/openalex_reader.h"

#include <algorithm>

#include "corpus/line_reader.h"

namespace st::corpus {
namespace {

using simdjson::ondemand::array;
using simdjson::ondemand::field;
using simdjson::ondemand::object;
using simdjson::ondemand::raw_json_string;
using simdjson::ondemand::value;

constexpr std::string_view kOpenAlexPrefix = "https://openalex.org/";
constexpr std::string_view kOrcidPrefix = "https://orcid.org/";
constexpr std::string_view kDoiPrefix = "https://doi.org/";
constexpr uint32_t kMaxAbstractWords = 1u << 20;

// The field `fr` holds, used in place: copying simdjson's result structs per
// field cost store-forwarding stalls on the ingest hot path.
field* NextField(simdjson::simdjson_result<field>& fr, std::string_view where, std::string* err) {
  if (auto e = fr.error()) {
    json::Fail(err, where, e);
    return nullptr;
  }
  return &fr.value_unsafe();
}

bool GetId(value& v, std::string_view name, std::string_view prefix, std::string* out,
           std::string* err) {
  std::string_view s;
  ST_JSON_OK(json::GetStringView(v, name, &s, err));
  out->assign(json::StripPrefix(s, prefix));
  return true;
}

bool ParseInstitution(value& v, InstitutionRef* inst, uint32_t budget, std::string* err) {
  return json::ForEachMember(v, "authorships.institutions", err, [&](raw_json_string key, value& fv) {
    if (key == "id") return GetId(fv, "authorships.institutions.id", kOpenAlexPrefix, &inst->openalex_id, err);
    if (key == "display_name") return json::GetString(fv, "authorships.institutions.display_name", &inst->name, err);
    if (key == "country_code")
      return json::GetString(fv, "authorships.institutions.country_code", &inst->country_code, err);
    if (key == "type") return json::GetString(fv, "authorships.institutions.type", &inst->type, err);
    return json::SkipUnknown(fv, budget, err);
  });
}

bool ParseSource(value& v, WorkRecord* out, uint32_t budget, std::string* err) {
  return json::ForEachMember(v, "primary_location", err, [&](raw_json_string key, value& fv) {
    if (key != "source") return json::SkipUnknown(fv, budget, err);
    return json::ForEachMember(fv, "primary_location.source", err, [&](raw_json_string skey, value& sv) {
      if (skey == "id") return GetId(sv, "primary_location.source.id", kOpenAlexPrefix, &out->venue_id, err);
      if (skey == "display_name") return json::GetString(sv, "primary_location.source.display_name", &out->venue, err);
      return json::SkipUnknown(sv, budget, err);
    });
  });
}

bool SetPosition(value& v, Authorship* au, std::string* err) {
  std::string_view pos;
  ST_JSON_OK(json::GetStringView(v, "authorships.author_position", &pos, err));
  au->position = pos == "first"    ? AuthorPosition::kFirst
                 : pos == "middle" ? AuthorPosition::kMiddle
                 : pos == "last"   ? AuthorPosition::kLast
                                   : AuthorPosition::kUnknown;
  return true;
}

// A nested {"id":…, "display_name":…} object (topic subfield/field): the
// name, and the id's last path segment ("https://openalex.org/subfields/1702" → "1702").
bool NestedName(value& v, std::string_view name, std::string* out, std::string* id, uint32_t budget,
                std::string* err) {
  return json::ForEachMember(v, name, err, [&](raw_json_string key, value& fv) {
    if (key == "display_name") return json::GetString(fv, name, out, err);
    if (key == "id") {
      std::string_view s;
      ST_JSON_OK(json::GetStringView(fv, name, &s, err));
      size_t slash = s.rfind('/');
      id->assign(slash == std::string_view::npos ? s : s.substr(slash + 1));
      return true;
    }
    return json::SkipUnknown(fv, budget, err);
  });
}

}  // namespace

void OpenAlexParser::Reset(WorkRecord* out) {
  // The authors stay in place for the next record (NextAuthor): moving each
  // Authorship (seven strings) out to a pool and back cost more than reading it.
  std::vector<Authorship> authors = std::move(out->authors);
  authors_used_ = 0;
  institutions_.Recycle(out->paper_institutions);
  topics_.Recycle(out->topics);
  strings_.Recycle(out->references);
  out->Clear();
  out->source = Source::kOpenAlex;
  out->authors = std::move(authors);
}

Authorship& OpenAlexParser::NextAuthor(WorkRecord* out) {
  if (authors_used_ < out->authors.size()) {
    Authorship& au = out->authors[authors_used_++];
    institutions_.Recycle(au.institutions);
    au.Clear();
    return au;
  }
  ++authors_used_;
  Authorship& au = authors_.Add(out->authors);
  au.Clear();
  return au;
}

bool OpenAlexParser::Finish(WorkRecord* out, std::string* err) {
  authors_.KeepFirst(out->authors, authors_used_);
  if (out->id.empty()) return json::Fail(err, "id", "missing");
  return true;
}

bool OpenAlexParser::ParseTopic(value& v, std::string_view name, TopicRef* topic, std::string* err) {
  topic->id.clear();
  topic->name.clear();
  topic->subfield.clear();
  topic->field.clear();
  topic->subfield_id.clear();
  topic->field_id.clear();
  topic->score = 0;
  return json::ForEachMember(v, name, err, [&](raw_json_string key, value& fv) {
    if (key == "id") return GetId(fv, name, kOpenAlexPrefix, &topic->id, err);
    if (key == "display_name") return json::GetString(fv, name, &topic->name, err);
    if (key == "score") {
      double score = 0;
      ST_JSON_OK(json::GetDouble(fv, name, &score, err));
      topic->score = static_cast<float>(score);
      return true;
    }
    if (key == "subfield") return NestedName(fv, "topics.subfield", &topic->subfield, &topic->subfield_id, ignored_depth_, err);
    if (key == "field") return NestedName(fv, "topics.field", &topic->field, &topic->field_id, ignored_depth_, err);
    return json::SkipUnknown(fv, ignored_depth_, err);
  });
}

bool OpenAlexParser::ParseAuthorship(object& obj, Authorship& au, std::string* err) {
  // The citations projection keeps what DuckDB's explicit columns read:
  // author ids (and positions), no names, ORCIDs or institutions.
  const bool full = projection_ == Projection::kFull;
  bool have_display_name = false;
  for (auto fr : obj) {
    field* f_ptr = NextField(fr, "authorships", err);
    if (f_ptr == nullptr) return false;
    field& f = *f_ptr;
    raw_json_string key = f.key();
    if (key == "author_position") {
      ST_JSON_OK(SetPosition(f.value(), &au, err));
    } else if (key == "author") {
      ST_JSON_OK(json::ForEachMember(f.value(), "authorships.author", err, [&](raw_json_string akey, value& av) {
        if (akey == "id") return GetId(av, "authorships.author.id", kOpenAlexPrefix, &au.openalex_id, err);
        if (full && akey == "display_name") {
          ST_JSON_OK(json::GetString(av, "authorships.author.display_name", &au.name, err));
          have_display_name = !au.name.empty();
          return true;
        }
        if (full && akey == "orcid") return GetId(av, "authorships.author.orcid", kOrcidPrefix, &au.orcid, err);
        return json::SkipUnknown(av, ignored_depth_, err);
      }));
    } else if (full && key == "institutions") {
      ST_JSON_OK(json::ForEachElement(f.value(), "authorships.institutions", err, [&](value& iv) {
        InstitutionRef& inst = institutions_.Add(au.institutions);
        inst.Clear();
        return ParseInstitution(iv, &inst, ignored_depth_, err);
      }));
    } else if (full && key == "raw_author_name" && !have_display_name) {
      // Only a fallback: the disambiguated display_name wins when present.
      ST_JSON_OK(json::GetString(f.value(), "authorships.raw_author_name", &au.name, err));
    } else {
      ST_JSON_OK(json::SkipUnknown(f.value(), ignored_depth_, err));
    }
  }
  return true;
}

bool OpenAlexParser::ParseAbstract(value& v, WorkRecord* out, std::string* err) {
  object obj;
  bool present;
  ST_JSON_OK(json::GetObject(v, "abstract_inverted_index", &obj, &present, err));
  if (!present) return true;
  // Positions are dense 0..n-1, so words go straight into their slot: no sort.
  slots_.clear();
  size_t words = 0;
  for (auto fr : obj) {
    field* f_ptr = NextField(fr, "abstract_inverted_index", err);
    if (f_ptr == nullptr) return false;
    field& f = *f_ptr;
    std::string_view word;
    if (auto e = f.unescaped_key().get(word)) return json::Fail(err, "abstract_inverted_index", e);
    array positions;
    if (auto e = f.value().get_array().get(positions))
      return json::Fail(err, "abstract_inverted_index", e);
    for (auto pr : positions) {
      uint64_t pos;
      if (auto e = std::move(pr).get_uint64().get(pos)) return json::Fail(err, "abstract_inverted_index", e);
      if (pos >= kMaxAbstractWords || ++words > kMaxAbstractWords)
        return json::Fail(err, "abstract_inverted_index", "word position out of range");
      if (pos >= slots_.size()) slots_.resize(pos + 1);
      slots_[pos] = word;
    }
  }
  for (std::string_view word : slots_) {
    if (word.empty()) continue;
    if (!out->abstract.empty()) out->abstract.push_back(' ');
    out->abstract.append(word);
  }
  return true;
}

static bool ParseCountsByYear(value& v, WorkRecord* out, std::string* err) {
  return json::ForEachElement(v, "counts_by_year", err, [&](value& ev) {
    object yc;
    bool present;
    ST_JSON_OK(json::GetObject(ev, "counts_by_year[]", &yc, &present, err));
    if (!present) return true;
    // Two keyed lookups instead of a field loop: no per-field result
    // structs (this array is the most frequent object in a work).
    int64_t year = 0, count = 0;
    value yv;
    bool found;
    ST_JSON_OK(json::FindOptional(yc, "year", "counts_by_year", &yv, &found, err));
    if (found) ST_JSON_OK(json::GetInt(yv, "counts_by_year.year", &year, err));
    ST_JSON_OK(json::FindOptional(yc, "cited_by_count", "counts_by_year", &yv, &found, err));
    if (found) ST_JSON_OK(json::GetInt(yv, "counts_by_year.cited_by_count", &count, err));
    if (year < -9999 || year > 9999 || count < 0 || count > INT32_MAX)
      return json::Fail(err, "counts_by_year", "year or count out of range");
    out->counts_by_year.push_back({static_cast<int16_t>(year), static_cast<int32_t>(count)});
    return true;
  });
}

bool OpenAlexParser::ParseAuthorships(value& v, WorkRecord* out, std::string* err) {
  return json::ForEachElement(v, "authorships", err, [&](value& ev) {
    object obj;
    bool present;
    ST_JSON_OK(json::GetObject(ev, "authorships[]", &obj, &present, err));
    if (!present) return true;
    Authorship& au = NextAuthor(out);
    return projection_ == Projection::kCitations ? ParseAuthorId(obj, au, err) : ParseAuthorship(obj, au, err);
  });
}

// The citations projection's part of an authorship: position and author id,
// by keyed lookups (no per-field result structs: this is the hot path).
bool OpenAlexParser::ParseAuthorId(object& obj, Authorship& au, std::string* err) {
  bool present, found;
  value fv;
  ST_JSON_OK(json::FindOptional(obj, "author_position", "authorships", &fv, &found, err));
  if (found) ST_JSON_OK(SetPosition(fv, &au, err));
  ST_JSON_OK(json::FindOptional(obj, "author", "authorships", &fv, &found, err));
  if (!found) return true;
  object author;
  ST_JSON_OK(json::GetObject(fv, "authorships.author", &author, &present, err));
  if (!present) return true;
  ST_JSON_OK(json::FindOptional(author, "id", "authorships.author", &fv, &found, err));
  if (!found) return true;
  return GetId(fv, "authorships.author.id", kOpenAlexPrefix, &au.openalex_id, err);
}

// JSON Lines, citations projection: the four fields by keyed lookups, each
// continuing where the last stopped (OpenAlex's key order: one forward pass,
// no per-field result structs; another order wraps around). Returns 1 when
// all four were read (the rest is not walked), 0 when one is missing (the
// caller starts over with the field loop), -1 on an error.
int OpenAlexParser::ParseCitationFields(object& obj, WorkRecord* out, std::string* err) {
  value v;
  auto find = [&](std::string_view key) {  // 1 found, 0 missing, -1 error
    bool found;
    if (!json::FindOptional(obj, key, key, &v, &found, err)) return -1;
    return found ? 1 : 0;
  };
  int r;
  if ((r = find("id")) <= 0) return r;
  if (!GetId(v, "id", kOpenAlexPrefix, &out->id, err)) return -1;
  if ((r = find("authorships")) <= 0) return r;
  if (!ParseAuthorships(v, out, err)) return -1;
  if ((r = find("cited_by_count")) <= 0) return r;
  if (!json::GetInt(v, "cited_by_count", &out->cited_by_count, err)) return -1;
  if ((r = find("counts_by_year")) <= 0) return r;
  if (!ParseCountsByYear(v, out, err)) return -1;
  return 1;
}

bool OpenAlexParser::Parse(object obj, WorkRecord* out, std::string* err) {
  Reset(out);
  bool have_topics = false;
  bool have_primary = false;
  // The citations projection's four fields come before most of a work's
  // bytes (topics, concepts, references, abstract): when the caller checks
  // where the record ends, they are looked up and the rest is not walked.
  stopped_early_ = false;
  if (may_stop_early_ && projection_ == Projection::kCitations) {
    const int found = ParseCitationFields(obj, out, err);
    if (found < 0) return false;
    if (found > 0) {
      stopped_early_ = true;
      return Finish(out, err);
    }
    // A field is missing: read the record with the field loop from its start.
    if (auto e = obj.reset().error()) return json::Fail(err, "(record)", e);
    Reset(out);
  }
  for (auto fr : obj) {
    field* f_ptr = NextField(fr, "(record)", err);
    if (f_ptr == nullptr) return false;
    field& f = *f_ptr;
    raw_json_string key = f.key();
    // Most of a work's ~50 keys are unused: reject them on the first letter
    // before any full comparison (this loop is the ingest hot path).
    switch (key.raw()[0]) {
      case 'a': case 'c': case 'd': case 'i': case 'p': case 'r': case 't':
        break;
      default:
        ST_JSON_OK(json::SkipUnknown(f.value(), ignored_depth_, err));
        continue;
    }
    if (projection_ == Projection::kCitations && !(key == "id") && !(key == "cited_by_count") &&
        !(key == "counts_by_year") && !(key == "authorships")) {
      ST_JSON_OK(json::SkipUnknown(f.value(), ignored_depth_, err));
      continue;
    }
    if (key == "id") {
      ST_JSON_OK(GetId(f.value(), "id", kOpenAlexPrefix, &out->id, err));
    } else if (key == "doi") {
      ST_JSON_OK(GetId(f.value(), "doi", kDoiPrefix, &out->doi, err));
    } else if (key == "title") {
      ST_JSON_OK(json::GetString(f.value(), "title", &out->title, err));
    } else if (key == "display_name") {
      if (out->title.empty()) ST_JSON_OK(json::GetString(f.value(), "display_name", &out->title, err));
    } else if (key == "publication_year") {
      int64_t year = 0;
      ST_JSON_OK(json::GetInt(f.value(), "publication_year", &year, err));
      if (year < -9999 || year > 9999) return json::Fail(err, "publication_year", "out of range");
      out->year = static_cast<int16_t>(year);
    } else if (key == "publication_date") {
      ST_JSON_OK(json::GetString(f.value(), "publication_date", &out->publication_date, err));
    } else if (key == "type") {
      ST_JSON_OK(json::GetString(f.value(), "type", &out->type, err));
    } else if (key == "cited_by_count") {
      ST_JSON_OK(json::GetInt(f.value(), "cited_by_count", &out->cited_by_count, err));
    } else if (key == "counts_by_year") {
      ST_JSON_OK(ParseCountsByYear(f.value(), out, err));
    } else if (key == "authorships") {
      ST_JSON_OK(ParseAuthorships(f.value(), out, err));
    } else if (key == "primary_location") {
      ST_JSON_OK(ParseSource(f.value(), out, ignored_depth_, err));
    } else if (key == "primary_topic") {
      ST_JSON_OK(ParseTopic(f.value(), "primary_topic", &primary_topic_, err));
      have_primary = !primary_topic_.id.empty();
    } else if (key == "topics" || key == "concepts") {
      bool concepts = key == "concepts";
      std::string_view name = concepts ? "concepts" : "topics";
      ST_JSON_OK(json::ForEachElement(f.value(), name, err, [&](value& ev) {
        TopicRef& topic = topics_.Add(out->topics);
        ST_JSON_OK(ParseTopic(ev, name, &topic, err));
        if (topic.id.empty() && topic.name.empty()) out->topics.pop_back();
        else if (!concepts) have_topics = true;
        return true;
      }));
    } else if (key == "referenced_works") {
      ST_JSON_OK(json::ForEachElement(f.value(), "referenced_works", err, [&](value& ev) {
        std::string_view ref;
        ST_JSON_OK(json::GetStringView(ev, "referenced_works[]", &ref, err));
        if (!ref.empty()) strings_.Add(out->references).assign(json::StripPrefix(ref, kOpenAlexPrefix));
        return true;
      }));
    } else if (key == "abstract_inverted_index") {
      ST_JSON_OK(ParseAbstract(f.value(), out, err));
    } else {
      ST_JSON_OK(json::SkipUnknown(f.value(), ignored_depth_, err));
    }
  }
  // Older records have primary_topic but no topics list.
  if (have_primary && !have_topics) {
    TopicRef& topic = topics_.Add(out->topics);
    topic = primary_topic_;
  }
  return Finish(out, err);
}

Status ReadOpenAlexDocument(ReadContext& ctx) {
  ST_ASSIGN_OR_RETURN(Document doc, ReadWholeDocument(*ctx.stream, ctx.options->max_document_bytes));
  ++ctx.units;
  std::unique_ptr<simdjson::ondemand::parser> json;
  ST_RETURN_IF_ERROR(MakeJsonParser(doc.size + 1, ctx.options->max_depth, &json));
  simdjson::ondemand::document root;
  auto e = json->iterate(simdjson::padded_string_view(doc.data.get(), doc.size, doc.size + kLinePadding))
               .get(root);
  if (e) return ctx.RecordError(0, std::string("invalid JSON: ") + simdjson::error_message(e));
  OpenAlexParser parser;
  parser.set_max_depth(ctx.options->max_depth);
  WorkRecord record;
  std::string err;
  object top;
  e = root.get_object().get(top);
  if (e) return ctx.RecordError(1, "expected a JSON object (an OpenAlex API page or work)");
  value results;
  e = top.find_field_unordered("results").get(results);
  if (e == simdjson::NO_SUCH_FIELD) {
    // A single work as /works/W… returns it.
    if (auto re = top.reset().error()) return ctx.RecordError(1, simdjson::error_message(re));
    if (parser.Parse(top, &record, &err)) {
      ctx.Deliver(record);
      return Status::Ok();
    }
    return ctx.RecordError(1, err);
  }
  if (e) return ctx.RecordError(1, std::string("invalid JSON: ") + simdjson::error_message(e));
  array arr;
  e = results.get_array().get(arr);
  if (e) return ctx.RecordError(1, "field 'results': expected array");
  --ctx.units;
  size_t last_offset = 0;
  uint64_t line = 1;
  for (auto er : arr) {
    value ev;
    if (auto ee = std::move(er).get(ev)) {
      ++ctx.units;
      // Structural damage: the rest of the array cannot be trusted.
      return ctx.RecordError(0, std::string("invalid JSON in results: ") + simdjson::error_message(ee));
    }
    ++ctx.units;
    const char* at = nullptr;
    if (!ev.current_location().get(at)) {
      // Counted on from the previous result: linear in the page size.
      size_t offset = static_cast<size_t>(at - doc.data.get());
      if (offset >= last_offset && offset <= doc.size) {
        line += static_cast<uint64_t>(std::count(doc.data.get() + last_offset, doc.data.get() + offset, '\n'));
        last_offset = offset;
      }
    }
    object wobj;
    bool ok = false;
    if (!ev.get_object().get(wobj)) {
      ok = parser.Parse(wobj, &record, &err);
    } else {
      json::Fail(&err, "results[]", "expected object");
    }
    if (ok) {
      ctx.Deliver(record);
    } else {
      ST_RETURN_IF_ERROR(ctx.RecordError(line, err));
    }
  }
  return Status::Ok();
}

}  // namespace st::corpus
