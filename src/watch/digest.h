// The per-user daily digest of alerts, mailed through the outreach mailer's
// transport (SMTP, or the demo's Maildir). A user gets one mail a day at most:
// the alerts created before today's digest hour (settings "watch":
// digest_hour_utc) that were not mailed yet; alerts after it wait for
// tomorrow's. Users without an address in watch.digest_addresses get alerts in
// the app only. Sent alerts are marked mailed; a failed send leaves them for
// the next run.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "outreach/mail_transport.h"
#include "outreach/mime.h"
#include "store/store.h"

namespace st::watch {

struct DigestReport {
  bool due = false;            // the digest hour of `now` has passed
  int users = 0;               // users with an address and alerts to mail
  int sent = 0;
  int alerts = 0;              // alerts mailed
  std::vector<std::string> errors;  // per user, no secrets
};

// Plain-text body: one line per alert with its evidence links (absolute with `base_url`).
std::string DigestText(const std::string& display_name, std::span<const store::StoredAlert> alerts,
                       const std::string& base_url);

Result<DigestReport> SendDigests(store::Store& store, outreach::MailTransport& transport,
                                 const outreach::Address& from, const std::string& base_url, std::int64_t now);

}  // namespace st::watch
