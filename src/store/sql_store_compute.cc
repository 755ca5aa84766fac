// The compute ledger of SqlStore: the fleet (pools and dated capacity
// changes), the promises offers reserve, commit and release, and the checks
// against over-commitment. The rules are compute/ledger.h's; this file loads
// rows into a Ledger, asks it, and writes the answer.
//
// Concurrency: every write that can change the balance of a pool (a
// reservation, a capacity change) first takes the ledger lock — on
// PostgreSQL a transaction-level advisory lock, so two server processes on
// one database serialise their checks and the second sees the first's
// committed rows; on SQLite the write transaction (BEGIN IMMEDIATE) is
// already exclusive across processes.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "compute/access.h"
#include "compute/day.h"
#include "store/sql_store.h"

namespace st::store {
namespace {

using compute::PromiseState;

constexpr std::int64_t kLedgerLockKey = 7400105;

std::string OfferTarget(std::int64_t offer_id) { return "offer:" + std::to_string(offer_id); }

Status FleetForbidden(const Actor& a) {
  return Status::Forbidden("role " + std::string(campaign::RoleName(a.role)) + " may not change the fleet");
}

std::string PromiseJson(std::int64_t pool_id, const std::string& site, const compute::ComputePromise& p,
                        std::string_view state) {
  return nlohmann::json{{"pool_id", pool_id},   {"site", site},
                        {"requested_site", p.site}, {"gpu_type", p.gpu_type},
                        {"gpus", p.gpus},         {"start", compute::FormatDay(p.start_day)},
                        {"end", p.end_day == 0 ? std::string() : compute::FormatDay(p.end_day)},
                        {"state", state}}
      .dump();
}

struct PromiseRow {
  std::int64_t id = 0;
  std::int64_t pool_id = 0;
  std::string state;
};

Result<std::optional<PromiseRow>> FindPromise(SqlConn& c, std::int64_t offer_id) {
  SqlValue p[] = {offer_id};
  ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT id, pool_id, state FROM compute_promises WHERE offer_id = $1", p));
  if (rows.empty()) return std::optional<PromiseRow>();
  return std::optional<PromiseRow>(PromiseRow{rows[0].Int(0), rows[0].Int(1), rows[0].Text(2)});
}

}  // namespace

namespace {

// The stored object of a campaign settings key, "{}" when never written.
Result<std::string> StoredSetting(SqlConn& c, const char* key) {
  SqlValue p[] = {std::string(key)};
  ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT value_json FROM campaign_settings WHERE key = $1", p));
  return rows.empty() ? std::string("{}") : rows[0].Text(0);
}

}  // namespace

// Read in the caller's transaction, so a check and the settings it used are one snapshot.
Result<compute::ComputeSettings> SqlStore::LoadComputeSettings(SqlConn& c) {
  ST_ASSIGN_OR_RETURN(std::string json, StoredSetting(c, "compute"));
  return compute::ComputeSettings::FromJson(json);
}

Result<compute::TeamSettings> SqlStore::LoadTeamSettings(SqlConn& c) {
  ST_ASSIGN_OR_RETURN(std::string json, StoredSetting(c, "teams"));
  return compute::TeamSettings::FromJson(json);
}

Status SqlStore::LockLedger(SqlConn& c) {
  if (dialect_ != Dialect::kPostgres) return Status::Ok();
  return c.ExecScript("SELECT pg_advisory_xact_lock(" + std::to_string(kLedgerLockKey) + ")");
}

Result<compute::Ledger> SqlStore::LoadLedger(SqlConn& c, const std::string& gpu_type,
                                             std::int64_t exclude_offer_id, const std::string& site) {
  ST_ASSIGN_OR_RETURN(compute::ComputeSettings settings, LoadComputeSettings(c));
  compute::Ledger ledger(std::move(settings));
  // '' = no filter. A check for a named site reads that one pool's rows.
  SqlValue f[] = {gpu_type, site};
  ST_ASSIGN_OR_RETURN(auto pools, c.Query("SELECT id, site, gpu_type FROM fleet_pools WHERE ($1 = '' OR gpu_type = $1) "
                                          "AND ($2 = '' OR site = $2) ORDER BY id",
                                          f));
  for (const SqlRow& r : pools) ST_RETURN_IF_ERROR(ledger.AddPool({r.Int(0), r.Text(1), r.Text(2)}));
  ST_ASSIGN_OR_RETURN(auto caps, c.Query("SELECT f.pool_id, f.day, f.delta_gpus FROM fleet_capacity f JOIN fleet_pools p "
                                         "ON p.id = f.pool_id WHERE ($1 = '' OR p.gpu_type = $1) "
                                         "AND ($2 = '' OR p.site = $2) ORDER BY f.pool_id, f.day, f.id",
                                         f));
  for (const SqlRow& r : caps)
    ST_RETURN_IF_ERROR(ledger.AddCapacity({r.Int(0), static_cast<std::int32_t>(r.Int(1)), r.Int(2)}));
  SqlValue q[] = {gpu_type, site, exclude_offer_id};
  ST_ASSIGN_OR_RETURN(auto promises,
                      c.Query("SELECT c.id, c.pool_id, c.gpus, c.start_day, c.end_day, c.state FROM compute_promises c "
                              "JOIN fleet_pools p ON p.id = c.pool_id WHERE c.state <> 'released' "
                              "AND ($1 = '' OR p.gpu_type = $1) AND ($2 = '' OR p.site = $2) AND c.offer_id <> $3 "
                              "ORDER BY c.pool_id, c.start_day",
                              q));
  for (const SqlRow& r : promises) {
    compute::PlacedPromise pp{r.Int(0), r.Int(1), r.Int(2), static_cast<std::int32_t>(r.Int(3)),
                              static_cast<std::int32_t>(r.Int(4)),
                              compute::ParsePromiseState(r.Text(5)).value_or(PromiseState::kReserved)};
    ST_RETURN_IF_ERROR(ledger.AddPromise(pp));
  }
  return ledger;
}

// ---- the offers' helpers (inside the offer's transaction)

Status SqlStore::ReserveCompute(SqlConn& c, const Actor& a, std::int64_t offer_id, std::int64_t person_id,
                                const compute::ComputePromise& p) {
  ST_RETURN_IF_ERROR(compute::ValidatePromise(p));
  ST_RETURN_IF_ERROR(LockLedger(c));
  ST_ASSIGN_OR_RETURN(std::optional<PromiseRow> existing, FindPromise(c, offer_id));
  // The offer's own earlier reservation makes way for its replacement.
  ST_ASSIGN_OR_RETURN(compute::Ledger ledger, LoadLedger(c, p.gpu_type, offer_id, p.site));
  ST_ASSIGN_OR_RETURN(std::int64_t pool_id, ledger.Place(p));
  const std::string site = ledger.FindPool(pool_id)->site;
  const std::int64_t now = Now();
  const SqlValue person = person_id > 0 ? SqlValue(person_id) : SqlValue();
  SqlValue v[] = {offer_id, person,    pool_id, p.site, p.gpus, std::int64_t{p.start_day}, std::int64_t{p.end_day},
                  now};
  if (existing) {
    ST_RETURN_IF_ERROR(c.Exec("UPDATE compute_promises SET person_id = $2, pool_id = $3, requested_site = $4, "
                              "gpus = $5, start_day = $6, end_day = $7, state = 'reserved', note = '', "
                              "updated_at = $8 WHERE offer_id = $1",
                              v));
  } else {
    ST_RETURN_IF_ERROR(c.Exec("INSERT INTO compute_promises (offer_id, person_id, pool_id, requested_site, gpus, "
                              "start_day, end_day, state, note, created_at, updated_at) "
                              "VALUES ($1,$2,$3,$4,$5,$6,$7,'reserved','',$8,$8)",
                              v));
  }
  return AddAudit(c, a, "compute.reserve", OfferTarget(offer_id), "", PromiseJson(pool_id, site, p, "reserved"));
}

Status SqlStore::CommitCompute(SqlConn& c, const Actor& a, std::int64_t offer_id) {
  ST_ASSIGN_OR_RETURN(std::optional<PromiseRow> row, FindPromise(c, offer_id));
  if (!row) return Status::NotFound("offer " + std::to_string(offer_id) + " holds no compute reservation");
  if (row->state == "committed") return Status::Ok();
  if (row->state != "reserved")
    return Status::Conflict("offer " + std::to_string(offer_id) + "'s compute reservation was released");
  // Same GPUs, same days: a commitment needs no new check.
  SqlValue p[] = {Now(), offer_id};
  ST_RETURN_IF_ERROR(
      c.Exec("UPDATE compute_promises SET state = 'committed', updated_at = $1 WHERE offer_id = $2", p));
  return AddAudit(c, a, "compute.commit", OfferTarget(offer_id), R"({"state":"reserved"})",
                  R"({"state":"committed"})");
}

Status SqlStore::ReleaseCompute(SqlConn& c, const Actor& a, std::int64_t offer_id, std::string_view why) {
  ST_ASSIGN_OR_RETURN(std::optional<PromiseRow> row, FindPromise(c, offer_id));
  if (!row || row->state == "released") return Status::Ok();
  const std::string note(why.substr(0, 500));
  SqlValue p[] = {Now(), note, offer_id};
  ST_RETURN_IF_ERROR(
      c.Exec("UPDATE compute_promises SET state = 'released', note = $2, updated_at = $1 WHERE offer_id = $3", p));
  return AddAudit(c, a, "compute.release", OfferTarget(offer_id), nlohmann::json{{"state", row->state}}.dump(),
                  nlohmann::json{{"state", "released"}, {"why", note}}.dump());
}

// ---- fleet

Result<std::vector<compute::Shortfall>> SqlStore::FleetShortfalls(SqlConn& c) {
  ST_ASSIGN_OR_RETURN(compute::Ledger ledger, LoadLedger(c, ""));
  return ledger.Verify();
}

Status SqlStore::CheckFleetAfterChange(SqlConn& c, const std::vector<compute::Shortfall>& before,
                                       const std::function<std::string(std::int64_t, std::int32_t)>& where) {
  ST_ASSIGN_OR_RETURN(compute::Ledger ledger, LoadLedger(c, ""));
  if (auto neg = ledger.FirstNegativeCapacity()) {
    const compute::Pool* pool = ledger.FindPool(neg->first);
    std::int64_t cap = 0;
    for (const compute::TimelineStep& s : ledger.Timeline(neg->first))
      if (s.day == neg->second) cap = s.capacity;
    return Status::InvalidInput(where(neg->first, neg->second) + ": retires more than installed — " +
                                pool->gpu_type + " at site " + pool->site + " would be " +
                                compute::FormatCount(cap) + " GPUs on " + compute::FormatDay(neg->second));
  }
  // Only what this change breaks: a pool already short (e.g. after the
  // headroom setting was raised) does not block unrelated edits.
  for (const compute::Shortfall& f : ledger.Verify()) {
    auto was = std::find_if(before.begin(), before.end(),
                            [&](const compute::Shortfall& b) { return b.pool_id == f.pool_id; });
    if (was == before.end() || f.day < was->day || (f.day == was->day && f.short_gpus > was->short_gpus))
      return Status::Conflict(where(f.pool_id, f.day) + ": would break promises — " + f.Message());
  }
  return Status::Ok();
}

namespace {

Result<std::int64_t> FindOrCreatePool(SqlConn& c, const std::string& site, const std::string& type, std::int64_t now,
                                      bool* created) {
  SqlValue p[] = {site, type};
  ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT id FROM fleet_pools WHERE site = $1 AND gpu_type = $2", p));
  if (!rows.empty()) return rows[0].Int(0);
  SqlValue q[] = {site, type, now};
  ST_ASSIGN_OR_RETURN(auto ins,
                      c.Query("INSERT INTO fleet_pools (site, gpu_type, created_at) VALUES ($1,$2,$3) RETURNING id", q));
  *created = true;
  return ins[0].Int(0);
}

Result<std::int64_t> InsertCapacity(SqlConn& c, const Actor& a, std::int64_t pool_id, const compute::FleetRow& r,
                                    std::int64_t now) {
  SqlValue p[] = {pool_id, std::int64_t{r.day}, r.delta_gpus, r.note, a.user_id,
                  a.username.empty() ? std::string("system") : a.username, now};
  ST_ASSIGN_OR_RETURN(auto rows, c.Query("INSERT INTO fleet_capacity (pool_id, day, delta_gpus, note, user_id, actor, "
                                         "created_at) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id",
                                         p));
  return rows[0].Int(0);
}

}  // namespace

Result<FleetImportSummary> SqlStore::ImportFleet(const Actor& actor, const std::vector<compute::FleetRow>& rows) {
  if (!compute::CanEditFleet(actor.role)) return FleetForbidden(actor);
  if (rows.empty()) return Status::InvalidInput("the fleet file has no rows");
  FleetImportSummary sum;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    sum = {};
    ST_RETURN_IF_ERROR(LockLedger(c));
    ST_ASSIGN_OR_RETURN(compute::ComputeSettings settings, LoadComputeSettings(c));
    ST_ASSIGN_OR_RETURN(auto before, FleetShortfalls(c));
    const std::int64_t now = Now();
    std::map<std::pair<std::string, std::string>, std::int64_t> pools;
    std::map<std::pair<std::int64_t, std::int32_t>, std::int64_t> line_of;  // (pool, day) -> last line
    for (const compute::FleetRow& r : rows) {
      if (settings.FactorMilli(r.gpu_type) <= 0)
        return Status::InvalidInput("line " + std::to_string(r.line) + ": gpu_type '" + r.gpu_type +
                                    "' has no H100-equivalent factor (add it to the compute settings)");
      auto key = std::make_pair(r.site, r.gpu_type);
      auto it = pools.find(key);
      if (it == pools.end()) {
        bool created = false;
        ST_ASSIGN_OR_RETURN(std::int64_t id, FindOrCreatePool(c, r.site, r.gpu_type, now, &created));
        sum.pools_created += created ? 1 : 0;
        it = pools.emplace(key, id).first;
      }
      ST_RETURN_IF_ERROR(InsertCapacity(c, actor, it->second, r, now).status());
      line_of[{it->second, r.day}] = r.line;
      ++sum.rows;
      (r.delta_gpus > 0 ? sum.gpus_added : sum.gpus_retired) += r.delta_gpus > 0 ? r.delta_gpus : -r.delta_gpus;
    }
    ST_RETURN_IF_ERROR(CheckFleetAfterChange(c, before, [&](std::int64_t pool, std::int32_t day) {
      auto it = line_of.find({pool, day});
      if (it != line_of.end()) return "line " + std::to_string(it->second);
      return std::string("the file");
    }));
    nlohmann::json after = {{"rows", sum.rows},
                            {"pools_created", sum.pools_created},
                            {"gpus_added", sum.gpus_added},
                            {"gpus_retired", sum.gpus_retired}};
    return AddAudit(c, actor, "fleet.import", "fleet", "", after.dump());
  }));
  return sum;
}

