// The outreach records the store keeps: the sender's mailbox, drafts with their versions, threads (one
// sequence per candidate and mailbox) and messages (the outbox and what came back). Plain data; the store
// persists it (sql_store_outreach.cc), the web layer maps it to JSON (outreach_routes.cc).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace st::outreach {

// How a mailbox hands messages over. kSmtp: SMTP submission + IMAP for replies. kMaildir: the demo — each
// message becomes an .eml file in a Maildir (`maildir`/new), replies are read from `maildir`/inbox/new.
struct Mailbox {
  std::int64_t id = 0;
  std::int64_t user_id = 0;          // the sender (the CEO's user)
  std::string display_name;          // "Sam Chief" (From's display name)
  std::string address;               // ceo@lab.example
  std::string reply_to;              // "" = the address
  std::string transport = "smtp";    // "smtp" | "maildir"
  std::string smtp_url;              // "smtp://host:587" (STARTTLS required) or "smtps://host:465"
  std::string imap_url;              // "imaps://host:993" or "imap://host:143" (STARTTLS required); "" = no polling
  std::string username;              // login for SMTP and IMAP
  std::string password_sealed;       // SecretBox hex; never leaves the server
  std::string ca_file;               // extra CA bundle (self-signed test servers); "" = system store
  std::string maildir;               // kMaildir: the directory
  std::int64_t imap_uid_validity = 0;
  std::int64_t imap_last_uid = 0;
  std::string last_error;            // "" when the last attempt worked
  std::int64_t last_error_at = 0;
  int daily_cap = 0;                 // messages per UTC day; 0 = the campaign's "outreach" setting
  int window_start_hour = -1;        // the send window in the candidate's local time; -1 = the setting's
  int window_end_hour = -1;
  std::int64_t version = 0;
  std::int64_t updated_at = 0;
};

struct Draft {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::string kind = "first";        // "first" | "follow_up"
  std::int64_t thread_id = 0;        // follow-ups: the thread they continue
  std::string subject;
  std::string body;
  std::string status = "draft";      // "draft" (waiting for the CEO) | "approved" | "discarded"
  std::int64_t version = 1;
  std::string created_by;
  std::string updated_by;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::int64_t message_id = 0;       // the outbox message once approved
};

struct DraftVersion {
  std::int64_t version = 0;
  std::string subject;
  std::string body;
  std::string actor;
  std::int64_t at = 0;
};

struct Thread {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::int64_t mailbox_id = 0;
  std::string to_address;
  std::string to_name;
  std::string state = "active";      // ThreadStateName
  std::string stop_reason;
  std::string time_zone = "UTC";
  int follow_ups_queued = 0;
  std::string first_subject;
  std::int64_t started_at = 0;
  std::int64_t updated_at = 0;
  std::int64_t last_sent_at = 0;     // newest outgoing message sent
  bool has_pending = false;          // an outgoing message is queued, retrying, sending or unknown
};

struct Message {
  std::int64_t id = 0;
  std::int64_t thread_id = 0;
  std::int64_t person_id = 0;
  std::int64_t mailbox_id = 0;
  std::string direction = "out";     // "out" | "in"
  std::string channel = "email";     // "email" | "whatsapp"
  std::string kind = "first";        // out: "first" | "follow_up"; in: "reply" | "bounce" | "opt_out"
  std::string message_id;            // RFC 5322 Message-ID ("<…>"); "" for WhatsApp
  std::string in_reply_to;
  std::string references;            // space-separated
  std::string from_address;
  std::string to_address;
  std::string subject;
  std::string body;                  // plain text
  std::string mime;                  // out: the exact bytes handed to SMTP (a retry resends these)
  std::string status = "queued";     // SendStatusName
  int attempts = 0;
  std::int64_t next_attempt_at = 0;
  std::string last_error;
  std::int64_t created_at = 0;
  std::int64_t sent_at = 0;          // out: accepted by the server; in: received
  std::string approved_by;
};

// A candidate's outreach as the candidate page shows it. For the viewer role messages carry no subject or
// body (only that contact happened, when and how).
struct PersonOutreach {
  std::vector<Draft> drafts;
  std::vector<Thread> threads;
  std::vector<Message> messages;     // oldest first
  bool suppressed = false;
};

// One row of the CEO's approval queue: the draft and the candidate's key facts.
struct QueueItem {
  Draft draft;
  std::string person_name;
  std::string org;
  std::string title;
  std::string email;
  std::string stage;
  std::optional<std::int64_t> citations;  // unknown when no paper has a count
  std::optional<std::int64_t> h_index;
  std::string owner;
};

// Sent / replied this week per organisation, and the median time to the first reply.
struct OutreachOrgStats {
  std::string org;
  std::int64_t sent = 0;             // first messages sent since `since`
  std::int64_t replied = 0;          // of those, threads with a reply
  std::int64_t median_reply_seconds = -1;  // -1 when no reply
  std::vector<std::int64_t> reply_seconds; // each reply's wait, sorted (for medians over several organisations)
};

// The median of sorted waits (the mean of the two middle ones for an even count); -1 when empty.
inline std::int64_t MedianSeconds(const std::vector<std::int64_t>& sorted) {
  const size_t n = sorted.size();
  if (n == 0) return -1;
  return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

}  // namespace st::outreach

namespace st::outreach {

// A mailbox as the CEO configures it; `password_sealed` "" keeps the stored one.
struct MailboxInput {
  std::string display_name, address, reply_to, transport = "smtp", smtp_url, imap_url, username, password_sealed,
      ca_file, maildir;
  int daily_cap = 0;                 // 0 = the campaign setting
  int window_start_hour = -1, window_end_hour = -1;  // both -1 = the campaign setting
};

// What approving a draft (or the sequence queuing a follow-up) hands to the store: the message exactly as it
// will go out, built by the caller (MIME needs the mailbox and a fresh Message-ID).
struct OutgoingRecord {
  std::int64_t mailbox_id = 0;
  std::string to_address, to_name;
  std::string message_id, in_reply_to, references;
  std::string subject, body, mime;
  std::string time_zone = "UTC";     // the thread's zone (first message)
  std::int64_t not_before = 0;       // the send window: not handed over before this (unix seconds)
  std::string optout_token_hash;     // SHA-256 of the message's opt-out token ("" = none)
};

// What the public opt-out page shows and what an opt-out did.
struct OptOutView {
  std::string masked_address;        // "j•••@example.org"
  std::string sender_name;           // the CEO's display name
  bool opted_out = false;            // the address is on the suppression list
  int stopped_sequences = 0;         // by this request
};

// A thread the sequence looks at, with what the stop rules need.
struct ActiveThread {
  Thread thread;
  std::string person_stage;          // StageName
  bool suppressed = false;
  std::string root_message_id;       // the first message's Message-ID (References)
  std::string last_message_id;       // the newest outgoing Message-ID (In-Reply-To)
};

// A message read over IMAP (or from the demo Maildir), already parsed.
struct InboundMail {
  std::int64_t mailbox_id = 0;
  std::string message_id;
  std::vector<std::string> references;  // In-Reply-To and References
  std::string from_address, from_name, subject, text;
  bool bounce = false;
  std::string bounce_recipient, bounce_status, original_message_id;
  bool opt_out = false;
  bool auto_reply = false;
};

}  // namespace st::outreach
