// Outreach through the service and the store, on SQLite and PostgreSQL (ST_PG_URL), with a scripted
// transport: the outbox state machine, replies/bounces/opt-outs, sequences, roles, export and erasure.
// The same flows against real SMTP/IMAP servers are in tests/mail/outreach_mail_test.cc.
#include "outreach/service.h"

#include <gtest/gtest.h>

#include <atomic>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

#include "base/test_paths.h"
#include "base/test_require.h"
#include "outreach/mime.h"
#include "outreach/optout.h"
#include "store/open_store.h"
#include "store/sql.h"
#include "store/store_test_fixture.h"
#include "store/test_database.h"

namespace st::outreach {
namespace {

using campaign::Role;
using store::Actor;

// Scripted: each Send pops the next outcome (default accepted) and keeps the bytes; FetchNew hands out
// the queued raw messages with increasing UIDs.
struct Script {
  std::deque<SendOutcome> outcomes;
  std::vector<std::pair<std::string, std::string>> sent;  // to, mime
  std::vector<std::string> inbox;                          // all messages ever delivered to the CEO
  std::string last_password;
};

class ScriptedTransport final : public MailTransport {
 public:
  explicit ScriptedTransport(Script& s) : s_(s) {}
  SendOutcome Send(std::string_view, std::string_view to, std::string_view mime) override {
    SendOutcome o{SendOutcome::kAccepted, 250, "2.0.0 OK"};
    if (!s_.outcomes.empty()) {
      o = s_.outcomes.front();
      s_.outcomes.pop_front();
    }
    if (o.kind == SendOutcome::kAccepted || o.kind == SendOutcome::kLostAfterData)
      s_.sent.emplace_back(std::string(to), std::string(mime));
    return o;
  }
  Result<FetchBatch> FetchNew(std::int64_t validity, std::int64_t last_uid, int max) override {
    FetchBatch b{7, validity == 7 ? last_uid : 0, {}};
    for (std::int64_t uid = b.last_uid + 1; uid <= static_cast<std::int64_t>(s_.inbox.size()) && max-- > 0; ++uid) {
      b.mails.push_back({uid, s_.inbox[uid - 1]});
      b.last_uid = uid;
    }
    return b;
  }

