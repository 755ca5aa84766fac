// Outreach benchmarks, one JSON line each (bench/outreach_bench.sh runs them with the peer):
//   outreach_bench drafts GRAPH_DIR N     draft generation (graph facts + mustache render) per author: p50/p99
//   outreach_bench send SMTP_URL CA N DIR  N messages through our libcurl SMTP transport (one transport: the
//                                          connection is reused); writes the same messages to DIR for smtplib
//   outreach_bench outbox SMTP_URL CA N DIR  the whole outbox path: N approved drafts in a SQLite campaign, one
//                                          RunOnce pass sends them (claim committed before each hand-over,
//                                          outcome after: the never-twice guarantee per message); the queued
//                                          bytes go to DIR for smtplib
//   outreach_bench reply SMTP_URL IMAP_URL CA  a reply sent, then polls: time of the poll pass that finds it
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "base/names.h"
#include "graph/view.h"
#include "outreach/draft.h"
#include "outreach/draft_facts.h"
#include "outreach/mail_transport.h"
#include "outreach/mime.h"
#include "outreach/mime_parse.h"
#include "outreach/secret_box.h"
#include "outreach/service.h"
#include "store/open_store.h"

using namespace st;
using Clock = std::chrono::steady_clock;

namespace {

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double Pct(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * (v.size() - 1) + 0.5))];
}

int Drafts(const std::string& graph_dir, int n) {
  auto g = graph::GraphView::OpenCurrent(graph_dir);
  if (!g.ok()) g = graph::GraphView::Open(graph_dir);
  if (!g.ok()) {
    std::fprintf(stderr, "%s\n", g.status().ToString().c_str());
    return 1;
  }
  auto templates = outreach::LoadTemplates(outreach::DefaultTemplateDir());
  if (!templates.ok()) {
    std::fprintf(stderr, "%s\n", templates.status().ToString().c_str());
    return 1;
  }
  std::mt19937 rng(42);
  std::uniform_int_distribution<uint32_t> pick(0, (*g)->num_authors() - 1);
  std::vector<outreach::StaffAuthor> staff;
  for (int i = 0; i < 50; ++i) {
    auto a = pick(rng);
    staff.push_back({std::string((*g)->AuthorName(a)), a});
  }
  std::vector<double> times;
  size_t bytes = 0, with_papers = 0;
  for (int i = 0; i < n; ++i) {
    const graph::AuthorId a = pick(rng);
    const auto t0 = Clock::now();
    outreach::DraftFacts f;
    f.name = DisplayPersonName((*g)->AuthorName(a));
    f.first_name = outreach::FirstNameOf(f.name);
    f.sender_name = "Sam Chief";
    f.sender_first_name = "Sam";
    f.lab_name = "Frontier Lab";
    f.offer_themes = {"compute", "a small team", "the mission"};
    outreach::AddGraphFacts(**g, a, staff, f);
    auto d = outreach::RenderDraft(*templates, outreach::DraftKind::kFirst, f);
    times.push_back(Ms(Clock::now() - t0));
    if (d.ok()) bytes += d->body.size();
    with_papers += !f.papers.empty();
  }
  std::printf("{\"authors\":%u,\"drafts\":%d,\"with_papers\":%zu,\"p50_ms\":%.4f,\"p99_ms\":%.4f,\"max_ms\":%.4f,"
              "\"mean_body_bytes\":%zu}\n",
              (*g)->num_authors(), n, with_papers, Pct(times, 0.5), Pct(times, 0.99), Pct(times, 1.0),
              bytes / std::max(1, n));
  return 0;
}

outreach::Mailbox Box(const std::string& smtp, const std::string& imap, const std::string& ca, const std::string& user) {
  outreach::Mailbox m;
  m.address = user;
  m.transport = "smtp";
  m.smtp_url = smtp;
  m.imap_url = imap;
  m.username = user;
  m.ca_file = ca;
  return m;
}

int Send(const std::string& smtp, const std::string& ca, int n, const std::string& dir) {
  std::filesystem::create_directories(dir);
  std::vector<std::string> msgs;
  for (int i = 0; i < n; ++i) {
    outreach::OutgoingMessage m;
    m.from = {"Sam Chief", "ceo@lab.test"};
    m.to = {"Zoë Ångström", "bench" + std::to_string(i % 20) + "@uni.test"};
    m.reply_to = "ceo@lab.test";
    m.subject = "Your paper \"Sparse Attention\" — a note from Sam Chief";
    m.text = std::string("Dear Zoë,\n\nI read your paper and would like to talk.\n\n") + std::string(1500, 'x') + "\n";
    m.message_id = outreach::NewMessageId("lab.test");
    m.date = std::time(nullptr);
    auto mime = outreach::BuildMime(m);
    msgs.push_back(*mime);
    std::ofstream(dir + "/" + std::to_string(i) + ".eml", std::ios::binary) << *mime;
  }
  auto t = outreach::MakeTransport(Box(smtp, "", ca, "ceo@lab.test"), "ceo-mail-pw-1");
  const auto t0 = Clock::now();
  int ok = 0;
  for (int i = 0; i < n; ++i)
    ok += (*t)->Send("ceo@lab.test", "bench" + std::to_string(i % 20) + "@uni.test", msgs[i]).kind ==
          outreach::SendOutcome::kAccepted;
  const double s = Ms(Clock::now() - t0) / 1000;
  std::printf("{\"messages\":%d,\"accepted\":%d,\"seconds\":%.3f,\"per_second\":%.1f}\n", n, ok, s, n / s);
  return ok == n ? 0 : 1;
}

