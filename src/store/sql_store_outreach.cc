// Outreach in SqlStore (issue 9): the sender's mailbox, drafts and their versions, threads, the outbox and
// what comes back, the suppression list. The rules (what may be sent, when a sequence stops) live in
// src/outreach; this file makes each step one transaction with its audit entry and timeline activity.
#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>

#include "outreach/draft.h"
#include "outreach/mailbox_config.h"
#include "outreach/mime.h"
#include "outreach/optout.h"
#include "outreach/sequence.h"
#include "store/sql_store.h"

namespace st::store {
namespace {

using campaign::CanEditPerson;
using campaign::RoleName;
using outreach::Draft;
using outreach::Message;
using outreach::SendStatus;
using outreach::SendStatusName;
using nlohmann::json;

// The sender loop acts as the system on behalf of the CEO who approved the message.
Actor SystemActor() { return Actor{0, "outreach", Role::kCeo, ""}; }

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// BLAKE2b of the lower-cased address: what the suppression list keeps after an erasure.
std::string AddressHash(const std::string& address) {
  const std::string a = Lower(address);
  unsigned char h[32];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(a.data()), a.size(), nullptr, 0);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

Status Forbidden(const Actor& a, std::string_view what) {
  return Status::Forbidden("role " + std::string(RoleName(a.role)) + " may not " + std::string(what));
}

const char* kMailboxCols =
    "id, user_id, display_name, address, reply_to, transport, smtp_url, imap_url, username, password_sealed, "
    "ca_file, maildir, imap_uid_validity, imap_last_uid, last_error, last_error_at, version, updated_at, "
    "daily_cap, window_start_hour, window_end_hour";

outreach::Mailbox RowToMailbox(const SqlRow& r) {
  outreach::Mailbox m;
  m.id = r.Int(0);
  m.user_id = r.Int(1);
  m.display_name = r.Text(2);
  m.address = r.Text(3);
  m.reply_to = r.Text(4);
  m.transport = r.Text(5);
  m.smtp_url = r.Text(6);
  m.imap_url = r.Text(7);
  m.username = r.Text(8);
  m.password_sealed = r.Text(9);
  m.ca_file = r.Text(10);
  m.maildir = r.Text(11);
  m.imap_uid_validity = r.Int(12);
  m.imap_last_uid = r.Int(13);
  m.last_error = r.Text(14);
  m.last_error_at = r.Int(15);
  m.version = r.Int(16);
  m.updated_at = r.Int(17);
  m.daily_cap = static_cast<int>(r.Int(18));
  m.window_start_hour = static_cast<int>(r.Int(19));
  m.window_end_hour = static_cast<int>(r.Int(20));
  return m;
}

const char* kDraftCols =
    "id, person_id, kind, COALESCE(thread_id, 0), subject, body, status, version, created_by, updated_by, "
    "created_at, updated_at, message_id";

Draft RowToDraft(const SqlRow& r) {
  Draft d;
  d.id = r.Int(0);
  d.person_id = r.Int(1);
  d.kind = r.Text(2);
  d.thread_id = r.Int(3);
  d.subject = r.Text(4);
  d.body = r.Text(5);
  d.status = r.Text(6);
  d.version = r.Int(7);
  d.created_by = r.Text(8);
  d.updated_by = r.Text(9);
  d.created_at = r.Int(10);
  d.updated_at = r.Int(11);
  d.message_id = r.Int(12);
  return d;
}

const char* kMessageCols =
    "id, COALESCE(thread_id, 0), person_id, mailbox_id, direction, channel, kind, COALESCE(message_id, ''), "
    "in_reply_to, refs, from_address, to_address, subject, body, mime, status, attempts, next_attempt_at, "
    "last_error, created_at, sent_at, approved_by";

Message RowToMessage(const SqlRow& r) {
  Message m;
  m.id = r.Int(0);
  m.thread_id = r.Int(1);
  m.person_id = r.Int(2);
  m.mailbox_id = r.Int(3);
  m.direction = r.Text(4);
  m.channel = r.Text(5);
  m.kind = r.Text(6);
  m.message_id = r.Text(7);
  m.in_reply_to = r.Text(8);
  m.references = r.Text(9);
  m.from_address = r.Text(10);
  m.to_address = r.Text(11);
  m.subject = r.Text(12);
  m.body = r.Text(13);
  m.mime = r.Text(14);
  m.status = r.Text(15);
  m.attempts = static_cast<int>(r.Int(16));
  m.next_attempt_at = r.Int(17);
  m.last_error = r.Text(18);
  m.created_at = r.Int(19);
  m.sent_at = r.Int(20);
  m.approved_by = r.Text(21);
  return m;
}

const char* kThreadCols =
    "t.id, t.person_id, t.mailbox_id, t.to_address, t.to_name, t.state, t.stop_reason, t.time_zone, "
    "t.follow_ups_queued, t.first_subject, t.started_at, t.updated_at, "
    "(SELECT COALESCE(MAX(sent_at), 0) FROM outreach_messages m WHERE m.thread_id = t.id AND m.direction = 'out' "
    "AND m.status = 'sent'), "
    "(SELECT COUNT(*) FROM outreach_messages m WHERE m.thread_id = t.id AND m.direction = 'out' "
    "AND m.status IN ('queued', 'retry', 'sending', 'unknown'))";

outreach::Thread RowToThread(const SqlRow& r) {
  outreach::Thread t;
  t.id = r.Int(0);
  t.person_id = r.Int(1);
  t.mailbox_id = r.Int(2);
  t.to_address = r.Text(3);
  t.to_name = r.Text(4);
  t.state = r.Text(5);
  t.stop_reason = r.Text(6);
  t.time_zone = r.Text(7);
  t.follow_ups_queued = static_cast<int>(r.Int(8));
  t.first_subject = r.Text(9);
  t.started_at = r.Int(10);
  t.updated_at = r.Int(11);
  t.last_sent_at = r.Int(12);
  t.has_pending = r.Int(13) > 0;
  return t;
}

struct PersonRow {
  std::string name, stage, email;
  std::int64_t owner = 0;
};

Result<PersonRow> LoadPersonRow(SqlConn& c, std::int64_t id) {
  SqlValue p[] = {id};
  ST_ASSIGN_OR_RETURN(auto rows,
                      c.Query("SELECT name, stage, email, COALESCE(owner_user_id, 0) FROM people WHERE id = $1", p));
  if (rows.empty()) return Status::NotFound("person " + std::to_string(id) + " not found");
  return PersonRow{rows[0].Text(0), rows[0].Text(1), rows[0].Text(2), rows[0].Int(3)};
}

Status CheckDraftText(const std::string& subject, const std::string& body) {
  ST_RETURN_IF_ERROR(outreach::CheckHeaderValue("subject", subject));
  if (subject.size() > 500) return Status::InvalidInput("field 'subject': longer than 500 bytes");
  if (body.size() > 20000) return Status::InvalidInput("field 'body': longer than 20,000 bytes");
  if (body.find('\0') != std::string::npos) return Status::InvalidInput("field 'body': contains a NUL character");
  return Status::Ok();
}

}  // namespace

// ------------------------------------------------------------------------------------------------ mailboxes

Result<outreach::Mailbox> SqlStore::PutMailbox(const Actor& actor, const outreach::MailboxInput& in,
                                               std::int64_t expected_version) {
  if (actor.role != Role::kCeo || actor.user_id <= 0) return Forbidden(actor, "configure the sending mailbox");
  ST_RETURN_IF_ERROR(outreach::ValidateMailboxInput(in, expected_version == 0));
  outreach::Mailbox out;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    const std::int64_t now = Now();
    SqlValue u[] = {actor.user_id};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT version FROM outreach_mailboxes WHERE user_id = $1", u));
    const std::int64_t current = rows.empty() ? 0 : rows[0].Int(0);
    if (current != expected_version)
      return Status::Conflict("the mailbox was changed by someone else (version " + std::to_string(current) +
                              ", you sent " + std::to_string(expected_version) + ")");
    if (rows.empty()) {
      SqlValue v[] = {actor.user_id, in.display_name, in.address, in.reply_to, in.transport, in.smtp_url,
                      in.imap_url,   in.username,     in.password_sealed, in.ca_file, in.maildir, now,
                      std::int64_t{in.daily_cap}, std::int64_t{in.window_start_hour}, std::int64_t{in.window_end_hour}};
      ST_RETURN_IF_ERROR(c.Exec(
          "INSERT INTO outreach_mailboxes (user_id, display_name, address, reply_to, transport, smtp_url, imap_url, "
          "username, password_sealed, ca_file, maildir, version, updated_at, daily_cap, window_start_hour, "
          "window_end_hour) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,1,$12,$13,$14,$15)",
          v));
    } else {
      // A changed server or login starts the IMAP position and the error afresh.
      SqlValue v[] = {in.display_name, in.address, in.reply_to, in.transport, in.smtp_url, in.imap_url,
                      in.username,     in.password_sealed, in.ca_file, in.maildir, now, actor.user_id,
                      std::int64_t{in.daily_cap}, std::int64_t{in.window_start_hour}, std::int64_t{in.window_end_hour}};
      ST_RETURN_IF_ERROR(c.Exec(
          "UPDATE outreach_mailboxes SET display_name=$1, address=$2, reply_to=$3, transport=$4, smtp_url=$5, "
          "imap_url=$6, username=$7, password_sealed=CASE WHEN $8 = '' THEN password_sealed ELSE $8 END, "
          "ca_file=$9, maildir=$10, last_error='', last_error_at=0, daily_cap=$13, window_start_hour=$14, "
          "window_end_hour=$15, "
          "imap_uid_validity=CASE WHEN imap_url = $6 THEN imap_uid_validity ELSE 0 END, "
          "imap_last_uid=CASE WHEN imap_url = $6 THEN imap_last_uid ELSE 0 END, "
          "version=version+1, updated_at=$11 WHERE user_id=$12",
          v));
    }
    ST_ASSIGN_OR_RETURN(auto after, c.Query(std::string("SELECT ") + kMailboxCols +
                                                " FROM outreach_mailboxes WHERE user_id = $1",
                                            u));
    out = RowToMailbox(after[0]);
    json audit = {{"address", in.address},          {"display_name", in.display_name}, {"transport", in.transport},
                  {"smtp_url", in.smtp_url},         {"imap_url", in.imap_url},         {"username", in.username},
                  {"password_changed", !in.password_sealed.empty()}, {"version", out.version},
                  {"daily_cap", in.daily_cap}, {"window", {in.window_start_hour, in.window_end_hour}}};
    return AddAudit(c, actor, "outreach.mailbox", "mailbox:" + std::to_string(out.id), "", audit.dump());
  }));
  return out;
}