 private:
  Script& s_;
};

class OutreachFlowTest : public store::testing::ClockedStoreTest {
 protected:
  OutreachFlowTest() : ClockedStoreTest("outreach", 1'796'601'600) {}  // Monday 2026-12-07 00:00 UTC

  void SetUp() override {
    ClockedStoreTest::SetUp();
    if (!Ready()) return;
    dir_ = db_->dir();
    cli_ = Actor{0, "cli", Role::kCeo, ""};
    ceo_ = MakeUser("sam", Role::kCeo);
    rec_ = MakeUser("rita", Role::kRecruiter);
    other_rec_ = MakeUser("ravi", Role::kRecruiter);
    viewer_ = MakeUser("vic", Role::kViewer);
    auto box = SecretBox::FromKeyFile(dir_ + "/mail.key");
    ASSERT_TRUE(box.ok());
    ServiceOptions o;
    o.templates_dir = dir_ + "/templates";
    o.settings.weekdays_only = false;
    o.settings.window_start_hour = 0;
    o.settings.window_end_hour = 24;
    o.settings.follow_up_business_days = 2;
    o.settings.max_follow_ups = 1;
    o.clock = [this] { return now_.load(); };
    o.make_transport = [this](const Mailbox&, const std::string& pw) -> Result<std::unique_ptr<MailTransport>> {
      script_.last_password = pw;
      return std::unique_ptr<MailTransport>(new ScriptedTransport(script_));
    };
    service_ = std::make_unique<OutreachService>(*store_, nullptr, *box, o);
    MailboxInput in{"Sam Chief", "ceo@lab.test", "", "smtp", "smtp://127.0.0.1:2525", "imap://127.0.0.1:1143",
                    "ceo@lab.test", "", "", ""};
    auto m = service_->ConfigureMailbox(ceo_, in, "s3cret-smtp-pw", 0);
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    mailbox_ = *m;
  }

  void TearDown() override {
    service_.reset();  // before the store it uses
    ClockedStoreTest::TearDown();
  }

  std::int64_t MakePerson(const std::string& name, const std::string& email, std::int64_t owner = 0) {
    campaign::PersonPatch p;
    p.name = name;
    p.email = email;
    p.city = "London";
    p.org = "University of Oxford";
    if (owner) p.owner_user_id = owner;
    auto r = store_->CreatePerson(cli_, p);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->id : 0;
  }

  // Draft (by the recruiter) → approve (ceo) → one run: the message goes out.
  Message SendFirst(std::int64_t person) {
    auto d = service_->GenerateDraft(rec_, person);
    EXPECT_TRUE(d.ok()) << d.status().ToString();
    auto m = service_->Approve(ceo_, d->id, d->version);
    EXPECT_TRUE(m.ok()) << m.status().ToString();
    service_->RunOnce();
    return m.ok() ? *m : Message{};
  }

  std::string StageOf(std::int64_t person) {
    auto p = store_->GetPerson(cli_, person);
    return p.ok() ? std::string(campaign::StageName(p->stage)) : "?";
  }

  Message MessageById(std::int64_t person, std::int64_t id) {
    auto o = store_->GetPersonOutreach(ceo_, person);
    EXPECT_TRUE(o.ok());
    for (const Message& m : o->messages)
      if (m.id == id) return m;
    return {};
  }

  std::string Reply(const std::string& from, const std::string& in_reply_to, const std::string& text,
                    const std::string& subject = "Re: hello") {
    return "From: Zoe <" + from + ">\r\nTo: ceo@lab.test\r\nSubject: " + subject + "\r\nMessage-ID: <r" +
           std::to_string(++reply_seq_) + "@uni.test>\r\nIn-Reply-To: " + in_reply_to +
           "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text + "\r\n";
  }

  std::string dir_;
  std::unique_ptr<OutreachService> service_;
  Actor cli_, ceo_, rec_, other_rec_, viewer_;
  Mailbox mailbox_;
  Script script_;
  int reply_seq_ = 0;
};

TEST_P(OutreachFlowTest, MailboxIsCeoOnlyAndThePasswordIsSealed) {
  EXPECT_EQ(mailbox_.version, 1);
  EXPECT_EQ(mailbox_.password_sealed.find("s3cret"), std::string::npos);
  EXPECT_FALSE(mailbox_.password_sealed.empty());
  MailboxInput in{"Rita", "rita@lab.test", "", "smtp", "smtp://x:25", "", "rita", "", "", ""};
  EXPECT_EQ(service_->ConfigureMailbox(rec_, in, "pw", 0).status().code(), StatusCode::kForbidden);
  EXPECT_EQ(store_->GetMailbox(rec_, ceo_.user_id).status().code(), StatusCode::kForbidden);
  // Stale version; bad URL named; the password kept when not given.
  MailboxInput again{"Sam Chief", "ceo@lab.test", "", "smtp", "smtp://127.0.0.1:2525", "", "ceo@lab.test", "", "", ""};
  EXPECT_EQ(service_->ConfigureMailbox(ceo_, again, "", 5).status().code(), StatusCode::kConflict);
  again.smtp_url = "http://x";
  EXPECT_NE(service_->ConfigureMailbox(ceo_, again, "", 1).status().message().find("'smtp_url'"), std::string::npos);
  again.smtp_url = "smtps://127.0.0.1:465";
  auto m = service_->ConfigureMailbox(ceo_, again, "", 1);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->password_sealed, mailbox_.password_sealed);
  // The transport gets the opened password.
  SendFirst(MakePerson("Ada Lovelace", "ada@uni.test"));
  EXPECT_EQ(script_.last_password, "s3cret-smtp-pw");
  // The audit trail never holds the password, sealed or not.
  auto audit = store_->ListAudit(ceo_, 0, 100);
  ASSERT_TRUE(audit.ok());
  for (const auto& e : *audit) {
    EXPECT_EQ(e.after_json.find("s3cret"), std::string::npos);
    EXPECT_EQ(e.after_json.find(mailbox_.password_sealed), std::string::npos);
  }
}

TEST_P(OutreachFlowTest, DraftApproveSendMovesToContactedAndRecordsEverything) {
  const std::int64_t p = MakePerson("Ada Lovelace", "Ada@Uni.test");
  auto d = service_->GenerateDraft(rec_, p);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->status, "draft");
  EXPECT_NE(d->body.find("Dear Ada,"), std::string::npos) << d->body;
  // Recruiter edits: a new version is kept; stale edits are refused.
  Draft edit = *d;
  edit.body += "P.S. Loved the talk.\n";
  auto e = store_->SaveDraft(rec_, edit, d->version);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->version, 2);
  EXPECT_EQ(store_->SaveDraft(rec_, edit, 1).status().code(), StatusCode::kConflict);
  auto versions = store_->ListDraftVersions(ceo_, d->id);
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ((*versions)[0].body, d->body);
  // Queue: the CEO sees it with the candidate's facts; nobody else may.
  auto queue = store_->ListDraftQueue(ceo_);
  ASSERT_TRUE(queue.ok());
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_EQ((*queue)[0].person_name, "Ada Lovelace");
  EXPECT_EQ((*queue)[0].org, "University of Oxford");
  EXPECT_EQ(store_->ListDraftQueue(rec_).status().code(), StatusCode::kForbidden);
  // Only the ceo approves; version must be current.
  EXPECT_EQ(service_->Approve(rec_, d->id, 2).status().code(), StatusCode::kForbidden);
  EXPECT_EQ(service_->Approve(ceo_, d->id, 1).status().code(), StatusCode::kConflict);
  auto m = service_->Approve(ceo_, d->id, 2);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->status, "queued");
  EXPECT_EQ(m->to_address, "ada@uni.test");
  EXPECT_EQ(StageOf(p), "identified");  // not yet sent
  // A second first message while the sequence runs is refused.
  auto d2 = service_->GenerateDraft(rec_, p);
  ASSERT_TRUE(d2.ok());
  EXPECT_EQ(service_->Approve(ceo_, d2->id, d2->version).status().code(), StatusCode::kConflict);

  RunReport r = service_->RunOnce();
  EXPECT_EQ(r.sent, 1);
  ASSERT_EQ(script_.sent.size(), 1u);
  EXPECT_EQ(script_.sent[0].first, "ada@uni.test");
  EXPECT_NE(script_.sent[0].second.find("Message-ID: " + m->message_id), std::string::npos);
  EXPECT_NE(script_.sent[0].second.find("P.S. Loved the talk."), std::string::npos);
  EXPECT_EQ(MessageById(p, m->id).status, "sent");
  EXPECT_EQ(StageOf(p), "contacted");
  // A second run sends nothing again.
  service_->RunOnce();
  EXPECT_EQ(script_.sent.size(), 1u);
  // Timeline and audit.
  auto acts = store_->ListActivities(0, 100);
  ASSERT_TRUE(acts.ok());
  bool sent_entry = false;
  for (const auto& a : *acts) sent_entry = sent_entry || (a.person_id == p && a.summary == "e-mail sent");
  EXPECT_TRUE(sent_entry);
}

