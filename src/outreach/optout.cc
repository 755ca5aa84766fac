#include "outreach/optout.h"

#include <sodium.h>

#include <vector>

#include "base/names.h"

namespace st::outreach {

std::string NewOptOutToken() {
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  return hex;
}

std::string OptOutTokenHash(std::string_view token) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  char hex[2 * crypto_hash_sha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

bool IsOptOutToken(std::string_view token) {
  if (token.size() != 64) return false;
  for (char c : token)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

std::string OptOutUrl(std::string_view base, std::string_view token) {
  while (!base.empty() && base.back() == '/') base.remove_suffix(1);
  return std::string(base) + "/optout.html#" + std::string(token);
}

std::string OneClickUrl(std::string_view base, std::string_view token) {
  while (!base.empty() && base.back() == '/') base.remove_suffix(1);
  return std::string(base) + "/api/optout/" + std::string(token) + "/one-click";
}

namespace {

// The value of `param` (boundary=…) in a Content-Type, unquoted; "" if absent.
std::string ContentTypeParam(std::string_view content_type, std::string_view param) {
  const std::string lower = AsciiLower(content_type);
  const size_t at = lower.find(std::string(param) + "=");
  if (at == std::string::npos) return "";
  std::string_view v = content_type.substr(at + param.size() + 1);
  if (!v.empty() && v.front() == '"') {
    v.remove_prefix(1);
    return std::string(v.substr(0, v.find('"')));
  }
  return std::string(TrimSpace(v.substr(0, v.find(';'))));
}

}  // namespace

bool IsOneClickBody(std::string_view content_type, std::string_view body) {
  const std::string type = AsciiLower(TrimSpace(content_type.substr(0, content_type.find(';'))));
  if (type == "application/x-www-form-urlencoded") {
    for (size_t start = 0; start <= body.size();) {
      size_t end = body.find('&', start);
      if (end == std::string_view::npos) end = body.size();
      if (TrimSpace(body.substr(start, end - start)) == "List-Unsubscribe=One-Click") return true;
      start = end + 1;
    }
    return false;
  }
  if (type != "multipart/form-data") return false;
  const std::string boundary = ContentTypeParam(content_type, "boundary");
  if (boundary.empty()) return false;
  const std::string delimiter = "--" + boundary;
  for (size_t at = body.find(delimiter); at != std::string_view::npos;) {
    const size_t next = body.find(delimiter, at + delimiter.size());
    std::string_view part = body.substr(at + delimiter.size(),
                                        (next == std::string_view::npos ? body.size() : next) - at - delimiter.size());
    size_t blank = part.find("\r\n\r\n");
    size_t skip = 4;
    if (blank == std::string_view::npos) {
      blank = part.find("\n\n");
      skip = 2;
    }
    if (blank != std::string_view::npos) {
      const std::string headers = AsciiLower(part.substr(0, blank));
      const bool named = headers.find("name=\"list-unsubscribe\"") != std::string::npos ||
                         headers.find("name=list-unsubscribe") != std::string::npos;
      if (named && TrimSpace(part.substr(blank + skip)) == "One-Click") return true;
    }
    at = next;
  }
  return false;
}

Status CheckPublicUrl(std::string_view field, std::string_view url) {
  auto bad = [&](std::string_view why) {
    return Status::InvalidInput("field '" + std::string(field) + "': " + std::string(why));
  };
  size_t host_at = 0;
  if (url.substr(0, 8) == "https://") host_at = 8;
  else if (url.substr(0, 7) == "http://") host_at = 7;
  else return bad("must start with https:// or http://");
  if (url.size() > 500) return bad("longer than 500 bytes");
  if (url.size() == host_at || url[host_at] == '/' || url[host_at] == ':') return bad("has no host");
  for (unsigned char c : url) {
    if (c <= 0x20 || c >= 0x7f || c == '"' || c == '\'' || c == '<' || c == '>' || c == '#' || c == '?' ||
        c == '\\')
      return bad("must be a plain URL (no spaces, quotes, <, >, #, ? or non-ASCII)");
  }
  return Status::Ok();
}

std::string MaskAddress(std::string_view address) {
  const size_t at = address.find('@');
  if (at == std::string_view::npos || at == 0) return "•••";
  return std::string(address.substr(0, 1)) + "•••" + std::string(address.substr(at));
}

std::string OptOutNonceIn(std::string_view mime) {
  const size_t header_end = mime.find("\r\n\r\n");
  const std::string_view headers = mime.substr(0, header_end);
  const size_t lu = headers.find("\r\nList-Unsubscribe: <");
  if (lu == std::string_view::npos) return "";
  // The one-click URL (OneClickUrl), or the page link messages queued before it carried.
  size_t at = headers.find("/api/optout/", lu);
  if (at != std::string_view::npos) {
    at += 12;
  } else if ((at = headers.find("/optout.html#", lu)) != std::string_view::npos) {
    at += 13;
  } else {
    return "";
  }
  const std::string_view nonce = headers.substr(at, 64);
  return IsOptOutToken(nonce) ? std::string(nonce) : "";
}

std::string ReplaceOptOutNonce(std::string_view mime, std::string_view nonce, std::string_view token, int* count) {
  std::string out(mime);
  int n = 0;
  if (nonce.empty() || nonce.size() != token.size()) {
    if (count) *count = 0;
    return out;
  }
  for (size_t start = 0; start < out.size(); ++start) {
    if (out[start] != nonce[0]) continue;
    // Match the nonce, stepping over soft line breaks; remember where each character sits.
    std::vector<size_t> at;
    size_t i = start;
    for (size_t k = 0; k < nonce.size() && i < out.size();) {
      if (out.compare(i, 3, "=\r\n") == 0) {
        i += 3;
        continue;
      }
      if (out[i] != nonce[k]) break;
      at.push_back(i);
      ++i;
      ++k;
    }
    if (at.size() != nonce.size()) continue;
    for (size_t k = 0; k < at.size(); ++k) out[at[k]] = token[k];
    ++n;
    start = at.back();
  }
  if (count) *count = n;
  return out;
}

}  // namespace st::outreach
