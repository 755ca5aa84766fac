#include "corpus/s2_reader.h"

#include <cstdint>
#include <string>

namespace st::corpus {
namespace {

using simdjson::ondemand::field;
using simdjson::ondemand::object;
using simdjson::ondemand::raw_json_string;
using simdjson::ondemand::value;

bool Has(std::string_view line, std::string_view quoted_key) {
  return line.find(quoted_key) != std::string_view::npos;
}

bool ParseAuthor(value& v, Authorship* a, uint32_t depth, std::string* err) {
  return json::ForEachMember(v, "authors[]", err, [&](raw_json_string key, value& fv) {
    if (key == "authorId") return json::GetString(fv, "authors[].authorId", &a->s2_id, err);
    if (key == "name") return json::GetString(fv, "authors[].name", &a->name, err);
    return json::SkipUnknown(fv, depth, err);
  });
}

bool ParseExternalIds(value& v, WorkRecord* out, uint32_t depth, std::string* err) {
  return json::ForEachMember(v, "externalids", err, [&](raw_json_string key, value& fv) {
    std::string_view id;
    if (key == "DOI") {
      ST_JSON_OK(json::GetStringView(fv, "externalids.DOI", &id, err));
      out->doi.assign(json::StripPrefix(id, "https://doi.org/"));
    } else if (key == "ArXiv") {
      ST_JSON_OK(json::GetStringView(fv, "externalids.ArXiv", &id, err));
      if (!id.empty()) {
        out->alt_id.assign("arXiv:");  // the arXiv reader's id of the paper
        out->alt_id.append(id);
      }
    } else {
      ST_JSON_OK(json::SkipUnknown(fv, depth, err));
    }
    return true;
  });
}

bool ParseJournal(value& v, std::string* name, uint32_t depth, std::string* err) {
  return json::ForEachMember(v, "journal", err, [&](raw_json_string key, value& fv) {
    return key == "name" ? json::GetString(fv, "journal.name", name, err) : json::SkipUnknown(fv, depth, err);
  });
}

bool ParseFieldOfStudy(value& v, std::string_view* category, uint32_t depth, std::string* err) {
  return json::ForEachMember(v, "s2fieldsofstudy[]", err, [&](raw_json_string key, value& fv) {
    return key == "category" ? json::GetStringView(fv, "s2fieldsofstudy[].category", category, err)
                             : json::SkipUnknown(fv, depth, err);
  });
}

}  // namespace

bool S2PaperParser::Parse(object obj, WorkRecord* out, std::string* err) {
  authors_.Recycle(out->authors);
  topics_.Recycle(out->topics);
  out->Clear();
  out->source = Source::kSemanticScholar;
  journal_.clear();
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
      ST_JSON_OK(json::ForEachElement(f.value(), "authors", err, [&](value& av) {
        Authorship& a = authors_.Add(out->authors);
        a.Clear();
        ST_JSON_OK(ParseAuthor(av, &a, ignored_depth_, err));
        if (a.name.empty() && a.s2_id.empty()) out->authors.pop_back();
        return true;
      }));
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
      ST_JSON_OK(json::ForEachElement(f.value(), "publicationtypes", err, [&](value& tv) {
        std::string_view type;
        ST_JSON_OK(json::GetStringView(tv, "publicationtypes[]", &type, err));
        if (out->type.empty()) out->type.assign(type);
        return true;
      }));
    } else if (key == "s2fieldsofstudy") {
      ST_JSON_OK(json::ForEachElement(f.value(), "s2fieldsofstudy", err, [&](value& cv) {
        std::string_view category;
        ST_JSON_OK(ParseFieldOfStudy(cv, &category, ignored_depth_, err));
        // A category often comes twice (the S2 model and an external source).
        bool seen = category.empty();
        for (const TopicRef& t : out->topics) seen = seen || t.name == category;
        if (seen) return true;
        TopicRef& t = topics_.Add(out->topics);
        t.id.assign("s2fos:");
        t.id.append(category);
        t.name.assign(category);
        t.subfield.clear();
        t.field.clear();
        t.subfield_id.clear();
        t.field_id.clear();
        t.score = 1;
        return true;
      }));
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
