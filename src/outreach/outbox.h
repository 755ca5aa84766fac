// The outbox state machine. A message is recorded (status `sending`, durably) before it is handed to SMTP,
// and its outcome after. A CEO's e-mail is never sent twice:
//   queued/retry ──hand-over──▶ sending ──▶ sent
//                                   │──▶ retry    (4xx, or the connection failed before any message data
//                                   │              went out; backoff 1 min, 5 min, 30 min, 2 h, 6 h)
//                                   │──▶ failed   (5xx: final, with the server's words; 5xx at RCPT = bounce)
//                                   └──▶ unknown  (lost after the data went out, or the process died while
//                                                  `sending`): "outcome unknown — check the Sent folder",
//                                                  never re-sent automatically.
// Pure, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace st::outreach {

// kCancelled: never handed over because the sequence stopped first (reply, bounce, opt-out, stage).
enum class SendStatus { kDraft = 0, kQueued, kSending, kSent, kRetry, kFailed, kUnknown, kReceived, kCancelled };
// "draft", "queued", "sending", "sent", "retry", "failed", "unknown", "received", "cancelled"
std::string_view SendStatusName(SendStatus s);
std::optional<SendStatus> ParseSendStatus(std::string_view name);

// What the transport reports for one hand-over.
struct SendOutcome {
  enum Kind {
    kAccepted,           // 250 after the data
    kTemporary,          // 4xx reply, or connection/TLS failure before any message data was sent
    kPermanent,          // 5xx reply to MAIL FROM or after the data
    kRecipientRejected,  // 5xx at RCPT TO: the address is bad (a bounce)
    kAuthFailed,         // the mailbox's credentials were refused: nothing sent, the mailbox shows the error
    kLostAfterData,      // the data went out but no reply was read
  } kind = kTemporary;
  int smtp_code = 0;       // last SMTP reply code, 0 if none
  std::string detail;      // the server's words or the transport's error
  bool reused_connection = false;  // SMTP: handed over on the connection an earlier message opened
};

struct OutboxTransition {
  SendStatus status = SendStatus::kRetry;
  std::int64_t next_attempt_at = 0;  // kRetry only
  std::string error;                 // shown beside the message; "" when sent
  bool bounce = false;               // mark the address bad and stop the sequence
  bool mailbox_error = false;        // the mailbox needs attention (credentials)
};

constexpr int kMaxSendAttempts = 6;
constexpr std::string_view kUnknownOutcome = "outcome unknown — check the Sent folder";

// Seconds to wait after the n-th failed attempt (n ≥ 1).
std::int64_t RetryDelay(int attempt);
// `attempts` counts this one.
OutboxTransition AfterAttempt(const SendOutcome& outcome, int attempts, std::int64_t now);
// A message found in `sending` when a process starts (it died between hand-over and record).
inline SendStatus RecoverAfterCrash(SendStatus s) { return s == SendStatus::kSending ? SendStatus::kUnknown : s; }

}  // namespace st::outreach
