#include "planning/plan_json.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

namespace st::planning {
namespace {

using nlohmann::json;

Status Bad(const std::string& path, const std::string& what) { return Status::InvalidInput(path + ": " + what); }

Result<int64_t> NonNegativeInt(const json& obj, const char* key, const std::string& path, int64_t fallback) {
  if (!obj.contains(key)) return fallback;
  const json& v = obj[key];
  if (!v.is_number_integer() || v.get<int64_t>() < 0) return Bad(path + "." + key, "must be an integer >= 0");
  return v.get<int64_t>();
}

Result<bool> Bool(const json& obj, const char* key, const std::string& path) {
  if (!obj.contains(key)) return false;
  if (!obj[key].is_boolean()) return Bad(path + "." + key, "must be true or false");
  return obj[key].get<bool>();
}

Status CheckKeys(const json& obj, const std::string& path, std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : obj.items()) {
    bool ok = false;
    for (auto a : allowed) ok |= key == a;
    if (!ok) return Bad(path + "." + key, "unknown field");
  }
  return Status::Ok();
}

}  // namespace

Result<int64_t> ParseDollars(std::string_view text) {
  std::string_view s = text;
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  if (!s.empty() && s.front() == '$') s.remove_prefix(1);
  int64_t scale = 100;  // dollars → cents
  if (!s.empty()) {
    char suffix = static_cast<char>(std::tolower(static_cast<unsigned char>(s.back())));
    int64_t mult = suffix == 'k' ? 1'000 : suffix == 'm' ? 1'000'000 : suffix == 'b' ? 1'000'000'000 : 1;
    if (mult != 1) scale *= mult, s.remove_suffix(1);
  }
  // Integer part and up to as many decimals as the scale allows, exactly (no floating point).
  __int128 whole = 0, frac = 0, frac_scale = 1;
  bool digits = false, dot = false;
  for (char c : s) {
    if (c == ',' || c == '_') continue;
    if (c == '.' && !dot) {
      dot = true;
      continue;
    }
    if (!std::isdigit(static_cast<unsigned char>(c))) return Status::InvalidInput("not an amount of dollars: '" + std::string(text) + "'");
    digits = true;
    if (!dot) {
      whole = whole * 10 + (c - '0');
      if (whole > std::numeric_limits<int64_t>::max()) return Status::InvalidInput("amount too large: '" + std::string(text) + "'");
    } else {
      if (frac_scale >= scale) return Status::InvalidInput("more decimals than cents: '" + std::string(text) + "'");
      frac = frac * 10 + (c - '0');
      frac_scale *= 10;
    }
  }
  if (!digits) return Status::InvalidInput("not an amount of dollars: '" + std::string(text) + "'");
  __int128 cents = whole * scale + frac * (scale / frac_scale);
  if (cents > std::numeric_limits<int64_t>::max()) return Status::InvalidInput("amount too large: '" + std::string(text) + "'");
  return static_cast<int64_t>(cents);
}

