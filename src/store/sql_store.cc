// Pool, transactions, feeds and the dashboard of SqlStore. Users live in
// sql_store_users.cc, people in sql_store_people.cc, export/erase in
// sql_store_privacy.cc.
#include "store/sql_store.h"

#include <algorithm>
#include <chrono>
#include <map>

#include "store/migrations.h"

namespace st::store {

using campaign::HasPermission;
using campaign::Permission;

SqlStore::SqlStore(Dialect dialect, ConnFactory factory, StoreOptions options)
    : dialect_(dialect), factory_(std::move(factory)), options_(std::move(options)) {
  if (!options_.clock)
    options_.clock = [] {
      return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
    };
  options_.max_connections = std::max(1, options_.max_connections);
}

SqlStore::~SqlStore() = default;

Result<std::unique_ptr<SqlStore>> SqlStore::Open(Dialect dialect, ConnFactory factory, StoreOptions options) {
  std::unique_ptr<SqlStore> store(new SqlStore(dialect, std::move(factory), std::move(options)));
  ST_ASSIGN_OR_RETURN(std::unique_ptr<SqlConn> conn, store->Acquire());
  Status s = RunMigrations(*conn, store->Now());
  store->Release(std::move(conn));
  ST_RETURN_IF_ERROR(s);
  return store;
}

std::string_view SqlStore::Backend() const { return dialect_ == Dialect::kSqlite ? "sqlite" : "postgresql"; }

Result<std::unique_ptr<SqlConn>> SqlStore::Acquire() {
  {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !idle_.empty() || open_ < options_.max_connections; });
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      return conn;
    }
    ++open_;  // reserve the slot before connecting outside the lock
  }
  auto conn = factory_();
  if (!conn.ok()) {
    std::lock_guard lock(mu_);
    --open_;
    cv_.notify_one();
  }
  return conn;
}

void SqlStore::Release(std::unique_ptr<SqlConn> conn) {
  std::lock_guard lock(mu_);
  if (conn && conn->healthy()) idle_.push_back(std::move(conn));
  else --open_;  // a broken connection is dropped; the next Acquire reconnects
  cv_.notify_one();
}

Status SqlStore::WithTx(bool write, const TxFn& fn) { return write ? GroupCommit(fn) : RunTx(false, fn); }

Status SqlStore::RunTx(bool write, const TxFn& body, bool* commit_unknown) {
  const char* begin = dialect_ == Dialect::kSqlite
                          ? (write ? "BEGIN IMMEDIATE" : "BEGIN")
                          : (write ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  // One retry when BEGIN fails on a pooled connection that died (e.g. the
  // PostgreSQL server restarted): nothing has run yet, so retrying is safe.
  for (int attempt = 0;; ++attempt) {
    ST_ASSIGN_OR_RETURN(std::unique_ptr<SqlConn> conn, Acquire());
    // Through Exec, not ExecScript: the statement is prepared once per
    // connection and cached (SQLite), which matters at 10k reads/s.
    Status s = conn->Exec(begin, {});
    if (!s.ok()) {
      bool retry = !conn->healthy() && attempt == 0;
      Release(std::move(conn));
      if (retry) continue;
      return s;
    }
    s = body(*conn);
    if (s.ok()) {
      s = conn->Exec("COMMIT", {});
      if (!s.ok() && commit_unknown != nullptr) *commit_unknown = !conn->healthy();
      if (!s.ok()) (void)conn->Exec("ROLLBACK", {});
    } else {
      // SQLite may already have rolled back (e.g. SQLITE_FULL); the error of
      // a second ROLLBACK is expected then and ignored.
      (void)conn->Exec("ROLLBACK", {});
    }
    Release(std::move(conn));
    return s;
  }
}

Status SqlStore::WithConn(const std::function<Status(SqlConn&)>& fn) {
  ST_ASSIGN_OR_RETURN(std::unique_ptr<SqlConn> conn, Acquire());
  Status s = fn(*conn);
  Release(std::move(conn));
  return s;
}

Result<int> SqlStore::SchemaVersion() {
  int version = 0;
  ST_RETURN_IF_ERROR(WithTx(false, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(version, AppliedSchemaVersion(c));
    return Status::Ok();
  }));
  return version;
}

