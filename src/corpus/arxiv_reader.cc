#include "corpus/arxiv_reader.h"

#include <cctype>
#include <cstdio>

namespace st::corpus {
namespace {

using simdjson::ondemand::array;
using simdjson::ondemand::field;
using simdjson::ondemand::object;
using simdjson::ondemand::raw_json_string;
using simdjson::ondemand::value;

// Collapses runs of whitespace (the snapshot wraps lines at ~80 columns).
void AssignFolded(std::string_view s, std::string* out) {
  out->clear();
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out->empty();
      continue;
    }
    if (space) out->push_back(' ');
    space = false;
    out->push_back(c);
  }
}

bool ParseAuthor(value& v, Authorship* a, std::string* err) {
  array parts;
  bool present;
  ST_JSON_OK(json::GetArray(v, "authors_parsed[]", &parts, &present, err));
  std::string_view piece[3];
  size_t i = 0;
  if (present) {
    for (auto pr : parts) {
      value pv;
      if (auto e = std::move(pr).get(pv)) return json::Fail(err, "authors_parsed", e);
      std::string_view s;
      ST_JSON_OK(json::GetStringView(pv, "authors_parsed[][]", &s, err));
      if (i < 3) piece[i] = s;
      ++i;
    }
  }
  // [last, first, suffix] → "first last suffix"
  a->name.clear();
  for (std::string_view s : {piece[1], piece[0], piece[2]}) {
    if (s.empty()) continue;
    if (!a->name.empty()) a->name.push_back(' ');
    a->name.append(s);
  }
  return true;
}

}  // namespace

std::string RfcDateToIso(std::string_view date) {
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  // "Mon, 2 Apr 2007 19:18:42 GMT"
  size_t comma = date.find(", ");
  std::string_view rest = comma == std::string_view::npos ? date : date.substr(comma + 2);
  int day = 0, year = 0, month = 0;
  size_t p = 0;
  while (p < rest.size() && std::isdigit(static_cast<unsigned char>(rest[p]))) day = day * 10 + (rest[p++] - '0');
  if (p == 0 || p + 5 > rest.size() || rest[p] != ' ') return {};
  std::string_view mon = rest.substr(p + 1, 3);
  for (int m = 0; m < 12; ++m)
    if (mon == kMonths[m]) month = m + 1;
  p += 4;  // space + month
  if (p >= rest.size() || rest[p] != ' ') return {};
  ++p;
  size_t digits = 0;
  while (p < rest.size() && digits < 4 && std::isdigit(static_cast<unsigned char>(rest[p]))) {
    year = year * 10 + (rest[p++] - '0');
    ++digits;
  }
  if (month == 0 || digits != 4 || day < 1 || day > 31) return {};
  char buf[32];  // roomy: GCC cannot see that year has 4 digits
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", year, month, day);
  return buf;
}

bool ArxivParser::Parse(object obj, WorkRecord* out, std::string* err) {
  authors_.Recycle(out->authors);
  topics_.Recycle(out->topics);
  out->Clear();
  out->source = Source::kArxiv;
  out->type = "preprint";
  out->venue = "arXiv";
  out->venue_id = "arxiv";
  std::string update_date;
  for (auto fr : obj) {
    field f;
    if (auto e = std::move(fr).get(f)) return json::Fail(err, "(record)", e);
    raw_json_string key = f.key();
    if (key == "id") {
      std::string_view id;
      ST_JSON_OK(json::GetStringView(f.value(), "id", &id, err));
      if (!id.empty()) {
        out->id.assign("arXiv:");
        out->id.append(id);
      }
    } else if (key == "doi") {
      ST_JSON_OK(json::GetString(f.value(), "doi", &out->doi, err));
    } else if (key == "title") {
      std::string_view s;
      ST_JSON_OK(json::GetStringView(f.value(), "title", &s, err));
      AssignFolded(s, &out->title);
    } else if (key == "abstract") {
      std::string_view s;
      ST_JSON_OK(json::GetStringView(f.value(), "abstract", &s, err));
      AssignFolded(s, &out->abstract);
    } else if (key == "categories") {
      std::string_view cats;
      ST_JSON_OK(json::GetStringView(f.value(), "categories", &cats, err));
      size_t start = 0;
      while (start < cats.size()) {
        size_t end = cats.find(' ', start);
        if (end == std::string_view::npos) end = cats.size();
        if (end > start) {
          TopicRef& t = topics_.Add(out->topics);
          t.id.assign("arxiv:");
          t.id.append(cats.substr(start, end - start));
          t.name.assign(cats.substr(start, end - start));
          t.subfield.clear();
          t.field.clear();
          t.subfield_id.clear();
          t.field_id.clear();
          t.score = 1;
        }
        start = end + 1;
      }
    } else if (key == "authors_parsed") {
      ST_JSON_OK(json::ForEachElement(f.value(), "authors_parsed", err, [&](value& av) {
        Authorship& a = authors_.Add(out->authors);
        a.Clear();
        ST_JSON_OK(ParseAuthor(av, &a, err));
        if (a.name.empty()) out->authors.pop_back();
        return true;
      }));
    } else if (key == "versions") {
      // The first version's creation date is the publication date.
      bool first = true;
      ST_JSON_OK(json::ForEachElement(f.value(), "versions", err, [&](value& vv) {
        if (!first) return json::SkipUnknown(vv, ignored_depth_, err);
        bool null = false;
        if (auto e = vv.is_null().get(null)) return json::Fail(err, "versions[]", e);
        if (null) return true;  // the first version that is there counts
        first = false;
        return json::ForEachMember(vv, "versions[]", err, [&](raw_json_string vkey, value& fv) {
          if (vkey != "created") return json::SkipUnknown(fv, ignored_depth_, err);
          std::string_view created;
          ST_JSON_OK(json::GetStringView(fv, "versions.created", &created, err));
          out->publication_date = RfcDateToIso(created);
          return true;
        });
      }));
    } else if (key == "update_date") {
      ST_JSON_OK(json::GetString(f.value(), "update_date", &update_date, err));
    } else {
      ST_JSON_OK(json::SkipUnknown(f.value(), ignored_depth_, err));
    }
  }
  if (out->publication_date.empty() && update_date.size() >= 10) out->publication_date = update_date.substr(0, 10);
  if (out->publication_date.size() >= 4) {
    int year = YearOfIsoDate(out->publication_date);
    if (year < 0) return json::Fail(err, "update_date", "not a date");
    out->year = static_cast<int16_t>(year);
  }
  SetPositionsByOrder(out->authors);
  if (out->id.empty()) return json::Fail(err, "id", "missing");
  return true;
}

}  // namespace st::corpus
