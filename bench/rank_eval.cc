// Ranking evaluation on real data (issue 14): does the overall ranking surface
// the people who built notable AI models?
//
//   rank_eval rank GRAPH_DIR EPOCH_CSV [--show "Name"]... [--cells] [--aggregate]
//   rank_eval identity SCRATCH_DIR INPUT... [--dump TSV]
//   rank_eval proxy EARLY_GRAPH FULL_GRAPH [--since 2021] [--top 0.9]
//
// The evaluation set: authors of the models in Epoch AI's "Notable AI Models"
// table (../shared/data/eval/epoch_notable_ai_models_*.csv) published
// 2017-2024, by normalised name (base/names.h), kept when the name is in the
// graph's name index ("present in the corpus"). Recall at K: the share of
// those names held by at least one of the top K people of the engine's overall
// ranking (Ranker::Rank without a query). The baseline ranks names by a bare
// count of papers per name (every person's display name, normalised; no
// identity resolution, no citations): the share of the set among its top K
// names. The list is an evaluation only: nothing in the engine reads it.
//
// --show prints where the named people stand (reporting, not tuning).
// --cells prints the estimate cells and the position fit (impact.h) the known
// works teach; --aggregate prints, per rank band, counts and medians of the
// listed names' best-ranked people beside the top 100's unlisted people —
// the misses read in aggregate, no name printed.
//
// proxy: a check that is NOT the list, for judging a scoring change before
// the list sees it — does the ranking predict later impact? EARLY_GRAPH is
// ingested from the venue-years before --since only (2017-2020) and ranked
// as usual; the target is every name (normalised) in FULL_GRAPH holding a
// paper of year >= --since whose known count is at or above the --top
// percentile of its cohort (impact.h, as FULL_GRAPH computes it), among names present in
// EARLY_GRAPH. Recall at 100/1,000/5,000 of that set beside the same
// papers-per-name baseline on EARLY_GRAPH.
//
// identity: graph/identity_eval.h on the inputs (OpenReview ids hidden, then
// B-cubed precision/recall against them), with the worst splits and merges;
// --dump writes each evaluated mention with its true id and predicted person.
// Each mode prints one JSON line (bench/run.sh) after a human-readable report on stderr.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/names.h"
#include "graph/identity_eval.h"
#include "graph/view.h"
#include "scoring/author_metrics.h"
#include "scoring/impact.h"
#include "scoring/ranker.h"

namespace {

// RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
    } else {
      field += c;
    }
  }
  if (!field.empty() || !row.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

int Fail(const std::string& message) {
  std::fprintf(stderr, "rank_eval: %s\n", message.c_str());
  return 1;
}

}  // namespace

int Identity(int argc, char** argv) {
  st::graph::IdentityEvalOptions options;
  options.scratch_dir = argv[2];
  std::vector<std::string> inputs;
  for (int i = 3; i < argc; ++i) {
    if (std::string(argv[i]) == "--dump" && i + 1 < argc) options.dump_path = argv[++i];
    else inputs.push_back(argv[i]);
  }
  auto r = st::graph::EvaluateIdentity(inputs, options);
  if (!r.ok()) return Fail(r.status().ToString());
  std::fprintf(stderr, "identity (OpenReview ids hidden): %llu mentions of %llu people -> %llu predicted people "
               "(%llu not found on their work)\n  B-cubed precision %.4f, recall %.4f, F1 %.4f\n",
               static_cast<unsigned long long>(r->mentions), static_cast<unsigned long long>(r->true_people),
               static_cast<unsigned long long>(r->predicted_people), static_cast<unsigned long long>(r->unmatched),
               r->precision, r->recall, r->f1);
  std::fprintf(stderr, "worst splits (one person, several people made):\n");
  for (const auto& s : r->worst_splits) {
    std::string pieces;
    for (uint32_t n : s.pieces) pieces += (pieces.empty() ? "" : "+") + std::to_string(n);
    std::fprintf(stderr, "  %-28s %-26s %u mentions as %s\n", s.name.c_str(), s.openreview_id.c_str(), s.mentions,
                 pieces.c_str());
  }
  std::fprintf(stderr, "worst merges (several people made one):\n");
  for (const auto& m : r->worst_merges) {
    std::string held;
    for (const auto& [id, n] : m.ids) held += (held.empty() ? "" : ", ") + id + " x" + std::to_string(n);
    std::fprintf(stderr, "  %-28s %u mentions: %s\n", m.name.c_str(), m.mentions, held.c_str());
  }
  std::printf("{\"mentions\":%llu,\"true_people\":%llu,\"predicted_people\":%llu,\"precision\":%.4f,"
              "\"recall\":%.4f,\"f1\":%.4f}\n",
              static_cast<unsigned long long>(r->mentions), static_cast<unsigned long long>(r->true_people),
              static_cast<unsigned long long>(r->predicted_people), r->precision, r->recall, r->f1);
  return 0;
}

