#include "outreach/mime.h"

#include <sodium.h>

#include <ctime>

namespace st::outreach {
namespace {

constexpr size_t kMaxHeaderValue = 2000;
constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string Base64(std::string_view in) {
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned v = (unsigned char)in[i] << 16 | (unsigned char)in[i + 1] << 8 | (unsigned char)in[i + 2];
    out += kB64[v >> 18 & 63];
    out += kB64[v >> 12 & 63];
    out += kB64[v >> 6 & 63];
    out += kB64[v & 63];
  }
  if (i + 1 == in.size()) {
    unsigned v = (unsigned char)in[i] << 16;
    out += kB64[v >> 18 & 63];
    out += kB64[v >> 12 & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    unsigned v = (unsigned char)in[i] << 16 | (unsigned char)in[i + 1] << 8;
    out += kB64[v >> 18 & 63];
    out += kB64[v >> 12 & 63];
    out += kB64[v >> 6 & 63];
    out += '=';
  }
  return out;
}

bool IsAscii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

// Length of the UTF-8 sequence starting with byte c (1 for stray bytes).
size_t Utf8Len(unsigned char c) {
  if (c >= 0xF0) return 4;
  if (c >= 0xE0) return 3;
  if (c >= 0xC0) return 2;
  return 1;
}

// Encoded-words of ≤ 60 octets (36 input bytes → 48 base64), so "Subject: " + one word fits in 78;
// never splitting a character.
std::vector<std::string> EncodedWords(std::string_view s) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < s.size()) {
    size_t end = i;
    while (end < s.size()) {
      size_t n = Utf8Len(static_cast<unsigned char>(s[end]));
      if (end + n - i > 36) break;
      end += n;
    }
    if (end == i) end = std::min(s.size(), i + 1);
    words.push_back("=?UTF-8?B?" + Base64(s.substr(i, end - i)) + "?=");
    i = end;
  }
  return words;
}

// Joins tokens after "Name: " with spaces, folding (CRLF + space) before a token that would pass 78.
std::string Fold(std::string_view header_name, const std::vector<std::string>& tokens, bool encoded) {
  std::string out = std::string(header_name) + ":";
  size_t line = out.size();
  for (const std::string& tok : tokens) {
    if (line + 1 + tok.size() > 78 && line > header_name.size() + 1) {
      out += "\r\n";
      line = 0;
    }
    out += ' ';
    out += tok;
    line += 1 + tok.size();
  }
  (void)encoded;
  return out + "\r\n";
}

std::vector<std::string> SplitSpaces(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

bool IsAtext(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

std::string CrLf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 40);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') continue;
    if (text[i] == '\n') {
      out += "\r\n";
      continue;
    }
    out += text[i];
  }
  return out;
}

}  // namespace

Status CheckHeaderValue(std::string_view header, std::string_view value) {
  for (char c : value)
    if (c == '\r' || c == '\n' || c == '\0')
      return Status::InvalidInput("header '" + std::string(header) +
                                  "': contains a CR, LF or NUL character (refused: header injection)");
  if (value.size() > kMaxHeaderValue)
    return Status::InvalidInput("header '" + std::string(header) + "': longer than " +
                                std::to_string(kMaxHeaderValue) + " bytes");
  return Status::Ok();
}

bool IsValidEmail(std::string_view e) {
  if (e.empty() || e.size() > 254) return false;
  size_t at = e.find('@');
  if (at == 0 || at == std::string_view::npos || at != e.rfind('@') || at + 1 >= e.size() || at > 64) return false;
  for (char c : e) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f) return false;
    if (std::string_view("<>()[]\\,;:\"").find(c) != std::string_view::npos) return false;
  }
  std::string_view domain = e.substr(at + 1);
  if (domain.front() == '.' || domain.back() == '.' || domain.find("..") != std::string_view::npos) return false;
  return true;
}

std::string_view EmailDomain(std::string_view email) {
  size_t at = email.rfind('@');
  return at == std::string_view::npos ? std::string_view() : email.substr(at + 1);
}

std::string NewMessageId(std::string_view domain) {
  unsigned char raw[16];
  randombytes_buf(raw, sizeof raw);
  char hex[33];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  return "<" + std::string(hex) + "@" + std::string(domain) + ">";
}

