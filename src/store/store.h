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
#include "deals/deal.h"
#include "events/event.h"
#include "outreach/outbox.h"
#include "outreach/records.h"
#include "store/compute_records.h"
#include "store/offer_records.h"
#include "store/watch_records.h"
#include "store/retention_records.h"
#include "retention/staff_csv.h"

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

// ---- places and events (sql_store_places.cc, sql_store_events.cc)
// A location set by hand for a person. Locations derived from the talent graph
// and the person's fields are computed at read time (places/locate.h) and not
// stored, so they follow a newer graph; a hand-set one wins over them.
struct PersonLocation {
  std::int64_t person_id = 0;
  std::string city, region, country;  // country: ISO alpha-2
  std::optional<double> lat, lon;
  std::string tz;                     // IANA zone or ""
  std::string source = "manual";
  std::string evidence;               // why: "set by hand", "city 'London'"
  std::int64_t updated_at = 0;
  std::string actor;
};

struct EventSummary {
  events::Event event;
  events::InviteCounts counts;
};

struct EventDetail {
  events::Event event;
  std::vector<events::Invite> invites;  // dietary notes absent ("") for roles that may not write people
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

  // ---- outreach (sql_store_outreach.cc)
  // The sender's mailbox: ceo only, for the actor's own user. kConflict on a stale version (0 = create).
  // The sealed password is stored as given; an empty one keeps the stored one. Audited without secrets.
  virtual Result<outreach::Mailbox> PutMailbox(const Actor& actor, const outreach::MailboxInput& in,
                                               std::int64_t expected_version) = 0;
  // ceo only (or the system, user_id 0 actor). nullopt when the user has none.
  virtual Result<std::optional<outreach::Mailbox>> GetMailbox(const Actor& actor, std::int64_t user_id) = 0;
  virtual Result<std::vector<outreach::Mailbox>> ListMailboxes() = 0;  // the runner
  // Records the last transport error ("" = healthy) and the IMAP position.
  virtual Status UpdateMailboxState(std::int64_t mailbox_id, const std::string& last_error,
                                    std::int64_t uid_validity, std::int64_t last_uid) = 0;