int Outbox(const std::string& smtp, const std::string& ca, int n, const std::string& dir) {
  namespace fs = std::filesystem;
  const std::string work = dir + "/campaign";
  fs::create_directories(work);
  auto store = store::OpenStore("sqlite:" + work + "/bench.db");
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return 1;
  }
  const store::Actor cli{0, "cli", campaign::Role::kCeo, ""};
  auto user = (*store)->CreateUser(cli, store::NewUser{"sam", "Sam Chief", campaign::Role::kCeo, "long bench passphrase 1"});
  const store::Actor ceo{user->id, "sam", campaign::Role::kCeo, ""};
  outreach::ServiceOptions o;
  o.templates_dir = work + "/templates";
  o.settings.weekdays_only = false;
  o.settings.window_start_hour = 0;
  o.settings.window_end_hour = 24;
  o.settings.daily_cap = 2000;
  o.send_batch = n;
  outreach::OutreachService service(**store, nullptr, *outreach::SecretBox::FromKeyFile(work + "/mail.key"), o);
  outreach::MailboxInput in;
  in.display_name = "Sam Chief";
  in.address = "ceo@lab.test";
  in.smtp_url = smtp;
  in.username = "ceo@lab.test";
  in.ca_file = ca;
  auto box = service.ConfigureMailbox(ceo, in, "ceo-mail-pw-1", 0);
  if (!box.ok()) {
    std::fprintf(stderr, "%s\n", box.status().ToString().c_str());
    return 1;
  }
  for (int i = 0; i < n; ++i) {
    campaign::PersonPatch p;
    p.name = "Zoë Ångström " + std::to_string(i);
    p.email = "bench" + std::to_string(i) + "@uni.test";
    p.city = "Zürich";
    auto person = (*store)->CreatePerson(cli, p);
    outreach::Draft d;
    d.person_id = person->id;
    d.subject = "Your paper \"Sparse Attention\" — a note from Sam Chief";
    d.body = std::string("Dear Zoë,\n\nI read your paper and would like to talk.\n\n") + std::string(1500, 'x') + "\n";
    auto saved = (*store)->SaveDraft(ceo, d, 0);
    auto approved = service.Approve(ceo, saved->id, saved->version);
    if (!approved.ok()) {
      std::fprintf(stderr, "%s\n", approved.status().ToString().c_str());
      return 1;
    }
  }
  // The peer sends the very bytes the outbox holds (smtplib_send.py addresses them bench{i % 20}).
  auto due = (*store)->DueMessages(std::numeric_limits<std::int64_t>::max() / 2, n);
  for (size_t i = 0; i < due->size(); ++i)
    std::ofstream(dir + "/" + std::to_string(i) + ".eml", std::ios::binary) << (*due)[i].mime;
  const auto t0 = Clock::now();
  outreach::RunReport r = service.RunOnce();
  const double s = Ms(Clock::now() - t0) / 1000;
  std::printf("{\"path\":\"outbox\",\"messages\":%d,\"sent\":%d,\"seconds\":%.3f,\"per_second\":%.1f}\n", n, r.sent,
              s, n / s);
  fs::remove_all(work);
  return r.sent == n ? 0 : 1;
}

int Reply(const std::string& smtp, const std::string& imap, const std::string& ca) {
  auto ceo = outreach::MakeTransport(Box(smtp, imap, ca, "ceo@lab.test"), "ceo-mail-pw-1");
  // Position after everything already there.
  auto start = (*ceo)->FetchNew(0, 0, 1000000);
  std::int64_t validity = start->uid_validity, last = start->last_uid;
  auto cand = outreach::MakeTransport(Box(smtp, "", ca, "candidate@uni.test"), "cand-mail-pw-1");
  std::vector<double> polls;
  for (int round = 0; round < 10; ++round) {
    outreach::OutgoingMessage m;
    m.from = {"Zoë", "zoe@uni.test"};
    m.to = {"Sam", "ceo@lab.test"};
    m.subject = "Re: hello";
    m.text = "Happy to talk.\n";
    m.message_id = outreach::NewMessageId("uni.test");
    m.in_reply_to = "<orig" + std::to_string(round) + "@lab.test>";
    m.date = std::time(nullptr);
    (*cand)->Send("zoe@uni.test", "ceo@lab.test", *outreach::BuildMime(m));
    const auto t0 = Clock::now();
    auto batch = (*ceo)->FetchNew(validity, last, 100);
    bool found = false;
    for (const auto& mail : batch->mails) found = found || outreach::ParseMessage(mail.raw).message_id == m.message_id;
    polls.push_back(Ms(Clock::now() - t0));
    last = batch->last_uid;
    if (!found) {
      std::fprintf(stderr, "reply %d not found on the first poll\n", round);
      return 1;
    }
  }
  std::printf("{\"replies\":10,\"found_on_first_poll\":10,\"poll_p50_ms\":%.2f,\"poll_max_ms\":%.2f}\n",
              Pct(polls, 0.5), Pct(polls, 1.0));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "drafts" && argc == 4) return Drafts(argv[2], std::atoi(argv[3]));
  if (mode == "send" && argc == 6) return Send(argv[2], argv[3], std::atoi(argv[4]), argv[5]);
  if (mode == "reply" && argc == 5) return Reply(argv[2], argv[3], argv[4]);
  if (mode == "outbox" && argc == 6) return Outbox(argv[2], argv[3], std::atoi(argv[4]), argv[5]);
  std::fprintf(stderr, "usage: outreach_bench drafts GRAPH N | send SMTP_URL CA N DIR | outbox SMTP_URL CA N DIR | "
               "reply SMTP_URL IMAP_URL CA\n");
  return 2;
}
