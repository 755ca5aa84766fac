// Trip planning: "the CEO is in London on these dates" -> the candidates
// within a radius, most pressing first. Priority is the pipeline stage (an
// open offer before a meeting before a reply before a first contact —
// someone at the offer stage is the visit that can close), then strength (the
// graph score the person carries), then distance. Closed stages (joined,
// declined, withdrawn) are left out unless asked for. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "campaign/stage.h"
#include "places/spatial_index.h"

namespace st::places {

struct TripCandidate {
  std::int64_t person_id = 0;
  std::string name, org, city, country, tz;
  campaign::Stage stage = campaign::Stage::kIdentified;
  double strength = 0;
  LatLon at;
};

struct TripQuery {
  LatLon at;
  double radius_km = 100;
  bool include_closed = false;
  size_t limit = 100;
};

struct TripStop {
  const TripCandidate* candidate = nullptr;
  double km = 0;
  int priority = 0;  // StagePriority of the candidate's stage
};

// 6 offer, 5 meeting, 4 accepted, 3 replied, 2 contacted, 1 identified, 0 closed stages.
int StagePriority(campaign::Stage stage);

// `index` holds the candidates' locations keyed by person_id; `by_id` the candidates.
std::vector<TripStop> PlanTrip(const SpatialIndex& index,
                               const std::unordered_map<std::int64_t, TripCandidate>& by_id, const TripQuery& q);

}  // namespace st::places