TEST_P(OutreachFlowTest, UnresolvedFieldBlocksApprovalUntilEdited) {
  const std::int64_t p = MakePerson("J. Smith", "js@uni.test");  // no usable first name
  auto d = service_->GenerateDraft(rec_, p);
  ASSERT_TRUE(d.ok());
  EXPECT_NE(d->body.find("[[missing: first_name]]"), std::string::npos);
  auto refused = service_->Approve(ceo_, d->id, d->version);
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(refused.status().message().find("'first_name'"), std::string::npos);
  Draft edit = *d;
  edit.body.replace(edit.body.find("[[missing: first_name]]"), 23, "Dr Smith");
  auto e = store_->SaveDraft(ceo_, edit, d->version);
  ASSERT_TRUE(e.ok());
  EXPECT_TRUE(service_->Approve(ceo_, e->id, e->version).ok());
}

TEST_P(OutreachFlowTest, RolesOnDraftsAndThreads) {
  const std::int64_t owned = MakePerson("Owned Person", "o@uni.test", other_rec_.user_id);
  EXPECT_EQ(service_->GenerateDraft(rec_, owned).status().code(), StatusCode::kForbidden);
  EXPECT_EQ(service_->GenerateDraft(viewer_, owned).status().code(), StatusCode::kForbidden);
  EXPECT_TRUE(service_->GenerateDraft(other_rec_, owned).ok());
  EXPECT_EQ(store_->GetPersonOutreach(rec_, owned).status().code(), StatusCode::kForbidden);
  const std::int64_t p = MakePerson("Ada Lovelace", "ada@uni.test");
  SendFirst(p);
  // Viewers see that contact happened, not what was said.
  auto v = store_->GetPersonOutreach(viewer_, p);
  ASSERT_TRUE(v.ok());
  ASSERT_EQ(v->messages.size(), 1u);
  EXPECT_EQ(v->messages[0].status, "sent");
  EXPECT_TRUE(v->messages[0].subject.empty());
  EXPECT_TRUE(v->messages[0].body.empty());
  EXPECT_TRUE(v->drafts.empty());
  auto c = store_->GetPersonOutreach(ceo_, p);
  ASSERT_TRUE(c.ok());
  EXPECT_FALSE(c->messages[0].body.empty());
  EXPECT_TRUE(c->messages[0].mime.empty());  // the raw bytes never leave the outbox
  // Every view of a thread is audited.
  auto audit = store_->ListAudit(ceo_, 0, 200);
  int views = 0;
  for (const auto& a : *audit) views += a.action == "outreach.view";
  EXPECT_GE(views, 2);
}