Result<std::optional<outreach::Mailbox>> SqlStore::GetMailbox(const Actor& actor, std::int64_t user_id) {
  if (actor.role != Role::kCeo) return Forbidden(actor, "read the sending mailbox");
  std::optional<outreach::Mailbox> out;
  ST_RETURN_IF_ERROR(WithConn([&](SqlConn& c) -> Status {
    SqlValue u[] = {user_id};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query(std::string("SELECT ") + kMailboxCols +
                                               " FROM outreach_mailboxes WHERE user_id = $1",
                                           u));
    if (!rows.empty()) out = RowToMailbox(rows[0]);
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<outreach::Mailbox>> SqlStore::ListMailboxes() {
  std::vector<outreach::Mailbox> out;
  ST_RETURN_IF_ERROR(WithConn([&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(auto rows,
                        c.Query(std::string("SELECT ") + kMailboxCols + " FROM outreach_mailboxes ORDER BY id", {}));
    for (const SqlRow& r : rows) out.push_back(RowToMailbox(r));
    return Status::Ok();
  }));
  return out;
}

Status SqlStore::UpdateMailboxState(std::int64_t mailbox_id, const std::string& last_error,
                                    std::int64_t uid_validity, std::int64_t last_uid) {
  return WithTx(true, [&](SqlConn& c) {
    SqlValue v[] = {last_error, Now(), uid_validity, last_uid, mailbox_id};
    return c.Exec("UPDATE outreach_mailboxes SET last_error=$1, last_error_at=CASE WHEN $1 = '' THEN 0 ELSE $2 END, "
                  "imap_uid_validity=$3, imap_last_uid=$4 WHERE id=$5",
                  v);
  });
}

// ------------------------------------------------------------------------------------------------ drafts

Result<Draft> SqlStore::SaveDraft(const Actor& actor, const Draft& in, std::int64_t expected_version) {
  if (actor.role == Role::kViewer) return Forbidden(actor, "write drafts");
  ST_RETURN_IF_ERROR(CheckDraftText(in.subject, in.body));
  if (!outreach::ParseDraftKind(in.kind)) return Status::InvalidInput("field 'kind': must be 'first' or 'follow_up'");
  Draft out;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    const std::int64_t now = Now();
    std::int64_t id = in.id;
    std::int64_t person_id = in.person_id;
    std::int64_t version = 1;
    if (id != 0) {
      SqlValue p[] = {id};
      ST_ASSIGN_OR_RETURN(auto rows, c.Query(std::string("SELECT ") + kDraftCols + " FROM outreach_drafts WHERE id = $1", p));
      if (rows.empty()) return Status::NotFound("draft " + std::to_string(id) + " not found");
      Draft before = RowToDraft(rows[0]);
      person_id = before.person_id;
      if (before.status != "draft")
        return Status::Conflict("draft " + std::to_string(id) + " is " + before.status + " and can no longer change");
      if (before.version != expected_version)
        return Status::Conflict("draft " + std::to_string(id) + " was changed by someone else (version " +
                                std::to_string(before.version) + ", you sent " + std::to_string(expected_version) + ")");
      version = before.version + 1;
    }
    ST_ASSIGN_OR_RETURN(PersonRow person, LoadPersonRow(c, person_id));
    if (!CanEditPerson(actor.role, actor.user_id, person.owner))
      return Status::Forbidden("person " + std::to_string(person_id) + " is owned by another recruiter");
    std::int64_t thread_id = in.thread_id;
    if (in.kind == "follow_up") {
      SqlValue t[] = {thread_id, person_id};
      ST_ASSIGN_OR_RETURN(auto th, c.Query("SELECT id FROM outreach_threads WHERE id = $1 AND person_id = $2", t));
      if (th.empty()) return Status::InvalidInput("field 'thread_id': a follow-up needs one of the person's threads");
    } else {
      thread_id = 0;
    }
    SqlValue thread_value;
    if (thread_id != 0) thread_value = thread_id;
    if (id == 0) {
      SqlValue v[] = {person_id, in.kind, thread_value, in.subject, in.body, actor.username, now};
      ST_ASSIGN_OR_RETURN(auto rows, c.Query("INSERT INTO outreach_drafts (person_id, kind, thread_id, subject, body, "
                                             "status, version, created_by, updated_by, created_at, updated_at) "
                                             "VALUES ($1,$2,$3,$4,$5,'draft',1,$6,$6,$7,$7) RETURNING id",
                                             v));
      id = rows[0].Int(0);
    } else {
      SqlValue v[] = {in.subject, in.body, actor.username, now, id, expected_version};
      ST_ASSIGN_OR_RETURN(auto rows, c.Query("UPDATE outreach_drafts SET subject=$1, body=$2, updated_by=$3, "
                                             "updated_at=$4, version=version+1 WHERE id=$5 AND version=$6 RETURNING id",
                                             v));
      if (rows.empty()) return Status::Conflict("draft " + std::to_string(id) + " was changed by someone else");
    }
    SqlValue hv[] = {id, version, in.subject, in.body, actor.username, now};
    ST_RETURN_IF_ERROR(c.Exec("INSERT INTO outreach_draft_versions (draft_id, version, subject, body, actor, at) "
                              "VALUES ($1,$2,$3,$4,$5,$6)",
                              hv));
    SqlValue p[] = {id};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query(std::string("SELECT ") + kDraftCols + " FROM outreach_drafts WHERE id = $1", p));
    out = RowToDraft(rows[0]);
    ST_RETURN_IF_ERROR(AddAudit(c, actor, "outreach.draft", PersonTarget(person_id), "",
                                json{{"draft_id", id}, {"version", version}}.dump()));
    return AddActivity(c, actor, "outreach", person_id, version == 1 ? "draft written" : "draft edited");
  }));
  return out;
}

