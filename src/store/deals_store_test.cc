// Deals in the store, on SQLite and PostgreSQL (ST_PG_URL): roles (ceo
// manages, hr reads without terms, others nothing), versions and stale
// writes, audited reads, transactional refusals, export and erasure of a
// candidate's deal lines (also out of the kept versions).
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include <nlohmann/json.hpp>

#include "base/test_paths.h"
#include "base/test_require.h"
#include "store/open_store.h"
#include "store/sql.h"
#include "store/store.h"
#include "store/store_test_fixture.h"

namespace st::store {
namespace {

using campaign::Role;
using deals::Deal;
using deals::DealPerson;
using deals::DealStatus;

class DealsStoreTest : public testing::ClockedStoreTest {
 protected:
  DealsStoreTest() : ClockedStoreTest("deals_store") {}

  void SetUp() override {
    ClockedStoreTest::SetUp();
    if (!Ready()) return;
    ceo_ = MakeUser("cleo", Role::kCeo);
    hr_ = MakeUser("hanna", Role::kHr);
    rec_ = MakeUser("rita", Role::kRecruiter);
    viewer_ = MakeUser("vic", Role::kViewer);
  }

  Person Candidate(const std::string& name, std::int64_t author) {
    PersonPatch p;
    p.name = name;
    p.author_id = author;
    auto person = store_->CreatePerson(ceo_, p);
    EXPECT_TRUE(person.ok()) << person.status().ToString();
    return *person;
  }

  Deal Stake() {
    Deal d;
    d.org = "Mistral AI";
    d.kind = deals::DealKind::kStake;
    d.price = {1'430'000'000'000, offers::Currency::kUsd};
    d.stake_bp = 4900;
    d.notes = "board seat";
    return d;
  }

  std::vector<AuditEntry> Audit(const std::string& action) {
    auto all = store_->ListAudit(ceo_, 0, 1000);
    EXPECT_TRUE(all.ok());
    std::vector<AuditEntry> out;
    for (const auto& a : *all)
      if (a.action == action) out.push_back(a);
    return out;
  }

  Actor ceo_, hr_, rec_, viewer_;
};

TEST_P(DealsStoreTest, CeoCreatesAndChangesWithVersionsOthersAreRefused) {
  Person cand = Candidate("Ada Chief", 42);
  Deal in = Stake();
  DealPerson p;
  p.person_id = cand.id;  // name filled from the candidate
  p.role = "Chief AI Officer";
  p.p_join_permille = 950;
  p.retention_minor = 10'000'000'000;
  in.people.push_back(p);
  for (const Actor* a : {&hr_, &rec_, &viewer_})
    EXPECT_EQ(store_->CreateDeal(*a, in).status().code(), StatusCode::kForbidden) << a->username;
  auto d = store_->CreateDeal(ceo_, in);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->version, 1);
  ASSERT_EQ(d->people.size(), 1u);
  EXPECT_EQ(d->people[0].line, 1);
  EXPECT_EQ(d->people[0].name, "Ada Chief");
  EXPECT_EQ(d->price.minor, 1'430'000'000'000);

  // Status moves follow the rules; a stale version is a conflict that changes nothing.
  deals::DealPatch move;
  move.status = DealStatus::kSigned;
  auto bad = store_->UpdateDeal(ceo_, d->id, 1, move);
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(bad.status().message(), "status: a deal cannot move from idea to signed");
  move.status = DealStatus::kProposed;
  move.price_minor = 1'500'000'000'000;  // $15B
  auto moved = store_->UpdateDeal(ceo_, d->id, 1, move);
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  EXPECT_EQ(moved->version, 2);
  EXPECT_EQ(moved->status, DealStatus::kProposed);
  EXPECT_EQ(store_->UpdateDeal(ceo_, d->id, 1, move).status().code(), StatusCode::kConflict);

  // People: add by graph author, a duplicate refused, update, remove — each a version.
  DealPerson r;
  r.author_id = 7;
  r.name = "Res Earcher";
  r.role = "Research lead";
  r.p_join_permille = 600;
  auto added = store_->AddDealPerson(ceo_, d->id, 2, r);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(added->people.back().line, 2);
  auto dup = store_->AddDealPerson(ceo_, d->id, 3, r);
  EXPECT_EQ(dup.status().code(), StatusCode::kConflict);
  EXPECT_EQ(dup.status().message(), "author_id: author 7 is already on line 2 of this deal");
  r.p_join_permille = 1200;
  EXPECT_EQ(store_->AddDealPerson(ceo_, d->id, 3, r).status().message().rfind("people[2].p_join", 0), 0u);
  r.p_join_permille = 500;
  r.author_id = 8;
  auto upd = store_->UpdateDealPerson(ceo_, d->id, 3, 2, r);
  ASSERT_TRUE(upd.ok()) << upd.status().ToString();
  EXPECT_EQ(upd->people[1].p_join_permille, 500);
  EXPECT_EQ(store_->RemoveDealPerson(ceo_, d->id, 4, 9).status().code(), StatusCode::kNotFound);
  auto removed = store_->RemoveDealPerson(ceo_, d->id, 4, 2);
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(removed->version, 5);
  EXPECT_EQ(removed->people.size(), 1u);

