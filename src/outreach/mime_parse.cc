#include "outreach/mime_parse.h"

#include <algorithm>
#include <cctype>

#include "base/names.h"

namespace st::outreach {
namespace {

constexpr size_t kMaxText = 64 * 1024;
constexpr int kMaxDepth = 5;



struct Part {
  std::vector<std::pair<std::string, std::string>> headers;  // lower-case name, unfolded value
  std::string_view body;
  std::string Get(std::string_view name) const {
    for (const auto& [n, v] : headers)
      if (n == name) return v;
    return "";
  }
};

Part SplitPart(std::string_view raw) {
  Part p;
  size_t pos = 0;
  std::string name, value;
  auto flush = [&] {
    if (!name.empty()) p.headers.emplace_back(AsciiLower(name), std::string(TrimSpace(value)));
    name.clear();
    value.clear();
  };
  while (pos < raw.size()) {
    size_t eol = raw.find('\n', pos);
    if (eol == std::string_view::npos) eol = raw.size();
    std::string_view line = raw.substr(pos, eol - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = eol + 1;
    if (line.empty()) {
      flush();
      p.body = pos <= raw.size() ? raw.substr(pos) : std::string_view();
      return p;
    }
    if ((line[0] == ' ' || line[0] == '\t') && !name.empty()) {
      value += ' ';
      value += TrimSpace(line);
      continue;
    }
    flush();
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;  // not a header line: skip
    name = std::string(TrimSpace(line.substr(0, colon)));
    value = std::string(line.substr(colon + 1));
  }
  flush();
  return p;
}

// "text/plain; charset=utf-8; boundary=\"x\"" → type "text/plain" and lower-case parameter names.
struct ContentType {
  std::string type = "text/plain";
  std::vector<std::pair<std::string, std::string>> params;
  std::string Param(std::string_view n) const {
    for (const auto& [k, v] : params)
      if (k == n) return v;
    return "";
  }
};

ContentType ParseContentType(std::string_view v) {
  ContentType ct;
  if (TrimSpace(v).empty()) return ct;
  size_t semi = v.find(';');
  ct.type = AsciiLower(TrimSpace(v.substr(0, semi)));
  while (semi != std::string_view::npos) {
    v = v.substr(semi + 1);
    size_t eq = v.find('=');
    if (eq == std::string_view::npos) break;
    std::string key = AsciiLower(TrimSpace(v.substr(0, eq)));
    std::string_view rest = TrimSpace(v.substr(eq + 1));
    std::string val;
    if (!rest.empty() && rest.front() == '"') {
      size_t i = 1;
      for (; i < rest.size() && rest[i] != '"'; ++i) {
        if (rest[i] == '\\' && i + 1 < rest.size()) ++i;
        val += rest[i];
      }
      v = rest.substr(std::min(rest.size(), i + 1));
      semi = v.find(';');
    } else {
      semi = rest.find(';');
      val = std::string(TrimSpace(rest.substr(0, semi)));
      v = rest;
    }
    ct.params.emplace_back(std::move(key), std::move(val));
  }
  return ct;
}

std::string Latin1ToUtf8(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

std::string ToUtf8(std::string bytes, std::string_view charset) {
  const std::string cs = AsciiLower(charset);
  if (cs == "iso-8859-1" || cs == "latin1" || cs == "windows-1252" || cs == "iso-8859-15")
    return Latin1ToUtf8(bytes);
  return bytes;  // utf-8, us-ascii and unknown charsets are passed through
}

std::string DecodeBody(const Part& p, const ContentType& ct) {
  const std::string cte = AsciiLower(TrimSpace(p.Get("content-transfer-encoding")));
  std::string bytes;
  if (cte == "quoted-printable") bytes = DecodeQuotedPrintable(p.body);
  else if (cte == "base64") bytes = DecodeBase64(p.body);
  else bytes = std::string(p.body);
  std::string text = ToUtf8(std::move(bytes), ct.Param("charset"));
  std::string out;
  for (char c : text)
    if (c != '\r') out += c;
  if (out.size() > kMaxText) out.resize(kMaxText);
  return out;
}

std::vector<std::string_view> SplitMultipart(std::string_view body, const std::string& boundary) {
  std::vector<std::string_view> parts;
  if (boundary.empty()) return parts;
  const std::string delim = "--" + boundary;
  size_t pos = body.find(delim);
  while (pos != std::string_view::npos && parts.size() < 100) {
    size_t start = body.find('\n', pos);
    if (start == std::string_view::npos) break;
    if (body.compare(pos + delim.size(), 2, "--") == 0) break;  // closing delimiter
    ++start;
    size_t next = body.find("\n" + delim, start);
    if (next == std::string_view::npos) break;
    size_t end = next;
    if (end > start && body[end - 1] == '\r') --end;
    parts.push_back(body.substr(start, end - start));
    pos = next + 1;
  }
  return parts;
}

std::string AddressOf(std::string_view from, std::string* name) {
  std::string decoded = DecodeHeaderWords(from);
  std::string_view d = decoded;
  size_t lt = d.rfind('<'), gt = d.rfind('>');
  std::string email;
  if (lt != std::string_view::npos && gt != std::string_view::npos && gt > lt) {
    email = std::string(TrimSpace(d.substr(lt + 1, gt - lt - 1)));
    std::string n(TrimSpace(d.substr(0, lt)));
    if (n.size() >= 2 && n.front() == '"' && n.back() == '"') n = n.substr(1, n.size() - 2);
    if (name) *name = n;
  } else {
    email = std::string(TrimSpace(d));
  }
  return AsciiLower(email);
}

void ReadDeliveryStatus(std::string_view body, ParsedMessage& out) {
  // Per-recipient fields are header-like blocks; take the first failed one.
  std::string text(body);
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find("\n\n", pos);
    size_t crlf = text.find("\r\n\r\n", pos);
    if (crlf != std::string::npos && (end == std::string::npos || crlf < end)) end = crlf;
    std::string_view block(text.data() + pos, (end == std::string::npos ? text.size() : end) - pos);
    Part fields = SplitPart(std::string(block) + "\n\n");
    const std::string action = AsciiLower(fields.Get("action"));
    const std::string status = fields.Get("status");
    if (action == "failed" || (!status.empty() && status[0] == '5')) {
      out.is_bounce = true;
      std::string rcpt = fields.Get("final-recipient");
      if (size_t semi = rcpt.find(';'); semi != std::string::npos) rcpt = rcpt.substr(semi + 1);
      out.bounce_recipient = AsciiLower(TrimSpace(rcpt));
      out.bounce_status = status + (fields.Get("diagnostic-code").empty() ? "" : " " + fields.Get("diagnostic-code"));
      return;
    }
    if (end == std::string::npos) break;
    pos = end + 2;
  }
}

void Walk(std::string_view raw, int depth, ParsedMessage& out, bool& have_text, bool in_report) {
  if (depth > kMaxDepth) return;
  Part p = SplitPart(raw);
  ContentType ct = ParseContentType(p.Get("content-type"));
  if (ct.type.rfind("multipart/", 0) == 0) {
    const bool report = ct.type == "multipart/report";
    for (std::string_view sub : SplitMultipart(p.body, ct.Param("boundary"))) Walk(sub, depth + 1, out, have_text, report || in_report);
    return;
  }
  if (ct.type == "message/delivery-status" || ct.type == "message/global-delivery-status") {
    ReadDeliveryStatus(DecodeBody(p, ct), out);
    return;
  }
  if (in_report && (ct.type == "text/rfc822-headers" || ct.type == "message/rfc822" ||
                    ct.type == "message/global-headers")) {
    Part original = SplitPart(std::string(p.body) + "\r\n\r\n");
    auto ids = MessageIds(original.Get("message-id"));
    if (!ids.empty()) out.original_message_id = ids.front();
    return;
  }
  if (ct.type == "text/plain" && !have_text) {
    out.text = DecodeBody(p, ct);
    have_text = true;
  }
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

std::string DecodeQuotedPrintable(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '=') {
      out += in[i];
      continue;
    }
    if (i + 1 < in.size() && in[i + 1] == '\n') {  // soft break (LF)
      ++i;
      continue;
    }
    if (i + 2 < in.size() && in[i + 1] == '\r' && in[i + 2] == '\n') {  // soft break (CRLF)
      i += 2;
      continue;
    }
    if (i + 2 < in.size() && HexValue(in[i + 1]) >= 0 && HexValue(in[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(in[i + 1]) * 16 + HexValue(in[i + 2]));
      i += 2;
      continue;
    }
    out += '=';
  }
  return out;
}

std::string DecodeBase64(std::string_view in) {
  std::string out;
  unsigned buf = 0;
  int bits = 0;
  for (char c : in) {
    int v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == '+') v = 62;
    else if (c == '/') v = 63;
    else continue;  // padding, line breaks
    buf = (buf << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buf >> bits) & 0xFF);
    }
  }
  return out;
}

