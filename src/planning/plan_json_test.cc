#include "planning/plan_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cmath>

#include "planning/cbc_solver.h"

namespace st::planning {
namespace {

constexpr const char* kInstance = R"({
  "policy": "worst_case",
  "campaign": {"mission_clarity": 4, "reorganisations_12m": 2},
  "acceptance": {"labs": {"Google DeepMind": 300}},
  "resources": [{"name": "budget_4y", "unit": "minor", "capacity": 1000000000},
                {"name": "gpu:h100:2027-01", "unit": "gpu", "capacity": 600},
                {"name": "team_slots", "unit": "slot", "capacity": 4}],
  "candidates": [
    {"id": "c1", "name": "Ada", "value": 90, "current_package_4y": 300000000, "current_lab": "Google DeepMind",
     "relocation_needed": true, "warm_path": true,
     "options": [{"label": "A", "four_year_value": 450000000, "guaranteed_gpus": 256, "team_size": 2,
                  "direct_reports": 2},
                 {"label": "drafted", "p_accept": 0.55, "four_year_value": 600000000,
                  "uses": {"gpu:h100:2027-01": 512, "team_slots": 1}}]},
    {"id": 7, "value": 40, "options": [{"label": "B", "four_year_value": 500000000, "guaranteed_gpus": 64}]}
  ]})";

TEST(PlanJson, ParsesTheDocumentedFormat) {
  AcceptanceModel model;
  auto parsed = ParsePlanInstance(kInstance, model);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  const PlanInstance& in = parsed->instance;
  ASSERT_EQ(in.resources.size(), 3u);
  ASSERT_EQ(in.candidates.size(), 2u);
  EXPECT_EQ(in.candidates[1].id, "7");
  EXPECT_EQ(parsed->acceptance.reorganisations_last_12_months, 2);
  // Derived uses by unit; explicit uses override (missing explicit entries still derive).
  EXPECT_EQ(in.candidates[0].options[0].use, (std::vector<int64_t>{450000000, 256, 3}));
  EXPECT_EQ(in.candidates[0].options[1].use, (std::vector<int64_t>{600000000, 512, 1}));
  // P(accept) from the model (with its explanation) unless given.
  EXPECT_DOUBLE_EQ(in.candidates[0].options[1].p_accept, 0.55);
  ASSERT_TRUE(parsed->explanations[0][0].has_value());
  EXPECT_FALSE(parsed->explanations[0][1].has_value());
  EXPECT_DOUBLE_EQ(parsed->explanations[0][0]->probability, in.candidates[0].options[0].p_accept);
  EXPECT_NEAR(parsed->explanations[0][0]->parts[static_cast<int>(Feature::kMissionClarity)].value, 0.25, 1e-12);
  EXPECT_NEAR(parsed->explanations[0][0]->parts[static_cast<int>(Feature::kCompute)].value, std::log(257.0 / 301.0),
              1e-12);

  auto backend = MakeCbcBackend();
  auto plan = Optimise(in, *backend);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  auto j = nlohmann::json::parse(PlanToJson(*parsed, *plan));
  EXPECT_EQ(j["policy"], "worst_case");
  EXPECT_TRUE(j["proven_optimal"].get<bool>());
  ASSERT_EQ(j["candidates"].size(), 2u);
  ASSERT_EQ(j["resources"].size(), 3u);
  for (const auto& c : j["candidates"]) {
    if (c["option"].is_null() || !c.contains("explanation")) continue;
    double sum = c["explanation"]["intercept"].get<double>();
    for (const auto& [name, f] : c["explanation"]["features"].items()) sum += f["contribution"].get<double>();
    EXPECT_NEAR(sum, c["explanation"]["logit"].get<double>(), 1e-12);
  }
}

TEST(PlanJson, ErrorsNameThePath) {
  AcceptanceModel model;
  for (auto [json, path] : std::initializer_list<std::pair<const char*, const char*>>{
           {R"({"resources": [], "candidates": [{"id": "a", "value": 1, "options": [{"colour": 1}]}]})",
            "candidates[0].options[0].colour: unknown field"},
           {R"({"resources": [{"name": "b", "capacity": 1.5}], "candidates": []})", "resources[0].capacity"},
           {R"({"resources": [], "candidates": [{"id": "a", "value": -1, "options": []}]})", "candidates[0].value"},
           {R"({"resources": [], "candidates": [{"id": "a", "value": 1,
                "options": [{"four_year_value": -5}]}]})", "candidates[0].options[0].four_year_value"},
           {R"({"resources": [{"name": "b", "capacity": 1}], "candidates": [{"id": "a", "value": 1,
                "options": [{"uses": {"gpus": 3}}]}]})", "candidates[0].options[0].uses.gpus: no such resource"},
           {R"({"policy": "yolo", "resources": [], "candidates": []})", "policy"},
           {R"({"campaign": {"mission_clarity": 7}, "resources": [], "candidates": []})", "campaign.mission_clarity"},
           {R"({"acceptance": {"labs": {"x": "many"}}, "resources": [], "candidates": []})", "acceptance.labs.x"},
           {R"({"resources": [], "candidates": [{"id": "a", "value": 1, "options": []},
                {"id": "a", "value": 1, "options": []}]})", "duplicate 'a'"},
           {"{", "not valid JSON"}}) {
    auto r = ParsePlanInstance(json, model);
    ASSERT_FALSE(r.ok()) << json;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput);
    EXPECT_NE(r.status().message().find(path), std::string::npos) << r.status().message();
  }
}

TEST(PlanJson, ParseDollarsIsExact) {
  EXPECT_EQ(*ParseDollars("250M"), 25'000'000'000);
  EXPECT_EQ(*ParseDollars("$1.5B"), 150'000'000'000);
  EXPECT_EQ(*ParseDollars("300k"), 30'000'000);
  EXPECT_EQ(*ParseDollars("1,234.56"), 123'456);
  EXPECT_EQ(*ParseDollars("0.07"), 7);
  EXPECT_EQ(*ParseDollars("92233720368547758.07"), INT64_MAX);
  for (const char* bad : {"", "$", "12x", "1.234", "92233720368547758.08", "1e6", "-5"})
    EXPECT_FALSE(ParseDollars(bad).ok()) << bad;
}

}  // namespace
}  // namespace st::planning