TEST_P(OutreachFlowTest, TemporaryFailureRetriesWithBackoffPermanentIsFinal) {
  const std::int64_t p = MakePerson("Ada Lovelace", "ada@uni.test");
  script_.outcomes = {{SendOutcome::kTemporary, 451, "4.3.0 try later"}};
  Message m = SendFirst(p);
  Message after = MessageById(p, m.id);
  EXPECT_EQ(after.status, "retry");
  EXPECT_EQ(after.attempts, 1);
  EXPECT_EQ(after.next_attempt_at, now_.load() + 60);
  EXPECT_NE(after.last_error.find("451 4.3.0 try later"), std::string::npos);
  service_->RunOnce();  // not due yet
  EXPECT_TRUE(script_.sent.empty());
  now_ += 61;
  script_.outcomes = {{SendOutcome::kPermanent, 554, "5.7.1 message refused"}};
  service_->RunOnce();
  after = MessageById(p, m.id);
  EXPECT_EQ(after.status, "failed");
  EXPECT_NE(after.last_error.find("554 5.7.1 message refused"), std::string::npos);
  now_ += 100000;
  service_->RunOnce();
  EXPECT_EQ(MessageById(p, m.id).status, "failed");
  EXPECT_TRUE(script_.sent.empty());
}

TEST_P(OutreachFlowTest, LostAfterDataIsUnknownAndNeverResent) {
  const std::int64_t p = MakePerson("Ada Lovelace", "ada@uni.test");
  script_.outcomes = {{SendOutcome::kLostAfterData, 354, "connection reset"}};
  Message m = SendFirst(p);
  Message after = MessageById(p, m.id);
  EXPECT_EQ(after.status, "unknown");
  EXPECT_NE(after.last_error.find("outcome unknown — check the Sent folder"), std::string::npos);
  for (int i = 0; i < 3; ++i) {
    now_ += 86400;
    service_->RunOnce();
  }
  EXPECT_EQ(script_.sent.size(), 1u);
  EXPECT_EQ(MessageById(p, m.id).status, "unknown");
}

TEST_P(OutreachFlowTest, ACrashWhileSendingBecomesUnknownOnRestart) {
  const std::int64_t p = MakePerson("Ada Lovelace", "ada@uni.test");
  auto d = service_->GenerateDraft(rec_, p);
  auto m = service_->Approve(ceo_, d->id, d->version);
  ASSERT_TRUE(m.ok());
  // A process that claimed it and died (pid 999999 does not exist).
  ASSERT_TRUE(*store_->ClaimForSending(m->id, "not-this-host:1"));  // other host: lease decides
  ASSERT_TRUE(store_->RecoverInterruptedSends([](const std::string&, std::int64_t) { return false; }).ok());
  EXPECT_EQ(MessageById(p, m->id).status, "sending");
  auto n = store_->RecoverInterruptedSends(
      [this](const std::string& claim, std::int64_t since) { return ClaimIsStale(claim, since, now_ + 1000); });
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 1);
  EXPECT_EQ(MessageById(p, m->id).status, "unknown");
  service_->RunOnce();
  EXPECT_TRUE(script_.sent.empty());
  EXPECT_TRUE(ClaimIsStale(ClaimToken(), now_, now_));  // our own pid: an earlier life
}