std::string DecodeHeaderWords(std::string_view v) {
  std::string out;
  size_t pos = 0;
  bool last_was_word = false;
  while (pos < v.size()) {
    size_t start = v.find("=?", pos);
    if (start == std::string_view::npos) {
      out += v.substr(pos);
      break;
    }
    // =?charset?E?text?=
    size_t q1 = v.find('?', start + 2);
    size_t q2 = q1 == std::string_view::npos ? q1 : v.find('?', q1 + 1);
    size_t end = q2 == std::string_view::npos ? q2 : v.find("?=", q2 + 1);
    if (end == std::string_view::npos || q2 != q1 + 2) {
      out += v.substr(pos, start + 2 - pos);
      pos = start + 2;
      last_was_word = false;
      continue;
    }
    std::string_view between = v.substr(pos, start - pos);
    // Whitespace between two adjacent encoded-words is dropped (RFC 2047 6.2).
    if (!(last_was_word && TrimSpace(between).empty())) out += between;
    std::string charset = AsciiLower(v.substr(start + 2, q1 - start - 2));
    if (size_t star = charset.find('*'); star != std::string::npos) charset.resize(star);  // RFC 2231 language
    const char enc = static_cast<char>(std::toupper(static_cast<unsigned char>(v[q1 + 1])));
    std::string_view text = v.substr(q2 + 1, end - q2 - 1);
    std::string bytes;
    if (enc == 'B') {
      bytes = DecodeBase64(text);
    } else {
      std::string t(text);
      std::replace(t.begin(), t.end(), '_', ' ');
      bytes = DecodeQuotedPrintable(t);
    }
    out += ToUtf8(std::move(bytes), charset);
    pos = end + 2;
    last_was_word = true;
  }
  return out;
}

