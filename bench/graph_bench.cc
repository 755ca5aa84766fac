// Graph benchmarks over the engine's libraries:
//   build    VERSION_DIR FILE...  read (2 threads) -> GraphBuilder -> Write ->
//                                 BuildDerived; prints phase times and peak RSS
//                                 (the in-process stand-in for `superteam ingest`)
//   graph    VERSION_DIR FILE...  the same without BuildDerived: the graph build
//                                 alone (its memory per phase with ST_PHASE_LOG=1)
//   derive   DIR               rebuilds scoring.bin of a graph (its published
//                                 version) or version dir with this build's
//                                 BuildDerived (after a format change); prints
//                                 seconds and peak RSS
//   pagerank VERSION_DIR EDGES    times scoring::PageRank (2 threads) on the
//                                 co-author CSR, exports the undirected weighted
//                                 edge list "u v w" for the igraph peer
//   rank     VERSION_DIR N        N Ranker::Rank queries (topics x orgs x since),
//                                 prints CPU and wall p50/p95/p99, overall and
//                                 by kind (strength/text, +org, +since), the
//                                 Ranker::Open time and the first query's wall;
//                                 ONLY keeps the queries whose "TEXT org ORG
//                                 since YEAR" contains it (for profiling)
//   terms    DIR               the text index's vocabulary on the graph's own
//                                 text, works in a shuffled order: distinct terms
//                                 (unigrams, bigrams) against tokens read, the
//                                 dictionary's heap bytes per term (mallinfo2),
//                                 a Heaps' law fit V = K n^b and its value at
//                                 1M works (the build keeps that dictionary in
//                                 memory while it tokenises)
// Each mode prints one JSON line.
#include <malloc.h>
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <random>
#include <unordered_map>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "corpus/reader.h"
#include "graph/builder.h"
#include "graph/phase_log.h"
#include "graph/release_memory.h"
#include "graph/versions.h"
#include "graph/view.h"
#include "scoring/derived.h"
#include "scoring/pagerank.h"
#include "scoring/ranker.h"
#include "scoring/text_index.h"
#include "scoring/tokenizer.h"

