// WhatsApp click-to-chat: https://wa.me/<E.164 digits>?text=<percent-encoded short message>. The number is
// normalised with libphonenumber (a national number needs the region, e.g. "GB"); the text is a short
// version of the draft with every sentence that names money dropped — no compensation figure ever goes
// into a URL (URLs end up in browser history, logs and link previews). Pure, thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace st::outreach {

// "+16502530000" from "(650) 253-0000" with region "US"; kInvalidInput "field 'phone': …" otherwise.
Result<std::string> NormalizePhone(std::string_view phone, std::string_view default_region);
// True if the text names an amount of money ("$2M", "USD 500,000", "€1.5 million", "300k", "9 figures").
bool MentionsMoney(std::string_view text);
// The greeting and the first paragraphs of a draft, ≤ 700 bytes, without sentences that mention money.
std::string ShortWhatsAppText(std::string_view body);
// The wa.me link; kInvalidInput for a bad number, or if the text still mentions money.
Result<std::string> WhatsAppLink(std::string_view phone, std::string_view default_region, std::string_view text);
// RFC 3986 unreserved characters kept, everything else %XX (UTF-8 bytes).
std::string PercentEncode(std::string_view s);

}  // namespace st::outreach
