// The compute ledger: GPU pools (site x type) with a capacity timeline of
// dated changes, and the promises held against them. Pure, in memory, not
// thread-safe (the store builds one per check, under its lock).
//
// The rule: at every day and in every pool,
//     (reserved + committed GPUs) * 1000 <= capacity * (1000 - headroom_permille)
// — all integers, so the decision is exact. Released promises count nothing.
// Within a pool everything is in GPUs of the pool's type; H100-equivalents
// (settings.h) only name the amounts in messages and sum across types.
//
// Algorithm: each pool keeps its change points (capacity changes, promise
// starts and ends) sorted by day. A check sweeps the pool's change points
// once, so placing one offer costs O(events in that pool); verifying the
// ledger is one sweep per pool. The test compares both with a day-by-day
// oracle on random fleets.
//
// "Anywhere" promises (site ""): the ledger picks, among the pools of the
// promised type, the one whose smallest free capacity over the promised
// interval is largest (ties: the site first in byte order), so a promise lands
// where it leaves the most slack; the chosen pool is recorded with the promise.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "compute/promise.h"
#include "compute/settings.h"

namespace st::compute {

// Open-ended promises (end_day 0) count up to here, i.e. forever.
inline constexpr std::int32_t kOpenEnd = 0x7fffffff;

struct Pool {
  std::int64_t id = 0;
  std::string site;
  std::string gpu_type;
};

// "+100,000 H100 at site A from 2026-03-01": delta > 0 adds, < 0 retires.
struct CapacityChange {
  std::int64_t pool_id = 0;
  std::int32_t day = 0;
  std::int64_t delta_gpus = 0;
};

enum class PromiseState { kReserved, kCommitted, kReleased };
std::string_view PromiseStateName(PromiseState s);  // "reserved", "committed", "released"
std::optional<PromiseState> ParsePromiseState(std::string_view name);

struct PlacedPromise {
  std::int64_t id = 0;  // the caller's key (the store's row id)
  std::int64_t pool_id = 0;
  std::int64_t gpus = 0;
  std::int32_t start_day = 0;
  std::int32_t end_day = 0;  // exclusive; 0 = open-ended
  PromiseState state = PromiseState::kReserved;
};

// The first day a pool is over-committed, and by how much on that day.
struct Shortfall {
  std::int64_t pool_id = 0;
  std::string site;
  std::string gpu_type;
  std::int32_t day = 0;
  std::int64_t short_gpus = 0;       // GPUs of the pool's type missing on `day`
  std::int64_t short_h100_milli = 0;  // the same in milli-H100-eq
  // "short by 2,400 H100-eq at site A (H100) from 2027-02-01"
  std::string Message() const;
};

// One step of a pool's timeline: the state from `day` until the next step.
struct TimelineStep {
  std::int32_t day = 0;
  std::int64_t capacity = 0;  // GPUs installed
  std::int64_t usable = 0;    // floor(capacity * (1000 - headroom) / 1000)
  std::int64_t reserved = 0;
  std::int64_t committed = 0;
};

class Ledger {
 public:
  explicit Ledger(ComputeSettings settings) : settings_(std::move(settings)) {}

  const ComputeSettings& settings() const { return settings_; }

  // kInvalidInput for a type without an H100-eq factor; kConflict for a
  // duplicate id or site x type.
  Status AddPool(const Pool& pool);
  // kNotFound for an unknown pool. Capacity may go negative here; Verify
  // reports it (a timeline that retires more than was added).
  Status AddCapacity(const CapacityChange& change);
  // Records a promise without checking it (loading a stored ledger).
  Status AddPromise(const PlacedPromise& promise);

  // Would `gpus` more in `pool_id` over [start, end) fit? nullopt if so, else
  // the first day it would not and the shortfall then.
  std::optional<Shortfall> CheckFits(std::int64_t pool_id, std::int64_t gpus, std::int32_t start_day,
                                     std::int32_t end_day) const;

  // Chooses the pool for a promise: the named site's pool of that type, or
  // for "anywhere" the rule above. kInvalidInput when no pool of that type
  // (at that site) exists; kConflict with Shortfall::Message() when it does
  // not fit (for "anywhere": the message of the best pool).
  Result<std::int64_t> Place(const ComputePromise& p) const;

  // Every over-committed pool's first shortfall, earliest day first (then
  // pool id). Empty = the ledger holds.
  std::vector<Shortfall> Verify() const;
  // The first day a pool's capacity is below zero, if any.
  std::optional<std::pair<std::int64_t, std::int32_t>> FirstNegativeCapacity() const;

  // The step function of one pool (empty for an unknown pool).
  std::vector<TimelineStep> Timeline(std::int64_t pool_id) const;

  const std::vector<Pool>& pools() const { return pools_; }
  const Pool* FindPool(std::int64_t id) const;
  const Pool* FindPool(const std::string& site, const std::string& gpu_type) const;
  // milli-H100-eq of `gpus` GPUs of the pool's type.
  std::int64_t H100EqMilli(std::int64_t pool_id, std::int64_t gpus) const;

 private:
  // A change point: capacity or promised GPUs change by these deltas on `day`.
  struct Event {
    std::int32_t day;
    std::int64_t d_capacity;
    std::int64_t d_reserved;
    std::int64_t d_committed;
  };
  struct PoolState {
    Pool pool;
    std::int64_t factor_milli = 0;
    std::vector<Event> events;  // sorted by day
  };

  void Insert(PoolState& p, const Event& e);
  // The smallest slack (milli-GPUs) over [start, end) with `gpus` more
  // promised, and the first day it is negative (if it is).
  struct Sweep {
    std::int64_t min_slack_milli;
    std::optional<std::int32_t> first_short_day;
    std::int64_t short_slack_milli;  // slack on first_short_day
  };
  Sweep SweepPool(const PoolState& p, std::int64_t gpus, std::int32_t start, std::int32_t end,
                  bool stop_at_first) const;
  Shortfall MakeShortfall(const PoolState& p, std::int32_t day, std::int64_t slack_milli) const;
  const PoolState* State(std::int64_t pool_id) const;

  ComputeSettings settings_;
  std::vector<Pool> pools_;
  std::vector<PoolState> states_;
  std::unordered_map<std::int64_t, size_t> index_;  // pool id -> states_ index
};

}  // namespace st::compute
