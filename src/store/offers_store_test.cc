// Offers in the store, on SQLite and PostgreSQL (ST_PG_URL): the approval
// chain, versioning voiding approvals, compute reserved on the last approval
// (and refused by the ledger), the candidate link (wrong, another offer's,
// reused, expired), outcomes, export and erasure, the no-interview path.
#include <gtest/gtest.h>

#include <random>

#include <nlohmann/json.hpp>

#include "base/test_paths.h"
#include "base/test_require.h"
#include "compute/fleet_csv.h"
#include "store/open_store.h"
#include "store/sql.h"
#include "store/store.h"
#include "store/store_test_fixture.h"

namespace st::store {
namespace {

using campaign::Role;
using offers::OfferState;

constexpr std::int64_t kDay = 86400;

class OffersStoreTest : public testing::ClockedStoreTest {
 protected:
  OffersStoreTest() : ClockedStoreTest("offers_store") {}

  void SetUp() override {
    ClockedStoreTest::SetUp();
    if (!Ready()) return;
    ceo_ = MakeUser("cleo", Role::kCeo);
    hr_ = MakeUser("hanna", Role::kHr);
    hr2_ = MakeUser("henri", Role::kHr);
    rec_ = MakeUser("rita", Role::kRecruiter);
  }

  // A person moved through a meeting to stage offer.
  Person PersonAtOffer(const std::string& name) {
    PersonPatch p;
    p.name = name;
    auto person = store_->CreatePerson(ceo_, p);
    EXPECT_TRUE(person.ok());
    Person cur = *person;
    for (Stage s : {Stage::kContacted, Stage::kReplied, Stage::kMeeting, Stage::kOffer}) {
      auto moved = store_->MoveStage(ceo_, cur.id, cur.version, s, "");
      EXPECT_TRUE(moved.ok()) << moved.status().ToString();
      cur = *moved;
    }
    return cur;
  }

  offers::OfferTerms Terms() {
    offers::OfferTerms t;
    t.base_salary_minor = 50'000'000;
    t.sign_on_minor = 10'000'000'000;  // $100M
    t.equity.value_minor = 480'000'000;
    t.start_day = offers::DayOfUnix(now_) + 90;
    t.expiry_day = offers::DayOfUnix(now_) + 14;
    t.title = "Member of Technical Staff";
    return t;
  }

  void Fleet(std::int64_t h100_at_a) {
    compute::FleetRow row;
    row.line = 1;
    row.site = "A";
    row.gpu_type = "H100";
    row.day = offers::DayOfUnix(now_) - 30;
    row.delta_gpus = h100_at_a;
    auto r = store_->ImportFleet(ceo_, {row});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }

  // Draft → submitted → hr → ceo (the default out-of-band chain).
  Result<OfferRecord> Approved(const OfferRecord& draft) {
    ST_ASSIGN_OR_RETURN(OfferRecord o, store_->SubmitOffer(hr_, draft.id, draft.row_version));
    ST_ASSIGN_OR_RETURN(o, store_->ApproveOffer(hr_, o.id, o.row_version, "in line with L6"));
    return store_->ApproveOffer(ceo_, o.id, o.row_version, "");
  }