Result<CapacityEntry> SqlStore::AddCapacityChange(const Actor& actor, const compute::FleetRow& row) {
  if (!compute::CanEditFleet(actor.role)) return FleetForbidden(actor);
  ST_RETURN_IF_ERROR(compute::ValidateName("site", row.site));
  ST_RETURN_IF_ERROR(compute::ValidateName("gpu_type", row.gpu_type));
  if (row.delta_gpus == 0 || row.delta_gpus > compute::kMaxFleetRowGpus || row.delta_gpus < -compute::kMaxFleetRowGpus)
    return Status::InvalidInput("gpus must be between 1 and " + std::to_string(compute::kMaxFleetRowGpus));
  if (row.day < compute::kMinDay || row.day > compute::kMaxDay) return Status::InvalidInput("date is out of range");
  if (row.note.size() > 500) return Status::InvalidInput("note is longer than 500 bytes");
  CapacityEntry out;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    ST_RETURN_IF_ERROR(LockLedger(c));
    ST_ASSIGN_OR_RETURN(compute::ComputeSettings settings, LoadComputeSettings(c));
    if (settings.FactorMilli(row.gpu_type) <= 0)
      return Status::InvalidInput("gpu_type '" + row.gpu_type + "' has no H100-equivalent factor");
    ST_ASSIGN_OR_RETURN(auto before, FleetShortfalls(c));
    const std::int64_t now = Now();
    bool created = false;
    ST_ASSIGN_OR_RETURN(std::int64_t pool_id, FindOrCreatePool(c, row.site, row.gpu_type, now, &created));
    ST_ASSIGN_OR_RETURN(std::int64_t id, InsertCapacity(c, actor, pool_id, row, now));
    ST_RETURN_IF_ERROR(CheckFleetAfterChange(c, before, [](std::int64_t, std::int32_t) { return std::string("this change"); }));
    out = {id, pool_id, row.day, row.delta_gpus, row.note, actor.username, now};
    nlohmann::json after = {{"site", row.site}, {"gpu_type", row.gpu_type}, {"date", compute::FormatDay(row.day)},
                            {"delta_gpus", row.delta_gpus}, {"note", row.note}};
    return AddAudit(c, actor, "fleet.capacity.add", "capacity:" + std::to_string(id), "", after.dump());
  }));
  return out;
}

