#include "places/openalex_institutions.h"

#include <nlohmann/json.hpp>

#include "base/names.h"

namespace st::places {
namespace {

Status AddRecord(const nlohmann::json& r, InstitutionGeoMap* out) {
  if (!r.is_object()) return Status::InvalidInput("not a JSON object");
  const auto id = r.find("id");
  const auto geo = r.find("geo");
  if (id == r.end() || !id->is_string() || geo == r.end() || !geo->is_object()) return Status::Ok();
  std::string_view short_id = id->get_ref<const std::string&>();
  if (const size_t slash = short_id.rfind('/'); slash != std::string_view::npos) short_id.remove_prefix(slash + 1);
  const auto lat = geo->find("latitude"), lon = geo->find("longitude"), cc = geo->find("country_code");
  if (lat == geo->end() || lon == geo->end() || !lat->is_number() || !lon->is_number() || cc == geo->end() ||
      !cc->is_string())
    return Status::Ok();
  InstitutionGeo g;
  g.at = {lat->get<double>(), lon->get<double>()};
  if (!ValidLatLon(g.at)) return Status::InvalidInput("geo.latitude/longitude out of range");
  g.country = cc->get<std::string>();
  if (const auto city = geo->find("city"); city != geo->end() && city->is_string()) g.city = city->get<std::string>();
  (*out)[std::string(short_id)] = std::move(g);
  return Status::Ok();
}

}  // namespace

Status ReadInstitutionGeo(std::string_view text, std::string_view source, InstitutionGeoMap* out) {
  const std::string_view trimmed = TrimSpace(text);
  // A single pretty-printed object (the API's answer) spans many lines.
  if (!trimmed.empty() && trimmed.front() == '{' && trimmed.find("\n{") == std::string_view::npos) {
    auto j = nlohmann::json::parse(trimmed, nullptr, false);
    if (j.is_discarded()) return Status::InvalidInput(std::string(source) + ": not valid JSON");
    Status s = AddRecord(j, out);
    return s.ok() ? s : Status::InvalidInput(std::string(source) + ": " + s.message());
  }
  size_t line_no = 0;
  for (size_t pos = 0; pos < text.size();) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = TrimSpace(text.substr(pos, end - pos));
    pos = end + 1;
    ++line_no;
    if (line.empty()) continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    const std::string where = std::string(source) + ":" + std::to_string(line_no) + ": ";
    if (j.is_discarded()) return Status::InvalidInput(where + "not valid JSON");
    Status s = AddRecord(j, out);
    if (!s.ok()) return Status::InvalidInput(where + s.message());
  }
  return Status::Ok();
}

}  // namespace st::places