  // Creates (draft.id == 0) or edits a draft; every save is a kept version. Writers: ceo, hr, and a
  // recruiter for people it owns or nobody owns. kConflict on a stale version; only "draft" status edits.
  virtual Result<outreach::Draft> SaveDraft(const Actor& actor, const outreach::Draft& draft,
                                            std::int64_t expected_version) = 0;
  virtual Result<outreach::Draft> GetDraft(const Actor& actor, std::int64_t draft_id) = 0;
  virtual Result<std::vector<outreach::DraftVersion>> ListDraftVersions(const Actor& actor, std::int64_t draft_id) = 0;
  // Drafts waiting for the CEO, oldest first, with the candidate's key facts. ceo only.
  virtual Result<std::vector<outreach::QueueItem>> ListDraftQueue(const Actor& actor) = 0;
  virtual Status DiscardDraft(const Actor& actor, std::int64_t draft_id, std::int64_t expected_version) = 0;
  // ceo only. In one transaction: the draft becomes "approved", the message is queued in the outbox, the
  // thread is opened (first) or continued (follow-up). kInvalidInput if the address is suppressed,
  // kConflict on a stale version or a candidate already in an active sequence. Audited.
  virtual Result<outreach::Message> ApproveDraft(const Actor& actor, std::int64_t draft_id,
                                                 std::int64_t expected_version,
                                                 const outreach::OutgoingRecord& out) = 0;
  // The sequence's follow-up (system): queued in the thread unless it stopped meanwhile (kConflict).
  virtual Result<outreach::Message> QueueFollowUp(std::int64_t thread_id, const outreach::OutgoingRecord& out) = 0;
  // Queued or retrying messages due at `now`, oldest first.
  virtual Result<std::vector<outreach::Message>> DueMessages(std::int64_t now, int limit) = 0;
  // queued/retry → sending, durably, before the hand-over; false if it is no longer due (another sender,
  // a stopped thread, a suppressed address: then it is marked failed with the reason).
  virtual Result<bool> ClaimForSending(std::int64_t message_id, const std::string& claim) = 0;
  // The outcome of a hand-over: sent (the candidate moves to contacted, the timeline shows it), retry,
  // failed (a bounce stops the thread and marks the address bad) or unknown.
  virtual Status RecordSendResult(std::int64_t message_id, const outreach::OutboxTransition& t) = 0;
  // Messages left in "sending" by a process that is gone (`is_stale(claim, since)`) become "unknown":
  // never re-sent automatically. Returns how many.
  virtual Result<int> RecoverInterruptedSends(
      const std::function<bool(const std::string& claim, std::int64_t since)>& is_stale) = 0;
  virtual Result<std::int64_t> CountSentSince(std::int64_t mailbox_id, std::int64_t since) = 0;
  virtual Result<std::vector<outreach::ActiveThread>> ListActiveThreads() = 0;
  virtual Status StopThread(std::int64_t thread_id, const std::string& state, const std::string& reason) = 0;
  // A message from the mailbox: matched by In-Reply-To/References to our Message-IDs, else by sender address
  // to the newest thread of this mailbox. Returns "reply", "bounce", "opt_out", "auto_reply", "duplicate" or
  // "unmatched". A reply moves the candidate to replied and stops the sequence.
  virtual Result<std::string> RecordInbound(const outreach::InboundMail& mail) = 0;
  // Drafts, threads and messages of a person; audited ("outreach.view"). Viewers get no subjects or bodies;
  // recruiters only for people they own or nobody owns.
  virtual Result<outreach::PersonOutreach> GetPersonOutreach(const Actor& actor, std::int64_t person_id) = 0;
  // "Sent via WhatsApp", recorded when the CEO marks it so (ceo only).
  virtual Result<outreach::Message> RecordWhatsApp(const Actor& actor, std::int64_t person_id,
                                                   const std::string& text) = 0;
  virtual Result<bool> IsSuppressed(const std::string& address) = 0;
  // Adds an address to the suppression list (ceo, hr, or the system); idempotent.
  virtual Status Suppress(const Actor& actor, const std::string& address, const std::string& reason) = 0;
  // First messages sent since `since` by organisation, replies and the median time to reply.
  virtual Result<std::vector<outreach::OutreachOrgStats>> GetOutreachStats(std::int64_t since) = 0;
  // The opt-out link (no login; `ip` for the audit): the masked address and whether it is suppressed; with
  // `apply` the address goes on the suppression list and every active sequence to it stops (idempotent).
  // kNotFound for a malformed, unknown or erased token (audited as a refused guess).
  virtual Result<outreach::OptOutView> OptOutLink(const std::string& token, bool apply, const std::string& ip) = 0;
  // Each person's newest thread (state, follow-ups, last sent, pending), without addresses or subjects: the
  // pipeline board's sequence badges.
  virtual Result<std::vector<outreach::Thread>> ListLatestThreads() = 0;
  // ---- campaign settings (sql_store_settings.cc)
  // nullopt while the key was never written (callers use their defaults). Readable by every
  // caller of the store: the routes decide who may see which key.
  virtual Result<std::optional<Setting>> GetSetting(const std::string& key) = 0;
  // Requires kManageSettings. expected_version 0 creates the key (409 if it exists); otherwise the
  // stored version must match (409 on a stale one). Audited with the before and after values.
  virtual Result<Setting> PutSetting(const Actor& actor, const std::string& key, const std::string& value_json,
                                     std::int64_t expected_version) = 0;
  // ---- places and events (sql_store_places.cc, sql_store_events.cc)
  // Every hand-set location (the map and trip planner merge them over derived ones).
  virtual Result<std::vector<PersonLocation>> ListPersonLocations() = 0;
  // Sets a person's location by hand; requires the right to edit that person
  // (campaign::CanEditPerson). Audited ("person.location"), in the person's feed.
  virtual Result<PersonLocation> SetPersonLocation(const Actor& actor, const PersonLocation& location) = 0;
  // Back to the derived location; OK when none was set.
  virtual Status ClearPersonLocation(const Actor& actor, std::int64_t person_id) = 0;

