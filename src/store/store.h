// The campaign's system of record: users, sessions, people, organisations,
// stage history, notes, tags, activities and the audit log, behind one
// interface with two back ends (SqliteStore, PostgresStore; see
// open_store.h — only cli/ picks one).
//
// Contract for every implementation:
//  - Thread-safe: one Store is shared by all server threads (connections are
//    pooled inside).
//  - Every write is one transaction: it happens whole or not at all, and lands
//    in the audit log (who, action, entity, before/after JSON) and, for people,
//    in the activity feed.
//  - Optimistic concurrency: updates carry the version the caller read; if the
//    row changed since, the call fails with kConflict and changes nothing.
//  - Role rules of campaign/ are enforced here too (defence in depth): the
//    Actor's role is checked (kForbidden) and compensation is absent from any
//    person returned to a role that may not see it.
//  - Errors: kNotFound (no such id), kInvalidInput (message names the field),
//    kConflict (stale version, duplicate username / author already in the
//    pipeline), kForbidden, kUnauthenticated (login/session), kResourceExhausted
//    (disk full), kIoError / kCorruption / kInternal (back end failures).
//  - Times are unix seconds UTC, taken from StoreOptions::clock.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "campaign/person.h"
#include "campaign/role.h"
#include "campaign/stage.h"

