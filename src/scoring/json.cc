#include "scoring/json.h"

#include <cstdio>

namespace st::scoring {
namespace {

template <typename T>
nlohmann::json Array(const std::vector<T>& items) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& i : items) a.push_back(ToJson(i));
  return a;
}

// Strings from data files may hold invalid UTF-8; nlohmann would throw on
// dump, so they are cleaned here, at the one place we build JSON.
std::string Utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool ok = len > 0 && i + len <= s.size();
    for (size_t j = 1; ok && j < len; ++j) ok = (static_cast<unsigned char>(s[i + j]) & 0xC0) == 0x80;
    if (ok) {
      out.append(s.substr(i, len));
      i += len;
    } else {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
    }
  }
  return out;
}

}  // namespace

std::string CitationCoverage(const format::AuthorMetrics& m) {
  if (m.counted_works == 0) return "no paper has a citation count";
  return "h " + std::to_string(m.h_index) + " from " + std::to_string(m.counted_works) + " of " +
         std::to_string(m.works) + " papers with counts";
}

std::string IsoDate(int32_t d) {
  if (d <= 0) return {};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d / 10000, d / 100 % 100, d % 100);
  return buf;
}

nlohmann::json ToJson(const format::AuthorMetrics& m) {
  // Citation metrics exist only over known counts: with none they are null, not 0.
  const bool known = m.counted_works > 0;
  auto known_or_null = [&](auto v) { return known ? nlohmann::json(v) : nlohmann::json(nullptr); };
  return {{"works", m.works},
          {"counted_works", m.counted_works},
          {"citation_coverage", CitationCoverage(m)},
          {"citations", known_or_null(m.citations)},
          {"h_index", known_or_null(m.h_index)},
          {"i10_index", known_or_null(m.i10)},
          {"recent_citations", known_or_null(m.recent_citations)},
          {"first_author", m.first_author},
          {"last_author", m.last_author},
          {"top_venue_papers", m.top_venue_papers},
          {"orals", m.orals},
          {"spotlights", m.spotlights},
          {"awards", m.awards},
          {"mean_rating", m.mean_rating < 0 ? nlohmann::json(nullptr) : nlohmann::json(m.mean_rating)},
          {"first_year", m.first_year},
          {"last_year", m.last_year},
          {"rising", m.rising},
          {"pagerank", m.pagerank},
          {"impact", m.impact},
          {"estimated_works", m.estimated_works},
          {"strength", m.strength}};
}

nlohmann::json ToJson(const Contribution& c) {
  nlohmann::json j = {{"work_id", Utf8(c.source_id)}, {"title", Utf8(c.title)},     {"year", c.year},
                      {"venue", Utf8(c.venue)},       {"status", c.status},
                      {"position", c.position},       {"text_score", c.text},       {"weight", c.weight},
                      {"contribution", c.contribution}};
  j["impact"] = {{"percentile", c.impact_percentile < 0 ? nlohmann::json(nullptr) : nlohmann::json(c.impact_percentile)},
                 {"value", c.impact_value},
                 {"kind", c.impact_kind},
                 {"basis", Utf8(c.impact_basis)}};
  if (c.citations < 0) {
    j["citations"] = nullptr;
    j["citations_unknown"] = "no citation source in this graph gave a count for this paper";
  } else {
    j["citations"] = c.citations;
    j["citations_source"] = c.citations_source;
    j["citations_as_of"] = c.citations_as_of > 0 ? nlohmann::json(IsoDate(c.citations_as_of)) : nlohmann::json(nullptr);
  }
  return j;
}

nlohmann::json ToJson(const RankedAuthor& r) {
  return {{"rank", r.rank},
          {"author_id", r.author},
          {"name", Utf8(r.name)},
          {"openalex_id", r.openalex_id},
          {"orcid", r.orcid},
          {"institution", Utf8(r.institution)},
          {"org", Utf8(r.org)},
          {"score", r.score},
          {"matched_works", r.matched_works},
          {"metrics", ToJson(r.metrics)},
          {"top_papers", Array(r.top_papers)}};
}