std::string FormatDate(std::int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday], tm.tm_mday,
                kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::string EncodeUnstructured(std::string_view header_name, std::string_view value) {
  if (IsAscii(value)) return Fold(header_name, SplitSpaces(value), false);
  return Fold(header_name, EncodedWords(value), true);
}

std::string EncodeMailbox(const Address& a) {
  if (a.name.empty()) return "<" + a.email + ">";
  std::string name;
  if (!IsAscii(a.name)) {
    for (const std::string& w : EncodedWords(a.name)) name += (name.empty() ? "" : " ") + w;
  } else {
    bool plain = true;
    for (char c : a.name) plain = plain && (IsAtext(c) || c == ' ');
    if (plain) {
      name = a.name;
    } else {
      name = "\"";
      for (char c : a.name) {
        if (c == '"' || c == '\\') name += '\\';
        name += c;
      }
      name += "\"";
    }
  }
  return name + " <" + a.email + ">";
}

std::string QuotedPrintable(std::string_view text) {
  static const char kHex[] = "0123456789ABCDEF";
  const std::string crlf = CrLf(text);
  std::string out;
  out.reserve(crlf.size() + crlf.size() / 8);
  size_t line = 0;
  auto emit = [&](std::string_view piece) {
    if (line + piece.size() > 75) {  // 75 + "=" = 76
      out += "=\r\n";
      line = 0;
    }
    out += piece;
    line += piece.size();
  };
  for (size_t i = 0; i < crlf.size(); ++i) {
    const auto c = static_cast<unsigned char>(crlf[i]);
    if (c == '\r' && i + 1 < crlf.size() && crlf[i + 1] == '\n') {
      out += "\r\n";
      line = 0;
      ++i;
      continue;
    }
    const bool at_line_end = i + 1 >= crlf.size() || crlf[i + 1] == '\r';
    const bool literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !at_line_end);
    // A '.' or "From " starting a line is encoded too: some relays mangle them.
    const bool line_start_risk = line == 0 && (c == '.' || (c == 'F' && crlf.compare(i, 5, "From ") == 0));
    if (literal && !line_start_risk) {
      char one[2] = {static_cast<char>(c), 0};
      emit(one);
    } else {
      char enc[4] = {'=', kHex[c >> 4], kHex[c & 15], 0};
      emit(enc);
    }
  }
  return out;
}