namespace {

using Clock = std::chrono::steady_clock;
double Since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// CPU time of the calling thread: latency as the query would see it on an idle
// core, which a shared, busy machine cannot give us in wall time.
double ThreadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

long PeakRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// A graph dir (opens its published version) or a version dir.
st::Result<std::shared_ptr<const st::graph::GraphView>> OpenAny(const std::string& dir) {
  auto current = st::graph::GraphView::OpenCurrent(dir);
  return current.ok() ? current : st::graph::GraphView::Open(dir);
}

int Fail(const st::Status& s) {
  std::fprintf(stderr, "graph_bench: %s\n", s.ToString().c_str());
  return 1;
}

int Build(const std::string& version_dir, const std::vector<std::string>& paths, bool derive) {
  const auto start = Clock::now();
  auto inputs = st::corpus::ExpandInputs(paths);
  if (!inputs.ok()) return Fail(inputs.status());
  // Freed before scoring maps the graph, as in `superteam ingest`.
  auto builder_owner = std::make_unique<st::graph::GraphBuilder>();
  st::graph::GraphBuilder& builder = *builder_owner;
  std::atomic<size_t> next{0};
  std::atomic<uint64_t> records{0}, errors{0};
  std::mutex mu;
  st::Status first;
  auto worker = [&] {
    st::graph::GraphBuilder::Shard& shard = builder.NewShard();
    for (size_t i; (i = next.fetch_add(1)) < inputs->size();) {
      shard.StartFile(static_cast<uint32_t>(i));
      auto stats = st::corpus::ReadFile(
          (*inputs)[i], {}, [&](const st::corpus::WorkRecord& r) { shard.Add(r); },
          [&](const st::corpus::ReadError&) { return true; });
      if (!stats.ok()) {
        std::lock_guard<std::mutex> lock(mu);
        if (first.ok()) first = stats.status();
        continue;
      }
      records += stats->records;
      errors += stats->errors;
    }
  };
  std::thread other(worker);
  worker();
  other.join();
  if (!first.ok()) return Fail(first);
  const double read_s = Since(start);
  const auto write_start = Clock::now();
  auto summary = builder.Write(version_dir);
  if (!summary.ok()) return Fail(summary.status());
  builder_owner.reset();
  st::graph::ReleaseFreedMemory();
  const double write_s = Since(write_start);
  const auto derive_start = Clock::now();
  if (derive) {
    auto view = st::graph::GraphView::Open(version_dir, st::graph::GraphView::OpenPages::kRelease);  // as ingest
    if (!view.ok()) return Fail(view.status());
    st::Status derived = st::scoring::BuildDerived(**view, version_dir);
    if (!derived.ok()) return Fail(derived);
  }
  const double derive_s = Since(derive_start);
  std::printf("{\"seconds\":%.3f,\"read_s\":%.3f,\"write_s\":%.3f,\"derive_s\":%.3f,\"records\":%llu,"
              "\"errors\":%llu,\"works\":%llu,\"authors\":%llu,\"coauthor_edges\":%llu,\"peak_rss_kb\":%ld}\n",
              Since(start), read_s, write_s, derive_s, static_cast<unsigned long long>(records.load()),
              static_cast<unsigned long long>(errors.load()), static_cast<unsigned long long>(summary->works),
              static_cast<unsigned long long>(summary->authors),
              static_cast<unsigned long long>(summary->coauthor_edges), PeakRssKb());
  return 0;
}

int Derive(const std::string& dir) {
  auto current = st::graph::CurrentVersionDir(dir);  // a graph directory or a version directory
  auto view = st::graph::GraphView::Open(current.ok() ? *current : dir, st::graph::GraphView::OpenPages::kRelease);
  if (!view.ok()) return Fail(view.status());
  st::graph::LogPhase("map graph");
  const auto start = Clock::now();
  st::Status s = st::scoring::BuildDerived(**view, (*view)->version_dir());
  if (!s.ok()) return Fail(s);
  std::printf("{\"derive_s\":%.3f,\"peak_rss_kb\":%ld}\n", Since(start), PeakRssKb());
  return 0;
}

int PageRankBench(const std::string& version_dir, const std::string& edges_path) {
  auto view = OpenAny(version_dir);
  if (!view.ok()) return Fail(view.status());
  const st::graph::CoauthorCsr graph = (*view)->CoauthorGraph();
  const uint32_t n = graph.num_nodes();
  // Touch the mapping once so both sides start from memory, not disk.
  double touch = 0;
  for (uint16_t w : graph.weights) touch += st::graph::HalfToFloat(w);
  for (uint32_t id : graph.ids) touch += id & 1;
  const auto start = Clock::now();
  st::scoring::PageRankResult pr = st::scoring::PageRank(graph);
  const double seconds = Since(start);
  // Export each undirected edge once (u < v) for igraph, with the weight as
  // stored, so both sides rank the same graph.
  std::FILE* f = std::fopen(edges_path.c_str(), "w");
  if (!f) return Fail(st::Status::IoError(edges_path + ": cannot open"));
  uint64_t undirected = 0;
  std::fprintf(f, "%u\n", n);
  for (uint32_t u = 0; u < n; ++u) {
    for (const st::graph::CoauthorEdge e : graph.Row(u)) {
      if (u < e.author) std::fprintf(f, "%u %u %.9g\n", u, e.author, e.weight), ++undirected;
    }
  }
  std::fclose(f);
  // Memory the computation touches: the co-author CSR as mapped (offsets,
  // ids, 16-bit weights) plus what PageRank allocates, as it reports it.
  const double bytes = static_cast<double>(graph.size_bytes() + pr.state_bytes);
  size_t top = std::max_element(pr.rank.begin(), pr.rank.end()) - pr.rank.begin();
  // Per undirected edge (what igraph counts; each co-authorship is stored in
  // both directions) and per CSR entry: both are reported.
  const double entries = static_cast<double>(graph.ids.size());
  std::printf("{\"seconds\":%.4f,\"iterations\":%u,\"nodes\":%u,\"edges\":%llu,\"bytes_per_edge\":%.2f,"
              "\"bytes_per_csr_entry\":%.2f,\"graph_bytes\":%zu,\"state_bytes\":%zu,"
              "\"top_node\":%zu,\"top_rank\":%.6g,\"touch\":%.1f}\n",
              seconds, pr.iterations, n, static_cast<unsigned long long>(undirected),
              undirected ? bytes / static_cast<double>(undirected) : 0.0, entries ? bytes / entries : 0.0,
              graph.size_bytes(), pr.state_bytes, top, pr.rank.empty() ? 0.0 : pr.rank[top], touch);
  return 0;
}

// p-th percentile of sorted samples.
double At(const std::vector<double>& sorted, double p) {
  return sorted.empty() ? 0.0 : sorted[std::min(sorted.size() - 1, static_cast<size_t>(p * sorted.size()))];
}

// Latency samples of one query kind (wall and thread CPU, ms).
struct Samples {
  std::vector<double> wall, cpu;
  void Sort() {
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
  }
  std::string Json() const {
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "{\"n\":%zu,\"cpu_p50\":%.3f,\"cpu_p95\":%.3f,\"cpu_p99\":%.3f,\"p50\":%.3f,\"p95\":%.3f,"
                  "\"p99\":%.3f}",
                  wall.size(), At(cpu, 0.5), At(cpu, 0.95), At(cpu, 0.99), At(wall, 0.5), At(wall, 0.95),
                  At(wall, 0.99));
    return buf;
  }
};