Status SqlStore::DeleteCapacityChange(const Actor& actor, std::int64_t id) {
  if (!compute::CanEditFleet(actor.role)) return FleetForbidden(actor);
  return WithTx(true, [&](SqlConn& c) -> Status {
    ST_RETURN_IF_ERROR(LockLedger(c));
    SqlValue p[] = {id};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT f.day, f.delta_gpus, f.note, p.site, p.gpu_type FROM fleet_capacity f "
                                           "JOIN fleet_pools p ON p.id = f.pool_id WHERE f.id = $1",
                                           p));
    if (rows.empty()) return Status::NotFound("capacity change " + std::to_string(id) + " not found");
    ST_ASSIGN_OR_RETURN(auto before, FleetShortfalls(c));
    ST_RETURN_IF_ERROR(c.Exec("DELETE FROM fleet_capacity WHERE id = $1", p));
    ST_RETURN_IF_ERROR(CheckFleetAfterChange(c, before, [&](std::int64_t, std::int32_t) {
      return "removing capacity change " + std::to_string(id);
    }));
    nlohmann::json removed = {{"site", rows[0].Text(3)}, {"gpu_type", rows[0].Text(4)},
                             {"date", compute::FormatDay(static_cast<std::int32_t>(rows[0].Int(0)))},
                             {"delta_gpus", rows[0].Int(1)}, {"note", rows[0].Text(2)}};
    return AddAudit(c, actor, "fleet.capacity.delete", "capacity:" + std::to_string(id), removed.dump(), "");
  });
}

