// Points on the Earth and the distance between them. Distances are geodesics
// on the WGS84 ellipsoid from GeographicLib (Karney's algorithm, accurate to
// nanometres), not a hand-written formula. Pure; thread-safe.
#pragma once

#include <array>

namespace st::places {

struct LatLon {
  double lat = 0;  // degrees, -90..90 (north positive)
  double lon = 0;  // degrees, -180..180 (east positive)
};

// True when both are finite and in range.
bool ValidLatLon(const LatLon& p);

// Great-circle (geodesic) distance in kilometres on the WGS84 ellipsoid.
double DistanceKm(const LatLon& a, const LatLon& b);

// Mean Earth radius (IUGG) used by the spatial index's sphere.
inline constexpr double kEarthRadiusKm = 6371.0088;

// The point as a unit vector (x towards 0°N 0°E, z towards the north pole).
std::array<double, 3> UnitVector(const LatLon& p);

}  // namespace st::places
