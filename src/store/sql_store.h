// SqlStore: the one implementation of Store, written once against SqlConn
// and run on SQLite or PostgreSQL. The back ends differ only in their
// SqlConn adapter, the auto-increment key type and a few settings, so a single
// body of SQL keeps the two behaviourally identical (one test suite runs on
// both).
//
// Thread-safe: connections are pooled; each call leases one for one
// transaction. Internal header: only open_store.cc and this folder include it.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "store/coalesced_reads.h"
#include "store/sql.h"
#include "store/store.h"

namespace st::store {

using ConnFactory = std::function<Result<std::unique_ptr<SqlConn>>()>;

// The audit target of a person ("person:42"), shared by every person write.
inline std::string PersonTarget(std::int64_t id) { return "person:" + std::to_string(id); }

// The 409 for a stale optimistic version (UpdatePerson, MoveStage).
inline Status PersonVersionConflict(std::int64_t id, std::int64_t current, std::int64_t expected) {
  return Status::Conflict("person " + std::to_string(id) + " was changed by someone else (version " +
                          std::to_string(current) + ", you sent " + std::to_string(expected) + ")");
}

class SqlStore final : public Store {
 public:
  // Opens one connection, runs migrations and returns the store.
  static Result<std::unique_ptr<SqlStore>> Open(Dialect dialect, ConnFactory factory, StoreOptions options);
  ~SqlStore() override;

  std::string_view Backend() const override;
  Result<int> SchemaVersion() override;
  Status CheckIntegrity() override;

  Result<User> CreateUser(const Actor& actor, const NewUser& user) override;
  Result<User> GetUser(std::int64_t id) override;
  Result<User> GetUserByName(const std::string& username) override;
  Result<std::vector<User>> ListUsers() override;
  Result<User> UpdateUser(const Actor& actor, std::int64_t id, const UserPatch& patch) override;

  Result<NewSession> Login(const std::string& username, const std::string& password, const std::string& ip) override;
  Result<SessionInfo> CheckSession(const std::string& token) override;
  Status Logout(const std::string& token) override;

  Result<Person> CreatePerson(const Actor& actor, const PersonPatch& patch) override;
  Result<Person> GetPerson(const Actor& actor, std::int64_t id, bool with_compensation) override;
  Result<PersonTimeline> GetPersonTimeline(const Actor& actor, std::int64_t id, bool with_compensation,
                                           int notes_limit) override;
  Result<std::optional<Person>> FindPersonByAuthor(const Actor& actor, std::int64_t author_id) override;
  Result<PersonPage> ListPeople(const Actor& actor, const PersonQuery& query) override;
  Result<Person> UpdatePerson(const Actor& actor, std::int64_t id, std::int64_t expected_version,
                              const PersonPatch& patch) override;
  Result<Person> MoveStage(const Actor& actor, std::int64_t id, std::int64_t expected_version, Stage to,
                           const std::string& note) override;
  Result<std::vector<StageMove>> ListStageHistory(const Actor& actor, std::int64_t person_id) override;
  Result<Note> AddNote(const Actor& actor, std::int64_t person_id, const std::string& body) override;
  Result<NotePage> ListNotes(const Actor& actor, std::int64_t person_id, std::int64_t before_id,
                             int limit) override;
  Result<std::vector<Organisation>> ListOrganisations() override;

  Result<std::string> ExportPerson(const Actor& actor, std::int64_t id) override;
  Status ErasePerson(const Actor& actor, std::int64_t id) override;

  Result<std::vector<Activity>> ListActivities(std::int64_t after_id, int limit) override;
  Result<Dashboard> GetDashboard(int top_n) override;
  Result<std::vector<AuditEntry>> ListAudit(const Actor& actor, std::int64_t before_id, int limit) override;

  // ---- campaign settings (sql_store_settings.cc)
  Result<std::optional<Setting>> GetSetting(const std::string& key) override;
  Result<Setting> PutSetting(const Actor& actor, const std::string& key, const std::string& value_json,
                             std::int64_t expected_version) override;

 private:
  SqlStore(Dialect dialect, ConnFactory factory, StoreOptions options);

  using TxFn = std::function<Status(SqlConn&)>;
  // Runs `fn` inside one transaction, committed if it returned OK, rolled
  // back otherwise. Reads get a consistent snapshot on a pooled connection.
  // Writes go through the group commit below (sql_store_commit.cc).
  Status WithTx(bool write, const TxFn& fn);
  // Leases a connection and runs `body` between BEGIN and COMMIT/ROLLBACK
  // (write: immediate lock on SQLite). `body` returns the outcome to commit on.
  // *commit_unknown is set when COMMIT failed on a connection that died: the
  // server may have committed, so the writes must not be run again.
  Status RunTx(bool write, const TxFn& body, bool* commit_unknown = nullptr);

  // Group commit: concurrent writers queue; the one at the front runs the
  // queued writes in one transaction, each inside its own savepoint, so one
  // commit (one fsync) acknowledges them all and writers of this process never
  // meet SQLite's sleeping busy handler. Every write still commits durably
  // before its caller returns.
  struct PendingWrite {
    const TxFn* fn;
    Status status;
    bool done = false;
    std::condition_variable cv;
  };
  Status GroupCommit(const TxFn& fn);
  // Runs `batch` in one transaction; sets each write's status.
  void CommitBatch(const std::vector<PendingWrite*>& batch);
  // For reads of one statement (atomic on its own): no BEGIN/COMMIT round trips.
  Status WithConn(const std::function<Status(SqlConn&)>& fn);
  Result<std::unique_ptr<SqlConn>> Acquire();
  void Release(std::unique_ptr<SqlConn> conn);

  std::int64_t Now() const { return options_.clock(); }

  // Shared steps (sql_store.cc).
  Status AddActivity(SqlConn& c, const Actor& a, std::string_view kind, std::int64_t person_id,
                     const std::string& summary);
  Status AddAudit(SqlConn& c, const Actor& a, std::string_view action, const std::string& target,
                  const std::string& before_json, const std::string& after_json);

  // Sessions (sql_store_users.cc).
  struct SessionRow {
    SessionInfo info;
    std::int64_t revoked_at = 0;
  };
  Result<std::optional<SessionRow>> ReadSession(const std::string& token_hash);

  // People helpers (sql_store_people.cc).
  Result<Person> LoadPerson(SqlConn& c, std::int64_t id);  // full, with compensation
  Result<std::int64_t> OrgId(SqlConn& c, const std::string& name);  // find or create; 0 for ""
  Status WriteLists(SqlConn& c, std::int64_t id, const PersonPatch& patch);
  Status CheckOwner(SqlConn& c, std::int64_t owner_user_id);
  // Drops compensation unless asked for and allowed; audits a view of it.
  Status GuardCompensation(const Actor& actor, Person& person, bool with_compensation);

  // Timeline helpers (sql_store_timeline.cc); the person must exist.
  Result<std::vector<StageMove>> LoadHistory(SqlConn& c, std::int64_t person_id);
  Result<NotePage> LoadNotes(SqlConn& c, std::int64_t person_id, std::int64_t before_id, int limit);

  Dialect dialect_;
  ConnFactory factory_;
  StoreOptions options_;

  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<SqlConn>> idle_;  // guarded by mu_
  int open_ = 0;                                // guarded by mu_: leased + idle

  CoalescedReads<std::string, Result<std::optional<SessionRow>>> session_reads_;

  std::mutex write_mu_;
  std::deque<PendingWrite*> writes_;  // guarded by write_mu_; front = leader
};

}  // namespace st::store