Result<Draft> SqlStore::GetDraft(const Actor& actor, std::int64_t draft_id) {
  Draft out;
  ST_RETURN_IF_ERROR(WithTx(false, [&](SqlConn& c) -> Status {
    SqlValue p[] = {draft_id};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query(std::string("SELECT ") + kDraftCols + " FROM outreach_drafts WHERE id = $1", p));
    if (rows.empty()) return Status::NotFound("draft " + std::to_string(draft_id) + " not found");
    out = RowToDraft(rows[0]);
    if (actor.role == Role::kViewer) return Forbidden(actor, "read drafts");
    ST_ASSIGN_OR_RETURN(PersonRow person, LoadPersonRow(c, out.person_id));
    if (actor.role == Role::kRecruiter && !CanEditPerson(actor.role, actor.user_id, person.owner))
      return Status::Forbidden("person " + std::to_string(out.person_id) + " is owned by another recruiter");
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<outreach::DraftVersion>> SqlStore::ListDraftVersions(const Actor& actor, std::int64_t draft_id) {
  ST_RETURN_IF_ERROR(GetDraft(actor, draft_id).status());
  std::vector<outreach::DraftVersion> out;
  ST_RETURN_IF_ERROR(WithConn([&](SqlConn& c) -> Status {
    SqlValue p[] = {draft_id};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT version, subject, body, actor, at FROM outreach_draft_versions "
                                           "WHERE draft_id = $1 ORDER BY version",
                                           p));
    for (const SqlRow& r : rows) out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Int(4)});
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<outreach::QueueItem>> SqlStore::ListDraftQueue(const Actor& actor) {
  if (actor.role != Role::kCeo) return Forbidden(actor, "see the approval queue");
  std::vector<outreach::QueueItem> out;
  ST_RETURN_IF_ERROR(WithConn([&](SqlConn& c) -> Status {
    std::string sql = "SELECT d.id, d.person_id, d.kind, COALESCE(d.thread_id, 0), d.subject, d.body, d.status, "
                      "d.version, d.created_by, d.updated_by, d.created_at, d.updated_at, d.message_id, "
                      "p.name, COALESCE(o.name, ''), p.title, p.email, p.stage, p.m_citations, "
                      "p.m_h_index, COALESCE(u.username, '') "
                      "FROM outreach_drafts d JOIN people p ON p.id = d.person_id "
                      "LEFT JOIN organisations o ON o.id = p.org_id LEFT JOIN users u ON u.id = p.owner_user_id "
                      "WHERE d.status = 'draft' ORDER BY d.updated_at, d.id LIMIT 500";
    ST_ASSIGN_OR_RETURN(auto rows, c.Query(sql, {}));
    for (const SqlRow& r : rows) {
      outreach::QueueItem q;
      q.draft = RowToDraft(r);
      q.person_name = r.Text(13);
      q.org = r.Text(14);
      q.title = r.Text(15);
      q.email = r.Text(16);
      q.stage = r.Text(17);
      if (!r.IsNull(18)) q.citations = r.Int(18);  // NULL: no paper with a known count
      if (!r.IsNull(19)) q.h_index = r.Int(19);
      q.owner = r.Text(20);
      out.push_back(std::move(q));
    }
    return Status::Ok();
  }));
  return out;
}

Status SqlStore::DiscardDraft(const Actor& actor, std::int64_t draft_id, std::int64_t expected_version) {
  ST_ASSIGN_OR_RETURN(Draft d, GetDraft(actor, draft_id));
  return WithTx(true, [&](SqlConn& c) -> Status {
    SqlValue v[] = {actor.username, Now(), draft_id, expected_version};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("UPDATE outreach_drafts SET status='discarded', updated_by=$1, updated_at=$2, "
                                           "version=version+1 WHERE id=$3 AND version=$4 AND status='draft' RETURNING id",
                                           v));
    if (rows.empty()) return Status::Conflict("draft " + std::to_string(draft_id) + " changed or is no longer a draft");
    ST_RETURN_IF_ERROR(AddAudit(c, actor, "outreach.discard", PersonTarget(d.person_id), "",
                                json{{"draft_id", draft_id}}.dump()));
    return AddActivity(c, actor, "outreach", d.person_id, "draft discarded");
  });
}

// ------------------------------------------------------------------------------------------------ outbox

Result<Message> SqlStore::InsertOutgoing(SqlConn& c, std::int64_t thread_id, std::int64_t person_id,
                                         const std::string& kind, const outreach::OutgoingRecord& out,
                                         const std::string& approved_by) {
  SqlValue mb[] = {out.mailbox_id};
  ST_ASSIGN_OR_RETURN(auto box, c.Query("SELECT address FROM outreach_mailboxes WHERE id = $1", mb));
  if (box.empty()) return Status::InvalidInput("field 'mailbox': no such mailbox");
  const std::int64_t now = Now();
  // thread 0: a message outside any sequence (an event invitation), NULL in the table.
  SqlValue v[] = {thread_id ? SqlValue(thread_id) : SqlValue(), person_id, out.mailbox_id, kind, out.message_id, out.in_reply_to,
                  out.references, box[0].Text(0), Lower(out.to_address), out.subject, out.body, out.mime, now,
                  approved_by,    std::max(now, out.not_before)};
  ST_ASSIGN_OR_RETURN(auto rows,
                      c.Query(std::string("INSERT INTO outreach_messages (thread_id, person_id, mailbox_id, direction, "
                                          "channel, kind, message_id, in_reply_to, refs, from_address, to_address, "
                                          "subject, body, mime, status, next_attempt_at, created_at, approved_by) "
                                          "VALUES ($1,$2,$3,'out','email',$4,$5,$6,$7,$8,$9,$10,$11,$12,'queued',$15,"
                                          "$13,$14) RETURNING ") + kMessageCols,
                              v));
  Message msg = RowToMessage(rows[0]);
  if (!out.optout_token_hash.empty()) {
    SqlValue t[] = {out.optout_token_hash, msg.id, person_id, now};
    ST_RETURN_IF_ERROR(c.Exec("INSERT INTO outreach_optout_tokens (token_hash, message_id, person_id, created_at) "
                              "VALUES ($1,$2,$3,$4)",
                              t));
  }
  return msg;
}

Result<Message> SqlStore::ApproveDraft(const Actor& actor, std::int64_t draft_id, std::int64_t expected_version,
                                       const outreach::OutgoingRecord& out) {
  if (actor.role != Role::kCeo) return Forbidden(actor, "approve and send as the CEO");
  if (!outreach::IsValidEmail(out.to_address))
    return Status::InvalidInput("field 'email': the candidate has no valid e-mail address");
  Message msg;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    SqlValue p[] = {draft_id};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query(std::string("SELECT ") + kDraftCols + " FROM outreach_drafts WHERE id = $1", p));
    if (rows.empty()) return Status::NotFound("draft " + std::to_string(draft_id) + " not found");
    Draft d = RowToDraft(rows[0]);
    if (d.status != "draft") return Status::Conflict("draft " + std::to_string(draft_id) + " is already " + d.status);
    if (d.version != expected_version)
      return Status::Conflict("draft " + std::to_string(draft_id) + " was changed by someone else (version " +
                              std::to_string(d.version) + ", you sent " + std::to_string(expected_version) + ")");
    ST_RETURN_IF_ERROR(outreach::CheckSendable(d.subject, d.body));
    ST_ASSIGN_OR_RETURN(bool suppressed, Suppressed(c, out.to_address));
    if (suppressed)
      return Status::InvalidInput("field 'email': the address is on the suppression list (opted out or bounced)");
    const std::int64_t now = Now();
    std::int64_t thread_id = d.thread_id;
    if (d.kind == "first") {
      SqlValue q[] = {d.person_id};
      ST_ASSIGN_OR_RETURN(auto active, c.Query("SELECT id FROM outreach_threads WHERE person_id = $1 AND state = 'active'", q));
      if (!active.empty())
        return Status::Conflict("person " + std::to_string(d.person_id) + " is already in an active sequence (thread " +
                                std::to_string(active[0].Int(0)) + ")");
      SqlValue t[] = {d.person_id, out.mailbox_id, Lower(out.to_address), out.to_name, out.time_zone, d.subject, now};
      ST_ASSIGN_OR_RETURN(auto created,
                          c.Query("INSERT INTO outreach_threads (person_id, mailbox_id, to_address, to_name, state, "
                                  "time_zone, first_subject, started_at, updated_at) "
                                  "VALUES ($1,$2,$3,$4,'active',$5,$6,$7,$7) RETURNING id",
                                  t));
      thread_id = created[0].Int(0);
    } else {
      SqlValue t[] = {thread_id};
      ST_ASSIGN_OR_RETURN(auto th, c.Query("SELECT state FROM outreach_threads WHERE id = $1", t));
      if (th.empty() || th[0].Text(0) != "active")
        return Status::Conflict("the sequence has stopped (" + (th.empty() ? std::string("gone") : th[0].Text(0)) +
                                "); the follow-up is not sent");
      ST_RETURN_IF_ERROR(c.Exec("UPDATE outreach_threads SET follow_ups_queued = follow_ups_queued + 1 WHERE id = $1", t));
    }
    outreach::OutgoingRecord rec = out;
    rec.subject = d.subject;
    rec.body = d.body;
    ST_ASSIGN_OR_RETURN(msg, InsertOutgoing(c, thread_id, d.person_id, d.kind, rec, actor.username));
    SqlValue u[] = {actor.username, now, msg.id, draft_id};
    ST_RETURN_IF_ERROR(c.Exec("UPDATE outreach_drafts SET status='approved', updated_by=$1, updated_at=$2, "
                              "message_id=$3, thread_id=(SELECT thread_id FROM outreach_messages WHERE id=$3), "
                              "version=version+1 WHERE id=$4",
                              u));
    ST_RETURN_IF_ERROR(AddAudit(c, actor, "outreach.approve", PersonTarget(d.person_id), "",
                                json{{"draft_id", draft_id}, {"message", msg.id}, {"recipient", msg.to_address}}.dump()));
    return AddActivity(c, actor, "outreach", d.person_id, "e-mail approved by " + actor.username);
  }));
  return msg;
}