int Rank(int argc, char** argv);
int Proxy(int argc, char** argv);

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "identity" && argc >= 4) return Identity(argc, argv);
  if (mode == "rank" && argc >= 4) return Rank(argc - 1, argv + 1);
  if (mode == "proxy" && argc >= 4) return Proxy(argc - 1, argv + 1);
  return Fail("usage: rank_eval rank GRAPH_DIR EPOCH_CSV [--show NAME]... | rank_eval identity SCRATCH_DIR INPUT...");
}

namespace {

// The overall ranking's position of every person in the top `top` (else UINT32_MAX).
st::Result<std::vector<uint32_t>> OverallRanks(const st::scoring::Ranker& ranker, uint32_t num_authors,
                                                 size_t top) {
  std::vector<uint32_t> rank_of(num_authors, UINT32_MAX);
  st::scoring::RankQuery q;
  q.top = top;
  auto res = ranker.Rank(q);
  if (!res.ok()) return res.status();
  for (const auto& a : res->authors) rank_of[a.author] = static_cast<uint32_t>(a.rank);
  return rank_of;
}

// Names ranked by a bare count of papers per normalised display name: name -> 1-based rank.
std::unordered_map<std::string, uint32_t> BaselineRanks(const st::graph::GraphView& g) {
  std::unordered_map<std::string, uint32_t> papers_of_name;
  for (st::graph::AuthorId a = 0; a < g.num_authors(); ++a)
    papers_of_name[st::NormalizePersonName(g.AuthorName(a))] += static_cast<uint32_t>(g.AuthorWorks(a).size());
  std::vector<std::pair<std::string, uint32_t>> by_count(papers_of_name.begin(), papers_of_name.end());
  std::sort(by_count.begin(), by_count.end(), [](const auto& x, const auto& y) {
    return x.second != y.second ? x.second > y.second : x.first < y.first;
  });
  std::unordered_map<std::string, uint32_t> rank;
  for (size_t i = 0; i < by_count.size(); ++i) rank.emplace(by_count[i].first, static_cast<uint32_t>(i + 1));
  return rank;
}

// Recall at 100 / 1,000 / 5,000 of the `present` names: the engine's (a name
// counts when one of its people is in the top K) beside the baseline's; the
// table goes to stderr.
struct Recall {
  static constexpr uint32_t kKs[3] = {100, 1000, 5000};
  uint32_t ours[3] = {0, 0, 0}, base[3] = {0, 0, 0};
};
Recall CountRecall(const std::map<std::string, std::vector<st::graph::AuthorId>>& present,
                   const std::vector<uint32_t>& rank_of,
                   const std::unordered_map<std::string, uint32_t>& baseline_rank) {
  Recall r;
  for (const auto& [name, ids] : present) {
    uint32_t best = UINT32_MAX;
    for (auto a : ids) best = std::min(best, rank_of[a]);
    auto it = baseline_rank.find(name);
    const uint32_t b = it == baseline_rank.end() ? UINT32_MAX : it->second;
    for (int k = 0; k < 3; ++k) {
      r.ours[k] += best <= Recall::kKs[k];
      r.base[k] += b <= Recall::kKs[k];
    }
  }
  const double n = static_cast<double>(present.size());
  std::fprintf(stderr, "%8s %10s %10s %8s\n", "top K", "engine", "baseline", "ratio");
  for (int k = 0; k < 3; ++k)
    std::fprintf(stderr, "%8u %5u %4.1f%% %5u %4.1f%% %7.2fx\n", Recall::kKs[k], r.ours[k], 100 * r.ours[k] / n,
                 r.base[k], 100 * r.base[k] / n, r.base[k] ? static_cast<double>(r.ours[k]) / r.base[k] : 0.0);
  return r;
}

}  // namespace