TEST_P(OutreachFlowTest, RecipientRejectedIsABounceThatSuppressesTheAddress) {
  const std::int64_t p = MakePerson("Ada Lovelace", "ada@uni.test");
  script_.outcomes = {{SendOutcome::kRecipientRejected, 550, "5.1.1 user unknown"}};
  Message m = SendFirst(p);
  EXPECT_EQ(MessageById(p, m.id).status, "failed");
  auto o = store_->GetPersonOutreach(ceo_, p);
  ASSERT_EQ(o->threads.size(), 1u);
  EXPECT_EQ(o->threads[0].state, "bounced");
  EXPECT_TRUE(o->suppressed);
  EXPECT_TRUE(*store_->IsSuppressed("ADA@uni.test"));
  // No later campaign can write to it.
  auto d = service_->GenerateDraft(rec_, p);
  auto again = service_->Approve(ceo_, d->id, d->version);
  EXPECT_EQ(again.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(again.status().message().find("suppression"), std::string::npos);
}

TEST_P(OutreachFlowTest, ReplyStopsTheSequenceAndMovesToReplied) {
  const std::int64_t p = MakePerson("Ada Lovelace", "ada@uni.test");
  Message first = SendFirst(p);
  ASSERT_EQ(script_.sent.size(), 1u);
  // Unrelated mail of the CEO is not stored; the reply is.
  script_.inbox.push_back("From: news@else.test\r\nSubject: news\r\nMessage-ID: <n1@else.test>\r\n\r\nhello\r\n");
  script_.inbox.push_back(Reply("ada@uni.test", first.message_id, "Happy to talk. Tuesday?"));
  RunReport r = service_->RunOnce();
  EXPECT_EQ(r.replies, 1);
  EXPECT_EQ(r.unmatched, 1);
  EXPECT_EQ(StageOf(p), "replied");
  auto history = store_->ListStageHistory(cli_, p);
  EXPECT_EQ(history->back().note, "reply received by e-mail");
  auto o = store_->GetPersonOutreach(ceo_, p);
  EXPECT_EQ(o->threads[0].state, "replied");
  ASSERT_EQ(o->messages.size(), 2u);
  EXPECT_EQ(o->messages[1].direction, "in");
  EXPECT_EQ(o->messages[1].body, "Happy to talk. Tuesday?\n");
  // The follow-up is never sent, however long we wait; the same reply read again is stored once.
  mailbox_ = **store_->GetMailbox(ceo_, ceo_.user_id);
  EXPECT_EQ(mailbox_.imap_last_uid, 2);
  ASSERT_TRUE(store_->UpdateMailboxState(mailbox_.id, "", 7, 0).ok());
  for (int i = 0; i < 5; ++i) {
    now_ += 3 * 86400;
    service_->RunOnce();
  }
  EXPECT_EQ(script_.sent.size(), 1u);
  EXPECT_EQ(store_->GetPersonOutreach(ceo_, p)->messages.size(), 2u);
}

TEST_P(OutreachFlowTest, FollowUpGoesInThreadAfterBusinessDaysThenTheSequenceCompletes) {
  const std::int64_t p = MakePerson("Ada Lovelace", "ada@uni.test");
  Message first = SendFirst(p);
  now_ += 86400;  // one business day: not yet
  service_->RunOnce();
  EXPECT_EQ(script_.sent.size(), 1u);
  now_ += 86400 + 60;  // two business days
  RunReport r = service_->RunOnce();
  EXPECT_EQ(r.follow_ups_queued, 1);
  EXPECT_EQ(r.sent, 1);
  ASSERT_EQ(script_.sent.size(), 2u);
  const std::string& mime = script_.sent[1].second;
  EXPECT_NE(mime.find("In-Reply-To: " + first.message_id), std::string::npos) << mime.substr(0, 800);
  EXPECT_NE(mime.find("References: " + first.message_id), std::string::npos);
  // max_follow_ups = 1: no third message, the thread completes.
  for (int i = 0; i < 4; ++i) {
    now_ += 3 * 86400;
    service_->RunOnce();
  }
  EXPECT_EQ(script_.sent.size(), 2u);
  EXPECT_EQ(store_->GetPersonOutreach(ceo_, p)->threads[0].state, "completed");
}

TEST_P(OutreachFlowTest, StageMovedPastContactedStopsFollowUps) {
  const std::int64_t p = MakePerson("Ada Lovelace", "ada@uni.test");
  SendFirst(p);
  auto person = store_->GetPerson(cli_, p);
  ASSERT_TRUE(store_->MoveStage(ceo_, p, person->version, campaign::Stage::kReplied, "phoned").ok());
  now_ += 5 * 86400;
  service_->RunOnce();
  EXPECT_EQ(script_.sent.size(), 1u);
  auto o = store_->GetPersonOutreach(ceo_, p);
  EXPECT_EQ(o->threads[0].state, "stopped");
  EXPECT_EQ(o->threads[0].stop_reason, "candidate moved to replied");
}

TEST_P(OutreachFlowTest, OptOutAndBounceNotificationsStopAndSuppress) {
  const std::int64_t p = MakePerson("Ada Lovelace", "ada@uni.test");
  const std::int64_t q = MakePerson("Bob Byron", "bob@uni.test");
  Message mp = SendFirst(p);
  Message mq = SendFirst(q);
  script_.inbox.push_back(Reply("ada@uni.test", mp.message_id, "Please stop emailing me."));
  script_.inbox.push_back(
      "From: MAILER-DAEMON@mx.uni.test\r\nTo: ceo@lab.test\r\nSubject: Undelivered\r\nMessage-ID: <dsn9@mx.uni.test>\r\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n\r\n--B\r\n"
      "Content-Type: text/plain\r\n\r\nfailed\r\n--B\r\nContent-Type: message/delivery-status\r\n\r\n"
      "Reporting-MTA: dns; mx.uni.test\r\n\r\nFinal-Recipient: rfc822; bob@uni.test\r\nAction: failed\r\n"
      "Status: 5.1.1\r\n\r\n--B\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: " + mq.message_id +
      "\r\n\r\n--B--\r\n");
  RunReport r = service_->RunOnce();
  EXPECT_EQ(r.opt_outs, 1);
  EXPECT_EQ(r.bounces, 1);
  EXPECT_EQ(store_->GetPersonOutreach(ceo_, p)->threads[0].state, "opted_out");
  EXPECT_EQ(store_->GetPersonOutreach(ceo_, q)->threads[0].state, "bounced");
  EXPECT_TRUE(*store_->IsSuppressed("ada@uni.test"));
  EXPECT_TRUE(*store_->IsSuppressed("bob@uni.test"));
  EXPECT_EQ(StageOf(q), "contacted");  // a bounce is not a reply
  now_ += 10 * 86400;
  service_->RunOnce();
  EXPECT_EQ(script_.sent.size(), 2u);
}

// The opt-out link every message carries: only its hash is stored, the page's GET changes nothing, the POST
// suppresses the address for every later campaign (case-insensitively), and erasure keeps only the hash.
TEST_P(OutreachFlowTest, OptOutLinkSuppressesForGoodAndOnlyItsHashIsStored) {
  const std::int64_t p = MakePerson("Ada Lovelace", "ada@uni.test");
  Message first = SendFirst(p);
  ASSERT_EQ(script_.sent.size(), 1u);
  const std::string& mime = script_.sent[0].second;
  const std::string marker = "List-Unsubscribe: <http://127.0.0.1:8080/api/optout/";
  const size_t at = mime.find(marker);
  ASSERT_NE(at, std::string::npos) << mime.substr(0, 1200);
  const std::string token = mime.substr(at + marker.size(), 64);
  ASSERT_TRUE(IsOptOutToken(token)) << token;
  EXPECT_EQ(mime.substr(at + marker.size() + 64, 14), "/one-click>,\r\n");  // then the mailto: alternative
  // A second message gets its own token.
  const std::int64_t q = MakePerson("Bob Byron", "bob@uni.test");
  SendFirst(q);
  EXPECT_EQ(script_.sent[1].second.find(token), std::string::npos);
  if (GetParam() == "sqlite") {  // the database files hold the hash, never the token
    std::string bytes;
    for (const char* f : {"/campaign.db", "/campaign.db-wal"}) {
      std::ifstream in(dir_ + f, std::ios::binary);
      bytes += std::string(std::istreambuf_iterator<char>(in), {});
    }
    EXPECT_NE(bytes.find(first.message_id), std::string::npos);  // the right files
    EXPECT_EQ(bytes.find(token), std::string::npos);
  }
  // Looking changes nothing (mail scanners open links).
  auto look = store_->OptOutLink(token, false, "198.51.100.7");
  ASSERT_TRUE(look.ok()) << look.status().ToString();
  EXPECT_EQ(look->masked_address, "a•••@uni.test");
  EXPECT_EQ(look->sender_name, "Sam Chief");
  EXPECT_FALSE(look->opted_out);
  EXPECT_FALSE(*store_->IsSuppressed("ada@uni.test"));
  // Unknown and malformed tokens: one answer for all.
  std::string wrong = token;
  wrong[0] = wrong[0] == 'a' ? 'b' : 'a';
  EXPECT_EQ(store_->OptOutLink(wrong, true, "198.51.100.7").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->OptOutLink("' OR 1=1 --", true, "198.51.100.7").status().code(), StatusCode::kNotFound);
  // The click: suppressed, the sequence stopped, twice is the same as once.
  auto done = store_->OptOutLink(token, true, "198.51.100.7");
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_TRUE(done->opted_out);
  EXPECT_EQ(done->stopped_sequences, 1);
  EXPECT_TRUE(*store_->IsSuppressed("ADA@uni.test"));
  EXPECT_EQ(store_->GetPersonOutreach(ceo_, p)->threads[0].state, "opted_out");
  auto again = store_->OptOutLink(token, true, "198.51.100.7");
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->opted_out);
  EXPECT_EQ(again->stopped_sequences, 0);
  EXPECT_EQ(StageOf(p), "contacted");  // a click is not a reply
  // No follow-up goes, and no later campaign can write to the address, under any spelling.
  now_ += 10 * 86400;
  service_->RunOnce();
  for (size_t i = 1; i < script_.sent.size(); ++i) EXPECT_EQ(script_.sent[i].first, "bob@uni.test");
  const std::int64_t twin = MakePerson("Ada King", "Ada@Uni.test");
  auto d = service_->GenerateDraft(rec_, twin);
  ASSERT_TRUE(d.ok());
  auto refused = service_->Approve(ceo_, d->id, d->version);
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(refused.status().message().find("suppression list"), std::string::npos);
  // Audited: the view, the opt-out, the refused guesses.
  auto audit = store_->ListAudit(ceo_, 0, 200);
  int views = 0, optouts = 0, refusals = 0;
  std::string actions;
  for (const auto& a : *audit) {
    actions += a.action + "(" + a.target + ") ";
    views += a.action == "outreach.optout_view";
    optouts += a.action == "outreach.optout_link";
    refusals += a.action == "outreach.optout_refused";
  }
  EXPECT_EQ(views, 1);
  EXPECT_EQ(optouts, 1);
  EXPECT_EQ(refusals, 2) << actions;
  // Erasure: the link is gone with the person, the address stays blocked by its hash alone.
  ASSERT_TRUE(store_->ErasePerson(ceo_, p).ok());
  ASSERT_TRUE(store_->ErasePerson(ceo_, twin).ok());
  EXPECT_EQ(store_->OptOutLink(token, false, "198.51.100.7").status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(*store_->IsSuppressed("ada@uni.test"));
  (void)first;
}

// The campaign's "outreach" settings key drives drafts, the sequence and the cap; a mailbox's own cap wins.
TEST_P(OutreachFlowTest, StoredOutreachSettingsDriveDraftsAndTheCap) {
  ASSERT_TRUE(store_->PutSetting(ceo_, "outreach",
                                 R"({"offer_themes": ["eight H100s for every researcher, from day one"],
                                     "daily_cap": 1, "weekdays_only": false, "window_start_hour": 0,
                                     "window_end_hour": 24, "public_url": "https://talent.lab.test/"})",
                                 0)
                  .ok());
  EXPECT_EQ(service_->CurrentSettings().daily_cap, 1);
  const std::int64_t a = MakePerson("Ada Lovelace", "ada@uni.test");
  const std::int64_t b = MakePerson("Bob Byron", "bob@uni.test");
  auto da = service_->GenerateDraft(rec_, a);
  ASSERT_TRUE(da.ok());
  EXPECT_NE(da->body.find("eight H100s for every researcher"), std::string::npos) << da->body;
  auto db = service_->GenerateDraft(rec_, b);
  ASSERT_TRUE(service_->Approve(ceo_, da->id, da->version).ok());
  ASSERT_TRUE(service_->Approve(ceo_, db->id, db->version).ok());
  RunReport r = service_->RunOnce();
  EXPECT_EQ(r.sent, 1);
  EXPECT_EQ(r.capped, 1);
  // The settings' public URL leads List-Unsubscribe, https: so the message claims RFC 8058 one-click.
  EXPECT_NE(script_.sent[0].second.find("List-Unsubscribe: <https://talent.lab.test/api/optout/"), std::string::npos);
  EXPECT_NE(script_.sent[0].second.find("\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"),
            std::string::npos);
  // The mailbox's own cap (3) wins over the campaign's (1).
  MailboxInput in{"Sam Chief", "ceo@lab.test", "", "smtp", "smtp://127.0.0.1:2525", "imap://127.0.0.1:1143",
                  "ceo@lab.test", "", "", ""};
  in.daily_cap = 3;
  ASSERT_TRUE(service_->ConfigureMailbox(ceo_, in, "", mailbox_.version).ok());
  r = service_->RunOnce();
  EXPECT_EQ(r.sent, 1);
  EXPECT_EQ(r.capped, 0);
  // A bad window on the mailbox is refused, naming the field.
  in.window_start_hour = 20;
  in.window_end_hour = 8;
  auto bad = service_->ConfigureMailbox(ceo_, in, "", mailbox_.version + 1);
  EXPECT_NE(bad.status().message().find("'window_end_hour'"), std::string::npos) << bad.status().ToString();
  // A file given with --outreach-settings overrides the stored key.
  ServiceOptions o;
  o.templates_dir = dir_ + "/templates";
  o.settings.daily_cap = 7;
  o.settings_override = true;
  OutreachService overridden(*store_, nullptr, *SecretBox::FromKeyFile(dir_ + "/mail.key"), o);
  EXPECT_EQ(overridden.CurrentSettings().daily_cap, 7);
}