Result<Message> SqlStore::QueueFollowUp(std::int64_t thread_id, const outreach::OutgoingRecord& out) {
  Message msg;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    SqlValue t[] = {thread_id};
    ST_ASSIGN_OR_RETURN(auto th, c.Query("SELECT state, person_id, to_address FROM outreach_threads WHERE id = $1", t));
    if (th.empty() || th[0].Text(0) != "active")
      return Status::Conflict("thread " + std::to_string(thread_id) + " is not active");
    ST_ASSIGN_OR_RETURN(auto pending, c.Query("SELECT COUNT(*) FROM outreach_messages WHERE thread_id = $1 AND "
                                              "direction = 'out' AND status IN ('queued','retry','sending','unknown')",
                                              t));
    if (pending[0].Int(0) > 0) return Status::Conflict("thread " + std::to_string(thread_id) + " has a message pending");
    ST_RETURN_IF_ERROR(c.Exec("UPDATE outreach_threads SET follow_ups_queued = follow_ups_queued + 1 WHERE id = $1", t));
    outreach::OutgoingRecord rec = out;
    rec.to_address = th[0].Text(2);
    ST_ASSIGN_OR_RETURN(msg, InsertOutgoing(c, thread_id, th[0].Int(1), "follow_up", rec, "sequence"));
    return AddActivity(c, SystemActor(), "outreach", th[0].Int(1), "follow-up queued");
  }));
  return msg;
}

Result<std::vector<Message>> SqlStore::DueMessages(std::int64_t now, int limit) {
  std::vector<Message> out;
  ST_RETURN_IF_ERROR(WithConn([&](SqlConn& c) -> Status {
    SqlValue v[] = {now, std::int64_t{std::clamp(limit, 1, 1000)}};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query(std::string("SELECT ") + kMessageCols +
                                               " FROM outreach_messages WHERE status IN ('queued','retry') AND "
                                               "direction = 'out' AND channel = 'email' AND next_attempt_at <= $1 "
                                               "ORDER BY id LIMIT $2",
                                           v));
    for (const SqlRow& r : rows) out.push_back(RowToMessage(r));
    return Status::Ok();
  }));
  return out;
}

