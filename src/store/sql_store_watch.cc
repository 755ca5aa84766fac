// Watchlist of SqlStore (issue 11): follows, the graph versions diffed (each
// once: watch_runs.graph_version is UNIQUE), alerts per user and the digest
// bookkeeping. Alerts name graph authors, so they are personal data: a
// pipeline person's alerts go into their export and are deleted on erasure.
#include <nlohmann/json.hpp>

#include "store/sql_store.h"

namespace st::store {
namespace {

constexpr const char* kFollowColumns =
    "id, user_id, kind, author_key, label, search_text, search_org, since_year, top_n, created_at";
constexpr const char* kAlertColumns =
    "id, user_id, run_id, kind, COALESCE(person_id, 0), COALESCE(follow_id, 0), author_key, subject, title, evidence, "
    "created_at, COALESCE(read_at, 0), COALESCE(digested_at, 0)";

WatchFollow RowToFollow(const SqlRow& r) {
  WatchFollow f;
  f.id = r.Int(0);
  f.user_id = r.Int(1);
  f.kind = r.Text(2);
  f.author_key = r.Text(3);
  f.label = r.Text(4);
  f.search_text = r.Text(5);
  f.search_org = r.Text(6);
  f.since_year = static_cast<int>(r.Int(7));
  f.top = static_cast<int>(r.Int(8));
  f.created_at = r.Int(9);
  return f;
}

StoredAlert RowToAlert(const SqlRow& r) {
  StoredAlert a;
  a.id = r.Int(0);
  a.user_id = r.Int(1);
  a.run_id = r.Int(2);
  a.kind = r.Text(3);
  a.person_id = r.Int(4);
  a.follow_id = r.Int(5);
  a.author_key = r.Text(6);
  a.subject = r.Text(7);
  a.title = r.Text(8);
  a.evidence_json = r.Text(9);
  a.created_at = r.Int(10);
  a.read_at = r.Int(11);
  a.digested_at = r.Int(12);
  return a;
}

WatchRun RowToRun(const SqlRow& r) {
  return {r.Int(0), r.Text(1), r.Text(2), r.Int(3), r.Int(4), r.Int(5)};
}

nlohmann::json AlertJson(const StoredAlert& a) {
  nlohmann::json e = nlohmann::json::parse(a.evidence_json, nullptr, false);
  return {{"id", a.id},           {"kind", a.kind},       {"title", a.title},
          {"subject", a.subject}, {"author_key", a.author_key}, {"evidence", e.is_discarded() ? nlohmann::json() : e},
          {"created_at", a.created_at}, {"read", a.read_at != 0}};
}

}  // namespace

Result<std::vector<WatchFollow>> SqlStore::ListFollows(const Actor& actor) {
  std::vector<WatchFollow> out;
  ST_RETURN_IF_ERROR(WithConn([&](SqlConn& c) -> Status {
    SqlValue p[] = {actor.user_id};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query(std::string("SELECT ") + kFollowColumns +
                                               " FROM watch_follows WHERE user_id = $1 ORDER BY id",
                                           p));
    for (const SqlRow& r : rows) out.push_back(RowToFollow(r));
    return Status::Ok();
  }));
  return out;
}

