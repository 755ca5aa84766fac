#include "outreach/mailbox_config.h"

#include "outreach/mime.h"

namespace st::outreach {
namespace {

Status Field(std::string_view name, std::string_view why) {
  return Status::InvalidInput("field '" + std::string(name) + "': " + std::string(why));
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

Status PlainText(std::string_view name, std::string_view value, size_t max) {
  if (value.size() > max) return Field(name, "longer than " + std::to_string(max) + " bytes");
  for (unsigned char c : value)
    if (c < 0x20 || c == 0x7f) return Field(name, "must not contain control characters");
  return Status::Ok();
}

}  // namespace

Status ValidateMailboxInput(const MailboxInput& in, bool creating) {
  ST_RETURN_IF_ERROR(PlainText("display_name", in.display_name, 200));
  if (in.display_name.empty()) return Field("display_name", "is required");
  if (!IsValidEmail(in.address)) return Field("address", "not an e-mail address");
  if (!in.reply_to.empty() && !IsValidEmail(in.reply_to)) return Field("reply_to", "not an e-mail address");
  ST_RETURN_IF_ERROR(PlainText("smtp_url", in.smtp_url, 500));
  ST_RETURN_IF_ERROR(PlainText("imap_url", in.imap_url, 500));
  ST_RETURN_IF_ERROR(PlainText("username", in.username, 320));
  ST_RETURN_IF_ERROR(PlainText("ca_file", in.ca_file, 1000));
  ST_RETURN_IF_ERROR(PlainText("maildir", in.maildir, 1000));
  if (in.daily_cap < 0 || in.daily_cap > 2000) return Field("daily_cap", "must be 0 (the campaign's) .. 2000");
  const bool no_window = in.window_start_hour == -1 && in.window_end_hour == -1;
  if (!no_window) {
    if (in.window_start_hour < 0 || in.window_start_hour > 23)
      return Field("window_start_hour", "must be 0..23 (or both hours -1 for the campaign's window)");
    if (in.window_end_hour <= in.window_start_hour || in.window_end_hour > 24)
      return Field("window_end_hour", "must be after window_start_hour and at most 24");
  }
  if (in.transport == "smtp") {
    if (!StartsWith(in.smtp_url, "smtp://") && !StartsWith(in.smtp_url, "smtps://"))
      return Field("smtp_url", "must start with smtp:// (STARTTLS is required) or smtps://");
    if (!in.imap_url.empty() && !StartsWith(in.imap_url, "imap://") && !StartsWith(in.imap_url, "imaps://"))
      return Field("imap_url", "must start with imap:// (STARTTLS is required) or imaps://");
    if (in.username.empty()) return Field("username", "is required for SMTP");
    if (creating && in.password_sealed.empty()) return Field("password", "is required for SMTP");
  } else if (in.transport == "maildir") {
    if (in.maildir.empty() || in.maildir.front() != '/') return Field("maildir", "must be an absolute directory");
  } else {
    return Field("transport", "must be 'smtp' or 'maildir'");
  }
  return Status::Ok();
}

}  // namespace st::outreach
