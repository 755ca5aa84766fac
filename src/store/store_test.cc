// One suite, two back ends: every test runs on SQLite (temp dir) and on
// PostgreSQL (ST_PG_URL, a fresh schema per test; skipped when unset, failed
// under CI: see base/test_require.h).
#include "store/store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "base/test_paths.h"
#include "store/migrations.h"
#include "store/open_store.h"
#include "store/password.h"
#include "store/sql.h"
#include "store/store_test_fixture.h"
#include "store/test_database.h"

// Designated initializers (PersonQuery{.org = …}) leave the rest defaulted on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace st::store {
namespace {

using campaign::Compensation;
using campaign::PersonKind;
using campaign::Role;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

constexpr const char* kPassword = "long passphrase for tests 7";

class StoreTest : public testing::ClockedStoreTest {
 protected:
  StoreTest() : ClockedStoreTest("store") {}

  void SetUp() override {
    ClockedStoreTest::SetUp();
    if (!Ready()) return;
    db_path_ = db_->dir() + "/campaign.db";
    schema_ = db_->schema();
    admin_ = db_->admin();
    ceo_ = Actor{0, "cli", Role::kCeo, "127.0.0.1"};
  }

  void TearDown() override {
    ClockedStoreTest::TearDown();
    if (!ballast_.empty()) std::filesystem::remove(ballast_);
  }

  Person MakePerson(const Actor& by, const std::string& name, const std::string& org = "",
                    std::vector<std::string> topics = {}) {
    PersonPatch p;
    p.name = name;
    if (!org.empty()) p.org = org;
    if (!topics.empty()) p.topics = topics;
    auto r = store_->CreatePerson(by, p);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : Person{};
  }

  std::string db_path_, schema_, ballast_;
  SqlConn* admin_ = nullptr;  // PostgreSQL: owned by db_
  Actor ceo_;
};

TEST_P(StoreTest, CreateGetUpdateRoundTrip) {
  Actor hr = MakeUser("hanna", Role::kHr);
  Actor rec = MakeUser("rita", Role::kRecruiter);
  PersonPatch p;
  p.name = "Jane Doe";
  p.kind = PersonKind::kCandidate;
  p.author_id = std::optional<std::int64_t>(1234);
  p.author_source_id = "A5023888391";
  p.org = "Google DeepMind";
  p.title = "Research Scientist";
  p.email = "jane@example.org";
  p.phone = "+44 20 7946 0958";
  p.city = "London";
  p.summary = "Works on RL.\nSpeaks at NeurIPS.";
  p.topics = std::vector<std::string>{"Reinforcement learning", "Large language models"};
  p.tags = std::vector<std::string>{"rl", "priority", "rl"};
  p.metrics = campaign::HeadlineMetrics{12345, 40, 3000, 0.93};
  p.owner_user_id = rec.user_id;
  Compensation comp;
  comp.current_base = 450'000;
  comp.expected_total = 250'000'000;
  comp.notes = "holds rival offer";
  p.compensation = comp;
  auto created = store_->CreatePerson(hr, p);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_GT(created->id, 0);
  EXPECT_EQ(created->version, 1);
  EXPECT_EQ(created->stage, Stage::kIdentified);

  auto got = store_->GetPerson(hr, created->id, /*with_compensation=*/true);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->name, "Jane Doe");
  EXPECT_EQ(got->author_id, 1234);
  EXPECT_EQ(got->author_source_id, "A5023888391");
  EXPECT_EQ(got->org, "Google DeepMind");
  EXPECT_GT(got->org_id, 0);
  EXPECT_EQ(got->email, "jane@example.org");
  EXPECT_EQ(got->summary, "Works on RL.\nSpeaks at NeurIPS.");
  EXPECT_EQ(got->topics, (std::vector<std::string>{"Reinforcement learning", "Large language models"}));
  EXPECT_EQ(got->tags, (std::vector<std::string>{"priority", "rl"}));
  ASSERT_TRUE(got->metrics);
  EXPECT_EQ(got->metrics->citations, 12345);
  EXPECT_DOUBLE_EQ(got->metrics->score, 0.93);
  EXPECT_EQ(got->owner_user_id, rec.user_id);
  EXPECT_EQ(got->owner_username, "rita");
  ASSERT_TRUE(got->compensation);
  EXPECT_EQ(got->compensation->current_base, 450'000);
  EXPECT_EQ(got->compensation->expected_total, 250'000'000);
  EXPECT_FALSE(got->compensation->current_equity);
  EXPECT_EQ(got->compensation->notes, "holds rival offer");

  now_ += 10;
  PersonPatch change;
  change.org = "OpenAI";
  change.tags = std::vector<std::string>{"hot"};
  change.email = "";
  auto updated = store_->UpdatePerson(rec, created->id, 1, change);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->org, "OpenAI");
  EXPECT_EQ(updated->tags, std::vector<std::string>{"hot"});
  EXPECT_EQ(updated->email, "");
  EXPECT_EQ(updated->name, "Jane Doe");
  EXPECT_EQ(updated->updated_at, now_.load());
  EXPECT_FALSE(updated->compensation) << "recruiter must not receive compensation";

  auto missing = store_->GetPerson(hr, 999999);
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  auto orgs = store_->ListOrganisations();
  ASSERT_TRUE(orgs.ok());
  ASSERT_EQ(orgs->size(), 2u);
  EXPECT_EQ((*orgs)[0].name, "OpenAI");
  EXPECT_EQ((*orgs)[0].people, 1);
}

TEST_P(StoreTest, InvalidWritesNameTheFieldAndChangeNothing) {
  PersonPatch bad;
  bad.name = "X";
  bad.email = "not-an-email";
  auto r = store_->CreatePerson(ceo_, bad);
  ASSERT_EQ(r.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(r.status().message().find("'email'"), std::string::npos);
  PersonPatch bad_owner;
  bad_owner.name = "Y";
  bad_owner.owner_user_id = 4242;
  EXPECT_EQ(store_->CreatePerson(ceo_, bad_owner).status().code(), StatusCode::kInvalidInput);
  auto page = store_->ListPeople(ceo_, {});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 0);
}

TEST_P(StoreTest, DuplicateAuthorAndUsernameConflict) {
  PersonPatch p;
  p.name = "A";
  p.author_id = std::optional<std::int64_t>(77);
  auto first = store_->CreatePerson(ceo_, p);
  ASSERT_TRUE(first.ok());
  auto second = store_->CreatePerson(ceo_, p);
  ASSERT_EQ(second.status().code(), StatusCode::kConflict);
  EXPECT_NE(second.status().message().find("person " + std::to_string(first->id)), std::string::npos);
  auto found = store_->FindPersonByAuthor(ceo_, 77);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->id, first->id);
  MakeUser("sam", Role::kViewer);
  auto dup = store_->CreateUser(ceo_, NewUser{"sam", "", Role::kViewer, "another long passphrase"});
  EXPECT_EQ(dup.status().code(), StatusCode::kConflict);
}