TEST_P(OutreachFlowTest, DailyCapHoldsTheRestForLater) {
  // Cap 40 by default; use a tighter cap through a second service.
  ServiceOptions o;
  o.templates_dir = dir_ + "/templates";
  o.settings.weekdays_only = false;
  o.settings.window_start_hour = 0;
  o.settings.window_end_hour = 24;
  o.settings.daily_cap = 2;
  o.clock = [this] { return now_.load(); };
  o.make_transport = [this](const Mailbox&, const std::string&) -> Result<std::unique_ptr<MailTransport>> {
    return std::unique_ptr<MailTransport>(new ScriptedTransport(script_));
  };
  OutreachService capped(*store_, nullptr, *SecretBox::FromKeyFile(dir_ + "/mail.key"), o);
  for (int i = 0; i < 3; ++i) {
    const std::int64_t p = MakePerson("Person Number" + std::to_string(i), "p" + std::to_string(i) + "@uni.test");
    auto d = capped.GenerateDraft(rec_, p);
    ASSERT_TRUE(capped.Approve(ceo_, d->id, d->version).ok());
  }
  RunReport r = capped.RunOnce();
  EXPECT_EQ(r.sent, 2);
  EXPECT_EQ(r.capped, 1);
  now_ += 86400;
  EXPECT_EQ(capped.RunOnce().sent, 1);
}