Status SqlStore::CheckIntegrity() {
  return WithTx(false, [&](SqlConn& c) -> Status {
    if (dialect_ == Dialect::kSqlite) {
      ST_ASSIGN_OR_RETURN(auto rows, c.Query("PRAGMA integrity_check", {}));
      if (rows.empty() || rows[0].Text(0) != "ok")
        return Status::Corruption("integrity_check: " + (rows.empty() ? std::string("no answer") : rows[0].Text(0)));
      ST_ASSIGN_OR_RETURN(auto fk, c.Query("PRAGMA foreign_key_check", {}));
      if (!fk.empty()) return Status::Corruption("foreign_key_check: dangling reference in " + fk[0].Text(0));
      return Status::Ok();
    }
    // PostgreSQL checks its own pages (checksums, WAL replay); here every
    // table is read in full so a damaged heap page would surface as an error.
    for (const char* table : {"users", "sessions", "organisations", "people", "person_topics", "person_tags",
                              "stage_history", "notes", "activities", "audit_log",
                              // ---- compute ledger + staff
                              "fleet_pools", "fleet_capacity", "compute_promises", "staff", "team_reports"}) {
      ST_ASSIGN_OR_RETURN(auto rows, c.Query(std::string("SELECT count(*) FROM ") + table, {}));
      (void)rows;
    }
    ST_ASSIGN_OR_RETURN(auto orphans,
                        c.Query("SELECT count(*) FROM people p LEFT JOIN organisations o ON o.id = p.org_id "
                                "WHERE p.org_id IS NOT NULL AND o.id IS NULL",
                                {}));
    if (orphans[0].Int(0) != 0) return Status::Corruption("people reference missing organisations");
    return Status::Ok();
  });
}

Status SqlStore::AddActivity(SqlConn& c, const Actor& a, std::string_view kind, std::int64_t person_id,
                             const std::string& summary) {
  if (dialect_ == Dialect::kPostgres) {
    // Live clients poll "activities after id N". PostgreSQL hands out identity
    // values before commit, so without this lock a slow transaction could
    // commit id 41 after a reader already saw 42 and skipped past it. The lock
    // is held to commit, making id order = commit order.
    ST_RETURN_IF_ERROR(c.ExecScript("SELECT pg_advisory_xact_lock(7400002)"));
  }
  SqlValue p[] = {Now(), a.user_id, a.username, std::string(kind), person_id, summary};
  return c.Exec("INSERT INTO activities (at, user_id, actor, kind, person_id, summary) VALUES ($1,$2,$3,$4,$5,$6)", p);
}

Status SqlStore::AddAudit(SqlConn& c, const Actor& a, std::string_view action, const std::string& target,
                          const std::string& before_json, const std::string& after_json) {
  SqlValue p[] = {Now(), a.user_id, a.username.empty() ? std::string("system") : a.username, std::string(action),
                  target, before_json, after_json, a.ip};
  return c.Exec(
      "INSERT INTO audit_log (at, user_id, actor, action, target, before_json, after_json, ip) "
      "VALUES ($1,$2,$3,$4,$5,$6,$7,$8)",
      p);
}

Result<std::vector<Activity>> SqlStore::ListActivities(std::int64_t after_id, int limit) {
  limit = std::clamp(limit, 1, 1000);
  std::vector<Activity> out;
  ST_RETURN_IF_ERROR(WithConn([&](SqlConn& c) -> Status {
    SqlValue p[] = {after_id, std::int64_t{limit}};
    ST_ASSIGN_OR_RETURN(auto rows,
                        c.Query("SELECT a.id, a.at, a.user_id, a.actor, a.kind, a.person_id, COALESCE(p.name, ''), "
                                "a.summary FROM activities a LEFT JOIN people p ON p.id = a.person_id "
                                "WHERE a.id > $1 ORDER BY a.id DESC LIMIT $2",
                                p));
    for (const SqlRow& r : rows)
      out.push_back({r.Int(0), r.Int(1), r.Int(2), r.Text(3), r.Text(4), r.Int(5), r.Text(6), r.Text(7)});
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<AuditEntry>> SqlStore::ListAudit(const Actor& actor, std::int64_t before_id, int limit) {
  if (!HasPermission(actor.role, Permission::kReadAudit))
    return Status::Forbidden("role " + std::string(campaign::RoleName(actor.role)) + " may not read the audit log");
  limit = std::clamp(limit, 1, 1000);
  std::vector<AuditEntry> out;
  ST_RETURN_IF_ERROR(WithConn([&](SqlConn& c) -> Status {
    SqlValue p[] = {before_id, std::int64_t{limit}};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT id, at, user_id, actor, action, target, before_json, after_json, ip "
                                           "FROM audit_log WHERE ($1 = 0 OR id < $1) ORDER BY id DESC LIMIT $2",
                                           p));
    for (const SqlRow& r : rows)
      out.push_back({r.Int(0), r.Int(1), r.Int(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6), r.Text(7), r.Text(8)});
    return Status::Ok();
  }));
  return out;
}

namespace {

int StageIndex(const std::string& name) {
  auto s = campaign::ParseStage(name);
  return s ? static_cast<int>(*s) : -1;
}

void Count(StageCounts& counts, const std::string& stage, std::int64_t n) {
  int i = StageIndex(stage);
  if (i >= 0) counts.by_stage[i] += n;
  counts.total += n;
}

std::vector<std::pair<std::string, StageCounts>> TopGroups(const std::vector<SqlRow>& rows, int top_n) {
  std::map<std::string, StageCounts> groups;
  for (const SqlRow& r : rows) Count(groups[r.Text(0)], r.Text(1), r.Int(2));
  std::vector<std::pair<std::string, StageCounts>> out(groups.begin(), groups.end());
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second.total > b.second.total; });
  if (top_n > 0 && static_cast<int>(out.size()) > top_n) out.resize(top_n);
  return out;
}

}  // namespace

