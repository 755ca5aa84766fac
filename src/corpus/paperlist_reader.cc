#include "corpus/paperlist_reader.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "base/names.h"
#include "corpus/json_fields.h"
#include "corpus/line_reader.h"
#include "corpus/record_parser.h"

namespace st::corpus {
namespace {

using simdjson::ondemand::field;
using simdjson::ondemand::object;
using simdjson::ondemand::raw_json_string;
using simdjson::ondemand::value;

// The fields of one paper-list row that we use, as views into the parser.
struct Row {
  std::string_view id, title, author, authorids, aff, aff_domain, position, status, rating,
      keywords, primary_area, abstract;
  // Countries and campus cities: the distinct values, and per author the
  // '+'-joined indexes into them ("0+1;1;2"), one per affiliation.
  std::string_view aff_country_unique, aff_country_unique_index, aff_campus_unique, aff_campus_unique_index;
  double rating_avg = -1;
  int64_t gs_citation = -1;
  bool award = false;
};

// Splits on `sep`, trimming each piece; keeps empty pieces so that indexes
// stay aligned with the author list.
void Split(std::string_view s, std::string_view sep, std::vector<std::string_view>* out) {
  out->clear();
  if (TrimSpace(s).empty()) return;
  size_t start = 0;
  for (;;) {
    size_t at = s.find(sep, start);
    if (at == std::string_view::npos) {
      out->push_back(TrimSpace(s.substr(start)));
      return;
    }
    out->push_back(TrimSpace(s.substr(start, at - start)));
    start = at + sep.size();
  }
}

// PDF-extracted affiliations (CVF, ACL, NAACL lists) keep the paper's
// footnote marks: "OpenAI∗", "Stanford University†", "DeepMind‡University of
// Oxford". A mark ends an affiliation; '+' joins several too. A '*' at either
// end of a piece is a mark as well ("A*STAR" keeps its own).
constexpr std::string_view kFootnoteMarks[] = {"†", "‡", "§", "¶", "∗", "⋆", "★", "☆", "♠", "♣",
                                               "♡", "♢", "♦", "♥", "♭", "♮", "♯", "⇤", "×"};

// The institution names in one author's (or one paper's) affiliation text.
void AffiliationNames(std::string_view aff, std::vector<std::string_view>* out) {
  out->clear();
  auto add = [&](std::string_view piece) {
    piece = TrimSpace(piece);
    while (!piece.empty() && (piece.back() == '*' || piece.front() == '*'))
      piece = TrimSpace(piece.back() == '*' ? piece.substr(0, piece.size() - 1) : piece.substr(1));
    if (!piece.empty()) out->push_back(piece);
  };
  size_t start = 0;
  for (size_t i = 0; i < aff.size();) {
    size_t mark = 0;
    if (aff[i] == '+') {
      mark = 1;
    } else if (static_cast<unsigned char>(aff[i]) >= 0x80) {
      for (std::string_view m : kFootnoteMarks)
        if (aff.substr(i, m.size()) == m) mark = m.size();
    }
    if (mark == 0) {
      ++i;
      continue;
    }
    add(aff.substr(start, i - start));
    i += mark;
    start = i;
  }
  add(aff.substr(start));
}

bool AllEmpty(const std::vector<std::string_view>& v) {
  return std::all_of(v.begin(), v.end(), [](std::string_view s) { return s.empty(); });
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// FNV-1a: a stable id for rows that carry none (CVF lists).
std::string TitleHash(std::string_view title) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : title) {
    h ^= c;
    h *= 1099511628211ull;
  }
  static const char* kHex = "0123456789abcdef";
  std::string out = "t";
  for (int i = 15; i >= 0; --i) out.push_back(kHex[(h >> (i * 4)) & 15]);
  return out;
}

bool ParseRow(object obj, Row* row, std::string* err) {
  for (auto fr : obj) {
    field f;
    if (auto e = std::move(fr).get(f)) return json::Fail(err, "(paper)", e);
    raw_json_string key = f.key();
    value v = f.value();
    bool ok = true;
    if (key == "id") ok = json::GetStringView(v, "id", &row->id, err);
    else if (key == "title") ok = json::GetStringView(v, "title", &row->title, err);
    else if (key == "author" || key == "authors") ok = json::GetStringView(v, "author", &row->author, err);
    else if (key == "authorids") ok = json::GetStringView(v, "authorids", &row->authorids, err);
    else if (key == "aff") ok = json::GetStringView(v, "aff", &row->aff, err);
    else if (key == "aff_domain") ok = json::GetStringView(v, "aff_domain", &row->aff_domain, err);
    else if (key == "aff_country_unique")
      ok = json::GetStringView(v, "aff_country_unique", &row->aff_country_unique, err);
    else if (key == "aff_country_unique_index")
      ok = json::GetStringView(v, "aff_country_unique_index", &row->aff_country_unique_index, err);
    else if (key == "aff_campus_unique")
      ok = json::GetStringView(v, "aff_campus_unique", &row->aff_campus_unique, err);
    else if (key == "aff_campus_unique_index")
      ok = json::GetStringView(v, "aff_campus_unique_index", &row->aff_campus_unique_index, err);
    else if (key == "position") ok = json::GetStringView(v, "position", &row->position, err);
    else if (key == "status") ok = json::GetStringView(v, "status", &row->status, err);
    else if (key == "rating") ok = json::GetStringView(v, "rating", &row->rating, err);
    else if (key == "keywords") ok = json::GetStringView(v, "keywords", &row->keywords, err);
    else if (key == "primary_area") ok = json::GetStringView(v, "primary_area", &row->primary_area, err);
    else if (key == "abstract") ok = json::GetStringView(v, "abstract", &row->abstract, err);
    else if (key == "rating_avg") ok = json::GetDouble(v, "rating_avg", &row->rating_avg, err);
    else if (key == "gs_citation") ok = json::GetInt(v, "gs_citation", &row->gs_citation, err);
    else if (key == "award") ok = json::GetBool(v, "award", &row->award, err);
    else ok = json::SkipUnknown(v, 16, err);
    if (!ok) return false;
  }
  return true;
}

bool IsCvf(std::string_view venue_id) {
  return venue_id == "cvpr" || venue_id == "iccv" || venue_id == "eccv" || venue_id == "wacv";
}

void AddPaperInstitution(WorkRecord* out, std::string_view name, std::string_view domain) {
  for (const InstitutionRef& i : out->paper_institutions)
    if (i.name == name && i.domain == domain) return;
  InstitutionRef& inst = out->paper_institutions.emplace_back();
  inst.name.assign(name);
  inst.domain.assign(domain);
}

// The value of one author's j-th affiliation in a "*_unique" list: `index` is
// the author's entry ("0+1"), `values` the paper's distinct values. "" when
// the entry is missing, malformed or out of range, and for "Unknown".
std::string_view UniqueValue(std::string_view index, size_t j, const std::vector<std::string_view>& values) {
  std::vector<std::string_view> picks;
  Split(index, "+", &picks);
  if (j >= picks.size() || picks[j].empty()) return {};
  size_t k = 0;
  for (char c : picks[j]) {
    if (c < '0' || c > '9' || k > 1000) return {};
    k = k * 10 + static_cast<size_t>(c - '0');
  }
  if (k >= values.size() || values[k] == "Unknown") return {};
  return values[k];
}

// Builds the record from a row. Returns false when the row has no authors.
bool BuildRecord(const Row& row, const VenueYear& venue, WorkRecord* out) {
  out->Clear();
  out->source = Source::kPaperList;
  std::vector<std::string_view> names, ids, affs, domains, positions, parts, countries, country_index, campuses,
      campus_index;
  // OpenReview years separate names with ';', CVF and NeurIPS 2023–24 with ', '.
  bool semicolon_names = row.author.find(';') != std::string_view::npos;
  Split(row.author, semicolon_names ? ";" : ",", &names);
  names.erase(std::remove(names.begin(), names.end(), std::string_view()), names.end());
  if (names.empty()) return false;

  out->id = venue.key + ":" + (row.id.empty() ? TitleHash(row.title) : std::string(row.id));
  out->title.assign(row.title);
  out->abstract.assign(TrimSpace(row.abstract));
  out->type = "conference-paper";
  out->venue = venue.venue;
  out->venue_id = venue.venue_id;
  out->year = venue.year;
  out->status = PaperStatusFromString(row.status);
  out->award = row.award || out->status == PaperStatus::kAward;
  if (row.gs_citation >= 0) out->cited_by_count = row.gs_citation;
  // rating_avg is 0 with an empty `rating` when the venue hid the reviews.
  if (row.rating_avg > 0 || (!TrimSpace(row.rating).empty() && row.rating_avg >= 0))
    out->rating_avg = static_cast<float>(row.rating_avg);

  Split(row.authorids, ";", &ids);
  Split(row.aff, ";", &affs);
  Split(row.aff_domain, ";", &domains);
  Split(row.position, ";", &positions);
  Split(row.aff_country_unique, ";", &countries);
  Split(row.aff_country_unique_index, ";", &country_index);
  Split(row.aff_campus_unique, ";", &campuses);
  Split(row.aff_campus_unique_index, ";", &campus_index);
  const size_t n = names.size();
  // CVF gives an unordered paper-level set even when the counts happen to match. A single author's row has
  // no separator to tell the styles apart, but its one affiliation is that author's in any style.
  bool per_author_aff = affs.size() == n && !IsCvf(venue.venue_id) && (semicolon_names || n == 1);
  bool per_author_domain = per_author_aff && domains.size() == n;

  out->authors.resize(n);
  SetPositionsByOrder(out->authors);
  for (size_t i = 0; i < n; ++i) {
    Authorship& a = out->authors[i];
    a.name.assign(names[i]);
    if (ids.size() == n) {
      std::string_view id = ids[i];
      if (!id.empty() && id[0] == '~') a.openreview_id.assign(id);
      else if (id.find('@') != std::string_view::npos) a.email.assign(id);
      else if (!id.empty() && id[0] == '/') a.acl_id.assign(id);
    }
    if (positions.size() == n) a.position_title.assign(positions[i]);
    if (per_author_aff) {
      AffiliationNames(affs[i], &parts);  // pieces are never empty
      for (size_t j = 0; j < parts.size(); ++j) {
        InstitutionRef& inst = a.institutions.emplace_back();
        inst.name.assign(parts[j]);
        // The e-mail domain belongs to the author's first (main) affiliation.
        if (per_author_domain && a.institutions.size() == 1) inst.domain.assign(domains[i]);
        // Where it is, when the list says so per author (location evidence, places/).
        if (country_index.size() == n) inst.country_name.assign(UniqueValue(country_index[i], j, countries));
        if (campus_index.size() == n) inst.city.assign(UniqueValue(campus_index[i], j, campuses));
      }
      if (a.institutions.empty() && per_author_domain && !domains[i].empty())
        a.institutions.emplace_back().domain.assign(domains[i]);
    }
  }
  if (!per_author_aff && !AllEmpty(affs)) {
    bool domains_by_aff = domains.size() == affs.size();
    for (size_t i = 0; i < affs.size(); ++i) {
      AffiliationNames(affs[i], &parts);
      for (std::string_view part : parts) AddPaperInstitution(out, part, domains_by_aff ? domains[i] : std::string_view());
    }
  }

  Split(row.keywords, ";", &parts);
  for (std::string_view kw : parts) {
    if (kw.empty()) continue;
    TopicRef& t = out->topics.emplace_back();
    t.id = "kw:" + Lower(kw);
    t.name.assign(kw);
    t.score = 1;
  }
  if (!TrimSpace(row.primary_area).empty()) {
    TopicRef& t = out->topics.emplace_back();
    t.id = "area:" + Lower(TrimSpace(row.primary_area));
    t.name.assign(TrimSpace(row.primary_area));
    t.score = 1;
  }
  return true;
}

}  // namespace

