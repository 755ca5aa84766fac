#include "scoring/json.h"

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

nlohmann::json ToJson(const format::AuthorMetrics& m) {
  return {{"works", m.works},
          {"citations", m.citations},
          {"h_index", m.h_index},
          {"i10_index", m.i10},
          {"recent_citations", m.recent_citations},
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
          {"strength", m.strength}};
}

nlohmann::json ToJson(const Contribution& c) {
  return {{"work_id", Utf8(c.source_id)}, {"title", Utf8(c.title)},     {"year", c.year},
          {"venue", Utf8(c.venue)},       {"citations", c.citations},   {"status", c.status},
          {"position", c.position},       {"text_score", c.text},       {"weight", c.weight},
          {"contribution", c.contribution}};
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