int RankBench(const std::string& version_dir, int n_queries, const std::string& only) {
  auto view = OpenAny(version_dir);
  if (!view.ok()) return Fail(view.status());
  const auto open_start = Clock::now();
  auto ranker = st::scoring::Ranker::Open(*view);
  if (!ranker.ok()) return Fail(ranker.status());
  const double open_ms = Since(open_start) * 1000;
  const std::vector<std::string> texts = {
      "", "large language models", "reinforcement learning", "diffusion models", "robot manipulation",
      "alignment of language models", "vision transformers object detection", "graph neural networks",
      "speech recognition", "quantization efficient inference", "sparse autoencoders interpretability",
      "chain-of-thought reasoning", "policy gradient", "text-to-image synthesis", "scaling laws"};
  const std::vector<std::string> orgs = {"", "", "Google DeepMind", "OpenAI", "Stanford University", "Meta"};
  const int since[] = {0, 0, 2021};
  Samples all;
  std::map<std::string, Samples> by_kind;  // "text+org+since", "none", ...
  uint64_t results = 0, failures = 0;
  double first_ms = 0;  // the first query after Open (pages not yet mapped)
  struct Slow {
    double cpu;
    std::string what;
  };
  std::vector<Slow> slow;  // to stderr: the slowest queries, for profiling
  for (int i = 0; i < n_queries; ++i) {
    st::scoring::RankQuery q;
    q.text = texts[i % texts.size()];
    q.org = orgs[(i / texts.size()) % orgs.size()];
    q.since_year = since[(i / (texts.size() * orgs.size())) % 3];
    q.top = 50;
    if (!only.empty() && (q.text + " org " + q.org + " since " + std::to_string(q.since_year)).find(only) == std::string::npos)
      continue;
    const auto start = Clock::now();
    const double cpu_start = ThreadCpuMs();
    auto r = (*ranker)->Rank(q);
    const double cpu = ThreadCpuMs() - cpu_start, wall = Since(start) * 1000;
    if (all.wall.empty()) first_ms = wall;
    std::string kind = q.text.empty() ? "strength" : "text";
    if (!q.org.empty()) kind += "+org";
    if (q.since_year > 0) kind += "+since";
    for (Samples* s : {&all, &by_kind[kind]}) s->wall.push_back(wall), s->cpu.push_back(cpu);
    if (r.ok()) results += r->authors.size(); else ++failures;
    slow.push_back({cpu, "'" + q.text + "' org '" + q.org + "' since " + std::to_string(q.since_year) +
                             " candidates " + std::to_string(r.ok() ? r->candidates : 0)});
  }
  std::sort(slow.begin(), slow.end(), [](const Slow& x, const Slow& y) { return x.cpu > y.cpu; });
  for (size_t i = 0; i < slow.size() && i < 12; ++i) std::fprintf(stderr, "%8.3f ms CPU  %s\n", slow[i].cpu, slow[i].what.c_str());
  all.Sort();
  std::string kinds;
  for (auto& [name, s] : by_kind) {
    s.Sort();
    kinds += (kinds.empty() ? "\"" : ",\"") + name + "\":" + s.Json();
  }
  std::printf("{\"cpu_p50_ms\":%.3f,\"cpu_p95_ms\":%.3f,\"cpu_p99_ms\":%.3f,\"queries\":%zu,\"p50_ms\":%.3f,"
              "\"p95_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f,\"open_ms\":%.1f,\"first_ms\":%.3f,"
              "\"results\":%llu,\"failures\":%llu,"
              "\"authors\":%u,\"works\":%u,\"by_kind\":{%s}}\n",
              At(all.cpu, 0.5), At(all.cpu, 0.95), At(all.cpu, 0.99), all.wall.size(), At(all.wall, 0.5),
              At(all.wall, 0.95), At(all.wall, 0.99), all.wall.empty() ? 0.0 : all.wall.back(), open_ms, first_ms,
              static_cast<unsigned long long>(results), static_cast<unsigned long long>(failures),
              (*view)->num_authors(), (*view)->num_works(), kinds.c_str());
  return 0;
}

// Least-squares fit of log y = log k + b log x; returns {k, b}.
std::pair<double, double> PowerFit(const std::vector<std::pair<double, double>>& xy) {
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  const double n = static_cast<double>(xy.size());
  for (auto [x, y] : xy) {
    const double lx = std::log(x), ly = std::log(y);
    sx += lx, sy += ly, sxx += lx * lx, sxy += lx * ly;
  }
  const double b = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  return {std::exp((sy - b * sx) / n), b};
}

