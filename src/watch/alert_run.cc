#include "watch/alert_run.h"

#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "graph/versions.h"
#include "scoring/ranker.h"

namespace st::watch {
namespace {

// The recipients of one watched key.
struct Watchers {
  std::string name;
  bool staff = false;
  std::int64_t person_id = 0;
  std::int64_t staff_id = 0;  // evidence links to the retention page
  std::vector<std::pair<std::int64_t, std::int64_t>> users;  // (user id, follow id or 0)
};

nlohmann::json Evidence(const Alert& a) {
  nlohmann::json e = {{"author_id", a.author_id == graph::kNone ? nlohmann::json() : nlohmann::json(a.author_id)}};
  if (!a.work_source_id.empty()) {
    e["work_source_id"] = a.work_source_id;
    e["work_title"] = a.work_title;
    e["year"] = a.year;
  }
  if (!a.from_org.empty()) e["from_org"] = a.from_org;
  if (!a.to_org.empty()) e["to_org"] = a.to_org;
  if (!a.other_key.empty()) {
    e["other_key"] = a.other_key;
    e["other_name"] = a.other_name;
    e["other_id"] = a.other_id;
  }
  if (a.rank) e["rank"] = a.rank;
  return e;
}

}  // namespace

std::string GraphVersionId(const graph::GraphView& g) {
  std::error_code ec;
  auto p = std::filesystem::canonical(g.version_dir(), ec);
  return ec ? g.version_dir() : p.string();
}

Result<std::string> PreviousVersionDir(const std::string& graph_dir) {
  ST_ASSIGN_OR_RETURN(std::string current, graph::CurrentVersionDir(graph_dir));
  const std::string cur_name = std::filesystem::path(current).filename().string();
  std::string best;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(graph_dir, ec)) {
    const std::string n = e.path().filename().string();
    if (n.size() != 7 || n[0] != 'v' || !e.is_directory() || n >= cur_name) continue;
    if (n > best) best = n;
  }
  if (best.empty()) return Status::NotFound("no version before " + cur_name + " in " + graph_dir);
  return graph_dir + "/" + best;
}

