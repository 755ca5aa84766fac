#include "compute/settings.h"

#include <nlohmann/json.hpp>

#include "compute/promise.h"

namespace st::compute {
namespace {

Result<nlohmann::json> ParseObject(std::string_view json, const char* key) {
  nlohmann::json j = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object())
    return Status::InvalidInput(std::string(key) + " settings must be a JSON object");
  return j;
}

Result<std::int64_t> IntField(const nlohmann::json& v, const std::string& field, std::int64_t lo, std::int64_t hi) {
  if (!v.is_number_integer())
    return Status::InvalidInput(field + " must be an integer");
  const std::int64_t n = v.get<std::int64_t>();
  if (n < lo || n > hi)
    return Status::InvalidInput(field + " must be between " + std::to_string(lo) + " and " + std::to_string(hi));
  return n;
}

}  // namespace

std::int64_t ComputeSettings::FactorMilli(const std::string& gpu_type) const {
  auto it = h100_eq_milli.find(gpu_type);
  return it == h100_eq_milli.end() ? 0 : it->second;
}

Result<ComputeSettings> ComputeSettings::FromJson(std::string_view json) {
  ST_ASSIGN_OR_RETURN(nlohmann::json j, ParseObject(json, "compute"));
  ComputeSettings s;
  for (auto& [key, v] : j.items()) {
    if (key == "headroom_permille") {
      ST_ASSIGN_OR_RETURN(std::int64_t n, IntField(v, "compute.headroom_permille", 0, 999));
      s.headroom_permille = static_cast<std::int32_t>(n);
    } else if (key == "h100_eq_milli") {
      if (!v.is_object() || v.empty())
        return Status::InvalidInput("compute.h100_eq_milli must be a non-empty object of GPU type -> milli-H100");
      s.h100_eq_milli.clear();
      for (auto& [type, f] : v.items()) {
        ST_RETURN_IF_ERROR(ValidateName("compute.h100_eq_milli key", type));
        ST_ASSIGN_OR_RETURN(std::int64_t n, IntField(f, "compute.h100_eq_milli." + type, 1, 100000));
        s.h100_eq_milli[type] = n;
      }
    } else {
      return Status::InvalidInput("compute." + key + " is not a known setting");
    }
  }
  return s;
}

std::string ComputeSettings::ToJson() const {
  nlohmann::json j = {{"headroom_permille", headroom_permille}, {"h100_eq_milli", h100_eq_milli}};
  return j.dump();
}

Result<TeamSettings> TeamSettings::FromJson(std::string_view json) {
  ST_ASSIGN_OR_RETURN(nlohmann::json j, ParseObject(json, "teams"));
  TeamSettings s;
  for (auto& [key, v] : j.items()) {
    if (key == "max_direct_reports") {
      ST_ASSIGN_OR_RETURN(std::int64_t n, IntField(v, "teams.max_direct_reports", 1, 1000));
      s.max_direct_reports = static_cast<std::int32_t>(n);
    } else {
      return Status::InvalidInput("teams." + key + " is not a known setting");
    }
  }
  return s;
}

std::string TeamSettings::ToJson() const { return nlohmann::json{{"max_direct_reports", max_direct_reports}}.dump(); }

std::string FormatCount(std::int64_t n) {
  const bool neg = n < 0;
  std::string digits = std::to_string(neg ? -(n + 1) + 1 : n);  // no overflow concerns at ledger sizes
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return neg ? "-" + out : out;
}

std::string FormatH100Eq(std::int64_t milli) {
  const bool neg = milli < 0;
  const std::int64_t a = neg ? -milli : milli;
  std::string s = FormatCount(a / 1000);
  if (std::int64_t frac = a % 1000; frac != 0) {
    std::string f = std::to_string(1000 + frac).substr(1);
    while (f.back() == '0') f.pop_back();
    s += "." + f;
  }
  return neg ? "-" + s : s;
}

}  // namespace st::compute