TEST_P(StoreTest, StageTransitionsAllowedAndRefused) {
  Actor rec = MakeUser("rita", Role::kRecruiter);
  Person p = MakePerson(rec, "Ada");
  auto moved = store_->MoveStage(rec, p.id, 1, Stage::kContacted, "first e-mail sent");
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  EXPECT_EQ(moved->stage, Stage::kContacted);
  EXPECT_EQ(moved->version, 2);
  auto refused = store_->MoveStage(rec, p.id, 2, Stage::kJoined, "");
  ASSERT_EQ(refused.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(refused.status().message().find("stage"), std::string::npos);
  auto stale = store_->MoveStage(rec, p.id, 1, Stage::kReplied, "");
  EXPECT_EQ(stale.status().code(), StatusCode::kConflict);
  for (Stage s : {Stage::kReplied, Stage::kMeeting, Stage::kOffer, Stage::kAccepted, Stage::kJoined}) {
    auto cur = store_->GetPerson(rec, p.id);
    ASSERT_TRUE(cur.ok());
    ASSERT_TRUE(store_->MoveStage(rec, p.id, cur->version, s, "").ok()) << campaign::StageName(s);
  }
  auto history = store_->ListStageHistory(rec, p.id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 7u);  // initial identified + 6 moves
  EXPECT_FALSE((*history)[0].from);
  EXPECT_EQ((*history)[1].from, Stage::kIdentified);
  EXPECT_EQ((*history)[1].to, Stage::kContacted);
  EXPECT_EQ((*history)[1].note, "first e-mail sent");
  EXPECT_EQ((*history)[1].username, "rita");
  EXPECT_EQ(history->back().to, Stage::kJoined);
  auto after_join = store_->GetPerson(rec, p.id);
  EXPECT_EQ(store_->MoveStage(rec, p.id, after_join->version, Stage::kWithdrawn, "").status().code(),
            StatusCode::kInvalidInput);
}

TEST_P(StoreTest, StaleVersionIsAConflictAndLosesNothing) {
  Person p = MakePerson(ceo_, "Bo");
  PersonPatch a;
  a.title = "first";
  ASSERT_TRUE(store_->UpdatePerson(ceo_, p.id, 1, a).ok());
  PersonPatch b;
  b.title = "second";
  auto stale = store_->UpdatePerson(ceo_, p.id, 1, b);
  ASSERT_EQ(stale.status().code(), StatusCode::kConflict);
  EXPECT_NE(stale.status().message().find("version 2"), std::string::npos) << stale.status().message();
  auto now = store_->GetPerson(ceo_, p.id);
  EXPECT_EQ(now->title, "first");
  EXPECT_EQ(now->version, 2);
}

// Many threads do read-modify-write increments of one counter with version
// checks and retry on conflict. With no lost update the counter equals the
// number of successful writes exactly.
// A linked author with no paper carrying a count: the citation figures are
// stored as unknown and read back unknown, never as 0; a known 0 stays 0.
TEST_P(StoreTest, UnknownCitationCountsStayUnknown) {
  PersonPatch p;
  p.name = "No Counts";
  p.metrics = campaign::HeadlineMetrics{std::nullopt, std::nullopt, std::nullopt, 0.4};
  auto created = store_->CreatePerson(ceo_, p);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  auto got = store_->GetPerson(ceo_, created->id);
  ASSERT_TRUE(got.ok() && got->metrics);
  EXPECT_FALSE(got->metrics->citations.has_value());
  EXPECT_FALSE(got->metrics->h_index.has_value());
  EXPECT_DOUBLE_EQ(got->metrics->score, 0.4);
  PersonPatch known;
  known.metrics = campaign::HeadlineMetrics{0, 0, std::nullopt, 0.4};
  auto updated = store_->UpdatePerson(ceo_, got->id, got->version, known);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  got = store_->GetPerson(ceo_, created->id);
  ASSERT_TRUE(got->metrics->citations.has_value());
  EXPECT_EQ(*got->metrics->citations, 0);
  EXPECT_FALSE(got->metrics->recent_citations.has_value());
}

TEST_P(StoreTest, ConcurrentWritersNeverLoseAnUpdate) {
  PersonPatch init;
  init.name = "Counter";
  init.metrics = campaign::HeadlineMetrics{};
  auto p = store_->CreatePerson(ceo_, init);
  ASSERT_TRUE(p.ok());
  constexpr int kThreads = 8, kIncrements = 15;
  std::atomic<int> conflicts{0}, failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < kIncrements;) {
        auto cur = store_->GetPerson(ceo_, p->id);
        if (!cur.ok()) {
          ++failures;
          return;
        }
        PersonPatch inc;
        campaign::HeadlineMetrics m = cur->metrics.value_or(campaign::HeadlineMetrics{});
        m.citations = m.citations.value_or(0) + 1;
        inc.metrics = m;
        auto r = store_->UpdatePerson(ceo_, p->id, cur->version, inc);
        if (r.ok()) ++i;
        else if (r.status().code() == StatusCode::kConflict) ++conflicts;
        else {
          ADD_FAILURE() << r.status().ToString();
          ++failures;
          return;
        }
      }
    });
  for (auto& t : threads) t.join();
  ASSERT_EQ(failures.load(), 0);
  auto final_state = store_->GetPerson(ceo_, p->id);
  ASSERT_TRUE(final_state.ok());
  EXPECT_EQ(final_state->metrics->citations, kThreads * kIncrements);
  EXPECT_EQ(final_state->version, 1 + kThreads * kIncrements);
  std::cout << "[ info ] " << GetParam() << ": " << conflicts.load() << " conflicts detected and retried\n";
}

