#include "watch/graph_diff.h"

#include <algorithm>
#include <set>
#include <unordered_set>

#include "base/names.h"
#include "scoring/ranker.h"

namespace st::watch {
namespace {

using graph::AuthorId;
using graph::GraphView;
using graph::kNone;
using graph::WorkId;

constexpr std::string_view kNamePrefix = "name:";
constexpr size_t kMaxAuthorsForEdges = 100;  // as the builder: bigger works add no co-author edges

bool WasCoauthor(const GraphView& g, AuthorId a, AuthorId other) {
  if (a == kNone || other == kNone) return false;
  graph::CoauthorRow row = g.Coauthors(a);
  auto ids = row.ids();
  return std::binary_search(ids.begin(), ids.end(), other);
}

// True when the paper is already in the previous version: the same record
// merged under any of its ids (source id, DOI).
bool KnownWork(const GraphView& prev, const GraphView& now, WorkId w) {
  if (prev.FindWorkBySourceId(now.WorkSourceId(w)) != kNone) return true;
  std::string_view doi = now.WorkDoi(w);
  return !doi.empty() && prev.FindWorkBySourceId(doi) != kNone;
}

}  // namespace

std::string_view AlertKindName(AlertKind k) {
  switch (k) {
    case AlertKind::kNewPaper: return "new_paper";
    case AlertKind::kAffiliation: return "affiliation";
    case AlertKind::kRivalCoauthor: return "rival_coauthor";
    case AlertKind::kStaffRivalCoauthor: return "staff_rival_coauthor";
    case AlertKind::kSearchNewcomer: return "search_newcomer";
  }
  return "unknown";
}

std::string StableAuthorKey(const GraphView& g, AuthorId a) {
  if (auto id = g.AuthorOpenReviewId(a); !id.empty()) return std::string(id);
  if (auto id = g.AuthorOpenAlexId(a); !id.empty()) return std::string(id);
  if (auto id = g.AuthorOrcid(a); !id.empty()) return std::string(id);
  return std::string(kNamePrefix) + NormalizePersonName(g.AuthorName(a));
}

AuthorId ResolveAuthorKey(const GraphView& g, std::string_view key, std::string_view name) {
  std::string by_name;
  if (key.substr(0, kNamePrefix.size()) == kNamePrefix) {
    by_name = std::string(key.substr(kNamePrefix.size()));
  } else {
    if (key.empty()) return kNone;
    AuthorId a = g.FindAuthorByExternalId(key);
    if (a != kNone || name.empty()) return a;
    by_name = NormalizePersonName(name);
  }
  if (by_name.empty()) return kNone;
  // Exactly one person whose display name normalises to it (FindAuthorsByName
  // also returns compatible spellings: "J. Smith" is not enough evidence here).
  AuthorId found = kNone;
  for (AuthorId a : g.FindAuthorsByName(by_name)) {
    if (NormalizePersonName(g.AuthorName(a)) != by_name) continue;
    if (found != kNone) return kNone;
    found = a;
  }
  return found;
}

std::string StableKeyOfLinkedId(const GraphView* g, std::string_view author_id) {
  if (!g || author_id.empty() || author_id.size() > 10) return {};
  std::uint64_t id = 0;
  for (char ch : author_id) {
    if (ch < '0' || ch > '9') return {};
    id = id * 10 + static_cast<std::uint64_t>(ch - '0');
  }
  if (id >= g->num_authors()) return {};
  return StableAuthorKey(*g, static_cast<AuthorId>(id));
}

std::string_view CurrentOrg(const GraphView& g, AuthorId a) {
  if (a == kNone) return {};
  graph::InstId i = g.AuthorCurrentInstitution(a);
  return i == kNone ? std::string_view() : g.InstOrg(i);
}

std::vector<Alert> DiffWatched(const GraphView& prev, const GraphView& now, std::span<const WatchTarget> targets,
                               const WatchSettings& settings, DiffStats* stats) {
  DiffStats st;
  st.targets = targets.size();
  std::vector<Alert> out;
  for (size_t t = 0; t < targets.size(); ++t) {
    const WatchTarget& target = targets[t];
    const AuthorId a = ResolveAuthorKey(now, target.author_key, target.name);
    if (a == kNone) continue;
    ++st.resolved_new;
    const AuthorId old = ResolveAuthorKey(prev, target.author_key, target.name);
    // Someone absent from the previous version is new to the graph: every paper
    // would be "new", which says nothing; they are reported from the next version on.
    if (old == kNone) continue;
    ++st.resolved_both;
    const std::string name(now.AuthorName(a));
    auto base = [&](AlertKind kind) {
      Alert al;
      al.kind = kind;
      al.target = t;
      al.author_key = target.author_key;
      al.author_name = name;
      al.author_id = a;
      return al;
    };

    // A new affiliation: the organisation of the latest year changed.
    const std::string_view org_old = CurrentOrg(prev, old), org_new = CurrentOrg(now, a);
    if (!org_old.empty() && !org_new.empty() && org_old != org_new) {
      Alert al = base(AlertKind::kAffiliation);
      al.from_org = org_old;
      al.to_org = org_new;
      al.title = name + (settings.IsRival(org_old) ? " just left " : " moved from ") + al.from_org + " to " + al.to_org;
      // The newest paper of the new version is the evidence (the graph keeps
      // affiliations per person and year, not per paper).
      auto works = now.AuthorWorks(a);
      if (!works.empty()) {
        al.work_source_id = now.WorkSourceId(works.back());
        al.work_title = now.WorkTitle(works.back());
        al.year = now.Work(works.back()).year;
      }
      out.push_back(std::move(al));
      ++st.affiliation_changes;
    }

    // New papers (newest first), and who the person newly writes with at rival labs.
    std::vector<WorkId> fresh;
    auto works = now.AuthorWorks(a);
    for (auto it = works.rbegin(); it != works.rend(); ++it)
      if (!KnownWork(prev, now, *it)) fresh.push_back(*it);
    const size_t shown = std::min<size_t>(fresh.size(), static_cast<size_t>(settings.max_new_papers_per_person));
    for (size_t i = 0; i < shown; ++i) {
      WorkId w = fresh[i];
      Alert al = base(AlertKind::kNewPaper);
      al.work_source_id = now.WorkSourceId(w);
      al.work_title = now.WorkTitle(w);
      al.year = now.Work(w).year;
      al.title = name + ": new paper \"" + al.work_title + "\"" + (al.year ? " (" + std::to_string(al.year) + ")" : "");
      if (i + 1 == shown && fresh.size() > shown)
        al.title += " and " + std::to_string(fresh.size() - shown) + " more";
      out.push_back(std::move(al));
    }
    st.new_papers += fresh.size();

    std::unordered_set<AuthorId> reported;
    for (WorkId w : fresh) {
      auto slots = now.WorkAuthors(w);
      if (slots.size() > kMaxAuthorsForEdges) continue;
      for (const graph::AuthorSlot& s : slots) {
        const AuthorId c = s.author;
        if (c == a || reported.count(c)) continue;
        const std::string_view org_c = CurrentOrg(now, c);
        if (!settings.IsRival(org_c) || org_c == org_new) continue;
        const std::string key_c = StableAuthorKey(now, c);
        if (WasCoauthor(prev, old, ResolveAuthorKey(prev, key_c, now.AuthorName(c)))) continue;
        reported.insert(c);
        Alert al = base(target.staff ? AlertKind::kStaffRivalCoauthor : AlertKind::kRivalCoauthor);
        al.other_key = key_c;
        al.other_name = now.AuthorName(c);
        al.other_id = c;
        al.to_org = org_c;
        al.work_source_id = now.WorkSourceId(w);
        al.work_title = now.WorkTitle(w);
        al.year = now.Work(w).year;
        al.title = name + (target.staff ? " (our staff) co-authors with " : " has a new co-author at ") +
                   std::string(org_c) + ": " + al.other_name;
        out.push_back(std::move(al));
        ++st.rival_coauthors;
      }
    }
  }
  if (stats) *stats = st;
  return out;
}

Status ValidateSavedSearch(const SavedSearch& s) {
  if (s.text.size() > 500) return Status::InvalidInput("field 'text': longer than 500 bytes");
  if (s.org.size() > 200) return Status::InvalidInput("field 'org': longer than 200 bytes");
  if (s.text.empty() && s.org.empty()) return Status::InvalidInput("field 'text': a saved search needs a topic or an org");
  if (s.since_year != 0 && (s.since_year < 1900 || s.since_year > 2200))
    return Status::InvalidInput("field 'since': a year between 1900 and 2200, or 0");
  if (s.top < 1 || s.top > 1000) return Status::InvalidInput("field 'top': between 1 and 1000");
  for (unsigned char c : s.text + s.org)
    if (c < 0x20 || c == 0x7f) return Status::InvalidInput("field 'text': control character");
  return Status::Ok();
}

Result<std::vector<Alert>> SearchNewcomers(const scoring::Ranker& prev, const scoring::Ranker& now,
                                           const SavedSearch& search, size_t search_index) {
  ST_RETURN_IF_ERROR(ValidateSavedSearch(search));
  scoring::RankQuery q;
  q.text = search.text;
  q.org = search.org;
  q.since_year = search.since_year;
  q.top = static_cast<size_t>(search.top);
  ST_ASSIGN_OR_RETURN(scoring::RankResponse after, now.Rank(q));
  std::set<std::string> before_keys;
  Result<scoring::RankResponse> before = prev.Rank(q);
  if (before.ok()) {
    for (const auto& r : before->authors) before_keys.insert(StableAuthorKey(prev.view(), r.author));
  } else if (before.status().code() != StatusCode::kInvalidInput) {
    return before.status();  // an org the old version did not know: everyone is new
  }
  std::string label = search.text.empty() ? search.org : search.text;
  if (!search.text.empty() && !search.org.empty()) label += " at " + search.org;
  if (search.since_year) label += " since " + std::to_string(search.since_year);
  std::vector<Alert> out;
  for (const auto& r : after.authors) {
    const std::string key = StableAuthorKey(now.view(), r.author);
    if (before_keys.count(key)) continue;
    Alert al;
    al.kind = AlertKind::kSearchNewcomer;
    al.target = search_index;
    al.author_key = key;
    al.author_name = r.name;
    al.author_id = r.author;
    al.rank = static_cast<int>(r.rank);
    al.to_org = r.org;
    if (!r.top_papers.empty()) {
      al.work_source_id = r.top_papers.front().source_id;
      al.work_title = r.top_papers.front().title;
      al.year = r.top_papers.front().year;
    }
    al.title = r.name + " is new in the top " + std::to_string(search.top) + " of \"" + label + "\" (#" +
               std::to_string(r.rank) + ")";
    out.push_back(std::move(al));
  }
  return out;
}

}  // namespace st::watch