Result<ParsedInstance> ParsePlanInstance(std::string_view text, const AcceptanceModel& model) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::InvalidInput("not valid JSON");
  if (!j.is_object()) return Status::InvalidInput("the instance must be a JSON object");
  ST_RETURN_IF_ERROR(CheckKeys(j, "instance", {"policy", "acceptance", "campaign", "resources", "candidates"}));
  ParsedInstance out;
  PlanInstance& in = out.instance;
  if (j.contains("policy")) {
    std::string p = j["policy"].is_string() ? j["policy"].get<std::string>() : "";
    if (p == "worst_case") in.policy = CommitmentPolicy::kWorstCase;
    else if (p == "expected") in.policy = CommitmentPolicy::kExpected;
    else return Bad("policy", "must be \"worst_case\" or \"expected\"");
  }
  if (j.contains("acceptance")) {
    ST_ASSIGN_OR_RETURN(out.acceptance, AcceptanceSettings::FromJson(j["acceptance"].dump()));
  }
  if (j.contains("campaign")) {  // the campaign settings key's two factors, on its scales
    const json& c = j["campaign"];
    if (!c.is_object()) return Bad("campaign", "must be an object");
    ST_RETURN_IF_ERROR(CheckKeys(c, "campaign", {"mission_clarity", "reorganisations_12m"}));
    int clarity = 3, reorganisations = 0;
    if (c.contains("mission_clarity")) {
      if (!c["mission_clarity"].is_number_integer()) return Bad("campaign.mission_clarity", "must be an integer in [1, 5]");
      clarity = static_cast<int>(std::clamp<int64_t>(c["mission_clarity"].get<int64_t>(), -1, 6));
    }
    if (c.contains("reorganisations_12m")) {
      if (!c["reorganisations_12m"].is_number_integer())
        return Bad("campaign.reorganisations_12m", "must be an integer in [0, 100]");
      reorganisations = static_cast<int>(std::clamp<int64_t>(c["reorganisations_12m"].get<int64_t>(), -1, 101));
    }
    ST_RETURN_IF_ERROR(out.acceptance.SetCampaignFactors(clarity, reorganisations));
  }
  if (!j.contains("resources") || !j["resources"].is_array()) return Bad("resources", "must be an array");
  for (size_t r = 0; r < j["resources"].size(); ++r) {
    const json& jr = j["resources"][r];
    std::string path = "resources[" + std::to_string(r) + "]";
    if (!jr.is_object()) return Bad(path, "must be an object");
    ST_RETURN_IF_ERROR(CheckKeys(jr, path, {"name", "unit", "capacity"}));
    Resource res;
    if (!jr.contains("name") || !jr["name"].is_string()) return Bad(path + ".name", "must be a string");
    res.name = jr["name"].get<std::string>();
    if (jr.contains("unit")) {
      if (!jr["unit"].is_string()) return Bad(path + ".unit", "must be a string");
      res.unit = jr["unit"].get<std::string>();
    }
    if (!jr.contains("capacity") || !jr["capacity"].is_number_integer())
      return Bad(path + ".capacity", "must be an integer (minor units for money)");
    res.capacity = jr["capacity"].get<int64_t>();
    in.resources.push_back(std::move(res));
  }
  if (!j.contains("candidates") || !j["candidates"].is_array()) return Bad("candidates", "must be an array");
  for (size_t i = 0; i < j["candidates"].size(); ++i) {
    const json& jc = j["candidates"][i];
    std::string path = "candidates[" + std::to_string(i) + "]";
    if (!jc.is_object()) return Bad(path, "must be an object");
    ST_RETURN_IF_ERROR(CheckKeys(jc, path,
                                 {"id", "name", "value", "required", "current_package_4y", "current_lab",
                                  "current_gpus_per_researcher", "relocation_needed", "warm_path", "ceo_reached_out",
                                  "options"}));
    PlanCandidate c;
    CandidateFacts facts;
    if (!jc.contains("id") || !(jc["id"].is_string() || jc["id"].is_number_integer()))
      return Bad(path + ".id", "must be a string or an integer");
    c.id = jc["id"].is_string() ? jc["id"].get<std::string>() : std::to_string(jc["id"].get<int64_t>());
    if (jc.contains("name")) {
      if (!jc["name"].is_string()) return Bad(path + ".name", "must be a string");
      c.name = jc["name"].get<std::string>();
    }
    if (!jc.contains("value") || !jc["value"].is_number() || !std::isfinite(jc["value"].get<double>()) ||
        jc["value"].get<double>() < 0)
      return Bad(path + ".value", "must be a number >= 0");
    c.value = jc["value"].get<double>();
    ST_ASSIGN_OR_RETURN(c.required, Bool(jc, "required", path));
    ST_ASSIGN_OR_RETURN(facts.current_package_4y_minor, NonNegativeInt(jc, "current_package_4y", path, 0));
    if (jc.contains("current_lab")) {
      if (!jc["current_lab"].is_string()) return Bad(path + ".current_lab", "must be a string");
      facts.current_lab = jc["current_lab"].get<std::string>();
    }
    if (jc.contains("current_gpus_per_researcher")) {
      const json& g = jc["current_gpus_per_researcher"];
      if (!g.is_number() || g.get<double>() < 0) return Bad(path + ".current_gpus_per_researcher", "must be a number >= 0");
      facts.current_gpus_per_researcher = g.get<double>();
    }
    ST_ASSIGN_OR_RETURN(facts.relocation_needed, Bool(jc, "relocation_needed", path));
    ST_ASSIGN_OR_RETURN(facts.warm_path, Bool(jc, "warm_path", path));
    ST_ASSIGN_OR_RETURN(facts.ceo_reached_out, Bool(jc, "ceo_reached_out", path));
    if (!jc.contains("options") || !jc["options"].is_array()) return Bad(path + ".options", "must be an array");
    auto& explained = out.explanations.emplace_back();
    for (size_t k = 0; k < jc["options"].size(); ++k) {
      const json& jo = jc["options"][k];
      std::string at = path + ".options[" + std::to_string(k) + "]";
      if (!jo.is_object()) return Bad(at, "must be an object");
      ST_RETURN_IF_ERROR(CheckKeys(jo, at,
                                   {"label", "four_year_value", "guaranteed_gpus", "team_size", "direct_reports",
                                    "p_accept", "uses"}));
      PlanOption o;
      if (jo.contains("label")) {
        if (!jo["label"].is_string()) return Bad(at + ".label", "must be a string");
        o.label = jo["label"].get<std::string>();
      }
      OfferTerms terms;
      ST_ASSIGN_OR_RETURN(terms.four_year_value_minor, NonNegativeInt(jo, "four_year_value", at, 0));
      ST_ASSIGN_OR_RETURN(terms.guaranteed_gpus, NonNegativeInt(jo, "guaranteed_gpus", at, 0));
      ST_ASSIGN_OR_RETURN(terms.team_size, NonNegativeInt(jo, "team_size", at, 0));
      ST_ASSIGN_OR_RETURN(terms.direct_reports, NonNegativeInt(jo, "direct_reports", at, 0));
      o.four_year_value_minor = terms.four_year_value_minor;
      o.guaranteed_gpus = terms.guaranteed_gpus;
      o.team_size = terms.team_size;
      if (jo.contains("p_accept")) {
        const json& p = jo["p_accept"];
        if (!p.is_number() || p.get<double>() < 0 || p.get<double>() > 1) return Bad(at + ".p_accept", "must be in [0, 1]");
        o.p_accept = p.get<double>();
        explained.emplace_back();
      } else {
        ST_ASSIGN_OR_RETURN(FeatureVector x, ComputeFeatures(facts, terms, out.acceptance));
        Explanation e = model.Explain(x);
        o.p_accept = e.probability;
        explained.emplace_back(e);
      }
      if (jo.contains("uses") && !jo["uses"].is_object()) return Bad(at + ".uses", "must be an object {resource: amount}");
      for (const Resource& res : in.resources) {
        int64_t amount = res.unit == "minor" ? terms.four_year_value_minor
                         : res.unit == "gpu" ? terms.guaranteed_gpus
                         : res.unit == "slot" ? 1 + terms.team_size
                                              : 0;
        if (jo.contains("uses") && jo["uses"].contains(res.name)) {
          ST_ASSIGN_OR_RETURN(amount, NonNegativeInt(jo["uses"], res.name.c_str(), at + ".uses", 0));
        }
        o.use.push_back(amount);
      }
      if (jo.contains("uses"))
        for (const auto& [name, v] : jo["uses"].items()) {
          bool known = false;
          for (const Resource& res : in.resources) known |= res.name == name;
          if (!known) return Bad(at + ".uses." + name, "no such resource");
        }
      c.options.push_back(std::move(o));
    }
    in.candidates.push_back(std::move(c));
  }
  ST_RETURN_IF_ERROR(in.Validate());
  return out;
}