  auto versions = store_->ListDealVersions(ceo_, d->id);
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 5u);
  auto v2 = nlohmann::json::parse((*versions)[1].deal_json);
  EXPECT_EQ(v2["price_minor"], 1'500'000'000'000);
  EXPECT_EQ(v2["status"], "proposed");
  EXPECT_EQ(nlohmann::json::parse((*versions)[3].deal_json)["people"].size(), 2u);
  EXPECT_EQ(store_->ListDealVersions(hr_, d->id).status().code(), StatusCode::kForbidden);

  // A candidate that does not exist is named, and nothing is written.
  DealPerson ghost;
  ghost.person_id = 999999;
  auto g = store_->AddDealPerson(ceo_, d->id, 5, ghost);
  EXPECT_EQ(g.status().message(), "people[1].person_id: no candidate 999999");
  EXPECT_EQ(store_->GetDeal(ceo_, d->id)->version, 5);
}

TEST_P(DealsStoreTest, HrReadsWithoutTermsEveryReadIsAudited) {
  Deal in = Stake();
  DealPerson p;
  p.name = "Ada";
  p.role = "Chief AI Officer";
  p.retention_minor = 123'456;
  in.people.push_back(p);
  auto d = store_->CreateDeal(ceo_, in);
  ASSERT_TRUE(d.ok());
  auto seen = store_->GetDeal(hr_, d->id);
  ASSERT_TRUE(seen.ok());
  EXPECT_EQ(seen->price.minor, 0);
  EXPECT_EQ(seen->stake_bp, 0);
  EXPECT_EQ(seen->people[0].retention_minor, 0);
  EXPECT_EQ(seen->people[0].role, "Chief AI Officer");
  auto list = store_->ListDeals(hr_);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].price.minor, 0);
  EXPECT_EQ(store_->GetDeal(ceo_, d->id)->price.minor, 1'430'000'000'000);
  for (const Actor* a : {&rec_, &viewer_}) {
    EXPECT_EQ(store_->GetDeal(*a, d->id).status().code(), StatusCode::kForbidden);
    EXPECT_EQ(store_->ListDeals(*a).status().code(), StatusCode::kForbidden);
  }
  auto views = Audit("deal.view");
  ASSERT_EQ(views.size(), 2u);
  EXPECT_EQ(views[1].actor, "hanna");  // newest first: ceo's view, then hr's
  EXPECT_EQ(views[1].after_json, "{\"terms\":false}");
  EXPECT_EQ(views[0].after_json, "{\"terms\":true}");
  EXPECT_EQ(Audit("deal.list").size(), 1u);
  // The audit of changes carries no names, roles or notes.
  auto created = Audit("deal.create");
  ASSERT_EQ(created.size(), 1u);
  EXPECT_EQ(created[0].after_json.find("Ada"), std::string::npos) << created[0].after_json;
  EXPECT_EQ(created[0].after_json.find("Chief AI"), std::string::npos);
}

TEST_P(DealsStoreTest, ExportAndErasureCoverTheCandidatesLines) {
  Person cand = Candidate("Bea Founder", 77);
  Person other = Candidate("Carl Other", 78);
  Deal in = Stake();
  DealPerson by_id;
  by_id.person_id = cand.id;
  by_id.role = "Chief Scientist";
  by_id.notes = "wants to keep the Paris team";
  DealPerson keep;
  keep.person_id = other.id;
  keep.role = "Engineer";
  in.people = {by_id, keep};
  auto d = store_->CreateDeal(ceo_, in);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  // A second deal names her only by her graph author id.
  Deal second = Stake();
  second.org = "Cohere";
  DealPerson by_author;
  by_author.author_id = 77;
  by_author.name = "B. Founder";
  by_author.role = "Advisor";
  second.people = {by_author};
  auto d2 = store_->CreateDeal(ceo_, second);
  ASSERT_TRUE(d2.ok());

  auto doc = store_->ExportPerson(hr_, cand.id);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  auto j = nlohmann::json::parse(*doc);
  ASSERT_EQ(j["deals"].size(), 2u) << j["deals"].dump();
  EXPECT_EQ(j["deals"][0]["role"], "Chief Scientist");
  EXPECT_EQ(j["deals"][0]["notes"], "wants to keep the Paris team");
  EXPECT_EQ(j["deals"][1]["role"], "Advisor");

  ASSERT_TRUE(store_->ErasePerson(hr_, cand.id).ok());
  auto after = store_->GetDeal(ceo_, d->id);
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->people.size(), 1u);
  EXPECT_EQ(after->people[0].name, "Carl Other");
  EXPECT_TRUE(store_->GetDeal(ceo_, d2->id)->people.empty());
  for (std::int64_t id : {d->id, d2->id}) {
    auto versions = store_->ListDealVersions(ceo_, id);
    ASSERT_TRUE(versions.ok());
    for (const auto& v : *versions) {
      EXPECT_EQ(v.deal_json.find("Founder"), std::string::npos) << v.deal_json;
      EXPECT_EQ(v.deal_json.find("Paris team"), std::string::npos) << v.deal_json;
    }
  }
  EXPECT_EQ(Audit("deal.erase_person").size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Backends, DealsStoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace st::store