  // Events by start time with their invitation counts (every role).
  virtual Result<std::vector<EventSummary>> ListEvents() = 0;
  virtual Result<EventDetail> GetEvent(const Actor& actor, std::int64_t id) = 0;
  // Create / change / call off: kWritePeople. The store assigns id, uid,
  // sequence 0 and version 1; every update and the cancellation raise both the
  // version and the iCalendar SEQUENCE. kConflict on a stale version.
  virtual Result<events::Event> CreateEvent(const Actor& actor, const events::Event& event) = 0;
  virtual Result<events::Event> UpdateEvent(const Actor& actor, std::int64_t id, std::int64_t expected_version,
                                            const events::EventPatch& patch) = 0;
  virtual Result<events::Event> CancelEvent(const Actor& actor, std::int64_t id, std::int64_t expected_version) = 0;
  // Invites people (already invited ones are skipped); kConflict when the seats
  // held (yes + maybe + unanswered) would exceed the capacity. Each invitation
  // lands in the person's feed. Returns the event's invitations.
  virtual Result<std::vector<events::Invite>> InvitePeople(const Actor& actor, std::int64_t event_id,
                                                           const std::vector<std::int64_t>& person_ids) = 0;
  // Records an answer (and dietary notes when given); kConflict when a "yes"
  // or "maybe" would exceed the capacity. In the person's feed.
  virtual Result<events::Invite> SetRsvp(const Actor& actor, std::int64_t event_id, std::int64_t person_id,
                                         events::Rsvp answer, const std::optional<std::string>& dietary) = 0;
  // ---- compute ledger and staff (sql_store_compute.cc, sql_store_staff.cc)
  // Role rules: compute/access.h. The fleet with every pool's
  // capacity-vs-promised timeline (every role: no money in it).
  virtual Result<FleetView> GetFleet(const Actor& actor) = 0;
  // Appends the rows' capacity changes in one transaction (ceo). A row that
  // would take a pool below zero or break a promise fails the whole import
  // with its line; nothing of the file is stored.
  virtual Result<FleetImportSummary> ImportFleet(const Actor& actor, const std::vector<compute::FleetRow>& rows) = 0;
  // One capacity change (ceo); the same checks as an import. Returns its id.
  virtual Result<CapacityEntry> AddCapacityChange(const Actor& actor, const compute::FleetRow& row) = 0;
  // Removes a capacity change (ceo) unless that breaks a promise.
  virtual Status DeleteCapacityChange(const Actor& actor, std::int64_t id) = 0;
  // Verifies the whole ledger (no actor: also the CLI's `ledger check`).
  virtual Result<LedgerReport> CheckLedger() = 0;
  // Promises, optionally of one person (person_id 0 = all), newest first.
  virtual Result<std::vector<PromiseRecord>> ListPromises(const Actor& actor, std::int64_t person_id) = 0;
  virtual Result<ComputePerResearcher> GetComputePerResearcher(const Actor& actor, std::int32_t day) = 0;

  // Staff (own people; personal data). Read: every role; write: ceo, hr.
  virtual Result<std::vector<StaffMember>> ListStaff(const Actor& actor) = 0;
  virtual Result<StaffMember> GetStaff(const Actor& actor, std::int64_t id) = 0;
  // kInvalidInput for a bad field or a manager that does not exist or would
  // make a reporting loop.
  virtual Result<StaffMember> CreateStaff(const Actor& actor, const StaffPatch& patch) = 0;
  virtual Result<StaffMember> UpdateStaff(const Actor& actor, std::int64_t id, std::int64_t expected_version,
                                          const StaffPatch& patch) = 0;
  // Reports per manager and who is over the "teams" cap.
  virtual Result<TeamReport> GetTeamReport(const Actor& actor) = 0;
  // Personal data of one staff member (ceo, hr): export as JSON; erasure
  // deletes the row (their reports then report to nobody) and redacts audit.
  virtual Result<std::string> ExportStaff(const Actor& actor, std::int64_t id) = 0;
  virtual Status EraseStaff(const Actor& actor, std::int64_t id) = 0;

