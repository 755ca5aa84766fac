// Ranker queries about one person: profile, identity lookup, warm paths.
#include <algorithm>
#include <map>
#include <unordered_map>

#include "scoring/quality.h"
#include "scoring/ranker_impl.h"
#include "scoring/warm_paths.h"

namespace st::scoring {
namespace {

std::vector<graph::WorkId> SortedWorks(const graph::GraphView& view, graph::AuthorId a) {
  auto span = view.AuthorWorks(a);
  std::vector<graph::WorkId> v(span.begin(), span.end());
  std::sort(v.begin(), v.end());
  return v;
}

std::vector<graph::WorkId> SharedWorks(const graph::GraphView& view, graph::AuthorId a, graph::AuthorId b) {
  auto x = SortedWorks(view, a), y = SortedWorks(view, b);
  std::vector<graph::WorkId> out;
  std::set_intersection(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(out));
  return out;
}

}  // namespace

Result<AuthorProfile> Ranker::Profile(graph::AuthorId a) const {
  const graph::GraphView& view = *view_;
  if (a >= view.num_authors()) return Status::NotFound("no author with id " + std::to_string(a));
  AuthorProfile p;
  p.author = a;
  p.name = view.AuthorName(a);
  p.openalex_id = view.AuthorOpenAlexId(a);
  p.orcid = view.AuthorOrcid(a);
  p.openreview_id = view.AuthorOpenReviewId(a);
  p.position_title = view.AuthorPositionTitle(a);
  const auto identity = view.AuthorIdentity(a);
  p.identity_confidence = identity.confidence;
  p.identity_reason = identity.reason;
  p.metrics = metrics_[a];
  p.now_year = impl_->now_year;
  const graph::InstId inst = view.AuthorCurrentInstitution(a);
  if (inst != graph::kNone && inst < view.num_institutions()) p.institution = view.InstName(inst);
  p.org = OrgName(p.metrics.current_org);
  uint32_t above = 0;
  for (const auto& m : metrics_) above += m.pagerank > p.metrics.pagerank;
  p.pagerank_rank = above + 1;

  // One entry per organisation: paper lists spell one place many ways ("UC
  // Berkeley", "EECS Department, UC Berkeley", ...), all under one org.
  for (const auto& spell : view.AuthorAffiliations(a)) {
    if (spell.inst >= view.num_institutions()) continue;
    const std::string org(OrgName(impl_->inst_org[spell.inst]));
    const std::string name(view.InstName(spell.inst));
    auto same = std::find_if(p.history.begin(), p.history.end(),
                             [&](const AffiliationEntry& e) { return !org.empty() && e.org == org; });
    if (same == p.history.end()) {
      p.history.push_back({name, org, std::string(view.InstCountry(spell.inst)), spell.first_year, spell.last_year,
                           spell.works});
      continue;
    }
    if (same->institution != name) same->institution = org;
    same->first_year = std::min<int>(same->first_year, spell.first_year);
    same->last_year = std::max<int>(same->last_year, spell.last_year);
    same->works += spell.works;
  }
  std::stable_sort(p.history.begin(), p.history.end(), [](const AffiliationEntry& x, const AffiliationEntry& y) {
    return x.first_year != y.first_year ? x.first_year < y.first_year : x.works > y.works;
  });

  std::unordered_map<graph::TopicId, double> topic_weight;
  std::map<int, uint32_t> venue_years;
  std::vector<graph::WorkId> works;
  double topic_total = 0;
  const auto top_venue = [&](const graph::WorkInfo& info) {
    return info.venue != graph::kNone && info.venue < view.num_venues() && IsTopVenue(view.VenueName(info.venue));
  };
  for (graph::WorkId w : view.AuthorWorks(a)) {
    const auto& info = view.Work(w);
    works.push_back(w);
    if (!IsAccepted(info)) continue;
    for (const auto& t : view.WorkTopics(w)) {
      topic_weight[t.topic] += t.weight;
      topic_total += t.weight;
    }
    if (top_venue(info)) ++venue_years[info.year];
  }
  std::vector<std::pair<graph::TopicId, double>> topics(topic_weight.begin(), topic_weight.end());
  std::sort(topics.begin(), topics.end(), [](const auto& x, const auto& y) {
    return x.second != y.second ? x.second > y.second : x.first < y.first;
  });
  for (size_t i = 0; i < topics.size() && i < 10; ++i) {
    p.top_topics.push_back({std::string(view.TopicName(topics[i].first)), std::string(view.TopicField(topics[i].first)),
                            static_cast<float>(topic_total > 0 ? topics[i].second / topic_total : 0)});
  }
  for (const auto& [year, count] : venue_years) p.top_venue_by_year.push_back({year, count});

  // Top papers by impact (cohort percentile, or its estimate), then by count.
  std::sort(works.begin(), works.end(), [&](graph::WorkId x, graph::WorkId y) {
    const float vx = impl_->work_impact[x].value, vy = impl_->work_impact[y].value;
    if (vx != vy) return vx > vy;
    const int32_t cx = view.Work(x).cited_by_count, cy = view.Work(y).cited_by_count;
    return cx != cy ? cx > cy : x < y;
  });
  for (size_t i = 0; i < works.size() && i < 10; ++i) {
    Contribution c = DescribeWork(view, works[i], a);
    c.weight = impl_->work_weight[works[i]];
    DescribeWorkImpact(*impl_, view, &c);
    p.top_papers.push_back(std::move(c));
  }

  auto coauthors = view.Coauthors(a);
  std::vector<graph::CoauthorEdge> edges(coauthors.begin(), coauthors.end());
  std::sort(edges.begin(), edges.end(), [](const auto& x, const auto& y) {
    return x.weight != y.weight ? x.weight > y.weight : x.author < y.author;
  });
  for (size_t i = 0; i < edges.size() && i < 15; ++i) {
    const graph::AuthorId b = edges[i].author;
    if (b >= view.num_authors()) continue;
    p.coauthors.push_back({b, std::string(view.AuthorName(b)), std::string(OrgName(metrics_[b].current_org)),
                           edges[i].weight, static_cast<uint32_t>(SharedWorks(view, a, b).size())});
  }
  return p;
}

Result<std::vector<WarmPath>> Ranker::WarmPaths(graph::AuthorId target, std::span<const graph::AuthorId> from,
                                                int max_len, size_t k) const {
  const graph::GraphView& view = *view_;
  if (target >= view.num_authors()) return Status::NotFound("no author with id " + std::to_string(target));
  if (max_len < 1 || max_len > 6) return Status::InvalidInput("path length must be 1..6");
  std::vector<uint32_t> sources;
  for (graph::AuthorId s : from)
    if (s < view.num_authors()) sources.push_back(s);
  NeighborFn neighbors = [&view](uint32_t u) { return view.Coauthors(u); };
  std::vector<WarmPath> out;
  for (const auto& path : ShortestPaths(neighbors, sources, target, max_len, k)) {
    WarmPath wp;
    for (size_t i = 0; i + 1 < path.size(); ++i) {
      PathHop hop;
      hop.from = path[i];
      hop.to = path[i + 1];
      hop.from_name = view.AuthorName(hop.from);
      hop.to_name = view.AuthorName(hop.to);
      auto shared = SharedWorks(view, hop.from, hop.to);
      hop.shared_works = static_cast<uint32_t>(shared.size());
      std::sort(shared.begin(), shared.end(), [&](graph::WorkId x, graph::WorkId y) {
        return view.Work(x).year != view.Work(y).year ? view.Work(x).year > view.Work(y).year : x < y;
      });
      for (size_t j = 0; j < shared.size() && j < 3; ++j)
        hop.shared.push_back({shared[j], std::string(view.WorkTitle(shared[j])), view.Work(shared[j]).year});
      wp.hops.push_back(std::move(hop));
    }
    out.push_back(std::move(wp));
  }
  return out;
}

Result<std::vector<AuthorMatch>> Ranker::ResolveAuthor(std::string_view text) const {
  const graph::GraphView& view = *view_;
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  if (text.empty()) return Status::InvalidInput("empty author");
  std::vector<AuthorMatch> out;
  auto add = [&](graph::AuthorId a, std::string reason) {
    out.push_back({a, std::string(view.AuthorName(a)), std::string(OrgName(metrics_[a].current_org)),
                   std::move(reason), metrics_[a].strength});
  };
  // A purely numeric string could be a dense id; we do not expose those to users.
  const graph::AuthorId by_id = view.FindAuthorByExternalId(text);
  if (by_id != graph::kNone && by_id < view.num_authors()) {
    std::string reason = "external id";
    if (view.AuthorOrcid(by_id).size() && text.find(view.AuthorOrcid(by_id)) != std::string_view::npos)
      reason = "ORCID";
    else if (view.AuthorOpenAlexId(by_id).size() && text.find(view.AuthorOpenAlexId(by_id)) != std::string_view::npos)
      reason = "OpenAlex id";
    else if (view.AuthorOpenReviewId(by_id).size() && text.find(view.AuthorOpenReviewId(by_id)) != std::string_view::npos)
      reason = "OpenReview id";
    add(by_id, reason);
    return out;
  }
  for (graph::AuthorId a : view.FindAuthorsByName(text))
    if (a < view.num_authors()) add(a, "name");
  if (out.empty()) return Status::NotFound("no author matches '" + std::string(text) + "'");
  std::stable_sort(out.begin(), out.end(), [](const AuthorMatch& x, const AuthorMatch& y) {
    return x.strength > y.strength;
  });
  return out;
}

Result<OrgsResponse> Ranker::Orgs(const OrgsQuery& q) const {
  if (q.top == 0 || q.top > 1000) return Status::InvalidInput("--top must be between 1 and 1000");
  if (q.pool == 0 || q.pool > 10000) return Status::InvalidInput("pool must be between 1 and 10000");
  RankQuery rq;
  rq.text = q.topic;
  rq.since_year = q.since_year;
  rq.top = q.pool;
  ST_ASSIGN_OR_RETURN(RankResponse ranked, Rank(rq));
  OrgsResponse resp;
  resp.pool = ranked.authors.size();
  resp.now_year = impl_->now_year;
  std::unordered_map<uint32_t, OrgStrength> by_org;
  for (const auto& r : ranked.authors) {
    const uint32_t org = r.metrics.current_org;
    if (org == graph::kNone) continue;
    OrgStrength& s = by_org[org];
    if (s.org.empty()) {
      s.org = OrgName(org);
      s.researchers = static_cast<uint32_t>(impl_->OrgAuthors(org).size());
    }
    ++s.strong;
    s.score_sum += r.score;
    if (s.top_names.size() < 3) s.top_names.push_back(r.name);  // ranked order: strongest first
  }
  for (auto& [org, s] : by_org) {
    s.density = s.researchers ? static_cast<float>(s.strong) / s.researchers : 0.0f;
    resp.orgs.push_back(std::move(s));
  }
  std::sort(resp.orgs.begin(), resp.orgs.end(), [](const OrgStrength& x, const OrgStrength& y) {
    if (x.strong != y.strong) return x.strong > y.strong;
    if (x.score_sum != y.score_sum) return x.score_sum > y.score_sum;
    return x.org < y.org;
  });
  if (resp.orgs.size() > q.top) resp.orgs.resize(q.top);
  return resp;
}

}  // namespace st::scoring