std::string PlanToJson(const ParsedInstance& parsed, const Plan& plan) {
  const PlanInstance& in = parsed.instance;
  json j;
  j["policy"] = std::string(PolicyName(in.policy));
  j["objective"] = plan.objective;
  j["bound"] = std::isfinite(plan.bound) ? json(plan.bound) : json(nullptr);
  j["gap"] = std::isfinite(plan.gap) ? json(plan.gap) : json(nullptr);
  j["proven_optimal"] = plan.proven_optimal;
  j["expected_hires"] = plan.expected_hires;
  j["offers"] = plan.offers;
  json cands = json::array();
  for (size_t i = 0; i < in.candidates.size(); ++i) {
    const PlanCandidate& c = in.candidates[i];
    json jc = {{"id", c.id}, {"name", c.name}, {"value", c.value}};
    int32_t k = plan.choice[i];
    if (k < 0) {
      jc["option"] = nullptr;
    } else {
      const PlanOption& o = c.options[k];
      jc["option"] = k;
      jc["label"] = o.label;
      jc["p_accept"] = o.p_accept;
      jc["expected_value"] = o.p_accept * c.value;
      jc["four_year_value"] = o.four_year_value_minor;
      jc["guaranteed_gpus"] = o.guaranteed_gpus;
      jc["team_size"] = o.team_size;
      if (i < parsed.explanations.size() && parsed.explanations[i][k]) {
        const Explanation& e = *parsed.explanations[i][k];
        json ex = {{"scale", "logit"}, {"intercept", e.intercept}, {"logit", e.logit}};
        for (const Contribution& part : e.parts)
          ex["features"][std::string(FeatureName(part.feature))] = {{"value", part.value},
                                                                     {"contribution", part.contribution}};
        jc["explanation"] = ex;
      }
    }
    cands.push_back(jc);
  }
  j["candidates"] = cands;
  json res = json::array();
  for (const ResourceReport& r : plan.resources)
    res.push_back({{"name", r.name}, {"unit", r.unit}, {"capacity", r.capacity}, {"used", r.used},
                   {"committed", r.committed}, {"marginal_value", r.marginal_value}, {"binding", r.binding}});
  j["resources"] = res;
  j["stats"] = {{"seconds", plan.stats.seconds},
                {"lp_seconds", plan.stats.lp_seconds},
                {"heuristic_seconds", plan.stats.heuristic_seconds},
                {"enumeration_seconds", plan.stats.enumeration_seconds},
                {"enumeration_nodes", plan.stats.enumeration_nodes},
                {"mip_seconds", plan.stats.mip_seconds},
                {"options_in", plan.stats.options_in},
                {"options_after_pruning", plan.stats.options_after_pruning},
                {"free_candidates", plan.stats.free_candidates},
                {"free_options", plan.stats.free_options},
                {"stopped_by", plan.stats.stopped_by}};
  return j.dump(2);
}

}  // namespace st::planning
