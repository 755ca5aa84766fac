// JSON is written by hand: the generator must produce hundreds of MB in
// seconds (the ingest benchmark needs it), and every string we emit comes from
// our own tables, escaped by JsonString all the same.
#include "demo/render.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "demo/vocab.h"

namespace st::demo {
namespace {

void JsonString(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void Int(std::string& out, int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

void Fixed(std::string& out, double v, int digits) {
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, digits);
  out.append(buf, r.ptr);
}

void OpenAlexUrl(std::string& out, char kind, uint64_t n) {
  out += "\"https://openalex.org/";
  out += kind;
  Int(out, static_cast<int64_t>(n));
  out += '"';
}

void OpenAlexUrl(std::string& out, std::string_view short_id) {
  out.append("\"https://openalex.org/").append(short_id).append("\"");
}

std::string_view PositionName(size_t i, size_t n) {
  if (i == 0) return "first";
  return i + 1 == n ? "last" : "middle";
}

void Institution(std::string& out, const LabInfo& lab) {
  out += "{\"id\":";
  OpenAlexUrl(out, lab.openalex_id);
  out += ",\"display_name\":";
  JsonString(out, lab.name);
  out += ",\"ror\":null,\"country_code\":\"";
  out.append(lab.country).append("\",\"type\":\"").append(lab.type).append("\",\"lineage\":[");
  OpenAlexUrl(out, lab.openalex_id);
  out += "]}";
}

void Slug(std::string& out, std::string_view s) {
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) out += static_cast<char>(std::tolower(u));
    else if (!out.empty() && out.back() != '-') out += '-';
  }
}

}  // namespace

void WorkRenderer::Append(uint32_t w, std::string& out) {
  Rng rng(StreamSeed(world_.options.seed, 1, w));
  const int year = world_.work_year[w];
  const TopicInfo& topic = Topics()[world_.work_topic[w]];
  const uint64_t id = kWorkIdBase + w;
  MakeWorkText(topic, rng, text_);
  char date[16];
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, rng.Between(1, 12), rng.Between(1, 28));
  const int venue_index = topic.venues[rng.Below(static_cast<uint32_t>(topic.venues.size()))];
  const VenueInfo& venue = Venues()[venue_index];

  out += "{\"id\":";
  OpenAlexUrl(out, 'W', id);
  out += ",\"doi\":\"https://doi.org/10.5555/superteam-demo.";
  Int(out, static_cast<int64_t>(id));
  out += "\",\"title\":";
  JsonString(out, text_.title);
  out += ",\"display_name\":";
  JsonString(out, text_.title);
  out += ",\"publication_year\":";
  Int(out, year);
  out.append(",\"publication_date\":\"").append(date).append("\",\"ids\":{\"openalex\":");
  OpenAlexUrl(out, 'W', id);
  out += "},\"language\":\"en\",\"primary_location\":{\"is_oa\":true,\"landing_page_url\":null,\"source\":{\"id\":";
  OpenAlexUrl(out, venue.openalex_id);
  out += ",\"display_name\":";
  JsonString(out, venue.name);
  out.append(",\"type\":\"").append(venue.type).append("\"}},\"type\":\"");
  out.append(venue.type == "repository" ? "preprint" : "article").append("\",");
  AppendAuthorships(w, year, rng, out);
  out += ",\"cited_by_count\":";
  Int(out, world_.work_cited_by[w]);
  out += ',';
  AppendCountsByYear(w, out);
  out += ',';
  AppendTopics(w, rng, out);
  out += ",\"keywords\":[";
  for (size_t i = 0; i < text_.keywords.size(); ++i) {
    if (i) out += ',';
    out += "{\"id\":\"https://openalex.org/keywords/";
    Slug(out, text_.keywords[i]);
    out += "\",\"display_name\":";
    JsonString(out, text_.keywords[i]);
    out += ",\"score\":";
    Fixed(out, 0.7 - 0.2 * static_cast<double>(i), 2);
    out += '}';
  }
  out += "],";
  AppendReferences(w, rng, out);
  out += ",\"abstract_inverted_index\":";
  if (abstracts_) {
    AppendInvertedIndex(text_.abstract, out);
  } else {
    out += "null";
  }
  out.append(",\"updated_date\":\"2025-11-01T00:00:00\",\"created_date\":\"").append(date);
  out += "\",\"superteam_demo\":true}\n";
}