TEST_P(StoreTest, FieldPermissionsPerRole) {
  Actor hr = MakeUser("hanna", Role::kHr);
  Actor rec = MakeUser("rita", Role::kRecruiter);
  Actor rec2 = MakeUser("rolf", Role::kRecruiter);
  Actor viewer = MakeUser("vic", Role::kViewer);

  PersonPatch with_comp;
  with_comp.name = "Comp Person";
  with_comp.compensation = Compensation{};
  with_comp.compensation->current_base = 900'000;
  EXPECT_EQ(store_->CreatePerson(rec, with_comp).status().code(), StatusCode::kForbidden);
  EXPECT_EQ(store_->CreatePerson(viewer, with_comp).status().code(), StatusCode::kForbidden);
  auto created = store_->CreatePerson(hr, with_comp);
  ASSERT_TRUE(created.ok());
  ASSERT_TRUE(created->compensation);

  // Reads: compensation present for ceo/hr only, even when asked for.
  for (const Actor* a : {&ceo_, &hr, &rec, &viewer}) {
    auto got = store_->GetPerson(*a, created->id, /*with_compensation=*/true);
    ASSERT_TRUE(got.ok());
    const bool may = a->role == Role::kCeo || a->role == Role::kHr;
    EXPECT_EQ(got->compensation.has_value(), may) << a->username;
    auto list = store_->ListPeople(*a, {});
    ASSERT_TRUE(list.ok());
    for (const Person& p : list->people) EXPECT_FALSE(p.compensation) << "lists never carry compensation";
  }
  // Ownership: rec owns the person it creates; rec2 may not change it.
  Person mine = MakePerson(rec, "Owned by rita");
  EXPECT_EQ(mine.owner_user_id, rec.user_id);
  PersonPatch t;
  t.title = "x";
  EXPECT_EQ(store_->UpdatePerson(rec2, mine.id, 1, t).status().code(), StatusCode::kForbidden);
  EXPECT_EQ(store_->MoveStage(rec2, mine.id, 1, Stage::kContacted, "").status().code(), StatusCode::kForbidden);
  EXPECT_EQ(store_->UpdatePerson(viewer, mine.id, 1, t).status().code(), StatusCode::kForbidden);
  EXPECT_TRUE(store_->UpdatePerson(hr, mine.id, 1, t).ok());
  // Unowned (created by hr): any recruiter may change it, but not its compensation.
  PersonPatch comp_only;
  comp_only.compensation = Compensation{};
  EXPECT_EQ(store_->UpdatePerson(rec2, created->id, 1, comp_only).status().code(), StatusCode::kForbidden);
  EXPECT_TRUE(store_->UpdatePerson(rec2, created->id, 1, t).ok());
  auto still = store_->GetPerson(hr, created->id, true);
  ASSERT_TRUE(still.ok() && still->compensation);
  EXPECT_EQ(still->compensation->current_base, 900'000) << "a recruiter's update must not clear compensation";
  // Notes: anyone but the viewer.
  EXPECT_TRUE(store_->AddNote(rec2, mine.id, "met at ICML").ok());
  EXPECT_EQ(store_->AddNote(viewer, mine.id, "hi").status().code(), StatusCode::kForbidden);
  // Export, erase, audit, users.
  EXPECT_EQ(store_->ExportPerson(rec, mine.id).status().code(), StatusCode::kForbidden);
  EXPECT_EQ(store_->ErasePerson(rec, mine.id).code(), StatusCode::kForbidden);
  EXPECT_EQ(store_->ListAudit(rec, 0, 10).status().code(), StatusCode::kForbidden);
  EXPECT_EQ(store_->ListAudit(viewer, 0, 10).status().code(), StatusCode::kForbidden);
  EXPECT_TRUE(store_->ListAudit(hr, 0, 10).ok());
  EXPECT_EQ(store_->CreateUser(hr, NewUser{"eve", "", Role::kCeo, "long enough password 1"}).status().code(),
            StatusCode::kForbidden);
  EXPECT_EQ(store_->UpdateUser(rec, viewer.user_id, UserPatch{.role = Role::kCeo}).status().code(),
            StatusCode::kForbidden);
}

TEST_P(StoreTest, EveryWriteIsAudited) {
  Actor hr = MakeUser("hanna", Role::kHr);
  hr.ip = "10.1.2.3";
  PersonPatch p;
  p.name = "Audited";
  p.compensation = Compensation{};
  p.compensation->current_base = 100;
  auto created = store_->CreatePerson(hr, p);
  ASSERT_TRUE(created.ok());
  PersonPatch u;
  u.city = "Paris";
  ASSERT_TRUE(store_->UpdatePerson(hr, created->id, 1, u).ok());
  ASSERT_TRUE(store_->MoveStage(hr, created->id, 2, Stage::kContacted, "").ok());
  ASSERT_TRUE(store_->AddNote(hr, created->id, "a note").ok());
  ASSERT_TRUE(store_->GetPerson(hr, created->id, true).ok());
  ASSERT_TRUE(store_->GetPerson(hr, created->id, false).ok());  // no compensation → not audited
  auto audit = store_->ListAudit(ceo_, 0, 100);
  ASSERT_TRUE(audit.ok());
  std::vector<std::string> actions;
  for (const AuditEntry& e : *audit)
    if (e.target == "person:" + std::to_string(created->id)) actions.push_back(e.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"person.view_compensation", "note.create", "person.stage",
                                               "person.update", "person.create"}));
  const AuditEntry& update = (*audit)[3];
  EXPECT_EQ(update.action, "person.update");
  EXPECT_EQ(update.actor, "hanna");
  EXPECT_EQ(update.ip, "10.1.2.3");
  EXPECT_NE(update.before_json.find("\"city\":\"\""), std::string::npos) << update.before_json;
  EXPECT_NE(update.after_json.find("\"city\":\"Paris\""), std::string::npos) << update.after_json;
  // Paging backwards.
  auto older = store_->ListAudit(ceo_, (*audit)[1].id, 1);
  ASSERT_TRUE(older.ok());
  ASSERT_EQ(older->size(), 1u);
  EXPECT_EQ((*older)[0].id, (*audit)[2].id);
}

// Group commit: writes from many threads share transactions; a failing
// write (unknown person) is undone alone and every acknowledged note exists.
TEST_P(StoreTest, ConcurrentWritesFailAloneAndAcknowledgedOnesPersist) {
  PersonPatch init;
  init.name = "Noted";
  auto p = store_->CreatePerson(ceo_, init);
  ASSERT_TRUE(p.ok());
  constexpr int kThreads = 8, kWrites = 25;
  std::atomic<int> acknowledged{0}, refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kWrites; ++i) {
        const bool bad = (i + t) % 5 == 0;  // every fifth write names a person that does not exist
        auto n = store_->AddNote(ceo_, bad ? p->id + 1000 : p->id, "t" + std::to_string(t) + " n" + std::to_string(i));
        if (n.ok()) ++acknowledged;
        else if (bad && n.status().code() == StatusCode::kNotFound) ++refused;
        else ADD_FAILURE() << n.status().ToString();
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(refused.load(), kThreads * kWrites / 5);
  auto notes = store_->ListNotes(ceo_, p->id, 0, 0);
  ASSERT_TRUE(notes.ok());
  EXPECT_EQ(notes->total, acknowledged.load());
  EXPECT_EQ(static_cast<int>(notes->notes.size()), acknowledged.load());
  std::set<std::string> bodies;
  for (const Note& n : notes->notes) bodies.insert(n.body);
  EXPECT_EQ(static_cast<int>(bodies.size()), acknowledged.load()) << "each note stored once";
  auto audit = store_->ListAudit(ceo_, 0, 1000);
  ASSERT_TRUE(audit.ok());
  int audited = 0;
  for (const AuditEntry& e : *audit) audited += e.action == "note.create";
  EXPECT_EQ(audited, acknowledged.load()) << "a refused write leaves no audit entry";
}

