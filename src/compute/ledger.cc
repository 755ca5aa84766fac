#include "compute/ledger.h"

#include <algorithm>
#include <limits>

#include "compute/day.h"

namespace st::compute {
namespace {

constexpr std::int64_t kNoDay = std::numeric_limits<std::int32_t>::min();

std::int64_t CeilDiv1000(std::int64_t v) { return v <= 0 ? 0 : (v + 999) / 1000; }

}  // namespace

std::string_view PromiseStateName(PromiseState s) {
  switch (s) {
    case PromiseState::kReserved: return "reserved";
    case PromiseState::kCommitted: return "committed";
    case PromiseState::kReleased: return "released";
  }
  return "released";
}

std::optional<PromiseState> ParsePromiseState(std::string_view name) {
  for (PromiseState s : {PromiseState::kReserved, PromiseState::kCommitted, PromiseState::kReleased})
    if (PromiseStateName(s) == name) return s;
  return std::nullopt;
}

std::string Shortfall::Message() const {
  return "short by " + FormatH100Eq(short_h100_milli) + " H100-eq at site " + site + " (" + gpu_type + ") from " +
         FormatDay(day);
}

const Ledger::PoolState* Ledger::State(std::int64_t pool_id) const {
  auto it = index_.find(pool_id);
  return it == index_.end() ? nullptr : &states_[it->second];
}

const Pool* Ledger::FindPool(std::int64_t id) const {
  const PoolState* p = State(id);
  return p ? &p->pool : nullptr;
}

const Pool* Ledger::FindPool(const std::string& site, const std::string& gpu_type) const {
  for (const PoolState& p : states_)
    if (p.pool.site == site && p.pool.gpu_type == gpu_type) return &p.pool;
  return nullptr;
}

std::int64_t Ledger::H100EqMilli(std::int64_t pool_id, std::int64_t gpus) const {
  const PoolState* p = State(pool_id);
  return p ? p->factor_milli * gpus : 0;
}

Status Ledger::AddPool(const Pool& pool) {
  const std::int64_t factor = settings_.FactorMilli(pool.gpu_type);
  if (factor <= 0)
    return Status::InvalidInput("GPU type '" + pool.gpu_type +
                                "' has no H100-equivalent factor (add it to the compute settings)");
  if (State(pool.id) != nullptr) return Status::Conflict("pool " + std::to_string(pool.id) + " exists");
  if (FindPool(pool.site, pool.gpu_type) != nullptr)
    return Status::Conflict("a " + pool.gpu_type + " pool at site " + pool.site + " exists");
  index_[pool.id] = states_.size();
  states_.push_back(PoolState{pool, factor, {}});
  pools_.push_back(pool);
  return Status::Ok();
}

void Ledger::Insert(PoolState& p, const Event& e) {
  // After the last event of the same day: loading in order stays O(1) amortised.
  auto at = std::upper_bound(p.events.begin(), p.events.end(), e.day,
                             [](std::int32_t day, const Event& x) { return day < x.day; });
  p.events.insert(at, e);
}

Status Ledger::AddCapacity(const CapacityChange& c) {
  auto it = index_.find(c.pool_id);
  if (it == index_.end()) return Status::NotFound("pool " + std::to_string(c.pool_id) + " not found");
  Insert(states_[it->second], Event{c.day, c.delta_gpus, 0, 0});
  return Status::Ok();
}

Status Ledger::AddPromise(const PlacedPromise& pr) {
  if (pr.state == PromiseState::kReleased) return Status::Ok();
  auto it = index_.find(pr.pool_id);
  if (it == index_.end()) return Status::NotFound("pool " + std::to_string(pr.pool_id) + " not found");
  PoolState& p = states_[it->second];
  const bool reserved = pr.state == PromiseState::kReserved;
  Insert(p, Event{pr.start_day, 0, reserved ? pr.gpus : 0, reserved ? 0 : pr.gpus});
  if (pr.end_day != 0) Insert(p, Event{pr.end_day, 0, reserved ? -pr.gpus : 0, reserved ? 0 : -pr.gpus});
  return Status::Ok();
}

Ledger::Sweep Ledger::SweepPool(const PoolState& p, std::int64_t gpus, std::int32_t start, std::int32_t end,
                                bool stop_at_first) const {
  const std::int64_t keep = 1000 - settings_.headroom_permille;
  const std::int64_t s = start, e = end == 0 ? std::int64_t{kOpenEnd} : end;
  Sweep out{std::numeric_limits<std::int64_t>::max(), std::nullopt, 0};
  std::int64_t cap = 0, used = gpus, seg_start = kNoDay;
  const size_t n = p.events.size();
  for (size_t i = 0;;) {
    const std::int64_t next = i < n ? p.events[i].day : std::int64_t{kOpenEnd} + 1;
    // The state (cap, used) holds on [seg_start, next).
    if (std::max(seg_start, s) < std::min(next, e)) {
      const std::int64_t slack = cap * keep - used * 1000;
      out.min_slack_milli = std::min(out.min_slack_milli, slack);
      if (slack < 0 && !out.first_short_day) {
        out.first_short_day = static_cast<std::int32_t>(std::max(seg_start, s));
        out.short_slack_milli = slack;
        if (stop_at_first) return out;
      }
    }
    if (i == n || next >= e) return out;
    for (; i < n && p.events[i].day == next; ++i) {
      cap += p.events[i].d_capacity;
      used += p.events[i].d_reserved + p.events[i].d_committed;
    }
    seg_start = next;
  }
}

Shortfall Ledger::MakeShortfall(const PoolState& p, std::int32_t day, std::int64_t slack_milli) const {
  Shortfall f;
  f.pool_id = p.pool.id;
  f.site = p.pool.site;
  f.gpu_type = p.pool.gpu_type;
  f.day = day;
  f.short_gpus = CeilDiv1000(-slack_milli);
  f.short_h100_milli = f.short_gpus * p.factor_milli;
  return f;
}

std::optional<Shortfall> Ledger::CheckFits(std::int64_t pool_id, std::int64_t gpus, std::int32_t start_day,
                                           std::int32_t end_day) const {
  const PoolState* p = State(pool_id);
  if (p == nullptr) return std::nullopt;
  const Sweep sw = SweepPool(*p, gpus, start_day, end_day, /*stop_at_first=*/true);
  if (!sw.first_short_day) return std::nullopt;
  return MakeShortfall(*p, *sw.first_short_day, sw.short_slack_milli);
}

Result<std::int64_t> Ledger::Place(const ComputePromise& pr) const {
  ST_RETURN_IF_ERROR(ValidatePromise(pr));
  if (settings_.FactorMilli(pr.gpu_type) <= 0)
    return Status::InvalidInput("compute.gpu_type '" + pr.gpu_type + "' has no H100-equivalent factor");
  if (!pr.site.empty()) {
    const Pool* pool = FindPool(pr.site, pr.gpu_type);
    if (pool == nullptr)
      return Status::InvalidInput("compute.site: no " + pr.gpu_type + " pool at site " + pr.site);
    if (auto f = CheckFits(pool->id, pr.gpus, pr.start_day, pr.end_day)) return Status::Conflict(f->Message());
    return pool->id;
  }
  const PoolState* best = nullptr;
  Sweep best_sweep{};
  for (const PoolState& p : states_) {
    if (p.pool.gpu_type != pr.gpu_type) continue;
    const Sweep sw = SweepPool(p, pr.gpus, pr.start_day, pr.end_day, /*stop_at_first=*/false);
    if (best == nullptr || sw.min_slack_milli > best_sweep.min_slack_milli ||
        (sw.min_slack_milli == best_sweep.min_slack_milli && p.pool.site < best->pool.site)) {
      best = &p;
      best_sweep = sw;
    }
  }
  if (best == nullptr) return Status::InvalidInput("compute.gpu_type: no " + pr.gpu_type + " pool in the fleet");
  if (best_sweep.first_short_day)
    return Status::Conflict(MakeShortfall(*best, *best_sweep.first_short_day, best_sweep.short_slack_milli).Message() +
                            " (the " + pr.gpu_type + " pool with the most room)");
  return best->pool.id;
}

std::vector<Shortfall> Ledger::Verify() const {
  std::vector<Shortfall> out;
  for (const PoolState& p : states_) {
    const Sweep sw = SweepPool(p, 0, std::numeric_limits<std::int32_t>::min(), 0, /*stop_at_first=*/true);
    if (sw.first_short_day) out.push_back(MakeShortfall(p, *sw.first_short_day, sw.short_slack_milli));
  }
  std::sort(out.begin(), out.end(), [](const Shortfall& a, const Shortfall& b) {
    return a.day != b.day ? a.day < b.day : a.pool_id < b.pool_id;
  });
  return out;
}

std::optional<std::pair<std::int64_t, std::int32_t>> Ledger::FirstNegativeCapacity() const {
  std::optional<std::pair<std::int64_t, std::int32_t>> first;
  for (const PoolState& p : states_) {
    std::int64_t cap = 0;
    for (size_t i = 0; i < p.events.size();) {
      const std::int32_t day = p.events[i].day;
      for (; i < p.events.size() && p.events[i].day == day; ++i) cap += p.events[i].d_capacity;
      if (cap < 0) {
        if (!first || day < first->second) first = std::make_pair(p.pool.id, day);
        break;
      }
    }
  }
  return first;
}

std::vector<TimelineStep> Ledger::Timeline(std::int64_t pool_id) const {
  std::vector<TimelineStep> out;
  const PoolState* p = State(pool_id);
  if (p == nullptr) return out;
  const std::int64_t keep = 1000 - settings_.headroom_permille;
  TimelineStep cur;
  for (size_t i = 0; i < p->events.size();) {
    cur.day = p->events[i].day;
    for (; i < p->events.size() && p->events[i].day == cur.day; ++i) {
      cur.capacity += p->events[i].d_capacity;
      cur.reserved += p->events[i].d_reserved;
      cur.committed += p->events[i].d_committed;
    }
    cur.usable = cur.capacity > 0 ? cur.capacity * keep / 1000 : cur.capacity;
    out.push_back(cur);
  }
  return out;
}

}  // namespace st::compute
