// Handing messages to a mail server and reading what came back. The one place that talks to mail servers
// (and the only file that includes libcurl): SMTP submission with STARTTLS (smtp://, required) or implicit
// TLS (smtps://) and AUTH; IMAP polling by UID (imap:// with STARTTLS, or imaps://) that leaves the CEO's
// unread mail unread. The demo's Maildir transport writes each message as an .eml file instead.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "outreach/outbox.h"
#include "outreach/records.h"

namespace st::outreach {

struct FetchedMail {
  std::int64_t uid = 0;
  std::string raw;
};

struct FetchBatch {
  std::int64_t uid_validity = 0;
  std::int64_t last_uid = 0;       // the position to store after processing `mails`
  std::vector<FetchedMail> mails;  // ascending uid
};

class MailTransport {
 public:
  virtual ~MailTransport() = default;
  // Hands one message to the server for one recipient. Never throws; the outcome says whether the data went
  // out (SendOutcome::kLostAfterData) so the outbox can tell a safe retry from an unknown outcome.
  virtual SendOutcome Send(std::string_view from, std::string_view to, std::string_view mime) = 0;
  // Messages with uid > last_uid (all again if the mailbox's UIDVALIDITY changed), at most `max`.
  virtual Result<FetchBatch> FetchNew(std::int64_t uid_validity, std::int64_t last_uid, int max) = 0;
  // Logs in to the server(s) without sending anything: OK, or an error worded for the person who configures
  // the mailbox (kUnauthenticated for a refused login, kIoError for a server that cannot be reached).
  virtual Status CheckLogin() { return Status::Ok(); }
};

struct TransportOptions {
  long connect_timeout_seconds = 10;
  long timeout_seconds = 60;
};

// SMTP/IMAP for transport "smtp", Maildir for "maildir". `password` is the opened secret.
Result<std::unique_ptr<MailTransport>> MakeTransport(const Mailbox& mailbox, const std::string& password,
                                                     const TransportOptions& options = {});

}  // namespace st::outreach