  Actor ceo_, hr_, hr2_, rec_;
};

TEST_P(OffersStoreTest, ChainHrThenCeoThenSendAcceptMovesTheStage) {
  Person p = PersonAtOffer("Ada");
  EXPECT_EQ(store_->CreateOffer(rec_, p.id, Terms()).status().code(), StatusCode::kForbidden);
  auto draft = store_->CreateOffer(hr_, p.id, Terms());
  ASSERT_TRUE(draft.ok()) << draft.status().ToString();
  EXPECT_EQ(draft->state, OfferState::kDraft);
  EXPECT_FALSE(draft->current.in_band);  // no bands configured
  ASSERT_EQ(draft->current.chain.size(), 2u);
  EXPECT_EQ(store_->CreateOffer(hr_, p.id, Terms()).status().code(), StatusCode::kConflict);  // one open offer

  // A recruiter reads the offer without its money; hr with it (audited).
  auto seen = store_->GetOffer(rec_, draft->id, true);
  ASSERT_TRUE(seen.ok());
  EXPECT_FALSE(seen->money_visible);
  EXPECT_EQ(seen->current.terms.sign_on_minor, 0);
  EXPECT_EQ(seen->current.terms.title, "Member of Technical Staff");
  auto money = store_->GetOffer(hr_, draft->id, true);
  ASSERT_TRUE(money.ok());
  EXPECT_EQ(money->current.terms.sign_on_minor, 10'000'000'000);

  auto sent_early = store_->SendOffer(hr_, draft->id, draft->row_version);
  EXPECT_EQ(sent_early.status().code(), StatusCode::kConflict);  // nothing goes out before the chain completes
  auto pending = store_->SubmitOffer(hr_, draft->id, draft->row_version);
  ASSERT_TRUE(pending.ok()) << pending.status().ToString();
  auto ceo_first = store_->ApproveOffer(ceo_, pending->id, pending->row_version, "");
  ASSERT_EQ(ceo_first.status().code(), StatusCode::kForbidden);
  EXPECT_EQ(ceo_first.status().message(), "step 1 of 2 needs hr, you are ceo");
  auto hr_ok = store_->ApproveOffer(hr_, pending->id, pending->row_version, "fine");
  ASSERT_TRUE(hr_ok.ok()) << hr_ok.status().ToString();
  EXPECT_EQ(hr_ok->state, OfferState::kPendingApproval);
  auto ceo_ok = store_->ApproveOffer(ceo_, hr_ok->id, hr_ok->row_version, "");
  ASSERT_TRUE(ceo_ok.ok()) << ceo_ok.status().ToString();
  EXPECT_EQ(ceo_ok->state, OfferState::kApproved);
  ASSERT_EQ(ceo_ok->approvals.size(), 2u);

  auto sent = store_->SendOffer(hr_, ceo_ok->id, ceo_ok->row_version);
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();
  EXPECT_EQ(sent->link_token.size(), 64u);
  EXPECT_EQ(sent->offer.state, OfferState::kSent);
  auto open = store_->OpenOfferLink(sent->link_token, "198.51.100.7");
  ASSERT_TRUE(open.ok()) << open.status().ToString();
  EXPECT_EQ(open->offer.id, draft->id);
  EXPECT_EQ(open->offer.current.terms.sign_on_minor, 10'000'000'000);
  auto accepted = store_->DecideOfferLink(sent->link_token, true, "198.51.100.7");
  ASSERT_TRUE(accepted.ok()) << accepted.status().ToString();
  EXPECT_EQ(accepted->offer.state, OfferState::kAccepted);
  EXPECT_EQ(store_->GetPerson(ceo_, p.id)->stage, Stage::kAccepted);
  auto history = store_->ListStageHistory(ceo_, p.id);
  EXPECT_EQ(history->back().username, "candidate-link");
  // The link after the decision: still opens (read-only), cannot decide again.
  EXPECT_TRUE(store_->OpenOfferLink(sent->link_token, "198.51.100.7").ok());
  EXPECT_EQ(store_->DecideOfferLink(sent->link_token, false, "198.51.100.7").status().code(),
            StatusCode::kConflict);

  auto audit = store_->ListAudit(ceo_, 0, 200);
  ASSERT_TRUE(audit.ok());
  std::map<std::string, int> actions;
  for (const auto& e : *audit) ++actions[e.action];
  EXPECT_GE(actions["offer.view_money"], 1);
  EXPECT_EQ(actions["offer.approve"], 2);
  EXPECT_GE(actions["offer.link_visit"], 2);
  EXPECT_EQ(actions["offer.accept"], 1);
}

TEST_P(OffersStoreTest, MaterialEditsVoidApprovalsWordingDoesNot) {
  Person p = PersonAtOffer("Bo");
  auto o = store_->CreateOffer(hr_, p.id, Terms());
  ASSERT_TRUE(o.ok());
  auto pending = store_->SubmitOffer(hr_, o->id, o->row_version);
  auto one = store_->ApproveOffer(hr_, o->id, pending->row_version, "");
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->approvals.size(), 1u);

  offers::OfferTerms wording = Terms();
  wording.title = "Research Scientist";
  auto v2 = store_->EditOffer(hr_, o->id, one->row_version, wording);
  ASSERT_TRUE(v2.ok()) << v2.status().ToString();
  EXPECT_EQ(v2->current.version, 2);
  EXPECT_EQ(v2->state, OfferState::kPendingApproval);
  EXPECT_EQ(v2->approvals.size(), 1u);  // kept

  offers::OfferTerms money = wording;
  money.sign_on_minor += 100;
  auto v3 = store_->EditOffer(hr_, o->id, v2->row_version, money);
  ASSERT_TRUE(v3.ok());
  EXPECT_EQ(v3->current.version, 3);
  EXPECT_EQ(v3->state, OfferState::kDraft);
  EXPECT_TRUE(v3->approvals.empty());  // voided
  EXPECT_EQ(store_->EditOffer(hr_, o->id, v2->row_version, money).status().code(), StatusCode::kConflict);
  auto versions = store_->ListOfferVersions(hr_, o->id);
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 3u);
  EXPECT_EQ((*versions)[0].terms.title, "Member of Technical Staff");  // version 1 unchanged
}

TEST_P(OffersStoreTest, LastApprovalReservesComputeOrIsRefusedWithTheShortfall) {
  Fleet(100);
  Person p = PersonAtOffer("Cy");
  offers::OfferTerms t = Terms();
  t.compute = compute::ComputePromise{1'000, "H100", "A", t.start_day, 0};
  auto o = store_->CreateOffer(hr_, p.id, t);
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  auto refused = Approved(*o);
  ASSERT_EQ(refused.status().code(), StatusCode::kConflict);
  EXPECT_NE(refused.status().message().find("short by"), std::string::npos) << refused.status().message();
  auto still = store_->GetOffer(hr_, o->id, false);
  EXPECT_EQ(still->state, OfferState::kPendingApproval);
  EXPECT_EQ(still->approvals.size(), 1u);  // the CEO's approval was not recorded
  // ... but the refusal is: the candidate's timeline says why the offer waits.
  auto acts = store_->ListActivities(0, 100);
  ASSERT_TRUE(acts.ok());
  bool refusal_shown = false;
  for (const auto& act : *acts)
    if (act.person_id == p.id && act.summary.find("refused by the compute ledger: short by") != std::string::npos)
      refusal_shown = true;
  EXPECT_TRUE(refusal_shown);

  t.compute->gpus = 50;  // fits under 100 × (1 − 10% headroom)
  auto v2 = store_->EditOffer(hr_, o->id, still->row_version, t);
  ASSERT_TRUE(v2.ok());
  auto ok = Approved(*v2);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  auto promises = store_->ListPromises(ceo_, p.id);
  ASSERT_TRUE(promises.ok());
  ASSERT_EQ(promises->size(), 1u);
  EXPECT_EQ((*promises)[0].state, compute::PromiseState::kReserved);
  auto sent = store_->SendOffer(hr_, ok->id, ok->row_version);
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();
  ASSERT_TRUE(store_->DecideOfferLink(sent->link_token, false, "").ok());
  promises = store_->ListPromises(ceo_, p.id);
  EXPECT_EQ((*promises)[0].state, compute::PromiseState::kReleased);
  EXPECT_EQ(store_->GetPerson(ceo_, p.id)->stage, Stage::kDeclined);
}

// The sweep expires a sent offer nobody opened after its expiry day and gives
// its GPUs back; offers still inside their window, and drafts, are untouched.
TEST_P(OffersStoreTest, ExpirySweepReleasesComputeOfLapsedOffersOnly) {
  Fleet(100);
  Person a = PersonAtOffer("Lapsed"), b = PersonAtOffer("Later");
  offers::OfferTerms t = Terms();
  t.compute = compute::ComputePromise{40, "H100", "A", t.start_day, 0};
  auto oa = Approved(*store_->CreateOffer(hr_, a.id, t));
  ASSERT_TRUE(oa.ok()) << oa.status().ToString();
  auto sa = store_->SendOffer(hr_, oa->id, oa->row_version);
  ASSERT_TRUE(sa.ok()) << sa.status().ToString();
  offers::OfferTerms later = Terms();
  later.expiry_day += 30;
  auto ob = Approved(*store_->CreateOffer(hr_, b.id, later));
  ASSERT_TRUE(ob.ok());
  ASSERT_TRUE(store_->SendOffer(hr_, ob->id, ob->row_version).ok());

  EXPECT_EQ(*store_->ExpireOffers(), 0);  // nothing has lapsed yet
  now_ += 14 * kDay;                      // the expiry day itself still counts
  EXPECT_EQ(*store_->ExpireOffers(), 0);
  now_ += kDay;
  auto n = store_->ExpireOffers();
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(*n, 1);
  EXPECT_EQ(store_->GetOffer(hr_, oa->id, false)->state, OfferState::kExpired);
  EXPECT_EQ(store_->GetOffer(hr_, ob->id, false)->state, OfferState::kSent);
  auto promises = store_->ListPromises(ceo_, a.id);
  ASSERT_TRUE(promises.ok());
  ASSERT_EQ(promises->size(), 1u);
  EXPECT_EQ((*promises)[0].state, compute::PromiseState::kReleased);
  EXPECT_EQ(*store_->ExpireOffers(), 0);  // once only
  EXPECT_EQ(store_->DecideOfferLink(sa->link_token, true, "").status().code(), StatusCode::kConflict);
  EXPECT_EQ(store_->GetPerson(ceo_, a.id)->stage, Stage::kOffer);
}

TEST_P(OffersStoreTest, CandidateLinkWrongOtherExpired) {
  Person a = PersonAtOffer("Dee"), b = PersonAtOffer("Eve");
  auto oa = Approved(*store_->CreateOffer(hr_, a.id, Terms()));
  auto ob = Approved(*store_->CreateOffer(hr_, b.id, Terms()));
  ASSERT_TRUE(oa.ok() && ob.ok());
  auto sa = store_->SendOffer(hr_, oa->id, oa->row_version);
  auto sb = store_->SendOffer(hr_, ob->id, ob->row_version);
  ASSERT_TRUE(sa.ok() && sb.ok());
  // Each token opens its own offer only.
  EXPECT_EQ(store_->OpenOfferLink(sa->link_token, "")->offer.person_id, a.id);
  EXPECT_EQ(store_->OpenOfferLink(sb->link_token, "")->offer.person_id, b.id);
  // Wrong tokens: one answer for all.
  std::string wrong = sa->link_token;
  wrong[10] = wrong[10] == 'a' ? 'b' : 'a';
  for (const std::string& t : {wrong, std::string("short"), std::string(64, 'z')}) {
    auto r = store_->OpenOfferLink(t, "203.0.113.9");
    ASSERT_EQ(r.status().code(), StatusCode::kNotFound) << t;
    EXPECT_EQ(r.status().message(), "this offer link is not valid (it may have been replaced or withdrawn)");
  }
  // Withdrawn: the link dies.
  auto w = store_->WithdrawOffer(hr_, sb->offer.id, sb->offer.row_version, "role filled");
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  EXPECT_EQ(store_->OpenOfferLink(sb->link_token, "").status().code(), StatusCode::kNotFound);
  // Past the expiry day: the visit records the expiry; no decision possible.
  now_ += 15 * kDay;
  auto late = store_->OpenOfferLink(sa->link_token, "");
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(late->offer.state, OfferState::kExpired);
  auto decide = store_->DecideOfferLink(sa->link_token, true, "");
  EXPECT_EQ(decide.status().code(), StatusCode::kConflict);
  EXPECT_EQ(store_->GetPerson(ceo_, a.id)->stage, Stage::kOffer);
}

TEST_P(OffersStoreTest, ExportHasOffersAndErasureRemovesThemKeepingAnonymousOutcomes) {
  Person p = PersonAtOffer("Fay");
  auto o = Approved(*store_->CreateOffer(hr_, p.id, Terms()));
  ASSERT_TRUE(o.ok());
  auto sent = store_->SendOffer(hr_, o->id, o->row_version);
  ASSERT_TRUE(store_->DecideOfferLink(sent->link_token, false, "").ok());
  auto doc = store_->ExportPerson(hr_, p.id);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  auto j = nlohmann::json::parse(*doc);
  ASSERT_EQ(j["offers"].size(), 1u);
  EXPECT_EQ(j["offers"][0]["versions"][0]["terms"]["sign_on"], 10'000'000'000);
  EXPECT_EQ(j["offers"][0]["letters"].size(), 1u);
  EXPECT_EQ(j["offers"][0]["outcomes"][0]["outcome"], "declined");
  ASSERT_TRUE(store_->ErasePerson(hr_, p.id).ok());
  EXPECT_EQ(store_->GetOffer(hr_, o->id, true).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->OpenOfferLink(sent->link_token, "").status().code(), StatusCode::kNotFound);
}

TEST_P(OffersStoreTest, NoInterviewPathNeedsScoreOrCeoOverride) {
  PersonPatch pp;
  pp.name = "Gil";
  auto p = store_->CreatePerson(ceo_, pp);
  auto c = store_->MoveStage(rec_, p->id, p->version, Stage::kContacted, "");
  ASSERT_TRUE(c.ok());
  auto plain = store_->MoveStage(rec_, p->id, c->version, Stage::kOffer, "");
  ASSERT_EQ(plain.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(plain.status().message().find("no-interview path"), std::string::npos);
  EXPECT_EQ(store_->MoveToOfferWithoutMeeting(rec_, p->id, c->version, "great").status().code(),
            StatusCode::kForbidden);
  EXPECT_EQ(store_->MoveToOfferWithoutMeeting(ceo_, p->id, c->version, "").status().code(),
            StatusCode::kInvalidInput);
  auto ok = store_->MoveToOfferWithoutMeeting(ceo_, p->id, c->version, "co-authored with our team for years");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->stage, Stage::kOffer);
  auto h = store_->ListStageHistory(ceo_, p->id);
  EXPECT_EQ(h->back().note, "no interview: CEO override — co-authored with our team for years");
  EXPECT_EQ(h->back().username, "cleo");
  EXPECT_EQ(h->back().from, Stage::kContacted);
}

TEST_P(OffersStoreTest, TeamPromiseOverTheDirectReportCapIsFlaggedAndAcceptanceCountsIt) {
  StaffPatch boss;
  boss.name = "Mia Manager";
  auto m = store_->CreateStaff(hr_, boss);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  for (int i = 0; i < 7; ++i) {  // 7 reports: one more fits the default cap of 8
    StaffPatch r;
    r.name = "Report " + std::to_string(i);
    r.manager_staff_id = m->id;
    ASSERT_TRUE(store_->CreateStaff(hr_, r).ok());
  }
  Person a = PersonAtOffer("Hal"), b = PersonAtOffer("Ida");
  offers::OfferTerms t = Terms();
  t.team = offers::TeamPromise{5, m->id, 4};
  auto fits = store_->CreateOffer(hr_, a.id, t);
  ASSERT_TRUE(fits.ok()) << fits.status().ToString();
  EXPECT_FALSE(fits->current.over_report_cap);
  // Accepting the first makes the manager's eighth report; the next offer would be the ninth.
  auto approved = Approved(*fits);
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  ASSERT_EQ(approved->state, OfferState::kApproved);
  auto sa = store_->SendOffer(hr_, approved->id, approved->row_version);
  ASSERT_TRUE(sa.ok()) << sa.status().ToString();
  ASSERT_TRUE(store_->DecideOfferLink(sa->link_token, true, "").ok());
  auto over = store_->CreateOffer(hr_, b.id, t);
  ASSERT_TRUE(over.ok()) << over.status().ToString();
  EXPECT_TRUE(over->current.over_report_cap);
  EXPECT_NE(over->current.report_cap_note.find("has 8 direct reports (cap 8)"), std::string::npos)
      << over->current.report_cap_note;
  EXPECT_EQ(over->current.chain.back().role, Role::kCeo);
}

TEST_P(OffersStoreTest, SettingsDriveBandsChainsAndTheScoreThreshold) {
  const char* settings = R"({"bands": [{"level": "L6", "track": "research", "base_min": 30000000,
      "base_max": 60000000, "equity_min": 0, "equity_max": 500000000, "sign_on_max": 20000000000}],
      "in_band_chain": [{"role": "hr", "required": 2}], "no_interview_min_score": 0.8})";
  ASSERT_TRUE(store_->PutSetting(ceo_, "offers", settings, 0).ok());
  Person p = PersonAtOffer("Jo");
  offers::OfferTerms t = Terms();
  t.level = "L6";
  t.track = "research";
  auto in = store_->CreateOffer(hr_, p.id, t);
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  EXPECT_TRUE(in->current.in_band) << in->current.band_reason;
  ASSERT_EQ(in->current.chain.size(), 1u);  // HR only, two of them
  EXPECT_EQ(in->current.chain[0].required, 2);
  auto sub = store_->SubmitOffer(hr_, in->id, in->row_version);
  auto one = store_->ApproveOffer(hr_, in->id, sub->row_version, "");
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->state, OfferState::kPendingApproval);  // 1 of 2
  auto two = store_->ApproveOffer(hr2_, in->id, one->row_version, "");
  ASSERT_TRUE(two.ok()) << two.status().ToString();
  EXPECT_EQ(two->state, OfferState::kApproved);
  // Out of band (base above the band): HR then CEO, and the reason names the figures.
  t.base_salary_minor = 90'000'000;
  auto out = store_->EditOffer(hr_, in->id, two->row_version, t);
  ASSERT_TRUE(out.ok());
  EXPECT_FALSE(out->current.in_band);
  EXPECT_EQ(out->current.band_reason, "base $900,000 above the band's $600,000");
  EXPECT_EQ(out->current.chain.size(), 2u);
  EXPECT_TRUE(out->approvals.empty());

  // The score threshold lets a recruiter take a strong candidate straight to offer.
  PersonPatch strong;
  strong.name = "Kim";
  strong.metrics = std::optional<campaign::HeadlineMetrics>(campaign::HeadlineMetrics{1000, 30, 400, 0.91});
  auto k = store_->CreatePerson(rec_, strong);
  ASSERT_TRUE(k.ok()) << k.status().ToString();
  auto c = store_->MoveStage(rec_, k->id, k->version, Stage::kReplied, "");
  ASSERT_TRUE(c.ok());
  auto moved = store_->MoveToOfferWithoutMeeting(rec_, k->id, c->version, "top 1% in RL");
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  EXPECT_EQ(store_->ListStageHistory(rec_, k->id)->back().note, "no interview: score 0.91 ≥ 0.80 — top 1% in RL");
}

INSTANTIATE_TEST_SUITE_P(Backends, OffersStoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace st::store
