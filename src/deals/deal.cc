#include "deals/deal.h"

#include <array>

namespace st::deals {
namespace {

constexpr std::array<std::string_view, kDealKindCount> kKindNames = {"acquisition", "stake", "investment",
                                                                     "fund_stake", "licence"};
constexpr std::array<std::string_view, kDealStatusCount> kStatusNames = {"idea",   "proposed", "negotiating",
                                                                         "signed", "closed",   "dead"};

// Text fields: bounded, no control characters except newlines in notes.
Status CheckText(std::string_view value, std::string_view field, size_t max_bytes, bool required,
                 bool multiline) {
  if (required && value.find_first_not_of(" \t") == std::string_view::npos)
    return Status::InvalidInput(std::string(field) + ": required");
  if (value.size() > max_bytes)
    return Status::InvalidInput(std::string(field) + ": at most " + std::to_string(max_bytes) + " bytes");
  for (unsigned char c : value) {
    if (c == 0x7f || (c < 0x20 && !(multiline && (c == '\n' || c == '\r' || c == '\t'))))
      return Status::InvalidInput(std::string(field) + ": control characters are not allowed");
  }
  return Status::Ok();
}

}  // namespace

std::string_view DealKindName(DealKind k) { return kKindNames[static_cast<int>(k)]; }
std::optional<DealKind> ParseDealKind(std::string_view s) {
  for (int i = 0; i < kDealKindCount; ++i)
    if (kKindNames[i] == s) return static_cast<DealKind>(i);
  return std::nullopt;
}

std::string_view DealStatusName(DealStatus s) { return kStatusNames[static_cast<int>(s)]; }
std::optional<DealStatus> ParseDealStatus(std::string_view s) {
  for (int i = 0; i < kDealStatusCount; ++i)
    if (kStatusNames[i] == s) return static_cast<DealStatus>(i);
  return std::nullopt;
}

bool CanMoveDeal(DealStatus from, DealStatus to) {
  using S = DealStatus;
  if (from == to || from == S::kClosed) return false;
  if (to == S::kDead) return true;      // any open deal can die
  if (from == S::kDead) return to == S::kIdea;  // revived: starts again as an idea
  switch (to) {
    case S::kIdea: return false;
    case S::kProposed: return from == S::kIdea || from == S::kNegotiating;  // back to the table
    case S::kNegotiating: return from == S::kIdea || from == S::kProposed;
    case S::kSigned: return from == S::kNegotiating;
    case S::kClosed: return from == S::kSigned;
    case S::kDead: return true;
  }
  return false;
}

bool DealPatch::empty() const {
  return !org && !notes && !kind && !status && !price_minor && !currency && !stake_bp;
}

Status ApplyPatch(const DealPatch& patch, Deal& deal) {
  if (patch.status && *patch.status != deal.status) {
    if (!CanMoveDeal(deal.status, *patch.status))
      return Status::InvalidInput("status: a deal cannot move from " + std::string(DealStatusName(deal.status)) +
                                  " to " + std::string(DealStatusName(*patch.status)));
    deal.status = *patch.status;
  }
  if (patch.org) deal.org = *patch.org;
  if (patch.notes) deal.notes = *patch.notes;
  if (patch.kind) deal.kind = *patch.kind;
  if (patch.price_minor) deal.price.minor = *patch.price_minor;
  if (patch.currency) deal.price.currency = *patch.currency;
  if (patch.stake_bp) deal.stake_bp = *patch.stake_bp;
  return Status::Ok();
}

Status ValidateDealPerson(const DealPerson& p, size_t index) {
  const std::string at = "people[" + std::to_string(index) + "].";
  ST_RETURN_IF_ERROR(CheckText(p.name, at + "name", 200, true, false));
  ST_RETURN_IF_ERROR(CheckText(p.role, at + "role", 200, false, false));
  ST_RETURN_IF_ERROR(CheckText(p.notes, at + "notes", 2000, false, true));
  if (p.person_id < 0) return Status::InvalidInput(at + "person_id: must be a candidate id or 0");
  if (p.author_id < -1) return Status::InvalidInput(at + "author_id: must be a graph author id or -1");
  if (p.p_join_permille < 0 || p.p_join_permille > 1000)
    return Status::InvalidInput(at + "p_join: a probability in 0..1 (" + std::to_string(p.p_join_permille) +
                                " permille given)");
  if (p.retention_minor < 0 || p.retention_minor > kMaxRetentionMinor)
    return Status::InvalidInput(at + "retention_minor: 0 .. " + std::to_string(kMaxRetentionMinor) + " minor units");
  return Status::Ok();
}

Status ValidateDeal(const Deal& d) {
  ST_RETURN_IF_ERROR(CheckText(d.org, "org", 200, true, false));
  ST_RETURN_IF_ERROR(CheckText(d.notes, "notes", 5000, false, true));
  if (d.price.minor < 0 || d.price.minor > kMaxPriceMinor)
    return Status::InvalidInput("price_minor: 0 .. " + std::to_string(kMaxPriceMinor) + " minor units ($10 trillion)");
  if (d.stake_bp < 0 || d.stake_bp > 10000) return Status::InvalidInput("stake_bp: 0 .. 10000 basis points");
  switch (d.kind) {
    case DealKind::kStake:
    case DealKind::kFundStake:
      if (d.stake_bp == 0) return Status::InvalidInput("stake_bp: a stake needs 1..10000 basis points");
      break;
    case DealKind::kAcquisition:
      if (d.stake_bp != 10000)
        return Status::InvalidInput("stake_bp: an acquisition buys the whole company (10000 basis points)");
      break;
    case DealKind::kInvestment:
    case DealKind::kLicence:
      break;
  }
  if (d.people.size() > kMaxPeople)
    return Status::InvalidInput("people: at most " + std::to_string(kMaxPeople) + " per deal");
  for (size_t i = 0; i < d.people.size(); ++i) ST_RETURN_IF_ERROR(ValidateDealPerson(d.people[i], i));
  return Status::Ok();
}

std::string FormatStake(int stake_bp) {
  std::string frac = std::to_string(stake_bp % 100);
  if (frac.size() < 2) frac = "0" + frac;
  return std::to_string(stake_bp / 100) + "." + frac + "%";
}

std::string DealSummary(const Deal& d) {
  std::string s = std::string(DealKindName(d.kind)) + " of " + d.org + ": " + offers::FormatMoney(d.price);
  if (d.stake_bp > 0 && d.kind != DealKind::kAcquisition) s += " for " + FormatStake(d.stake_bp);
  return s;
}

}  // namespace st::deals
