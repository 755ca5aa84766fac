#include "places/geo.h"

#include <cmath>
#include <numbers>

#include <GeographicLib/Geodesic.hpp>

namespace st::places {

bool ValidLatLon(const LatLon& p) {
  return std::isfinite(p.lat) && std::isfinite(p.lon) && p.lat >= -90 && p.lat <= 90 && p.lon >= -180 &&
         p.lon <= 180;
}

double DistanceKm(const LatLon& a, const LatLon& b) {
  double metres = 0;
  GeographicLib::Geodesic::WGS84().Inverse(a.lat, a.lon, b.lat, b.lon, metres);
  return metres / 1000.0;
}

std::array<double, 3> UnitVector(const LatLon& p) {
  constexpr double kRad = std::numbers::pi / 180.0;
  const double lat = p.lat * kRad, lon = p.lon * kRad;
  return {std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat)};
}

}  // namespace st::places
