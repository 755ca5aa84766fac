// Outgoing e-mail as RFC 5322 / RFC 2045 bytes: Message-ID on our domain, Date, From with a display name,
// Reply-To, In-Reply-To/References for follow-ups, RFC 2047 encoded-words for non-ASCII names and
// subjects, a UTF-8 body in quoted-printable as text and HTML alternatives, CRLF line ends, every line
// ≤ 998 octets (in practice ≤ 78). Dot-stuffing is the SMTP transport's job.
//
// Header injection (RELIABILITY.md 16): a CR, LF or NUL in any header value — name, address, subject,
// message ids — is refused with kInvalidInput naming the header; nothing is stripped silently.
// Pure, thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace st::outreach {

struct Address {
  std::string name;   // display name, may be empty or non-ASCII
  std::string email;  // local@domain, ASCII
};

struct OutgoingMessage {
  Address from;
  Address to;
  std::string reply_to;         // address only; "" = none
  std::string subject;
  std::string text;             // plain text body, LF or CRLF line ends
  std::string html;             // "" = generated from `text`
  std::string message_id;       // "<…@domain>"
  std::string in_reply_to;      // "" or "<…>"
  std::vector<std::string> references;
  std::int64_t date = 0;        // unix seconds
  std::string list_unsubscribe; // "" or "<mailto:…?subject=unsubscribe>"
  // An iTIP invitation (RFC 6047): the iCalendar object as a third alternative, text/calendar with its
  // METHOD (REQUEST, CANCEL, …) in the Content-Type, base64 so its CRLF folding reaches the reader intact.
  std::string calendar;         // "" = none
  std::string calendar_method;  // required with `calendar`: upper-case letters only
  // "" or the recipient's own opt-out page (optout.h): a last line of the text, a link in the HTML, and the
  // first URL of List-Unsubscribe (RFC 2369) unless `unsubscribe_url` is set.
  std::string optout_url;
  // "" or the RFC 8058 one-click URL (optout.h OneClickUrl): the first URL of List-Unsubscribe, with
  // `List-Unsubscribe-Post: List-Unsubscribe=One-Click` when it is https (the RFC allows only HTTPS; the
  // receiving provider also wants a DKIM signature covering both headers, which the sending MTA adds).
  std::string unsubscribe_url;
};

// kInvalidInput when a value is unsafe or malformed (the message names the header / field).
Result<std::string> BuildMime(const OutgoingMessage& message);

// "<32 hex>@domain>" from a CSPRNG; the domain is the sender's.
std::string NewMessageId(std::string_view domain);
// The domain part of an address ("" if none).
std::string_view EmailDomain(std::string_view email);

Status CheckHeaderValue(std::string_view header, std::string_view value);
// An addr-spec we are willing to send to: ASCII, one '@', no spaces/controls/specials, ≤ 254 bytes.
bool IsValidEmail(std::string_view email);
// "Sun, 06 Dec 2026 07:11:41 +0000".
std::string FormatDate(std::int64_t unix_seconds);
// A header field "Name: value" folded to lines ≤ 78 octets where possible, encoded-words for non-ASCII.
std::string EncodeUnstructured(std::string_view header_name, std::string_view value);
// "Name <a@b>" with the name quoted or encoded as needed.
std::string EncodeMailbox(const Address& address);
// Quoted-printable (RFC 2045 6.7) of UTF-8 text with CRLF hard line breaks, soft breaks at 76.
std::string QuotedPrintable(std::string_view text);
// Paragraphs of escaped text as a minimal HTML document.
std::string TextToHtml(std::string_view text);

}  // namespace st::outreach