Result<bool> SqlStore::ClaimForSending(std::int64_t message_id, const std::string& claim) {
  bool claimed = false;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    SqlValue p[] = {message_id};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT m.status, m.to_address, COALESCE(t.state, 'active'), p.stage, m.kind, "
                                           "m.person_id FROM outreach_messages m JOIN people p ON p.id = m.person_id "
                                           "LEFT JOIN outreach_threads t ON t.id = m.thread_id WHERE m.id = $1",
                                           p));
    if (rows.empty()) return Status::NotFound("message " + std::to_string(message_id) + " not found");
    const std::string status = rows[0].Text(0);
    if (status != "queued" && status != "retry") return Status::Ok();
    std::string cancel;
    ST_ASSIGN_OR_RETURN(bool suppressed, Suppressed(c, rows[0].Text(1)));
    const std::string stage = rows[0].Text(3);
    if (suppressed) cancel = "not sent: the address is on the suppression list";
    else if (rows[0].Text(2) != "active") cancel = "not sent: the sequence stopped (" + rows[0].Text(2) + ")";
    else if (rows[0].Text(4) == "follow_up" && stage != "identified" && stage != "contacted")
      cancel = "not sent: the candidate moved to " + stage;
    if (!cancel.empty()) {
      SqlValue v[] = {cancel, message_id};
      return c.Exec("UPDATE outreach_messages SET status='cancelled', last_error=$1 WHERE id=$2", v);
    }
    SqlValue v[] = {claim, Now(), message_id};
    ST_ASSIGN_OR_RETURN(auto upd, c.Query("UPDATE outreach_messages SET status='sending', attempts=attempts+1, claim=$1, "
                                          "claimed_at=$2 WHERE id=$3 AND status IN ('queued','retry') RETURNING id",
                                          v));
    claimed = !upd.empty();
    return Status::Ok();
  }));
  return claimed;
}

Status SqlStore::RecordSendResult(std::int64_t message_id, const outreach::OutboxTransition& t) {
  return WithTx(true, [&](SqlConn& c) -> Status {
    SqlValue p[] = {message_id};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query(std::string("SELECT ") + kMessageCols + " FROM outreach_messages WHERE id = $1", p));
    if (rows.empty()) return Status::NotFound("message " + std::to_string(message_id) + " not found");
    Message m = RowToMessage(rows[0]);
    const std::int64_t now = Now();
    const std::string status(SendStatusName(t.status));
    SqlValue v[] = {status, t.error, t.next_attempt_at, t.status == SendStatus::kSent ? now : std::int64_t{0}, message_id};
    ST_RETURN_IF_ERROR(c.Exec("UPDATE outreach_messages SET status=$1, last_error=$2, next_attempt_at=$3, sent_at=$4 "
                              "WHERE id=$5",
                              v));
    const Actor system = SystemActor();
    if (m.thread_id) {
      SqlValue tu[] = {now, m.thread_id};
      ST_RETURN_IF_ERROR(c.Exec("UPDATE outreach_threads SET updated_at=$1 WHERE id=$2", tu));
    }
    std::string summary;
    if (t.status == SendStatus::kSent) {
      summary = m.kind == "follow_up" ? "follow-up e-mail sent" : m.kind == "invitation" ? "invitation e-mailed" : "e-mail sent";
      // The first message moves the candidate from identified to contacted.
      SqlValue s[] = {now, m.person_id};
      ST_ASSIGN_OR_RETURN(auto moved, c.Query("UPDATE people SET stage='contacted', updated_at=$1, version=version+1 "
                                              "WHERE id=$2 AND stage='identified' RETURNING id",
                                              s));
      if (!moved.empty()) {
        SqlValue h[] = {m.person_id, now, system.username};
        ST_RETURN_IF_ERROR(c.Exec("INSERT INTO stage_history (person_id, from_stage, to_stage, at, user_id, actor, note) "
                                  "VALUES ($1,'identified','contacted',$2,0,$3,'first e-mail sent')",
                                  h));
        ST_RETURN_IF_ERROR(AddActivity(c, system, "stage", m.person_id, "identified → contacted"));
      }
    } else if (t.status == SendStatus::kUnknown) {
      summary = "e-mail outcome unknown — check the Sent folder";
    } else if (t.status == SendStatus::kFailed) {
      summary = t.bounce ? "e-mail bounced (address rejected)" : "e-mail failed";
      if (t.bounce) {
        ST_RETURN_IF_ERROR(InsertSuppression(c, m.to_address, "bounce"));
        if (m.thread_id) ST_RETURN_IF_ERROR(StopThreadTx(c, m.thread_id, "bounced", t.error));
      }
    }
    ST_RETURN_IF_ERROR(AddAudit(c, system, "outreach.send", PersonTarget(m.person_id), "",
                                json{{"message", message_id}, {"status", status}, {"attempts", m.attempts},
                                     {"error", t.error}}.dump()));
    if (!summary.empty()) ST_RETURN_IF_ERROR(AddActivity(c, system, "email", m.person_id, summary));
    return Status::Ok();
  });
}

Result<int> SqlStore::RecoverInterruptedSends(
    const std::function<bool(const std::string& claim, std::int64_t since)>& is_stale) {
  int recovered = 0;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT id, claim, claimed_at, person_id FROM outreach_messages "
                                           "WHERE status = 'sending'",
                                           {}));
    for (const SqlRow& r : rows) {
      if (!is_stale(r.Text(1), r.Int(2))) continue;
      const std::string error = std::string(outreach::kUnknownOutcome) +
                                " (the sender stopped between hand-over and record)";
      SqlValue v[] = {error, r.Int(0)};
      ST_RETURN_IF_ERROR(c.Exec("UPDATE outreach_messages SET status='unknown', last_error=$1 WHERE id=$2", v));
      ST_RETURN_IF_ERROR(AddAudit(c, SystemActor(), "outreach.send", PersonTarget(r.Int(3)), "",
                                  json{{"message", r.Int(0)}, {"status", "unknown"}}.dump()));
      ST_RETURN_IF_ERROR(AddActivity(c, SystemActor(), "email", r.Int(3), "e-mail outcome unknown — check the Sent folder"));
      ++recovered;
    }
    return Status::Ok();
  }));
  return recovered;
}

Result<std::int64_t> SqlStore::CountSentSince(std::int64_t mailbox_id, std::int64_t since) {
  std::int64_t n = 0;
  ST_RETURN_IF_ERROR(WithConn([&](SqlConn& c) -> Status {
    SqlValue v[] = {mailbox_id, since};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT COUNT(*) FROM outreach_messages WHERE mailbox_id = $1 AND "
                                           "direction = 'out' AND channel = 'email' AND claimed_at >= $2 AND "
                                           "status IN ('sent', 'sending', 'unknown')",
                                           v));
    n = rows[0].Int(0);
    return Status::Ok();
  }));
  return n;
}

// ------------------------------------------------------------------------------------------------ threads

Result<std::vector<outreach::ActiveThread>> SqlStore::ListActiveThreads() {
  std::vector<outreach::ActiveThread> out;
  ST_RETURN_IF_ERROR(WithTx(false, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(auto rows, c.Query(std::string("SELECT ") + kThreadCols +
                                               ", p.stage, "
                                               "(SELECT message_id FROM outreach_messages m WHERE m.thread_id = t.id "
                                               "AND m.direction = 'out' ORDER BY m.id LIMIT 1), "
                                               "(SELECT message_id FROM outreach_messages m WHERE m.thread_id = t.id "
                                               "AND m.direction = 'out' AND m.status = 'sent' ORDER BY m.id DESC LIMIT 1) "
                                               "FROM outreach_threads t JOIN people p ON p.id = t.person_id "
                                               "WHERE t.state = 'active' ORDER BY t.id",
                                           {}));
    for (const SqlRow& r : rows) {
      outreach::ActiveThread a;
      a.thread = RowToThread(r);
      a.person_stage = r.Text(14);
      a.root_message_id = r.Text(15);
      a.last_message_id = r.Text(16);
      ST_ASSIGN_OR_RETURN(a.suppressed, Suppressed(c, a.thread.to_address));
      out.push_back(std::move(a));
    }
    return Status::Ok();
  }));
  return out;
}

