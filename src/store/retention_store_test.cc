// Retention in the store, on SQLite and PostgreSQL (ST_PG_URL): the staff
// import (a bad row imports nothing of the file; a re-import updates by
// e-mail, never duplicates; managers by e-mail or name), pay visible to ceo
// and hr only, rival offers, a counter-offer through the offers' chain with
// its compute reserved on the ledger at the last approval (and refused when
// the fleet is short), the outcome, export and erasure.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "base/test_paths.h"
#include "base/test_require.h"
#include "compute/fleet_csv.h"
#include "retention/staff_csv.h"
#include "store/open_store.h"
#include "store/sql.h"
#include "store/store.h"
#include "store/store_test_fixture.h"

namespace st::store {
namespace {

using campaign::Role;
using offers::OfferState;

constexpr const char* kHeader =
    "name,email,title,team,manager,start_date,base,currency,bonus_pct,equity_grant,equity_grant_date,"
    "equity_cliff_months,equity_years,equity_vesting,last_raise_date\n";

class RetentionStoreTest : public testing::ClockedStoreTest {
 protected:
  RetentionStoreTest() : ClockedStoreTest("retention_store") {}

  void SetUp() override {
    ClockedStoreTest::SetUp();
    if (!Ready()) return;
    ceo_ = MakeUser("cleo", Role::kCeo);
    hr_ = MakeUser("hanna", Role::kHr);
    rec_ = MakeUser("rita", Role::kRecruiter);
  }

  Result<StaffImportSummary> Import(const std::string& body) {
    ST_ASSIGN_OR_RETURN(auto rows, retention::ParseStaffCsv(std::string(kHeader) + body));
    return store_->ImportStaff(hr_, rows);
  }

  void Fleet(std::int64_t h100) {
    compute::FleetRow row;
    row.line = 1;
    row.site = "A";
    row.gpu_type = "H100";
    row.day = offers::DayOfUnix(now_) - 30;
    row.delta_gpus = h100;
    auto r = store_->ImportFleet(ceo_, {row});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }

  offers::OfferTerms RivalTerms(std::int64_t gpus) {
    offers::OfferTerms t;
    t.base_salary_minor = 40'000'000;
    t.sign_on_minor = 10'000'000;
    t.equity.value_minor = 120'000'000;
    t.start_day = offers::DayOfUnix(now_) + 30;
    t.expiry_day = offers::DayOfUnix(now_) + 10;
    t.title = "Research Scientist";
    if (gpus > 0) t.compute = compute::ComputePromise{gpus, "H100", "", t.start_day, 0};
    return t;
  }

  std::int64_t CountStaff() {
    auto l = store_->ListStaff(hr_);
    return l.ok() ? static_cast<std::int64_t>(l->size()) : -1;
  }

  Actor ceo_, hr_, rec_;
};

TEST_P(RetentionStoreTest, ImportIsAllOrNothingAndReimportUpdates) {
  auto first = Import(
      "Ada Lovelace,ada@lab.ai,Head of Research,Research,,2020-01-01,300000,USD,10,800000,2025-01-01,12,4,monthly,\n"
      "Alan Turing,alan@lab.ai,MTS,Research,Ada Lovelace,2021-01-01,250000,USD,,,,,,,2026-01-01\n"
      "Grace Hopper,grace@lab.ai,MTS,Research,alan@lab.ai,,,,,,,,,,\n");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->created, 3);
  EXPECT_EQ(CountStaff(), 3);
  auto staff = store_->ListStaff(hr_);
  ASSERT_TRUE(staff.ok());
  std::map<std::string, StaffMember> by;
  for (const auto& s : *staff) by[s.email] = s;
  EXPECT_EQ(by["alan@lab.ai"].manager_staff_id, by["ada@lab.ai"].id);   // by name
  EXPECT_EQ(by["grace@lab.ai"].manager_staff_id, by["alan@lab.ai"].id);  // by e-mail
  EXPECT_EQ(by["ada@lab.ai"].base_cents, 30'000'000);
  EXPECT_NE(by["ada@lab.ai"].equity_json.find("2025-01-01"), std::string::npos);

