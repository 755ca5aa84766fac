#include "corpus/s2_reader.h"

#include <cstdint>
#include <string>

namespace st::corpus {
namespace {

using simdjson::ondemand::array;
using simdjson::ondemand::field;
using simdjson::ondemand::object;
using simdjson::ondemand::raw_json_string;
using simdjson::ondemand::value;

bool Has(std::string_view line, std::string_view quoted_key) {
  return line.find(quoted_key) != std::string_view::npos;
}

bool ParseAuthor(value& v, Authorship* a, uint32_t depth, std::string* err) {
  object obj;
  bool present;
  ST_JSON_OK(json::GetObject(v, "authors[]", &obj, &present, err));
  if (!present) return true;
  for (auto fr : obj) {
    field f;
    if (auto e = std::move(fr).get(f)) return json::Fail(err, "authors[]", e);
    raw_json_string key = f.key();
    if (key == "authorId") {
      ST_JSON_OK(json::GetString(f.value(), "authors[].authorId", &a->s2_id, err));
    } else if (key == "name") {
      ST_JSON_OK(json::GetString(f.value(), "authors[].name", &a->name, err));
    } else {
      ST_JSON_OK(json::SkipUnknown(f.value(), depth, err));
    }
  }
  return true;
}

bool ParseExternalIds(value& v, WorkRecord* out, uint32_t depth, std::string* err) {
  object obj;
  bool present;
  ST_JSON_OK(json::GetObject(v, "externalids", &obj, &present, err));
  if (!present) return true;
  for (auto fr : obj) {
    field f;
    if (auto e = std::move(fr).get(f)) return json::Fail(err, "externalids", e);
    raw_json_string key = f.key();
    if (key == "DOI") {
      std::string_view doi;
      ST_JSON_OK(json::GetStringView(f.value(), "externalids.DOI", &doi, err));
      out->doi.assign(json::StripPrefix(doi, "https://doi.org/"));
    } else if (key == "ArXiv") {
      std::string_view id;
      ST_JSON_OK(json::GetStringView(f.value(), "externalids.ArXiv", &id, err));
      if (!id.empty()) {
        out->alt_id.assign("arXiv:");  // the arXiv reader's id of the paper
        out->alt_id.append(id);
      }
    } else {
      ST_JSON_OK(json::SkipUnknown(f.value(), depth, err));
    }
  }
  return true;
}

bool ParseJournal(value& v, std::string* name, uint32_t depth, std::string* err) {
  object obj;
  bool present;
  ST_JSON_OK(json::GetObject(v, "journal", &obj, &present, err));
  if (!present) return true;
  for (auto fr : obj) {
    field f;
    if (auto e = std::move(fr).get(f)) return json::Fail(err, "journal", e);
    if (f.key() == "name") {
      ST_JSON_OK(json::GetString(f.value(), "journal.name", name, err));
    } else {
      ST_JSON_OK(json::SkipUnknown(f.value(), depth, err));
    }
  }
  return true;
}

}  // namespace

bool S2PaperParser::Parse(object obj, WorkRecord* out, std::string* err) {
  authors_.Recycle(out->authors);
  topics_.Recycle(out->topics);
  out->Clear();
  out->source = Source::kSemanticScholar;
  journal_.clear();
  bool present;
  for (auto fr : obj) {
    field f;
    if (auto e = std::move(fr).get(f)) return json::Fail(err, "(record)", e);
    raw_json_string key = f.key();
    if (key == "corpusid") {
      int64_t id = INT64_MIN;
      ST_JSON_OK(json::GetInt(f.value(), "corpusid", &id, err));
      if (id == INT64_MIN) continue;  // null: reported as missing below
      if (id < 0) return json::Fail(err, "corpusid", "negative");
      out->id.assign("S2:");
      out->id.append(std::to_string(id));
    } else if (key == "externalids") {
      ST_JSON_OK(ParseExternalIds(f.value(), out, ignored_depth_, err));
    } else if (key == "title") {
      ST_JSON_OK(json::GetString(f.value(), "title", &out->title, err));
    } else if (key == "authors") {
      array arr;
      ST_JSON_OK(json::GetArray(f.value(), "authors", &arr, &present, err));
      if (!present) continue;
      for (auto ar : arr) {
        value av;
        if (auto e = std::move(ar).get(av)) return json::Fail(err, "authors", e);
        Authorship& a = authors_.Add(out->authors);
        a.Clear();
        ST_JSON_OK(ParseAuthor(av, &a, ignored_depth_, err));
        if (a.name.empty() && a.s2_id.empty()) out->authors.pop_back();
      }
    } else if (key == "venue") {
      ST_JSON_OK(json::GetString(f.value(), "venue", &out->venue, err));
    } else if (key == "publicationvenueid") {
      ST_JSON_OK(json::GetString(f.value(), "publicationvenueid", &out->venue_id, err));
    } else if (key == "journal") {
      ST_JSON_OK(ParseJournal(f.value(), &journal_, ignored_depth_, err));
    } else if (key == "year") {
      int64_t year = 0;
      ST_JSON_OK(json::GetInt(f.value(), "year", &year, err));
      if (year < 0 || year > 9999) return json::Fail(err, "year", "out of range");
      out->year = static_cast<int16_t>(year);
    } else if (key == "publicationdate") {
      ST_JSON_OK(json::GetString(f.value(), "publicationdate", &out->publication_date, err));
    } else if (key == "citationcount") {
      ST_JSON_OK(json::GetInt(f.value(), "citationcount", &out->cited_by_count, err));
      if (out->cited_by_count < -1) return json::Fail(err, "citationcount", "negative");
    } else if (key == "publicationtypes") {
      array arr;
      ST_JSON_OK(json::GetArray(f.value(), "publicationtypes", &arr, &present, err));
      if (!present) continue;
      for (auto tr : arr) {
        value tv;
        if (auto e = std::move(tr).get(tv)) return json::Fail(err, "publicationtypes", e);
        std::string_view type;
        ST_JSON_OK(json::GetStringView(tv, "publicationtypes[]", &type, err));
        if (out->type.empty()) out->type.assign(type);
      }
    } else if (key == "s2fieldsofstudy") {
      array arr;
      ST_JSON_OK(json::GetArray(f.value(), "s2fieldsofstudy", &arr, &present, err));
      if (!present) continue;
      for (auto cr : arr) {
        value cv;
        if (auto e = std::move(cr).get(cv)) return json::Fail(err, "s2fieldsofstudy", e);
        object cobj;
        ST_JSON_OK(json::GetObject(cv, "s2fieldsofstudy[]", &cobj, &present, err));
        if (!present) continue;
        std::string_view category;
        for (auto cfr : cobj) {
          field cf;
          if (auto e = std::move(cfr).get(cf)) return json::Fail(err, "s2fieldsofstudy[]", e);
          if (cf.key() == "category") {
            ST_JSON_OK(json::GetStringView(cf.value(), "s2fieldsofstudy[].category", &category, err));
          } else {
            ST_JSON_OK(json::SkipUnknown(cf.value(), ignored_depth_, err));
          }
        }
        // A category often comes twice (the S2 model and an external source).
        bool seen = category.empty();
        for (const TopicRef& t : out->topics) seen = seen || t.name == category;
        if (seen) continue;
        TopicRef& t = topics_.Add(out->topics);
        t.id.assign("s2fos:");
        t.id.append(category);
        t.name.assign(category);
        t.subfield.clear();
        t.field.clear();
        t.score = 1;
      }
    } else {
      ST_JSON_OK(json::SkipUnknown(f.value(), ignored_depth_, err));
    }
  }
  if (out->id.empty()) return json::Fail(err, "corpusid", "missing");
  if (out->venue.empty()) out->venue.swap(journal_);
  if (out->year == 0 && out->publication_date.size() >= 4) {
    int year = YearOfIsoDate(out->publication_date);
    if (year < 0) return json::Fail(err, "publicationdate", "not a date");
    out->year = static_cast<int16_t>(year);
  }
  SetPositionsByOrder(out->authors);
  return true;
}

std::string_view S2DatasetOf(std::string_view line) {
  // Keys of the S2AG datasets (api.semanticscholar.org/api-docs/datasets).
  if (Has(line, "\"authorships\"")) return {};  // an OpenAlex work
  if (Has(line, "\"citingcorpusid\"")) return "citations";
  if (Has(line, "\"authorid\"") && Has(line, "\"papercount\"")) return "authors";
  if (Has(line, "\"alternate_issns\"") || Has(line, "\"alternate_names\"")) return "publication-venues";
  if (!Has(line, "\"corpusid\"")) return {};
  if (Has(line, "\"authors\"")) return "papers";
  if (Has(line, "\"openaccessinfo\"") || Has(line, "\"abstract\"")) return "abstracts";
  if (Has(line, "\"model\"") && Has(line, "\"text\"")) return "tldrs";
  if (Has(line, "\"sha\"")) return "paper-ids";
  return {};
}

}  // namespace st::corpus