// Session checks are coalesced across threads, never cached: a check that
// starts after Logout returned fails, however many checks run at once.
TEST_P(StoreTest, ConcurrentSessionChecksSeeLogoutAtOnce) {
  MakeUser("sam", Role::kViewer);
  auto s = store_->Login("sam", kPassword, "");
  ASSERT_TRUE(s.ok());
  std::atomic<bool> logged_out{false}, stop{false};
  std::atomic<int> ok_before{0}, stale{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      while (!stop) {
        const bool after = logged_out;
        auto info = store_->CheckSession(s->token);
        if (info.ok() && after) ++stale;
        if (info.ok() && !after) ++ok_before;
      }
    });
  while (ok_before < 50) std::this_thread::yield();
  ASSERT_TRUE(store_->Logout(s->token).ok());
  logged_out = true;
  for (int i = 0; i < 50; ++i) EXPECT_FALSE(store_->CheckSession(s->token).ok());
  stop = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(stale.load(), 0);
}

TEST_P(StoreTest, LoginSessionsAndRevocation) {
  Actor rec = MakeUser("rita", Role::kRecruiter);
  const std::string pw = kPassword;
  auto s = store_->Login("rita", pw, "127.0.0.1");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->token.size(), 64u);
  EXPECT_EQ(s->user.id, rec.user_id);
  auto info = store_->CheckSession(s->token);
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->user.username, "rita");
  EXPECT_EQ(info->csrf_token, s->csrf_token);
  EXPECT_EQ(store_->Login("rita", "wrong password here", "").status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(store_->Login("nobody", pw, "").status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(store_->CheckSession(std::string(64, 'a')).status().code(), StatusCode::kUnauthenticated);

  if (GetParam() == "sqlite") {
    // Only a hash of the token is stored: a stolen database file is no key.
    std::string bytes = ReadFile(db_path_) + ReadFile(db_path_ + "-wal");
    EXPECT_EQ(bytes.find(s->token), std::string::npos);
    EXPECT_NE(bytes.find(TokenHash(s->token)), std::string::npos);
    EXPECT_EQ(bytes.find(pw), std::string::npos);
    EXPECT_NE(bytes.find("$argon2id$"), std::string::npos);
  }
  // Logout revokes.
  ASSERT_TRUE(store_->Logout(s->token).ok());
  EXPECT_EQ(store_->CheckSession(s->token).status().code(), StatusCode::kUnauthenticated);

  // Idle timeout, refreshed by use; absolute timeout regardless of use.
  StoreOptions opt;
  opt.session_idle_seconds = 600;
  opt.session_absolute_seconds = 3600;
  Reopen(opt);
  auto s2 = store_->Login("rita", pw, "");
  ASSERT_TRUE(s2.ok());
  now_ += 500;
  EXPECT_TRUE(store_->CheckSession(s2->token).ok());
  now_ += 500;  // 500 s since last use (refreshed above)
  EXPECT_TRUE(store_->CheckSession(s2->token).ok());
  now_ += 601;
  EXPECT_EQ(store_->CheckSession(s2->token).status().code(), StatusCode::kUnauthenticated);
  auto s3 = store_->Login("rita", pw, "");
  ASSERT_TRUE(s3.ok());
  for (int i = 0; i < 7; ++i) {
    now_ += 500;
    ASSERT_TRUE(store_->CheckSession(s3->token).ok()) << i;
  }
  now_ += 200;  // 3700 s after login
  EXPECT_EQ(store_->CheckSession(s3->token).status().code(), StatusCode::kUnauthenticated);

  // Password change and disable revoke every session of that user.
  auto s4 = store_->Login("rita", pw, "");
  auto s5 = store_->Login("rita", pw, "");
  ASSERT_TRUE(s4.ok() && s5.ok());
  ASSERT_TRUE(store_->UpdateUser(rec, rec.user_id, UserPatch{.password = "a new long passphrase 9"}).ok());
  EXPECT_EQ(store_->CheckSession(s4->token).status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(store_->CheckSession(s5->token).status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(store_->Login("rita", pw, "").status().code(), StatusCode::kUnauthenticated);
  auto s6 = store_->Login("rita", "a new long passphrase 9", "");
  ASSERT_TRUE(s6.ok());
  ASSERT_TRUE(store_->UpdateUser(ceo_, rec.user_id, UserPatch{.disabled = true}).ok());
  EXPECT_EQ(store_->CheckSession(s6->token).status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(store_->Login("rita", "a new long passphrase 9", "").status().code(), StatusCode::kUnauthenticated);

  // Weak passwords are refused; the last ceo cannot be demoted.
  EXPECT_EQ(store_->CreateUser(ceo_, NewUser{"weak", "", Role::kViewer, "short"}).status().code(),
            StatusCode::kInvalidInput);
  EXPECT_EQ(store_->CreateUser(ceo_, NewUser{"weak", "", Role::kViewer, "password1234"}).status().code(),
            StatusCode::kInvalidInput);
  Actor boss = MakeUser("boss", Role::kCeo);
  EXPECT_EQ(store_->UpdateUser(ceo_, boss.user_id, UserPatch{.role = Role::kHr}).status().code(),
            StatusCode::kInvalidInput);
  // Login attempts are audited.
  auto audit = store_->ListAudit(ceo_, 0, 200);
  int failed = 0, ok = 0;
  for (const AuditEntry& e : *audit) failed += e.action == "login.failed", ok += e.action == "login";
  EXPECT_GE(failed, 4);
  EXPECT_EQ(ok, 6);
}

TEST_P(StoreTest, ListFiltersSearchAndPaging) {
  Actor rec = MakeUser("rita", Role::kRecruiter);
  MakePerson(ceo_, "Alice Alpha", "OpenAI", {"Reinforcement learning"});
  MakePerson(rec, "Bob Beta", "Google DeepMind", {"Large language models"});
  Person c = MakePerson(ceo_, "Carol 100% Gamma", "Google DeepMind", {"Vision"});
  for (int i = 0; i < 12; ++i) MakePerson(ceo_, "Filler " + std::to_string(i));
  PersonPatch tag;
  tag.tags = std::vector<std::string>{"vip"};
  now_ += 5;
  ASSERT_TRUE(store_->UpdatePerson(ceo_, c.id, 1, tag).ok());
  ASSERT_TRUE(store_->MoveStage(ceo_, c.id, 2, Stage::kContacted, "").ok());

  auto count = [&](PersonQuery q) {
    auto r = store_->ListPeople(ceo_, q);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->total : -1;
  };
  EXPECT_EQ(count({}), 15);
  EXPECT_EQ(count({.org = "Google DeepMind"}), 2);
  EXPECT_EQ(count({.stage = Stage::kContacted}), 1);
  EXPECT_EQ(count({.owner_user_id = rec.user_id}), 1);
  EXPECT_EQ(count({.owner_user_id = 0}), 14);
  EXPECT_EQ(count({.tag = "vip"}), 1);
  EXPECT_EQ(count({.text = "alpha"}), 1);
  EXPECT_EQ(count({.text = "DEEPMIND"}), 2);
  EXPECT_EQ(count({.text = "language model"}), 1);
  EXPECT_EQ(count({.text = "100%"}), 1);
  EXPECT_EQ(count({.text = "%"}), 1) << "LIKE wildcards in the query are literal";
  EXPECT_EQ(count({.text = "' OR 1=1 --"}), 0);
  auto page1 = store_->ListPeople(ceo_, {.limit = 10});
  auto page2 = store_->ListPeople(ceo_, {.limit = 10, .offset = 10});
  ASSERT_TRUE(page1.ok() && page2.ok());
  EXPECT_EQ(page1->people.size(), 10u);
  EXPECT_EQ(page2->people.size(), 5u);
  EXPECT_EQ(page1->people[0].id, c.id) << "most recently changed first";
  std::set<std::int64_t> ids;
  for (auto* page : {&*page1, &*page2})
    for (const Person& p : page->people) ids.insert(p.id);
  EXPECT_EQ(ids.size(), 15u);
}

TEST_P(StoreTest, DashboardAndActivityFeed) {
  Actor rec = MakeUser("rita", Role::kRecruiter);
  Person a = MakePerson(rec, "A", "OpenAI", {"RL", "LLM"});
  Person b = MakePerson(ceo_, "B", "OpenAI", {"LLM"});
  Person c = MakePerson(ceo_, "C", "Anthropic", {"LLM"});
  now_ -= 8 * 24 * 3600;  // an old move does not count as this week's movement
  ASSERT_TRUE(store_->MoveStage(ceo_, c.id, 1, Stage::kContacted, "").ok());
  now_ += 8 * 24 * 3600;
  ASSERT_TRUE(store_->MoveStage(rec, a.id, 1, Stage::kContacted, "").ok());
  ASSERT_TRUE(store_->MoveStage(rec, a.id, 2, Stage::kReplied, "").ok());
  ASSERT_TRUE(store_->MoveStage(ceo_, b.id, 1, Stage::kWithdrawn, "").ok());
  auto d = store_->GetDashboard(10);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  auto at = [](const StageCounts& s, Stage st) { return s.by_stage[static_cast<int>(st)]; };
  EXPECT_EQ(d->funnel.total, 3);
  EXPECT_EQ(at(d->funnel, Stage::kReplied), 1);
  EXPECT_EQ(at(d->funnel, Stage::kContacted), 1);
  EXPECT_EQ(at(d->funnel, Stage::kWithdrawn), 1);
  ASSERT_EQ(d->by_org.size(), 2u);
  EXPECT_EQ(d->by_org[0].first, "OpenAI");
  EXPECT_EQ(d->by_org[0].second.total, 2);
  ASSERT_GE(d->by_topic.size(), 2u);
  EXPECT_EQ(d->by_topic[0].first, "LLM");
  EXPECT_EQ(d->by_topic[0].second.total, 3);
  EXPECT_EQ(d->moves_week[static_cast<int>(Stage::kContacted)], 1);
  EXPECT_EQ(d->moves_week[static_cast<int>(Stage::kReplied)], 1);
  EXPECT_EQ(d->moves_week[static_cast<int>(Stage::kWithdrawn)], 1);
  ASSERT_EQ(d->by_owner.size(), 2u);
  EXPECT_EQ(d->by_owner[0].first.id, 0) << "unowned first (2 people)";
  EXPECT_EQ(d->by_owner[0].second.total, 2);
  EXPECT_EQ(d->by_owner[1].first.username, "rita");

  auto all = store_->ListActivities(0, 100);
  ASSERT_TRUE(all.ok());
  ASSERT_GE(all->size(), 7u);
  EXPECT_EQ((*all)[0].kind, "stage");
  EXPECT_EQ((*all)[0].summary, "identified → withdrawn");
  EXPECT_EQ((*all)[0].person_name, "B");
  const std::int64_t mark = (*all)[0].id;
  ASSERT_TRUE(store_->AddNote(rec, a.id, "hello").ok());
  auto since = store_->ListActivities(mark, 100);
  ASSERT_TRUE(since.ok());
  ASSERT_EQ(since->size(), 1u);
  EXPECT_EQ((*since)[0].kind, "note");
  EXPECT_EQ((*since)[0].actor, "rita");
  EXPECT_EQ((*since)[0].person_id, a.id);
}

TEST_P(StoreTest, ExportThenEraseLeavesNoPersonalBytes) {
  Actor hr = MakeUser("hanna", Role::kHr);
  const std::string name = "Qwzxlomb Verantique", email = "qwzxlomb.v@unique-mail.example",
                    note = "Xylophonic-note-8472 about salary", comp_note = "Rivaloffer-Zq93";
  PersonPatch p;
  p.name = name;
  p.email = email;
  p.city = "Tromsoeville";
  p.compensation = Compensation{};
  p.compensation->expected_total = 123'456'789;
  p.compensation->notes = comp_note;
  auto person = store_->CreatePerson(hr, p);
  ASSERT_TRUE(person.ok());
  PersonPatch u;
  u.title = "Principal Vexillologist";
  ASSERT_TRUE(store_->UpdatePerson(hr, person->id, 1, u).ok());
  ASSERT_TRUE(store_->MoveStage(hr, person->id, 2, Stage::kContacted, "stage-note-Jq77").ok());
  ASSERT_TRUE(store_->AddNote(hr, person->id, note).ok());
  Person other = MakePerson(hr, "Someone Else");

  auto exported = store_->ExportPerson(hr, person->id);
  ASSERT_TRUE(exported.ok());
  for (const std::string& s : {name, email, note, comp_note, std::string("stage-note-Jq77"),
                               std::string("Principal Vexillologist"), std::string("123456789")})
    EXPECT_NE(exported->find(s), std::string::npos) << s;

  const std::vector<std::string> secrets = {name, email, note, comp_note, "stage-note-Jq77",
                                            "Principal Vexillologist", "Tromsoeville"};
  auto file_bytes = [&] { return ReadFile(db_path_) + ReadFile(db_path_ + "-wal"); };
  if (GetParam() == "sqlite") {
    // The check must be able to fail: before erasure the strings are on disk.
    std::string before = file_bytes();
    for (const std::string& s : secrets) EXPECT_NE(before.find(s), std::string::npos) << s;
  }
  ASSERT_TRUE(store_->ErasePerson(hr, person->id).ok());
  EXPECT_EQ(store_->GetPerson(hr, person->id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->ErasePerson(hr, person->id).code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->GetPerson(hr, other.id).ok());

  auto audit = store_->ListAudit(hr, 0, 100);
  ASSERT_TRUE(audit.ok());
  bool has_erase = false;
  for (const AuditEntry& e : *audit) {
    for (const std::string& s : secrets) {
      EXPECT_EQ(e.before_json.find(s), std::string::npos) << e.action;
      EXPECT_EQ(e.after_json.find(s), std::string::npos) << e.action;
    }
    has_erase |= e.action == "person.erase" && e.target == "person:" + std::to_string(person->id);
  }
  EXPECT_TRUE(has_erase);
  auto feed = store_->ListActivities(0, 100);
  ASSERT_TRUE(feed.ok());
  EXPECT_EQ((*feed)[0].kind, "person_erased");
  EXPECT_EQ((*feed)[0].person_name, "");

  if (GetParam() == "sqlite") {
    std::string after = file_bytes();
    for (const std::string& s : secrets) EXPECT_EQ(after.find(s), std::string::npos) << s << " still on disk";
  }
  EXPECT_TRUE(store_->CheckIntegrity().ok());
}

TEST_P(StoreTest, MigrationsRerunAreIdempotent) {
  auto v = store_->SchemaVersion();
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, LatestSchemaVersion());
  Person p = MakePerson(ceo_, "Survivor");
  Reopen();
  Reopen();
  auto v2 = store_->SchemaVersion();
  ASSERT_TRUE(v2.ok());
  EXPECT_EQ(*v2, LatestSchemaVersion());
  auto got = store_->GetPerson(ceo_, p.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->name, "Survivor");
  EXPECT_TRUE(store_->CheckIntegrity().ok());
}

// Migration 2 adds people.notes_count and fills it from the notes already stored: a v1 store opened by this
// build reports the same totals as before, and later notes count on from there.
TEST_P(StoreTest, NotesCountMigrationBackfillsExistingNotes) {
  Person a = MakePerson(ceo_, "Has Notes");
  Person b = MakePerson(ceo_, "Has None");
  for (int i = 0; i < 7; ++i) ASSERT_TRUE(store_->AddNote(ceo_, a.id, "n" + std::to_string(i)).ok());
  store_.reset();
  // Back to schema 1: the column and the migration's record gone, as a store written by the previous release.
  auto conn = GetParam() == "sqlite" ? OpenSqliteConn(db_path_, 0) : OpenPostgresConn(url_);
  ASSERT_TRUE(conn.ok()) << conn.status().ToString();
  ASSERT_TRUE((*conn)->ExecScript("ALTER TABLE people DROP COLUMN notes_count").ok());
  ASSERT_TRUE((*conn)->ExecScript("DELETE FROM schema_migrations WHERE version = 2").ok());
  conn->reset();
  Reopen();
  auto v = store_->SchemaVersion();
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, LatestSchemaVersion());
  auto pa = store_->ListNotes(ceo_, a.id, 0, 2);
  ASSERT_TRUE(pa.ok()) << pa.status().ToString();
  EXPECT_EQ(pa->total, 7);
  EXPECT_EQ(pa->notes.size(), 2u);
  auto pb = store_->ListNotes(ceo_, b.id, 0, 0);
  ASSERT_TRUE(pb.ok());
  EXPECT_EQ(pb->total, 0);
  ASSERT_TRUE(store_->AddNote(ceo_, a.id, "after the upgrade").ok());
  EXPECT_EQ(store_->ListNotes(ceo_, a.id, 0, 1)->total, 8);
  EXPECT_TRUE(store_->CheckIntegrity().ok());
}

TEST_P(StoreTest, ConcurrentOpensMigrateOnce) {
  store_.reset();
  if (GetParam() == "sqlite") {
    std::filesystem::remove(db_path_);
  } else {
    ASSERT_TRUE(admin_->ExecScript("DROP SCHEMA " + schema_ + " CASCADE; CREATE SCHEMA " + schema_).ok());
  }
  std::vector<std::thread> openers;
  std::atomic<int> failures{0};
  for (int i = 0; i < 4; ++i)
    openers.emplace_back([&] {
      auto s = OpenStore(url_);
      if (!s.ok()) {
        ++failures;
        ADD_FAILURE() << s.status().ToString();
      }
    });
  for (auto& t : openers) t.join();
  EXPECT_EQ(failures.load(), 0);
  Reopen();
  auto v = store_->SchemaVersion();
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, LatestSchemaVersion());
}

// Disk full. SQLite: a max_page_count. PostgreSQL has none, so the test script
// (./superteam.sh test, start_postgres) mounts a small tmpfs and makes a
// directory on it the tablespace ST_PG_SMALL_TABLESPACE (mount point in
// ST_PG_SMALL_FS); this test's schema is created there (default_tablespace),
// the rest of the free space is taken by a ballast file, and the table files
// then hit ENOSPC for real (SQLSTATE 53100) while the WAL, on the main disk,
// has room: the case of a full data disk. Removing the ballast is the
// operator freeing space.
TEST_P(StoreTest, DiskFullIsCleanAndRecovers) {
  std::string& ballast = ballast_;  // TearDown removes it if an assertion stops the test
  if (GetParam() == "sqlite") {
    // The cap: the schema's own pages (which grow with every migration) plus ~45 (4 KiB each) for data.
    store_.reset();
    std::int64_t schema_pages = 0;
    {
      auto conn = OpenSqliteConn(db_path_, 0);
      ASSERT_TRUE(conn.ok()) << conn.status().ToString();
      auto pages = (*conn)->Query("PRAGMA page_count", {});
      ASSERT_TRUE(pages.ok() && !pages->empty()) << pages.status().ToString();
      schema_pages = (*pages)[0].Int(0);
    }
    StoreOptions small;
    small.sqlite_max_page_count = schema_pages + 45;
    Reopen(small);
  } else {
    const char* ts = std::getenv("ST_PG_SMALL_TABLESPACE");
    const char* fs_dir = std::getenv("ST_PG_SMALL_FS");
    if (ts == nullptr || *ts == '\0' || fs_dir == nullptr || *fs_dir == '\0')
      ST_SKIP_OR_FAIL() << "ST_PG_SMALL_TABLESPACE / ST_PG_SMALL_FS are not set: ./superteam.sh test mounts a "
                           "small tmpfs for the PostgreSQL disk-full test (needs root)";
    // Recreate the schema with every table and index in the small tablespace.
    store_.reset();
    ASSERT_TRUE(admin_->ExecScript("DROP SCHEMA " + schema_ + " CASCADE; CREATE SCHEMA " + schema_).ok());
    url_ += std::string("%20-cdefault_tablespace%3D") + ts;
    Reopen();
    auto where = admin_->Query("SELECT count(*) FROM pg_tables WHERE schemaname = $1 AND tablespace = $2",
                               std::vector<SqlValue>{SqlValue(schema_), SqlValue(std::string(ts))});
    ASSERT_TRUE(where.ok()) << where.status().ToString();
    ASSERT_GT((*where)[0].Int(0), 5) << "the tables are not in tablespace " << ts;
    // Leave ~1 MiB free: a few people fit, then the table files hit ENOSPC.
    std::error_code ec;
    const auto space = std::filesystem::space(fs_dir, ec);
    ASSERT_FALSE(ec) << fs_dir << ": " << ec.message();
    ASSERT_GT(space.available, 1u << 20) << fs_dir << " is already full";
    ballast = std::string(fs_dir) + "/ballast-" + schema_;
    std::ofstream out(ballast, std::ios::binary);
    const std::string block(64 << 10, 'b');
    for (std::uintmax_t left = space.available - (1u << 20); left > 0 && out;) {
      const std::uintmax_t n = std::min<std::uintmax_t>(left, block.size());
      out.write(block.data(), static_cast<std::streamsize>(n));
      left -= n;
    }
    out.close();
    ASSERT_TRUE(out) << "could not write the ballast " << ballast;
  }
  // Unlike SQLite, PostgreSQL compresses long values: the filler text is varied.
  std::mt19937 rng(7);
  auto filler = [&rng] {
    std::string s(3000, ' ');
    for (char& c : s) c = static_cast<char>('a' + rng() % 26);
    return s;
  };
  int created = 0;
  Status last;
  for (int i = 0; i < 20000; ++i) {
    PersonPatch p;
    p.name = "Filler " + std::to_string(i);
    p.summary = filler();
    p.topics = std::vector<std::string>{std::to_string(i) + "t", std::to_string(i) + "u"};
    auto r = store_->CreatePerson(ceo_, p);
    if (!r.ok()) {
      last = r.status();
      break;
    }
    ++created;
  }
  ASSERT_EQ(last.code(), StatusCode::kResourceExhausted) << last.ToString();
  ASSERT_GT(created, 5);
  // Nothing half-written: every person has its history row and feed entry, and
  // the failed one left no topics behind.
  auto page = store_->ListPeople(ceo_, {.limit = 1000});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, created);
  auto feed = store_->ListActivities(0, 1000);
  ASSERT_TRUE(feed.ok());
  EXPECT_EQ(static_cast<int>(feed->size()), created);
  auto dash = store_->GetDashboard(0);
  ASSERT_TRUE(dash.ok());
  EXPECT_EQ(static_cast<int>(dash->by_topic.size()), 2 * created);
  EXPECT_TRUE(store_->CheckIntegrity().ok());
  // Reads still work while full; writing works again once space returns.
  EXPECT_TRUE(store_->GetPerson(ceo_, page->people[0].id).ok());
  if (ballast.empty()) {
    Reopen();  // without max_page_count
  } else {
    std::filesystem::remove(ballast);
    ballast.clear();
  }
  EXPECT_TRUE(store_->CreatePerson(ceo_, PersonPatch{.name = "After recovery"}).ok());
  EXPECT_TRUE(store_->CheckIntegrity().ok());
}

// ---- places and events (sql_store_places.cc, sql_store_events.cc)
TEST_P(StoreTest, HandSetLocationIsOwnedAuditedExportedAndErased) {
  Actor rec = MakeUser("rita", Role::kRecruiter);
  Actor other = MakeUser("otto", Role::kRecruiter);
  Actor viewer = MakeUser("vera", Role::kViewer);
  Person p = MakePerson(rec, "Located Person");
  PersonLocation loc;
  loc.person_id = p.id;
  loc.city = "Zürich";
  loc.country = "CH";
  loc.lat = 47.3769;
  loc.lon = 8.5417;
  loc.tz = "Europe/Zurich";
  loc.evidence = "city 'Zurich'";
  EXPECT_EQ(store_->SetPersonLocation(other, loc).status().code(), StatusCode::kForbidden) << "not the owner";
  EXPECT_EQ(store_->SetPersonLocation(viewer, loc).status().code(), StatusCode::kForbidden);
  auto set = store_->SetPersonLocation(rec, loc);
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_EQ(set->actor, "rita");
  auto all = store_->ListPersonLocations();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].city, "Zürich");
  EXPECT_NEAR(*(*all)[0].lon, 8.5417, 1e-9);
  auto feed = store_->ListActivities(0, 10);
  ASSERT_TRUE(feed.ok());
  EXPECT_EQ(feed->front().kind, "location");
  EXPECT_EQ(feed->front().summary, "location set to Zürich, CH");
  auto exported = store_->ExportPerson(ceo_, p.id);
  ASSERT_TRUE(exported.ok());
  EXPECT_NE(exported->find("\"location\""), std::string::npos);
  EXPECT_NE(exported->find("Europe/Zurich"), std::string::npos);
  loc.country = "Switzerland";
  EXPECT_EQ(store_->SetPersonLocation(rec, loc).status().code(), StatusCode::kInvalidInput);
  ASSERT_TRUE(store_->ClearPersonLocation(rec, p.id).ok());
  EXPECT_TRUE(store_->ListPersonLocations()->empty());
  ASSERT_TRUE(store_->SetPersonLocation(ceo_, set.value()).ok());
  ASSERT_TRUE(store_->ErasePerson(ceo_, p.id).ok());
  EXPECT_TRUE(store_->ListPersonLocations()->empty()) << "erasure takes the location with it";
}

