#include "planning/pipeline.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <set>

#include <nlohmann/json.hpp>

#include "offers/date.h"

namespace st::planning {
namespace {

using nlohmann::json;

Status Bad(const std::string& field, const std::string& why) {
  return Status::InvalidInput("planning." + field + ": " + why);
}

Result<std::int64_t> Int(const json& v, const std::string& field, std::int64_t lo, std::int64_t hi) {
  if (!v.is_number_integer()) return Bad(field, "must be an integer");
  std::int64_t n = v.get<std::int64_t>();
  if (n < lo || n > hi) return Bad(field, "must be in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
  return n;
}

Result<std::string> Str(const json& v, const std::string& field, size_t max_len = 200) {
  if (!v.is_string()) return Bad(field, "must be a string");
  std::string s = v.get<std::string>();
  if (s.size() > max_len) return Bad(field, "longer than " + std::to_string(max_len) + " bytes");
  for (unsigned char c : s)
    if (c < 0x20) return Bad(field, "control characters are not allowed");
  return s;
}

Result<std::vector<std::int64_t>> IntList(const json& v, const std::string& field, std::int64_t hi) {
  if (!v.is_array() || v.empty() || v.size() > 8) return Bad(field, "must be a list of 1 to 8 integers");
  std::vector<std::int64_t> out;
  for (size_t i = 0; i < v.size(); ++i) {
    ST_ASSIGN_OR_RETURN(std::int64_t n, Int(v[i], field + "[" + std::to_string(i) + "]", 0, hi));
    out.push_back(n);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

constexpr std::int64_t kMaxMinor = 1'000'000'000'000'000;  // $10 trillion in cents: any real budget fits

std::string Dollars(std::int64_t minor) {
  double d = static_cast<double>(minor) / 100.0;
  char buf[48];
  if (d >= 1e9) std::snprintf(buf, sizeof buf, "$%.2fB", d / 1e9);
  else if (d >= 1e6) std::snprintf(buf, sizeof buf, "$%.1fM", d / 1e6);
  else if (d >= 1e3) std::snprintf(buf, sizeof buf, "$%.0fk", d / 1e3);
  else std::snprintf(buf, sizeof buf, "$%.0f", d);
  return buf;
}

}  // namespace

std::vector<MoneyLevel> PlanningSettings::DefaultMoneyLevels() {
  // Judgement from public pay reports for research staff at frontier labs (docs/planning.md): a senior
  // package, a lead's, and a "star" package with a large sign-on. 4-year values ≈ $4.0M, $13M, $63M.
  return {
      {"senior", 40'000'000, 0, 200'000'000, 1500, "", ""},
      {"lead", 60'000'000, 100'000'000, 800'000'000, 1500, "", ""},
      {"star", 90'000'000, 500'000'000, 4'000'000'000, 1500, "", ""},
  };
}

Result<PlanningSettings> PlanningSettings::FromJson(std::string_view json_text) {
  json j = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return Status::InvalidInput("planning: not a JSON object");
  PlanningSettings s;
  for (const auto& [key, v] : j.items()) {
    if (key == "money_levels") {
      if (!v.is_array() || v.size() > 8) return Bad(key, "must be a list of at most 8 levels");
      for (size_t i = 0; i < v.size(); ++i) {
        const std::string at = key + "[" + std::to_string(i) + "]";
        if (!v[i].is_object()) return Bad(at, "must be an object");
        MoneyLevel m;
        for (const auto& [f, x] : v[i].items()) {
          if (f == "label") { ST_ASSIGN_OR_RETURN(m.label, Str(x, at + ".label", 60)); }
          else if (f == "base_salary_minor") { ST_ASSIGN_OR_RETURN(m.base_salary_minor, Int(x, at + "." + f, 0, kMaxMinor)); }
          else if (f == "sign_on_minor") { ST_ASSIGN_OR_RETURN(m.sign_on_minor, Int(x, at + "." + f, 0, kMaxMinor)); }
          else if (f == "equity_minor") { ST_ASSIGN_OR_RETURN(m.equity_minor, Int(x, at + "." + f, 0, kMaxMinor)); }
          else if (f == "target_bonus_bp") {
            ST_ASSIGN_OR_RETURN(std::int64_t bp, Int(x, at + "." + f, 0, 100'000));
            m.target_bonus_bp = static_cast<std::int32_t>(bp);
          } else if (f == "level") { ST_ASSIGN_OR_RETURN(m.level, Str(x, at + ".level", 40)); }
          else if (f == "track") { ST_ASSIGN_OR_RETURN(m.track, Str(x, at + ".track", 40)); }
          else return Bad(at + "." + f, "unknown field");
        }
        if (m.label.empty()) m.label = "level " + std::to_string(i + 1);
        if (m.base_salary_minor + m.sign_on_minor + m.equity_minor <= 0) return Bad(at, "a level must offer some money");
        s.money_levels.push_back(std::move(m));
      }
    } else if (key == "gpu_levels") {
      ST_ASSIGN_OR_RETURN(s.gpu_levels, IntList(v, key, compute::kMaxPromiseGpus));
    } else if (key == "team_levels") {
      ST_ASSIGN_OR_RETURN(s.team_levels, IntList(v, key, 1000));
    } else if (key == "gpu_type") {
      ST_ASSIGN_OR_RETURN(s.gpu_type, Str(v, key, 64));
      if (s.gpu_type.empty()) return Bad(key, "must not be empty");
    } else if (key == "start_in_days") {
      ST_ASSIGN_OR_RETURN(std::int64_t n, Int(v, key, 0, 3650));
      s.start_in_days = static_cast<std::int32_t>(n);
    } else if (key == "expiry_in_days") {
      ST_ASSIGN_OR_RETURN(std::int64_t n, Int(v, key, 1, 365));
      s.expiry_in_days = static_cast<std::int32_t>(n);
    } else if (key == "budget_4y_minor") {
      ST_ASSIGN_OR_RETURN(s.budget_4y_minor, Int(v, key, 0, kMaxMinor));
    } else if (key == "budget_first_year_minor") {
      ST_ASSIGN_OR_RETURN(s.budget_first_year_minor, Int(v, key, 0, kMaxMinor));
    } else if (key == "team_slots") {
      ST_ASSIGN_OR_RETURN(s.team_slots, Int(v, key, 0, 1'000'000));
    } else if (key == "stages") {
      if (!v.is_array() || v.empty()) return Bad(key, "must be a non-empty list of stage names");
      s.stages.clear();
      for (size_t i = 0; i < v.size(); ++i) {
        auto st = v[i].is_string() ? campaign::ParseStage(v[i].get<std::string>()) : std::nullopt;
        if (!st || !campaign::IsOpen(*st) || *st == campaign::Stage::kAccepted)
          return Bad(key + "[" + std::to_string(i) + "]", "must be an open stage before accepted (identified .. offer)");
        s.stages.push_back(*st);
      }
    } else if (key == "default_value") {
      if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < 0 || v.get<double>() > 1e9)
        return Bad(key, "must be a number in [0, 1e9]");
      s.default_value = v.get<double>();
    } else if (key == "office_city") {
      ST_ASSIGN_OR_RETURN(s.office_city, Str(v, key, 100));
    } else if (key == "title") {
      ST_ASSIGN_OR_RETURN(s.title, Str(v, key, 200));
    } else {
      return Bad(key, "unknown field");
    }
  }
  return s;
}

std::string PlanningSettings::ToJson() const {
  json levels = json::array();
  for (const MoneyLevel& m : money_levels)
    levels.push_back({{"label", m.label}, {"base_salary_minor", m.base_salary_minor}, {"sign_on_minor", m.sign_on_minor},
                      {"equity_minor", m.equity_minor}, {"target_bonus_bp", m.target_bonus_bp}, {"level", m.level},
                      {"track", m.track}});
  json stage_names = json::array();
  for (campaign::Stage st : stages) stage_names.push_back(std::string(campaign::StageName(st)));
  json j = {{"money_levels", levels},
            {"gpu_levels", gpu_levels},
            {"gpu_type", gpu_type},
            {"team_levels", team_levels},
            {"start_in_days", start_in_days},
            {"expiry_in_days", expiry_in_days},
            {"budget_4y_minor", budget_4y_minor},
            {"budget_first_year_minor", budget_first_year_minor},
            {"team_slots", team_slots},
            {"stages", stage_names},
            {"default_value", default_value},
            {"office_city", office_city},
            {"title", title}};
  return j.dump();
}

std::vector<MoneyLevel> MoneyLevelsFromBands(const offers::OfferSettings& s) {
  std::vector<MoneyLevel> out;
  for (const offers::Band& b : s.bands) {
    if (b.currency != offers::Currency::kUsd) continue;
    const std::string name = b.level + "/" + b.track;
    out.push_back({name + " low", b.base_min_minor, 0, b.equity_min_minor, 0, b.level, b.track});
    out.push_back({name + " mid", (b.base_min_minor + b.base_max_minor) / 2, b.sign_on_max_minor / 2,
                   (b.equity_min_minor + b.equity_max_minor) / 2, 0, b.level, b.track});
    out.push_back({name + " high", b.base_max_minor, b.sign_on_max_minor, b.equity_max_minor, 0, b.level, b.track});
    if (out.size() >= 9) break;  // a menu stays readable (and the MCKP small)
  }
  return out;
}

namespace {

// One option under construction, before the GPU resources exist.
struct Draft {
  PlanOption option;
  std::optional<Explanation> explanation;
  OptionSource source;
  std::int64_t four_year = 0, first_year = 0;
  std::int64_t slots = 0;
  // The promise it would add to the ledger (pool 0 = none).
  std::int64_t pool_id = 0, gpus = 0;
  std::int32_t start = 0, end = 0;  // end 0 = open-ended
};

std::int64_t FreeAt(const compute::TimelineStep& s) { return s.usable - s.reserved - s.committed; }

// The pool's smallest free capacity over [from, to): the step in effect at `from` and every later step before `to`.
std::int64_t MinFree(const PoolCapacity& p, std::int32_t from, std::int32_t to) {
  std::int64_t best = 0;  // before the first step nothing is installed
  bool any = false;
  for (size_t i = 0; i < p.steps.size(); ++i) {
    const auto& s = p.steps[i];
    const std::int32_t next = i + 1 < p.steps.size() ? p.steps[i + 1].day : compute::kOpenEnd;
    if (next <= from || s.day >= to) continue;
    best = any ? std::min(best, FreeAt(s)) : FreeAt(s);
    any = true;
  }
  if (!p.steps.empty() && p.steps.front().day > from) best = std::min<std::int64_t>(best, 0);
  return any ? best : 0;
}

std::string Label(const std::string& money, std::int64_t four_year, std::int64_t gpus, const std::string& gpu_type,
                  const std::string& site, std::int64_t team) {
  std::string s = money + " " + Dollars(four_year) + "/4y";
  if (gpus > 0) s += " · " + std::to_string(gpus) + " " + gpu_type + (site.empty() ? "" : " @ " + site);
  if (team > 0) s += " · team " + std::to_string(team);
  return s;
}

}  // namespace

Result<PipelineInstance> BuildPipelineInstance(const PipelineInputs& in, const AcceptanceModel& model) {
  const PlanningSettings& set = in.settings;
  if (set.budget_4y_minor <= 0 && set.budget_first_year_minor <= 0)
    return Status::InvalidInput(
        "no budget: give a 4-year budget (--budget / budget_4y) or a first-year cash budget (--first-year-budget / "
        "budget_first_year), or set them in the 'planning' settings");
  std::vector<MoneyLevel> money = set.money_levels;
  if (money.empty()) money = PlanningSettings::DefaultMoneyLevels();

  PipelineInstance out;
  out.parsed.acceptance = in.acceptance;
  PlanInstance& inst = out.parsed.instance;
  inst.policy = in.policy;

  // Money levels → terms and their value tables (the same for every candidate: one start day).
  const offers::Day start = in.today + set.start_in_days;
  struct Tier {
    offers::OfferTerms terms;
    std::int64_t four_year = 0, first_year = 0;
  };
  std::vector<Tier> tiers;
  for (size_t m = 0; m < money.size(); ++m) {
    Tier t;
    t.terms.base_salary_minor = money[m].base_salary_minor;
    t.terms.sign_on_minor = money[m].sign_on_minor;
    t.terms.equity.value_minor = money[m].equity_minor;
    t.terms.target_bonus_bp = money[m].target_bonus_bp;
    t.terms.level = money[m].level;
    t.terms.track = money[m].track;
    t.terms.start_day = start;
    t.terms.expiry_day = std::min<offers::Day>(in.today + set.expiry_in_days, start);
    t.terms.title = set.title;
    t.terms.location = set.office_city;
    auto table = offers::ComputeValueTable(t.terms);
    if (!table.ok()) return Status::InvalidInput("planning.money_levels[" + std::to_string(m) + "]: " + table.status().message());
    t.four_year = table->four_year;
    t.first_year = table->first_year;
    tiers.push_back(std::move(t));
  }
  std::vector<const PoolCapacity*> tier_pools;
  for (const PoolCapacity& p : in.pools)
    if (p.pool.gpu_type == set.gpu_type) tier_pools.push_back(&p);
  const bool gpu_tiers = std::any_of(set.gpu_levels.begin(), set.gpu_levels.end(), [](std::int64_t g) { return g > 0; });
  if (gpu_tiers && tier_pools.empty())
    out.notes.push_back("no " + set.gpu_type + " pool in the fleet: tiers with GPUs are left out (add the pool on the Fleet page)");

  std::set<campaign::Stage> stages(set.stages.begin(), set.stages.end());
  std::vector<std::vector<Draft>> drafts;
  for (const PipelineCandidate& c : in.candidates) {
    if (!stages.count(c.stage) && !c.open_offer) continue;
    PlanCandidate pc;
    pc.id = std::to_string(c.person_id);
    pc.name = c.name;
    std::string value_source = "default";
    pc.value = set.default_value;
    if (c.ceo_value) {
      pc.value = *c.ceo_value, value_source = "ceo";
    } else if (c.graph_score) {
      pc.value = *c.graph_score, value_source = "graph";
    }
    if (!std::isfinite(pc.value) || pc.value < 0)
      return Status::InvalidInput("value of " + c.name + " (person " + pc.id + "): must be a number >= 0");

    std::vector<Draft> opts;
    auto add = [&](Draft d, const OfferTerms& model_terms) -> Status {
      ST_ASSIGN_OR_RETURN(FeatureVector x, ComputeFeatures(c.facts, model_terms, in.acceptance));
      Explanation e = model.Explain(x);
      d.option.p_accept = e.probability;
      d.option.four_year_value_minor = d.four_year;
      d.option.guaranteed_gpus = d.gpus;
      d.option.team_size = model_terms.team_size;
      d.explanation = e;
      opts.push_back(std::move(d));
      return Status::Ok();
    };

    if (c.open_offer) {
      const PipelineOffer& o = *c.open_offer;
      const offers::OfferState st = o.state;
      // Out to the candidate (approved: about to be): kept. A draft or an offer still waiting for approval is
      // one option beside the tiers — the plan may replace its terms (an edit sends it back to draft).
      if (st == offers::OfferState::kApproved || st == offers::OfferState::kSent) pc.required = true;
      auto table = offers::ComputeValueTable(o.terms);
      if (!table.ok()) {
        out.notes.push_back(c.name + ": offer " + std::to_string(o.offer_id) + " left out (" + table.status().message() + ")");
        if (pc.required) continue;
      } else {
        if (o.terms.currency != offers::Currency::kUsd)
          out.notes.push_back(c.name + ": offer " + std::to_string(o.offer_id) + " is not in USD; its amounts count as dollars");
        const std::int64_t team = o.terms.team ? o.terms.team->headcount : 0;
        const std::int64_t reports = o.terms.team ? o.terms.team->direct_reports_cap : 0;
        const std::int64_t gpus = o.terms.compute ? o.terms.compute->gpus : 0;
        OfferTerms mt{table->four_year, gpus, team, reports};
        // Approved or sent: the ledger already holds its reservation, so it takes no more free capacity.
        const bool reserved = st == offers::OfferState::kApproved || st == offers::OfferState::kSent;
        std::vector<const PoolCapacity*> pools;
        if (gpus > 0 && !reserved)
          for (const PoolCapacity& p : in.pools)
            if (p.pool.gpu_type == o.terms.compute->gpu_type &&
                (o.terms.compute->site.empty() || p.pool.site == o.terms.compute->site))
              pools.push_back(&p);
        if (gpus > 0 && !reserved && pools.empty()) {
          out.notes.push_back(c.name + ": offer " + std::to_string(o.offer_id) + " promises " + o.terms.compute->gpu_type +
                              " GPUs but the fleet has no such pool");
          if (pc.required)
            return Status::InvalidInput("no plan fits: the offer out to " + c.name + " (offer " + std::to_string(o.offer_id) +
                                        ") promises " + o.terms.compute->gpu_type + " GPUs the fleet does not have");
        } else {
          const std::string state_name(offers::OfferStateName(st));
          auto one = [&](const PoolCapacity* p) -> Status {
            Draft d;
            d.source.kind = OptionSource::Kind::kExistingOffer;
            d.source.offer_id = o.offer_id;
            d.source.key = "offer:" + std::to_string(o.offer_id) + (p ? "@" + std::to_string(p->pool.id) : "");
            d.source.terms = o.terms;
            if (p && o.terms.compute) d.source.terms.compute->site = p->pool.site;
            d.four_year = table->four_year;
            d.first_year = table->first_year;
            d.source.first_year_minor = d.first_year;
            d.slots = 1 + team;
            if (p) {
              d.pool_id = p->pool.id, d.gpus = gpus;
              d.start = o.terms.compute->start_day, d.end = o.terms.compute->end_day;
            }
            d.option.label = "offer #" + std::to_string(o.offer_id) + " (" + state_name + ") " + Dollars(d.four_year) + "/4y" +
                             (gpus > 0 ? " · " + std::to_string(gpus) + " " + o.terms.compute->gpu_type +
                                             (p ? " @ " + p->pool.site : "")
                                       : "") +
                             (team > 0 ? " · team " + std::to_string(team) : "");
            d.option.four_year_value_minor = d.four_year;
            return add(std::move(d), mt);
          };
          if (pools.empty()) ST_RETURN_IF_ERROR(one(nullptr));
          for (const PoolCapacity* p : pools) ST_RETURN_IF_ERROR(one(p));
        }
      }
    }
    if (!pc.required) {
      for (size_t m = 0; m < tiers.size(); ++m)
        for (size_t g = 0; g < set.gpu_levels.size(); ++g)
          for (size_t t = 0; t < set.team_levels.size(); ++t) {
            const std::int64_t gpus = set.gpu_levels[g], team = set.team_levels[t];
            OfferTerms mt{tiers[m].four_year, gpus, team, team};
            auto one = [&](const PoolCapacity* p) -> Status {
              Draft d;
              d.source.kind = OptionSource::Kind::kTier;
              d.source.key = "m" + std::to_string(m) + ".g" + std::to_string(g) + ".t" + std::to_string(t) +
                             (p ? "@" + std::to_string(p->pool.id) : "");
              d.source.terms = tiers[m].terms;
              if (team > 0) d.source.terms.team = offers::TeamPromise{team, 0, static_cast<std::int32_t>(team)};
              if (p) d.source.terms.compute = compute::ComputePromise{gpus, p->pool.gpu_type, p->pool.site, start, 0};
              d.four_year = tiers[m].four_year;
              d.first_year = tiers[m].first_year;
              d.source.first_year_minor = d.first_year;
              d.slots = 1 + team;
              if (p) d.pool_id = p->pool.id, d.gpus = gpus, d.start = start, d.end = 0;
              d.option.label = Label(money[m].label, d.four_year, gpus, set.gpu_type, p ? p->pool.site : "", team);
              return add(std::move(d), mt);
            };
            if (gpus == 0) ST_RETURN_IF_ERROR(one(nullptr));
            else
              for (const PoolCapacity* p : tier_pools) ST_RETURN_IF_ERROR(one(p));
          }
    }
    inst.candidates.push_back(std::move(pc));
    out.person_ids.push_back(c.person_id);
    out.stages.push_back(std::string(campaign::StageName(c.stage)));
    out.value_sources.push_back(value_source);
    drafts.push_back(std::move(opts));
  }
  if (inst.candidates.empty()) {
    std::string names;
    for (campaign::Stage st : set.stages) names += (names.empty() ? "" : ", ") + std::string(campaign::StageName(st));
    return Status::InvalidInput("no candidates to plan: nobody in the stages " + names + " (planning.stages)");
  }

  // Resources: money, team slots, then GPUs per pool and interval.
  std::vector<std::function<std::int64_t(const Draft&)>> amount;
  if (set.budget_4y_minor > 0) {
    inst.resources.push_back({"budget_4y", "minor", set.budget_4y_minor});
    amount.push_back([](const Draft& d) { return d.four_year; });
  }
  if (set.budget_first_year_minor > 0) {
    inst.resources.push_back({"budget_first_year", "minor", set.budget_first_year_minor});
    amount.push_back([](const Draft& d) { return d.first_year; });
  }
  if (set.team_slots > 0) {
    inst.resources.push_back({"team_slots", "slot", set.team_slots});
    amount.push_back([](const Draft& d) { return d.slots; });
  }
  for (const PoolCapacity& p : in.pools) {
    std::set<std::int32_t> cuts;
    for (const auto& opts : drafts)
      for (const Draft& d : opts)
        if (d.pool_id == p.pool.id) {
          cuts.insert(d.start);
          if (d.end != 0) cuts.insert(d.end);
        }
    std::vector<std::int32_t> days(cuts.begin(), cuts.end());
    for (size_t j = 0; j < days.size(); ++j) {
      const std::int32_t from = days[j], to = j + 1 < days.size() ? days[j + 1] : compute::kOpenEnd;
      const std::int64_t pool = p.pool.id;
      auto active = [pool, from](const Draft& d) {
        return d.pool_id == pool && d.start <= from && (d.end == 0 || d.end > from);
      };
      bool any = false;
      for (const auto& opts : drafts)
        for (const Draft& d : opts) any |= active(d);
      if (!any) continue;
      inst.resources.push_back({"gpu:" + p.pool.site + "/" + p.pool.gpu_type + ":" + offers::FormatDate(from), "gpu",
                                MinFree(p, from, to)});
      amount.push_back([active](const Draft& d) { return active(d) ? d.gpus : 0; });
    }
  }

  out.parsed.explanations.resize(inst.candidates.size());
  out.sources.resize(inst.candidates.size());
  for (size_t i = 0; i < inst.candidates.size(); ++i) {
    for (Draft& d : drafts[i]) {
      d.option.use.clear();
      for (const auto& f : amount) d.option.use.push_back(f(d));
      inst.candidates[i].options.push_back(std::move(d.option));
      out.parsed.explanations[i].push_back(d.explanation);
      out.sources[i].push_back(std::move(d.source));
    }
  }
  ST_RETURN_IF_ERROR(inst.Validate());
  return out;
}

std::string PipelinePlanToJson(const PipelineInstance& pi, const Plan& plan) {
  json j = json::parse(PlanToJson(pi.parsed, plan));
  for (size_t i = 0; i < j["candidates"].size() && i < pi.person_ids.size(); ++i) {
    json& c = j["candidates"][i];
    c["person_id"] = pi.person_ids[i];
    c["stage"] = pi.stages[i];
    c["value_source"] = pi.value_sources[i];
    c["required"] = pi.parsed.instance.candidates[i].required;
    const int32_t k = plan.choice[i];
    if (k < 0) continue;
    const OptionSource& s = pi.sources[i][k];
    c["key"] = s.key;
    c["kind"] = s.kind == OptionSource::Kind::kTier ? "tier" : "offer";
    if (s.offer_id) c["offer_id"] = s.offer_id;
    c["first_year_value"] = s.first_year_minor;
    if (s.terms.compute) {
      c["gpu_type"] = s.terms.compute->gpu_type;
      c["site"] = s.terms.compute->site;
    }
  }
  j["notes"] = pi.notes;
  return j.dump(2);
}

}  // namespace st::planning
