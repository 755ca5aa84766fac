// `superteam plan --input FILE.json` or `superteam plan --db URL`: what to offer whom — one option (or none) per candidate maximising
// expected talent under the budget, GPU pools and team slots, with the proven gap, the binding constraints
// and what one more dollar / GPU / slot is worth. Instance format: docs/planning.md.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <memory>
#include <cstdio>
#include <string>
#include <vector>

#include "base/fs.h"
#include "cli/commands.h"
#include "cli/table_cell.h"
#include "planning/cbc_solver.h"
#include "planning/optimiser.h"
#include "planning/pipeline_store.h"
#include "planning/plan_json.h"
#include "store/open_store.h"

namespace st::cli {
namespace {

std::string Money(double cents) {
  double d = cents / 100.0;
  char buf[64];
  if (std::abs(d) >= 1e9) std::snprintf(buf, sizeof buf, "$%.2fB", d / 1e9);
  else if (std::abs(d) >= 1e6) std::snprintf(buf, sizeof buf, "$%.2fM", d / 1e6);
  else if (std::abs(d) >= 1e3) std::snprintf(buf, sizeof buf, "$%.1fk", d / 1e3);
  else std::snprintf(buf, sizeof buf, "$%.2f", d);
  return buf;
}

std::string Amount(const std::string& unit, double v) {
  if (unit == "minor") return Money(v);
  char buf[64];
  std::snprintf(buf, sizeof buf, std::abs(v - std::round(v)) < 1e-9 ? "%.0f" : "%.1f", v);
  return buf;
}

// What one more unit is worth, in a unit people think in: per $1M for money.
std::string Marginal(const std::string& unit, double per_unit) {
  char buf[64];
  if (unit == "minor") std::snprintf(buf, sizeof buf, "%.4g per $1M", per_unit * 1e8);
  else std::snprintf(buf, sizeof buf, "%.4g per %s", per_unit, unit.empty() ? "unit" : unit.c_str());
  return buf;
}

}  // namespace

int RunPlan(int argc, char** argv) {
  CLI::App app{"Plan offers: one option (or none) per candidate maximising expected talent Σ P(accept)·value "
               "under the budget, GPU pools and team slots, with a proven optimality gap."};
  std::string input, db_url, budget, first_year_budget, policy, method = "structured";
  std::vector<std::string> capacities, values;
  std::int64_t team_slots = -1;
  bool draft_offers = false;
  double time_limit = 10, gap = 0;
  int curve = 0;
  bool json = false;
  auto* input_opt = app.add_option("--input", input, "instance JSON (docs/planning.md)");
  auto* db_opt = app.add_option("--db", db_url,
                                "plan the pipeline of a campaign store (sqlite:PATH, PATH or postgresql://...): "
                                "candidates, menus from the 'planning' settings, drafted offers, the ledger's free GPUs");
  input_opt->excludes(db_opt);
  app.add_option("--budget", budget,
                 "4-year dollars for the money resource ('budget_4y', else the first with unit \"minor\"): 250M, $1.5B");
  app.add_option("--first-year-budget", first_year_budget, "--db: first-year cash budget in dollars")->needs(db_opt);
  app.add_option("--team-slots", team_slots, "--db: hires + their teams (0 = no limit)")->needs(db_opt)
      ->check(CLI::Range(0, 1000000));
  app.add_option("--value", values, "--db: PERSON_ID=VALUE, the CEO's value of a candidate (repeatable)")->needs(db_opt);
  app.add_flag("--draft-offers", draft_offers,
               "--db: turn the plan into draft offers (they then need the normal approvals)")->needs(db_opt);
  app.add_option("--capacity", capacities, "NAME=AMOUNT in the resource's unit (repeatable)");
  app.add_option("--policy", policy, "worst-case (fits even if all accept) or expected (fits on average)")
      ->check(CLI::IsMember({"worst_case", "worst-case", "expected"}));
  app.add_option("--time-limit", time_limit, "seconds; the best plan by then is returned with its gap")
      ->check(CLI::Range(0.01, 86400.0));
  app.add_option("--gap", gap, "stop at this relative gap (0 = prove optimality)")->check(CLI::Range(0.0, 1.0));
  app.add_option("--method", method, "structured (default), cbc (CBC alone), hull, greedy")
      ->check(CLI::IsMember({"structured", "cbc", "hull", "greedy"}));
  app.add_option("--curve", curve, "also plan at N budgets, 2/N to 2 times the budget (expected talent and hires vs budget)")
      ->check(CLI::Range(0, 50));
  app.add_flag("--json", json, "print JSON");
  CLI11_PARSE(app, argc, argv);
  if (input.empty() && db_url.empty()) {
    std::fprintf(stderr, "superteam plan: give --input FILE.json or --db URL\n");
    return 2;
  }

  auto fail = [](const Status& s) {
    std::fprintf(stderr, "superteam plan: %s\n", s.ToString().c_str());
    return s.code() == StatusCode::kInvalidInput ? 2 : 1;
  };
  planning::AcceptanceModel model;
  planning::PipelineInstance pipe;  // --db: the whole of it; --input: only .parsed
  std::unique_ptr<store::Store> store;
  if (!db_url.empty()) {
    auto opened = store::OpenStore(db_url);
    if (!opened.ok()) return fail(opened.status());
    store = std::move(*opened);
    planning::PlanRequest req;
    req.policy = policy == "expected" ? planning::CommitmentPolicy::kExpected : planning::CommitmentPolicy::kWorstCase;
    if (!budget.empty()) {
      auto cents = planning::ParseDollars(budget);
      if (!cents.ok()) return fail(Status::InvalidInput("--budget: " + cents.status().message()));
      req.budget_4y_minor = *cents;
    }
    if (!first_year_budget.empty()) {
      auto cents = planning::ParseDollars(first_year_budget);
      if (!cents.ok()) return fail(Status::InvalidInput("--first-year-budget: " + cents.status().message()));
      req.budget_first_year_minor = *cents;
    }
    if (team_slots >= 0) req.team_slots = team_slots;
    for (const std::string& v : values) {
      auto eq = v.find('=');
      try {
        size_t a = 0, b = 0;
        if (eq == std::string::npos) throw std::invalid_argument(v);
        std::int64_t id = std::stoll(v.substr(0, eq), &a);
        double value = std::stod(v.substr(eq + 1), &b);
        if (a != eq || b != v.size() - eq - 1 || !(value >= 0)) throw std::invalid_argument(v);
        req.values[id] = value;
      } catch (const std::exception&) {
        return fail(Status::InvalidInput("--value " + v + ": expected PERSON_ID=VALUE with a value >= 0"));
      }
    }
    const store::Actor cli{0, "cli", campaign::Role::kCeo, ""};
    const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                                 std::chrono::system_clock::now().time_since_epoch()).count();
    auto inputs = planning::LoadPipelineInputs(*store, cli, req, now);
    if (!inputs.ok()) return fail(inputs.status());
    auto built = planning::BuildPipelineInstance(*inputs, model);
    if (!built.ok()) return fail(built.status());
    pipe = std::move(*built);
    budget.clear();  // already applied
  } else {
    auto text = ReadFileToString(input);
    if (!text.ok()) return fail(text.status());
    auto parsed_file = planning::ParsePlanInstance(*text, model);
    if (!parsed_file.ok()) return fail(Status::InvalidInput(input + ": " + parsed_file.status().message()));
    pipe.parsed = std::move(*parsed_file);
  }
  planning::ParsedInstance* parsed = &pipe.parsed;
  planning::PlanInstance& in = parsed->instance;
  if (policy == "expected") in.policy = planning::CommitmentPolicy::kExpected;
  if (policy == "worst_case" || policy == "worst-case") in.policy = planning::CommitmentPolicy::kWorstCase;
  int money = -1;
  for (size_t r = 0; r < in.resources.size(); ++r)
    if (in.resources[r].name == "budget_4y" || (money < 0 && in.resources[r].unit == "minor")) money = static_cast<int>(r);
  if (!budget.empty()) {
    if (money < 0) return fail(Status::InvalidInput("--budget: the instance has no money resource (unit \"minor\")"));
    auto cents = planning::ParseDollars(budget);
    if (!cents.ok()) return fail(Status::InvalidInput("--budget: " + cents.status().message()));
    in.resources[money].capacity = *cents;
  }
  for (const std::string& c : capacities) {
    auto eq = c.find('=');
    bool found = false;
    for (auto& r : in.resources) {
      if (eq == std::string::npos || r.name != c.substr(0, eq)) continue;
      try {
        size_t used = 0;
        r.capacity = std::stoll(c.substr(eq + 1), &used);
        if (used != c.size() - eq - 1) throw std::invalid_argument(c);
      } catch (const std::exception&) {
        return fail(Status::InvalidInput("--capacity " + c + ": AMOUNT must be an integer"));
      }
      found = true;
    }
    if (!found) return fail(Status::InvalidInput("--capacity " + c + ": expected NAME=AMOUNT with a resource's name"));
  }

