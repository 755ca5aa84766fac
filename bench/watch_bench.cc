// Watchlist and flight-risk benchmarks (issue 11). One JSON line per run.
//   watch_bench alerts OLD_VERSION_DIR NEW_VERSION_DIR N [RUNS]
//       alerts for N watched people (every k-th author of the new version that
//       has works, so the set spreads over the whole graph) between two versions;
//       median of RUNS (default 3) diffs, in-process (no store).
//   watch_bench risk VERSION_DIR N [RUNS]
//       flight risk for N staff: the move index (one pass over every author's
//       spells) plus facts and score per person.
//   watch_bench validate DATA_DIR SCRATCH
//       the real-data validation (risk_eval.h): paper lists up to 2022 against
//       all of them, AUC with every piece and with each graph piece removed.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "corpus/reader.h"
#include "graph/builder.h"
#include "graph/view.h"
#include "watch/flight_risk.h"
#include "watch/graph_diff.h"
#include "watch/risk_eval.h"
#include "watch/risk_facts.h"

using namespace st;
using Clock = std::chrono::steady_clock;

namespace {

double Seconds(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

std::shared_ptr<const graph::GraphView> OpenOrDie(const std::string& dir) {
  auto g = std::filesystem::exists(dir + "/CURRENT") ? graph::GraphView::OpenCurrent(dir) : graph::GraphView::Open(dir);
  if (!g.ok()) {
    std::fprintf(stderr, "%s: %s\n", dir.c_str(), g.status().ToString().c_str());
    std::exit(1);
  }
  return *g;
}

std::vector<graph::AuthorId> Spread(const graph::GraphView& g, size_t n) {
  std::vector<graph::AuthorId> with_works;
  for (graph::AuthorId a = 0; a < g.num_authors(); ++a)
    if (!g.AuthorWorks(a).empty()) with_works.push_back(a);
  std::vector<graph::AuthorId> out;
  if (with_works.empty()) return out;
  const double step = std::max(1.0, static_cast<double>(with_works.size()) / static_cast<double>(n));
  for (double i = 0; out.size() < n && i < with_works.size(); i += step) out.push_back(with_works[static_cast<size_t>(i)]);
  return out;
}

int Alerts(const std::string& old_dir, const std::string& new_dir, size_t n, int runs) {
  auto prev = OpenOrDie(old_dir), now = OpenOrDie(new_dir);
  std::vector<watch::WatchTarget> targets;
  for (graph::AuthorId a : Spread(*now, n))
    targets.push_back({watch::StableAuthorKey(*now, a), std::string(now->AuthorName(a)), targets.size() % 10 == 0});
  watch::WatchSettings settings;
  std::vector<double> times;
  watch::DiffStats stats;
  size_t alerts = 0;
  for (int r = 0; r < runs; ++r) {
    auto t0 = Clock::now();
    alerts = watch::DiffWatched(*prev, *now, targets, settings, &stats).size();
    times.push_back(Seconds(t0));
  }
  std::sort(times.begin(), times.end());
  nlohmann::json j = {{"watched", targets.size()},
                      {"authors", now->num_authors()},
                      {"works", now->num_works()},
                      {"works_previous", prev->num_works()},
                      {"resolved_in_both", stats.resolved_both},
                      {"alerts", alerts},
                      {"new_papers", stats.new_papers},
                      {"affiliation_changes", stats.affiliation_changes},
                      {"rival_coauthors", stats.rival_coauthors},
                      {"seconds", times[times.size() / 2]},
                      {"goal_seconds", 10}};
  std::printf("%s\n", j.dump().c_str());
  return 0;
}

int Risk(const std::string& dir, size_t n, int runs) {
  auto g = OpenOrDie(dir);
  auto staff = Spread(*g, n);
  watch::WatchSettings settings;
  watch::FlightRiskWeights weights;
  std::vector<double> times, index_times;
  double sum = 0;
  size_t moves = 0;
  const int year = watch::LatestYear(*g);
  for (int r = 0; r < runs; ++r) {
    auto t0 = Clock::now();
    watch::MoveIndex idx(*g, settings, year);
    index_times.push_back(Seconds(t0));
    moves = idx.total_moves();
    sum = 0;
    watch::StaffRiskFacts s;
    for (graph::AuthorId a : staff) sum += watch::ScoreFlightRisk(s, watch::ComputeGraphRiskFacts(*g, idx, a), weights, 20000).risk;
    times.push_back(Seconds(t0));
  }
  std::sort(times.begin(), times.end());
  std::sort(index_times.begin(), index_times.end());
  nlohmann::json j = {{"staff", staff.size()},          {"authors", g->num_authors()},
                      {"works", g->num_works()},        {"moves_to_rivals", moves},
                      {"mean_risk", staff.empty() ? 0 : sum / staff.size()},
                      {"index_seconds", index_times[index_times.size() / 2]},
                      {"seconds", times[times.size() / 2]}, {"goal_seconds", 1}};
  std::printf("%s\n", j.dump().c_str());
  return 0;
}

std::shared_ptr<const graph::GraphView> BuildFrom(const std::vector<std::string>& paths, const std::string& dir) {
  std::filesystem::create_directories(dir);
  auto files = corpus::ExpandInputs(paths);
  if (!files.ok()) return nullptr;
  graph::GraphBuilder builder(graph::BuildOptions{"", 2});
  for (const auto& f : *files)
    (void)corpus::ReadFile(f, {}, [&](const corpus::WorkRecord& r) { builder.Add(r); },
                           [](const corpus::ReadError&) { return true; });
  if (!builder.Write(dir).ok()) return nullptr;
  auto v = graph::GraphView::Open(dir);
  return v.ok() ? *v : nullptr;
}

int Validate(const std::string& data, const std::string& scratch) {
  std::vector<std::string> early, all;
  for (const auto& e : std::filesystem::directory_iterator(data + "/paperlists")) {
    const std::string venue = e.path().stem().stem().string();
    if (e.path().extension() != ".gz") continue;
    all.push_back(e.path().string());
    if (std::stoi(venue.substr(venue.size() - 4)) <= 2022) early.push_back(e.path().string());
  }
  auto before = BuildFrom(early, scratch + "/v1"), after = BuildFrom(all, scratch + "/v2");
  if (!before || !after) {
    std::fprintf(stderr, "could not build the graphs in %s\n", scratch.c_str());
    return 1;
  }
  auto t0 = Clock::now();
  watch::RiskEvaluation ev = watch::EvaluateFlightRisk(*before, *after, watch::WatchSettings{}, watch::FlightRiskWeights{});
  nlohmann::json without = nlohmann::json::object(), only = nlohmann::json::object();
  for (const auto& w : ev.without) without[w.removed] = w.auc;
  for (const auto& w : ev.only) only[w.removed] = w.auc;
  nlohmann::json j = {{"as_of_year", ev.as_of_year}, {"population", ev.population}, {"moved", ev.moved},
                      {"auc", ev.auc},               {"auc_without", without},      {"auc_only", only},
                      {"seconds", Seconds(t0)}};
  std::printf("%s\n", j.dump().c_str());
  std::filesystem::remove_all(scratch + "/v1");
  std::filesystem::remove_all(scratch + "/v2");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "alerts" && argc >= 5) return Alerts(argv[2], argv[3], std::stoul(argv[4]), argc > 5 ? std::stoi(argv[5]) : 3);
  if (mode == "risk" && argc >= 4) return Risk(argv[2], std::stoul(argv[3]), argc > 4 ? std::stoi(argv[4]) : 3);
  if (mode == "validate" && argc >= 4) return Validate(argv[2], argv[3]);
  std::fprintf(stderr,
               "usage: watch_bench alerts OLD NEW N [RUNS] | risk VERSION N [RUNS] | validate DATA_DIR SCRATCH\n");
  return 2;
}