Result<Dashboard> SqlStore::GetDashboard(int top_n) {
  Dashboard d;
  d.week_since = Now() - 7 * 24 * 3600;
  ST_RETURN_IF_ERROR(WithTx(false, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(auto funnel, c.Query("SELECT stage, COUNT(*) FROM people GROUP BY stage", {}));
    for (const SqlRow& r : funnel) Count(d.funnel, r.Text(0), r.Int(1));
    ST_ASSIGN_OR_RETURN(auto orgs, c.Query("SELECT o.name, p.stage, COUNT(*) FROM people p JOIN organisations o "
                                           "ON o.id = p.org_id GROUP BY o.name, p.stage",
                                           {}));
    d.by_org = TopGroups(orgs, top_n);
    ST_ASSIGN_OR_RETURN(auto topics, c.Query("SELECT t.topic, p.stage, COUNT(*) FROM person_topics t JOIN people p "
                                             "ON p.id = t.person_id GROUP BY t.topic, p.stage",
                                             {}));
    d.by_topic = TopGroups(topics, top_n);
    SqlValue since[] = {d.week_since};
    ST_ASSIGN_OR_RETURN(auto moves, c.Query("SELECT to_stage, COUNT(*) FROM stage_history WHERE at >= $1 AND "
                                            "from_stage IS NOT NULL GROUP BY to_stage",
                                            since));
    for (const SqlRow& r : moves) {
      int i = StageIndex(r.Text(0));
      if (i >= 0) d.moves_week[i] += r.Int(1);
    }
    ST_ASSIGN_OR_RETURN(auto added, c.Query("SELECT COUNT(*) FROM people WHERE created_at >= $1", since));
    d.added_week = added[0].Int(0);
    ST_ASSIGN_OR_RETURN(auto owners, c.Query("SELECT COALESCE(p.owner_user_id, 0), p.stage, COUNT(*), "
                                             "COALESCE(u.username, ''), COALESCE(u.display_name, ''), "
                                             "COALESCE(u.role, 'viewer'), COALESCE(u.disabled, 0) FROM people p "
                                             "LEFT JOIN users u ON u.id = p.owner_user_id "
                                             "GROUP BY p.owner_user_id, p.stage, u.username, u.display_name, "
                                             "u.role, u.disabled ORDER BY 1",
                                             {}));
    for (const SqlRow& r : owners) {
      if (d.by_owner.empty() || d.by_owner.back().first.id != r.Int(0)) {
        User u;
        u.id = r.Int(0);
        u.username = r.Text(3);
        u.display_name = r.Text(4);
        u.role = campaign::ParseRole(r.Text(5)).value_or(campaign::Role::kViewer);
        u.disabled = r.Int(6) != 0;
        d.by_owner.push_back({u, StageCounts{}});
      }
      Count(d.by_owner.back().second, r.Text(1), r.Int(2));
    }
    std::stable_sort(d.by_owner.begin(), d.by_owner.end(),
                     [](const auto& a, const auto& b) { return a.second.total > b.second.total; });
    return Status::Ok();
  }));
  return d;
}

}  // namespace st::store
