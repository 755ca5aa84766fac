// Planning the pipeline (pipeline.h): the "planning" settings, the menus, and — the point — that a plan
// under the worst-case policy fits the compute ledger on every day when every offer in it is accepted,
// checked by adding the plan's promises to a compute::Ledger and verifying it.
#include "planning/pipeline.h"

#include <gtest/gtest.h>

#include <random>

#include <nlohmann/json.hpp>

#include "planning/cbc_solver.h"
#include "planning/optimiser.h"

namespace st::planning {
namespace {

constexpr offers::Day kToday = 20'400;  // 2025-11-09

PipelineCandidate Candidate(std::int64_t id, double score, campaign::Stage stage = campaign::Stage::kReplied) {
  PipelineCandidate c;
  c.person_id = id;
  c.name = "person " + std::to_string(id);
  c.stage = stage;
  c.graph_score = score;
  c.facts.current_lab = id % 2 ? "Google DeepMind" : "Stanford University";
  return c;
}

std::vector<PoolCapacity> PoolsOf(const compute::Ledger& ledger) {
  std::vector<PoolCapacity> out;
  for (const compute::Pool& p : ledger.pools()) out.push_back({p, ledger.Timeline(p.id)});
  return out;
}

TEST(PlanningSettingsTest, DefaultsRoundTripAndErrorsNameTheField) {
  auto s = PlanningSettings::FromJson("{}");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->gpu_levels, (std::vector<std::int64_t>{0, 256, 1024}));
  auto again = PlanningSettings::FromJson(s->ToJson());
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->ToJson(), s->ToJson());

  auto bad = PlanningSettings::FromJson(R"({"gpu_levels": [0, -5]})");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("planning.gpu_levels[1]"), std::string::npos) << bad.status().message();
  bad = PlanningSettings::FromJson(R"({"money_levels": [{"label": "x", "base_salary_minor": 1, "colour": 2}]})");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("planning.money_levels[0].colour"), std::string::npos);
  bad = PlanningSettings::FromJson(R"({"stages": ["joined"]})");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("planning.stages[0]"), std::string::npos);
}

TEST(PipelineInstanceTest, NoBudgetOrNoCandidatesIsAClearError) {
  PipelineInputs in;
  in.today = kToday;
  in.candidates.push_back(Candidate(1, 10));
  auto r = BuildPipelineInstance(in, AcceptanceModel());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("no budget"), std::string::npos) << r.status().message();

  in.settings.budget_4y_minor = 1'000'000'000;
  in.candidates[0].stage = campaign::Stage::kIdentified;  // not in the default stages
  r = BuildPipelineInstance(in, AcceptanceModel());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("no candidates to plan"), std::string::npos) << r.status().message();
}

