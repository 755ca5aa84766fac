#include "places/trip.h"

#include <algorithm>

namespace st::places {

int StagePriority(campaign::Stage stage) {
  using campaign::Stage;
  switch (stage) {
    case Stage::kOffer: return 6;
    case Stage::kMeeting: return 5;
    case Stage::kAccepted: return 4;
    case Stage::kReplied: return 3;
    case Stage::kContacted: return 2;
    case Stage::kIdentified: return 1;
    case Stage::kJoined:
    case Stage::kDeclined:
    case Stage::kWithdrawn: return 0;
  }
  return 0;
}

std::vector<TripStop> PlanTrip(const SpatialIndex& index,
                               const std::unordered_map<std::int64_t, TripCandidate>& by_id, const TripQuery& q) {
  std::vector<TripStop> out;
  for (const Neighbour& n : index.Within(q.at, q.radius_km)) {
    const auto it = by_id.find(n.id);
    if (it == by_id.end()) continue;
    const int priority = StagePriority(it->second.stage);
    if (priority == 0 && !q.include_closed) continue;
    out.push_back({&it->second, n.km, priority});
  }
  std::sort(out.begin(), out.end(), [](const TripStop& a, const TripStop& b) {
    if (a.priority != b.priority) return a.priority > b.priority;
    if (a.candidate->strength != b.candidate->strength) return a.candidate->strength > b.candidate->strength;
    if (a.km != b.km) return a.km < b.km;
    return a.candidate->person_id < b.candidate->person_id;
  });
  if (out.size() > q.limit) out.resize(q.limit);
  for (TripStop& s : out) s.km = DistanceKm(q.at, s.candidate->at);  // the exact figure for what is shown
  return out;
}

}  // namespace st::places
