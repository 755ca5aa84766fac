#include "web/graph_json.h"

namespace st::web {

using nlohmann::json;

json MetricsToJson(const scoring::format::AuthorMetrics& m) {
  return {{"citations", m.citations},
          {"recent_citations", m.recent_citations},
          {"works", m.works},
          {"h_index", m.h_index},
          {"i10", m.i10},
          {"first_author", m.first_author},
          {"last_author", m.last_author},
          {"top_venue_papers", m.top_venue_papers},
          {"orals", m.orals},
          {"spotlights", m.spotlights},
          {"awards", m.awards},
          {"first_year", m.first_year},
          {"last_year", m.last_year},
          {"mean_rating", m.mean_rating < 0 ? json(nullptr) : json(m.mean_rating)},
          {"rising", m.rising},
          {"pagerank", m.pagerank},
          {"strength", m.strength}};
}

json ContributionToJson(const scoring::Contribution& c) {
  return {{"work", c.work},
          {"id", c.source_id},
          {"title", c.title},
          {"year", c.year},
          {"venue", c.venue},
          {"citations", c.citations},
          {"status", c.status},
          {"position", c.position},
          {"text", c.text},
          {"weight", c.weight},
          {"contribution", c.contribution}};
}

json RankedAuthorToJson(const scoring::RankedAuthor& a) {
  json papers = json::array();
  for (const auto& c : a.top_papers) papers.push_back(ContributionToJson(c));
  return {{"author_id", a.author},
          {"rank", a.rank},
          {"name", a.name},
          {"openalex_id", a.openalex_id},
          {"orcid", a.orcid},
          {"institution", a.institution},
          {"org", a.org},
          {"score", a.score},
          {"matched_works", a.matched_works},
          {"metrics", MetricsToJson(a.metrics)},
          {"explanation", {{"top_papers", papers}}}};
}

json ProfileToJson(const scoring::AuthorProfile& p) {
  json history = json::array();
  for (const auto& h : p.history) {
    history.push_back({{"institution", h.institution}, {"org", h.org}, {"country", h.country},
                       {"first_year", h.first_year}, {"last_year", h.last_year}, {"works", h.works}});
  }
  json topics = json::array();
  for (const auto& t : p.top_topics) topics.push_back({{"name", t.name}, {"field", t.field}, {"weight", t.weight}});
  json venues = json::array();
  for (const auto& y : p.top_venue_by_year) venues.push_back({{"year", y.year}, {"count", y.count}});
  json papers = json::array();
  for (const auto& c : p.top_papers) papers.push_back(ContributionToJson(c));
  json coauthors = json::array();
  for (const auto& c : p.coauthors) {
    coauthors.push_back({{"author_id", c.author}, {"name", c.name}, {"org", c.org}, {"weight", c.weight},
                         {"shared_works", c.shared_works}});
  }
  return {{"author_id", p.author},
          {"name", p.name},
          {"openalex_id", p.openalex_id},
          {"orcid", p.orcid},
          {"openreview_id", p.openreview_id},
          {"position_title", p.position_title},
          {"identity", {{"confidence", p.identity_confidence}, {"reason", p.identity_reason}}},
          {"institution", p.institution},
          {"org", p.org},
          {"metrics", MetricsToJson(p.metrics)},
          {"now_year", p.now_year},
          {"pagerank_rank", p.pagerank_rank},
          {"history", history},
          {"top_topics", topics},
          {"top_venue_by_year", venues},
          {"top_papers", papers},
          {"coauthors", coauthors}};
}

json WarmPathToJson(const scoring::WarmPath& p) {
  json hops = json::array();
  json path = json::array();
  for (const auto& h : p.hops) {
    json shared = json::array();
    for (const auto& s : h.shared) shared.push_back({{"work", s.work}, {"title", s.title}, {"year", s.year}});
    hops.push_back({{"from", h.from}, {"to", h.to}, {"from_name", h.from_name}, {"to_name", h.to_name},
                    {"shared_works", h.shared_works}, {"shared", shared}});
    if (path.empty()) path.push_back({{"author_id", h.from}, {"name", h.from_name}});
    path.push_back({{"author_id", h.to}, {"name", h.to_name}});
  }
  return {{"hops", p.hops.size()}, {"path", path}, {"steps", hops}};
}

}  // namespace st::web
