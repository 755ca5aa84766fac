// Checks of a mailbox configuration before it is stored: addresses, URLs (SMTP must be smtp:// with
// STARTTLS or smtps://; IMAP imap:// with STARTTLS or imaps://), header-safe display name, and the demo's
// Maildir transport. Errors name the field. Pure.
#pragma once

#include "base/status.h"
#include "outreach/records.h"

namespace st::outreach {

Status ValidateMailboxInput(const MailboxInput& in, bool creating);

}  // namespace st::outreach
