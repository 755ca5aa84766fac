#include "watch/risk_facts.h"

#include <algorithm>

namespace st::watch {

using graph::AuthorId;
using graph::kNone;

MoveIndex::MoveIndex(const graph::GraphView& g, const WatchSettings& settings, int now_year)
    : now_year_(now_year), moved_(g.num_authors(), 0), from_(g.num_authors(), kNone) {
  // Organisation name per institution, compared once (InstOrg is a string view).
  std::vector<int8_t> rival(g.num_institutions(), -1);
  auto is_rival = [&](graph::InstId i) {
    if (rival[i] < 0) rival[i] = settings.IsRival(g.InstOrg(i)) ? 1 : 0;
    return rival[i] == 1;
  };
  for (AuthorId a = 0; a < g.num_authors(); ++a) {
    const graph::InstId cur = g.AuthorCurrentInstitution(a);
    if (cur == kNone || !is_rival(cur)) continue;
    auto spells = g.AuthorAffiliations(a);
    if (spells.size() < 2) continue;
    const std::string_view org = g.InstOrg(cur);
    int start = 0;
    for (const auto& s : spells)
      if (s.inst == cur) start = s.first_year;
    if (start < now_year - 1 || start > now_year) continue;
    // Where from: the other organisation's spell that ended last before the move.
    graph::InstId from = kNone;
    int from_last = 0;
    for (const auto& s : spells) {
      if (s.inst == cur || s.first_year == 0 || s.first_year >= start || g.InstOrg(s.inst) == org) continue;
      if (s.last_year >= from_last) from = s.inst, from_last = s.last_year;
    }
    if (from == kNone) continue;
    moved_[a] = 1;
    from_[a] = from;
    ++movers_from_[from];
    ++total_;
  }
}

int LatestYear(const graph::GraphView& g) {
  int y = 0;
  for (graph::WorkId w = 0; w < g.num_works(); ++w) y = std::max<int>(y, g.Work(w).year);
  return y;
}

GraphRiskFacts ComputeGraphRiskFacts(const graph::GraphView& g, const MoveIndex& moves, AuthorId a) {
  GraphRiskFacts f;
  if (a == kNone || a >= g.num_authors()) return f;
  f.linked = true;
  f.position_title = g.AuthorPositionTitle(a);
  const int y = moves.now_year();
  for (const graph::CoauthorEdge e : g.Coauthors(a)) {
    if (!moves.MovedToRival(e.author)) continue;
    ++f.coauthors_to_rival;
    if (f.coauthor_examples.size() < 3) {
      graph::InstId to = g.AuthorCurrentInstitution(e.author);
      f.coauthor_examples.push_back(std::string(g.AuthorName(e.author)) + " → " + std::string(g.InstOrg(to)));
    }
  }
  const graph::InstId inst = g.AuthorCurrentInstitution(a);
  if (inst != kNone) {
    f.group_institution = g.InstName(inst);
    f.group_to_rival = moves.MoversFrom(inst) - (moves.MovedToRival(a) && moves.MovedFrom(a) == inst ? 1 : 0);
  }
  bool any_cites = false;
  std::int64_t recent = 0, before = 0;
  for (graph::WorkId w : g.AuthorWorks(a)) {
    const int wy = g.Work(w).year;
    if (wy >= y - 1 && wy <= y) ++f.works_recent;
    else if (wy >= y - 3 && wy <= y - 2) ++f.works_before;
    for (const graph::YearCitations& c : g.WorkCitationsByYear(w)) {
      any_cites = true;
      if (c.year >= y - 1 && c.year <= y) recent += c.count;
      else if (c.year >= y - 3 && c.year <= y - 2) before += c.count;
    }
  }
  if (any_cites) f.cites_recent = recent, f.cites_before = before;
  return f;
}

}  // namespace st::watch