std::string TextToHtml(std::string_view text) {
  std::string out = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n<p>";
  int newlines = 0;
  for (char c : text) {
    if (c == '\r') continue;
    if (c == '\n') {
      ++newlines;
      continue;
    }
    if (newlines == 1) out += "<br>\n";
    else if (newlines >= 2) out += "</p>\n<p>";
    newlines = 0;
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out + "</p>\n</body></html>\n";
}

namespace {
constexpr const char* kOptOutLine = "If you would rather not hear from me again:";
constexpr const char* kOptOutLinkText = "stop these e-mails";
}  // namespace

Result<std::string> BuildMime(const OutgoingMessage& m) {
  struct Field {
    const char* header;
    std::string_view value;
  };
  const Field fields[] = {{"From", m.from.name},   {"From", m.from.email},        {"To", m.to.name},
                          {"To", m.to.email},       {"Reply-To", m.reply_to},      {"Subject", m.subject},
                          {"Message-ID", m.message_id}, {"In-Reply-To", m.in_reply_to},
                          {"List-Unsubscribe", m.list_unsubscribe}, {"List-Unsubscribe", m.optout_url},
                          {"List-Unsubscribe", m.unsubscribe_url}};
  for (const Field& f : fields) ST_RETURN_IF_ERROR(CheckHeaderValue(f.header, f.value));
  for (const std::string& r : m.references) ST_RETURN_IF_ERROR(CheckHeaderValue("References", r));
  if (!IsValidEmail(m.from.email)) return Status::InvalidInput("header 'From': not an e-mail address");
  if (!IsValidEmail(m.to.email)) return Status::InvalidInput("header 'To': not an e-mail address");
  if (!m.reply_to.empty() && !IsValidEmail(m.reply_to))
    return Status::InvalidInput("header 'Reply-To': not an e-mail address");
  auto is_msg_id = [](std::string_view id) {
    return id.size() > 3 && id.front() == '<' && id.back() == '>' && id.find(' ') == std::string_view::npos &&
           id.find('@') != std::string_view::npos;
  };
  if (!is_msg_id(m.message_id)) return Status::InvalidInput("header 'Message-ID': must look like <id@domain>");
  if (!m.in_reply_to.empty() && !is_msg_id(m.in_reply_to))
    return Status::InvalidInput("header 'In-Reply-To': must look like <id@domain>");
  for (const std::string& r : m.references)
    if (!is_msg_id(r)) return Status::InvalidInput("header 'References': must look like <id@domain>");
  if (m.text.find('\0') != std::string::npos) return Status::InvalidInput("body: contains a NUL character");
  if (!m.calendar.empty()) {
    bool method_ok = !m.calendar_method.empty() && m.calendar_method.size() <= 20;
    for (char c : m.calendar_method) method_ok = method_ok && c >= 'A' && c <= 'Z';
    if (!method_ok) return Status::InvalidInput("calendar: method must be an iTIP method such as REQUEST");
  }

  unsigned char raw[12];
  randombytes_buf(raw, sizeof raw);
  char hex[25];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  // "=_" cannot occur in quoted-printable output ('=' is always followed by hex or a line break).
  const std::string boundary = "=_st_" + std::string(hex);

  std::string out;
  out += "Message-ID: " + m.message_id + "\r\n";
  out += "Date: " + FormatDate(m.date) + "\r\n";
  out += Fold("From", SplitSpaces(EncodeMailbox(m.from)), false);
  out += Fold("To", SplitSpaces(EncodeMailbox(m.to)), false);
  if (!m.reply_to.empty()) out += "Reply-To: <" + m.reply_to + ">\r\n";
  out += EncodeUnstructured("Subject", m.subject);
  if (!m.in_reply_to.empty()) out += "In-Reply-To: " + m.in_reply_to + "\r\n";
  if (!m.references.empty()) out += Fold("References", m.references, false);
  const std::string& unsubscribe = m.unsubscribe_url.empty() ? m.optout_url : m.unsubscribe_url;
  if (!unsubscribe.empty() && !m.list_unsubscribe.empty())
    out += "List-Unsubscribe: <" + unsubscribe + ">,\r\n " + m.list_unsubscribe + "\r\n";
  else if (!unsubscribe.empty())
    out += "List-Unsubscribe: <" + unsubscribe + ">\r\n";
  else if (!m.list_unsubscribe.empty())
    out += "List-Unsubscribe: " + m.list_unsubscribe + "\r\n";
  if (m.unsubscribe_url.rfind("https://", 0) == 0) out += "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n";
  out += "\r\n";
  out += "--" + boundary + "\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
  std::string text = m.text;
  std::string html = m.html.empty() ? TextToHtml(m.text) : m.html;
  if (!m.optout_url.empty()) {
    text += std::string(text.empty() || text.back() == '\n' ? "" : "\n") + "\n--\n" + kOptOutLine + "\n" +
            m.optout_url + "\n";
    std::string href;
    for (char c : m.optout_url) href += c == '&' ? std::string("&amp;") : std::string(1, c);
    const std::string footer = "<p style=\"font-size:small;color:#666\">" + std::string(kOptOutLine) +
                               " <a href=\"" + href + "\">" + kOptOutLinkText + "</a></p>\n";
    const size_t end = html.rfind("</body>");
    html.insert(end == std::string::npos ? html.size() : end, footer);
  }
  out += QuotedPrintable(text);
  out += "\r\n--" + boundary + "\r\n";
  out += "Content-Type: text/html; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
  out += QuotedPrintable(html);
  if (!m.calendar.empty()) {
    out += "\r\n--" + boundary + "\r\n";
    out += "Content-Type: text/calendar; charset=UTF-8; method=" + m.calendar_method + "\r\n";
    out += "Content-Transfer-Encoding: base64\r\n\r\n";
    const std::string b64 = Base64(m.calendar);
    for (size_t i = 0; i < b64.size(); i += 76) out += b64.substr(i, 76) + "\r\n";
    out.resize(out.size() - 2);
  }
  out += "\r\n--" + boundary + "--\r\n";
  return out;
}

}  // namespace st::outreach
