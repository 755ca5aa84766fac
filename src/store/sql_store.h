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

#include <nlohmann/json_fwd.hpp>

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

  // ---- outreach (sql_store_outreach.cc)
  Result<outreach::Mailbox> PutMailbox(const Actor& actor, const outreach::MailboxInput& in,
                                       std::int64_t expected_version) override;
  Result<std::optional<outreach::Mailbox>> GetMailbox(const Actor& actor, std::int64_t user_id) override;
  Result<std::vector<outreach::Mailbox>> ListMailboxes() override;
  Status UpdateMailboxState(std::int64_t mailbox_id, const std::string& last_error, std::int64_t uid_validity,
                            std::int64_t last_uid) override;
  Result<outreach::Draft> SaveDraft(const Actor& actor, const outreach::Draft& draft,
                                    std::int64_t expected_version) override;
  Result<outreach::Draft> GetDraft(const Actor& actor, std::int64_t draft_id) override;
  Result<std::vector<outreach::DraftVersion>> ListDraftVersions(const Actor& actor, std::int64_t draft_id) override;
  Result<std::vector<outreach::QueueItem>> ListDraftQueue(const Actor& actor) override;
  Status DiscardDraft(const Actor& actor, std::int64_t draft_id, std::int64_t expected_version) override;
  Result<outreach::Message> ApproveDraft(const Actor& actor, std::int64_t draft_id, std::int64_t expected_version,
                                         const outreach::OutgoingRecord& out) override;
  Result<outreach::Message> QueueFollowUp(std::int64_t thread_id, const outreach::OutgoingRecord& out) override;
  Result<std::vector<outreach::Message>> DueMessages(std::int64_t now, int limit) override;
  Result<bool> ClaimForSending(std::int64_t message_id, const std::string& claim) override;
  Status RecordSendResult(std::int64_t message_id, const outreach::OutboxTransition& t) override;
  Result<int> RecoverInterruptedSends(
      const std::function<bool(const std::string& claim, std::int64_t since)>& is_stale) override;
  Result<std::int64_t> CountSentSince(std::int64_t mailbox_id, std::int64_t since) override;
  Result<std::vector<outreach::ActiveThread>> ListActiveThreads() override;
  Status StopThread(std::int64_t thread_id, const std::string& state, const std::string& reason) override;
  Result<std::string> RecordInbound(const outreach::InboundMail& mail) override;
  Result<outreach::PersonOutreach> GetPersonOutreach(const Actor& actor, std::int64_t person_id) override;
  Result<outreach::Message> RecordWhatsApp(const Actor& actor, std::int64_t person_id,
                                           const std::string& text) override;
  Result<bool> IsSuppressed(const std::string& address) override;
  Status Suppress(const Actor& actor, const std::string& address, const std::string& reason) override;
  Result<std::vector<outreach::OutreachOrgStats>> GetOutreachStats(std::int64_t since) override;
  Result<outreach::OptOutView> OptOutLink(const std::string& token, bool apply, const std::string& ip) override;
  Result<std::vector<outreach::Thread>> ListLatestThreads() override;
  // ---- campaign settings (sql_store_settings.cc)
  Result<std::optional<Setting>> GetSetting(const std::string& key) override;
  Result<Setting> PutSetting(const Actor& actor, const std::string& key, const std::string& value_json,
                             std::int64_t expected_version) override;
  // ---- compute ledger and staff (sql_store_compute.cc, sql_store_staff.cc)
  Result<FleetView> GetFleet(const Actor& actor) override;
  Result<FleetImportSummary> ImportFleet(const Actor& actor, const std::vector<compute::FleetRow>& rows) override;
  Result<CapacityEntry> AddCapacityChange(const Actor& actor, const compute::FleetRow& row) override;
  Status DeleteCapacityChange(const Actor& actor, std::int64_t id) override;
  Result<LedgerReport> CheckLedger() override;
  Result<std::vector<PromiseRecord>> ListPromises(const Actor& actor, std::int64_t person_id) override;
  Result<ComputePerResearcher> GetComputePerResearcher(const Actor& actor, std::int32_t day) override;
  Result<std::vector<StaffMember>> ListStaff(const Actor& actor) override;
  Result<StaffMember> GetStaff(const Actor& actor, std::int64_t id) override;
  Result<StaffMember> CreateStaff(const Actor& actor, const StaffPatch& patch) override;
  Result<StaffMember> UpdateStaff(const Actor& actor, std::int64_t id, std::int64_t expected_version,
                                  const StaffPatch& patch) override;
  Result<TeamReport> GetTeamReport(const Actor& actor) override;
  Result<std::string> ExportStaff(const Actor& actor, std::int64_t id) override;
  Status EraseStaff(const Actor& actor, std::int64_t id) override;

  // ---- places and events (sql_store_places.cc, sql_store_events.cc)
  Result<std::vector<PersonLocation>> ListPersonLocations() override;
  Result<PersonLocation> SetPersonLocation(const Actor& actor, const PersonLocation& location) override;
  Status ClearPersonLocation(const Actor& actor, std::int64_t person_id) override;
  Result<std::vector<EventSummary>> ListEvents() override;
  Result<EventDetail> GetEvent(const Actor& actor, std::int64_t id) override;
  Result<events::Event> CreateEvent(const Actor& actor, const events::Event& event) override;
  Result<events::Event> UpdateEvent(const Actor& actor, std::int64_t id, std::int64_t expected_version,
                                    const events::EventPatch& patch) override;
  Result<events::Event> CancelEvent(const Actor& actor, std::int64_t id, std::int64_t expected_version) override;
  Result<std::vector<events::Invite>> InvitePeople(const Actor& actor, std::int64_t event_id,
                                                   const std::vector<std::int64_t>& person_ids) override;
  Result<events::Invite> SetRsvp(const Actor& actor, std::int64_t event_id, std::int64_t person_id,
                                 events::Rsvp answer, const std::optional<std::string>& dietary) override;
  // ---- offers (sql_store_offers.cc)
  Result<OfferRecord> CreateOffer(const Actor& actor, std::int64_t person_id, const offers::OfferTerms& terms) override;
  Result<OfferRecord> EditOffer(const Actor& actor, std::int64_t offer_id, std::int64_t expected_version,
                                const offers::OfferTerms& terms) override;
  Result<OfferRecord> GetOffer(const Actor& actor, std::int64_t offer_id, bool with_money) override;
  Result<std::vector<OfferVersionRecord>> ListOfferVersions(const Actor& actor, std::int64_t offer_id) override;
  Result<std::vector<OfferRecord>> ListOffers(const Actor& actor, std::int64_t person_id, bool with_money) override;
  Result<std::vector<OfferRecord>> ListApprovalQueue(const Actor& actor) override;
  Result<OfferRecord> SubmitOffer(const Actor& actor, std::int64_t offer_id, std::int64_t expected_version) override;
  Result<OfferRecord> ApproveOffer(const Actor& actor, std::int64_t offer_id, std::int64_t expected_version,
                                   const std::string& note) override;
  Result<OfferRecord> RejectOffer(const Actor& actor, std::int64_t offer_id, std::int64_t expected_version,
                                  const std::string& note) override;
  Result<SentOffer> SendOffer(const Actor& actor, std::int64_t offer_id, std::int64_t expected_version) override;
  Result<OfferRecord> WithdrawOffer(const Actor& actor, std::int64_t offer_id, std::int64_t expected_version,
                                    const std::string& reason) override;
  Result<OfferRecord> OfferForLetter(const Actor& actor, std::int64_t offer_id, const std::string& format) override;
  Result<CandidateOffer> OpenOfferLink(const std::string& token, const std::string& ip) override;
  Result<int> ExpireOffers() override;
  Result<CandidateOffer> DecideOfferLink(const std::string& token, bool accept, const std::string& ip) override;
  Result<Person> MoveToOfferWithoutMeeting(const Actor& actor, std::int64_t person_id, std::int64_t expected_version,
                                           const std::string& reason) override;
  // ---- event invitations by e-mail (sql_store_events.cc)
  Result<outreach::Message> QueueEventMail(const Actor& actor, std::int64_t event_id, std::int64_t person_id,
                                           int sequence, const outreach::OutgoingRecord& out) override;

  // ---- watch (sql_store_watch.cc)
  Result<std::vector<WatchFollow>> ListFollows(const Actor& actor) override;
  Result<WatchFollow> AddFollow(const Actor& actor, const WatchFollow& follow) override;
  Status RemoveFollow(const Actor& actor, std::int64_t follow_id) override;
  Result<std::vector<WatchFollow>> ListAllFollows() override;
  Result<std::vector<WatchedPerson>> ListWatchedPeople() override;
  Result<std::optional<WatchRun>> FindWatchRun(const std::string& graph_version) override;
  Result<WatchRun> RecordWatchRun(const WatchRun& run, const std::vector<StoredAlert>& alerts) override;
  Result<AlertPage> ListAlerts(const Actor& actor, std::int64_t before_id, int limit) override;
  Result<std::int64_t> MarkAlertsRead(const Actor& actor, std::int64_t up_to_id) override;
  Result<std::vector<StoredAlert>> PendingDigest(std::int64_t user_id, int limit) override;
  Status MarkDigested(std::int64_t user_id, std::int64_t up_to_id, std::int64_t at) override;
  // ---- deals (sql_store_deals.cc)
  Result<std::vector<deals::Deal>> ListDeals(const Actor& actor) override;
  Result<deals::Deal> GetDeal(const Actor& actor, std::int64_t id) override;
  Result<deals::Deal> CreateDeal(const Actor& actor, const deals::Deal& deal) override;
  Result<deals::Deal> UpdateDeal(const Actor& actor, std::int64_t id, std::int64_t expected_version,
                                 const deals::DealPatch& patch) override;
  Result<deals::Deal> AddDealPerson(const Actor& actor, std::int64_t id, std::int64_t expected_version,
                                    const deals::DealPerson& person) override;
  Result<deals::Deal> UpdateDealPerson(const Actor& actor, std::int64_t id, std::int64_t expected_version, int line,
                                       const deals::DealPerson& person) override;
  Result<deals::Deal> RemoveDealPerson(const Actor& actor, std::int64_t id, std::int64_t expected_version,
                                       int line) override;
  Result<std::vector<deals::DealVersion>> ListDealVersions(const Actor& actor, std::int64_t id) override;
  // ---- retention (sql_store_retention.cc)
  Result<StaffImportSummary> ImportStaff(const Actor& actor, const std::vector<retention::StaffCsvRow>& rows) override;
  Result<std::vector<retention::StaffCsvRow>> ExportStaffRows(const Actor& actor) override;
  Result<StaffMember> GetStaffPay(const Actor& actor, std::int64_t staff_id) override;
  Result<StaffMember> SetStaffLink(const Actor& actor, std::int64_t staff_id, const StaffLink& link) override;
  Result<RivalOffer> CreateRivalOffer(const Actor& actor, std::int64_t staff_id, const RivalOfferInput& in) override;
  Result<std::vector<RivalOffer>> ListRivalOffers(const Actor& actor, std::int64_t staff_id) override;
  Status DeleteRivalOffer(const Actor& actor, std::int64_t rival_offer_id) override;
  Result<CounterRecord> CreateCounter(const Actor& actor, std::int64_t staff_id, std::int64_t rival_offer_id,
                                      const offers::OfferTerms& terms, const std::string& note) override;
  Result<CounterRecord> EditCounter(const Actor& actor, std::int64_t counter_id, std::int64_t expected_version,
                                    const offers::OfferTerms& terms) override;
  Result<CounterRecord> GetCounter(const Actor& actor, std::int64_t counter_id) override;
  Result<std::vector<CounterRecord>> ListCounters(const Actor& actor, std::int64_t staff_id) override;
  Result<CounterRecord> ActOnCounter(const Actor& actor, std::int64_t counter_id, std::int64_t expected_version,
                                     CounterAction action, const std::string& note) override;
  Result<RetentionOutcome> RecordRetentionOutcome(const Actor& actor, std::int64_t staff_id, const std::string& outcome,
                                                  const std::string& to_company) override;
  Result<std::vector<RetentionOutcome>> ListRetentionOutcomes(const Actor& actor, std::int64_t staff_id) override;

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
  // Moves a loaded person to `to` (no checks beyond the row version): history, audit, activity.
  Status ApplyStageMove(SqlConn& c, const Actor& actor, const Person& before, Stage to, const std::string& note);

  // ---- offers (sql_store_offers.cc)
  Result<OfferRecord> LoadOffer(SqlConn& c, std::int64_t offer_id);  // current version, money included
  Result<OfferVersionRecord> LoadOfferVersion(SqlConn& c, std::int64_t offer_id, int version);
  Result<offers::OfferSettings> LoadOfferSettings(SqlConn& c);
  // Writes version `version` of an offer with its band check, chain and span-of-control flag.
  Result<OfferVersionRecord> WriteOfferVersion(SqlConn& c, const Actor& actor, std::int64_t offer_id, int version,
                                               const offers::OfferTerms& terms);
  // Loads, checks the row version and the move, runs `step`, sets the state; audited as `action`.
  using OfferStep = std::function<Status(SqlConn&, OfferRecord&, offers::OfferState& to)>;  // may change `to`
  Result<OfferRecord> OfferTransition(const Actor& actor, std::int64_t offer_id, std::int64_t expected_version,
                                      offers::OfferState to, std::string_view action, const std::string& note,
                                      const OfferStep& step);
  Status SetOfferState(SqlConn& c, OfferRecord& offer, offers::OfferState to);
  Status RecordOfferOutcome(SqlConn& c, const OfferRecord& offer, std::string_view outcome);
  Status ExpireOffer(SqlConn& c, const Actor& a, OfferRecord& offer);
  // Zeroes money unless asked for and allowed; audits a view of it.
  Status GuardOfferMoney(const Actor& actor, OfferRecord& offer, bool with_money);
  Result<CandidateOffer> LinkOffer(SqlConn& c, const std::string& token, std::int64_t* link_id);
  // Personal data: the offers of a person for export; their removal on erasure.
  Result<std::string> ExportOffersJson(SqlConn& c, std::int64_t person_id);
  Status EraseOffers(SqlConn& c, const Actor& actor, std::int64_t person_id);

  // Places and events helpers (sql_store_places.cc, sql_store_events.cc).
  Result<events::Event> LoadEvent(SqlConn& c, std::int64_t id);
  Result<std::vector<events::Invite>> LoadInvites(SqlConn& c, std::int64_t event_id);
  // The person's hand-set location and invitations, added to an export document.
  Status AddPlacesToExport(SqlConn& c, std::int64_t person_id, std::string* export_json);
  // ---- outreach helpers (sql_store_outreach.cc)
  Status InsertSuppression(SqlConn& c, const std::string& address, const std::string& reason);
  Result<bool> Suppressed(SqlConn& c, const std::string& address);
  Status StopThreadTx(SqlConn& c, std::int64_t thread_id, const std::string& state, const std::string& reason);
  Result<outreach::Message> InsertOutgoing(SqlConn& c, std::int64_t thread_id, std::int64_t person_id,
                                           const std::string& kind, const outreach::OutgoingRecord& out,
                                           const std::string& approved_by);
  // Export adds the person's drafts, threads and messages; erasure keeps only the hash of their addresses
  // on the suppression list (the rows themselves go with the person, ON DELETE CASCADE).
  Result<std::string> AddOutreachToExport(std::int64_t person_id, const std::string& doc);
  Status ForgetOutreachAddresses(SqlConn& c, std::int64_t person_id);
  // ---- compute ledger and staff (sql_store_compute.cc, sql_store_staff.cc)
  // Called by the offers code INSIDE its own write transaction (same conn),
  // so an offer write and its reservation commit or roll back together.
  // Reserve: refuses with kConflict naming the first date, pool and shortfall
  // ("short by 2,400 H100-eq at site A (H100) from 2027-02-01"); kInvalidInput
  // for a bad promise or no pool of that type/site. Idempotent per offer_id
  // (a second call replaces the offer's reservation). Serialised against
  // other servers on PostgreSQL by a transaction-level advisory lock.
  Status ReserveCompute(SqlConn& c, const Actor& a, std::int64_t offer_id, std::int64_t person_id,
                        const compute::ComputePromise& p);
  // Reservation -> commitment. kNotFound if the offer holds none.
  Status CommitCompute(SqlConn& c, const Actor& a, std::int64_t offer_id);
  // Releases the offer's promise (reserved or committed); no-op if none.
  Status ReleaseCompute(SqlConn& c, const Actor& a, std::int64_t offer_id, std::string_view why);
  // Staff whose manager is `manager_staff_id` + accepted offers reporting to
  // them (recorded with AcceptReportingLine).
  Result<int> DirectReports(SqlConn& c, std::int64_t manager_staff_id);
  // An accepted offer's reporting line (call on accept; replaces the offer's
  // earlier line). kInvalidInput if the manager is not on the staff.
  Status AcceptReportingLine(SqlConn& c, std::int64_t offer_id, std::int64_t person_id,
                             std::int64_t manager_staff_id);
  // Drops an offer's reporting line (withdrawn after acceptance); no-op if none.
  Status DropReportingLine(SqlConn& c, std::int64_t offer_id);
  // The settings in force ("compute", "teams"; defaults until set).
  Result<compute::ComputeSettings> LoadComputeSettings(SqlConn& c);
  Result<compute::TeamSettings> LoadTeamSettings(SqlConn& c);
  // Takes the ledger lock (PostgreSQL advisory; SQLite's write lock is held already).
  Status LockLedger(SqlConn& c);
  // The whole ledger, or only the pools of `gpu_type` / at `site` when not
  // empty, read in `c`, without the promise of `exclude_offer_id` (0: none).
  Result<compute::Ledger> LoadLedger(SqlConn& c, const std::string& gpu_type, std::int64_t exclude_offer_id = 0,
                                     const std::string& site = "");
  // After capacity changes in `c`: kInvalidInput if a pool went below zero,
  // kConflict if a promise no longer fits that did `before` (the shortfalls
  // before the change); `where` names the change ("line 7").
  Status CheckFleetAfterChange(SqlConn& c, const std::vector<compute::Shortfall>& before,
                               const std::function<std::string(std::int64_t pool, std::int32_t day)>& where);
  Result<std::vector<compute::Shortfall>> FleetShortfalls(SqlConn& c);
  Result<StaffMember> LoadStaff(SqlConn& c, std::int64_t id);
  // Personal data: the person's compute promises go into their export; on
  // erasure the promises stay (the GPUs are still held) without the person.
  Status AddComputeToExport(std::int64_t person_id, std::string& doc);
  Status DetachComputeFromPerson(SqlConn& c, std::int64_t person_id);
  // ---- deals (sql_store_deals.cc)
  Result<deals::Deal> LoadDeal(SqlConn& c, std::int64_t id);
  // Writes the deal row (insert: a new deal at version 1; else the next version, checked) and its snapshot.
  Status WriteDealVersion(SqlConn& c, const Actor& actor, deals::Deal& deal, bool insert);
  // Loads, checks the version, applies `change` (which may write people rows and set an audit detail),
  // validates, writes the next version and audits `action`, in one transaction.
  using DealChange = std::function<Status(SqlConn&, deals::Deal&, std::string& detail)>;
  Result<deals::Deal> ChangeDeal(const Actor& actor, std::int64_t id, std::int64_t expected_version,
                                 std::string_view action, const DealChange& change);
  // Personal data: a candidate's deal lines (role, notes, P, retention) in their export; on erasure the lines
  // go and every kept version of those deals is rewritten without them.
  Status AddDealsToExport(SqlConn& c, std::int64_t person_id, std::string* export_json);
  Status EraseFromDeals(SqlConn& c, const Actor& actor, std::int64_t person_id);
  friend class ComputeStoreTestPeer;  // calls the offers' helpers in a transaction (compute_store_test.cc)

  // ---- watch (sql_store_watch.cc): a person's alerts in their export; removed on erasure.
  Status AddWatchToExport(SqlConn& c, std::int64_t person_id, std::string* export_json);
  Status EraseWatch(SqlConn& c, std::int64_t person_id);

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
  // ---- retention (sql_store_retention.cc)
  Result<CounterRecord> LoadCounter(SqlConn& c, std::int64_t counter_id);
  // Band check and chain for counter terms, as WriteOfferVersion does for an offer.
  Status PriceCounter(SqlConn& c, CounterRecord& r);
  // The staff member's pay, rival offers, counters and outcomes for their export; their removal on erasure.
  Result<nlohmann::json> RetentionExportJson(SqlConn& c, const StaffMember& s);
  Status EraseRetention(SqlConn& c, const Actor& actor, std::int64_t staff_id);
};

}  // namespace st::store