namespace st::store {

using campaign::Person;
using campaign::PersonPatch;
using campaign::Role;
using campaign::Stage;

// Who is acting; recorded in activities and the audit log.
struct Actor {
  std::int64_t user_id = 0;  // 0 = the system / CLI
  std::string username;      // "cli" for the command line
  Role role = Role::kViewer;
  std::string ip;            // client address for the audit log, may be empty
};

struct User {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::kViewer;
  bool disabled = false;
  std::int64_t created_at = 0;
};

struct NewUser {
  std::string username;      // [a-z0-9._-]{2,64}
  std::string display_name;  // may be empty → username
  Role role = Role::kViewer;
  std::string password;      // plain; checked by CheckPasswordPolicy, stored as argon2id
};

struct UserPatch {
  std::optional<std::string> display_name;
  std::optional<Role> role;
  std::optional<bool> disabled;       // disabling revokes all its sessions
  std::optional<std::string> password;  // plain; policy-checked; revokes all its sessions
};

// A fresh login. `token` is shown once (cookie value); only its hash is stored.
struct NewSession {
  std::string token;       // 64 hex chars = 256 random bits
  std::string csrf_token;  // 43+ chars, random; send back as X-CSRF-Token
  std::int64_t expires_at = 0;  // absolute expiry
  User user;
};

struct SessionInfo {
  std::int64_t session_id = 0;
  User user;
  std::string csrf_token;
  std::int64_t created_at = 0;
  std::int64_t last_seen = 0;
  std::int64_t expires_at = 0;
};

struct StageMove {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::optional<Stage> from;  // nullopt for the initial "identified"
  Stage to = Stage::kIdentified;
  std::int64_t at = 0;
  std::int64_t user_id = 0;
  std::string username;
  std::string note;
};

struct Note {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::string body;
  std::int64_t user_id = 0;
  std::string author;  // username
  std::int64_t at = 0;
};

struct NotePage {
  std::vector<Note> notes;
  std::int64_t total = 0;  // all notes of the person
};

// What the candidate page shows from the store, read in one snapshot.
struct PersonTimeline {
  Person person;
  std::vector<StageMove> history;
  NotePage notes;  // the newest notes
};

struct Organisation {
  std::int64_t id = 0;
  std::string name;
  std::int64_t people = 0;  // people currently at it
};

// One entry of the live feed. kind: person_added | person_updated | stage |
// note | person_erased | user. Summaries never contain compensation.
struct Activity {
  std::int64_t id = 0;
  std::int64_t at = 0;
  std::int64_t user_id = 0;
  std::string actor;  // username
  std::string kind;
  std::int64_t person_id = 0;  // 0 if not about a person
  std::string person_name;     // current name, "" if erased/none
  std::string summary;         // "contacted → replied", "note added", …
};

struct AuditEntry {
  std::int64_t id = 0;
  std::int64_t at = 0;
  std::int64_t user_id = 0;
  std::string actor;
  std::string action;       // "person.create", "person.update", "person.stage", "person.export",
                            // "person.erase", "person.view_compensation", "note.create",
                            // "user.create", "user.update", "login", "login.failed", "logout"
  std::string target;       // "person:12", "user:3"
  std::string before_json;  // "" or a JSON object
  std::string after_json;
  std::string ip;
};

struct PersonQuery {
  std::optional<Stage> stage;
  std::optional<std::int64_t> owner_user_id;  // 0 = unowned
  std::optional<std::string> org;             // exact organisation name
  std::optional<std::string> tag;
  std::optional<campaign::PersonKind> kind;
  std::string text;          // case-insensitive substring of name, e-mail, org, title, topics
  int limit = 100;           // 1..1000
  int offset = 0;
};

struct PersonPage {
  std::vector<Person> people;  // newest change first; compensation never included
  std::int64_t total = 0;      // matching rows ignoring limit/offset
};

struct StageCounts {
  std::array<std::int64_t, campaign::kStageCount> by_stage{};  // index = int(Stage)
  std::int64_t total = 0;
};

struct Dashboard {
  StageCounts funnel;
  std::vector<std::pair<std::string, StageCounts>> by_org;    // most people first
  std::vector<std::pair<std::string, StageCounts>> by_topic;  // most people first
  std::int64_t week_since = 0;                                 // now - 7 days
  std::array<std::int64_t, campaign::kStageCount> moves_week{};  // moves INTO each stage since then
  std::int64_t added_week = 0;                                 // people created since then
  std::vector<std::pair<User, StageCounts>> by_owner;          // unowned people under user id 0
};

// One capability's campaign settings (a JSON object), versioned like a person.
// The store keeps the text; each capability's pure folder validates its shape.
struct Setting {
  std::string key;         // [a-z0-9_]{1,40}: "campaign", "offers", "compute", …
  std::string value_json;  // a JSON object
  std::int64_t version = 0;
  std::int64_t updated_at = 0;
  std::string updated_by;
};

struct StoreOptions {
  std::function<std::int64_t()> clock;  // unix seconds; default: system clock
  std::int64_t session_idle_seconds = 12 * 3600;
  std::int64_t session_absolute_seconds = 7 * 24 * 3600;
  int max_connections = 32;             // pool size cap
  // SQLite only: PRAGMA max_page_count (0 = unlimited). For the disk-full test.
  std::int64_t sqlite_max_page_count = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // "sqlite" or "postgresql".
  virtual std::string_view Backend() const = 0;
  // Highest applied schema migration.
  virtual Result<int> SchemaVersion() = 0;
  // Back-end consistency check (SQLite: PRAGMA integrity_check and
  // foreign_key_check; PostgreSQL: a full read of every table).
  // kCorruption with the first problem found.
  virtual Status CheckIntegrity() = 0;

  // ---- users
  // kConflict if the username exists; kInvalidInput for a bad name/weak password.
  virtual Result<User> CreateUser(const Actor& actor, const NewUser& user) = 0;
  virtual Result<User> GetUser(std::int64_t id) = 0;
  virtual Result<User> GetUserByName(const std::string& username) = 0;
  virtual Result<std::vector<User>> ListUsers() = 0;
  // Requires kManageUsers. A user may change its own password with
  // only `password` set. Returns the updated user.
  virtual Result<User> UpdateUser(const Actor& actor, std::int64_t id, const UserPatch& patch) = 0;

  // ---- login and sessions
  // Checks the password (argon2id); kUnauthenticated for unknown user, wrong
  // password or a disabled account (same message for all three). Audits
  // "login" or "login.failed". Throttling is the caller's job.
  virtual Result<NewSession> Login(const std::string& username, const std::string& password,
                                   const std::string& ip) = 0;
  // The session for a cookie token: kUnauthenticated if unknown, revoked,
  // idle too long, past its absolute expiry, or its user is disabled.
  // Refreshes last_seen (at most once a minute, to keep reads cheap).
  virtual Result<SessionInfo> CheckSession(const std::string& token) = 0;
  // Revokes one session (logout). OK if already gone.
  virtual Status Logout(const std::string& token) = 0;