nlohmann::json ToJson(const RankResponse& r) {
  nlohmann::json orgs = nlohmann::json::array();
  for (const auto& o : r.orgs) orgs.push_back(Utf8(o));
  return {{"results", Array(r.authors)}, {"terms", r.terms},       {"missing_terms", r.missing_terms},
          {"orgs", orgs},              {"org_rule", r.org_rule}, {"now_year", r.now_year},
          {"candidates", r.candidates}};
}

nlohmann::json ToJson(const AuthorProfile& p) {
  nlohmann::json history = nlohmann::json::array();
  for (const auto& h : p.history)
    history.push_back({{"institution", Utf8(h.institution)}, {"org", Utf8(h.org)}, {"country", h.country},
                       {"first_year", h.first_year}, {"last_year", h.last_year}, {"works", h.works}});
  nlohmann::json topics = nlohmann::json::array();
  for (const auto& t : p.top_topics)
    topics.push_back({{"name", Utf8(t.name)}, {"field", Utf8(t.field)}, {"weight", t.weight}});
  nlohmann::json venues = nlohmann::json::array();
  for (const auto& v : p.top_venue_by_year) venues.push_back({{"year", v.year}, {"papers", v.count}});
  nlohmann::json coauthors = nlohmann::json::array();
  for (const auto& c : p.coauthors)
    coauthors.push_back({{"author_id", c.author}, {"name", Utf8(c.name)}, {"org", Utf8(c.org)},
                         {"weight", c.weight}, {"shared_works", c.shared_works}});
  return {{"author_id", p.author},
          {"name", Utf8(p.name)},
          {"openalex_id", p.openalex_id},
          {"orcid", p.orcid},
          {"openreview_id", Utf8(p.openreview_id)},
          {"position_title", Utf8(p.position_title)},
          {"identity", {{"confidence", p.identity_confidence}, {"reason", Utf8(p.identity_reason)}}},
          {"institution", Utf8(p.institution)},
          {"org", Utf8(p.org)},
          {"metrics", ToJson(p.metrics)},
          {"pagerank_rank", p.pagerank_rank},
          {"now_year", p.now_year},
          {"affiliations", history},
          {"top_topics", topics},
          {"top_venue_by_year", venues},
          {"top_papers", Array(p.top_papers)},
          {"coauthors", coauthors}};
}

nlohmann::json ToJson(const WarmPath& p) {
  nlohmann::json hops = nlohmann::json::array();
  for (const auto& h : p.hops) {
    nlohmann::json shared = nlohmann::json::array();
    for (const auto& s : h.shared) shared.push_back({{"title", Utf8(s.title)}, {"year", s.year}});
    hops.push_back({{"from_id", h.from}, {"from", Utf8(h.from_name)}, {"to_id", h.to}, {"to", Utf8(h.to_name)},
                    {"shared_works", h.shared_works}, {"shared", shared}});
  }
  return {{"length", p.hops.size()}, {"hops", hops}};
}

nlohmann::json ToJson(const OrgsResponse& r) {
  nlohmann::json orgs = nlohmann::json::array();
  for (const auto& o : r.orgs) {
    nlohmann::json names = nlohmann::json::array();
    for (const auto& n : o.top_names) names.push_back(Utf8(n));
    orgs.push_back({{"org", Utf8(o.org)}, {"strong", o.strong}, {"researchers", o.researchers},
                    {"density", o.density}, {"score_sum", o.score_sum}, {"top", names}});
  }
  return {{"orgs", orgs}, {"pool", r.pool}, {"now_year", r.now_year}};
}

nlohmann::json ToJson(const AuthorMatch& m) {
  return {{"author_id", m.author}, {"name", Utf8(m.name)}, {"org", Utf8(m.org)},
          {"reason", m.reason},    {"strength", m.strength}};
}

}  // namespace st::scoring
