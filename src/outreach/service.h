// Outreach as the app and the CLI use it: write a draft from the graph and the templates, approve it into
// the outbox (ceo), and one pass of the background loop — recover interrupted sends, queue due follow-ups,
// hand due messages to the mailbox's transport, poll for replies. Above the store; the only outreach code
// that does I/O besides mail_transport.cc. Thread-safe for concurrent calls except RunOnce (one loop).
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "outreach/draft.h"
#include "outreach/mail_transport.h"
#include "outreach/mime.h"
#include "outreach/secret_box.h"
#include "outreach/settings.h"
#include "store/store.h"

namespace st::graph {
class GraphView;
}

namespace st::outreach {

struct ServiceOptions {
  std::string templates_dir;               // the campaign's; defaults copied there on first use
  // The defaults while the campaign's "outreach" settings key was never written; with `settings_override`
  // (serve/outreach --outreach-settings FILE) they win over the stored key.
  OutreachSettings settings;
  bool settings_override = false;
  // The opt-out link's base when the settings name no public_url (serve passes its own address).
  std::string public_url = "http://127.0.0.1:8080";
  std::function<std::int64_t()> clock;     // unix seconds; default system clock
  TransportOptions transport;
  // Tests and benchmarks swap the transport; default MakeTransport.
  std::function<Result<std::unique_ptr<MailTransport>>(const Mailbox&, const std::string& password)> make_transport;
  int send_batch = 100;                    // messages per pass
  int fetch_batch = 200;                   // IMAP messages per mailbox per pass
};

struct RunReport {
  int recovered_unknown = 0;   // left "sending" by a dead process → unknown
  int sent = 0, retried = 0, failed = 0, unknown = 0, cancelled = 0, capped = 0;
  int follow_ups_queued = 0, follow_up_drafts = 0, stopped = 0;
  int fetched = 0, replies = 0, bounces = 0, opt_outs = 0, unmatched = 0;
  std::vector<std::string> errors;  // mailbox-level problems, for the log (never secrets)
};

class OutreachService {
 public:
  OutreachService(store::Store& store, std::shared_ptr<const graph::GraphView> graph, SecretBox box,
                  ServiceOptions options);

  // A first-message draft for the person from the templates and the graph (status "draft", in the CEO's
  // queue). Writers: ceo, hr, a recruiter for people it owns or nobody owns.
  Result<Draft> GenerateDraft(const store::Actor& actor, std::int64_t person_id);
  // The facts a draft of this person may cite (also for the preview and the real-data test).
  Result<DraftFacts> FactsFor(std::int64_t person_id);
  // ceo only: builds the message (MIME, Message-ID on the mailbox's domain, window in the candidate's time
  // zone) and queues it; the loop sends it.
  Result<Message> Approve(const store::Actor& actor, std::int64_t draft_id, std::int64_t expected_version);
  // The mailbox with the password sealed before it reaches the store. `password` "" keeps the stored one.
  Result<Mailbox> ConfigureMailbox(const store::Actor& actor, MailboxInput input, const std::string& password,
                                   std::int64_t expected_version);
  // Click-to-chat link with a short version of the person's newest draft (or `text` when given).
  Result<std::string> WhatsAppLinkFor(const store::Actor& actor, std::int64_t person_id, const std::string& text,
                                      const std::string& default_region);

  // Messages a dead process left in "sending" become "unknown" (run once at start).
  Result<int> RecoverInterrupted();
  // One pass of the loop. Errors of one mailbox or message are in the report; the pass goes on.
  RunReport RunOnce();

  // Event invitations by e-mail (iTIP over e-mail, RFC 6047; invitation_mail.cc). For every invitee with
  // an e-mail address whose mailed SEQUENCE is behind the event's: one message from the caller's mailbox
  // with the invitation as a text/calendar part — METHOD:REQUEST (new or changed), or METHOD:CANCEL once
  // the event is called off, then only to those who were sent it — queued in the outbox; the loop sends
  // it like any message (never twice). ORGANIZER is the mailbox. ceo only.
  struct InvitationMailReport {
    int queued = 0;                      // messages queued now
    int up_to_date = 0;                  // already sent this SEQUENCE
    std::vector<std::string> skipped;    // "Name: no e-mail address"
    std::vector<std::int64_t> message_ids;
  };
  Result<InvitationMailReport> MailInvitations(const store::Actor& actor, std::int64_t event_id);

  // The settings in force now: the --outreach-settings file if it overrides, else the stored "outreach" key,
  // else the defaults. Read per call, so a change in the app applies to the next pass.
  OutreachSettings CurrentSettings();
  // The same with a mailbox's own daily cap and send window applied.
  OutreachSettings SettingsFor(const Mailbox& mailbox);
  // Logs in to the mailbox's SMTP server (and IMAP if set) without sending: "" or the error, worded for the CEO.
  Result<std::string> TestMailbox(const store::Actor& actor);

 private:
  std::int64_t Now() const { return options_.clock(); }
  std::string ZoneFor(const store::Person& person);
  Result<TemplateSet> Templates();
  Result<std::unique_ptr<MailTransport>> TransportFor(const Mailbox& mailbox);
  void SequencePass(RunReport& report);
  void SendPass(RunReport& report);
  void PollPass(RunReport& report);
  // A fresh opt-out token: its link goes into the message, its hash into the outbox record.
  void AttachOptOut(const OutreachSettings& s, OutgoingMessage& m, OutgoingRecord& out) const;

  store::Store& store_;
  std::shared_ptr<const graph::GraphView> graph_;
  SecretBox box_;
  ServiceOptions options_;
  bool recovered_ = false;
  std::mutex templates_mu_;  // first use copies the default templates
};

// "host:pid" of this process, stored with a claimed message.
std::string ClaimToken();
// True if the claim's process is gone (same host, no such pid, or our own pid from an earlier life) or the
// claim is older than `lease_seconds`.
bool ClaimIsStale(const std::string& claim, std::int64_t since, std::int64_t now, std::int64_t lease_seconds = 900);

}  // namespace st::outreach