std::vector<std::string> MessageIds(std::string_view value) {
  std::vector<std::string> ids;
  size_t pos = 0;
  while (ids.size() < 100) {
    size_t lt = value.find('<', pos);
    if (lt == std::string_view::npos) break;
    size_t gt = value.find('>', lt);
    if (gt == std::string_view::npos) break;
    std::string_view id = value.substr(lt, gt - lt + 1);
    if (id.find('@') != std::string_view::npos && id.find(' ') == std::string_view::npos) ids.emplace_back(id);
    pos = gt + 1;
  }
  return ids;
}

ParsedMessage ParseMessage(std::string_view raw) {
  ParsedMessage out;
  Part top = SplitPart(raw);
  if (auto ids = MessageIds(top.Get("message-id")); !ids.empty()) out.message_id = ids.front();
  auto irt = MessageIds(top.Get("in-reply-to"));
  if (!irt.empty()) out.in_reply_to = irt.front();
  out.references = MessageIds(top.Get("references"));
  for (const auto& id : irt)
    if (std::find(out.references.begin(), out.references.end(), id) == out.references.end())
      out.references.push_back(id);
  out.from.email = AddressOf(top.Get("from"), &out.from.name);
  out.subject = DecodeHeaderWords(top.Get("subject"));
  const std::string auto_submitted = AsciiLower(TrimSpace(top.Get("auto-submitted")));
  out.auto_reply = !auto_submitted.empty() && auto_submitted != "no";
  bool have_text = false;
  Walk(raw, 0, out, have_text, false);
  return out;
}

bool IsOptOut(std::string_view subject, std::string_view text) {
  const std::string subj = AsciiLower(TrimSpace(subject));
  if (subj == "unsubscribe" || subj == "stop" || subj.find("unsubscribe") != std::string::npos) return true;
  // Only the reply's own words: stop at the first quoted line or "On … wrote:".
  std::string own;
  size_t pos = 0;
  int lines = 0;
  while (pos < text.size() && lines < 15) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = TrimSpace(text.substr(pos, eol - pos));
    pos = eol + 1;
    if (!line.empty() && line[0] == '>') break;
    std::string l = AsciiLower(line);
    if (l.rfind("on ", 0) == 0 && l.find("wrote:") != std::string::npos) break;
    if (l == "--") break;
    own += l + " ";
    ++lines;
  }
  // Word-level check for "stop": the whole reply is just "stop" (or "stop." / "please stop").
  std::string words = own;
  for (char& c : words)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '\'') c = ' ';
  std::string squeezed;
  for (char c : words)
    if (!(c == ' ' && (squeezed.empty() || squeezed.back() == ' '))) squeezed += c;
  while (!squeezed.empty() && squeezed.back() == ' ') squeezed.pop_back();
  if (squeezed == "stop" || squeezed == "please stop" || squeezed == "stop please" || squeezed == "unsubscribe")
    return true;
  static const char* kPhrases[] = {"please stop",        "unsubscribe",           "remove me",
                                   "do not contact",     "don't contact",         "do not email",
                                   "don't email",        "stop emailing",         "stop contacting",
                                   "stop writing",       "no more emails",        "opt out",
                                   "take me off"};
  for (const char* p : kPhrases)
    if (squeezed.find(p) != std::string::npos || own.find(p) != std::string::npos) return true;
  return false;
}

}  // namespace st::outreach