  // ---- people
  // New person at stage identified. kConflict if author_id is already in the
  // pipeline (message names the person id). compensation requires the right.
  virtual Result<Person> CreatePerson(const Actor& actor, const PersonPatch& patch) = 0;
  // with_compensation: include it when the role may see it, and audit the view.
  virtual Result<Person> GetPerson(const Actor& actor, std::int64_t id,
                                   bool with_compensation = false) = 0;
  // GetPerson, ListStageHistory and the newest `notes_limit` notes of
  // ListNotes in one read transaction (one snapshot, fewer round trips).
  virtual Result<PersonTimeline> GetPersonTimeline(const Actor& actor, std::int64_t id, bool with_compensation,
                                                   int notes_limit) = 0;
  virtual Result<std::optional<Person>> FindPersonByAuthor(const Actor& actor, std::int64_t author_id) = 0;
  virtual Result<PersonPage> ListPeople(const Actor& actor, const PersonQuery& query) = 0;
  // kConflict if the person's version != expected_version.
  virtual Result<Person> UpdatePerson(const Actor& actor, std::int64_t id, std::int64_t expected_version,
                                      const PersonPatch& patch) = 0;
  // kInvalidInput (field "stage") if the move is not allowed; kConflict on version.
  virtual Result<Person> MoveStage(const Actor& actor, std::int64_t id, std::int64_t expected_version,
                                   Stage to, const std::string& note) = 0;
  virtual Result<std::vector<StageMove>> ListStageHistory(const Actor& actor, std::int64_t person_id) = 0;

  virtual Result<Note> AddNote(const Actor& actor, std::int64_t person_id, const std::string& body) = 0;
  // One page of a person's notes, newest first: the `limit` newest with
  // id < before_id (0: from the newest; limit <= 0: all), returned oldest
  // first, and how many notes the person has in all.
  virtual Result<NotePage> ListNotes(const Actor& actor, std::int64_t person_id, std::int64_t before_id,
                                     int limit) = 0;

  virtual Result<std::vector<Organisation>> ListOrganisations() = 0;

  // ---- personal data (ceo, hr)
  // Everything stored about the person as one JSON object (fields,
  // compensation, notes, stage history, activities). Audited.
  virtual Result<std::string> ExportPerson(const Actor& actor, std::int64_t id) = 0;
  // Deletes the person, notes, history, tags and activities, redacts personal
  // fields from earlier audit entries about them, and scrubs the bytes from
  // the database files (SQLite: secure_delete + WAL checkpoint). Leaves one
  // "person.erase" audit entry and a "person_erased" activity without names.
  virtual Status ErasePerson(const Actor& actor, std::int64_t id) = 0;

  // ---- feeds and dashboard
  // Activities with id > after_id, newest first, at most `limit` (1..1000).
  virtual Result<std::vector<Activity>> ListActivities(std::int64_t after_id, int limit) = 0;
  virtual Result<Dashboard> GetDashboard(int top_n = 20) = 0;
  // Audit entries with id < before_id (0 = from the newest), newest first.
  // Requires kReadAudit. The application has no way to change or delete them.
  virtual Result<std::vector<AuditEntry>> ListAudit(const Actor& actor, std::int64_t before_id, int limit) = 0;

  // ---- campaign settings (sql_store_settings.cc)
  // nullopt while the key was never written (callers use their defaults). Readable by every
  // caller of the store: the routes decide who may see which key.
  virtual Result<std::optional<Setting>> GetSetting(const std::string& key) = 0;
  // Requires kManageSettings. expected_version 0 creates the key (409 if it exists); otherwise the
  // stored version must match (409 on a stale one). Audited with the before and after values.
  virtual Result<Setting> PutSetting(const Actor& actor, const std::string& key, const std::string& value_json,
                                     std::int64_t expected_version) = 0;
};

}  // namespace st::store
