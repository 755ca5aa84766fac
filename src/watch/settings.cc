#include "watch/settings.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace st::watch {
namespace {

Result<nlohmann::json> ParseObject(std::string_view json, const char* key) {
  nlohmann::json j = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return Status::InvalidInput(std::string(key) + " settings must be a JSON object");
  return j;
}

Result<int> IntField(const nlohmann::json& v, const std::string& field, int lo, int hi) {
  if (!v.is_number_integer()) return Status::InvalidInput(field + " must be an integer");
  const auto n = v.get<std::int64_t>();
  if (n < lo || n > hi)
    return Status::InvalidInput(field + " must be between " + std::to_string(lo) + " and " + std::to_string(hi));
  return static_cast<int>(n);
}

}  // namespace

bool WatchSettings::IsRival(std::string_view org) const {
  if (org.empty()) return false;
  return std::find(rival_orgs.begin(), rival_orgs.end(), org) != rival_orgs.end();
}

Result<WatchSettings> WatchSettings::FromJson(std::string_view json) {
  ST_ASSIGN_OR_RETURN(nlohmann::json j, ParseObject(json, "watch"));
  WatchSettings s;
  for (auto& [key, v] : j.items()) {
    if (key == "rival_orgs") {
      if (!v.is_array() || v.size() > 200) return Status::InvalidInput("watch.rival_orgs must be an array of up to 200 names");
      s.rival_orgs.clear();
      for (size_t i = 0; i < v.size(); ++i) {
        if (!v[i].is_string() || v[i].get<std::string>().empty() || v[i].get<std::string>().size() > 200)
          return Status::InvalidInput("watch.rival_orgs[" + std::to_string(i) + "] must be a name of 1..200 bytes");
        s.rival_orgs.push_back(v[i].get<std::string>());
      }
    } else if (key == "max_new_papers_per_person") {
      ST_ASSIGN_OR_RETURN(s.max_new_papers_per_person, IntField(v, "watch.max_new_papers_per_person", 1, 100));
    } else if (key == "digest_hour_utc") {
      ST_ASSIGN_OR_RETURN(s.digest_hour_utc, IntField(v, "watch.digest_hour_utc", 0, 23));
    } else if (key == "digest_addresses") {
      if (!v.is_object() || v.size() > 1000) return Status::InvalidInput("watch.digest_addresses must be an object of username -> e-mail");
      for (auto& [user, addr] : v.items()) {
        const std::string a = addr.is_string() ? addr.get<std::string>() : "";
        if (a.size() < 3 || a.size() > 254 || a.find('@') == std::string::npos ||
            a.find_first_of(" \r\n<>,;") != std::string::npos)
          return Status::InvalidInput("watch.digest_addresses." + user + " must be an e-mail address");
        s.digest_addresses[user] = a;
      }
    } else {
      return Status::InvalidInput("watch." + key + " is not a known setting");
    }
  }
  return s;
}

std::string WatchSettings::ToJson() const {
  return nlohmann::json{{"rival_orgs", rival_orgs},
                        {"max_new_papers_per_person", max_new_papers_per_person},
                        {"digest_hour_utc", digest_hour_utc},
                        {"digest_addresses", digest_addresses}}
      .dump();
}

}  // namespace st::watch
