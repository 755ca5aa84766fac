#include "web/candidate_graph.h"

#include <algorithm>
#include <unordered_set>

#include "scoring/ranker.h"
#include "web/graph_json.h"

namespace st::web {
namespace {

using nlohmann::json;

constexpr size_t kNeighbours = 24;  // drawable without a hairball

// Staff linked to graph authors: reloaded only after a write (hub sequence).
std::shared_ptr<const GraphCache::Staff> LoadStaff(const ApiContext& ctx, const store::Actor& actor) {
  uint64_t seq = ctx.hub->sequence();
  auto cached = ctx.graph_cache->staff();
  if (cached && cached->loaded && cached->sequence == seq) return cached;
  auto staff = std::make_shared<GraphCache::Staff>();
  staff->sequence = seq;
  store::PersonQuery q;
  q.kind = campaign::PersonKind::kStaff;
  q.limit = 1000;
  Result<store::PersonPage> page = ctx.store->ListPeople(actor, q);
  if (page.ok()) {
    staff->loaded = true;
    for (const auto& p : page->people) {
      if (!p.author_id || *p.author_id < 0 || *p.author_id >= ctx.graph->num_authors()) continue;
      auto a = static_cast<uint32_t>(*p.author_id);
      staff->author_ids.push_back(a);
      staff->person_of[a] = p.id;
      staff->name_of[a] = p.name;
    }
    std::sort(staff->author_ids.begin(), staff->author_ids.end());
    staff->author_ids.erase(std::unique(staff->author_ids.begin(), staff->author_ids.end()), staff->author_ids.end());
  }
  ctx.graph_cache->SetStaff(staff);
  return staff;
}

json Papers(const graph::GraphView& g, graph::AuthorId a) {
  std::vector<graph::WorkId> works(g.AuthorWorks(a).begin(), g.AuthorWorks(a).end());
  std::sort(works.begin(), works.end(), [&](graph::WorkId x, graph::WorkId y) {
    const auto &wx = g.Work(x), &wy = g.Work(y);
    if (wx.cited_by_count != wy.cited_by_count) return wx.cited_by_count > wy.cited_by_count;
    return wx.year > wy.year;
  });
  if (works.size() > 30) works.resize(30);
  json out = json::array();
  for (graph::WorkId w : works) {
    const graph::WorkInfo& info = g.Work(w);
    out.push_back({{"id", g.WorkSourceId(w)},
                   {"doi", g.WorkDoi(w)},
                   {"title", g.WorkTitle(w)},
                   {"year", info.year},
                   {"venue", info.venue == graph::kNone ? "" : std::string(g.VenueName(info.venue))},
                   // An unknown count is null, never 0 or -1 (issue 14).
                   {"citations", info.cited_by_count < 0 ? json(nullptr) : json(info.cited_by_count)},
                   {"authors", g.WorkAuthors(w).size()}});
  }
  return out;
}

// The author, the strongest co-authors, and the co-author edges among them.
json Neighbourhood(const graph::GraphView& g, graph::AuthorId center, const GraphCache::Staff& staff) {
  const graph::CoauthorRow row = g.Coauthors(center);
  std::vector<graph::CoauthorEdge> edges(row.begin(), row.end());
  std::sort(edges.begin(), edges.end(), [](const auto& x, const auto& y) { return x.weight > y.weight; });
  if (edges.size() > kNeighbours) edges.resize(kNeighbours);
  std::vector<graph::AuthorId> members = {center};
  for (const auto& e : edges) members.push_back(e.author);
  std::unordered_set<graph::AuthorId> in(members.begin(), members.end());
  auto org_of = [&](graph::AuthorId a) {
    graph::InstId i = g.AuthorCurrentInstitution(a);
    return i == graph::kNone ? std::string() : std::string(g.InstOrg(i));
  };
  json nodes = json::array();
  for (graph::AuthorId a : members) {
    json n = {{"id", a}, {"name", g.AuthorName(a)}, {"org", org_of(a)}, {"center", a == center},
              {"works", g.AuthorWorks(a).size()}};
    if (auto it = staff.person_of.find(a); it != staff.person_of.end()) n["staff_person_id"] = it->second;
    nodes.push_back(std::move(n));
  }
  json links = json::array();
  for (graph::AuthorId a : members) {
    for (const auto& e : g.Coauthors(a)) {
      if (e.author > a && in.count(e.author)) links.push_back({{"source", a}, {"target", e.author}, {"weight", e.weight}});
    }
  }
  return {{"nodes", nodes}, {"edges", links}};
}

}  // namespace

std::shared_ptr<const std::string> GraphSectionsText(const ApiContext& ctx, const store::Actor& actor,
                                                     const campaign::Person& person) {
  static const auto kUnlinked = std::make_shared<const std::string>(
      R"("profile":null,"papers":[],"neighbourhood":{"nodes":[],"edges":[]},"warm_paths":[])");
  if (!ctx.ranker || !person.author_id || *person.author_id < 0 ||
      *person.author_id >= static_cast<std::int64_t>(ctx.graph->num_authors())) {
    return kUnlinked;
  }
  auto author = static_cast<graph::AuthorId>(*person.author_id);
  auto staff = LoadStaff(ctx, actor);
  if (auto cached = ctx.graph_cache->Get(author)) return cached;
  json s;
  Result<scoring::AuthorProfile> profile = ctx.ranker->Profile(author);
  s["profile"] = profile.ok() ? ProfileToJson(*profile) : json(nullptr);
  s["papers"] = Papers(*ctx.graph, author);
  s["neighbourhood"] = Neighbourhood(*ctx.graph, author, *staff);
  json paths = json::array();
  std::vector<graph::AuthorId> from;
  for (uint32_t a : staff->author_ids) {
    if (a != author) from.push_back(a);
  }
  if (!from.empty()) {
    Result<std::vector<scoring::WarmPath>> warm = ctx.ranker->WarmPaths(author, from, 4, 5);
    if (warm.ok()) {
      for (const auto& p : *warm) {
        json j = WarmPathToJson(p);
        if (!p.hops.empty()) {
          graph::AuthorId start = p.hops.front().from;
          auto it = staff->person_of.find(start);
          j["staff_person_id"] = it == staff->person_of.end() ? json(nullptr) : json(it->second);
          auto nit = staff->name_of.find(start);
          j["staff_name"] = nit == staff->name_of.end() ? "" : nit->second;
        }
        paths.push_back(std::move(j));
      }
    }
  }
  s["warm_paths"] = std::move(paths);
  std::string text = s.dump(-1, ' ', false, json::error_handler_t::replace);
  // Strip the braces: the caller splices the members into the person object.
  auto fragment = std::make_shared<const std::string>(text.substr(1, text.size() - 2));
  ctx.graph_cache->Put(author, fragment);
  return fragment;
}

Result<campaign::PersonPatch> PatchFromAuthor(const ApiContext& ctx, std::int64_t author_id) {
  if (!ctx.ranker) return Status::NotFound("this server has no talent graph loaded (serve --graph DIR)");
  if (author_id < 0 || author_id >= static_cast<std::int64_t>(ctx.graph->num_authors())) {
    return Status::NotFound("no author " + std::to_string(author_id) + " in the talent graph");
  }
  ST_ASSIGN_OR_RETURN(scoring::AuthorProfile p, ctx.ranker->Profile(static_cast<graph::AuthorId>(author_id)));
  campaign::PersonPatch patch;
  patch.name = p.name;
  patch.kind = campaign::PersonKind::kCandidate;
  patch.author_id = std::optional<std::int64_t>(author_id);
  std::string source = !p.openalex_id.empty() ? p.openalex_id : !p.orcid.empty() ? p.orcid : p.openreview_id;
  patch.author_source_id = source;
  patch.org = p.org;
  patch.title = p.position_title.substr(0, 500);
  std::vector<std::string> topics;
  for (const auto& t : p.top_topics) {
    if (topics.size() < 5) topics.push_back(t.name.substr(0, 100));
  }
  patch.topics = topics;
  patch.metrics = std::optional<campaign::HeadlineMetrics>(HeadlineFromGraph(p.metrics));
  ST_RETURN_IF_ERROR(campaign::ValidatePatch(patch, true));
  return patch;
}

campaign::HeadlineMetrics HeadlineFromGraph(const scoring::format::AuthorMetrics& m) {
  campaign::HeadlineMetrics out;
  if (m.counted_works > 0) {
    out.citations = m.citations;
    out.h_index = m.h_index;
    out.recent_citations = m.recent_citations;
  }
  out.score = m.strength;
  return out;
}

}  // namespace st::web