  // A bad manager on row 2 of a second file: nothing of it lands, not even row 1's raise.
  auto bad = Import(
      "Ada Lovelace,ada@lab.ai,Head of Research,Research,,2020-01-01,350000,USD,10,800000,2025-01-01,12,4,monthly,\n"
      "New Person,new@lab.ai,MTS,Research,nobody@lab.ai,,,,,,,,,,\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "row 2 (line 3): manager: 'nobody@lab.ai' is neither an e-mail nor a name of the file or the staff");
  EXPECT_EQ(CountStaff(), 3);
  EXPECT_EQ(store_->GetStaffPay(hr_, by["ada@lab.ai"].id)->base_cents, 30'000'000);

  // A reporting loop is refused with its row.
  auto loop = Import("Ada Lovelace,ada@lab.ai,Head,Research,grace@lab.ai,,,,,,,,,,\n");
  ASSERT_FALSE(loop.ok());
  EXPECT_NE(loop.status().message().find("row 1 (line 2): manager: 'grace@lab.ai' makes a reporting loop"),
            std::string::npos)
      << loop.status().message();

  // Re-import: updates by e-mail, never duplicates.
  auto again = Import(
      "Ada Lovelace,ada@lab.ai,Head of Research,Research,,2020-01-01,350000,USD,10,800000,2025-01-01,12,4,monthly,\n"
      "Alan Turing,alan@lab.ai,MTS,Research,Ada Lovelace,2021-01-01,250000,USD,,,,,,,2026-01-01\n");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->created, 0);
  EXPECT_EQ(again->updated, 1);
  EXPECT_EQ(again->unchanged, 1);
  EXPECT_EQ(CountStaff(), 3);
  EXPECT_EQ(store_->GetStaffPay(hr_, by["ada@lab.ai"].id)->base_cents, 35'000'000);

  // The export reads back to the same rows.
  auto rows = store_->ExportStaffRows(hr_);
  ASSERT_TRUE(rows.ok());
  auto parsed = retention::ParseStaffCsv(retention::StaffCsv(*rows));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->size(), 3u);

  // Pay is ceo/hr only: a recruiter's staff list carries none, and the pay routes refuse.
  auto seen = store_->ListStaff(rec_);
  ASSERT_TRUE(seen.ok());
  for (const auto& s : *seen) {
    EXPECT_EQ(s.base_cents, 0);
    EXPECT_TRUE(s.equity_json.empty());
  }
  EXPECT_EQ(store_->GetStaffPay(rec_, by["ada@lab.ai"].id).status().code(), StatusCode::kForbidden);
  EXPECT_EQ(store_->ImportStaff(rec_, *parsed).status().code(), StatusCode::kForbidden);
  EXPECT_EQ(store_->ExportStaffRows(rec_).status().code(), StatusCode::kForbidden);
}

