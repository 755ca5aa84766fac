#include "web/route_matcher.h"

namespace st::web {
namespace {

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> out;
  size_t i = 1;  // paths start with '/'
  while (i <= path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

bool ParamChars(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    bool ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '.' ||
              c == ':' || c == '~' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::optional<Method> ParseMethod(std::string_view name) {
  for (Method m : {Method::kGet, Method::kPost, Method::kPatch, Method::kDelete}) {
    if (MethodName(m) == name) return m;
  }
  return std::nullopt;
}

RouteMatcher::RouteMatcher(const RouteTable& table) {
  for (const Route& route : table.routes()) {
    Entry e{&route, {}};
    for (std::string_view s : Split(route.path)) {
      bool param = s.size() >= 2 && s.front() == '{' && s.back() == '}';
      e.segments.push_back({std::string(param ? s.substr(1, s.size() - 2) : s), param});
    }
    entries_.push_back(std::move(e));
  }
}

std::optional<RouteMatcher::Match> RouteMatcher::Find(Method method, std::string_view path) const {
  if (path.empty() || path.front() != '/') return std::nullopt;
  std::vector<std::string_view> segments = Split(path);
  for (const Entry& e : entries_) {
    if (e.route->method != method || e.segments.size() != segments.size()) continue;
    bool ok = true;
    for (size_t i = 0; i < segments.size() && ok; ++i) {
      ok = e.segments[i].param ? ParamChars(segments[i]) : e.segments[i].text == segments[i];
    }
    if (!ok) continue;
    Match m{e.route, {}};
    for (size_t i = 0; i < segments.size(); ++i) {
      if (e.segments[i].param) m.params[e.segments[i].text] = std::string(segments[i]);
    }
    return m;
  }
  return std::nullopt;
}

}  // namespace st::web