Result<FleetView> SqlStore::GetFleet(const Actor& actor) {
  if (!compute::CanReadCompute(actor.role)) return Status::Forbidden("may not read the fleet");
  FleetView view;
  ST_RETURN_IF_ERROR(WithTx(false, [&](SqlConn& c) -> Status {
    view = {};
    ST_ASSIGN_OR_RETURN(compute::Ledger ledger, LoadLedger(c, ""));
    view.settings = ledger.settings();
    for (const compute::Pool& p : ledger.pools()) {
      FleetPool fp{p.id, p.site, p.gpu_type, ledger.settings().FactorMilli(p.gpu_type)};
      view.pools.push_back(fp);
      view.timelines.push_back({fp, ledger.Timeline(p.id)});
    }
    ST_ASSIGN_OR_RETURN(auto caps, c.Query("SELECT id, pool_id, day, delta_gpus, note, actor, created_at FROM "
                                           "fleet_capacity ORDER BY pool_id, day, id",
                                           {}));
    for (const SqlRow& r : caps)
      view.capacity.push_back({r.Int(0), r.Int(1), static_cast<std::int32_t>(r.Int(2)), r.Int(3), r.Text(4), r.Text(5),
                               r.Int(6)});
    view.shortfalls = ledger.Verify();
    return Status::Ok();
  }));
  return view;
}

