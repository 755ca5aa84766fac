#include "outreach/service.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>

#include "campaign/campaign_settings.h"
#include "graph/view.h"
#include "outreach/draft_facts.h"
#include "outreach/mime.h"
#include "outreach/mime_parse.h"
#include "outreach/optout.h"
#include "outreach/sequence.h"
#include "outreach/whatsapp.h"

namespace st::outreach {
namespace {

store::Actor System() { return store::Actor{0, "outreach", campaign::Role::kCeo, ""}; }

std::string Host() {
  char buf[256] = {0};
  if (gethostname(buf, sizeof buf - 1) != 0) return "localhost";
  return buf;
}

std::int64_t StartOfUtcDay(std::int64_t t) { return t - ((t % 86400) + 86400) % 86400; }

constexpr std::string_view kOptOutMacPurpose = "superteam opt-out link v1";

}  // namespace

std::string ClaimToken() { return Host() + ":" + std::to_string(::getpid()); }

bool ClaimIsStale(const std::string& claim, std::int64_t since, std::int64_t now, std::int64_t lease_seconds) {
  if (now - since > lease_seconds) return true;
  size_t colon = claim.rfind(':');
  if (colon == std::string::npos) return true;
  if (claim.substr(0, colon) != Host()) return false;  // another machine: only the lease tells
  const long pid = std::strtol(claim.c_str() + colon + 1, nullptr, 10);
  if (pid <= 0 || pid == ::getpid()) return true;      // our own pid: an earlier process that had it
  return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

OutreachService::OutreachService(store::Store& store, std::shared_ptr<const graph::GraphView> graph, SecretBox box,
                                 ServiceOptions options)
    : store_(store), graph_(std::move(graph)), box_(std::move(box)), options_(std::move(options)) {
  if (!options_.clock)
    options_.clock = [] {
      return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
    };
  if (!options_.make_transport) {
    TransportOptions t = options_.transport;
    options_.make_transport = [t](const Mailbox& m, const std::string& pw) { return MakeTransport(m, pw, t); };
  }
}

Result<TemplateSet> OutreachService::Templates() {
  std::lock_guard lock(templates_mu_);
  ST_RETURN_IF_ERROR(EnsureTemplates(options_.templates_dir));
  return LoadTemplates(options_.templates_dir);
}

OutreachSettings OutreachService::CurrentSettings() {
  if (options_.settings_override) return options_.settings;
  auto stored = store_.GetSetting(std::string(kOutreachSettingsKey));
  if (!stored.ok() || !*stored) return options_.settings;
  // The settings route validated it when it was written; a value that no longer parses keeps the defaults.
  auto parsed = SettingsFromJson((*stored)->value_json);
  return parsed.ok() ? *parsed : options_.settings;
}

OutreachSettings OutreachService::SettingsFor(const Mailbox& mailbox) {
  OutreachSettings s = CurrentSettings();
  if (mailbox.daily_cap > 0) s.daily_cap = mailbox.daily_cap;
  if (mailbox.window_start_hour >= 0 && mailbox.window_end_hour > mailbox.window_start_hour) {
    s.window_start_hour = mailbox.window_start_hour;
    s.window_end_hour = mailbox.window_end_hour;
  }
  return s;
}

void OutreachService::AttachOptOut(const OutreachSettings& s, OutgoingMessage& m, OutgoingRecord& out) const {
  // The stored bytes carry a nonce; the token (a keyed hash of it) replaces it only on the way out (optout.h).
  const std::string nonce = NewOptOutToken();
  const std::string& base = s.public_url.empty() ? options_.public_url : s.public_url;
  m.optout_url = OptOutUrl(base, nonce);
  m.unsubscribe_url = OneClickUrl(base, nonce);
  out.optout_token_hash = OptOutTokenHash(box_.Mac(kOptOutMacPurpose, nonce));
}

std::string OutreachService::ZoneFor(const store::Person& person) {
  auto guess = GuessTimeZone(person.city, person.org);
  return guess ? *guess : CurrentSettings().default_time_zone;
}

Result<DraftFacts> OutreachService::FactsFor(std::int64_t person_id) {
  ST_ASSIGN_OR_RETURN(store::Person person, store_.GetPerson(System(), person_id));
  DraftFacts f;
  f.name = person.name;
  f.first_name = FirstNameOf(person.name);
  f.org = person.org;
  if (!person.topics.empty()) f.topic = person.topics.front();
  const OutreachSettings settings = CurrentSettings();
  f.lab_name = settings.lab_name;
  // The campaign's own settings (key "campaign", edited by the ceo in the app) name the lab, its offer and
  // the CEO; the sending mailbox's display name, once configured, is how the CEO signs.
  campaign::CampaignSettings cs;
  ST_ASSIGN_OR_RETURN(auto campaign_setting, store_.GetSetting("campaign"));
  if (campaign_setting) {
    auto parsed = campaign::CampaignSettingsFromJson(nlohmann::json::parse(campaign_setting->value_json, nullptr, false));
    if (parsed.ok()) {
      cs = *parsed;
      f.lab_name = cs.lab_name;
    }
  }
  // The outreach key's own themes when the CEO set them there, else the campaign's.
  f.offer_themes = settings.offer_themes.empty() ? cs.offer_themes : settings.offer_themes;
  f.sender_name = cs.ceo_name;
  ST_ASSIGN_OR_RETURN(auto mailboxes, store_.ListMailboxes());
  if (!mailboxes.empty()) f.sender_name = mailboxes.front().display_name;
  f.sender_first_name = FirstNameOf(f.sender_name);
  if (f.sender_first_name.empty()) f.sender_first_name = f.sender_name;
  if (graph_ && person.author_id && *person.author_id >= 0) {
    std::vector<StaffAuthor> staff;
    store::PersonQuery q;
    q.kind = campaign::PersonKind::kStaff;
    q.limit = 1000;
    ST_ASSIGN_OR_RETURN(store::PersonPage page, store_.ListPeople(System(), q));
    for (const store::Person& s : page.people)
      if (s.author_id) staff.push_back({s.name, static_cast<graph::AuthorId>(*s.author_id)});
    AddGraphFacts(*graph_, static_cast<graph::AuthorId>(*person.author_id), staff, f);
  }
  return f;
}

Result<Draft> OutreachService::GenerateDraft(const store::Actor& actor, std::int64_t person_id) {
  ST_ASSIGN_OR_RETURN(TemplateSet templates, Templates());
  ST_ASSIGN_OR_RETURN(DraftFacts facts, FactsFor(person_id));
  ST_ASSIGN_OR_RETURN(RenderedDraft rendered, RenderDraft(templates, DraftKind::kFirst, facts));
  Draft d;
  d.person_id = person_id;
  d.kind = "first";
  d.subject = rendered.subject;
  d.body = rendered.body;
  return store_.SaveDraft(actor, d, 0);
}

Result<Mailbox> OutreachService::ConfigureMailbox(const store::Actor& actor, MailboxInput input,
                                                  const std::string& password, std::int64_t expected_version) {
  input.password_sealed = password.empty() ? "" : box_.Seal(password);
  return store_.PutMailbox(actor, input, expected_version);
}

Result<Message> OutreachService::Approve(const store::Actor& actor, std::int64_t draft_id,
                                         std::int64_t expected_version) {
  if (actor.role != campaign::Role::kCeo)
    return Status::Forbidden("only the ceo approves and sends messages as the CEO");
  ST_ASSIGN_OR_RETURN(Draft draft, store_.GetDraft(actor, draft_id));
  ST_RETURN_IF_ERROR(CheckSendable(draft.subject, draft.body));
  ST_ASSIGN_OR_RETURN(std::optional<Mailbox> mailbox, store_.GetMailbox(actor, actor.user_id));
  if (!mailbox) return Status::InvalidInput("field 'mailbox': configure your sending mailbox first");
  ST_ASSIGN_OR_RETURN(store::Person person, store_.GetPerson(System(), draft.person_id));
  if (!IsValidEmail(person.email))
    return Status::InvalidInput("field 'email': " + person.name + " has no valid e-mail address");
  OutgoingRecord out;
  out.mailbox_id = mailbox->id;
  out.to_address = person.email;
  out.to_name = person.name;
  out.time_zone = ZoneFor(person);
  OutgoingMessage m;
  if (draft.kind == "follow_up") {
    ST_ASSIGN_OR_RETURN(auto threads, store_.ListActiveThreads());
    for (const ActiveThread& t : threads)
      if (t.thread.id == draft.thread_id) {
        out.time_zone = t.thread.time_zone;
        m.in_reply_to = t.last_message_id.empty() ? t.root_message_id : t.last_message_id;
        if (!t.root_message_id.empty()) m.references.push_back(t.root_message_id);
        if (!t.last_message_id.empty() && t.last_message_id != t.root_message_id)
          m.references.push_back(t.last_message_id);
      }
  }
  const OutreachSettings settings = SettingsFor(*mailbox);
  ST_ASSIGN_OR_RETURN(out.not_before, NextInWindow(Now(), out.time_zone, settings));
  m.from = {mailbox->display_name, mailbox->address};
  m.to = {person.name, person.email};
  m.reply_to = mailbox->reply_to.empty() ? mailbox->address : mailbox->reply_to;
  m.subject = draft.subject;
  m.text = draft.body;
  m.message_id = NewMessageId(EmailDomain(mailbox->address));
  m.date = std::max(Now(), out.not_before);
  m.list_unsubscribe = "<mailto:" + m.reply_to + "?subject=unsubscribe>";
  AttachOptOut(settings, m, out);
  ST_ASSIGN_OR_RETURN(out.mime, BuildMime(m));
  out.message_id = m.message_id;
  out.in_reply_to = m.in_reply_to;
  for (const auto& r : m.references) out.references += (out.references.empty() ? "" : " ") + r;
  return store_.ApproveDraft(actor, draft_id, expected_version, out);
}

Result<std::string> OutreachService::WhatsAppLinkFor(const store::Actor& actor, std::int64_t person_id,
                                                     const std::string& text, const std::string& default_region) {
  if (actor.role != campaign::Role::kCeo) return Status::Forbidden("only the ceo writes as the CEO");
  ST_ASSIGN_OR_RETURN(store::Person person, store_.GetPerson(System(), person_id));
  if (person.phone.empty()) return Status::InvalidInput("field 'phone': " + person.name + " has no phone number");
  std::string message = text;
  if (message.empty()) {
    ST_ASSIGN_OR_RETURN(PersonOutreach o, store_.GetPersonOutreach(actor, person_id));
    for (auto it = o.drafts.rbegin(); it != o.drafts.rend() && message.empty(); ++it) message = ShortWhatsAppText(it->body);
    if (message.empty()) return Status::InvalidInput("field 'text': write a draft or a message first");
  }
  ST_RETURN_IF_ERROR(CheckSendable("WhatsApp", message));
  return WhatsAppLink(person.phone, default_region, message);
}

Result<std::unique_ptr<MailTransport>> OutreachService::TransportFor(const Mailbox& mailbox) {
  std::string password;
  if (!mailbox.password_sealed.empty()) {
    ST_ASSIGN_OR_RETURN(password, box_.Open(mailbox.password_sealed));
  }
  return options_.make_transport(mailbox, password);
}

Result<int> OutreachService::RecoverInterrupted() {
  const std::int64_t now = Now();
  recovered_ = true;
  return store_.RecoverInterruptedSends(
      [now](const std::string& claim, std::int64_t since) { return ClaimIsStale(claim, since, now); });
}

RunReport OutreachService::RunOnce() {
  RunReport report;
  if (!recovered_) {
    auto r = RecoverInterrupted();
    if (r.ok()) report.recovered_unknown = *r;
    else report.errors.push_back("recovery: " + r.status().message());
  }
  PollPass(report);  // replies first: a reply that arrived stops the follow-up about to go
  SequencePass(report);
  SendPass(report);
  return report;
}

void OutreachService::SequencePass(RunReport& report) {
  auto threads = store_.ListActiveThreads();
  if (!threads.ok()) {
    report.errors.push_back("sequence: " + threads.status().message());
    return;
  }
  auto templates = Templates();
  auto mailboxes = store_.ListMailboxes();
  const OutreachSettings base = CurrentSettings();
  const std::int64_t now = Now();
  for (const ActiveThread& t : *threads) {
    const Mailbox* mailbox = nullptr;
    if (mailboxes.ok())
      for (const Mailbox& m : *mailboxes)
        if (m.id == t.thread.mailbox_id) mailbox = &m;
    const OutreachSettings settings = mailbox ? SettingsFor(*mailbox) : base;
    SequenceView v;
    v.state = ThreadState::kActive;
    v.follow_ups_sent = t.thread.follow_ups_queued;
    v.last_sent_at = t.thread.last_sent_at;
    v.has_pending = t.thread.has_pending;
    v.person_stage = campaign::ParseStage(t.person_stage).value_or(campaign::Stage::kContacted);
    v.suppressed = t.suppressed;
    SequenceDecision d = DecideFollowUp(v, settings, t.thread.time_zone, now);
    if (d.kind == SequenceDecision::kStop) {
      if (store_.StopThread(t.thread.id, std::string(ThreadStateName(d.stop_state)), d.reason).ok()) ++report.stopped;
      continue;
    }
    if (d.kind != SequenceDecision::kDue) continue;
    if (!templates.ok()) {
      report.errors.push_back("templates: " + templates.status().message());
      return;
    }
    auto facts = FactsFor(t.thread.person_id);
    if (!facts.ok()) continue;
    facts->previous_subject = t.thread.first_subject;
    auto rendered = RenderDraft(*templates, DraftKind::kFollowUp, *facts);
    if (!rendered.ok()) {
      report.errors.push_back("follow-up template: " + rendered.status().message());
      continue;
    }
    if (mailbox == nullptr) continue;
    if (!rendered->unresolved.empty()) {
      // The sequence cannot write this one by itself: a draft waits in the CEO's queue instead.
      auto existing = store_.GetPersonOutreach(System(), t.thread.person_id);
      bool waiting = false;
      if (existing.ok())
        for (const Draft& dr : existing->drafts) waiting = waiting || (dr.thread_id == t.thread.id && dr.status == "draft");
      if (!waiting) {
        Draft dr;
        dr.person_id = t.thread.person_id;
        dr.kind = "follow_up";
        dr.thread_id = t.thread.id;
        dr.subject = rendered->subject;
        dr.body = rendered->body;
        if (store_.SaveDraft(System(), dr, 0).ok()) ++report.follow_up_drafts;
      }
      continue;
    }
    OutgoingMessage m;
    m.from = {mailbox->display_name, mailbox->address};
    m.to = {t.thread.to_name, t.thread.to_address};
    m.reply_to = mailbox->reply_to.empty() ? mailbox->address : mailbox->reply_to;
    m.subject = rendered->subject;
    m.text = rendered->body;
    m.message_id = NewMessageId(EmailDomain(mailbox->address));
    m.in_reply_to = t.last_message_id.empty() ? t.root_message_id : t.last_message_id;
    if (!t.root_message_id.empty()) m.references.push_back(t.root_message_id);
    if (!t.last_message_id.empty() && t.last_message_id != t.root_message_id) m.references.push_back(t.last_message_id);
    m.date = std::max(now, d.due_at);
    m.list_unsubscribe = "<mailto:" + m.reply_to + "?subject=unsubscribe>";
    OutgoingRecord out;
    AttachOptOut(settings, m, out);
    auto mime = BuildMime(m);
    if (!mime.ok()) {
      report.errors.push_back("follow-up: " + mime.status().message());
      continue;
    }
    out.mailbox_id = mailbox->id;
    out.to_address = t.thread.to_address;
    out.to_name = t.thread.to_name;
    out.message_id = m.message_id;
    out.in_reply_to = m.in_reply_to;
    for (const auto& r : m.references) out.references += (out.references.empty() ? "" : " ") + r;
    out.subject = m.subject;
    out.body = m.text;
    out.mime = *mime;
    out.time_zone = t.thread.time_zone;
    out.not_before = d.due_at;
    if (store_.QueueFollowUp(t.thread.id, out).ok()) ++report.follow_ups_queued;
  }
}

void OutreachService::SendPass(RunReport& report) {
  const std::int64_t now = Now();
  auto due = store_.DueMessages(now, options_.send_batch);
  if (!due.ok()) {
    report.errors.push_back("outbox: " + due.status().message());
    return;
  }
  if (due->empty()) return;
  auto mailboxes = store_.ListMailboxes();
  if (!mailboxes.ok()) {
    report.errors.push_back("mailboxes: " + mailboxes.status().message());
    return;
  }
  const std::string claim = ClaimToken();
  std::map<std::int64_t, std::unique_ptr<MailTransport>> transports;
  std::map<std::int64_t, std::int64_t> sent_today, cap;
  for (const Message& msg : *due) {
    const Mailbox* mailbox = nullptr;
    for (const Mailbox& m : *mailboxes)
      if (m.id == msg.mailbox_id) mailbox = &m;
    if (mailbox == nullptr) continue;
    if (!sent_today.count(mailbox->id)) {
      auto n = store_.CountSentSince(mailbox->id, StartOfUtcDay(now));
      sent_today[mailbox->id] = n.ok() ? *n : 0;
    }
    if (!cap.count(mailbox->id)) cap[mailbox->id] = SettingsFor(*mailbox).daily_cap;
    if (sent_today[mailbox->id] >= cap[mailbox->id]) {
      ++report.capped;  // stays queued for tomorrow
      continue;
    }
    if (!transports.count(mailbox->id)) {
      auto t = TransportFor(*mailbox);
      if (!t.ok()) {
        report.errors.push_back(mailbox->address + ": " + t.status().message());
        (void)store_.UpdateMailboxState(mailbox->id, t.status().message(), mailbox->imap_uid_validity,
                                        mailbox->imap_last_uid);
        continue;
      }
      transports[mailbox->id] = std::move(*t);
    }
    auto claimed = store_.ClaimForSending(msg.id, claim);
    if (!claimed.ok()) {
      report.errors.push_back("claim: " + claimed.status().message());
      continue;
    }
    if (!*claimed) {
      ++report.cancelled;
      continue;
    }
    // Recorded as "sending" (durably) above; only now does the message leave.
    const std::string nonce = OptOutNonceIn(msg.mime);
    const std::string bytes =
        nonce.empty() ? msg.mime : ReplaceOptOutNonce(msg.mime, nonce, box_.Mac(kOptOutMacPurpose, nonce), nullptr);
    SendOutcome outcome = transports[mailbox->id]->Send(mailbox->address, msg.to_address, bytes);
    OutboxTransition t = AfterAttempt(outcome, msg.attempts + 1, Now());
    Status s = store_.RecordSendResult(msg.id, t);
    if (!s.ok()) report.errors.push_back("record: " + s.message());
    switch (t.status) {
      case SendStatus::kSent: ++report.sent; ++sent_today[mailbox->id]; break;
      case SendStatus::kRetry: ++report.retried; break;
      case SendStatus::kUnknown: ++report.unknown; ++sent_today[mailbox->id]; break;
      default: ++report.failed;
    }
    if (t.mailbox_error) {
      report.errors.push_back(mailbox->address + ": " + t.error);
      (void)store_.UpdateMailboxState(mailbox->id, t.error, mailbox->imap_uid_validity, mailbox->imap_last_uid);
      break;  // the rest wait until the CEO fixes the login
    }
    if (t.status == SendStatus::kSent && !mailbox->last_error.empty())
      (void)store_.UpdateMailboxState(mailbox->id, "", mailbox->imap_uid_validity, mailbox->imap_last_uid);
  }
}

void OutreachService::PollPass(RunReport& report) {
  auto mailboxes = store_.ListMailboxes();
  if (!mailboxes.ok()) {
    report.errors.push_back("mailboxes: " + mailboxes.status().message());
    return;
  }
  for (const Mailbox& mailbox : *mailboxes) {
    if (mailbox.transport == "smtp" && mailbox.imap_url.empty()) continue;
    auto transport = TransportFor(mailbox);
    if (!transport.ok()) {
      report.errors.push_back(mailbox.address + ": " + transport.status().message());
      continue;
    }
    auto batch = (*transport)->FetchNew(mailbox.imap_uid_validity, mailbox.imap_last_uid, options_.fetch_batch);
    if (!batch.ok()) {
      report.errors.push_back(mailbox.address + " (IMAP): " + batch.status().message());
      (void)store_.UpdateMailboxState(mailbox.id, "IMAP: " + batch.status().message(), mailbox.imap_uid_validity,
                                      mailbox.imap_last_uid);
      continue;
    }
    std::int64_t position = batch->uid_validity == mailbox.imap_uid_validity ? mailbox.imap_last_uid : 0;
    bool stopped = false;
    for (const FetchedMail& mail : batch->mails) {
      ParsedMessage p = ParseMessage(mail.raw);
      InboundMail in;
      in.mailbox_id = mailbox.id;
      in.message_id = p.message_id;
      in.references = p.references;
      in.from_address = p.from.email;
      in.from_name = p.from.name;
      in.subject = p.subject;
      in.text = p.text;
      in.bounce = p.is_bounce;
      in.bounce_recipient = p.bounce_recipient;
      in.bounce_status = p.bounce_status;
      in.original_message_id = p.original_message_id;
      in.auto_reply = p.auto_reply;
      in.opt_out = !p.is_bounce && IsOptOut(p.subject, p.text);
      auto outcome = store_.RecordInbound(in);
      if (!outcome.ok()) {
        report.errors.push_back("inbound: " + outcome.status().message());
        stopped = true;  // keep the position before this message: it is read again next time
        break;
      }
      ++report.fetched;
      if (*outcome == "reply") ++report.replies;
      else if (*outcome == "bounce") ++report.bounces;
      else if (*outcome == "opt_out") ++report.opt_outs;
      else if (*outcome == "unmatched") ++report.unmatched;
      position = mail.uid;
    }
    if (!stopped) position = std::max(position, batch->last_uid);
    // Clears only an earlier IMAP error; an SMTP login error stays until the CEO fixes the mailbox.
    const bool imap_error = mailbox.last_error.rfind("IMAP: ", 0) == 0;
    const std::string error = stopped || !imap_error ? mailbox.last_error : "";
    if (position != mailbox.imap_last_uid || batch->uid_validity != mailbox.imap_uid_validity ||
        error != mailbox.last_error)
      (void)store_.UpdateMailboxState(mailbox.id, error, batch->uid_validity, position);
  }
}

}  // namespace st::outreach

namespace st::outreach {

Result<std::string> OutreachService::TestMailbox(const store::Actor& actor) {
  if (actor.role != campaign::Role::kCeo) return Status::Forbidden("only the ceo tests the sending mailbox");
  ST_ASSIGN_OR_RETURN(std::optional<Mailbox> mailbox, store_.GetMailbox(actor, actor.user_id));
  if (!mailbox) return Status::InvalidInput("field 'mailbox': configure your sending mailbox first");
  auto transport = TransportFor(*mailbox);
  if (!transport.ok()) return transport.status().message();
  Status s = (*transport)->CheckLogin();
  const std::string error = s.ok() ? "" : s.message();
  // The mailbox shows the result like a send would (a refused login blocks sending until fixed).
  (void)store_.UpdateMailboxState(mailbox->id, error, mailbox->imap_uid_validity, mailbox->imap_last_uid);
  return error;
}

}  // namespace st::outreach