void WorkRenderer::AppendAuthorships(uint32_t w, int year, Rng& rng, std::string& out) {
  auto labs = Labs();
  const uint64_t begin = world_.work_author_begin[w], end = world_.work_author_begin[w + 1];
  const size_t n = end - begin;
  out += "\"authorships\":[";
  uint64_t seen_labs[2] = {0, 0};  // bitset of distinct labs (< 128)
  for (uint64_t k = begin; k < end; ++k) {
    const size_t i = k - begin;
    const uint32_t pi = world_.work_authors[k];
    const Person& p = world_.people[pi];
    const uint16_t lab = p.LabIn(year);
    // Some people keep their previous affiliation for a year after a move.
    uint16_t second = lab;
    for (size_t s = 1; s < p.spells.size(); ++s) {
      if (p.spells[s].from_year == year && rng.Chance(0.3)) second = p.spells[s - 1].lab;
    }
    if (i) out += ',';
    out.append("{\"author_position\":\"").append(PositionName(i, n)).append("\",\"author\":{\"id\":");
    OpenAlexUrl(out, 'A', kAuthorIdBase + pi);
    out += ",\"display_name\":";
    JsonString(out, p.name);
    out += ",\"orcid\":";
    if (p.orcid.empty()) {
      out += "null";
    } else {
      out.append("\"https://orcid.org/").append(p.orcid).append("\"");
    }
    out += "},\"institutions\":[";
    Institution(out, labs[lab]);
    if (second != lab) out += ',', Institution(out, labs[second]);
    out.append("],\"countries\":[\"").append(labs[lab].country).append("\"],\"is_corresponding\":");
    out += (n == 1 || i + 1 == n) ? "true" : "false";
    out += ",\"raw_author_name\":";
    JsonString(out, p.name);
    out += ",\"raw_affiliation_strings\":[";
    JsonString(out, std::string(labs[lab].name) + ", " + std::string(labs[lab].place));
    out += "]}";
    seen_labs[lab / 64] |= 1ull << (lab % 64);
    seen_labs[second / 64] |= 1ull << (second % 64);
  }
  out += "],\"institutions_distinct_count\":";
  Int(out, std::popcount(seen_labs[0]) + std::popcount(seen_labs[1]));
}

void WorkRenderer::AppendTopics(uint32_t w, Rng& rng, std::string& out) {
  auto topics = Topics();
  const uint8_t main_topic = world_.work_topic[w];
  const uint8_t other = static_cast<uint8_t>(rng.Below(static_cast<uint32_t>(topics.size())));
  auto topic_json = [&](const TopicInfo& t, double score) {
    out += "{\"id\":";
    OpenAlexUrl(out, t.id);
    out += ",\"display_name\":";
    JsonString(out, t.name);
    out += ",\"score\":";
    Fixed(out, score, 4);
    out.append(",\"subfield\":{\"id\":\"https://openalex.org/subfields/").append(t.subfield_id);
    out += "\",\"display_name\":";
    JsonString(out, t.subfield);
    out.append("},\"field\":{\"id\":\"https://openalex.org/fields/").append(t.field_id);
    out += "\",\"display_name\":";
    JsonString(out, t.field);
    out += "},\"domain\":{\"id\":\"https://openalex.org/domains/3\",\"display_name\":\"Physical Sciences\"}}";
  };
  const double main_score = 0.9 + 0.099 * rng.Uniform();
  out += "\"primary_topic\":";
  topic_json(topics[main_topic], main_score);
  out += ",\"topics\":[";
  topic_json(topics[main_topic], main_score);
  if (other != main_topic) out += ',', topic_json(topics[other], 0.3 + 0.5 * rng.Uniform());
  out += "],\"concepts\":[";
  const auto& concepts = topics[main_topic].concepts;
  for (size_t i = 0; i < concepts.size(); ++i) {
    if (i) out += ',';
    out += "{\"id\":";
    OpenAlexUrl(out, concepts[i].id);
    out += ",\"display_name\":";
    JsonString(out, concepts[i].name);
    out += ",\"level\":";
    Int(out, concepts[i].level);
    out += ",\"score\":";
    Fixed(out, 0.85 - 0.15 * static_cast<double>(i) + 0.05 * rng.Uniform(), 4);
    out += '}';
  }
  out += ']';
}