Result<LedgerReport> SqlStore::CheckLedger() {
  LedgerReport report;
  ST_RETURN_IF_ERROR(WithTx(false, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(compute::Ledger ledger, LoadLedger(c, ""));
    ST_ASSIGN_OR_RETURN(auto counts,
                        c.Query("SELECT (SELECT COUNT(*) FROM fleet_pools), (SELECT COUNT(*) FROM fleet_capacity), "
                                "(SELECT COUNT(*) FROM compute_promises WHERE state <> 'released')",
                                {}));
    report.pools = counts[0].Int(0);
    report.capacity_changes = counts[0].Int(1);
    report.promises = counts[0].Int(2);
    report.shortfalls = ledger.Verify();
    return Status::Ok();
  }));
  return report;
}

Result<std::vector<PromiseRecord>> SqlStore::ListPromises(const Actor& actor, std::int64_t person_id) {
  if (!compute::CanReadCompute(actor.role)) return Status::Forbidden("may not read compute promises");
  std::vector<PromiseRecord> out;
  ST_RETURN_IF_ERROR(WithTx(false, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(compute::ComputeSettings settings, LoadComputeSettings(c));
    SqlValue p[] = {person_id};
    ST_ASSIGN_OR_RETURN(
        auto rows,
        c.Query("SELECT c.id, c.offer_id, COALESCE(c.person_id, 0), COALESCE(pe.name, ''), c.pool_id, fp.site, "
                "c.requested_site, fp.gpu_type, c.gpus, c.start_day, c.end_day, c.state, c.note, c.updated_at "
                "FROM compute_promises c JOIN fleet_pools fp ON fp.id = c.pool_id "
                "LEFT JOIN people pe ON pe.id = c.person_id WHERE ($1 = 0 OR c.person_id = $1) "
                "ORDER BY c.updated_at DESC, c.id DESC",
                p));
    for (const SqlRow& r : rows) {
      PromiseRecord pr;
      pr.id = r.Int(0);
      pr.offer_id = r.Int(1);
      pr.person_id = r.Int(2);
      pr.person_name = r.Text(3);
      pr.pool_id = r.Int(4);
      pr.site = r.Text(5);
      pr.requested_site = r.Text(6);
      pr.gpu_type = r.Text(7);
      pr.gpus = r.Int(8);
      pr.h100_eq_milli = pr.gpus * settings.FactorMilli(pr.gpu_type);
      pr.start_day = static_cast<std::int32_t>(r.Int(9));
      pr.end_day = static_cast<std::int32_t>(r.Int(10));
      pr.state = compute::ParsePromiseState(r.Text(11)).value_or(PromiseState::kReleased);
      pr.note = r.Text(12);
      pr.updated_at = r.Int(13);
      out.push_back(std::move(pr));
    }
    return Status::Ok();
  }));
  return out;
}

