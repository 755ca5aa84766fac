// Personal-data export and erasure (RELIABILITY.md 4) of SqlStore.
#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "store/person_json.h"
#include "store/sql_store.h"

namespace st::store {
namespace {

using campaign::HasPermission;
using campaign::Permission;
using campaign::RoleName;

}  // namespace

Result<std::string> SqlStore::ExportPerson(const Actor& actor, std::int64_t id) {
  if (!HasPermission(actor.role, Permission::kExportPerson))
    return Status::Forbidden("role " + std::string(RoleName(actor.role)) + " may not export personal data");
  Person person;
  std::vector<Activity> activities;
  std::string offers_json;
  ST_RETURN_IF_ERROR(WithTx(false, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(person, LoadPerson(c, id));
    ST_ASSIGN_OR_RETURN(offers_json, ExportOffersJson(c, id));
    SqlValue p[] = {id};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT id, at, user_id, actor, kind, person_id, summary FROM activities "
                                           "WHERE person_id = $1 ORDER BY id",
                                           p));
    for (const SqlRow& r : rows)
      activities.push_back({r.Int(0), r.Int(1), r.Int(2), r.Text(3), r.Text(4), r.Int(5), person.name, r.Text(6)});
    return Status::Ok();
  }));
  // History and notes read in their own snapshots; an export racing an edit
  // may differ by that edit, which the audit trail shows.
  ST_ASSIGN_OR_RETURN(auto history, ListStageHistory(actor, id));
  ST_ASSIGN_OR_RETURN(NotePage notes, ListNotes(actor, id, 0, 0));
  std::string doc = ExportJson(person, history, notes.notes, activities, Now());
  ST_RETURN_IF_ERROR(WithTx(false, [&](SqlConn& c) { return AddPlacesToExport(c, id, &doc); }));
  ST_RETURN_IF_ERROR(WithTx(false, [&](SqlConn& c) { return AddWatchToExport(c, id, &doc); }));  // alerts (issue 11)
  ST_RETURN_IF_ERROR(WithTx(false, [&](SqlConn& c) { return AddDealsToExport(c, id, &doc); }));  // deals: role, notes
  ST_ASSIGN_OR_RETURN(doc, AddOutreachToExport(id, doc));
  ST_RETURN_IF_ERROR(AddComputeToExport(id, doc));  // compute promises (sql_store_compute.cc)
  // Offers and letters (issue 10): every version's terms, approvals, links sent, outcomes.
  auto full = nlohmann::json::parse(doc);
  full["offers"] = nlohmann::json::parse(offers_json);
  doc = full.dump(2);
  ST_RETURN_IF_ERROR(
      WithTx(true, [&](SqlConn& c) { return AddAudit(c, actor, "person.export", PersonTarget(id), "", ""); }));
  return doc;
}

Status SqlStore::ErasePerson(const Actor& actor, std::int64_t id) {
  if (!HasPermission(actor.role, Permission::kErasePerson))
    return Status::Forbidden("role " + std::string(RoleName(actor.role)) + " may not erase personal data");
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(Person person, LoadPerson(c, id));
    SqlValue p[] = {id};
    ST_RETURN_IF_ERROR(EraseOffers(c, actor, id));
    ST_RETURN_IF_ERROR(EraseWatch(c, id));  // alerts and follows about the person (issue 11)
    ST_RETURN_IF_ERROR(EraseFromDeals(c, actor, id));  // deal lines and their kept versions
    ST_RETURN_IF_ERROR(c.Exec("DELETE FROM activities WHERE person_id = $1", p));
    ST_RETURN_IF_ERROR(ForgetOutreachAddresses(c, id));
    ST_RETURN_IF_ERROR(DetachComputeFromPerson(c, id));  // promises stay in the ledger, unnamed
    // Notes, history, topics and tags go with the row (ON DELETE CASCADE).
    ST_RETURN_IF_ERROR(c.Exec("DELETE FROM people WHERE id = $1", p));
    // The audit trail stays (who did what, when) but loses the personal fields.
    SqlValue t[] = {PersonTarget(id)};
    ST_ASSIGN_OR_RETURN(auto audit, c.Query("SELECT id, before_json, after_json FROM audit_log WHERE target = $1", t));
    for (const SqlRow& r : audit) {
      SqlValue u[] = {RedactAuditJson(r.Text(1)), RedactAuditJson(r.Text(2)), r.Int(0)};
      ST_RETURN_IF_ERROR(c.Exec("UPDATE audit_log SET before_json = $1, after_json = $2 WHERE id = $3", u));
    }
    const std::string summary = "{\"id\":" + std::to_string(id) + ",\"stage\":\"" +
                                std::string(campaign::StageName(person.stage)) + "\",\"redacted\":true}";
    ST_RETURN_IF_ERROR(AddAudit(c, actor, "person.erase", PersonTarget(id), summary, ""));
    return AddActivity(c, actor, "person_erased", id, "personal data erased");
  }));
  // Scrub old page images: with secure_delete the database pages are zeroed,
  // but earlier WAL frames still hold the deleted bytes until a checkpoint
  // copies the new pages back and truncates the log.
  auto conn = Acquire();
  if (!conn.ok()) return Status::Ok();  // the erasure itself is committed
  if (dialect_ == Dialect::kSqlite) {
    // A checkpoint cannot finish while a reader still uses an older snapshot;
    // busy readers are short, so retry for up to ~2 s. If it still cannot
    // finish, the next automatic checkpoint overwrites the frames later.
    for (int attempt = 0; attempt < 20; ++attempt) {
      auto r = (*conn)->Query("PRAGMA wal_checkpoint(TRUNCATE)", {});
      if (r.ok() && !r->empty() && (*r)[0].Int(0) == 0) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  } else {
    // Dead tuples keep the bytes until VACUUM reclaims them (best effort:
    // needs table ownership, and cannot reach PostgreSQL's own WAL archive).
    (void)(*conn)->ExecScript("VACUUM people, person_topics, person_tags, notes, stage_history, activities, audit_log, outreach_messages, "
                                 "outreach_drafts, outreach_draft_versions, outreach_threads, outreach_suppression");
    (void)(*conn)->ExecScript("VACUUM people, person_topics, person_tags, notes, stage_history, activities, audit_log, offers, offer_versions, offer_approvals, offer_links, offer_outcomes");
    (void)(*conn)->ExecScript("VACUUM deal_people, deal_versions");  // deals: the erased lines
  }
  Release(std::move(*conn));
  return Status::Ok();
}

}  // namespace st::store
