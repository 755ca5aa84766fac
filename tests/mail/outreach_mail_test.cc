// Outreach end to end against real mail servers (tests/mail/mail_servers.sh, started by ./superteam.sh
// test): aiosmtpd with STARTTLS + AUTH delivering into Maildirs that Dovecot serves over IMAP. The message
// is read back with Python's email package, the reply travels over SMTP and is found over IMAP, and the
// kill -9 case runs the real `superteam outreach run --once`.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "base/test_paths.h"
#include "base/test_require.h"
#include "graph/builder.h"
#include "graph/view.h"
#include "graph/test_records.h"
#include "events/ical.h"
#include "outreach/mime.h"
#include "outreach/optout.h"
#include "outreach/service.h"
#include "store/open_store.h"
#include "tests/mail/mail_files.h"

namespace st::outreach {
namespace {

namespace fs = std::filesystem;
using campaign::Role;
using store::Actor;

using st::testing::mail::Decode;
using st::testing::mail::Env;
using st::testing::mail::MailFiles;

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Unique(const std::string& prefix) {
  std::random_device rd;
  return prefix + std::to_string(rd() % 1000000000) + "@uni.test";
}

class MailTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (Env("ST_SMTP_URL").empty() || Env("ST_IMAP_URL").empty() || Env("ST_MAIL_DIR").empty())
      ST_SKIP_OR_FAIL() << "mail servers not running (ST_SMTP_URL/ST_IMAP_URL unset): ./superteam.sh test starts them";
    dir_ = st::testing::MakeTempDir("mail");
    db_ = dir_ + "/campaign.db";
    key_ = dir_ + "/campaign.db.mailkey";
    auto s = store::OpenStore("sqlite:" + db_, store::StoreOptions{[this] { return now_.load(); }});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
    Actor cli{0, "cli", Role::kCeo, ""};
    auto u = store_->CreateUser(cli, store::NewUser{"sam", "Sam Chief", Role::kCeo, "long passphrase for tests 7"});
    ASSERT_TRUE(u.ok());
    ceo_ = Actor{u->id, "sam", Role::kCeo, ""};
    auto r = store_->CreateUser(cli, store::NewUser{"rita", "", Role::kRecruiter, "long passphrase for tests 7"});
    rec_ = Actor{r->id, "rita", Role::kRecruiter, ""};
    BuildGraph();
    settings_ = dir_ + "/outreach.json";
    std::ofstream(settings_) << R"({"weekdays_only": false, "window_start_hour": 0, "window_end_hour": 24,
                                    "follow_up_business_days": 1, "max_follow_ups": 1, "lab_name": "Frontier Lab"})";
    MakeService(Env("ST_MAIL_PASSWORD_OVERRIDE").empty() ? "ceo-mail-pw-1" : Env("ST_MAIL_PASSWORD_OVERRIDE"));
  }
  void TearDown() override {
    service_.reset();
    store_.reset();
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  void BuildGraph() {
    graph::testing::TA zoe{"Zoë Ångström", "A1"}, bab{"Charles Babbage", "A2"};
    corpus::WorkRecord w = graph::testing::ToRecord({"W1", 2023, {zoe, bab}, corpus::Source::kOpenAlex,
                                                     "Sparse Attention Without Tears"});
    w.cited_by_count = 321;
    w.abstract = "We show that sparse attention matches dense attention at a tenth of the cost. More follows.";
    graph::GraphBuilder b;
    b.Add(w);
    graph_dir_ = dir_ + "/graph";
    fs::create_directories(graph_dir_);
    ASSERT_TRUE(b.Write(graph_dir_).ok());
    auto v = graph::GraphView::Open(graph_dir_);
    ASSERT_TRUE(v.ok());
    graph_ = *v;
  }

  void MakeService(const std::string& smtp_password) {
    ServiceOptions o;
    o.templates_dir = dir_ + "/templates";
    o.settings = *SettingsFromJson(Slurp(settings_));
    o.clock = [this] { return now_.load(); };
    service_ = std::make_unique<OutreachService>(*store_, graph_, *SecretBox::FromKeyFile(key_), o);
    MailboxInput in{"Sam Chief", "ceo@lab.test", "", "smtp", Env("ST_SMTP_URL"), Env("ST_IMAP_URL"),
                    "ceo@lab.test", "", Env("ST_MAIL_CA"), ""};
    auto existing = store_->GetMailbox(ceo_, ceo_.user_id);
    auto m = service_->ConfigureMailbox(ceo_, in, smtp_password, *existing ? (*existing)->version : 0);
    ASSERT_TRUE(m.ok()) << m.status().ToString();
  }

  std::int64_t MakeCandidate(const std::string& email) {
    campaign::PersonPatch p;
    p.name = "Zoë Ångström";
    p.email = email;
    p.city = "Zürich";
    p.author_id = std::optional<std::int64_t>(graph_->FindAuthorByExternalId("A1"));
    auto r = store_->CreatePerson(Actor{0, "cli", Role::kCeo, ""}, p);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->id : 0;
  }

  Result<Message> DraftAndApprove(std::int64_t person, const std::string& extra_line = "") {
    ST_ASSIGN_OR_RETURN(Draft d, service_->GenerateDraft(rec_, person));
    if (!extra_line.empty()) {
      d.body += extra_line + "\n";
      ST_ASSIGN_OR_RETURN(d, store_->SaveDraft(rec_, d, d.version));
    }
    return service_->Approve(ceo_, d.id, d.version);
  }

  // The candidate answers over SMTP (logged in as the test's candidate account).
  void SendReply(const std::string& from, const std::string& in_reply_to, const std::string& text) {
    Mailbox cand;
    cand.address = "candidate@uni.test";
    cand.transport = "smtp";
    cand.smtp_url = Env("ST_SMTP_URL");
    cand.username = "candidate@uni.test";
    cand.ca_file = Env("ST_MAIL_CA");
    auto t = MakeTransport(cand, "cand-mail-pw-1");
    ASSERT_TRUE(t.ok());
    OutgoingMessage m;
    m.from = {"Zoë Ångström", from};
    m.to = {"Sam Chief", "ceo@lab.test"};
    m.subject = "Re: your note";
    m.text = text;
    m.message_id = NewMessageId("uni.test");
    m.in_reply_to = in_reply_to;
    m.references = {in_reply_to};
    m.date = now_;
    auto mime = BuildMime(m);
    ASSERT_TRUE(mime.ok());
    SendOutcome o = (*t)->Send(from, "ceo@lab.test", *mime);
    ASSERT_EQ(o.kind, SendOutcome::kAccepted) << o.detail;
  }

  std::string Status(std::int64_t person, std::int64_t message) {
    auto o = store_->GetPersonOutreach(ceo_, person);
    for (const auto& m : o->messages)
      if (m.id == message) return m.status;
    return "?";
  }

  std::string dir_, db_, key_, settings_, graph_dir_;
  std::unique_ptr<store::Store> store_;
  std::shared_ptr<const graph::GraphView> graph_;
  std::unique_ptr<OutreachService> service_;
  std::atomic<std::int64_t> now_{static_cast<std::int64_t>(std::time(nullptr))};
  Actor ceo_, rec_;
};