  planning::OptimiseOptions opt;
  opt.time_limit_seconds = time_limit;
  opt.relative_gap = gap;
  opt.method = method == "cbc"    ? planning::OptimiseMethod::kSolverOnly
               : method == "hull" ? planning::OptimiseMethod::kHullGreedy
               : method == "greedy" ? planning::OptimiseMethod::kValueGreedy
                                    : planning::OptimiseMethod::kStructured;
  auto backend = planning::MakeCbcBackend();
  auto plan = planning::Optimise(in, *backend, opt);
  if (!plan.ok()) return fail(plan.status());

  // Expected talent and hires against the budget (each point solved to a 0.1% gap).
  struct Point {
    int64_t budget;
    double objective, hires, gap;
  };
  std::vector<Point> points;
  if (curve > 0 && money >= 0) {
    const int64_t base = in.resources[money].capacity;
    planning::OptimiseOptions copt = opt;
    copt.relative_gap = std::max(gap, 0.001);
    for (int k = 1; k <= curve; ++k) {
      planning::PlanInstance at = in;
      at.resources[money].capacity = static_cast<int64_t>(static_cast<__int128>(base) * 2 * k / curve);
      auto p = planning::Optimise(at, *backend, copt);
      if (p.ok()) points.push_back({at.resources[money].capacity, p->objective, p->expected_hires, p->gap});
      else std::fprintf(stderr, "superteam plan: at %s: %s\n", Money(static_cast<double>(at.resources[money].capacity)).c_str(),
                        p.status().message().c_str());
    }
  }