Result<WatchFollow> SqlStore::AddFollow(const Actor& actor, const WatchFollow& in) {
  if (actor.user_id <= 0) return Status::Forbidden("follows belong to a signed-in user");
  if (in.kind != "author" && in.kind != "search") return Status::InvalidInput("field 'kind': author or search");
  ST_RETURN_IF_ERROR(campaign::CheckTextField("author_key", in.author_key, 300));
  ST_RETURN_IF_ERROR(campaign::CheckTextField("label", in.label, 300));
  ST_RETURN_IF_ERROR(campaign::CheckTextField("text", in.search_text, 500));
  ST_RETURN_IF_ERROR(campaign::CheckTextField("org", in.search_org, 200));
  if (in.kind == "author" && in.author_key.empty()) return Status::InvalidInput("field 'author_key': required");
  if (in.kind == "search" && in.search_text.empty() && in.search_org.empty())
    return Status::InvalidInput("field 'text': a saved search needs a topic or an org");
  if (in.kind == "search" && (in.top < 1 || in.top > 1000)) return Status::InvalidInput("field 'top': between 1 and 1000");
  WatchFollow out;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    const bool author = in.kind == "author";
    SqlValue q[] = {actor.user_id, in.kind, author ? in.author_key : std::string(), author ? std::string() : in.search_text,
                    author ? std::string() : in.search_org, std::int64_t{author ? 0 : in.since_year},
                    std::int64_t{author ? 0 : in.top}};
    ST_ASSIGN_OR_RETURN(auto dup, c.Query("SELECT id FROM watch_follows WHERE user_id = $1 AND kind = $2 AND "
                                          "author_key = $3 AND search_text = $4 AND search_org = $5 AND "
                                          "since_year = $6 AND top_n = $7",
                                          q));
    if (!dup.empty()) return Status::Conflict("already followed (follow " + std::to_string(dup[0].Int(0)) + ")");
    SqlValue p[] = {actor.user_id,
                    in.kind,
                    author ? in.author_key : std::string(),
                    in.label,
                    author ? std::string() : in.search_text,
                    author ? std::string() : in.search_org,
                    std::int64_t{author ? 0 : in.since_year},
                    std::int64_t{author ? 0 : in.top},
                    Now()};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("INSERT INTO watch_follows (user_id, kind, author_key, label, search_text, "
                                           "search_org, since_year, top_n, created_at) "
                                           "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING id",
                                           p));
    SqlValue id[] = {rows[0].Int(0)};
    ST_ASSIGN_OR_RETURN(auto back,
                        c.Query(std::string("SELECT ") + kFollowColumns + " FROM watch_follows WHERE id = $1", id));
    out = RowToFollow(back[0]);
    return AddAudit(c, actor, "watch.follow", "follow:" + std::to_string(out.id), "",
                    nlohmann::json{{"kind", out.kind}, {"author_key", out.author_key}, {"text", out.search_text},
                                   {"org", out.search_org}, {"since", out.since_year}, {"top", out.top}}
                        .dump());
  }));
  return out;
}

Status SqlStore::RemoveFollow(const Actor& actor, std::int64_t follow_id) {
  return WithTx(true, [&](SqlConn& c) -> Status {
    SqlValue p[] = {follow_id, actor.user_id};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("DELETE FROM watch_follows WHERE id = $1 AND user_id = $2 RETURNING id", p));
    if (rows.empty()) return Status::NotFound("follow " + std::to_string(follow_id) + " not found");
    return AddAudit(c, actor, "watch.unfollow", "follow:" + std::to_string(follow_id), "", "");
  });
}

Result<std::vector<WatchFollow>> SqlStore::ListAllFollows() {
  std::vector<WatchFollow> out;
  ST_RETURN_IF_ERROR(WithConn([&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT f.id, f.user_id, f.kind, f.author_key, f.label, f.search_text, "
                                           "f.search_org, f.since_year, f.top_n, f.created_at FROM watch_follows f "
                                           "JOIN users u ON u.id = f.user_id WHERE u.disabled = 0 ORDER BY f.id",
                                           {}));
    for (const SqlRow& r : rows) out.push_back(RowToFollow(r));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<WatchedPerson>> SqlStore::ListWatchedPeople() {
  std::vector<WatchedPerson> out;
  ST_RETURN_IF_ERROR(WithConn([&](SqlConn& c) -> Status {
    // Everyone in the pipeline that is linked to the graph (a stable source id),
    // and own staff kept as people; people who left the pipeline are not watched.
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT id, name, author_source_id, kind, COALESCE(owner_user_id, 0) "
                                           "FROM people WHERE author_source_id <> '' AND "
                                           "stage NOT IN ('declined', 'withdrawn') ORDER BY id",
                                           {}));
    for (const SqlRow& r : rows)
      out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3) == "staff", r.Int(4), 0});
    // Own staff whose graph link a person confirmed (migration 15): by the stable key, else by the
    // link's id (ResolveAuthorKey falls back to the name when that id is not an external one).
    ST_ASSIGN_OR_RETURN(auto staff, c.Query("SELECT id, name, CASE WHEN author_key <> '' THEN author_key ELSE "
                                            "author_id END FROM staff WHERE link_state = 'confirmed' AND "
                                            "author_id <> '' ORDER BY id",
                                            {}));
    for (const SqlRow& r : staff) out.push_back({0, r.Text(1), r.Text(2), true, 0, r.Int(0)});
    return Status::Ok();
  }));
  return out;
}

