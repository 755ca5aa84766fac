// Deals that bring people: acquisitions, stakes, investments, fund stakes and
// licence-and-hire deals on an organisation of the talent graph. What a deal
// is, its status moves and the checks on it. Pure domain (the store keeps the
// rows, web/ maps JSON, talent.h judges a deal by talent per dollar).
// Money is int64 minor units (offers/money.h); thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "offers/money.h"

namespace st::deals {

enum class DealKind { kAcquisition = 0, kStake, kInvestment, kFundStake, kLicence };
inline constexpr int kDealKindCount = 5;
std::string_view DealKindName(DealKind k);  // "acquisition" | "stake" | "investment" | "fund_stake" | "licence"
std::optional<DealKind> ParseDealKind(std::string_view s);

// idea → proposed → negotiating → signed → closed; dead from any open status
// (and back to idea, to revive one). closed is final.
enum class DealStatus { kIdea = 0, kProposed, kNegotiating, kSigned, kClosed, kDead };
inline constexpr int kDealStatusCount = 6;
std::string_view DealStatusName(DealStatus s);
std::optional<DealStatus> ParseDealStatus(std::string_view s);
bool CanMoveDeal(DealStatus from, DealStatus to);  // the same status is not a move

// One person the deal is meant to bring: a talent-graph author, a pipeline
// candidate, or both. Role and notes are personal data (exported and erased
// with the candidate).
struct DealPerson {
  int line = 0;                 // stable number within the deal (store-assigned, 1..)
  std::int64_t person_id = 0;   // pipeline candidate, 0 = none
  std::int64_t author_id = -1;  // talent-graph author, -1 = none
  std::string name;             // as shown; required
  std::string role;             // what they would be: "Chief AI Officer"
  int p_join_permille = 700;    // P(comes with the deal and stays), 0..1000
  std::int64_t retention_minor = 0;  // retention package, in the deal's currency, >= 0
  std::string notes;
};

struct Deal {
  std::int64_t id = 0;
  std::string org;  // the organisation's name as the graph spells it
  DealKind kind = DealKind::kAcquisition;
  DealStatus status = DealStatus::kIdea;
  offers::Money price;       // what the deal costs (the whole consideration)
  int stake_bp = 0;          // basis points of the company bought (10000 = all of it)
  std::string notes;
  std::vector<DealPerson> people;
  std::int64_t version = 1;
  std::int64_t created_at = 0, updated_at = 0;
  std::string created_by;
};

// One kept version of a deal: the whole deal as JSON after a change, who made it and when.
struct DealVersion {
  std::int64_t version = 0;
  std::string deal_json;
  std::string actor;
  std::int64_t at = 0;
};

// A change: only the set members change.
struct DealPatch {
  std::optional<std::string> org, notes;
  std::optional<DealKind> kind;
  std::optional<DealStatus> status;
  std::optional<std::int64_t> price_minor;
  std::optional<offers::Currency> currency;
  std::optional<int> stake_bp;
  bool empty() const;
};
// Applies the patch; a status change must be a legal move (kInvalidInput naming "status").
Status ApplyPatch(const DealPatch& patch, Deal& deal);

// The largest price accepted: $10 trillion in cents. Far above any deal, and
// far below int64's limit, so sums over a deal's people cannot overflow.
inline constexpr std::int64_t kMaxPriceMinor = 1'000'000'000'000'000;
inline constexpr std::int64_t kMaxRetentionMinor = 100'000'000'000'000;  // $1 trillion
inline constexpr size_t kMaxPeople = 500;

// Field checks; errors name the field: "stake_bp: a stake needs 1..10000 basis points".
Status ValidateDeal(const Deal& deal);
// "people[2].p_join": ... (index = position in the deal).
Status ValidateDealPerson(const DealPerson& person, size_t index);

// "$14,300,000,000 for 49.00%" — for feeds and audit summaries.
std::string DealSummary(const Deal& deal);
std::string FormatStake(int stake_bp);  // "49.00%"

}  // namespace st::deals
