#include "outreach/outbox.h"

#include <algorithm>

namespace st::outreach {

namespace {
constexpr std::string_view kNames[] = {"draft", "queued", "sending", "sent", "retry", "failed", "unknown", "received", "cancelled"};
}

std::string_view SendStatusName(SendStatus s) { return kNames[static_cast<int>(s)]; }

std::optional<SendStatus> ParseSendStatus(std::string_view name) {
  for (int i = 0; i <= static_cast<int>(SendStatus::kCancelled); ++i)
    if (kNames[i] == name) return static_cast<SendStatus>(i);
  return std::nullopt;
}

std::int64_t RetryDelay(int attempt) {
  static constexpr std::int64_t kDelays[] = {60, 300, 1800, 7200, 21600};
  if (attempt < 1) attempt = 1;
  return kDelays[std::min<int>(attempt, 5) - 1];
}

OutboxTransition AfterAttempt(const SendOutcome& o, int attempts, std::int64_t now) {
  OutboxTransition t;
  const std::string code = o.smtp_code ? std::to_string(o.smtp_code) + " " : "";
  switch (o.kind) {
    case SendOutcome::kAccepted:
      t.status = SendStatus::kSent;
      return t;
    case SendOutcome::kLostAfterData:
      t.status = SendStatus::kUnknown;
      t.error = std::string(kUnknownOutcome) + " (" + o.detail + ")";
      return t;
    case SendOutcome::kPermanent:
      t.status = SendStatus::kFailed;
      t.error = "rejected by the server: " + code + o.detail;
      return t;
    case SendOutcome::kRecipientRejected:
      t.status = SendStatus::kFailed;
      t.error = "recipient rejected: " + code + o.detail;
      t.bounce = true;
      return t;
    case SendOutcome::kAuthFailed:
      t.mailbox_error = true;
      t.error = "the mailbox's login was refused: " + code + o.detail;
      break;
    case SendOutcome::kTemporary:
      t.error = "temporary failure: " + code + o.detail;
      break;
  }
  if (attempts >= kMaxSendAttempts) {
    t.status = SendStatus::kFailed;
    t.error += " (gave up after " + std::to_string(attempts) + " attempts)";
    return t;
  }
  t.status = SendStatus::kRetry;
  t.next_attempt_at = now + RetryDelay(attempts);
  return t;
}

}  // namespace st::outreach