Result<std::optional<WatchRun>> SqlStore::FindWatchRun(const std::string& graph_version) {
  std::optional<WatchRun> out;
  ST_RETURN_IF_ERROR(WithConn([&](SqlConn& c) -> Status {
    SqlValue p[] = {graph_version};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT id, graph_version, previous_version, watched, alerts, created_at "
                                           "FROM watch_runs WHERE graph_version = $1",
                                           p));
    if (!rows.empty()) out = RowToRun(rows[0]);
    return Status::Ok();
  }));
  return out;
}

Result<WatchRun> SqlStore::RecordWatchRun(const WatchRun& run, const std::vector<StoredAlert>& alerts) {
  WatchRun out = run;
  const Actor system{0, "watch", campaign::Role::kCeo, ""};
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    SqlValue q[] = {run.graph_version};
    ST_ASSIGN_OR_RETURN(auto dup, c.Query("SELECT id FROM watch_runs WHERE graph_version = $1", q));
    if (!dup.empty())
      return Status::Conflict("graph version " + run.graph_version + " was diffed already (run " +
                              std::to_string(dup[0].Int(0)) + ")");
    out.created_at = Now();
    out.alerts = static_cast<std::int64_t>(alerts.size());
    SqlValue p[] = {run.graph_version, run.previous_version, run.watched, out.alerts, out.created_at};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("INSERT INTO watch_runs (graph_version, previous_version, watched, alerts, "
                                           "created_at) VALUES ($1,$2,$3,$4,$5) RETURNING id",
                                           p));
    out.id = rows[0].Int(0);
    for (const StoredAlert& a : alerts) {
      SqlValue v[] = {a.user_id,
                      out.id,
                      a.kind,
                      a.person_id > 0 ? SqlValue(a.person_id) : SqlValue(),
                      a.follow_id > 0 ? SqlValue(a.follow_id) : SqlValue(),
                      a.author_key,
                      a.subject,
                      a.title,
                      a.evidence_json,
                      out.created_at};
      ST_RETURN_IF_ERROR(c.Exec("INSERT INTO watch_alerts (user_id, run_id, kind, person_id, follow_id, author_key, "
                                "subject, title, evidence, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)",
                                v));
    }
    ST_RETURN_IF_ERROR(AddAudit(c, system, "watch.run", "watch_run:" + std::to_string(out.id), "",
                                nlohmann::json{{"graph_version", run.graph_version},
                                               {"previous_version", run.previous_version},
                                               {"watched", run.watched},
                                               {"alerts", out.alerts}}
                                    .dump()));
    if (alerts.empty()) return Status::Ok();
    return AddActivity(c, system, "alerts", 0, std::to_string(alerts.size()) + " new alerts from the talent graph");
  }));
  return out;
}