Result<ComputePerResearcher> SqlStore::GetComputePerResearcher(const Actor& actor, std::int32_t day) {
  if (!compute::CanReadCompute(actor.role)) return Status::Forbidden("may not read compute");
  ComputePerResearcher out;
  out.day = day;
  ST_RETURN_IF_ERROR(WithTx(false, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(compute::Ledger ledger, LoadLedger(c, ""));
    SqlValue d[] = {std::int64_t{day}};
    ST_ASSIGN_OR_RETURN(auto staff, c.Query("SELECT COUNT(*) FROM staff WHERE is_research = 1 AND "
                                            "(start_day = 0 OR start_day <= $1)",
                                            d));
    out.research_staff = staff[0].Int(0);
    // Accepted candidates: people holding a committed promise or an accepted
    // reporting line (each counted once).
    ST_ASSIGN_OR_RETURN(auto accepted,
                        c.Query("SELECT COUNT(*) FROM (SELECT person_id FROM compute_promises WHERE state = "
                                "'committed' AND person_id IS NOT NULL UNION SELECT person_id FROM team_reports "
                                "WHERE person_id IS NOT NULL) x",
                                {}));
    out.accepted_candidates = accepted[0].Int(0);
    for (const compute::Pool& p : ledger.pools()) {
      const std::int64_t f = ledger.settings().FactorMilli(p.gpu_type);
      const compute::TimelineStep* at = nullptr;
      const auto steps = ledger.Timeline(p.id);
      for (const compute::TimelineStep& s : steps)
        if (s.day <= day) at = &s;
      if (at == nullptr) continue;
      out.capacity_h100_milli += at->capacity * f;
      out.promised_h100_milli += (at->reserved + at->committed) * f;
      out.committed_h100_milli += at->committed * f;
    }
    return Status::Ok();
  }));
  const std::int64_t heads = out.research_staff + out.accepted_candidates;
  if (heads > 0) {
    out.per_researcher_milli = out.committed_h100_milli / heads;
    out.capacity_per_researcher_milli = out.capacity_h100_milli / heads;
  }
  return out;
}

