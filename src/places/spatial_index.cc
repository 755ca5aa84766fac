#include "places/spatial_index.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <queue>

namespace st::places {
namespace {

double Dist2(const std::array<double, 3>& a, const std::array<double, 3>& b) {
  const double dx = a[0] - b[0], dy = a[1] - b[1], dz = a[2] - b[2];
  return dx * dx + dy * dy + dz * dz;
}

// Squared chord of an arc of `km` on the index sphere, widened for the ellipsoid.
double ChordSquared(double km) {
  const double angle = std::min(M_PI, km * 1.006 / kEarthRadiusKm);
  const double chord = 2 * std::sin(angle / 2);
  return chord * chord + 1e-12;
}

// Great-circle distance on the index sphere for a squared chord.
double SphereKm(double chord2) { return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(chord2) / 2)); }

}  // namespace

SpatialIndex::SpatialIndex(std::vector<IndexedPoint> points) : points_(std::move(points)) {
  vecs_.reserve(points_.size());
  for (const auto& p : points_) vecs_.push_back(UnitVector(p.at));
  Build(0, points_.size(), 0);
}

// Median split on the axis depth % 3; the median sits at mid, left half before it.
void SpatialIndex::Build(size_t lo, size_t hi, int depth) {
  if (hi - lo <= 1) return;
  const size_t mid = lo + (hi - lo) / 2;
  const int axis = depth % 3;
  std::vector<size_t> order(hi - lo);
  std::iota(order.begin(), order.end(), lo);
  std::nth_element(order.begin(), order.begin() + (mid - lo), order.end(),
                   [&](size_t a, size_t b) { return vecs_[a][axis] < vecs_[b][axis]; });
  std::vector<IndexedPoint> p;
  std::vector<Vec> v;
  p.reserve(order.size());
  v.reserve(order.size());
  for (size_t i : order) p.push_back(points_[i]), v.push_back(vecs_[i]);
  std::copy(p.begin(), p.end(), points_.begin() + lo);
  std::copy(v.begin(), v.end(), vecs_.begin() + lo);
  Build(lo, mid, depth + 1);
  Build(mid + 1, hi, depth + 1);
}

template <typename Visit>
void SpatialIndex::Search(size_t lo, size_t hi, int depth, const Vec& q, double* bound2, Visit& visit) const {
  if (lo >= hi) return;
  const size_t mid = lo + (hi - lo) / 2;
  const double d2 = Dist2(vecs_[mid], q);
  if (d2 <= *bound2) visit(mid, d2);
  if (hi - lo == 1) return;
  const int axis = depth % 3;
  const double diff = q[axis] - vecs_[mid][axis];
  const bool left_first = diff < 0;
  if (left_first) {
    Search(lo, mid, depth + 1, q, bound2, visit);
    if (diff * diff <= *bound2) Search(mid + 1, hi, depth + 1, q, bound2, visit);
  } else {
    Search(mid + 1, hi, depth + 1, q, bound2, visit);
    if (diff * diff <= *bound2) Search(lo, mid, depth + 1, q, bound2, visit);
  }
}

std::vector<Neighbour> SpatialIndex::Nearest(const LatLon& at, size_t k) const {
  std::vector<Neighbour> out;
  if (k == 0 || points_.empty()) return out;
  const Vec q = UnitVector(at);
  // Max-heap of the best k by chord; a few extra so the ellipsoid's reordering
  // near the k-th place cannot drop a point that belongs in the answer.
  const size_t keep = k + std::min<size_t>(k, 8);
  std::priority_queue<std::pair<double, size_t>> heap;
  double bound2 = 5.0;  // > the largest squared chord (4)
  auto visit = [&](size_t i, double d2) {
    heap.emplace(d2, i);
    if (heap.size() > keep) heap.pop();
    if (heap.size() == keep) bound2 = heap.top().first;
  };
  Search(0, points_.size(), 0, q, &bound2, visit);
  while (!heap.empty()) {
    const size_t i = heap.top().second;
    heap.pop();
    out.push_back({points_[i].id, DistanceKm(at, points_[i].at)});
  }
  std::sort(out.begin(), out.end(), [](const Neighbour& a, const Neighbour& b) {
    return a.km != b.km ? a.km < b.km : a.id < b.id;
  });
  if (out.size() > k) out.resize(k);
  return out;
}

std::vector<Neighbour> SpatialIndex::Within(const LatLon& at, double radius_km) const {
  std::vector<Neighbour> out;
  if (points_.empty() || !(radius_km >= 0)) return out;
  const Vec q = UnitVector(at);
  double bound2 = ChordSquared(radius_km);
  // The sphere decides clear cases; only points within 0.6% of the radius get
  // the (slower, exact) geodesic. A Bay Area query holds thousands of people.
  auto visit = [&](size_t i, double d2) {
    const double km = SphereKm(d2);
    if (km < radius_km * 0.994) {
      out.push_back({points_[i].id, km});
    } else if (const double exact = DistanceKm(at, points_[i].at); exact <= radius_km) {
      out.push_back({points_[i].id, exact});
    }
  };
  Search(0, points_.size(), 0, q, &bound2, visit);
  std::sort(out.begin(), out.end(), [](const Neighbour& a, const Neighbour& b) {
    return a.km != b.km ? a.km < b.km : a.id < b.id;
  });
  return out;
}

}  // namespace st::places
