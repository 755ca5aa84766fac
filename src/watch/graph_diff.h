// What changed for watched people between two versions of the talent graph:
// new papers, a new affiliation (organisation), new co-authors at rival labs
// (for own staff: "co-authoring with a rival lab"), and newcomers in the top N
// of a saved search. Computed once per graph version (at ingest or by
// `superteam alerts`), never per page view.
//
// Author ids are dense per version, so a watched person is named by a stable
// key (StableAuthorKey: the OpenReview id, else OpenAlex id, else ORCID, else
// "name:<normalised name>") and looked up in each version; cost per watched
// person is O(works + co-authors of the new works), with index look-ups of
// O(log n): 10,000 people never scan the whole graph (bench/watch_bench.cc).
//
// Reads mapped graphs only (no store, no I/O of its own). Thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "graph/view.h"
#include "watch/settings.h"

namespace st::scoring {
class Ranker;
}

namespace st::watch {

// The stable key of an author in one version ("~Jane_Doe1", "A5023888391",
// "0000-0002-…", "name:jane doe").
std::string StableAuthorKey(const graph::GraphView& g, graph::AuthorId a);
// The author a key names in a version, or kNone (absent, or a name shared by
// several people). An external id not present falls back to `name` (exactly
// one author with that normalised name) so a person whose id arrived only in
// the newer version is still followed.
graph::AuthorId ResolveAuthorKey(const graph::GraphView& g, std::string_view key, std::string_view name = {});
// The stable key of a staff link's author id (the graph's dense id as text, as
// the Retention page and the link matcher store it) in `g`; "" when `g` is null
// or the text is not an id of `g`.
std::string StableKeyOfLinkedId(const graph::GraphView* g, std::string_view author_id);

enum class AlertKind { kNewPaper, kAffiliation, kRivalCoauthor, kStaffRivalCoauthor, kSearchNewcomer };
std::string_view AlertKindName(AlertKind k);  // "new_paper", "affiliation", ...

struct WatchTarget {
  std::string author_key;
  std::string name;     // for the fallback above; may be empty
  bool staff = false;   // own staff: rival co-authors become kStaffRivalCoauthor
};

// One finding, with its evidence. `target` indexes the WatchTarget span (or the
// saved search for kSearchNewcomer).
struct Alert {
  AlertKind kind = AlertKind::kNewPaper;
  size_t target = 0;
  std::string author_key;   // the subject
  std::string author_name;
  std::uint32_t author_id = graph::kNone;  // in the new version (profile link)
  std::string title;        // one line for the panel and the digest
  // Evidence: the paper (source id, title, year), the organisations, the other person.
  std::string work_source_id;
  std::string work_title;
  int year = 0;
  std::string from_org, to_org;
  std::string other_key, other_name;
  std::uint32_t other_id = graph::kNone;
  int rank = 0;  // kSearchNewcomer: rank in the new version
};

struct DiffStats {
  size_t targets = 0, resolved_new = 0, resolved_both = 0;
  size_t new_papers = 0, affiliation_changes = 0, rival_coauthors = 0;
};

// Alerts for `targets` between `prev` and `now`, in target order.
std::vector<Alert> DiffWatched(const graph::GraphView& prev, const graph::GraphView& now,
                               std::span<const WatchTarget> targets, const WatchSettings& settings,
                               DiffStats* stats = nullptr);

// The current organisation of an author ("" when no affiliation is known).
std::string_view CurrentOrg(const graph::GraphView& g, graph::AuthorId a);

// A followed search: the same query the ranker answers ("LLM reasoning since
// 2023, top 50").
struct SavedSearch {
  std::string text;
  std::string org;
  int since_year = 0;
  int top = 50;  // 1..1000
};
Status ValidateSavedSearch(const SavedSearch& s);

// People in the new version's top N of `search` who were not in the previous
// version's top N (by stable key). `target` is `search_index`.
Result<std::vector<Alert>> SearchNewcomers(const scoring::Ranker& prev, const scoring::Ranker& now,
                                           const SavedSearch& search, size_t search_index);

}  // namespace st::watch