  // ---- offers (sql_store_offers.cc)
  // Roles: ceo and hr create, edit, submit, send and withdraw (offers carry
  // money); approvals need the role of the chain's current step; every role
  // reads offers, with the money fields zeroed and money_visible false for
  // roles without kReadCompensation (a read with money is audited).
  // An offer needs the person at stage offer; one open offer per person.
  virtual Result<OfferRecord> CreateOffer(const Actor& actor, std::int64_t person_id,
                                          const offers::OfferTerms& terms) = 0;
  // A new version. A material change (offers::IsMaterialChange, or the compute
  // promise) voids the approvals, releases a reservation and returns to draft;
  // wording and expiry keep them (a sent offer returns to approved, to send again).
  virtual Result<OfferRecord> EditOffer(const Actor& actor, std::int64_t offer_id, std::int64_t expected_version,
                                        const offers::OfferTerms& terms) = 0;
  virtual Result<OfferRecord> GetOffer(const Actor& actor, std::int64_t offer_id, bool with_money) = 0;
  // All versions of one offer, oldest first (the history an approver reads).
  virtual Result<std::vector<OfferVersionRecord>> ListOfferVersions(const Actor& actor, std::int64_t offer_id) = 0;
  virtual Result<std::vector<OfferRecord>> ListOffers(const Actor& actor, std::int64_t person_id, bool with_money) = 0;
  // Offers pending approval whose current step the actor's role may approve.
  virtual Result<std::vector<OfferRecord>> ListApprovalQueue(const Actor& actor) = 0;
  virtual Result<OfferRecord> SubmitOffer(const Actor& actor, std::int64_t offer_id, std::int64_t expected_version) = 0;
  // The last approval of the chain reserves the compute promise in the same
  // transaction; the ledger's refusal ("short by …") refuses the approval.
  virtual Result<OfferRecord> ApproveOffer(const Actor& actor, std::int64_t offer_id, std::int64_t expected_version,
                                           const std::string& note) = 0;
  virtual Result<OfferRecord> RejectOffer(const Actor& actor, std::int64_t offer_id, std::int64_t expected_version,
                                          const std::string& note) = 0;
  // approved → sent; re-checks the reservation and issues the candidate link (any older link is revoked).
  virtual Result<SentOffer> SendOffer(const Actor& actor, std::int64_t offer_id, std::int64_t expected_version) = 0;
  virtual Result<OfferRecord> WithdrawOffer(const Actor& actor, std::int64_t offer_id, std::int64_t expected_version,
                                            const std::string& reason) = 0;
  // An audited letter download (the web layer renders it).
  virtual Result<OfferRecord> OfferForLetter(const Actor& actor, std::int64_t offer_id, const std::string& format) = 0;
  // The candidate link, no login. kNotFound for an unknown or revoked token
  // (one message for all: a guess learns nothing). Every visit is audited.
  // A sent offer past its expiry is marked expired (and its compute released) here.
  virtual Result<CandidateOffer> OpenOfferLink(const std::string& token, const std::string& ip) = 0;
  // The sweep: every sent offer past its expiry day → expired, its compute
  // released (serve runs it every minute; the link does it lazily too). Returns how many.
  virtual Result<int> ExpireOffers() = 0;
  // accept: sent → accepted, reservation → commitment, person → accepted, outcome recorded;
  // decline: → declined, reservation released, person → declined. kConflict once decided.
  virtual Result<CandidateOffer> DecideOfferLink(const std::string& token, bool accept, const std::string& ip) = 0;
  // The no-interview path: contacted/replied (or identified) → offer without a
  // meeting, by score ≥ the campaign threshold or the CEO's override; the
  // history note and an audit entry say which and who.
  virtual Result<Person> MoveToOfferWithoutMeeting(const Actor& actor, std::int64_t person_id,
                                                   std::int64_t expected_version, const std::string& reason) = 0;
  // ---- event invitations by e-mail (sql_store_events.cc)
  // Queues an invitation (or its update or cancellation) for one invitee in
  // the outreach outbox (no sequence thread, kind "invitation"; the outreach
  // loop sends it like any message) and records `sequence` as the invitee's
  // mailed SEQUENCE. ceo only: it goes out in the CEO's name. Audited, in the
  // person's feed. kNotFound when the person is not invited.
  virtual Result<outreach::Message> QueueEventMail(const Actor& actor, std::int64_t event_id, std::int64_t person_id,
                                                   int sequence, const outreach::OutgoingRecord& out) = 0;
  // ---- watch (sql_store_watch.cc)
  // The actor's own follows (every role). A person is followed by stable author key, a search by its query;
  // the same follow twice is kConflict. Removing someone else's follow is kNotFound.
  virtual Result<std::vector<WatchFollow>> ListFollows(const Actor& actor) = 0;
  virtual Result<WatchFollow> AddFollow(const Actor& actor, const WatchFollow& follow) = 0;
  virtual Status RemoveFollow(const Actor& actor, std::int64_t follow_id) = 0;
  // The diff's inputs (system): every follow of an enabled user, and the pipeline's people linked to an author.
  virtual Result<std::vector<WatchFollow>> ListAllFollows() = 0;
  virtual Result<std::vector<WatchedPerson>> ListWatchedPeople() = 0;
  // nullopt when `graph_version` was never diffed.
  virtual Result<std::optional<WatchRun>> FindWatchRun(const std::string& graph_version) = 0;
  // Records the run and its alerts in one transaction, plus one "alerts" activity (no names: the live feed
  // wakes every dashboard, which then reads its own alerts). kConflict if the version was diffed already.
  virtual Result<WatchRun> RecordWatchRun(const WatchRun& run, const std::vector<StoredAlert>& alerts) = 0;
  // The actor's alerts with id < before_id (0 = newest), newest first, and the unread count.
  virtual Result<AlertPage> ListAlerts(const Actor& actor, std::int64_t before_id, int limit) = 0;
  // Marks the actor's alerts with id <= up_to_id read; returns how many changed.
  virtual Result<std::int64_t> MarkAlertsRead(const Actor& actor, std::int64_t up_to_id) = 0;
  // The daily digest (system): a user's alerts not mailed yet, oldest first; then marks them mailed.
  virtual Result<std::vector<StoredAlert>> PendingDigest(std::int64_t user_id, int limit) = 0;
  virtual Status MarkDigested(std::int64_t user_id, std::int64_t up_to_id, std::int64_t at) = 0;