// ---- personal data

Status SqlStore::AddComputeToExport(std::int64_t person_id, std::string& doc) {
  const Actor system{0, "system", campaign::Role::kCeo, ""};
  ST_ASSIGN_OR_RETURN(auto promises, ListPromises(system, person_id));
  nlohmann::json j = nlohmann::json::parse(doc, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return Status::Internal("person export is not a JSON object");
  nlohmann::json list = nlohmann::json::array();
  for (const PromiseRecord& p : promises)
    list.push_back({{"offer_id", p.offer_id},
                    {"site", p.site},
                    {"requested_site", p.requested_site},
                    {"gpu_type", p.gpu_type},
                    {"gpus", p.gpus},
                    {"start", compute::FormatDay(p.start_day)},
                    {"end", p.end_day == 0 ? std::string() : compute::FormatDay(p.end_day)},
                    {"state", compute::PromiseStateName(p.state)},
                    {"note", p.note}});
  j["compute_promises"] = std::move(list);
  SqlValue q[] = {person_id};
  nlohmann::json lines = nlohmann::json::array();
  ST_RETURN_IF_ERROR(WithConn([&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT offer_id, manager_staff_id FROM team_reports WHERE person_id = $1", q));
    for (const SqlRow& r : rows) lines.push_back({{"offer_id", r.Int(0)}, {"reports_to_staff_id", r.Int(1)}});
    return Status::Ok();
  }));
  j["reporting_lines"] = std::move(lines);
  doc = j.dump(2);
  return Status::Ok();
}

Status SqlStore::DetachComputeFromPerson(SqlConn& c, std::int64_t person_id) {
  SqlValue p[] = {person_id};
  ST_RETURN_IF_ERROR(c.Exec("UPDATE compute_promises SET person_id = NULL WHERE person_id = $1", p));
  return c.Exec("UPDATE team_reports SET person_id = NULL WHERE person_id = $1", p);
}

// ---- reporting lines of accepted offers

Result<int> SqlStore::DirectReports(SqlConn& c, std::int64_t manager_staff_id) {
  SqlValue p[] = {manager_staff_id};
  ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT (SELECT COUNT(*) FROM staff WHERE manager_staff_id = $1) + "
                                         "(SELECT COUNT(*) FROM team_reports WHERE manager_staff_id = $1)",
                                         p));
  return static_cast<int>(rows[0].Int(0));
}

Status SqlStore::AcceptReportingLine(SqlConn& c, std::int64_t offer_id, std::int64_t person_id,
                                     std::int64_t manager_staff_id) {
  SqlValue m[] = {manager_staff_id};
  ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT id FROM staff WHERE id = $1", m));
  if (rows.empty())
    return Status::InvalidInput("team.reports_to: staff " + std::to_string(manager_staff_id) + " not found");
  ST_RETURN_IF_ERROR(DropReportingLine(c, offer_id));
  SqlValue p[] = {offer_id, person_id > 0 ? SqlValue(person_id) : SqlValue(), manager_staff_id, Now()};
  return c.Exec("INSERT INTO team_reports (offer_id, person_id, manager_staff_id, created_at) VALUES ($1,$2,$3,$4)",
                p);
}

Status SqlStore::DropReportingLine(SqlConn& c, std::int64_t offer_id) {
  SqlValue p[] = {offer_id};
  return c.Exec("DELETE FROM team_reports WHERE offer_id = $1", p);
}

}  // namespace st::store
