#include "outreach/whatsapp.h"

#include <phonenumbers/phonenumberutil.h>

#include <cctype>

namespace st::outreach {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Sentences end at ". ", "! ", "? " or a line break.
std::vector<std::string> Sentences(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  for (size_t i = 0; i < text.size(); ++i) {
    cur += text[i];
    const bool end = text[i] == '\n' ||
                     ((text[i] == '.' || text[i] == '!' || text[i] == '?') && (i + 1 == text.size() || text[i + 1] == ' '));
    if (end) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

}  // namespace

Result<std::string> NormalizePhone(std::string_view phone, std::string_view default_region) {
  std::string region;
  for (char c : default_region) region += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (region.empty()) region = "ZZ";
  const PhoneNumberUtil* util = PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  if (util->Parse(std::string(phone), region, &number) != PhoneNumberUtil::NO_PARSING_ERROR)
    return Status::InvalidInput("field 'phone': '" + std::string(phone) +
                                "' is not a phone number (a national number needs the country; use +CC…)");
  if (!util->IsValidNumber(number))
    return Status::InvalidInput("field 'phone': '" + std::string(phone) + "' is not a valid number");
  std::string e164;
  util->Format(number, PhoneNumberUtil::E164, &e164);
  return e164;
}

bool MentionsMoney(std::string_view text) {
  const std::string t = Lower(text);
  for (const char* word : {"$", "€", "£", "¥", "usd", "eur", "gbp", "chf", "salary", "compensation", "equity",
                           "bonus", "figures", "million", "billion"})
    if (t.find(word) != std::string::npos) return true;
  // "300k", "1.5m", "2bn": a digit directly followed by k/m/bn.
  for (size_t i = 0; i + 1 < t.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(t[i]))) continue;
    const char n = t[i + 1];
    const bool word_end = i + 2 >= t.size() || !std::isalpha(static_cast<unsigned char>(t[i + 2]));
    if ((n == 'k' || n == 'm') && word_end) return true;
    if (t.compare(i + 1, 2, "bn") == 0) return true;
  }
  return false;
}

std::string ShortWhatsAppText(std::string_view body) {
  std::string out;
  int paragraphs = 0;
  for (const std::string& s : Sentences(body)) {
    if (s == "\n") {
      if (!out.empty() && out.back() == '\n') {
        if (++paragraphs >= 3) break;
      }
      if (!out.empty()) out += '\n';
      continue;
    }
    if (s.rfind("- ", 0) == 0 || s.rfind("--", 0) == 0) continue;  // lists and the signature stay in e-mail
    if (MentionsMoney(s)) continue;
    if (out.size() + s.size() > 700) break;
    out += s;
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

std::string PercentEncode(std::string_view s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

Result<std::string> WhatsAppLink(std::string_view phone, std::string_view default_region, std::string_view text) {
  ST_ASSIGN_OR_RETURN(std::string e164, NormalizePhone(phone, default_region));
  if (MentionsMoney(text)) return Status::InvalidInput("field 'text': names an amount of money; not put in a URL");
  return "https://wa.me/" + e164.substr(1) + "?text=" + PercentEncode(text);
}

}  // namespace st::outreach
