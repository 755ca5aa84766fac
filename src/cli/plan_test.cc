// End-to-end: the built `superteam plan` on the documented example instance (docs/examples/plan.json).
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "base/test_paths.h"
#include "cli/cli_test_run.h"

namespace {

using st::testing::CliRun;

CliRun Plan(const std::string& args, bool with_stderr = false) {
  return st::testing::RunShell(std::string(ST_SUPERTEAM_BIN) + " plan " + args +
                               (with_stderr ? " 2>&1" : " 2>/dev/null"));
}

std::string Example() { return st::testing::SourceDir() + "/docs/examples/plan.json"; }

TEST(PlanCli, PlansTheDocumentedExample) {
  CliRun r = Plan("--input " + Example() + " --json --curve 4");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j["proven_optimal"].get<bool>());
  EXPECT_EQ(j["candidates"].size(), 4u);
  // The counter-offer already out is kept.
  EXPECT_EQ(j["candidates"][3]["id"], "di");
  EXPECT_EQ(j["candidates"][3]["option"], 0);
  // Every limit holds even if all accept (worst-case policy).
  for (const auto& res : j["resources"]) EXPECT_LE(res["committed"].get<double>(), res["capacity"].get<double>());
  ASSERT_EQ(j["curve"].size(), 4u);
  double last = -1;
  for (const auto& point : j["curve"]) {
    EXPECT_GE(point["expected_talent"].get<double>(), last - 1e-9);  // more budget never plans worse
    last = point["expected_talent"].get<double>();
  }
}

TEST(PlanCli, BudgetFlagAndTextOutput) {
  CliRun tight = Plan("--input " + Example() + " --budget 10M --json");
  CliRun loose = Plan("--input " + Example() + " --budget '$1B' --json");
  ASSERT_EQ(tight.exit_code, 0);
  ASSERT_EQ(loose.exit_code, 0);
  auto t = nlohmann::json::parse(tight.out), l = nlohmann::json::parse(loose.out);
  EXPECT_EQ(t["resources"][0]["capacity"], 1'000'000'000);
  EXPECT_LT(t["objective"].get<double>(), l["objective"].get<double>());
  CliRun text = Plan("--input " + Example());
  ASSERT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("proven optimal"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("per $1M"), std::string::npos) << text.out;
}

TEST(PlanCli, ClearErrors) {
  CliRun r = Plan("--input " + Example() + " --budget 1M", true);
  EXPECT_EQ(r.exit_code, 2);  // the counter-offer already out needs $5M
  EXPECT_NE(r.out.find("no plan fits: the offers already out (di) need at least"), std::string::npos) << r.out;
  r = Plan("--input /nonexistent/plan.json", true);
  EXPECT_NE(r.exit_code, 0);
  r = Plan("--input " + Example() + " --capacity nosuch=4", true);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("nosuch=4"), std::string::npos) << r.out;
}

}  // namespace
