#include "store/migrations.h"

#include <string>
#include <vector>

namespace st::store {
namespace {

struct Migration {
  int version;
  const char* name;
  std::vector<const char*> statements;  // "{ID}" becomes the back end's auto-increment key
};

// Append only: a released migration is never edited, a change is a new one.
// Times are unix seconds (BIGINT) and flags 0/1 integers so one SQL text fits
// both back ends.
const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> kMigrations = {
      {1,
       "users, sessions, organisations, people, history, notes, tags, activities, audit",
       {
           "CREATE TABLE users (id {ID}, username TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL, "
           "role TEXT NOT NULL, password_hash TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0, "
           "created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)",
           "CREATE TABLE sessions (id {ID}, token_hash TEXT NOT NULL UNIQUE, "
           "user_id BIGINT NOT NULL REFERENCES users(id), csrf_token TEXT NOT NULL, created_at BIGINT NOT NULL, "
           "last_seen BIGINT NOT NULL, expires_at BIGINT NOT NULL, revoked_at BIGINT)",
           "CREATE INDEX sessions_user ON sessions(user_id)",
           "CREATE TABLE organisations (id {ID}, name TEXT NOT NULL UNIQUE, created_at BIGINT NOT NULL)",
           "CREATE TABLE people (id {ID}, name TEXT NOT NULL, kind TEXT NOT NULL, author_id BIGINT UNIQUE, "
           "author_source_id TEXT NOT NULL DEFAULT '', org_id BIGINT REFERENCES organisations(id), "
           "title TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '', "
           "city TEXT NOT NULL DEFAULT '', summary TEXT NOT NULL DEFAULT '', "
           "m_citations BIGINT, m_h_index BIGINT, m_recent_citations BIGINT, m_score DOUBLE PRECISION, "
           "owner_user_id BIGINT REFERENCES users(id), stage TEXT NOT NULL, version BIGINT NOT NULL, "
           "created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, "
           "comp_current_base BIGINT, comp_current_equity BIGINT, comp_expected_total BIGINT, "
           "comp_currency TEXT, comp_notes TEXT)",
           "CREATE INDEX people_stage ON people(stage)",
           "CREATE INDEX people_owner ON people(owner_user_id)",
           "CREATE INDEX people_org ON people(org_id)",
           "CREATE INDEX people_updated ON people(updated_at)",
           "CREATE TABLE person_topics (person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE, "
           "position INTEGER NOT NULL, topic TEXT NOT NULL, PRIMARY KEY (person_id, position))",
           "CREATE INDEX person_topics_topic ON person_topics(topic)",
           "CREATE TABLE person_tags (person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE, "
           "tag TEXT NOT NULL, PRIMARY KEY (person_id, tag))",
           "CREATE INDEX person_tags_tag ON person_tags(tag)",
           "CREATE TABLE stage_history (id {ID}, person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE, "
           "from_stage TEXT, to_stage TEXT NOT NULL, at BIGINT NOT NULL, user_id BIGINT NOT NULL, "
           "actor TEXT NOT NULL, note TEXT NOT NULL DEFAULT '')",
           "CREATE INDEX stage_history_person ON stage_history(person_id)",
           "CREATE INDEX stage_history_at ON stage_history(at)",
           "CREATE TABLE notes (id {ID}, person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE, "
           "body TEXT NOT NULL, user_id BIGINT NOT NULL, actor TEXT NOT NULL, at BIGINT NOT NULL)",
           "CREATE INDEX notes_person ON notes(person_id)",
           // No foreign key to people: the feed outlives an erased person
           // (one "person_erased" entry), and person_id 0 means "none".
           "CREATE TABLE activities (id {ID}, at BIGINT NOT NULL, user_id BIGINT NOT NULL, actor TEXT NOT NULL, "
           "kind TEXT NOT NULL, person_id BIGINT NOT NULL, summary TEXT NOT NULL)",
           "CREATE INDEX activities_person ON activities(person_id)",
           "CREATE TABLE audit_log (id {ID}, at BIGINT NOT NULL, user_id BIGINT NOT NULL, actor TEXT NOT NULL, "
           "action TEXT NOT NULL, target TEXT NOT NULL, before_json TEXT NOT NULL, after_json TEXT NOT NULL, "
           "ip TEXT NOT NULL)",
           "CREATE INDEX audit_target ON audit_log(target)",
       }},
      {2,
       "people.notes_count: the candidate page's note total without counting the notes on every read",
       {
           "ALTER TABLE people ADD COLUMN notes_count BIGINT NOT NULL DEFAULT 0",
           "UPDATE people SET notes_count = (SELECT COUNT(*) FROM notes WHERE notes.person_id = people.id)",
       }},
      {3,
       "campaign_settings: one JSON object per capability key, versioned, edited by the ceo",
       {
           "CREATE TABLE campaign_settings (key TEXT PRIMARY KEY, value_json TEXT NOT NULL, version BIGINT NOT NULL, "
           "updated_at BIGINT NOT NULL, updated_by TEXT NOT NULL)",
       }},
  };
  return kMigrations;
}

std::string ForDialect(const char* sql, Dialect d) {
  std::string s(sql);
  const std::string id = d == Dialect::kSqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT"
                                               : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
  for (size_t pos; (pos = s.find("{ID}")) != std::string::npos;) s.replace(pos, 4, id);
  return s;
}

Status Begin(SqlConn& conn) {
  if (conn.dialect() == Dialect::kSqlite) return conn.ExecScript("BEGIN IMMEDIATE");
  ST_RETURN_IF_ERROR(conn.ExecScript("BEGIN"));
  // Two servers starting at once must not both apply migration N.
  return conn.ExecScript("SELECT pg_advisory_xact_lock(7400001)");
}

}  // namespace

