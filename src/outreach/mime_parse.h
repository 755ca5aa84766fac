// Reading incoming mail (replies and delivery status notifications fetched over IMAP): the headers that
// match a reply to our thread, the sender, the decoded subject, the first text/plain part as UTF-8, and
// for a DSN (multipart/report; report-type=delivery-status) the failed recipient and the Message-ID of our
// original. Untrusted input: sizes are capped, malformed parts are skipped, never a crash.
// Pure, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "outreach/mime.h"

namespace st::outreach {

struct ParsedMessage {
  std::string message_id;               // "<…>" or ""
  std::string in_reply_to;              // first "<…>" or ""
  std::vector<std::string> references;  // all "<…>" of References and In-Reply-To
  Address from;                         // e-mail lower-cased
  std::string subject;                  // decoded UTF-8
  std::string text;                     // first text/plain part, decoded, LF line ends, ≤ 64 KB
  bool is_bounce = false;               // DSN with Action: failed (or a 5.x.x status)
  std::string bounce_recipient;         // Final-Recipient address of a failed DSN
  std::string bounce_status;            // "5.1.1 …" from the DSN
  std::string original_message_id;      // from the DSN's returned headers
  bool auto_reply = false;              // Auto-Submitted other than "no" (out-of-office)
};

ParsedMessage ParseMessage(std::string_view raw);

// RFC 2047 words in an unstructured header value → UTF-8 (UTF-8, US-ASCII, ISO-8859-1 charsets).
std::string DecodeHeaderWords(std::string_view value);
std::string DecodeQuotedPrintable(std::string_view in);
std::string DecodeBase64(std::string_view in);
// Every "<…>" token of a header value.
std::vector<std::string> MessageIds(std::string_view value);

// True if a reply's text asks us to stop (first lines only, quoted lines ignored): "stop",
// "unsubscribe", "remove me", "do not contact", "don't contact me", … — or a subject of "unsubscribe".
bool IsOptOut(std::string_view subject, std::string_view text);

}  // namespace st::outreach