TEST_P(StoreTest, DinnerInvitationsAnswersSequenceAndErasure) {
  Actor rec = MakeUser("rita", Role::kRecruiter);
  Actor viewer = MakeUser("vera", Role::kViewer);
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 4; ++i) ids.push_back(MakePerson(rec, "Guest " + std::to_string(i)).id);
  events::Event e;
  e.title = "Dinner in Palo Alto";
  e.place = "Palo Alto house";
  e.city = "Palo Alto";
  e.country = "US";
  e.tz = "America/Los_Angeles";
  e.starts_at = 1804906800;  // 12 March 2027, 19:00 PST
  e.ends_at = e.starts_at + 3 * 3600;
  e.capacity = 3;
  EXPECT_EQ(store_->CreateEvent(viewer, e).status().code(), StatusCode::kForbidden);
  events::Event bad = e;
  bad.ends_at = bad.starts_at - 1;
  EXPECT_EQ(store_->CreateEvent(rec, bad).status().code(), StatusCode::kInvalidInput);
  auto created = store_->CreateEvent(rec, e);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->sequence, 0);
  EXPECT_FALSE(created->uid.empty());
  auto over = store_->InvitePeople(rec, created->id, ids);
  EXPECT_EQ(over.status().code(), StatusCode::kConflict) << "4 invitations for 3 seats";
  auto invited = store_->InvitePeople(rec, created->id, {ids[0], ids[1], ids[2]});
  ASSERT_TRUE(invited.ok()) << invited.status().ToString();
  EXPECT_EQ(invited->size(), 3u);
  ASSERT_TRUE(store_->InvitePeople(rec, created->id, {ids[0]}).ok()) << "inviting again is a no-op";
  // A "no" frees a seat for the fourth guest.
  ASSERT_TRUE(store_->SetRsvp(rec, created->id, ids[2], events::Rsvp::kNo, std::nullopt).ok());
  ASSERT_TRUE(store_->InvitePeople(rec, created->id, {ids[3]}).ok());
  EXPECT_EQ(store_->SetRsvp(rec, created->id, ids[2], events::Rsvp::kYes, std::nullopt).status().code(),
            StatusCode::kConflict)
      << "the freed seat is taken";
  auto yes = store_->SetRsvp(rec, created->id, ids[0], events::Rsvp::kYes, std::string("vegetarian, no nuts"));
  ASSERT_TRUE(yes.ok()) << yes.status().ToString();
  EXPECT_EQ(yes->dietary, "vegetarian, no nuts");
  EXPECT_EQ(store_->SetRsvp(rec, created->id, 999999, events::Rsvp::kYes, std::nullopt).status().code(),
            StatusCode::kNotFound);
  auto list = store_->ListEvents();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].counts.invited, 4);
  EXPECT_EQ((*list)[0].counts.yes, 1);
  EXPECT_EQ((*list)[0].counts.no, 1);
  EXPECT_EQ((*list)[0].counts.pending, 2);
  // Dietary notes are absent for a viewer.
  auto as_viewer = store_->GetEvent(viewer, created->id);
  ASSERT_TRUE(as_viewer.ok());
  for (const auto& i : as_viewer->invites) EXPECT_TRUE(i.dietary.empty());
  // The guest's timeline shows the invitation and the answer.
  auto feed = store_->ListActivities(0, 50);
  ASSERT_TRUE(feed.ok());
  int guest0 = 0;
  for (const auto& a : *feed)
    if (a.person_id == ids[0] && a.kind == "event") ++guest0;
  EXPECT_EQ(guest0, 2);
  EXPECT_EQ(feed->front().summary.find("answered yes to dinner 'Dinner in Palo Alto' on 12 March 2027"), 0u)
      << feed->front().summary;
  // Every change raises the version and SEQUENCE; a stale version is refused.
  events::EventPatch later;
  later.starts_at = e.starts_at + 1800;
  later.ends_at = e.ends_at + 1800;
  auto updated = store_->UpdateEvent(rec, created->id, created->version, later);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->sequence, 1);
  EXPECT_EQ(store_->UpdateEvent(rec, created->id, created->version, later).status().code(), StatusCode::kConflict);
  auto cancelled = store_->CancelEvent(rec, created->id, updated->version);
  ASSERT_TRUE(cancelled.ok());
  EXPECT_EQ(cancelled->sequence, 2);
  EXPECT_EQ(cancelled->status, events::EventStatus::kCancelled);
  // Export carries the invitation and dietary notes; erasure removes them.
  auto exported = store_->ExportPerson(ceo_, ids[0]);
  ASSERT_TRUE(exported.ok());
  EXPECT_NE(exported->find("vegetarian, no nuts"), std::string::npos);
  ASSERT_TRUE(store_->ErasePerson(ceo_, ids[0]).ok());
  auto after = store_->GetEvent(ceo_, created->id);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->invites.size(), 3u);
  EXPECT_TRUE(store_->CheckIntegrity().ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

TEST(Password, Argon2idAtOwaspMinimum) {
  auto h = HashPassword("correct horse battery staple");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << *h;
  EXPECT_TRUE(VerifyPassword(*h, "correct horse battery staple"));
  EXPECT_FALSE(VerifyPassword(*h, "correct horse battery stapl"));
  EXPECT_FALSE(PasswordNeedsRehash(*h));
  EXPECT_NE(RandomToken(), RandomToken());
  EXPECT_EQ(TokenHash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

// A server answering current_setting() from a table, to drive the check.
class FakeSettingsConn final : public SqlConn {
 public:
  FakeSettingsConn(std::string fsync, std::string fpw) : fsync_(std::move(fsync)), fpw_(std::move(fpw)) {}
  Dialect dialect() const override { return Dialect::kPostgres; }
  bool healthy() const override { return true; }
  Status ExecScript(std::string_view) override { return Status::Ok(); }
  Result<std::vector<SqlRow>> Query(std::string_view, std::span<const SqlValue> params) override {
    const std::string name = std::get<std::string>(params[0]);
    return std::vector<SqlRow>{SqlRow{{SqlValue(name == "fsync" ? fsync_ : fpw_)}}};
  }

 private:
  std::string fsync_, fpw_;
};

TEST(PostgresDurability, RefusesFsyncOrFullPageWritesOff) {
  FakeSettingsConn good("on", "on"), no_fsync("off", "on"), no_fpw("on", "off");
  EXPECT_TRUE(CheckPostgresDurability(good).ok());
  Status s1 = CheckPostgresDurability(no_fsync);
  EXPECT_EQ(s1.code(), StatusCode::kInvalidInput);
  EXPECT_NE(s1.message().find("fsync=off"), std::string::npos);
  Status s2 = CheckPostgresDurability(no_fpw);
  EXPECT_EQ(s2.code(), StatusCode::kInvalidInput);
  EXPECT_NE(s2.message().find("full_page_writes=off"), std::string::npos);
  const char* url = std::getenv("ST_PG_URL");
  if (url == nullptr || *url == '\0') ST_SKIP_OR_FAIL() << "ST_PG_URL is not set: real-server half not run";
  auto real = OpenPostgresConn(url);
  ASSERT_TRUE(real.ok());
  EXPECT_TRUE(CheckPostgresDurability(**real).ok()) << "the test cluster runs with fsync=on";
}

TEST(OpenStore, RejectsUnknownSchemes) {
  EXPECT_EQ(OpenStore("mysql://x").status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(OpenStore("sqlite:").status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(OpenStore("sqlite:/nonexistent-dir/x/y.db").status().code(), StatusCode::kIoError);
}

}  // namespace
}  // namespace st::store