// Of the people holding a name, the best ranked (ties: the one with more works).
st::graph::AuthorId BestPerson(const st::graph::GraphView& g, const std::vector<st::graph::AuthorId>& ids,
                               const std::vector<uint32_t>& rank_of) {
  st::graph::AuthorId best = ids[0];
  for (auto a : ids)
    if (rank_of[a] < rank_of[best] ||
        (rank_of[a] == rank_of[best] && g.AuthorWorks(a).size() > g.AuthorWorks(best).size()))
      best = a;
  return best;
}

int Rank(int argc, char** argv) {
  std::vector<std::string> show;
  size_t dump = 0, misses = 0;
  bool cells = false, aggregate = false;
  for (int i = 3; i < argc; ++i) {
    if (std::string(argv[i]) == "--cells") cells = true;
    if (std::string(argv[i]) == "--aggregate") aggregate = true;
  }
  for (int i = 3; i + 1 < argc; i += 2) {
    if (std::string(argv[i]) == "--show") show.push_back(argv[i + 1]);
    if (std::string(argv[i]) == "--dump") dump = std::stoul(argv[i + 1]);
    if (std::string(argv[i]) == "--misses") misses = std::stoul(argv[i + 1]);
  }
  auto view = st::graph::GraphView::OpenCurrent(argv[1]);  // a graph dir, else a version dir
  if (!view.ok()) view = st::graph::GraphView::Open(argv[1]);
  if (!view.ok()) return Fail(view.status().ToString());
  auto ranker = st::scoring::Ranker::Open(*view);
  if (!ranker.ok()) return Fail(ranker.status().ToString());
  const st::graph::GraphView& g = **view;
  if (cells) {  // --cells: the estimate cells (impact.h) as the known works taught them, for reading
    const st::scoring::ImpactTables t = st::scoring::ComputeImpact(g);
    std::fprintf(stderr, "team record cuts:");
    for (float x : t.team_cuts) std::fprintf(stderr, " %.3f", x);
    std::fprintf(stderr, "\n");
    {  // How much of the known papers' percentiles status x team band explains (R^2 of the group means).
      std::map<std::pair<int, int>, std::pair<double, double>> groups;  // sum, n
      double sum = 0, sq = 0, n = 0;
      for (st::graph::WorkId w = 0; w < g.num_works(); ++w) {
        const auto& wi = t.works[w];
        if (wi.kind != static_cast<uint8_t>(st::scoring::format::ImpactKind::kKnown)) continue;
        auto& gr = groups[{st::scoring::StatusTier(g.Work(w)), wi.team_bin}];
        gr.first += wi.percentile, gr.second += 1;
        sum += wi.percentile, sq += wi.percentile * wi.percentile, n += 1;
      }
      const double total = sq - sum * sum / n;
      double between = 0;
      for (const auto& [k, v] : groups) between += v.first * v.first / v.second;
      between -= sum * sum / n;
      std::fprintf(stderr, "known papers %.0f: status x team band explains R^2 %.4f of their percentiles\n", n,
                   between / total);
    }
    {  // How a known paper's percentile follows each position's track record (impact.h FitPositionRecords).
      const st::scoring::PositionFit fit = st::scoring::FitPositionRecords(g, t.works);
      std::fprintf(stderr, "three-author known papers with records: %llu; percentile = %.3f + %.3f first + %.3f middle "
                   "+ %.3f last (middle / first %.2f, last / first %.2f)\n",
                   static_cast<unsigned long long>(fit.papers), fit.intercept, fit.first, fit.middle, fit.last,
                   fit.middle / fit.first, fit.last / fit.first);
    }
    for (size_t c = 0; c < t.cells.size(); ++c)
      if (t.cells[c].n > 0)
        std::fprintf(stderr, "cell %3zu n %6u mean p %.3f value %.3f  %s\n", c, t.cells[c].n,
                     t.cells[c].mean_percentile, t.cells[c].mean_value, t.cell_labels[c].c_str());
  }

  std::ifstream in(argv[2], std::ios::binary);
  if (!in) return Fail(std::string("cannot open ") + argv[2]);
  std::stringstream buf;
  buf << in.rdbuf();
  auto rows = ParseCsv(buf.str());
  if (rows.empty()) return Fail(std::string(argv[2]) + ": empty");
  int authors_col = -1, date_col = -1;
  for (size_t c = 0; c < rows[0].size(); ++c) {
    if (rows[0][c] == "Authors") authors_col = static_cast<int>(c);
    if (rows[0][c] == "Publication date") date_col = static_cast<int>(c);
  }
  if (authors_col < 0 || date_col < 0) return Fail(std::string(argv[2]) + ": no Authors / Publication date column");
  std::set<std::string> listed;  // normalised names of 2017-2024 model authors
  for (size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    if (row.size() <= static_cast<size_t>(std::max(authors_col, date_col))) continue;
    const std::string& date = row[date_col];
    const int year = date.size() >= 4 ? std::atoi(date.substr(0, 4).c_str()) : 0;
    if (year < 2017 || year > 2024) continue;
    std::stringstream names(row[authors_col]);
    for (std::string name; std::getline(names, name, ',');) {
      std::string norm = st::NormalizePersonName(name);
      if (norm.find(' ') != std::string::npos) listed.insert(norm);  // a full name, not a lone token
    }
  }
  // Present: the name (any spelling the graph saw) belongs to someone.
  std::map<std::string, std::vector<st::graph::AuthorId>> present;
  for (const std::string& n : listed) {
    auto ids = g.FindAuthorsByName(n);
    if (!ids.empty()) present[n] = std::move(ids);
  }

  // Engine: the overall ranking's position of every person.
  std::vector<uint32_t> rank_of(g.num_authors(), UINT32_MAX);
  {
    st::scoring::RankQuery q;
    q.top = 10000;
    auto res = (*ranker)->Rank(q);
    if (!res.ok()) return Fail(res.status().ToString());
    for (const auto& a : res->authors) rank_of[a.author] = static_cast<uint32_t>(a.rank);
    // --dump N: the top N with the facts behind them (and whether the name is listed), for reading.
    for (size_t i = 0; i < res->authors.size() && i < dump; ++i) {
      const auto& a = res->authors[i];
      const bool hit = listed.count(st::NormalizePersonName(a.name)) > 0;
      std::fprintf(stderr, "%5zu %c %-28s %7.2f works %3u est %3u counted %3u cites %6lld | %s\n", a.rank,
                   hit ? '*' : ' ', a.name.c_str(), a.score, a.metrics.works, a.metrics.estimated_works,
                   a.metrics.counted_works, static_cast<long long>(a.metrics.citations),
                   a.top_papers.empty() ? "" : a.top_papers[0].title.substr(0, 60).c_str());
    }
  }
  const auto baseline_rank = BaselineRanks(g);
  std::fprintf(stderr, "notable-model authors 2017-2024: %zu listed, %zu present in the corpus\n", listed.size(),
               present.size());
  const Recall recall = CountRecall(present, rank_of, baseline_rank);
  const auto& ks = Recall::kKs;
  const auto& ours = recall.ours;
  const auto& base = recall.base;
  // --misses N: every N-th listed name the engine ranks below 1,000, with its facts (for reading).
  if (misses > 0) {
    size_t i = 0;
    for (const auto& [name, ids] : present) {
      const st::graph::AuthorId best = BestPerson(g, ids, rank_of);
      if (rank_of[best] <= 1000 || i++ % misses != 0) continue;
      const auto& m = (*ranker)->Metrics(best);
      std::fprintf(stderr, "miss %-26s #%-6d people %zu works %3u est %3u counted %3u strength %6.2f impact %6.2f first %u last %u\n",
                   name.c_str(), rank_of[best] == UINT32_MAX ? -1 : static_cast<int>(rank_of[best]), ids.size(), m.works,
                   m.estimated_works, m.counted_works, m.strength, m.impact, m.first_author, m.last_author);
    }
  }
  // --aggregate: where the listed names stand and what their best-ranked person looks like, in
  // aggregate only (counts and medians per rank band; no name is printed), beside the top 100's
  // unlisted people — reading the misses without looking at anyone.
  if (aggregate) {
    struct Band {
      const char* label = "";
      uint32_t lo = 0, hi = 0;
      std::vector<double> works, counted, est, first_last, first_year, people, max_value, recent3;
    };
    auto band = [](const char* label, uint32_t lo, uint32_t hi) {
      Band b;
      b.label = label, b.lo = lo, b.hi = hi;
      return b;
    };
    std::vector<Band> bands = {band("1-100", 1, 100), band("101-1000", 101, 1000), band("1001-5000", 1001, 5000),
                               band("5001-10000", 5001, 10000), band(">10000", 10001, UINT32_MAX)};
    Band top_unlisted = band("top100 unlisted", 0, 0);
    const st::scoring::ImpactTables impact = st::scoring::ComputeImpact(g);
    const int now_year = st::scoring::LatestYear(g);
    auto describe = [&](Band& b, st::graph::AuthorId a, size_t people) {
      const auto& m = (*ranker)->Metrics(a);
      b.works.push_back(m.works);
      b.counted.push_back(m.works ? static_cast<double>(m.counted_works) / m.works : 0);
      b.est.push_back(m.estimated_works);
      b.first_last.push_back(m.works ? static_cast<double>(m.first_author + m.last_author) / m.works : 0);
      b.first_year.push_back(m.first_year);
      b.people.push_back(static_cast<double>(people));
      double mx = 0, recent = 0;
      for (st::graph::WorkId w : g.AuthorWorks(a)) {
        mx = std::max<double>(mx, impact.works[w].value);
        recent += g.Work(w).year >= now_year - 2;
      }
      b.max_value.push_back(mx);
      b.recent3.push_back(recent);
    };
    for (const auto& [name, ids] : present) {
      const st::graph::AuthorId best = BestPerson(g, ids, rank_of);
      for (auto& b : bands)
        if (rank_of[best] >= b.lo && rank_of[best] <= b.hi) describe(b, best, ids.size());
    }
    for (st::graph::AuthorId a = 0; a < g.num_authors(); ++a)
      if (rank_of[a] <= 100 && !listed.count(st::NormalizePersonName(g.AuthorName(a)))) describe(top_unlisted, a, 1);
    auto med = [](std::vector<double> v) {
      if (v.empty()) return 0.0;
      std::sort(v.begin(), v.end());
      return v[v.size() / 2];
    };
    auto mean = [](const std::vector<double>& v) {
      double s = 0;
      for (double x : v) s += x;
      return v.empty() ? 0.0 : s / v.size();
    };
    std::fprintf(stderr, "%-16s %5s %9s %9s %9s %9s %9s %9s %9s %9s %9s\n", "band", "n", "works md", "works mn",
                 "counted%", "est md", "1st/last%", "firstyr", "maxvalue", "recent3", "people>1");
    bands.push_back(std::move(top_unlisted));
    for (const auto& b : bands)
      std::fprintf(stderr, "%-16s %5zu %9.0f %9.1f %9.2f %9.0f %9.2f %9.0f %9.2f %9.2f %9.2f\n", b.label, b.works.size(),
                   med(b.works), mean(b.works), mean(b.counted), med(b.est), mean(b.first_last), med(b.first_year),
                   med(b.max_value), mean(b.recent3),
                   mean([&] { std::vector<double> v; for (double x : b.people) v.push_back(x > 1); return v; }()));
  }
  for (const std::string& who : show) {
    auto ids = g.FindAuthorsByName(who);
    std::fprintf(stderr, "%s:", who.c_str());
    if (ids.empty()) std::fprintf(stderr, " not in the graph");
    for (auto a : ids) {
      if (rank_of[a] == UINT32_MAX) std::fprintf(stderr, " #>10000 (%zu works)", g.AuthorWorks(a).size());
      else std::fprintf(stderr, " #%u (%zu works)", rank_of[a], g.AuthorWorks(a).size());
    }
    std::fprintf(stderr, "\n");
  }
  std::printf("{\"listed\":%zu,\"present\":%zu", listed.size(), present.size());
  for (int k = 0; k < 3; ++k)
    std::printf(",\"engine_at_%u\":%u,\"baseline_at_%u\":%u", ks[k], ours[k], ks[k], base[k]);
  std::printf("}\n");
  return 0;
}

