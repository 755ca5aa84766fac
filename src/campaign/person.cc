#include "campaign/person.h"

#include <string>

namespace st::campaign {
namespace {

constexpr std::int64_t kMaxMoney = 1'000'000'000'000;  // 10^12: nine-figure packages fit with room

Status FieldError(std::string_view field, std::string_view why) {
  return Status::InvalidInput("field '" + std::string(field) + "': " + std::string(why));
}

// Valid UTF-8 without C0 controls (tab and newline allowed only in free text).
bool CleanText(std::string_view s, bool multiline) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c == 0x7f) return false;
      if (c < 0x20 && !(multiline && (c == '\n' || c == '\t' || c == '\r'))) return false;
      ++i;
      continue;
    }
    int extra = (c & 0xe0) == 0xc0 ? 1 : (c & 0xf0) == 0xe0 ? 2 : (c & 0xf8) == 0xf0 ? 3 : -1;
    if (extra < 0 || c == 0xc0 || c == 0xc1 || c > 0xf4 || i + extra >= s.size())
      return false;
    for (int k = 1; k <= extra; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) return false;
    i += extra + 1;
  }
  return true;
}

Status CheckText(std::string_view field, const std::optional<std::string>& value, size_t max_len,
                 bool multiline = false) {
  if (!value) return Status::Ok();
  if (value->size() > max_len) return FieldError(field, "longer than " + std::to_string(max_len) + " bytes");
  if (!CleanText(*value, multiline)) return FieldError(field, "invalid UTF-8 or control character");
  return Status::Ok();
}

Status CheckList(std::string_view field, const std::optional<std::vector<std::string>>& list) {
  if (!list) return Status::Ok();
  if (list->size() > 50) return FieldError(field, "more than 50 entries");
  for (const std::string& s : *list) {
    if (s.empty() || s.size() > 100) return FieldError(field, "entries must be 1..100 bytes");
    if (!CleanText(s, false)) return FieldError(field, "invalid UTF-8 or control character");
  }
  return Status::Ok();
}

Status CheckMoney(std::string_view field, const std::optional<std::int64_t>& v) {
  if (v && (*v < 0 || *v > kMaxMoney)) return FieldError(field, "must be between 0 and 10^12");
  return Status::Ok();
}

// Deliberately loose: one '@', something on both sides, a dot in the domain,
// no spaces. Deliverability is the mailer's problem, not the store's.
bool LooksLikeEmail(std::string_view s) {
  size_t at = s.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= s.size()) return false;
  if (s.find('@', at + 1) != std::string_view::npos) return false;
  if (s.find_first_of(" ,;<>\"") != std::string_view::npos) return false;
  std::string_view domain = s.substr(at + 1);
  size_t dot = domain.find('.');
  return dot != std::string_view::npos && dot > 0 && dot + 1 < domain.size();
}

bool LooksLikePhone(std::string_view s) {
  int digits = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9') ++digits;
    else if (c != '+' && c != ' ' && c != '-' && c != '(' && c != ')' && c != '.') return false;
  }
  return digits >= 5 && digits <= 20;
}

}  // namespace

Status CheckTextField(std::string_view field, const std::string& value, size_t max_len, bool required) {
  if (required && value.empty()) return FieldError(field, "must not be empty");
  if (value.size() > max_len) return FieldError(field, "longer than " + std::to_string(max_len) + " bytes");
  if (!CleanText(value, false)) return FieldError(field, "invalid UTF-8 or control character");
  return Status::Ok();
}

std::string_view PersonKindName(PersonKind kind) { return kind == PersonKind::kStaff ? "staff" : "candidate"; }

std::optional<PersonKind> ParsePersonKind(std::string_view name) {
  if (name == "candidate") return PersonKind::kCandidate;
  if (name == "staff") return PersonKind::kStaff;
  return std::nullopt;
}

bool PersonPatch::empty() const {
  return !name && !kind && !author_id && !author_source_id && !org && !title && !email && !phone && !city &&
         !summary && !topics && !tags && !metrics && !owner_user_id && !compensation;
}