Result<AlertPage> SqlStore::ListAlerts(const Actor& actor, std::int64_t before_id, int limit) {
  if (limit < 1 || limit > 500) return Status::InvalidInput("field 'limit': between 1 and 500");
  AlertPage out;
  ST_RETURN_IF_ERROR(WithTx(false, [&](SqlConn& c) -> Status {
    SqlValue p[] = {actor.user_id, before_id > 0 ? before_id : INT64_MAX, std::int64_t{limit}};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query(std::string("SELECT ") + kAlertColumns +
                                               " FROM watch_alerts WHERE user_id = $1 AND id < $2 ORDER BY id DESC "
                                               "LIMIT $3",
                                           p));
    for (const SqlRow& r : rows) out.alerts.push_back(RowToAlert(r));
    SqlValue u[] = {actor.user_id};
    ST_ASSIGN_OR_RETURN(auto n, c.Query("SELECT COUNT(*) FROM watch_alerts WHERE user_id = $1 AND read_at IS NULL", u));
    out.unread = n.empty() ? 0 : n[0].Int(0);
    return Status::Ok();
  }));
  return out;
}

Result<std::int64_t> SqlStore::MarkAlertsRead(const Actor& actor, std::int64_t up_to_id) {
  std::int64_t changed = 0;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    SqlValue p[] = {Now(), actor.user_id, up_to_id};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("UPDATE watch_alerts SET read_at = $1 WHERE user_id = $2 AND id <= $3 AND "
                                           "read_at IS NULL RETURNING id",
                                           p));
    changed = static_cast<std::int64_t>(rows.size());
    return Status::Ok();
  }));
  return changed;
}

Result<std::vector<StoredAlert>> SqlStore::PendingDigest(std::int64_t user_id, int limit) {
  std::vector<StoredAlert> out;
  ST_RETURN_IF_ERROR(WithConn([&](SqlConn& c) -> Status {
    SqlValue p[] = {user_id, std::int64_t{limit}};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query(std::string("SELECT ") + kAlertColumns +
                                               " FROM watch_alerts WHERE user_id = $1 AND digested_at IS NULL "
                                               "ORDER BY id LIMIT $2",
                                           p));
    for (const SqlRow& r : rows) out.push_back(RowToAlert(r));
    return Status::Ok();
  }));
  return out;
}

Status SqlStore::MarkDigested(std::int64_t user_id, std::int64_t up_to_id, std::int64_t at) {
  return WithTx(true, [&](SqlConn& c) -> Status {
    SqlValue p[] = {at, user_id, up_to_id};
    return c.Exec("UPDATE watch_alerts SET digested_at = $1 WHERE user_id = $2 AND id <= $3 AND digested_at IS NULL",
                  p);
  });
}

Status SqlStore::AddWatchToExport(SqlConn& c, std::int64_t person_id, std::string* export_json) {
  SqlValue p[] = {person_id};
  ST_ASSIGN_OR_RETURN(auto rows, c.Query(std::string("SELECT ") + kAlertColumns +
                                             " FROM watch_alerts WHERE person_id = $1 ORDER BY id",
                                         p));
  nlohmann::json list = nlohmann::json::array();
  for (const SqlRow& r : rows) {
    StoredAlert a = RowToAlert(r);
    nlohmann::json j = AlertJson(a);
    j["user_id"] = a.user_id;
    list.push_back(std::move(j));
  }
  nlohmann::json doc = nlohmann::json::parse(*export_json);
  doc["watch_alerts"] = std::move(list);
  *export_json = doc.dump(2);
  return Status::Ok();
}

Status SqlStore::EraseWatch(SqlConn& c, std::int64_t person_id) {
  SqlValue p[] = {person_id};
  ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT author_source_id FROM people WHERE id = $1", p));
  ST_RETURN_IF_ERROR(c.Exec("DELETE FROM watch_alerts WHERE person_id = $1", p));
  // Follows of the same person (by their stable author key) and the alerts they raised go too.
  if (!rows.empty() && !rows[0].Text(0).empty()) {
    SqlValue k[] = {rows[0].Text(0)};
    ST_RETURN_IF_ERROR(c.Exec("DELETE FROM watch_alerts WHERE author_key = $1", k));
    ST_RETURN_IF_ERROR(c.Exec("DELETE FROM watch_follows WHERE kind = 'author' AND author_key = $1", k));
  }
  return Status::Ok();
}

}  // namespace st::store
