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
      {4,
       "offers: offers, immutable offer versions, approvals, candidate links, outcomes (issue 10)",
       {
           // One row per offer; the row version is the optimistic-concurrency version.
           "CREATE TABLE offers (id {ID}, person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE, "
           "state TEXT NOT NULL, current_version INTEGER NOT NULL, sent_version INTEGER NOT NULL DEFAULT 0, "
           "row_version BIGINT NOT NULL, created_by BIGINT NOT NULL, created_at BIGINT NOT NULL, "
           "updated_at BIGINT NOT NULL, decided_at BIGINT NOT NULL DEFAULT 0)",
           "CREATE INDEX offers_person ON offers(person_id)",
           "CREATE INDEX offers_state ON offers(state)",
           // A version is never updated once written: an edit writes the next one.
           "CREATE TABLE offer_versions (offer_id BIGINT NOT NULL REFERENCES offers(id) ON DELETE CASCADE, "
           "version INTEGER NOT NULL, terms_json TEXT NOT NULL, in_band INTEGER NOT NULL, band_reason TEXT NOT NULL, "
           "chain_json TEXT NOT NULL, over_report_cap INTEGER NOT NULL, report_cap_note TEXT NOT NULL, "
           "created_by TEXT NOT NULL, created_at BIGINT NOT NULL, PRIMARY KEY (offer_id, version))",
           "CREATE TABLE offer_approvals (id {ID}, offer_id BIGINT NOT NULL REFERENCES offers(id) ON DELETE CASCADE, "
           "version INTEGER NOT NULL, step INTEGER NOT NULL, user_id BIGINT NOT NULL, username TEXT NOT NULL, "
           "role TEXT NOT NULL, at BIGINT NOT NULL, note TEXT NOT NULL, voided_at BIGINT NOT NULL DEFAULT 0)",
           "CREATE INDEX offer_approvals_offer ON offer_approvals(offer_id, version)",
           // The candidate link: only the SHA-256 of the 256-bit token is kept.
           "CREATE TABLE offer_links (id {ID}, offer_id BIGINT NOT NULL REFERENCES offers(id) ON DELETE CASCADE, "
           "version INTEGER NOT NULL, token_hash TEXT NOT NULL UNIQUE, created_at BIGINT NOT NULL, "
           "expires_at BIGINT NOT NULL, revoked_at BIGINT NOT NULL DEFAULT 0, visits BIGINT NOT NULL DEFAULT 0)",
           "CREATE INDEX offer_links_offer ON offer_links(offer_id)",
           // Outcomes for the acceptance model: features + outcome. No foreign
           // key: erasing a person keeps the anonymous row (person_id NULL).
           "CREATE TABLE offer_outcomes (id {ID}, offer_id BIGINT NOT NULL, person_id BIGINT, version INTEGER NOT NULL, "
           "outcome TEXT NOT NULL, at BIGINT NOT NULL, features_json TEXT NOT NULL)",
           "CREATE INDEX offer_outcomes_person ON offer_outcomes(person_id)",
       }},
      {5,
       "compute ledger (fleet pools, capacity changes, compute promises) and staff with managers",
       {
           "CREATE TABLE fleet_pools (id {ID}, site TEXT NOT NULL, gpu_type TEXT NOT NULL, "
           "created_at BIGINT NOT NULL, UNIQUE (site, gpu_type))",
           // Days are days since 1970-01-01; delta > 0 adds GPUs, < 0 retires them.
           "CREATE TABLE fleet_capacity (id {ID}, pool_id BIGINT NOT NULL REFERENCES fleet_pools(id), "
           "day INTEGER NOT NULL, delta_gpus BIGINT NOT NULL, note TEXT NOT NULL DEFAULT '', "
           "user_id BIGINT NOT NULL, actor TEXT NOT NULL, created_at BIGINT NOT NULL)",
           "CREATE INDEX fleet_capacity_pool ON fleet_capacity(pool_id, day)",
           // One row per offer (replaced on re-reservation); person_id NULL once erased;
           // end_day 0 = open-ended; state reserved | committed | released.
           "CREATE TABLE compute_promises (id {ID}, offer_id BIGINT NOT NULL UNIQUE, person_id BIGINT, "
           "pool_id BIGINT NOT NULL REFERENCES fleet_pools(id), requested_site TEXT NOT NULL, "
           "gpus BIGINT NOT NULL, start_day INTEGER NOT NULL, end_day INTEGER NOT NULL, state TEXT NOT NULL, "
           "note TEXT NOT NULL DEFAULT '', created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)",
           "CREATE INDEX compute_promises_pool ON compute_promises(pool_id, state)",
           "CREATE INDEX compute_promises_person ON compute_promises(person_id)",
           "CREATE TABLE staff (id {ID}, name TEXT NOT NULL, email TEXT NOT NULL DEFAULT '', "
           "title TEXT NOT NULL DEFAULT '', team TEXT NOT NULL DEFAULT '', "
           "manager_staff_id BIGINT REFERENCES staff(id), is_research INTEGER NOT NULL DEFAULT 0, "
           "start_day INTEGER NOT NULL DEFAULT 0, version BIGINT NOT NULL, created_at BIGINT NOT NULL, "
           "updated_at BIGINT NOT NULL)",
           "CREATE INDEX staff_manager ON staff(manager_staff_id)",
           // Accepted offers' reporting lines (the offers code records them on accept).
           "CREATE TABLE team_reports (offer_id BIGINT PRIMARY KEY, person_id BIGINT, "
           "manager_staff_id BIGINT NOT NULL REFERENCES staff(id), created_at BIGINT NOT NULL)",
           "CREATE INDEX team_reports_manager ON team_reports(manager_staff_id)",
       }},
      {6,
       "outreach: mailboxes (password sealed with a key outside the database), drafts with versions, threads, "
       "messages (the outbox), suppression list",
       {
           "CREATE TABLE outreach_mailboxes (id {ID}, user_id BIGINT NOT NULL UNIQUE REFERENCES users(id), "
           "display_name TEXT NOT NULL, address TEXT NOT NULL, reply_to TEXT NOT NULL DEFAULT '', "
           "transport TEXT NOT NULL, smtp_url TEXT NOT NULL DEFAULT '', imap_url TEXT NOT NULL DEFAULT '', "
           "username TEXT NOT NULL DEFAULT '', password_sealed TEXT NOT NULL DEFAULT '', "
           "ca_file TEXT NOT NULL DEFAULT '', maildir TEXT NOT NULL DEFAULT '', "
           "imap_uid_validity BIGINT NOT NULL DEFAULT 0, imap_last_uid BIGINT NOT NULL DEFAULT 0, "
           "last_error TEXT NOT NULL DEFAULT '', last_error_at BIGINT NOT NULL DEFAULT 0, "
           "version BIGINT NOT NULL, updated_at BIGINT NOT NULL)",
           "CREATE TABLE outreach_threads (id {ID}, person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE, "
           "mailbox_id BIGINT NOT NULL REFERENCES outreach_mailboxes(id), to_address TEXT NOT NULL, "
           "to_name TEXT NOT NULL, state TEXT NOT NULL, stop_reason TEXT NOT NULL DEFAULT '', "
           "time_zone TEXT NOT NULL, follow_ups_queued INTEGER NOT NULL DEFAULT 0, first_subject TEXT NOT NULL, "
           "started_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)",
           "CREATE INDEX outreach_threads_person ON outreach_threads(person_id)",
           "CREATE INDEX outreach_threads_state ON outreach_threads(state)",
           "CREATE TABLE outreach_drafts (id {ID}, person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE, "
           "kind TEXT NOT NULL, thread_id BIGINT REFERENCES outreach_threads(id) ON DELETE CASCADE, "
           "subject TEXT NOT NULL, body TEXT NOT NULL, status TEXT NOT NULL, version BIGINT NOT NULL, "
           "created_by TEXT NOT NULL, updated_by TEXT NOT NULL, created_at BIGINT NOT NULL, "
           "updated_at BIGINT NOT NULL, message_id BIGINT NOT NULL DEFAULT 0)",
           "CREATE INDEX outreach_drafts_person ON outreach_drafts(person_id)",
           "CREATE INDEX outreach_drafts_status ON outreach_drafts(status)",
           "CREATE TABLE outreach_draft_versions (draft_id BIGINT NOT NULL REFERENCES outreach_drafts(id) "
           "ON DELETE CASCADE, version BIGINT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL, "
           "actor TEXT NOT NULL, at BIGINT NOT NULL, PRIMARY KEY (draft_id, version))",
           // message_id is unique: an inbound message fetched twice is stored once; ours are random.
           "CREATE TABLE outreach_messages (id {ID}, thread_id BIGINT REFERENCES outreach_threads(id) ON DELETE "
           "CASCADE, person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE, mailbox_id BIGINT NOT NULL, "
           "direction TEXT NOT NULL, channel TEXT NOT NULL, kind TEXT NOT NULL, message_id TEXT, "
           "in_reply_to TEXT NOT NULL DEFAULT '', refs TEXT NOT NULL DEFAULT '', from_address TEXT NOT NULL, "
           "to_address TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL, mime TEXT NOT NULL DEFAULT '', "
           "status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at BIGINT NOT NULL DEFAULT 0, "
           "last_error TEXT NOT NULL DEFAULT '', claim TEXT NOT NULL DEFAULT '', claimed_at BIGINT NOT NULL DEFAULT 0, "
           "created_at BIGINT NOT NULL, sent_at BIGINT NOT NULL DEFAULT 0, approved_by TEXT NOT NULL DEFAULT '', "
           "UNIQUE (message_id))",
           "CREATE INDEX outreach_messages_thread ON outreach_messages(thread_id)",
           "CREATE INDEX outreach_messages_person ON outreach_messages(person_id)",
           "CREATE INDEX outreach_messages_status ON outreach_messages(status, next_attempt_at)",
           // After the person's erasure only the hash stays (address set to NULL): no later campaign can
           // write to them, and nothing readable is kept.
           "CREATE TABLE outreach_suppression (address_hash TEXT PRIMARY KEY, address TEXT, reason TEXT NOT NULL, "
           "at BIGINT NOT NULL)",
       }},
      {8,
       "places and events: locations set by hand (others are derived from the graph), dinners/events and invitations",
       {
           "CREATE TABLE person_locations (person_id BIGINT PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE, "
           "city TEXT NOT NULL, region TEXT NOT NULL, country TEXT NOT NULL, lat DOUBLE PRECISION, "
           "lon DOUBLE PRECISION, tz TEXT NOT NULL, source TEXT NOT NULL, evidence TEXT NOT NULL, "
           "updated_at BIGINT NOT NULL, user_id BIGINT NOT NULL, actor TEXT NOT NULL)",
           "CREATE TABLE events (id {ID}, title TEXT NOT NULL, kind TEXT NOT NULL, place TEXT NOT NULL, "
           "address TEXT NOT NULL, city TEXT NOT NULL, country TEXT NOT NULL, lat DOUBLE PRECISION, "
           "lon DOUBLE PRECISION, tz TEXT NOT NULL, starts_at BIGINT NOT NULL, ends_at BIGINT NOT NULL, "
           "capacity INTEGER NOT NULL, host_user_id BIGINT REFERENCES users(id), notes TEXT NOT NULL, "
           "status TEXT NOT NULL, uid TEXT NOT NULL UNIQUE, sequence INTEGER NOT NULL, version BIGINT NOT NULL, "
           "created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)",
           "CREATE INDEX events_starts ON events(starts_at)",
           "CREATE TABLE event_invites (event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE, "
           "person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE, status TEXT NOT NULL, "
           "dietary TEXT NOT NULL, invited_at BIGINT NOT NULL, responded_at BIGINT, "
           "PRIMARY KEY (event_id, person_id))",
           "CREATE INDEX event_invites_person ON event_invites(person_id)",
       }},
      {9,
       "retention: staff money, equity and graph link; rival offers, counter-offers with approvals, outcomes",
       {
           // The staff member's pay (ceo/hr only) and the link to a talent-graph author (issue 11).
           "ALTER TABLE staff ADD COLUMN author_id TEXT NOT NULL DEFAULT ''",
           "ALTER TABLE staff ADD COLUMN link_confidence DOUBLE PRECISION NOT NULL DEFAULT 0",
           "ALTER TABLE staff ADD COLUMN link_reason TEXT NOT NULL DEFAULT ''",
           "ALTER TABLE staff ADD COLUMN link_state TEXT NOT NULL DEFAULT ''",
           "ALTER TABLE staff ADD COLUMN base_cents BIGINT NOT NULL DEFAULT 0",
           "ALTER TABLE staff ADD COLUMN currency TEXT NOT NULL DEFAULT ''",
           "ALTER TABLE staff ADD COLUMN target_bonus_bp INTEGER NOT NULL DEFAULT 0",
           "ALTER TABLE staff ADD COLUMN last_raise_day INTEGER NOT NULL DEFAULT 0",
           "ALTER TABLE staff ADD COLUMN equity_json TEXT NOT NULL DEFAULT ''",
           "CREATE INDEX staff_email ON staff(email)",
           "CREATE TABLE rival_offers (id {ID}, staff_id BIGINT NOT NULL REFERENCES staff(id) ON DELETE CASCADE, "
           "company TEXT NOT NULL, terms_json TEXT NOT NULL, deadline_day INTEGER NOT NULL, source TEXT NOT NULL, "
           "created_by TEXT NOT NULL, created_at BIGINT NOT NULL)",
           "CREATE INDEX rival_offers_staff ON rival_offers(staff_id)",
           // A counter-offer: offer terms for a staff member, through the offers' approval chain;
           // its compute reservation is the ledger's row keyed -id (offers use +id).
           "CREATE TABLE counter_offers (id {ID}, staff_id BIGINT NOT NULL REFERENCES staff(id) ON DELETE CASCADE, "
           "rival_offer_id BIGINT, state TEXT NOT NULL, terms_version INTEGER NOT NULL, row_version BIGINT NOT NULL, "
           "terms_json TEXT NOT NULL, in_band INTEGER NOT NULL, band_reason TEXT NOT NULL, chain_json TEXT NOT NULL, "
           "note TEXT NOT NULL, created_by TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, "
           "decided_at BIGINT NOT NULL DEFAULT 0)",
           "CREATE INDEX counter_offers_staff ON counter_offers(staff_id)",
           "CREATE TABLE counter_approvals (id {ID}, counter_id BIGINT NOT NULL REFERENCES counter_offers(id) "
           "ON DELETE CASCADE, terms_version INTEGER NOT NULL, step INTEGER NOT NULL, user_id BIGINT NOT NULL, "
           "username TEXT NOT NULL, role TEXT NOT NULL, at BIGINT NOT NULL, note TEXT NOT NULL, "
           "voided_at BIGINT NOT NULL DEFAULT 0)",
           "CREATE INDEX counter_approvals_counter ON counter_approvals(counter_id)",
           // Stayed or left (to whom), kept for the models: staff_id NULL once the person is erased.
           "CREATE TABLE retention_outcomes (id {ID}, staff_id BIGINT, counter_id BIGINT, outcome TEXT NOT NULL, "
           "to_company TEXT NOT NULL, at BIGINT NOT NULL, features_json TEXT NOT NULL)",
       }},
      {10,
       "watch: follows (people and saved searches), graph versions diffed once, alerts per user",
       {
           "CREATE TABLE watch_follows (id {ID}, user_id BIGINT NOT NULL REFERENCES users(id), kind TEXT NOT NULL, "
           "author_key TEXT NOT NULL, label TEXT NOT NULL, search_text TEXT NOT NULL, search_org TEXT NOT NULL, "
           "since_year INTEGER NOT NULL, top_n INTEGER NOT NULL, created_at BIGINT NOT NULL)",
           "CREATE UNIQUE INDEX watch_follows_unique ON watch_follows(user_id, kind, author_key, search_text, "
           "search_org, since_year, top_n)",
           "CREATE TABLE watch_runs (id {ID}, graph_version TEXT NOT NULL UNIQUE, previous_version TEXT NOT NULL, "
           "watched BIGINT NOT NULL, alerts BIGINT NOT NULL, created_at BIGINT NOT NULL)",
           "CREATE TABLE watch_alerts (id {ID}, user_id BIGINT NOT NULL REFERENCES users(id), "
           "run_id BIGINT NOT NULL REFERENCES watch_runs(id), kind TEXT NOT NULL, person_id BIGINT, "
           "follow_id BIGINT, author_key TEXT NOT NULL, subject TEXT NOT NULL, title TEXT NOT NULL, "
           "evidence TEXT NOT NULL, created_at BIGINT NOT NULL, read_at BIGINT, digested_at BIGINT)",
           "CREATE INDEX watch_alerts_user ON watch_alerts(user_id, id)",
           "CREATE INDEX watch_alerts_person ON watch_alerts(person_id)",
       }},
      {11,
       "deals: acqui-hires and investments with the people they bring, every change kept as a version (issue 13)",
       {
           "CREATE TABLE deals (id {ID}, org TEXT NOT NULL, kind TEXT NOT NULL, status TEXT NOT NULL, "
           "price_minor BIGINT NOT NULL, currency TEXT NOT NULL, stake_bp INTEGER NOT NULL, notes TEXT NOT NULL, "
           "version BIGINT NOT NULL, created_by TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)",
           // One row per person the deal is meant to bring: a candidate, a graph author, or both.
           "CREATE TABLE deal_people (deal_id BIGINT NOT NULL REFERENCES deals(id) ON DELETE CASCADE, "
           "line INTEGER NOT NULL, person_id BIGINT REFERENCES people(id) ON DELETE CASCADE, "
           "author_id BIGINT NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL, p_join_permille INTEGER NOT NULL, "
           "retention_minor BIGINT NOT NULL, notes TEXT NOT NULL, PRIMARY KEY (deal_id, line))",
           "CREATE INDEX deal_people_person ON deal_people(person_id)",
           "CREATE INDEX deal_people_author ON deal_people(author_id)",
           // The whole deal after each change; rewritten only by a candidate's erasure.
           "CREATE TABLE deal_versions (deal_id BIGINT NOT NULL REFERENCES deals(id) ON DELETE CASCADE, "
           "version BIGINT NOT NULL, deal_json TEXT NOT NULL, actor TEXT NOT NULL, at BIGINT NOT NULL, "
           "PRIMARY KEY (deal_id, version))",
       }},
      {12,
       "outreach: opt-out link tokens (only their hash), a mailbox's own daily cap and send window",
       {
           // One token per message sent; the row goes with the message (and so with the person's erasure).
           "CREATE TABLE outreach_optout_tokens (token_hash TEXT PRIMARY KEY, message_id BIGINT NOT NULL "
           "REFERENCES outreach_messages(id) ON DELETE CASCADE, person_id BIGINT NOT NULL REFERENCES people(id) "
           "ON DELETE CASCADE, created_at BIGINT NOT NULL, used_at BIGINT NOT NULL DEFAULT 0)",
           "CREATE INDEX outreach_optout_tokens_message ON outreach_optout_tokens(message_id)",
           "CREATE INDEX outreach_optout_tokens_person ON outreach_optout_tokens(person_id)",
           // 0 / -1 = the campaign's "outreach" settings decide.
           "ALTER TABLE outreach_mailboxes ADD COLUMN daily_cap INTEGER NOT NULL DEFAULT 0",
           "ALTER TABLE outreach_mailboxes ADD COLUMN window_start_hour INTEGER NOT NULL DEFAULT -1",
           "ALTER TABLE outreach_mailboxes ADD COLUMN window_end_hour INTEGER NOT NULL DEFAULT -1",
       }},
      {14,
       "event invitations by e-mail: the SEQUENCE last mailed to each invitee (-1: never), so a change or a "
       "cancellation reaches exactly those who were sent the invitation",
       {
           "ALTER TABLE event_invites ADD COLUMN mailed_sequence INTEGER NOT NULL DEFAULT -1",
       }},
      {15,
       "retention: a staff member's graph link also as a stable author key (it survives a new graph version), "
       "so confirmed staff are watched for alerts",
       {
           "ALTER TABLE staff ADD COLUMN author_key TEXT NOT NULL DEFAULT ''",
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