TEST_P(OutreachFlowTest, WrongPasswordMarksTheMailboxAndSendsNothing) {
  const std::int64_t p = MakePerson("Ada Lovelace", "ada@uni.test");
  script_.outcomes = {{SendOutcome::kAuthFailed, 535, "5.7.8 authentication failed"}};
  Message m = SendFirst(p);
  EXPECT_EQ(MessageById(p, m.id).status, "retry");
  EXPECT_EQ(StageOf(p), "identified");
  auto box = store_->GetMailbox(ceo_, ceo_.user_id);
  EXPECT_NE((*box)->last_error.find("login was refused"), std::string::npos) << (*box)->last_error;
}

TEST_P(OutreachFlowTest, ExportHasTheMessagesErasureKeepsOnlyTheHash) {
  const std::int64_t p = MakePerson("Ada Lovelace", "ada@uni.test");
  Message m = SendFirst(p);
  script_.inbox.push_back(Reply("ada@uni.test", m.message_id, "unsubscribe"));
  service_->RunOnce();
  auto doc = store_->ExportPerson(ceo_, p);
  ASSERT_TRUE(doc.ok());
  EXPECT_NE(doc->find("\"outreach\""), std::string::npos);
  EXPECT_NE(doc->find(m.subject.substr(0, 10)), std::string::npos);
  EXPECT_NE(doc->find("unsubscribe"), std::string::npos);
  ASSERT_TRUE(store_->ErasePerson(ceo_, p).ok());
  EXPECT_TRUE(*store_->IsSuppressed("ada@uni.test"));  // still blocked, by hash
  // Nothing readable of the person stays in the outreach tables or the audit trail.
  auto audit = store_->ListAudit(ceo_, 0, 500);
  for (const auto& a : *audit) {
    EXPECT_EQ(a.after_json.find("ada@uni.test"), std::string::npos) << a.action << " " << a.after_json;
    EXPECT_EQ(a.before_json.find("ada@uni.test"), std::string::npos) << a.action;
  }
}

