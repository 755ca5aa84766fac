#include "web/graph_json.h"

#include "scoring/json.h"

namespace st::web {

using nlohmann::json;

json RankedAuthorToJson(const scoring::RankedAuthor& a) {
  json j = scoring::ToJson(a);
  j["explanation"] = {{"top_papers", j["top_papers"]}, {"metrics", j["metrics"]}, {"matched_works", a.matched_works}};
  return j;
}

json ProfileToJson(const scoring::AuthorProfile& p) { return scoring::ToJson(p); }

json WarmPathToJson(const scoring::WarmPath& p) {
  json path = json::array();
  for (const auto& h : p.hops) {
    if (path.empty()) path.push_back({{"author_id", h.from}, {"name", h.from_name}});
    path.push_back({{"author_id", h.to}, {"name", h.to_name}});
  }
  return {{"hops", p.hops.size()}, {"path", path}, {"steps", scoring::ToJson(p)["hops"]}};
}

}  // namespace st::web
