// The opt-out link every message carries: a per-message token of 256 random bits; the store keeps only its
// SHA-256, so a database dump opens nothing. The link points at the app's public page `optout.html` with the
// token in the URL fragment (a browser never sends the fragment, so it is in no access log); the page asks
// before it acts (mail scanners follow links). Pure, thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace st::outreach {

// How the token stays out of the database although the outbox keeps each message's exact bytes: the stored
// MIME carries a random nonce where the token goes; the token is a keyed hash of the nonce (SecretBox::Mac,
// key file outside the database) and replaces the nonce only in the bytes handed to SMTP. A retry computes
// the same token, so every attempt sends the same bytes.

// 64 lowercase hex characters from a CSPRNG.
std::string NewOptOutToken();
// The nonce of the opt-out link in stored MIME bytes (from List-Unsubscribe), "" if the message has none.
std::string OptOutNonceIn(std::string_view mime);
// `mime` with every occurrence of `nonce` replaced by `token` (same length), also where quoted-printable
// soft line breaks ("=\r\n") split it. Returns how many were replaced through `count`.
std::string ReplaceOptOutNonce(std::string_view mime, std::string_view nonce, std::string_view token, int* count);
// SHA-256 of the token, hex: what the store keeps and looks up.
std::string OptOutTokenHash(std::string_view token);
// True for 64 lowercase hex characters (anything else is refused before a database lookup).
bool IsOptOutToken(std::string_view token);
// "<base>/optout.html#<token>"; `base` is the app's public http(s) URL without a trailing slash.
std::string OptOutUrl(std::string_view base, std::string_view token);
// RFC 8058 one-click: "<base>/api/optout/<token>/one-click", the URL List-Unsubscribe carries. The mail
// provider POSTs `List-Unsubscribe=One-Click` to it (no page, no session); a client that opens it with GET is
// sent on to the page above, which asks first. The token is in the path here because a POST carries no
// fragment; it is as unguessable as the page's.
std::string OneClickUrl(std::string_view base, std::string_view token);
// True when an RFC 8058 POST body says `List-Unsubscribe=One-Click`, in either encoding the RFC allows:
// application/x-www-form-urlencoded or multipart/form-data (by `content_type`, parameters ignored).
bool IsOneClickBody(std::string_view content_type, std::string_view body);
// kInvalidInput naming `field` unless `url` is http:// or https:// with a host, no spaces, quotes, '<', '>',
// '#', '?' or control characters (it goes into a header and an HTML attribute).
Status CheckPublicUrl(std::string_view field, std::string_view url);
// "j•••@example.org": what the opt-out page shows, so a forwarded link does not reveal the full address.
std::string MaskAddress(std::string_view address);

}  // namespace st::outreach