Status SqlStore::StopThreadTx(SqlConn& c, std::int64_t thread_id, const std::string& state, const std::string& reason) {
  SqlValue v[] = {state, reason, Now(), thread_id};
  ST_RETURN_IF_ERROR(c.Exec("UPDATE outreach_threads SET state=$1, stop_reason=$2, updated_at=$3 WHERE id=$4 AND "
                            "state='active'",
                            v));
  // Whatever was still waiting in the outbox for this thread will not go.
  SqlValue m[] = {"not sent: the sequence stopped (" + state + ")", thread_id};
  return c.Exec("UPDATE outreach_messages SET status='cancelled', last_error=$1 WHERE thread_id=$2 AND "
                "direction='out' AND status IN ('queued','retry')",
                m);
}

Status SqlStore::StopThread(std::int64_t thread_id, const std::string& state, const std::string& reason) {
  if (!outreach::ParseThreadState(state) || state == "active") return Status::InvalidInput("field 'state': not a stop state");
  return WithTx(true, [&](SqlConn& c) -> Status {
    ST_RETURN_IF_ERROR(StopThreadTx(c, thread_id, state, reason));
    SqlValue t[] = {thread_id};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT person_id FROM outreach_threads WHERE id = $1", t));
    if (rows.empty()) return Status::NotFound("thread " + std::to_string(thread_id) + " not found");
    return AddActivity(c, SystemActor(), "outreach", rows[0].Int(0), "sequence stopped: " + reason);
  });
}

Result<std::string> SqlStore::RecordInbound(const outreach::InboundMail& mail) {
  std::string outcome;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    if (!mail.message_id.empty()) {
      SqlValue p[] = {mail.message_id};
      ST_ASSIGN_OR_RETURN(auto dup, c.Query("SELECT id FROM outreach_messages WHERE message_id = $1", p));
      if (!dup.empty()) {
        outcome = "duplicate";
        return Status::Ok();
      }
    }
    // Match: our Message-IDs first (a DSN names the original), then the sender's (or bounced) address.
    std::int64_t thread_id = 0;
    std::vector<std::string> ids = mail.references;
    if (!mail.original_message_id.empty()) ids.insert(ids.begin(), mail.original_message_id);
    for (const std::string& id : ids) {
      SqlValue p[] = {id};
      ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT thread_id FROM outreach_messages WHERE message_id = $1 AND "
                                             "direction = 'out' AND thread_id IS NOT NULL",
                                             p));
      if (!rows.empty()) {
        thread_id = rows[0].Int(0);
        break;
      }
    }
    if (thread_id == 0) {
      const std::string addr = Lower(mail.bounce ? mail.bounce_recipient : mail.from_address);
      SqlValue p[] = {addr, mail.mailbox_id};
      ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT id FROM outreach_threads WHERE to_address = $1 AND mailbox_id = $2 "
                                             "ORDER BY id DESC LIMIT 1",
                                             p));
      if (!rows.empty()) thread_id = rows[0].Int(0);
    }
    if (thread_id == 0) {
      outcome = "unmatched";  // the CEO's other mail: not ours to store
      return Status::Ok();
    }
    SqlValue t[] = {thread_id};
    ST_ASSIGN_OR_RETURN(auto th, c.Query("SELECT person_id, to_address FROM outreach_threads WHERE id = $1", t));
    const std::int64_t person_id = th[0].Int(0);
    const std::string kind = mail.bounce ? "bounce" : mail.opt_out ? "opt_out" : mail.auto_reply ? "auto_reply" : "reply";
    const std::int64_t now = Now();
    std::string refs;
    for (const auto& r : mail.references) refs += (refs.empty() ? "" : " ") + r;
    SqlValue mid;
    if (!mail.message_id.empty()) mid = mail.message_id;
    SqlValue v[] = {thread_id, person_id, mail.mailbox_id, kind, mid, refs, Lower(mail.from_address),
                    mail.subject, mail.text, now};
    ST_RETURN_IF_ERROR(c.Exec("INSERT INTO outreach_messages (thread_id, person_id, mailbox_id, direction, channel, kind, "
                              "message_id, refs, from_address, to_address, subject, body, status, created_at, sent_at) "
                              "VALUES ($1,$2,$3,'in','email',$4,$5,$6,$7,'',$8,$9,'received',$10,$10)",
                              v));
    const Actor system = SystemActor();
    std::string summary;
    if (kind == "bounce") {
      ST_RETURN_IF_ERROR(InsertSuppression(c, th[0].Text(1), "bounce"));
      ST_RETURN_IF_ERROR(StopThreadTx(c, thread_id, "bounced", mail.bounce_status));
      summary = "e-mail bounced: " + mail.bounce_status;
    } else if (kind == "opt_out") {
      ST_RETURN_IF_ERROR(InsertSuppression(c, th[0].Text(1), "opt_out"));
      if (Lower(mail.from_address) != th[0].Text(1)) ST_RETURN_IF_ERROR(InsertSuppression(c, mail.from_address, "opt_out"));
      ST_RETURN_IF_ERROR(StopThreadTx(c, thread_id, "opted_out", "asked not to be contacted"));
      summary = "opted out of e-mail";
    } else if (kind == "auto_reply") {
      summary = "automatic reply received";
    } else {
      ST_RETURN_IF_ERROR(StopThreadTx(c, thread_id, "replied", "the candidate replied"));
      summary = "reply received";
    }
    if (kind == "reply" || kind == "opt_out") {
      // A reply (even a "no") is a reply: contacted → replied.
      SqlValue s[] = {now, person_id};
      ST_ASSIGN_OR_RETURN(auto moved, c.Query("UPDATE people SET stage='replied', updated_at=$1, version=version+1 "
                                              "WHERE id=$2 AND stage='contacted' RETURNING id",
                                              s));
      if (!moved.empty()) {
        SqlValue h[] = {person_id, now, system.username};
        ST_RETURN_IF_ERROR(c.Exec("INSERT INTO stage_history (person_id, from_stage, to_stage, at, user_id, actor, note) "
                                  "VALUES ($1,'contacted','replied',$2,0,$3,'reply received by e-mail')",
                                  h));
        ST_RETURN_IF_ERROR(AddActivity(c, system, "stage", person_id, "contacted → replied"));
      }
    }
    ST_RETURN_IF_ERROR(AddActivity(c, system, "email", person_id, summary));
    outcome = kind;
    return Status::Ok();
  }));
  return outcome;
}

