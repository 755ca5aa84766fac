// Records of the compute ledger and the staff (flat teams) as the Store
// returns them. Included by store.h; the rules live in compute/ (pure).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "compute/fleet_csv.h"
#include "compute/ledger.h"
#include "compute/settings.h"

namespace st::store {

struct FleetPool {
  std::int64_t id = 0;
  std::string site;
  std::string gpu_type;
  std::int64_t factor_milli = 0;  // H100-eq per GPU, from the settings
};

struct CapacityEntry {
  std::int64_t id = 0;
  std::int64_t pool_id = 0;
  std::int32_t day = 0;
  std::int64_t delta_gpus = 0;  // > 0 added, < 0 retired
  std::string note;
  std::string actor;
  std::int64_t created_at = 0;
};

// One promise row. person_id 0 once the person was erased.
struct PromiseRecord {
  std::int64_t id = 0;
  std::int64_t offer_id = 0;
  std::int64_t person_id = 0;
  std::string person_name;  // "" when unknown/erased
  std::int64_t pool_id = 0;
  std::string site;             // the pool's (concrete) site
  std::string requested_site;   // "" = the offer said anywhere
  std::string gpu_type;
  std::int64_t gpus = 0;
  std::int64_t h100_eq_milli = 0;
  std::int32_t start_day = 0;
  std::int32_t end_day = 0;  // 0 = open-ended
  compute::PromiseState state = compute::PromiseState::kReserved;
  std::string note;          // why it was released
  std::int64_t updated_at = 0;
};

struct PoolTimeline {
  FleetPool pool;
  std::vector<compute::TimelineStep> steps;
};

struct FleetView {
  compute::ComputeSettings settings;
  std::vector<FleetPool> pools;
  std::vector<CapacityEntry> capacity;        // by pool, then day
  std::vector<PoolTimeline> timelines;
  std::vector<compute::Shortfall> shortfalls;  // empty = the ledger holds
};

struct FleetImportSummary {
  std::int64_t rows = 0;
  std::int64_t pools_created = 0;
  std::int64_t gpus_added = 0;
  std::int64_t gpus_retired = 0;
};

// "Compute per researcher": H100-eq held (reserved + committed, on `day`)
// per research head (own research staff + accepted candidates).
struct ComputePerResearcher {
  std::int32_t day = 0;
  std::int64_t research_staff = 0;
  std::int64_t accepted_candidates = 0;  // people with a committed promise or accepted reporting line
  std::int64_t promised_h100_milli = 0;  // committed + reserved on `day`
  std::int64_t committed_h100_milli = 0;
  std::int64_t capacity_h100_milli = 0;  // installed on `day`
  std::int64_t per_researcher_milli = 0;  // committed / heads (0 when no heads)
  std::int64_t capacity_per_researcher_milli = 0;
};

struct LedgerReport {
  std::int64_t pools = 0;
  std::int64_t capacity_changes = 0;
  std::int64_t promises = 0;  // reserved + committed
  std::vector<compute::Shortfall> shortfalls;
};

struct StaffMember {
  std::int64_t id = 0;
  std::string name;
  std::string email;
  std::string title;
  std::string team;
  std::int64_t manager_staff_id = 0;  // 0 = none (reports to nobody)
  bool is_research = false;
  std::int32_t start_day = 0;  // 0 = unknown
  std::int64_t version = 0;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  // ---- retention (migration 9; names fixed by notes/STAFF_CONTRACT.md)
  std::string author_id;  // talent-graph author ("" = not linked)
  double link_confidence = 0;
  std::string link_reason;
  std::string link_state;  // "" (none) | "suggested" | "confirmed" | "rejected"
  // Money: filled only for roles that may read compensation (ceo, hr); zero/empty otherwise.
  std::int64_t base_cents = 0;  // current base salary per year, minor units
  std::string currency;         // "USD", … ("" = unknown)
  std::int32_t target_bonus_bp = 0;
  std::int32_t last_raise_day = 0;  // last raise or refresher; 0 = unknown
  std::string equity_json;  // {"grant_date": "YYYY-MM-DD", "equity": <offers terms' equity JSON>} or ""
  // The link as a stable author key (watch::StableAuthorKey, migration 15; "" = not known): the author_id
  // above is the graph version's dense id, this survives a new version (alerts, flight risk).
  std::string author_key;
};

struct StaffPatch {
  std::optional<std::string> name;
  std::optional<std::string> email;
  std::optional<std::string> title;
  std::optional<std::string> team;
  std::optional<std::int64_t> manager_staff_id;  // 0 clears
  std::optional<bool> is_research;
  std::optional<std::int32_t> start_day;
};

struct ManagerReports {
  StaffMember manager;
  std::int64_t staff_reports = 0;     // staff with this manager
  std::int64_t accepted_reports = 0;  // accepted offers reporting to them
  std::int64_t total = 0;
  bool over_cap = false;
};

struct TeamReport {
  std::int32_t max_direct_reports = 0;
  std::vector<ManagerReports> managers;  // everyone with a report, most first
};

}  // namespace st::store