TEST(PipelineInstanceTest, MenusValuesAndOffersOut) {
  compute::Ledger ledger{compute::ComputeSettings{}};
  ASSERT_TRUE(ledger.AddPool({1, "west", "H100"}).ok());
  ASSERT_TRUE(ledger.AddCapacity({1, kToday - 100, 10'000}).ok());
  PipelineInputs in;
  in.today = kToday;
  in.pools = PoolsOf(ledger);
  in.settings.budget_4y_minor = 100'000'000'000;  // $1B
  in.candidates.push_back(Candidate(1, 10));
  in.candidates.push_back(Candidate(2, 10));
  in.candidates.back().ceo_value = 99;
  PipelineCandidate sent = Candidate(3, 5, campaign::Stage::kOffer);
  offers::OfferTerms t;
  t.base_salary_minor = 50'000'000;
  t.title = "Member of Technical Staff";
  t.start_day = kToday + 30;
  t.expiry_day = kToday + 10;
  t.compute = compute::ComputePromise{512, "H100", "", kToday + 30, 0};
  sent.open_offer = PipelineOffer{77, offers::OfferState::kSent, t};
  in.candidates.push_back(sent);
  PipelineCandidate pending = Candidate(4, 5, campaign::Stage::kOffer);
  pending.open_offer = PipelineOffer{78, offers::OfferState::kPendingApproval, t};
  in.candidates.push_back(pending);

  auto pi = BuildPipelineInstance(in, AcceptanceModel());
  ASSERT_TRUE(pi.ok()) << pi.status().ToString();
  const PlanInstance& inst = pi->parsed.instance;
  EXPECT_TRUE(pi->notes.empty()) << pi->notes.front();
  ASSERT_EQ(inst.candidates.size(), 4u);
  // 3 money × (1 + 2 GPU levels × 1 pool) × 2 team levels = 18 tiers.
  EXPECT_EQ(inst.candidates[0].options.size(), 18u);
  EXPECT_EQ(pi->value_sources[0], "graph");
  EXPECT_EQ(pi->value_sources[1], "ceo");
  EXPECT_DOUBLE_EQ(inst.candidates[1].value, 99);
  // The sent offer is required, its GPUs already reserved: it uses no free GPU capacity.
  ASSERT_TRUE(inst.candidates[2].required);
  ASSERT_EQ(inst.candidates[2].options.size(), 1u);
  EXPECT_EQ(pi->sources[2][0].key, "offer:77");
  // The pending one is an option beside the tiers (the plan may replace it) and does take GPUs (an "anywhere"
  // promise: one option per pool of its type).
  ASSERT_FALSE(inst.candidates[3].required);
  EXPECT_EQ(inst.candidates[3].options.size(), 1u + 18u);
  EXPECT_EQ(pi->sources[3][0].key, "offer:78@1");
  std::int64_t sent_gpu = 0, pending_gpu = 0;
  for (size_t r = 0; r < inst.resources.size(); ++r)
    if (inst.resources[r].unit == "gpu") {
      sent_gpu = std::max(sent_gpu, inst.candidates[2].options[0].use[r]);
      pending_gpu = std::max(pending_gpu, inst.candidates[3].options[0].use[r]);
    }
  EXPECT_EQ(sent_gpu, 0);
  EXPECT_EQ(pending_gpu, 512);
  // Every option's P(accept) comes with an explanation that sums to its logit.
  for (size_t i = 0; i < inst.candidates.size(); ++i)
    for (size_t k = 0; k < inst.candidates[i].options.size(); ++k) {
      ASSERT_TRUE(pi->parsed.explanations[i][k]);
      const Explanation& e = *pi->parsed.explanations[i][k];
      double sum = e.intercept;
      for (const auto& part : e.parts) sum += part.contribution;
      EXPECT_NEAR(sum, e.logit, 1e-9);
      EXPECT_NEAR(e.probability, inst.candidates[i].options[k].p_accept, 1e-12);
    }

  // A budget below what the offers out already need: no plan fits, and the error says so.
  in.settings.budget_4y_minor = 100'000;
  auto tight = BuildPipelineInstance(in, AcceptanceModel());
  ASSERT_TRUE(tight.ok());
  auto backend = MakeCbcBackend();
  auto plan = Optimise(tight->parsed.instance, *backend);
  ASSERT_FALSE(plan.ok());
  EXPECT_NE(plan.status().message().find("no plan fits"), std::string::npos) << plan.status().message();
}

// The plan respects the ledger: random fleets with capacity that grows and retires, promises already held,
// offers out with their own start and end days; the worst-case plan's promises added to the ledger verify.
TEST(PipelineInstanceTest, WorstCasePlansFitTheLedgerOnEveryDay) {
  std::mt19937_64 rng(12);
  auto backend = MakeCbcBackend();
  int gpu_binding = 0;
  for (int round = 0; round < 25; ++round) {
    compute::Ledger ledger{compute::ComputeSettings{}};
    const int pools = 1 + static_cast<int>(rng() % 3);
    for (int p = 1; p <= pools; ++p) {
      ASSERT_TRUE(ledger.AddPool({p, "site" + std::to_string(p), "H100"}).ok());
      ASSERT_TRUE(ledger.AddCapacity({p, kToday - 300, 500 + static_cast<std::int64_t>(rng() % 3000)}).ok());
      // Growth later, and sometimes a retirement that makes the far future the tight spot.
      ASSERT_TRUE(ledger.AddCapacity({p, kToday + 40 + static_cast<int>(rng() % 100), 1000}).ok());
      if (rng() % 2) {
        ASSERT_TRUE(ledger.AddCapacity({p, kToday + 200 + static_cast<int>(rng() % 200), -1400}).ok());
      }
      // Promises already held.
      ASSERT_TRUE(ledger.AddPromise({100 + p, p, static_cast<std::int64_t>(rng() % 400), kToday - 10, 0,
                                     compute::PromiseState::kCommitted}).ok());
    }
    if (!ledger.Verify().empty()) continue;  // a random fleet that is already over-committed: not this test
    PipelineInputs in;
    in.today = kToday;
    in.pools = PoolsOf(ledger);
    in.settings.budget_4y_minor = static_cast<std::int64_t>(20 + rng() % 200) * 100'000'000;  // $20M .. $220M
    in.settings.gpu_levels = {0, 128, 512, 1024};
    in.settings.team_slots = 10 + static_cast<std::int64_t>(rng() % 20);
    const int n = 6 + static_cast<int>(rng() % 10);
    for (int i = 1; i <= n; ++i) {
      PipelineCandidate c = Candidate(i, 1 + static_cast<double>(rng() % 100));
      if (i <= 2) {  // drafts with their own dates (a fixed end for one)
        offers::OfferTerms t;
        t.base_salary_minor = 30'000'000;
        t.title = "Research Scientist";
        t.start_day = kToday + 10 + static_cast<int>(rng() % 300);
        t.expiry_day = kToday + 5;
        t.compute = compute::ComputePromise{static_cast<std::int64_t>(64 + rng() % 700), "H100", "",
                                            t.start_day, i == 1 ? t.start_day + 90 : 0};
        c.stage = campaign::Stage::kOffer;
        c.open_offer = PipelineOffer{i, offers::OfferState::kDraft, t};
      }
      in.candidates.push_back(c);
    }
    auto pi = BuildPipelineInstance(in, AcceptanceModel());
    ASSERT_TRUE(pi.ok()) << pi.status().ToString();
    OptimiseOptions opt;
    opt.relative_gap = 1e-4;
    opt.time_limit_seconds = 1;  // the plan must fit the ledger whether or not it is proven optimal
    auto plan = Optimise(pi->parsed.instance, *backend, opt);
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    std::int64_t id = 1000;
    for (size_t i = 0; i < pi->sources.size(); ++i) {
      const int32_t k = plan->choice[i];
      if (k < 0) continue;
      const OptionSource& s = pi->sources[i][k];
      if (!s.terms.compute || s.terms.compute->gpus == 0) continue;
      const compute::Pool* pool = ledger.FindPool(s.terms.compute->site, s.terms.compute->gpu_type);
      ASSERT_NE(pool, nullptr) << s.key;
      ASSERT_TRUE(ledger.AddPromise({++id, pool->id, s.terms.compute->gpus, s.terms.compute->start_day,
                                     s.terms.compute->end_day, compute::PromiseState::kReserved}).ok());
    }
    auto shortfalls = ledger.Verify();
    EXPECT_TRUE(shortfalls.empty()) << "round " << round << ": " << shortfalls.front().Message();
    for (const ResourceReport& r : plan->resources) gpu_binding += r.unit == "gpu" && r.binding;
  }
  EXPECT_GT(gpu_binding, 0) << "no round had a GPU pool as a binding constraint: the test would prove nothing";
}

TEST(PipelineInstanceTest, PlanJsonCarriesPersonIdsAndKeys) {
  PipelineInputs in;
  in.today = kToday;
  in.settings.budget_4y_minor = 10'000'000'000;
  in.settings.gpu_levels = {0};
  in.candidates.push_back(Candidate(5, 50));
  auto pi = BuildPipelineInstance(in, AcceptanceModel());
  ASSERT_TRUE(pi.ok()) << pi.status().ToString();
  auto backend = MakeCbcBackend();
  auto plan = Optimise(pi->parsed.instance, *backend);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  auto j = nlohmann::json::parse(PipelinePlanToJson(*pi, *plan));
  ASSERT_EQ(j["candidates"].size(), 1u);
  EXPECT_EQ(j["candidates"][0]["person_id"], 5);
  EXPECT_EQ(j["candidates"][0]["kind"], "tier");
  EXPECT_TRUE(j["candidates"][0]["key"].get<std::string>().starts_with("m"));
  EXPECT_TRUE(j["candidates"][0].contains("explanation"));
}

}  // namespace
}  // namespace st::planning