Result<outreach::PersonOutreach> SqlStore::GetPersonOutreach(const Actor& actor, std::int64_t person_id) {
  outreach::PersonOutreach out;
  ST_RETURN_IF_ERROR(WithTx(false, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(PersonRow person, LoadPersonRow(c, person_id));
    if (actor.role == Role::kRecruiter && !CanEditPerson(actor.role, actor.user_id, person.owner))
      return Status::Forbidden("person " + std::to_string(person_id) + " is owned by another recruiter");
    SqlValue p[] = {person_id};
    if (actor.role != Role::kViewer) {
      ST_ASSIGN_OR_RETURN(auto drafts, c.Query(std::string("SELECT ") + kDraftCols +
                                                   " FROM outreach_drafts WHERE person_id = $1 AND status <> 'discarded' "
                                                   "ORDER BY id",
                                               p));
      for (const SqlRow& r : drafts) out.drafts.push_back(RowToDraft(r));
    }
    ST_ASSIGN_OR_RETURN(auto threads, c.Query(std::string("SELECT ") + kThreadCols +
                                                  " FROM outreach_threads t WHERE t.person_id = $1 ORDER BY t.id",
                                              p));
    for (const SqlRow& r : threads) out.threads.push_back(RowToThread(r));
    ST_ASSIGN_OR_RETURN(auto msgs, c.Query(std::string("SELECT ") + kMessageCols +
                                               " FROM outreach_messages WHERE person_id = $1 ORDER BY id",
                                           p));
    for (const SqlRow& r : msgs) {
      Message m = RowToMessage(r);
      m.mime.clear();  // the raw bytes stay in the outbox
      if (actor.role == Role::kViewer) {  // that contact happened, not what was said
        m.subject.clear();
        m.body.clear();
        m.last_error.clear();
        m.message_id.clear();
        m.in_reply_to.clear();
        m.references.clear();
      }
      out.messages.push_back(std::move(m));
    }
    if (actor.role == Role::kViewer)
      for (auto& t : out.threads) t.first_subject.clear();
    if (!person.email.empty()) {
      ST_ASSIGN_OR_RETURN(out.suppressed, Suppressed(c, person.email));
    }
    return Status::Ok();
  }));
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) {
    return AddAudit(c, actor, "outreach.view", PersonTarget(person_id), "", "");
  }));
  return out;
}

Result<Message> SqlStore::RecordWhatsApp(const Actor& actor, std::int64_t person_id, const std::string& text) {
  if (actor.role != Role::kCeo) return Forbidden(actor, "record messages sent as the CEO");
  if (text.size() > 4000) return Status::InvalidInput("field 'text': longer than 4,000 bytes");
  Message msg;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(PersonRow person, LoadPersonRow(c, person_id));
    (void)person;
    const std::int64_t now = Now();
    SqlValue pv[] = {person_id};
    ST_ASSIGN_OR_RETURN(auto phone, c.Query("SELECT phone FROM people WHERE id = $1", pv));
    SqlValue v[] = {person_id, phone[0].Text(0), text, now, actor.username};
    ST_ASSIGN_OR_RETURN(auto rows,
                        c.Query(std::string("INSERT INTO outreach_messages (person_id, mailbox_id, direction, channel, "
                                            "kind, from_address, to_address, subject, body, status, created_at, sent_at, "
                                            "approved_by) VALUES ($1,0,'out','whatsapp','first','',$2,'',$3,'sent',$4,$4,"
                                            "$5) RETURNING ") + kMessageCols,
                                v));
    msg = RowToMessage(rows[0]);
    SqlValue s[] = {now, person_id};
    ST_ASSIGN_OR_RETURN(auto moved, c.Query("UPDATE people SET stage='contacted', updated_at=$1, version=version+1 "
                                            "WHERE id=$2 AND stage='identified' RETURNING id",
                                            s));
    if (!moved.empty()) {
      SqlValue h[] = {person_id, now, actor.user_id, actor.username};
      ST_RETURN_IF_ERROR(c.Exec("INSERT INTO stage_history (person_id, from_stage, to_stage, at, user_id, actor, note) "
                                "VALUES ($1,'identified','contacted',$2,$3,$4,'sent via WhatsApp')",
                                h));
      ST_RETURN_IF_ERROR(AddActivity(c, actor, "stage", person_id, "identified → contacted"));
    }
    ST_RETURN_IF_ERROR(AddAudit(c, actor, "outreach.whatsapp", PersonTarget(person_id), "",
                                json{{"message", msg.id}}.dump()));
    return AddActivity(c, actor, "whatsapp", person_id, "sent via WhatsApp");
  }));
  return msg;
}

// ------------------------------------------------------------------------------------------------ suppression

Result<bool> SqlStore::Suppressed(SqlConn& c, const std::string& address) {
  SqlValue p[] = {AddressHash(address)};
  ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT 1 FROM outreach_suppression WHERE address_hash = $1", p));
  return !rows.empty();
}

Status SqlStore::InsertSuppression(SqlConn& c, const std::string& address, const std::string& reason) {
  if (address.empty()) return Status::Ok();
  ST_ASSIGN_OR_RETURN(bool already, Suppressed(c, address));
  if (already) return Status::Ok();
  SqlValue v[] = {AddressHash(address), Lower(address), reason, Now()};
  return c.Exec("INSERT INTO outreach_suppression (address_hash, address, reason, at) VALUES ($1,$2,$3,$4)", v);
}

Result<bool> SqlStore::IsSuppressed(const std::string& address) {
  bool out = false;
  ST_RETURN_IF_ERROR(WithConn([&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(out, Suppressed(c, address));
    return Status::Ok();
  }));
  return out;
}

Status SqlStore::Suppress(const Actor& actor, const std::string& address, const std::string& reason) {
  if (actor.role != Role::kCeo && actor.role != Role::kHr) return Forbidden(actor, "change the suppression list");
  if (!outreach::IsValidEmail(address)) return Status::InvalidInput("field 'address': not an e-mail address");
  return WithTx(true, [&](SqlConn& c) -> Status {
    ST_RETURN_IF_ERROR(InsertSuppression(c, address, reason));
    // Every active sequence to this address stops.
    SqlValue p[] = {Lower(address)};
    ST_ASSIGN_OR_RETURN(auto threads, c.Query("SELECT id FROM outreach_threads WHERE to_address = $1 AND state = 'active'", p));
    for (const SqlRow& r : threads) ST_RETURN_IF_ERROR(StopThreadTx(c, r.Int(0), "opted_out", reason));
    return AddAudit(c, actor, "outreach.suppress", "suppression:" + AddressHash(address).substr(0, 16), "",
                    json{{"reason", reason}}.dump());
  });
}

// ------------------------------------------------------------------------------------------------ dashboard

Result<std::vector<outreach::OutreachOrgStats>> SqlStore::GetOutreachStats(std::int64_t since) {
  std::map<std::string, std::pair<outreach::OutreachOrgStats, std::vector<std::int64_t>>> by_org;
  ST_RETURN_IF_ERROR(WithConn([&](SqlConn& c) -> Status {
    SqlValue p[] = {since};
    ST_ASSIGN_OR_RETURN(auto rows,
                        c.Query("SELECT COALESCE(o.name, ''), m.sent_at, "
                                "(SELECT MIN(r.sent_at) FROM outreach_messages r WHERE r.thread_id = m.thread_id AND "
                                "r.direction = 'in' AND r.kind IN ('reply', 'opt_out')) "
                                "FROM outreach_messages m JOIN people p ON p.id = m.person_id "
                                "LEFT JOIN organisations o ON o.id = p.org_id "
                                "WHERE m.direction = 'out' AND m.kind = 'first' AND m.status = 'sent' AND m.sent_at >= $1",
                                p));
    for (const SqlRow& r : rows) {
      auto& [stats, waits] = by_org[r.Text(0)];
      stats.org = r.Text(0);
      ++stats.sent;
      if (!r.IsNull(2)) {
        ++stats.replied;
        waits.push_back(std::max<std::int64_t>(0, r.Int(2) - r.Int(1)));
      }
    }
    return Status::Ok();
  }));
  std::vector<outreach::OutreachOrgStats> out;
  for (auto& [org, entry] : by_org) {
    auto& [stats, waits] = entry;
    if (!waits.empty()) {
      std::sort(waits.begin(), waits.end());
      stats.median_reply_seconds = outreach::MedianSeconds(waits);
      stats.reply_seconds = std::move(waits);
    }
    out.push_back(stats);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.sent > b.sent || (a.sent == b.sent && a.org < b.org); });
  return out;
}

}  // namespace st::store