TEST_P(OutreachFlowTest, StatsByOrganisation) {
  const std::int64_t p = MakePerson("Ada Lovelace", "ada@uni.test");
  const std::int64_t q = MakePerson("Bob Byron", "bob@uni.test");
  Message mp = SendFirst(p);
  SendFirst(q);
  now_ += 3600;
  script_.inbox.push_back(Reply("ada@uni.test", mp.message_id, "Yes!"));
  service_->RunOnce();
  auto stats = store_->GetOutreachStats(now_ - 7 * 86400);
  ASSERT_TRUE(stats.ok());
  ASSERT_EQ(stats->size(), 1u);
  EXPECT_EQ((*stats)[0].org, "University of Oxford");
  EXPECT_EQ((*stats)[0].sent, 2);
  EXPECT_EQ((*stats)[0].replied, 1);
  EXPECT_EQ((*stats)[0].median_reply_seconds, 3600);
}

TEST_P(OutreachFlowTest, WhatsAppLinkAndRecord) {
  campaign::PersonPatch patch;
  patch.name = "Ada Lovelace";
  patch.phone = "+44 20 7946 0958";
  auto person = store_->CreatePerson(cli_, patch);
  ASSERT_TRUE(person.ok());
  auto d = service_->GenerateDraft(rec_, person->id);
  ASSERT_TRUE(d.ok());
  auto link = service_->WhatsAppLinkFor(ceo_, person->id, "", "");
  ASSERT_TRUE(link.ok()) << link.status().ToString();
  EXPECT_EQ(link->rfind("https://wa.me/442079460958?text=Dear%20Ada%2C", 0), 0u) << *link;
  EXPECT_EQ(service_->WhatsAppLinkFor(rec_, person->id, "", "").status().code(), StatusCode::kForbidden);
  EXPECT_FALSE(service_->WhatsAppLinkFor(ceo_, person->id, "Base salary $2M", "").ok());
  auto msg = store_->RecordWhatsApp(ceo_, person->id, "Dear Ada, a call?");
  ASSERT_TRUE(msg.ok());
  EXPECT_EQ(msg->channel, "whatsapp");
  EXPECT_EQ(StageOf(person->id), "contacted");
  EXPECT_EQ(store_->RecordWhatsApp(rec_, person->id, "x").status().code(), StatusCode::kForbidden);
}

INSTANTIATE_TEST_SUITE_P(Backends, OutreachFlowTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace st::outreach