int Proxy(int argc, char** argv) {
  int since = 2021;
  float top = 0.9f;
  for (int i = 3; i + 1 < argc; i += 2) {
    if (std::string(argv[i]) == "--since") since = std::atoi(argv[i + 1]);
    if (std::string(argv[i]) == "--top") top = std::strtof(argv[i + 1], nullptr);
  }
  auto early = st::graph::GraphView::OpenCurrent(argv[1]);
  if (!early.ok()) return Fail(early.status().ToString());
  auto full = st::graph::GraphView::OpenCurrent(argv[2]);
  if (!full.ok()) return Fail(full.status().ToString());
  auto ranker = st::scoring::Ranker::Open(*early);
  if (!ranker.ok()) return Fail(ranker.status().ToString());
  const st::graph::GraphView& e = **early;
  const st::graph::GraphView& f = **full;

  // Target: names with a later paper in the top tenth of its cohort (known counts only).
  const st::scoring::ImpactTables t = st::scoring::ComputeImpact(f);
  std::set<std::string> target_all;
  uint64_t later_known = 0;
  for (st::graph::WorkId w = 0; w < f.num_works(); ++w) {
    if (f.Work(w).year < since) continue;
    if (t.works[w].kind != static_cast<uint8_t>(st::scoring::format::ImpactKind::kKnown)) continue;
    ++later_known;
    if (t.works[w].percentile < top) continue;
    for (const auto& slot : f.WorkAuthors(w)) {
      std::string n = st::NormalizePersonName(f.AuthorName(slot.author));
      if (n.find(' ') != std::string::npos) target_all.insert(std::move(n));
    }
  }
  std::map<std::string, std::vector<st::graph::AuthorId>> present;
  for (const std::string& n : target_all) {
    auto ids = e.FindAuthorsByName(n);
    if (!ids.empty()) present[n] = std::move(ids);
  }
  auto rank_of = OverallRanks(**ranker, e.num_authors(), 10000);
  if (!rank_of.ok()) return Fail(rank_of.status().ToString());
  const auto baseline_rank = BaselineRanks(e);
  std::fprintf(stderr, "proxy: %llu counted papers of %d+ in the full graph; %zu names with one at or above the %.0fth "
               "percentile of its cohort, %zu of them in the graph before %d\n",
               static_cast<unsigned long long>(later_known), since, target_all.size(), 100 * top, present.size(), since);
  const Recall recall = CountRecall(present, *rank_of, baseline_rank);
  const auto& ks = Recall::kKs;
  const auto& ours = recall.ours;
  const auto& base = recall.base;
  std::printf("{\"since\":%d,\"top\":%.3f,\"target\":%zu,\"present\":%zu", since, top, target_all.size(),
              present.size());
  for (int k = 0; k < 3; ++k)
    std::printf(",\"engine_at_%u\":%u,\"baseline_at_%u\":%u", ks[k], ours[k], ks[k], base[k]);
  std::printf("}\n");
  return 0;
}