TEST_P(RetentionStoreTest, CounterGoesThroughTheOffersChainAndTheLedger) {
  ASSERT_TRUE(Import("Ada Lovelace,ada@lab.ai,Head,Research,,2020-01-01,300000,USD,10,800000,2025-01-01,12,4,"
                     "monthly,\n")
                  .ok());
  const std::int64_t ada = store_->ListStaff(hr_)->at(0).id;
  Fleet(100);
  RivalOfferInput in{"Rival Labs", RivalTerms(64), offers::DayOfUnix(now_) + 10, "told by Ada"};
  EXPECT_EQ(store_->CreateRivalOffer(rec_, ada, in).status().code(), StatusCode::kForbidden);
  auto rival = store_->CreateRivalOffer(hr_, ada, in);
  ASSERT_TRUE(rival.ok()) << rival.status().ToString();
  EXPECT_EQ(store_->ListRivalOffers(rec_, ada).status().code(), StatusCode::kForbidden);
  ASSERT_EQ(store_->ListRivalOffers(ceo_, ada)->size(), 1u);

  offers::OfferTerms counter = RivalTerms(80);  // 80 of the 100 H100
  counter.base_salary_minor = 44'000'000;
  auto c = store_->CreateCounter(hr_, ada, rival->id, counter, "beat by 10%");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->state, OfferState::kDraft);
  ASSERT_EQ(c->chain.size(), 2u);  // out of band: hr then ceo, as for an offer
  EXPECT_EQ(store_->CreateCounter(hr_, ada, 0, counter, "").status().code(), StatusCode::kConflict);

  auto s = store_->ActOnCounter(hr_, c->id, c->row_version, CounterAction::kSubmit, "");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(store_->ActOnCounter(ceo_, s->id, s->row_version, CounterAction::kApprove, "").status().code(),
            StatusCode::kForbidden);  // the hr step first
  auto a1 = store_->ActOnCounter(hr_, s->id, s->row_version, CounterAction::kApprove, "ok");
  ASSERT_TRUE(a1.ok()) << a1.status().ToString();
  EXPECT_EQ(a1->state, OfferState::kPendingApproval);
  // The ceo's queue holds it now.
  auto queue = store_->ListCounters(ceo_, 0);
  ASSERT_TRUE(queue.ok());
  ASSERT_EQ(queue->size(), 1u);

  // Meanwhile 30 H100 go elsewhere: 80 no longer fit, the last approval is refused with the ledger's reason.
  compute::FleetRow retire{1, "A", "H100", offers::DayOfUnix(now_) - 20, -30, "moved"};
  ASSERT_TRUE(store_->ImportFleet(ceo_, {retire}).ok());
  auto refused = store_->ActOnCounter(ceo_, a1->id, a1->row_version, CounterAction::kApprove, "");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kConflict) << refused.status().ToString();

  // 60 GPUs fit: editing voids the approvals and starts the chain again.
  counter.compute->gpus = 60;
  auto edited = store_->EditCounter(hr_, a1->id, a1->row_version, counter);
  ASSERT_TRUE(edited.ok()) << edited.status().ToString();
  EXPECT_EQ(edited->state, OfferState::kDraft);
  EXPECT_TRUE(edited->approvals.empty());
  auto p = store_->ActOnCounter(hr_, edited->id, edited->row_version, CounterAction::kSubmit, "");
  p = store_->ActOnCounter(hr_, p->id, p->row_version, CounterAction::kApprove, "");
  p = store_->ActOnCounter(ceo_, p->id, p->row_version, CounterAction::kApprove, "");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->state, OfferState::kApproved);
  auto promises = store_->ListPromises(ceo_, 0);
  ASSERT_TRUE(promises.ok());
  ASSERT_EQ(promises->size(), 1u);
  EXPECT_EQ(promises->at(0).gpus, 60);

  // Stayed: the counter is accepted and its compute committed; the outcome is kept.
  auto stayed = store_->RecordRetentionOutcome(hr_, ada, "stayed", "");
  ASSERT_TRUE(stayed.ok()) << stayed.status().ToString();
  EXPECT_EQ(stayed->counter_id, p->id);
  EXPECT_EQ(store_->GetCounter(ceo_, p->id)->state, OfferState::kAccepted);
  EXPECT_EQ(store_->ListPromises(ceo_, 0)->at(0).state, compute::PromiseState::kCommitted);

  // Export carries pay, the rival offer, the counter and the outcome; erasure removes them, the model keeps
  // the anonymous outcome.
  auto doc = store_->ExportStaff(hr_, ada);
  ASSERT_TRUE(doc.ok());
  auto j = nlohmann::json::parse(*doc);
  EXPECT_EQ(j["retention"]["pay"]["base"], 30'000'000);
  EXPECT_EQ(j["retention"]["rival_offers"][0]["company"], "Rival Labs");
  EXPECT_EQ(j["retention"]["counter_offers"][0]["state"], "accepted");
  EXPECT_EQ(j["retention"]["outcomes"][0]["outcome"], "stayed");
  ASSERT_TRUE(store_->EraseStaff(hr_, ada).ok());
  EXPECT_EQ(store_->GetCounter(ceo_, p->id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->ListPromises(ceo_, 0)->at(0).state, compute::PromiseState::kReleased);
}

TEST_P(RetentionStoreTest, LinkIsSetByHrAndLeftAlone) {
  ASSERT_TRUE(Import("Ada Lovelace,ada@lab.ai,Head,Research,,,,,,,,,,,\n").ok());
  const std::int64_t ada = store_->ListStaff(hr_)->at(0).id;
  EXPECT_EQ(store_->SetStaffLink(rec_, ada, {"A1", 1, "", "confirmed", ""}).status().code(), StatusCode::kForbidden);
  auto l = store_->SetStaffLink(hr_, ada, {"A42", 0.93, "name + organisation + 3 co-authors on staff", "suggested", ""});
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  EXPECT_EQ(l->author_id, "A42");
  EXPECT_EQ(l->link_state, "suggested");
  EXPECT_EQ(l->author_key, "");
  auto c = store_->SetStaffLink(hr_, ada, {"A43", 1, "corrected by hanna", "confirmed", "~Ada_Lovelace1"});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(store_->GetStaff(rec_, ada)->author_id, "A43");  // the link is no money: every role reads it
  EXPECT_EQ(store_->GetStaff(rec_, ada)->author_key, "~Ada_Lovelace1");
  EXPECT_EQ(store_->SetStaffLink(hr_, ada, {"", 0, "", "confirmed", ""}).status().code(), StatusCode::kInvalidInput);
  // Clearing the link clears its key too.
  auto cleared = store_->SetStaffLink(hr_, ada, {"", 0, "", "", "~Ada_Lovelace1"});
  ASSERT_TRUE(cleared.ok()) << cleared.status().ToString();
  EXPECT_EQ(cleared->author_key, "");
}

INSTANTIATE_TEST_SUITE_P(Backends, RetentionStoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace st::store
