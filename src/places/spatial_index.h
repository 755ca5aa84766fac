// Nearest located people to a point: a static k-d tree over unit vectors on
// the sphere (chord length orders points exactly like great-circle distance on
// a sphere), built once per snapshot of locations. Results carry the WGS84
// geodesic distance (Within: see there); the sphere search is widened by 0.6% so no point the
// ellipsoid puts inside the radius is missed (the two differ by < 0.56%).
// Measured in bench/places_bench.cc. Thread-safe after construction.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "places/geo.h"

namespace st::places {

struct IndexedPoint {
  std::int64_t id = 0;  // the caller's key (a person id)
  LatLon at;
};

struct Neighbour {
  std::int64_t id = 0;
  double km = 0;  // Nearest: geodesic distance; Within: see there
};

class SpatialIndex {
 public:
  explicit SpatialIndex(std::vector<IndexedPoint> points);

  size_t size() const { return points_.size(); }
  // The k nearest points, nearest first (by geodesic distance).
  std::vector<Neighbour> Nearest(const LatLon& at, size_t k) const;
  // Every point within radius_km (decided on the WGS84 geodesic), nearest
  // first. `km` is the sphere's great-circle distance (within 0.56% of the
  // geodesic) except near the radius: call DistanceKm for figures to show.
  std::vector<Neighbour> Within(const LatLon& at, double radius_km) const;

 private:
  using Vec = std::array<double, 3>;
  void Build(size_t lo, size_t hi, int depth);
  template <typename Visit>
  void Search(size_t lo, size_t hi, int depth, const Vec& q, double* bound2, Visit& visit) const;

  std::vector<IndexedPoint> points_;  // in tree order
  std::vector<Vec> vecs_;             // unit vectors, same order
};

}  // namespace st::places