// References: mostly earlier works of the same topic, drawn in proportion to
// their quality (so cited works are cited again), some from other topics, and
// some outside the corpus (dangling W8… ids, as real snapshots have).
void WorkRenderer::AppendReferences(uint32_t w, Rng& rng, std::string& out) {
  refs_.clear();
  const int year = world_.work_year[w];
  const uint32_t before = world_.year_begin[year - kFirstYear];
  const int wanted = rng.Between(8, 36);
  auto topics = Topics();
  for (int k = 0; k < wanted; ++k) {
    double u = rng.Uniform();
    uint64_t ref;
    if (u < 0.15 || before == 0) {
      ref = kExternalWorkIdBase + rng.Below(900000000u);
    } else {
      uint8_t t = u < 0.85 ? world_.work_topic[w] : static_cast<uint8_t>(rng.Below(static_cast<uint32_t>(topics.size())));
      const auto& tw = world_.topic_works[t];
      const auto& cum = world_.topic_cum_quality[t];
      size_t m = std::lower_bound(tw.begin(), tw.end(), before) - tw.begin();
      if (m == 0) continue;
      double x = rng.Uniform() * cum[m - 1];
      size_t j = std::min<size_t>(std::upper_bound(cum.begin(), cum.begin() + m, x) - cum.begin(), m - 1);
      ref = kWorkIdBase + tw[j];
    }
    if (std::find(refs_.begin(), refs_.end(), ref) == refs_.end()) refs_.push_back(ref);
  }
  out += "\"referenced_works_count\":";
  Int(out, static_cast<int64_t>(refs_.size()));
  out += ",\"referenced_works\":[";
  for (size_t i = 0; i < refs_.size(); ++i) {
    if (i) out += ',';
    OpenAlexUrl(out, 'W', refs_[i]);
  }
  out += ']';
}

// Spreads cited_by_count over the years since publication (rising, as
// citations do); the yearly counts sum to cited_by_count because every demo
// work is from kFirstYear or later. Newest year first, zero years omitted.
void WorkRenderer::AppendCountsByYear(uint32_t w, std::string& out) {
  const int year = world_.work_year[w];
  const int64_t total = world_.work_cited_by[w];
  const int n = kLastYear - year + 1;
  double weights[kLastYear - kFirstYear + 1], sum = 0;
  for (int i = 0; i < n; ++i) sum += weights[i] = std::pow(i + 0.5, 0.7);
  int64_t counts[kLastYear - kFirstYear + 1];
  int64_t assigned = 0;
  double acc = 0;
  for (int i = 0; i < n; ++i) {
    acc += weights[i];
    int64_t upto = i + 1 == n ? total : static_cast<int64_t>(std::floor(acc / sum * static_cast<double>(total)));
    counts[i] = upto - assigned;
    assigned = upto;
  }
  out += "\"counts_by_year\":[";
  bool first = true;
  for (int i = n - 1; i >= 0; --i) {
    if (counts[i] <= 0) continue;
    if (!first) out += ',';
    first = false;
    out += "{\"year\":";
    Int(out, year + i);
    out += ",\"cited_by_count\":";
    Int(out, counts[i]);
    out += '}';
  }
  out += ']';
}

void WorkRenderer::AppendInvertedIndex(std::string_view abstract, std::string& out) {
  words_.clear();
  word_slot_.clear();
  uint32_t pos = 0;
  size_t start = 0;
  while (start < abstract.size()) {
    size_t end = abstract.find(' ', start);
    if (end == std::string_view::npos) end = abstract.size();
    if (end > start) {
      std::string_view word = abstract.substr(start, end - start);
      auto [it, inserted] = word_slot_.try_emplace(word, static_cast<uint32_t>(words_.size()));
      if (inserted) {
        words_.push_back(word);
        if (positions_.size() < words_.size()) positions_.emplace_back();
        positions_[it->second].clear();
      }
      positions_[it->second].push_back(pos++);
    }
    start = end + 1;
  }
  out += '{';
  for (size_t i = 0; i < words_.size(); ++i) {
    if (i) out += ',';
    JsonString(out, words_[i]);
    out += ":[";
    for (size_t j = 0; j < positions_[i].size(); ++j) {
      if (j) out += ',';
      Int(out, positions_[i][j]);
    }
    out += ']';
  }
  out += '}';
}

}  // namespace st::demo
