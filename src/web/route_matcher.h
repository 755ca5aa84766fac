// Finds the Route for a method and decoded path by comparing '/'-separated
// segments (no regex per request): literal segments must be equal, "{name}"
// segments take one segment of [0-9A-Za-z_.:~-] as the parameter's value.
// Thread-safety: built once, then read-only.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "web/route_table.h"

namespace st::web {

std::optional<Method> ParseMethod(std::string_view name);  // "GET" -> kGet; others nullopt

class RouteMatcher {
 public:
  explicit RouteMatcher(const RouteTable& table);

  struct Match {
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
  };
  std::optional<Match> Find(Method method, std::string_view path) const;

 private:
  struct Segment {
    std::string text;  // literal, or the parameter name
    bool param = false;
  };
  struct Entry {
    const Route* route;
    std::vector<Segment> segments;
  };
  std::vector<Entry> entries_;
};

}  // namespace st::web