Result<VenueYear> VenueYearFromPath(std::string_view path) {
  std::string_view base = path.substr(path.find_last_of('/') + 1);
  size_t letters = 0;
  while (letters < base.size() && std::isalpha(static_cast<unsigned char>(base[letters]))) ++letters;
  size_t digits = letters;
  while (digits < base.size() && std::isdigit(static_cast<unsigned char>(base[digits]))) ++digits;
  if (letters == 0 || digits - letters != 4)
    return Status::InvalidInput(std::string(path) +
                                ": paper list file name must be <venue><year>.json[.gz], e.g. iclr2023.json.gz");
  VenueYear vy;
  vy.venue_id = Lower(base.substr(0, letters));
  vy.key = vy.venue_id + std::string(base.substr(letters, 4));
  vy.year = static_cast<int16_t>(std::stoi(std::string(base.substr(letters, 4))));
  static const std::pair<const char*, const char*> kNames[] = {
      {"nips", "NeurIPS"}, {"neurips", "NeurIPS"}, {"iclr", "ICLR"}, {"icml", "ICML"},
      {"cvpr", "CVPR"},    {"iccv", "ICCV"},       {"eccv", "ECCV"}, {"acl", "ACL"},
      {"emnlp", "EMNLP"},  {"naacl", "NAACL"},     {"colm", "COLM"}, {"ijcai", "IJCAI"},
      {"aaai", "AAAI"},    {"corl", "CoRL"},       {"aistats", "AISTATS"}, {"wacv", "WACV"}};
  vy.venue.clear();
  for (const auto& [id, name] : kNames)
    if (vy.venue_id == id) vy.venue = name;
  if (vy.venue.empty()) {
    vy.venue = vy.venue_id;
    for (char& c : vy.venue) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return vy;
}

PaperStatus PaperStatusFromString(std::string_view status) {
  std::string s = Lower(TrimSpace(status));
  auto has = [&](const char* w) { return s.find(w) != std::string::npos; };
  if (s.empty()) return PaperStatus::kUnknown;
  if (has("withdraw")) return PaperStatus::kWithdrawn;
  if (has("reject")) return PaperStatus::kReject;
  if (has("award") || has("best paper")) return PaperStatus::kAward;
  // ICLR 2020 called orals "Talk"; ICLR 2023 "notable-top-5%" were orals.
  if (has("oral") || has("talk") || has("top-5%") || has("top 5%")) return PaperStatus::kOral;
  // CVPR's "Highlight" and ICLR 2023's "top-25%" are the spotlight tier.
  if (has("spotlight") || has("highlight") || has("top-25%") || has("top 25%"))
    return PaperStatus::kSpotlight;
  // Everything else in these lists is an accepted paper (Poster, Long, Short,
  // Findings, Journal, Industry, System Demonstrations, Accept).
  return PaperStatus::kPoster;
}

Status ReadPaperList(ReadContext& ctx, const VenueYear& venue) {
  ST_ASSIGN_OR_RETURN(Document doc, ReadWholeDocument(*ctx.stream, ctx.options->max_document_bytes));
  std::unique_ptr<simdjson::ondemand::parser> json;
  ST_RETURN_IF_ERROR(MakeJsonParser(doc.size + 1, ctx.options->max_depth, &json));
  simdjson::ondemand::document root;
  auto e = json->iterate(simdjson::padded_string_view(doc.data.get(), doc.size, doc.size + kLinePadding))
               .get(root);
  if (e) return ctx.RecordError(0, std::string("invalid JSON: ") + simdjson::error_message(e));
  simdjson::ondemand::array papers;
  e = root.get_array().get(papers);
  if (e) return ctx.RecordError(1, "a paper list must be a JSON array of papers");
  WorkRecord record;
  std::string err;
  uint64_t index = 0;
  size_t last_offset = 0;
  uint64_t last_line = 1;
  for (auto pr : papers) {
    ++index;
    ++ctx.units;
    value pv;
    if (auto pe = std::move(pr).get(pv))
      return ctx.RecordError(last_line, "paper " + std::to_string(index) + ": invalid JSON: " +
                                            simdjson::error_message(pe) + " (rest of file unreadable)");
    const char* at = nullptr;
    if (!pv.current_location().get(at)) {
      // Incremental line count keeps this linear in the file size.
      size_t offset = static_cast<size_t>(at - doc.data.get());
      if (offset >= last_offset && offset <= doc.size) {
        last_line += std::count(doc.data.get() + last_offset, doc.data.get() + offset, '\n');
        last_offset = offset;
      }
    }
    Row row;
    object obj;
    bool ok;
    if (pv.get_object().get(obj)) {
      ok = json::Fail(&err, "(paper)", "expected an object");
    } else {
      ok = ParseRow(obj, &row, &err);
    }
    if (!ok) {
      ST_RETURN_IF_ERROR(ctx.RecordError(last_line, "paper " + std::to_string(index) + ": " + err));
      continue;
    }
    if (!BuildRecord(row, venue, &record)) {
      ++ctx.stats.skipped;
      continue;
    }
    ctx.Deliver(record);
  }
  if (!json::AtEnd(root)) return ctx.RecordError(last_line, "trailing content after the array");
  return Status::Ok();
}

}  // namespace st::corpus