namespace st::store {

Result<std::string> SqlStore::AddOutreachToExport(std::int64_t person_id, const std::string& doc) {
  json out = json::parse(doc, nullptr, /*allow_exceptions=*/false);
  if (!out.is_object()) return Status::Internal("export document is not an object");
  json drafts = json::array(), messages = json::array(), threads = json::array();
  ST_RETURN_IF_ERROR(WithTx(false, [&](SqlConn& c) -> Status {
    SqlValue p[] = {person_id};
    ST_ASSIGN_OR_RETURN(auto d, c.Query(std::string("SELECT ") + kDraftCols + " FROM outreach_drafts WHERE person_id = $1 ORDER BY id", p));
    for (const SqlRow& r : d) {
      Draft x = RowToDraft(r);
      drafts.push_back({{"id", x.id}, {"kind", x.kind}, {"status", x.status}, {"subject", x.subject}, {"body", x.body},
                        {"version", x.version}, {"created_by", x.created_by}, {"updated_at", x.updated_at}});
    }
    ST_ASSIGN_OR_RETURN(auto t, c.Query(std::string("SELECT ") + kThreadCols + " FROM outreach_threads t WHERE t.person_id = $1 ORDER BY t.id", p));
    for (const SqlRow& r : t) {
      outreach::Thread x = RowToThread(r);
      threads.push_back({{"id", x.id}, {"to_address", x.to_address}, {"state", x.state}, {"stop_reason", x.stop_reason},
                         {"time_zone", x.time_zone}, {"started_at", x.started_at}});
    }
    ST_ASSIGN_OR_RETURN(auto m, c.Query(std::string("SELECT ") + kMessageCols + " FROM outreach_messages WHERE person_id = $1 ORDER BY id", p));
    for (const SqlRow& r : m) {
      Message x = RowToMessage(r);
      messages.push_back({{"id", x.id}, {"direction", x.direction}, {"channel", x.channel}, {"kind", x.kind},
                          {"from", x.from_address}, {"recipient", x.to_address}, {"subject", x.subject},
                          {"body", x.body}, {"status", x.status}, {"created_at", x.created_at}, {"sent_at", x.sent_at}});
    }
    return Status::Ok();
  }));
  out["outreach"] = {{"drafts", drafts}, {"threads", threads}, {"messages", messages}};
  return out.dump();
}

Status SqlStore::ForgetOutreachAddresses(SqlConn& c, std::int64_t person_id) {
  SqlValue p[] = {person_id};
  ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT email FROM people WHERE id = $1 UNION "
                                         "SELECT to_address FROM outreach_threads WHERE person_id = $1 UNION "
                                         "SELECT from_address FROM outreach_messages WHERE person_id = $1 AND direction = 'in'",
                                         p));
  for (const SqlRow& r : rows) {
    if (r.Text(0).empty()) continue;
    SqlValue h[] = {AddressHash(r.Text(0))};
    ST_RETURN_IF_ERROR(c.Exec("UPDATE outreach_suppression SET address = NULL WHERE address_hash = $1", h));
  }
  return Status::Ok();
}

}  // namespace st::store

// ------------------------------------------------------------------------------------------------ opt-out link

namespace st::store {

Result<outreach::OptOutView> SqlStore::OptOutLink(const std::string& token, bool apply, const std::string& ip) {
  const Actor visitor{0, "opt-out link", Role::kViewer, ip};
  const Status unknown = Status::NotFound("this opt-out link is not known (it may have been erased)");
  outreach::OptOutView view;
  Status s = WithTx(true, [&](SqlConn& c) -> Status {
    if (!outreach::IsOptOutToken(token)) return unknown;
    SqlValue p[] = {outreach::OptOutTokenHash(token)};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT t.message_id, t.person_id, m.to_address, COALESCE(b.display_name, '') "
                                           "FROM outreach_optout_tokens t JOIN outreach_messages m ON m.id = t.message_id "
                                           "LEFT JOIN outreach_mailboxes b ON b.id = m.mailbox_id WHERE t.token_hash = $1",
                                           p));
    if (rows.empty()) return unknown;
    const std::int64_t message_id = rows[0].Int(0), person_id = rows[0].Int(1);
    const std::string address = rows[0].Text(2);
    view.masked_address = outreach::MaskAddress(address);
    view.sender_name = rows[0].Text(3);
    ST_ASSIGN_OR_RETURN(view.opted_out, Suppressed(c, address));
    if (!apply || view.opted_out) {
      return AddAudit(c, visitor, apply ? "outreach.optout_repeat" : "outreach.optout_view", PersonTarget(person_id), "",
                      json{{"message", message_id}}.dump());
    }
    // On the list for good: ApproveDraft, ClaimForSending and the sequence all check it, for every campaign.
    ST_RETURN_IF_ERROR(InsertSuppression(c, address, "opt_out_link"));
    SqlValue a[] = {Lower(address)};
    ST_ASSIGN_OR_RETURN(auto threads, c.Query("SELECT id FROM outreach_threads WHERE to_address = $1 AND state = 'active'", a));
    for (const SqlRow& r : threads) {
      ST_RETURN_IF_ERROR(StopThreadTx(c, r.Int(0), "opted_out", "opted out with the link in the e-mail"));
      ++view.stopped_sequences;
    }
    SqlValue u[] = {Now(), p[0]};
    ST_RETURN_IF_ERROR(c.Exec("UPDATE outreach_optout_tokens SET used_at = $1 WHERE token_hash = $2", u));
    view.opted_out = true;
    ST_RETURN_IF_ERROR(AddAudit(c, visitor, "outreach.optout_link", PersonTarget(person_id), "",
                                json{{"message", message_id}, {"stopped_sequences", view.stopped_sequences}}.dump()));
    return AddActivity(c, SystemActor(), "email", person_id, "opted out of e-mail (the link in the message)");
  });
  if (!s.ok()) {
    // Guesses are audited too, outside the rolled-back transaction.
    if (s.code() == StatusCode::kNotFound)
      (void)WithTx(true, [&](SqlConn& c) { return AddAudit(c, visitor, "outreach.optout_refused", "suppression:?", "", ""); });
    return s;
  }
  return view;
}

}  // namespace st::store

namespace st::store {

Result<std::vector<outreach::Thread>> SqlStore::ListLatestThreads() {
  std::vector<outreach::Thread> out;
  ST_RETURN_IF_ERROR(WithConn([&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(auto rows, c.Query(std::string("SELECT ") + kThreadCols +
                                               " FROM outreach_threads t WHERE t.id IN "
                                               "(SELECT MAX(id) FROM outreach_threads GROUP BY person_id) ORDER BY t.person_id",
                                           {}));
    for (const SqlRow& r : rows) {
      outreach::Thread t = RowToThread(r);
      t.to_address.clear();  // the board needs the state, not the address
      t.to_name.clear();
      t.first_subject.clear();
      out.push_back(std::move(t));
    }
    return Status::Ok();
  }));
  return out;
}

}  // namespace st::store