int TermsBench(const std::string& dir) {
  auto view = OpenAny(dir);
  if (!view.ok()) return Fail(view.status());
  const uint32_t num_works = (*view)->num_works();
  std::vector<uint32_t> order(num_works);
  std::iota(order.begin(), order.end(), 0u);
  std::shuffle(order.begin(), order.end(), std::mt19937(1));  // Heaps' law assumes no topical order
  const size_t heap_before = mallinfo2().uordblks;
  // The same container BuildTextIndex's first pass fills, so its bytes are the build's.
  std::unordered_map<std::string, uint32_t> ids;
  uint64_t tokens = 0, bigrams = 0, with_abstract = 0;
  std::vector<std::pair<double, double>> all_fit, uni_fit, bi_fit;
  std::string text, points;
  for (uint32_t i = 0; i < num_works; ++i) {
    st::scoring::IndexedText(**view, order[i], &text);
    if (!(*view)->WorkAbstract(order[i]).empty()) ++with_abstract;
    for (auto& t : st::scoring::Tokenize(text)) {
      ++tokens;
      auto [it, inserted] = ids.try_emplace(std::move(t), static_cast<uint32_t>(ids.size()));
      if (inserted && it->first.find('_') != std::string::npos) ++bigrams;
    }
    const uint32_t n = i + 1;
    if ((n & (n - 1)) != 0 && n != num_works) continue;  // powers of two and the end
    const double terms = static_cast<double>(ids.size());
    if (n >= 4096) {
      all_fit.emplace_back(static_cast<double>(tokens), terms);
      uni_fit.emplace_back(static_cast<double>(tokens), terms - static_cast<double>(bigrams));
      bi_fit.emplace_back(static_cast<double>(tokens), static_cast<double>(bigrams));
    }
    char buf[160];
    std::snprintf(buf, sizeof buf, "%s{\"works\":%u,\"tokens\":%llu,\"terms\":%zu,\"bigrams\":%llu}",
                  points.empty() ? "" : ",", n, static_cast<unsigned long long>(tokens), ids.size(),
                  static_cast<unsigned long long>(bigrams));
    points += buf;
  }
  const double bytes_per_term =
      ids.empty() ? 0.0 : static_cast<double>(mallinfo2().uordblks - heap_before) / static_cast<double>(ids.size());
  if (all_fit.size() < 2) return Fail(st::Status::InvalidInput(dir + ": fewer than 8,192 works to fit"));
  // At 1M works with this corpus's tokens per work.
  const double tokens_1m = static_cast<double>(tokens) / num_works * 1e6;
  auto at_1m = [&](const std::vector<std::pair<double, double>>& xy) {
    auto [k, b] = PowerFit(xy);
    return std::make_tuple(k, b, k * std::pow(tokens_1m, b));
  };
  auto [k, b, terms_1m] = at_1m(all_fit);
  auto [uk, ub, uni_1m] = at_1m(uni_fit);
  auto [bk, bb, bi_1m] = at_1m(bi_fit);
  std::printf("{\"works\":%u,\"with_abstract\":%llu,\"tokens\":%llu,\"terms\":%zu,\"bigrams\":%llu,"
              "\"dictionary_bytes_per_term\":%.1f,\"heaps_k\":%.3f,\"heaps_b\":%.4f,\"unigram_b\":%.4f,"
              "\"bigram_b\":%.4f,\"tokens_1m\":%.0f,\"terms_1m\":%.0f,\"unigrams_1m\":%.0f,\"bigrams_1m\":%.0f,"
              "\"dictionary_mb_1m\":%.0f,\"points\":[%s]}\n",
              num_works, static_cast<unsigned long long>(with_abstract), static_cast<unsigned long long>(tokens),
              ids.size(), static_cast<unsigned long long>(bigrams), bytes_per_term, k, b, ub, bb, tokens_1m, terms_1m,
              uni_1m, bi_1m, terms_1m * bytes_per_term / 1e6, points.c_str());
  (void)uk, (void)bk;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  if ((mode == "build" || mode == "graph") && argc >= 4)
    return Build(argv[2], std::vector<std::string>(argv + 3, argv + argc), mode == "build");
  if (mode == "derive" && argc == 3) return Derive(argv[2]);
  if (mode == "terms" && argc == 3) return TermsBench(argv[2]);
  if (mode == "pagerank" && argc == 4) return PageRankBench(argv[2], argv[3]);
  if (mode == "rank" && (argc == 4 || argc == 5)) return RankBench(argv[2], std::atoi(argv[3]), argc == 5 ? argv[4] : "");
  std::fprintf(stderr,
               "usage: graph_bench build|graph VERSION_DIR FILE... | derive DIR | pagerank VERSION_DIR EDGES |"
               " rank VERSION_DIR N [ONLY] | terms DIR\n");
  return 2;
}