namespace {

// Everything after "which version": settings, watchers, targets, the findings, the fan-out, the stored run.
// `prev`/`now` are set for a real diff (saved searches need both rankers).
Result<AlertRunResult> Run(store::Store& store, const std::string& now_id, const std::string& prev_id,
                           const FindAlerts& find, std::shared_ptr<const graph::GraphView> prev,
                           std::shared_ptr<const graph::GraphView> now) {
  AlertRunResult out;
  ST_ASSIGN_OR_RETURN(auto done, store.FindWatchRun(now_id));
  if (done) {
    out.already_diffed = true;
    out.run = *done;
    return out;
  }
  WatchSettings settings;
  ST_ASSIGN_OR_RETURN(auto stored, store.GetSetting(std::string(kWatchSettingsKey)));
  if (stored) {
    ST_ASSIGN_OR_RETURN(settings, WatchSettings::FromJson(stored->value_json));
  }

  ST_ASSIGN_OR_RETURN(auto users, store.ListUsers());
  std::vector<std::int64_t> leads, team;  // ceo+hr; ceo+hr+recruiter
  for (const auto& u : users) {
    if (u.disabled) continue;
    const bool lead = u.role == campaign::Role::kCeo || u.role == campaign::Role::kHr;
    if (lead) leads.push_back(u.id);
    if (lead || u.role == campaign::Role::kRecruiter) team.push_back(u.id);
  }

  std::map<std::string, Watchers> by_key;
  ST_ASSIGN_OR_RETURN(auto people, store.ListWatchedPeople());
  for (const auto& p : people) {
    Watchers& w = by_key[p.author_key];
    if (w.name.empty()) w.name = p.name;
    w.staff |= p.staff;
    if (!w.person_id) w.person_id = p.person_id;
    if (!w.staff_id) w.staff_id = p.staff_id;
    if (p.staff) {
      for (auto u : leads) w.users.emplace_back(u, 0);
    } else if (p.owner_user_id) {
      w.users.emplace_back(p.owner_user_id, 0);
    } else {
      for (auto u : team) w.users.emplace_back(u, 0);
    }
  }
  ST_ASSIGN_OR_RETURN(auto follows, store.ListAllFollows());
  std::vector<store::WatchFollow> searches;
  for (const auto& f : follows) {
    if (f.kind == "search") {
      searches.push_back(f);
      continue;
    }
    Watchers& w = by_key[f.author_key];
    if (w.name.empty()) w.name = f.label;
    w.users.emplace_back(f.user_id, f.id);
  }
  std::vector<WatchTarget> targets;
  std::vector<const Watchers*> watchers;
  for (auto& [key, w] : by_key) {
    targets.push_back({key, w.name, w.staff});
    watchers.push_back(&w);
  }

  auto t0 = std::chrono::steady_clock::now();
  std::vector<Alert> alerts = find(targets, settings);
  out.findings = alerts.size();

  std::vector<store::StoredAlert> stored_alerts;
  auto emit = [&](const Alert& a, std::int64_t person_id, std::int64_t user_id, std::int64_t follow_id,
                  std::int64_t staff_id) {
    store::StoredAlert s;
    s.user_id = user_id;
    s.kind = AlertKindName(a.kind);
    s.person_id = person_id;
    s.follow_id = follow_id;
    s.author_key = a.author_key;
    s.subject = a.author_name;
    s.title = a.title;
    nlohmann::json e = Evidence(a);
    if (staff_id) e["staff_id"] = staff_id;
    s.evidence_json = e.dump();
    stored_alerts.push_back(std::move(s));
  };
  for (const Alert& a : alerts) {
    const Watchers& w = *watchers[a.target];
    std::set<std::int64_t> seen;
    for (auto [user, follow] : w.users)
      if (seen.insert(user).second) emit(a, w.person_id, user, follow, w.staff_id);
  }

  // Saved searches: one ranking per distinct query and version.
  if (!searches.empty() && prev && now) {
    auto rp = scoring::Ranker::Open(prev);
    auto rn = rp.ok() ? scoring::Ranker::Open(now) : Result<std::unique_ptr<scoring::Ranker>>(rp.status());
    if (!rp.ok() || !rn.ok()) {
      out.search_note = "saved searches skipped: " + (rp.ok() ? rn.status() : rp.status()).ToString();
    } else {
      std::map<std::tuple<std::string, std::string, int, int>, std::vector<Alert>> cache;
      for (size_t i = 0; i < searches.size(); ++i) {
        const auto& f = searches[i];
        auto key = std::make_tuple(f.search_text, f.search_org, f.since_year, f.top);
        auto it = cache.find(key);
        if (it == cache.end()) {
          auto found = SearchNewcomers(**rp, **rn, {f.search_text, f.search_org, f.since_year, f.top}, i);
          if (!found.ok()) {
            out.search_note += "search " + std::to_string(f.id) + ": " + found.status().message() + "; ";
            continue;
          }
          it = cache.emplace(key, std::move(*found)).first;
          ++out.searches;
        }
        for (const Alert& a : it->second) emit(a, 0, f.user_id, f.id, 0), ++out.findings;
      }
    }
  }
  out.diff_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  store::WatchRun run;
  run.graph_version = now_id;
  run.previous_version = prev_id;
  run.watched = static_cast<std::int64_t>(targets.size() + searches.size());
  ST_ASSIGN_OR_RETURN(out.run, store.RecordWatchRun(run, stored_alerts));
  return out;
}

}  // namespace

Result<AlertRunResult> RunAlerts(store::Store& store, std::shared_ptr<const graph::GraphView> prev,
                                 std::shared_ptr<const graph::GraphView> now) {
  const std::string now_id = GraphVersionId(*now), prev_id = GraphVersionId(*prev);
  if (now_id == prev_id) return Status::InvalidInput("the two graph versions are the same directory: " + now_id);
  DiffStats stats;
  ST_ASSIGN_OR_RETURN(AlertRunResult out,
                      Run(store, now_id, prev_id,
                          [&](std::span<const WatchTarget> targets, const WatchSettings& settings) {
                            return DiffWatched(*prev, *now, targets, settings, &stats);
                          },
                          prev, now));
  if (!out.already_diffed) out.stats = stats;
  return out;
}

Result<AlertRunResult> RecordAlertRun(store::Store& store, const std::string& version_id,
                                      const std::string& previous_id, const FindAlerts& find) {
  return Run(store, version_id, previous_id, find, nullptr, nullptr);
}

}  // namespace st::watch