Status ValidatePatch(const PersonPatch& p, bool creating) {
  if (creating && (!p.name || p.name->find_first_not_of(" \t") == std::string::npos))
    return FieldError("name", "required");
  if (p.name && p.name->find_first_not_of(" \t") == std::string::npos) return FieldError("name", "must not be blank");
  ST_RETURN_IF_ERROR(CheckText("name", p.name, 200));
  ST_RETURN_IF_ERROR(CheckText("author_source_id", p.author_source_id, 200));
  ST_RETURN_IF_ERROR(CheckText("org", p.org, 300));
  ST_RETURN_IF_ERROR(CheckText("title", p.title, 300));
  ST_RETURN_IF_ERROR(CheckText("email", p.email, 320));
  ST_RETURN_IF_ERROR(CheckText("phone", p.phone, 40));
  ST_RETURN_IF_ERROR(CheckText("city", p.city, 200));
  ST_RETURN_IF_ERROR(CheckText("summary", p.summary, 10'000, true));
  ST_RETURN_IF_ERROR(CheckList("topics", p.topics));
  ST_RETURN_IF_ERROR(CheckList("tags", p.tags));
  if (p.email && !p.email->empty() && !LooksLikeEmail(*p.email)) return FieldError("email", "not an e-mail address");
  if (p.phone && !p.phone->empty() && !LooksLikePhone(*p.phone)) return FieldError("phone", "not a phone number");
  if (p.author_id && *p.author_id && **p.author_id < 0) return FieldError("author_id", "must be ≥ 0");
  if (p.owner_user_id && *p.owner_user_id < 0) return FieldError("owner_id", "must be ≥ 0");
  if (p.metrics && *p.metrics) {
    const HeadlineMetrics& m = **p.metrics;
    auto negative = [](const std::optional<std::int64_t>& v) { return v && *v < 0; };
    if (negative(m.citations) || negative(m.h_index) || negative(m.recent_citations) || !(m.score >= 0) ||
        m.score > 1e12)
      return FieldError("metrics", "values must be ≥ 0");
  }
  if (p.compensation) {
    const Compensation& c = *p.compensation;
    ST_RETURN_IF_ERROR(CheckMoney("compensation.current_base", c.current_base));
    ST_RETURN_IF_ERROR(CheckMoney("compensation.current_equity", c.current_equity));
    ST_RETURN_IF_ERROR(CheckMoney("compensation.expected_total", c.expected_total));
    bool currency_ok = c.currency.size() == 3;
    for (char ch : c.currency) currency_ok = currency_ok && ch >= 'A' && ch <= 'Z';
    if (!currency_ok) return FieldError("compensation.currency", "must be three upper-case letters (ISO 4217)");
    ST_RETURN_IF_ERROR(CheckText("compensation.notes", std::optional<std::string>(c.notes), 2'000, true));
  }
  return Status::Ok();
}

Status CheckPatchAllowed(Role role, const PersonPatch& patch) {
  if (!HasPermission(role, Permission::kWritePeople))
    return Status::Forbidden("role " + std::string(RoleName(role)) + " may not change people");
  if (patch.compensation && !HasPermission(role, Permission::kWriteCompensation))
    return Status::Forbidden("field 'compensation' may not be written by role " + std::string(RoleName(role)));
  return Status::Ok();
}

void ApplyPatch(const PersonPatch& p, Person& person) {
  if (p.name) person.name = *p.name;
  if (p.kind) person.kind = *p.kind;
  if (p.author_id) person.author_id = *p.author_id;
  if (p.author_source_id) person.author_source_id = *p.author_source_id;
  if (p.org) person.org = *p.org;
  if (p.title) person.title = *p.title;
  if (p.email) person.email = *p.email;
  if (p.phone) person.phone = *p.phone;
  if (p.city) person.city = *p.city;
  if (p.summary) person.summary = *p.summary;
  if (p.topics) person.topics = *p.topics;
  if (p.tags) person.tags = *p.tags;
  if (p.metrics) person.metrics = *p.metrics;
  if (p.owner_user_id) person.owner_user_id = *p.owner_user_id;
  if (p.compensation) person.compensation = *p.compensation;
}

void RedactForRole(Role role, Person& person) {
  if (!HasPermission(role, Permission::kReadCompensation)) person.compensation.reset();
}

Status ValidateNoteBody(std::string_view body) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return FieldError("body", "must not be blank");
  if (body.size() > 10'000) return FieldError("body", "longer than 10000 bytes");
  if (!CleanText(body, true)) return FieldError("body", "invalid UTF-8 or control character");
  return Status::Ok();
}

}  // namespace st::campaign
