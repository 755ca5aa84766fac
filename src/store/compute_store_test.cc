// The compute ledger and staff in the store, on SQLite and on PostgreSQL
// (ST_PG_URL; a fresh schema per test): fleet import all-or-nothing, the
// offers' Reserve/Commit/Release helpers, and two store instances racing for
// the last GPUs.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <random>
#include <thread>

#include "base/test_paths.h"
#include "base/test_require.h"
#include "compute/day.h"
#include "compute/demo_fleet.h"
#include "store/open_store.h"
#include "store/sql_store.h"
#include "store/test_database.h"

namespace st::store {

// Reaches the private helpers the offers code calls inside its transactions.
class ComputeStoreTestPeer {
 public:
  static SqlStore& Sql(Store& s) { return dynamic_cast<SqlStore&>(s); }
  static Status Reserve(Store& s, const Actor& a, std::int64_t offer, std::int64_t person,
                        const compute::ComputePromise& p) {
    SqlStore& ss = Sql(s);
    return ss.WithTx(true, [&](SqlConn& c) { return ss.ReserveCompute(c, a, offer, person, p); });
  }
  static Status Commit(Store& s, const Actor& a, std::int64_t offer) {
    SqlStore& ss = Sql(s);
    return ss.WithTx(true, [&](SqlConn& c) { return ss.CommitCompute(c, a, offer); });
  }
  static Status Release(Store& s, const Actor& a, std::int64_t offer, std::string_view why) {
    SqlStore& ss = Sql(s);
    return ss.WithTx(true, [&](SqlConn& c) { return ss.ReleaseCompute(c, a, offer, why); });
  }
  static Result<int> DirectReports(Store& s, std::int64_t manager) {
    SqlStore& ss = Sql(s);
    int n = 0;
    ST_RETURN_IF_ERROR(ss.WithTx(false, [&](SqlConn& c) -> Status {
      ST_ASSIGN_OR_RETURN(n, ss.DirectReports(c, manager));
      return Status::Ok();
    }));
    return n;
  }
  static Status Accept(Store& s, std::int64_t offer, std::int64_t person, std::int64_t manager) {
    SqlStore& ss = Sql(s);
    return ss.WithTx(true, [&](SqlConn& c) { return ss.AcceptReportingLine(c, offer, person, manager); });
  }
};

namespace {

using campaign::Role;
using compute::ComputePromise;
using compute::FleetRow;
using compute::ParseDay;
using Peer = ComputeStoreTestPeer;

std::int32_t D(const char* iso) { return *ParseDay(iso); }

class ComputeStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ST_OPEN_TEST_DATABASE(db_, GetParam(), "compute");
    url_ = db_->url();
    store_ = Open();
    ASSERT_NE(store_, nullptr);
  }
  void TearDown() override {
    store_.reset();
    db_.reset();
  }
  std::unique_ptr<Store> Open() {
    StoreOptions o;
    o.clock = [] { return std::int64_t{1'790'000'000}; };
    auto s = OpenStore(url_, o);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(*s) : nullptr;
  }
  std::vector<FleetRow> Rows(const std::string& csv) {
    auto r = compute::ParseFleetCsv(csv);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : std::vector<FleetRow>{};
  }
  std::int64_t Pools() {
    auto f = store_->GetFleet(ceo_);
    EXPECT_TRUE(f.ok());
    return f.ok() ? static_cast<std::int64_t>(f->pools.size()) : -1;
  }

  std::unique_ptr<testing::TestDatabase> db_;
  std::string url_;
  std::unique_ptr<Store> store_;
  Actor ceo_{0, "cli", Role::kCeo, ""};
  Actor hr_{0, "hanna", Role::kHr, ""};
  Actor recruiter_{0, "rita", Role::kRecruiter, ""};
};

TEST_P(ComputeStoreTest, ImportsTheDemoFleetAndShowsTimelines) {
  auto sum = store_->ImportFleet(ceo_, compute::DemoFleetRows());
  ASSERT_TRUE(sum.ok()) << sum.status().ToString();
  EXPECT_EQ(sum->rows, 10);
  EXPECT_EQ(sum->pools_created, 8);
  EXPECT_EQ(sum->gpus_added, 500'000);
  EXPECT_EQ(sum->gpus_retired, 60'000);
  auto fleet = store_->GetFleet(recruiter_);
  ASSERT_TRUE(fleet.ok());
  EXPECT_EQ(fleet->pools.size(), 8u);
  EXPECT_EQ(fleet->capacity.size(), 10u);
  EXPECT_TRUE(fleet->shortfalls.empty());
  for (const PoolTimeline& t : fleet->timelines)
    if (t.pool.site == "Abilene" && t.pool.gpu_type == "H100") {
      ASSERT_EQ(t.steps.size(), 2u);
      EXPECT_EQ(t.steps[0].capacity, 100'000);
      EXPECT_EQ(t.steps[0].usable, 90'000);
      EXPECT_EQ(t.steps[1].capacity, 80'000);
    }
  EXPECT_EQ(store_->ImportFleet(recruiter_, compute::DemoFleetRows()).status().code(), StatusCode::kForbidden);
  EXPECT_EQ(store_->ImportFleet(hr_, compute::DemoFleetRows()).status().code(), StatusCode::kForbidden);
}

TEST_P(ComputeStoreTest, ABadFileImportsNothingAndNamesItsLine) {
  const std::string h = "site,gpu_type,change,gpus,date,note\n";
  auto r = store_->ImportFleet(ceo_, Rows(h + "A,H100,add,100,2026-01-01,\nB,H100,add,50,2026-01-01,\n"
                                              "A,H100,retire,150,2026-06-01,too many\n"));
  ASSERT_EQ(r.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(r.status().message(),
            "line 4: retires more than installed — H100 at site A would be -50 GPUs on 2026-06-01");
  EXPECT_EQ(Pools(), 0);
  r = store_->ImportFleet(ceo_, Rows(h + "A,H100,add,100,2026-01-01,\nA,TPUv7,add,5,2026-01-01,\n"));
  ASSERT_EQ(r.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(r.status().message(),
            "line 3: gpu_type 'TPUv7' has no H100-equivalent factor (add it to the compute settings)");
  EXPECT_EQ(Pools(), 0);
}

TEST_P(ComputeStoreTest, ReserveCommitReleaseAndRefusalNamesDatePoolAndShortfall) {
  const std::string h = "site,gpu_type,change,gpus,date,note\n";
  ASSERT_TRUE(store_->ImportFleet(ceo_, Rows(h + "A,H100,add,100000,2026-03-01,\nB,H100,add,10000,2026-01-01,\n"
                                                 "A,H100,retire,10000,2027-02-01,\n"))
                  .ok());
  // A: 90,000 usable until 2027-02-01, then 81,000.
  ComputePromise big{85'000, "H100", "A", D("2026-06-01"), 0};
  ASSERT_TRUE(Peer::Reserve(*store_, hr_, 101, 0, {80'000, "H100", "A", D("2026-06-01"), 0}).ok());
  Status s = Peer::Reserve(*store_, hr_, 102, 0, {3'400, "H100", "A", D("2026-06-01"), 0});
  ASSERT_EQ(s.code(), StatusCode::kConflict);
  EXPECT_EQ(s.message(), "short by 2,400 H100-eq at site A (H100) from 2027-02-01");
  // Replacing offer 101's reservation does not count the old one against itself.
  ASSERT_TRUE(Peer::Reserve(*store_, hr_, 101, 0, {81'000, "H100", "A", D("2026-06-01"), 0}).ok());
  EXPECT_EQ(Peer::Reserve(*store_, hr_, 101, 0, {81'001, "H100", "A", D("2026-06-01"), 0}).code(),
            StatusCode::kConflict);
  // The refusal left the earlier reservation in place.
  auto promises = store_->ListPromises(recruiter_, 0);
  ASSERT_TRUE(promises.ok());
  ASSERT_EQ(promises->size(), 1u);
  EXPECT_EQ((*promises)[0].gpus, 81'000);
  EXPECT_EQ((*promises)[0].state, compute::PromiseState::kReserved);
  (void)big;
  // Anywhere: B is the only H100 pool with room; the pool is recorded.
  ASSERT_TRUE(Peer::Reserve(*store_, hr_, 103, 0, {5'000, "H100", "", D("2026-06-01"), D("2027-06-01")}).ok());
  promises = store_->ListPromises(recruiter_, 0);
  ASSERT_EQ(promises->size(), 2u);
  for (const PromiseRecord& p : *promises)
    if (p.offer_id == 103) {
      EXPECT_EQ(p.site, "B");
      EXPECT_EQ(p.requested_site, "");
      EXPECT_EQ(p.h100_eq_milli, 5'000'000);
    }
  ASSERT_TRUE(Peer::Commit(*store_, hr_, 101).ok());
  ASSERT_TRUE(Peer::Commit(*store_, hr_, 101).ok());  // again: no-op
  EXPECT_EQ(Peer::Commit(*store_, hr_, 999).code(), StatusCode::kNotFound);
  ASSERT_TRUE(Peer::Release(*store_, hr_, 103, "declined").ok());
  ASSERT_TRUE(Peer::Release(*store_, hr_, 103, "declined").ok());
  ASSERT_TRUE(Peer::Release(*store_, hr_, 999, "never existed").ok());
  EXPECT_EQ(Peer::Commit(*store_, hr_, 103).code(), StatusCode::kConflict);
  auto report = store_->CheckLedger();
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->promises, 1);
  EXPECT_TRUE(report->shortfalls.empty());
  // A retirement that would break the commitment is refused, naming the change.
  auto r = store_->ImportFleet(ceo_, Rows(h + "A,H100,retire,5000,2028-01-01,\n"));
  ASSERT_EQ(r.status().code(), StatusCode::kConflict);
  EXPECT_EQ(r.status().message(),
            "line 2: would break promises — short by 4,500 H100-eq at site A (H100) from 2028-01-01");
  // So is deleting the capacity the promise stands on.
  auto fleet = store_->GetFleet(ceo_);
  std::int64_t add_a = 0;
  for (const CapacityEntry& e : fleet->capacity)
    if (e.delta_gpus == 100'000) add_a = e.id;
  EXPECT_EQ(store_->DeleteCapacityChange(ceo_, add_a).code(), StatusCode::kInvalidInput);  // A goes negative
  EXPECT_EQ(store_->DeleteCapacityChange(hr_, add_a).code(), StatusCode::kForbidden);
}

TEST_P(ComputeStoreTest, TwoStoresRacingForTheLastGpusExactlyOneWins) {
  ASSERT_TRUE(store_->ImportFleet(ceo_, Rows("site,gpu_type,change,gpus,date\nA,H100,add,1000,2026-01-01\n")).ok());
  auto second = Open();  // another server on the same database
  ASSERT_NE(second, nullptr);
  for (int round = 0; round < 5; ++round) {
    std::atomic<int> wins{0}, shortfalls{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
      threads.emplace_back([&, t] {
        Store& s = t % 2 == 0 ? *store_ : *second;
        // 900 usable: any two of these 500-GPU offers do not fit together.
        Status st = Peer::Reserve(s, hr_, 1000 * round + t + 1, 0, {500, "H100", "A", D("2026-02-01"), 0});
        if (st.ok()) ++wins;
        else if (st.message().find("short by") != std::string::npos) ++shortfalls;
        else ADD_FAILURE() << st.ToString();
      });
    for (auto& th : threads) th.join();
    EXPECT_EQ(wins.load(), 1) << "round " << round;
    EXPECT_EQ(shortfalls.load(), 7) << "round " << round;
    auto report = store_->CheckLedger();
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->shortfalls.empty());
    EXPECT_EQ(report->promises, 1);
    // Free the winner for the next round.
    auto promises = store_->ListPromises(ceo_, 0);
    for (const PromiseRecord& p : *promises)
      if (p.state == compute::PromiseState::kReserved) {
        ASSERT_TRUE(Peer::Release(*second, hr_, p.offer_id, "next").ok());
      }
  }
}

TEST_P(ComputeStoreTest, StaffManagersReportsAndCap) {
  StaffPatch boss;
  boss.name = "Ada Boss";
  boss.is_research = true;
  auto b = store_->CreateStaff(hr_, boss);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(store_->CreateStaff(recruiter_, boss).status().code(), StatusCode::kForbidden);
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 9; ++i) {
    StaffPatch p;
    p.name = "Researcher " + std::to_string(i);
    p.email = "r" + std::to_string(i) + "@lab.example";
    p.manager_staff_id = b->id;
    p.is_research = true;
    auto s = store_->CreateStaff(ceo_, p);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    ids.push_back(s->id);
  }
  auto n = Peer::DirectReports(*store_, b->id);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 9);
  ASSERT_TRUE(Peer::Accept(*store_, 501, 0, b->id).ok());
  EXPECT_EQ(*Peer::DirectReports(*store_, b->id), 10);
  EXPECT_EQ(Peer::Accept(*store_, 502, 0, 99999).code(), StatusCode::kInvalidInput);
  auto team = store_->GetTeamReport(recruiter_);
  ASSERT_TRUE(team.ok());
  EXPECT_EQ(team->max_direct_reports, 8);
  ASSERT_EQ(team->managers.size(), 1u);
  EXPECT_EQ(team->managers[0].manager.name, "Ada Boss");
  EXPECT_EQ(team->managers[0].staff_reports, 9);
  EXPECT_EQ(team->managers[0].accepted_reports, 1);
  EXPECT_TRUE(team->managers[0].over_cap);
  // No loops: the boss may not report to her own report.
  StaffPatch loop;
  loop.manager_staff_id = ids[0];
  auto refused = store_->UpdateStaff(hr_, b->id, b->version, loop);
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(refused.status().message().find("loop"), std::string::npos);
  StaffPatch rename;
  rename.title = "Chief Scientist";
  auto renamed = store_->UpdateStaff(hr_, b->id, b->version, rename);
  ASSERT_TRUE(renamed.ok());
  EXPECT_EQ(store_->UpdateStaff(hr_, b->id, b->version, rename).status().code(), StatusCode::kConflict);
  // Export and erasure: the reports then report to nobody.
  auto doc = store_->ExportStaff(hr_, b->id);
  ASSERT_TRUE(doc.ok());
  EXPECT_NE(doc->find("Chief Scientist"), std::string::npos);
  EXPECT_EQ(store_->ExportStaff(recruiter_, b->id).status().code(), StatusCode::kForbidden);
  ASSERT_TRUE(store_->EraseStaff(hr_, b->id).ok());
  EXPECT_EQ(store_->GetStaff(hr_, b->id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetStaff(hr_, ids[0])->manager_staff_id, 0);
  EXPECT_TRUE(store_->GetTeamReport(hr_)->managers.empty());
  // Compute per researcher: 9 research staff, no promises yet.
  auto cpr = store_->GetComputePerResearcher(recruiter_, D("2026-06-01"));
  ASSERT_TRUE(cpr.ok());
  EXPECT_EQ(cpr->research_staff, 9);
}

TEST_P(ComputeStoreTest, PersonExportHoldsPromisesAndErasureKeepsTheGpusUnnamed) {
  ASSERT_TRUE(store_->ImportFleet(ceo_, compute::DemoFleetRows()).ok());
  campaign::PersonPatch pp;
  pp.name = "Grace Hopper";
  auto person = store_->CreatePerson(ceo_, pp);
  ASSERT_TRUE(person.ok()) << person.status().ToString();
  ASSERT_TRUE(Peer::Reserve(*store_, hr_, 77, person->id, {1'000, "B200", "", D("2027-06-01"), 0}).ok());
  auto mine = store_->ListPromises(recruiter_, person->id);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].person_name, "Grace Hopper");
  EXPECT_EQ((*mine)[0].site, "Columbus");  // the B200 pool with the most room from 2027-06-01 on
  auto doc = store_->ExportPerson(hr_, person->id);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_NE(doc->find("\"compute_promises\""), std::string::npos) << *doc;
  EXPECT_NE(doc->find("\"B200\""), std::string::npos) << *doc;
  ASSERT_TRUE(store_->ErasePerson(hr_, person->id).ok());
  auto all = store_->ListPromises(ceo_, 0);
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].person_id, 0);
  EXPECT_EQ((*all)[0].person_name, "");
  EXPECT_EQ(store_->CheckLedger()->promises, 1);  // the GPUs are still held
}

TEST_P(ComputeStoreTest, TheComputeAndTeamsSettingsGovernTheChecks) {
  ASSERT_TRUE(store_->ImportFleet(ceo_, Rows("site,gpu_type,change,gpus,date\nA,H100,add,1000,2026-01-01\n")).ok());
  ASSERT_TRUE(Peer::Reserve(*store_, hr_, 1, 0, {800, "H100", "A", D("2026-02-01"), 0}).ok());
  // Half kept for production: the 800 already promised no longer fit — check names it; new offers are refused.
  ASSERT_TRUE(store_->PutSetting(ceo_, "compute", R"({"headroom_permille": 500})", 0).ok());
  auto report = store_->CheckLedger();
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->shortfalls.size(), 1u);
  EXPECT_EQ(report->shortfalls[0].Message(), "short by 300 H100-eq at site A (H100) from 2026-02-01");
  EXPECT_EQ(Peer::Reserve(*store_, hr_, 2, 0, {1, "H100", "A", D("2026-02-01"), D("2026-03-01")}).code(),
            StatusCode::kConflict);
  // A type without a factor is refused with the field named.
  EXPECT_EQ(Peer::Reserve(*store_, hr_, 3, 0, {1, "TPUv7", "", D("2026-02-01"), 0}).code(), StatusCode::kInvalidInput);
  ASSERT_TRUE(store_->PutSetting(ceo_, "teams", R"({"max_direct_reports": 2})", 0).ok());
  StaffPatch boss;
  boss.name = "Boss";
  auto b = store_->CreateStaff(hr_, boss);
  ASSERT_TRUE(b.ok());
  for (int i = 0; i < 3; ++i) {
    StaffPatch p;
    p.name = "Report " + std::to_string(i);
    p.manager_staff_id = b->id;
    ASSERT_TRUE(store_->CreateStaff(hr_, p).ok());
  }
  auto team = store_->GetTeamReport(hr_);
  ASSERT_TRUE(team.ok());
  EXPECT_EQ(team->max_direct_reports, 2);
  ASSERT_EQ(team->managers.size(), 1u);
  EXPECT_TRUE(team->managers[0].over_cap);
}

INSTANTIATE_TEST_SUITE_P(Backends, ComputeStoreTest, ::testing::Values("sqlite", "postgresql"));

}  // namespace
}  // namespace st::store