TEST_F(MailTest, SendReplyOverImapStopsTheFollowUp) {
  const std::string to = Unique("zoe-");
  const std::int64_t p = MakeCandidate(to);
  auto m = DraftAndApprove(p, "Grüße aus Zürich — 日本語 ✓");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  RunReport r = service_->RunOnce();
  EXPECT_EQ(r.sent, 1) << (r.errors.empty() ? "" : r.errors[0]);
  ASSERT_EQ(Status(p, m->id), "sent");
  auto files = MailFiles(to);
  ASSERT_EQ(files.size(), 1u);
  // Read back by an independent MIME reader.
  nlohmann::json got = Decode(files[0]);
  ASSERT_TRUE(got.is_object()) << "decode_eml.py failed";
  EXPECT_EQ(got["subject"], m->subject);
  EXPECT_EQ(got["subject"], "Your paper \"Sparse Attention Without Tears\" — a note from Sam Chief");
  EXPECT_EQ(got["to_name"], "Zoë Ångström");
  EXPECT_EQ(got["to_addr"], to);
  EXPECT_EQ(got["from_name"], "Sam Chief");
  EXPECT_EQ(got["from_addr"], "ceo@lab.test");
  EXPECT_EQ(got["reply_to"], "ceo@lab.test");
  EXPECT_EQ(got["message_id"], m->message_id);
  EXPECT_NE(got["message_id"].get<std::string>().find("@lab.test>"), std::string::npos);
  EXPECT_EQ(got["mime_version"], "1.0");
  EXPECT_EQ(got["content_type"], "multipart/alternative");
  EXPECT_EQ(got["defects"], 0);
  EXPECT_LE(got["max_line"].get<int>(), 998);
  std::string text = got["text"];
  EXPECT_NE(text.find("\"Sparse Attention Without Tears\" (2023): \"We show that sparse attention matches dense "
                      "attention at a tenth of the cost.\""),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Grüße aus Zürich — 日本語 ✓"), std::string::npos);
  EXPECT_NE(got["html"].get<std::string>().find("Sparse Attention Without Tears"), std::string::npos);
  EXPECT_EQ(store_->GetPerson(ceo_, p)->stage, campaign::Stage::kContacted);

  // The candidate replies; the next poll finds it over IMAP.
  SendReply(to, m->message_id, "Thanks Sam, happy to talk on Tuesday.");
  const auto t0 = std::chrono::steady_clock::now();
  r = service_->RunOnce();
  const double poll_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_GE(r.replies, 1) << (r.errors.empty() ? "" : r.errors[0]);
  EXPECT_LT(poll_ms, 1000.0) << "reply detection took " << poll_ms << " ms after the poll began";
  EXPECT_EQ(store_->GetPerson(ceo_, p)->stage, campaign::Stage::kReplied);
  auto o = store_->GetPersonOutreach(ceo_, p);
  EXPECT_EQ(o->threads[0].state, "replied");
  EXPECT_EQ(o->messages.back().body, "Thanks Sam, happy to talk on Tuesday.");
  // The follow-up (due after one business day) is never sent.
  for (int i = 0; i < 3; ++i) {
    now_ += 3 * 86400;
    service_->RunOnce();
  }
  EXPECT_EQ(MailFiles(to).size(), 1u);
}

TEST_F(MailTest, FollowUpGoesInTheSameThreadWithoutAReply) {
  const std::string to = Unique("quiet-");
  const std::int64_t p = MakeCandidate(to);
  auto m = DraftAndApprove(p);
  ASSERT_TRUE(m.ok());
  service_->RunOnce();
  now_ += 4 * 86400;
  RunReport r = service_->RunOnce();
  EXPECT_EQ(r.follow_ups_queued, 1);
  EXPECT_EQ(r.sent, 1);
  auto files = MailFiles(to);
  ASSERT_EQ(files.size(), 2u);
  int follow_ups = 0;
  for (const auto& f : files) {
    auto got = Decode(f);
    if (got["in_reply_to"] == m->message_id) {
      ++follow_ups;
      EXPECT_EQ(got["subject"], "Re: " + m->subject);
    }
  }
  EXPECT_EQ(follow_ups, 1);
}

TEST_F(MailTest, RecipientRejectedAtRcptIsABounce) {
  const std::string to = Unique("bounce-");
  const std::int64_t p = MakeCandidate(to);
  auto m = DraftAndApprove(p);
  ASSERT_TRUE(m.ok());
  RunReport r = service_->RunOnce();
  EXPECT_EQ(r.failed, 1);
  auto o = store_->GetPersonOutreach(ceo_, p);
  EXPECT_EQ(o->messages[0].status, "failed");
  EXPECT_NE(o->messages[0].last_error.find("550"), std::string::npos) << o->messages[0].last_error;
  EXPECT_NE(o->messages[0].last_error.find("User unknown"), std::string::npos) << o->messages[0].last_error;
  EXPECT_EQ(o->threads[0].state, "bounced");
  EXPECT_TRUE(*store_->IsSuppressed(to));
  EXPECT_EQ(store_->GetPerson(ceo_, p)->stage, campaign::Stage::kIdentified);
}

TEST_F(MailTest, OptOutReplySuppressesTheAddress) {
  const std::string to = Unique("optout-");
  const std::int64_t p = MakeCandidate(to);
  auto m = DraftAndApprove(p);
  ASSERT_TRUE(m.ok());
  service_->RunOnce();
  SendReply(to, m->message_id, "Please stop emailing me.");
  RunReport r = service_->RunOnce();
  EXPECT_EQ(r.opt_outs, 1);
  EXPECT_TRUE(*store_->IsSuppressed(to));
  EXPECT_EQ(store_->GetPersonOutreach(ceo_, p)->threads[0].state, "opted_out");
  // A later campaign cannot bypass it.
  auto again = DraftAndApprove(p);
  EXPECT_EQ(again.status().code(), StatusCode::kInvalidInput);
}

TEST_F(MailTest, HeaderInjectionIsRefusedBeforeAnythingIsSent) {
  const std::string to = Unique("inject-");
  const std::int64_t p = MakeCandidate(to);
  auto d = service_->GenerateDraft(rec_, p);
  ASSERT_TRUE(d.ok());
  Draft evil = *d;
  evil.subject = "Hello\r\nBcc: victim@evil.test";
  auto saved = store_->SaveDraft(rec_, evil, d->version);
  EXPECT_EQ(saved.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(saved.status().message().find("CR, LF or NUL"), std::string::npos);
  MailboxInput in{"Sam\r\nBcc: victim@evil.test", "ceo@lab.test", "", "smtp", Env("ST_SMTP_URL"), "", "ceo@lab.test",
                  "", "", ""};
  EXPECT_EQ(service_->ConfigureMailbox(ceo_, in, "", 1).status().code(), StatusCode::kInvalidInput);
  ASSERT_TRUE(service_->Approve(ceo_, d->id, d->version).ok());
  service_->RunOnce();
  EXPECT_EQ(MailFiles(to).size(), 1u);
  EXPECT_TRUE(MailFiles("victim@evil.test").empty());
  EXPECT_EQ(Decode(MailFiles(to)[0])["bcc"], "");
}

TEST_F(MailTest, WrongSmtpPasswordIsAClearMailboxErrorAndNothingIsSent) {
  MakeService("not-the-password");
  const std::string to = Unique("pw-");
  const std::int64_t p = MakeCandidate(to);
  auto m = DraftAndApprove(p);
  ASSERT_TRUE(m.ok());
  RunReport r = service_->RunOnce();
  EXPECT_EQ(r.sent, 0);
  EXPECT_EQ(Status(p, m->id), "retry");
  auto box = store_->GetMailbox(ceo_, ceo_.user_id);
  EXPECT_NE((*box)->last_error.find("login was refused"), std::string::npos) << (*box)->last_error;
  EXPECT_TRUE(MailFiles(to).empty());
  EXPECT_EQ(store_->GetPerson(ceo_, p)->stage, campaign::Stage::kIdentified);
  // Fixing the password sends it on the next attempt.
  MakeService("ceo-mail-pw-1");
  now_ += 120;
  r = service_->RunOnce();
  EXPECT_EQ(r.sent, 1);
  EXPECT_EQ(MailFiles(to).size(), 1u);
  EXPECT_EQ((*store_->GetMailbox(ceo_, ceo_.user_id))->last_error, "");
}

// "Test connection" on the mailbox form: logs in to SMTP and IMAP without sending; a wrong password is named.
TEST_F(MailTest, TestConnectionNamesAWrongPassword) {
  auto ok = service_->TestMailbox(ceo_);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(*ok, "");
  MakeService("not-the-password");
  auto bad = service_->TestMailbox(ceo_);
  ASSERT_TRUE(bad.ok()) << bad.status().ToString();
  EXPECT_NE(bad->find("SMTP server"), std::string::npos) << *bad;
  EXPECT_NE(bad->find("refused the login for 'ceo@lab.test': check the user name and password"), std::string::npos)
      << *bad;
  EXPECT_EQ(bad->find("not-the-password"), std::string::npos);
  EXPECT_EQ((*store_->GetMailbox(ceo_, ceo_.user_id))->last_error, *bad);
  EXPECT_EQ(service_->TestMailbox(rec_).status().code(), StatusCode::kForbidden);
  // Nothing answers on the port: said so.
  MailboxInput in{"Sam Chief", "ceo@lab.test", "", "smtp", "smtp://127.0.0.1:1", "", "ceo@lab.test", "", "", ""};
  ASSERT_TRUE(service_->ConfigureMailbox(ceo_, in, "", (*store_->GetMailbox(ceo_, ceo_.user_id))->version).ok());
  auto down = service_->TestMailbox(ceo_);
  ASSERT_TRUE(down.ok());
  EXPECT_NE(down->find("nothing answers on that host and port"), std::string::npos) << *down;
}

// One SMTP session for a pass: the second message reuses the first one's connection; a recipient refused
// at RCPT closes it and the next message opens a new one; each message keeps its own outcome and is
// delivered exactly once.
TEST_F(MailTest, OnePassReusesTheConnectionAndKeepsEachOutcome) {
  Mailbox box = **store_->GetMailbox(ceo_, ceo_.user_id);
  auto t = MakeTransport(box, "ceo-mail-pw-1");
  ASSERT_TRUE(t.ok());
  std::vector<std::string> to = {Unique("reuse-a-"), Unique("reuse-b-"), Unique("bounce-"), Unique("reuse-c-")};
  std::vector<SendOutcome> outcomes;
  for (const std::string& addr : to) {
    OutgoingMessage m;
    m.from = {"Sam Chief", "ceo@lab.test"};
    m.to = {"Zoë", addr};
    m.subject = "Reuse " + addr;
    m.text = "Hello.\n.\nA line with a single dot above.";
    m.message_id = NewMessageId("lab.test");
    m.date = now_;
    outcomes.push_back((*t)->Send("ceo@lab.test", addr, *BuildMime(m)));
  }
  EXPECT_EQ(outcomes[0].kind, SendOutcome::kAccepted) << outcomes[0].detail;
  EXPECT_FALSE(outcomes[0].reused_connection);
  EXPECT_EQ(outcomes[1].kind, SendOutcome::kAccepted) << outcomes[1].detail;
  EXPECT_TRUE(outcomes[1].reused_connection);
  EXPECT_EQ(outcomes[2].kind, SendOutcome::kRecipientRejected) << outcomes[2].detail;
  EXPECT_TRUE(outcomes[2].reused_connection);
  EXPECT_EQ(outcomes[3].kind, SendOutcome::kAccepted) << outcomes[3].detail;
  for (int i : {0, 1, 3}) {
    ASSERT_EQ(MailFiles(to[i]).size(), 1u) << to[i];
    auto d = Decode(MailFiles(to[i])[0]);
    EXPECT_EQ(d["subject"], "Reuse " + to[i]);
    EXPECT_NE(d["text"].get<std::string>().find("Hello.\n.\nA line"), std::string::npos) << d["text"];
  }
  EXPECT_TRUE(MailFiles(to[2]).empty());
}

// The opt-out link as the recipient's mail client shows it: in the text, the HTML and List-Unsubscribe.
TEST_F(MailTest, DeliveredMessageCarriesItsOptOutLink) {
  const std::string to = Unique("link-");
  const std::int64_t p = MakeCandidate(to);
  auto m = DraftAndApprove(p);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  service_->RunOnce();
  ASSERT_EQ(MailFiles(to).size(), 1u);
  auto d = Decode(MailFiles(to)[0]);
  const std::string text = d["text"];
  const size_t at = text.find("/optout.html#");
  ASSERT_NE(at, std::string::npos) << text;
  const std::string token = text.substr(at + 13, 64);
  ASSERT_TRUE(IsOptOutToken(token)) << token;
  EXPECT_NE(d["html"].get<std::string>().find("optout.html#" + token + "\">stop these e-mails</a>"), std::string::npos);
  EXPECT_NE(Slurp(MailFiles(to)[0]).find("List-Unsubscribe: <http://127.0.0.1:8080/api/optout/" + token + "/one-click>"),
            std::string::npos);
  EXPECT_EQ(d["defects"], 0);
  ASSERT_TRUE(store_->OptOutLink(token, true, "203.0.113.9").ok());
  EXPECT_TRUE(*store_->IsSuppressed(to));
  EXPECT_EQ(DraftAndApprove(p).status().code(), StatusCode::kInvalidInput);
}

// kill -9 of `superteam outreach run` after the message data reached the server but before its reply:
// the message is "unknown" and is never sent again.
TEST_F(MailTest, KillDuringSendIsOutcomeUnknownAndNeverResent) {
  const std::string to = Unique("slow-");
  const std::int64_t p = MakeCandidate(to);
  auto m = DraftAndApprove(p);
  ASSERT_TRUE(m.ok());
  const fs::path marker = fs::path(Env("ST_MAIL_DIR")) / ("data-received-" + to);
  auto run_once = [&]() -> pid_t {
    pid_t pid = fork();
    if (pid == 0) {
      freopen("/dev/null", "w", stdout);
      execl(ST_SUPERTEAM_BIN, ST_SUPERTEAM_BIN, "outreach", "run", "--once", "--db", db_.c_str(), "--mail-key",
            key_.c_str(), "--templates", (dir_ + "/templates").c_str(), "--settings", settings_.c_str(),
            static_cast<char*>(nullptr));
      _exit(127);
    }
    return pid;
  };
  pid_t pid = run_once();
  ASSERT_GT(pid, 0);
  bool delivered = false;
  for (int i = 0; i < 300 && !delivered; ++i) {
    delivered = fs::exists(marker);
    if (!delivered) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_TRUE(delivered) << "the SMTP server never received the data";
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(Status(p, m->id), "sending");
  // The next run finds it interrupted: unknown, not re-sent.
  pid = run_once();
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_EQ(Status(p, m->id), "unknown");
  auto o = store_->GetPersonOutreach(ceo_, p);
  EXPECT_NE(o->messages[0].last_error.find("check the Sent folder"), std::string::npos);
  pid = run_once();
  waitpid(pid, &status, 0);
  EXPECT_EQ(MailFiles(to).size(), 1u);
  EXPECT_EQ(Status(p, m->id), "unknown");
}

// Dinner invitations through the same mailer (issue 13): the .ics travels as a text/calendar part with
// METHOD:REQUEST, reaches the candidate's Maildir over real SMTP, and reads back in python3-icalendar and
// libical; calling the dinner off sends METHOD:CANCEL with a higher SEQUENCE to the same person only.
TEST_F(MailTest, DinnerInvitationAndCancellationTravelAsTextCalendar) {
  const std::string to = Unique("guest-");
  const std::int64_t p = MakeCandidate(to);
  campaign::PersonPatch other;
  other.name = "Charles Babbage";  // no e-mail address
  auto without = store_->CreatePerson(ceo_, other);
  ASSERT_TRUE(without.ok()) << without.status().ToString();
  const std::int64_t no_mail = without->id;
  events::Event e;
  e.title = "Dîner à Zürich; GPUs, friends and \"a long table\" — a title long enough to fold the SUMMARY line";
  e.place = "Lake house";
  e.address = "Seestrasse 1, 8002 Zürich";
  e.city = "Zurich";
  e.country = "CH";
  e.tz = "Europe/Zurich";
  e.starts_at = (now_.load() / 3600 + 24 * 7) * 3600;
  e.ends_at = e.starts_at + 3 * 3600;
  e.capacity = 8;
  e.host_user_id = ceo_.user_id;
  auto created = store_->CreateEvent(ceo_, e);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  ASSERT_TRUE(store_->InvitePeople(ceo_, created->id, {p, no_mail}).ok());

  EXPECT_EQ(service_->MailInvitations(rec_, created->id).status().code(), StatusCode::kForbidden);
  auto queued = service_->MailInvitations(ceo_, created->id);
  ASSERT_TRUE(queued.ok()) << queued.status().ToString();
  EXPECT_EQ(queued->queued, 1);
  ASSERT_EQ(queued->skipped.size(), 1u);  // the second guest has no address
  auto again = service_->MailInvitations(ceo_, created->id);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->queued, 0);  // this SEQUENCE went out already
  EXPECT_EQ(again->up_to_date, 1);

  RunReport r = service_->RunOnce();
  ASSERT_EQ(r.sent, 1) << (r.errors.empty() ? "" : r.errors[0]);
  auto files = MailFiles(to);
  ASSERT_EQ(files.size(), 1u);
  nlohmann::json j = Decode(files[0]);
  ASSERT_TRUE(j.is_object()) << "decode_eml.py failed on " << files[0];
  EXPECT_EQ(j["defects"], 0);
  EXPECT_EQ(j["calendar_method"], "REQUEST");
  EXPECT_EQ(j["ical"]["method"], "REQUEST");
  EXPECT_EQ(j["ical"]["summary"], e.title);
  EXPECT_EQ(j["ical"]["sequence"], 0);
  EXPECT_EQ(j["ical"]["organizer"], "mailto:ceo@lab.test");
  EXPECT_EQ(j["ical"]["attendees"], nlohmann::json::array({"mailto:" + to}));
  EXPECT_EQ(j["ical"]["tzid"], "Europe/Zurich");
  EXPECT_EQ(j["ical"]["vtimezones"], 1);
  EXPECT_NE(j["text"].get<std::string>().find("Seestrasse 1"), std::string::npos);
  EXPECT_LE(j["max_line"].get<int>(), 78 + 1);  // + the CR
  auto parsed = events::ParseInvitation(j["calendar"].get<std::string>());
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->method, "REQUEST");
  EXPECT_EQ(parsed->summary, e.title);
  EXPECT_EQ(parsed->starts_at, e.starts_at);
  EXPECT_TRUE(parsed->has_vtimezone);

  auto cancelled = store_->CancelEvent(ceo_, created->id, created->version);
  ASSERT_TRUE(cancelled.ok()) << cancelled.status().ToString();
  auto cancel = service_->MailInvitations(ceo_, created->id);
  ASSERT_TRUE(cancel.ok()) << cancel.status().ToString();
  EXPECT_EQ(cancel->queued, 1);
  EXPECT_TRUE(cancel->skipped.empty());  // never invited by mail: no cancellation either
  r = service_->RunOnce();
  ASSERT_EQ(r.sent, 1) << (r.errors.empty() ? "" : r.errors[0]);
  files = MailFiles(to);
  ASSERT_EQ(files.size(), 2u);
  nlohmann::json first = Decode(files[0]), second = Decode(files[1]);
  nlohmann::json c = first["calendar_method"] == "CANCEL" ? first : second;
  EXPECT_EQ(c["calendar_method"], "CANCEL");
  EXPECT_EQ(c["ical"]["method"], "CANCEL");
  EXPECT_EQ(c["ical"]["status"], "CANCELLED");
  EXPECT_GT(c["ical"]["sequence"].get<int>(), 0);
  EXPECT_EQ(c["subject"].get<std::string>().rfind("Cancelled: ", 0), 0u);
}

}  // namespace
}  // namespace st::outreach