  // --draft-offers: every offer of the plan becomes a draft through the offers code path.
  std::vector<planning::DraftOfferOutcome> drafted;
  if (draft_offers) {
    std::vector<std::pair<std::int64_t, std::string>> choices;
    for (size_t i = 0; i < in.candidates.size(); ++i)
      if (plan->choice[i] >= 0) choices.emplace_back(pipe.person_ids[i], pipe.sources[i][plan->choice[i]].key);
    auto made = planning::CreateDraftOffers(*store, store::Actor{0, "cli", campaign::Role::kCeo, ""}, pipe, choices);
    if (!made.ok()) return fail(made.status());
    drafted = std::move(*made);
  }

  if (json) {
    std::string out = db_url.empty() ? planning::PlanToJson(*parsed, *plan) : planning::PipelinePlanToJson(pipe, *plan);
    if (!points.empty()) {
      auto j = nlohmann::json::parse(out);
      for (const Point& p : points)
        j["curve"].push_back({{"budget", p.budget}, {"expected_talent", p.objective}, {"expected_hires", p.hires},
                              {"gap", p.gap}});
      out = j.dump(2);
    }
    if (draft_offers) {
      auto j = nlohmann::json::parse(out);
      j["draft_offers"] = nlohmann::json::array();
      for (const auto& d : drafted)
        j["draft_offers"].push_back({{"person_id", d.person_id}, {"name", d.name}, {"key", d.key},
                                     {"outcome", d.outcome}, {"offer_id", d.offer_id}, {"error", d.error}});
      out = j.dump(2);
    }
    std::printf("%s\n", out.c_str());
    return 0;
  }
  std::printf("Plan (%s commitment): %d offers, expected talent %.2f, expected hires %.2f\n",
              planning::PolicyName(in.policy) == "worst_case" ? "worst-case" : "expected-use", plan->offers,
              plan->objective, plan->expected_hires);
  if (std::isfinite(plan->bound))
    std::printf("bound %.4f, gap %.4f%% (%s), %.3f s\n\n", plan->bound, plan->gap * 100,
                plan->stats.stopped_by.c_str(), plan->stats.seconds);
  else
    std::printf("no bound (%s heuristic), %.3f s\n\n", method.c_str(), plan->stats.seconds);
  std::printf("%-24s %-28s %8s %8s %10s %10s %6s %5s\n", "candidate", "option", "value", "P(acc)", "expected",
              "4y value", "GPUs", "team");
  for (size_t i = 0; i < in.candidates.size(); ++i) {
    const auto& c = in.candidates[i];
    int32_t k = plan->choice[i];
    std::string who = c.name.empty() ? c.id : c.name;
    if (k < 0) {
      std::printf("%s %s %8.2f\n", Cell(who, 24).c_str(), Cell("(no offer)", 28).c_str(), c.value);
      continue;
    }
    const auto& o = c.options[k];
    std::printf("%s %s %8.2f %7.1f%% %10.2f %10s %6lld %5lld\n", Cell(who, 24).c_str(),
                Cell(o.label.empty() ? "option " + std::to_string(k) : o.label, 28).c_str(), c.value,
                o.p_accept * 100, o.p_accept * c.value, Money(static_cast<double>(o.four_year_value_minor)).c_str(),
                static_cast<long long>(o.guaranteed_gpus), static_cast<long long>(o.team_size));
  }
  std::printf("\n%-24s %12s %12s %12s %8s  %s\n", "resource", "capacity", "used", "if all accept", "binding",
              "one more is worth (LP dual)");
  for (const auto& r : plan->resources)
    std::printf("%s %12s %12s %12s %8s  %s\n", Cell(r.name, 24).c_str(),
                Amount(r.unit, static_cast<double>(r.capacity)).c_str(), Amount(r.unit, r.used).c_str(),
                Amount(r.unit, r.committed).c_str(), r.binding ? "yes" : "no",
                Marginal(r.unit, r.marginal_value).c_str());
  if (!points.empty()) {
    std::printf("\n%14s %16s %14s\n", "budget", "expected talent", "expected hires");
    for (const Point& p : points)
      std::printf("%14s %16.2f %14.2f\n", Money(static_cast<double>(p.budget)).c_str(), p.objective, p.hires);
  }
  for (const std::string& note : pipe.notes) std::printf("note: %s\n", note.c_str());
  if (draft_offers) {
    std::printf("\ndraft offers:\n");
    for (const auto& d : drafted)
      std::printf("  %s %-8s %s%s\n", Cell(d.name, 24).c_str(), d.outcome.c_str(),
                  d.offer_id ? ("offer " + std::to_string(d.offer_id)).c_str() : "", d.error.c_str());
  }
  return 0;
}

}  // namespace st::cli
