// Demo watchlist for `superteam seed` (issue 11). The demo has ONE graph
// version, so there is nothing to diff: the run is recorded under
// "<version>#demo-seed" (a later real version is still diffed) with findings
// read off that version through the same fan-out as a real run
// (watch::RecordAlertRun): each watched person's newest paper, a move between
// two organisations in their affiliation history, and for own staff a
// co-author at a rival lab. A few people only (3 candidates, 2 staff), so /watch, the dashboard panel
// and the digest show content without flooding them. The ceo also follows a
// saved search.
#include "cli/seed_watch.h"

#include <set>

#include "watch/alert_run.h"
#include "watch/graph_diff.h"

namespace st::cli {
namespace {

using graph::AuthorId;
using watch::Alert;
using watch::AlertKind;

constexpr size_t kCandidatesWithAlerts = 3, kStaffWithAlerts = 2;

Alert Base(AlertKind kind, size_t t, const watch::WatchTarget& target, const graph::GraphView& g, AuthorId a) {
  Alert al;
  al.kind = kind;
  al.target = t;
  al.author_key = target.author_key;
  al.author_name = std::string(g.AuthorName(a));
  al.author_id = a;
  return al;
}

void Paper(const graph::GraphView& g, graph::WorkId w, Alert& al) {
  al.work_source_id = g.WorkSourceId(w);
  al.work_title = g.WorkTitle(w);
  al.year = g.Work(w).year;
}

std::vector<Alert> Findings(const graph::GraphView& g, std::span<const watch::WatchTarget> targets,
                            const watch::WatchSettings& settings) {
  std::vector<Alert> out;
  size_t candidates = 0, staff = 0;
  for (size_t t = 0; t < targets.size(); ++t) {
    const watch::WatchTarget& target = targets[t];
    if (target.staff ? staff >= kStaffWithAlerts : candidates >= kCandidatesWithAlerts) continue;
    const AuthorId a = watch::ResolveAuthorKey(g, target.author_key, target.name);
    if (a == graph::kNone) continue;
    auto works = g.AuthorWorks(a);
    if (works.empty()) continue;
    ++(target.staff ? staff : candidates);
    const std::string name(g.AuthorName(a));
    Alert paper = Base(AlertKind::kNewPaper, t, target, g, a);
    Paper(g, works.back(), paper);
    paper.title = name + ": new paper \"" + paper.work_title + "\"" +
                  (paper.year ? " (" + std::to_string(paper.year) + ")" : "");
    out.push_back(std::move(paper));
    // The latest move in their history between two organisations.
    auto spells = g.AuthorAffiliations(a);
    for (size_t i = spells.size(); i-- > 1;) {
      const std::string_view from = g.InstOrg(spells[i - 1].inst), to = g.InstOrg(spells[i].inst);
      if (from.empty() || to.empty() || from == to) continue;
      Alert al = Base(AlertKind::kAffiliation, t, target, g, a);
      al.from_org = from;
      al.to_org = to;
      al.title = name + (settings.IsRival(from) ? " just left " : " moved from ") + al.from_org + " to " + al.to_org;
      Paper(g, works.back(), al);
      out.push_back(std::move(al));
      break;
    }
    if (!target.staff) continue;
    // Own staff: one co-author at a rival lab, on their newest such paper.
    std::set<AuthorId> seen;
    for (auto w = works.rbegin(); w != works.rend() && seen.empty(); ++w)
      for (const graph::AuthorSlot& s : g.WorkAuthors(*w)) {
        if (s.author == a) continue;
        const std::string_view org = watch::CurrentOrg(g, s.author);
        if (!settings.IsRival(org) || org == watch::CurrentOrg(g, a)) continue;
        Alert al = Base(AlertKind::kStaffRivalCoauthor, t, target, g, a);
        al.other_key = watch::StableAuthorKey(g, s.author);
        al.other_name = g.AuthorName(s.author);
        al.other_id = s.author;
        al.to_org = org;
        Paper(g, *w, al);
        al.title = name + " (our staff) co-authors with " + std::string(org) + ": " + al.other_name;
        out.push_back(std::move(al));
        seen.insert(s.author);
        break;
      }
  }
  return out;
}

}  // namespace

Status SeedWatch(store::Store& store, const store::Actor& ceo, const store::Actor& hr,
                 std::shared_ptr<const graph::GraphView> graph) {
  if (!graph) return Status::Ok();
  const graph::GraphView& g = *graph;
  // The staff member with the seeded rival offer: confirm the link to their seeded author (the pipeline
  // person of kind staff with the same name carries it).
  ST_ASSIGN_OR_RETURN(auto rivals, store.ListRivalOffers(hr, 0));
  if (!rivals.empty()) {
    ST_ASSIGN_OR_RETURN(store::StaffMember who, store.GetStaff(hr, rivals.front().staff_id));
    store::PersonQuery q;
    q.kind = campaign::PersonKind::kStaff;
    q.limit = 1000;
    ST_ASSIGN_OR_RETURN(store::PersonPage page, store.ListPeople(hr, q));
    for (const auto& p : page.people) {
      if (p.name != who.name || !p.author_id || *p.author_id < 0 || *p.author_id >= g.num_authors()) continue;
      const auto a = static_cast<AuthorId>(*p.author_id);
      ST_RETURN_IF_ERROR(store.SetStaffLink(hr, who.id, {std::to_string(a), 1.0, "demo seed: the seeded author",
                                                         "confirmed", watch::StableAuthorKey(g, a)})
                             .status());
      break;
    }
  }
  // The ceo follows a saved search (its newcomers come with the next graph version).
  store::WatchFollow f;
  f.kind = "search";
  f.search_text = "language models";
  f.since_year = 2022;
  f.top = 20;
  f.label = "language models since 2022, top 20";
  if (auto added = store.AddFollow(ceo, f); !added.ok() && added.status().code() != StatusCode::kConflict)
    return added.status();
  const std::string version = watch::GraphVersionId(g);
  return watch::RecordAlertRun(store, version + "#demo-seed", version,
                               [&](std::span<const watch::WatchTarget> targets, const watch::WatchSettings& s) {
                                 return Findings(g, targets, s);
                               })
      .status();
}

}  // namespace st::cli