  // ---- deals (sql_store_deals.cc)
  // Acqui-hires and investments (deals/deal.h). Reading needs kReadDeals (ceo, hr); prices, stakes and
  // retention are zeroed for roles without kManageDeals (ceo). Every read is audited ("deal.list",
  // "deal.view"). Changes need kManageDeals, carry the expected version (kConflict on a stale one), keep the
  // whole deal as a new version and are audited without people's names, roles or notes.
  virtual Result<std::vector<deals::Deal>> ListDeals(const Actor& actor) = 0;
  virtual Result<deals::Deal> GetDeal(const Actor& actor, std::int64_t id) = 0;
  // The people's lines are numbered 1.. in order; a candidate (person_id) must exist, and fills an empty name.
  virtual Result<deals::Deal> CreateDeal(const Actor& actor, const deals::Deal& deal) = 0;
  virtual Result<deals::Deal> UpdateDeal(const Actor& actor, std::int64_t id, std::int64_t expected_version,
                                         const deals::DealPatch& patch) = 0;
  // One person to bring (next line number); kConflict when the candidate or author is already in the deal.
  virtual Result<deals::Deal> AddDealPerson(const Actor& actor, std::int64_t id, std::int64_t expected_version,
                                            const deals::DealPerson& person) = 0;
  virtual Result<deals::Deal> UpdateDealPerson(const Actor& actor, std::int64_t id, std::int64_t expected_version,
                                               int line, const deals::DealPerson& person) = 0;
  virtual Result<deals::Deal> RemoveDealPerson(const Actor& actor, std::int64_t id, std::int64_t expected_version,
                                               int line) = 0;
  // Every kept version, oldest first (kManageDeals; audited).
  virtual Result<std::vector<deals::DealVersion>> ListDealVersions(const Actor& actor, std::int64_t id) = 0;
  // ---- retention (sql_store_retention.cc)
  // Staff pay, rival offers, counters and outcomes are ceo + hr only
  // (kReadCompensation / kWriteCompensation); every read of money is audited.
  // Import: one transaction, keyed on e-mail (a re-import updates, never
  // duplicates); managers by e-mail or exact name among the file's rows and
  // the stored staff; kInvalidInput "row N (line L): …" and nothing stored.
  virtual Result<StaffImportSummary> ImportStaff(const Actor& actor,
                                                 const std::vector<retention::StaffCsvRow>& rows) = 0;
  virtual Result<std::vector<retention::StaffCsvRow>> ExportStaffRows(const Actor& actor) = 0;
  // One staff member with pay and equity (audited "staff.view_money").
  virtual Result<StaffMember> GetStaffPay(const Actor& actor, std::int64_t staff_id) = 0;
  // The graph link (ceo, hr): suggested by the matcher, confirmed/rejected/corrected by a person.
  virtual Result<StaffMember> SetStaffLink(const Actor& actor, std::int64_t staff_id, const StaffLink& link) = 0;
  virtual Result<RivalOffer> CreateRivalOffer(const Actor& actor, std::int64_t staff_id, const RivalOfferInput& in) = 0;
  // staff_id 0: every staff member's, newest first, in one read (one audit row "staff:*").
  virtual Result<std::vector<RivalOffer>> ListRivalOffers(const Actor& actor, std::int64_t staff_id) = 0;
  virtual Status DeleteRivalOffer(const Actor& actor, std::int64_t rival_offer_id) = 0;
  // A counter-offer in draft (one open counter per staff member).
  virtual Result<CounterRecord> CreateCounter(const Actor& actor, std::int64_t staff_id, std::int64_t rival_offer_id,
                                              const offers::OfferTerms& terms, const std::string& note) = 0;
  // New terms (draft or pending): approvals are voided, back to draft.
  virtual Result<CounterRecord> EditCounter(const Actor& actor, std::int64_t counter_id, std::int64_t expected_version,
                                            const offers::OfferTerms& terms) = 0;
  virtual Result<CounterRecord> GetCounter(const Actor& actor, std::int64_t counter_id) = 0;
  // staff_id 0: every counter pending approval whose current step the actor's role may approve.
  virtual Result<std::vector<CounterRecord>> ListCounters(const Actor& actor, std::int64_t staff_id) = 0;
  // submit (draft → pending), approve (the offers' chain; the last approval
  // reserves the compute on the ledger or is refused with its reason), reject
  // (→ draft, note required), present (approved → sent), withdraw.
  virtual Result<CounterRecord> ActOnCounter(const Actor& actor, std::int64_t counter_id, std::int64_t expected_version,
                                             CounterAction action, const std::string& note) = 0;
  // Stayed or left (to whom): closes the open counter (stayed: accepted, its
  // compute committed; left: declined, released) and keeps anonymous features.
  virtual Result<RetentionOutcome> RecordRetentionOutcome(const Actor& actor, std::int64_t staff_id,
                                                          const std::string& outcome,
                                                          const std::string& to_company) = 0;
  virtual Result<std::vector<RetentionOutcome>> ListRetentionOutcomes(const Actor& actor, std::int64_t staff_id) = 0;
};

}  // namespace st::store