int LatestSchemaVersion() { return Migrations().back().version; }

Result<int> AppliedSchemaVersion(SqlConn& conn) {
  ST_ASSIGN_OR_RETURN(auto rows, conn.Query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {}));
  return static_cast<int>(rows.empty() ? 0 : rows[0].Int(0));
}

namespace {

Result<bool> IsApplied(SqlConn& conn, int version) {
  SqlValue p[] = {std::int64_t{version}};
  ST_ASSIGN_OR_RETURN(auto rows, conn.Query("SELECT 1 FROM schema_migrations WHERE version = $1", p));
  return !rows.empty();
}

// True when every migration of this build is recorded: the common case of every open, answered with one
// query and no lock (PostgreSQL opens took a transaction and an advisory lock per migration before).
bool AllApplied(SqlConn& conn) {
  auto rows = conn.Query("SELECT COUNT(*), COALESCE(MAX(version), 0) FROM schema_migrations", {});
  if (!rows.ok() || rows->empty()) return false;  // no table yet
  return (*rows)[0].Int(0) == static_cast<std::int64_t>(Migrations().size()) &&
         (*rows)[0].Int(1) == LatestSchemaVersion();
}

}  // namespace

// Each migration is applied when its own version is not recorded (not merely when it is above the highest
// recorded one), so a store that misses one in the middle gets exactly that one.
Status RunMigrations(SqlConn& conn, std::int64_t now) {
  if (AllApplied(conn)) return Status::Ok();
  for (const Migration& m : Migrations()) {
    ST_RETURN_IF_ERROR(Begin(conn));
    // Under the lock: two PostgreSQL sessions racing on CREATE TABLE IF NOT
    // EXISTS can both try to create it, and another process may have applied
    // this migration meanwhile.
    Status s = conn.ExecScript(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at BIGINT NOT NULL)");
    Result<int> newest = s.ok() ? AppliedSchemaVersion(conn) : Result<int>(s);
    if (s.ok()) s = newest.ok() ? Status::Ok() : newest.status();
    if (s.ok() && *newest > LatestSchemaVersion())
      s = Status::Corruption("store schema version " + std::to_string(*newest) +
                             " is newer than this build knows (" + std::to_string(LatestSchemaVersion()) + ")");
    Result<bool> applied = s.ok() ? IsApplied(conn, m.version) : Result<bool>(s);
    if (s.ok()) s = applied.ok() ? Status::Ok() : applied.status();
    if (s.ok() && !*applied) {
      for (const char* stmt : m.statements) {
        s = conn.ExecScript(ForDialect(stmt, conn.dialect()));
        if (!s.ok()) {
          s = Status(s.code(), "migration " + std::to_string(m.version) + ": " + s.message());
          break;
        }
      }
      if (s.ok()) {
        SqlValue params[] = {std::int64_t{m.version}, std::string(m.name), now};
        s = conn.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", params);
      }
    }
    if (!s.ok()) {
      (void)conn.ExecScript("ROLLBACK");
      return s;
    }
    ST_RETURN_IF_ERROR(conn.ExecScript("COMMIT"));
  }
  return Status::Ok();
}

}  // namespace st::store
