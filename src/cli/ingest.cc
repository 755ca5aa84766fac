// `superteam ingest PATH... --graph DIR`: read input files in parallel into a
// new graph version and publish it atomically. Adding to an existing graph
// rebuilds from the previous version's inputs plus the new paths (none: a
// plain rebuild, which is how a graph of an older file format is upgraded).
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <thread>

#include "base/fs.h"
#include "base/progress.h"
#include "cli/commands.h"
#include "corpus/keep_filter.h"
#include "corpus/reader.h"
#include "graph/builder.h"
#include "graph/phase_log.h"
#include "graph/release_memory.h"
#include "graph/versions.h"
#include "graph/view.h"
#include "scoring/derived.h"
#include "store/open_store.h"
#include "watch/alert_run.h"

namespace st::cli {
namespace {

constexpr size_t kErrorsListed = 10;

struct IngestFlags {
  std::vector<std::string> paths;
  std::string graph_dir;
  unsigned threads = 2;
  std::string on_error = "skip";
  bool json = false;
  std::string labs;
  std::string db_url;  // watch (issue 11): diff the new version for watched people into this store
  std::vector<std::string> keep;
};

// Collected by the reader threads; guarded by mu.
struct ErrorLog {
  std::mutex mu;
  uint64_t count = 0;
  std::vector<corpus::ReadError> first;
  void Add(const corpus::ReadError& e) {
    std::lock_guard<std::mutex> lock(mu);
    ++count;
    if (first.size() < kErrorsListed) first.push_back(e);
  }
};

struct ReadTotals {
  std::atomic<uint64_t> records{0};
  std::atomic<uint64_t> files_ok{0};
  std::atomic<uint64_t> files_failed{0};
  // --keep: OpenAlex works the filter looked at, and those it kept.
  std::atomic<uint64_t> filter_seen{0};
  std::atomic<uint64_t> filter_kept{0};
  std::atomic<bool> abort{false};
  Status abort_status;  // set once, under ErrorLog::mu
};

// Absolute, normalised paths so a later ingest can rebuild from inputs.txt
// whatever its working directory.
std::string AbsolutePath(const std::string& p) {
  std::error_code ec;
  auto abs = std::filesystem::absolute(p, ec);
  return ec ? p : abs.lexically_normal().string();
}

void ReadAll(const std::vector<corpus::InputFile>& files, const IngestFlags& flags,
             const corpus::KeepFilter& keep, graph::GraphBuilder& builder, ErrorLog& errors, ReadTotals& totals,
             ProgressBar& bar) {
  corpus::ReadOptions options;
  options.abort_on_error = flags.on_error == "abort";
  std::atomic<size_t> next{0};
  auto worker = [&] {
    graph::GraphBuilder::Shard& shard = builder.NewShard();
    while (!totals.abort.load()) {
      size_t i = next.fetch_add(1);
      if (i >= files.size()) break;
      const corpus::InputFile& file = files[i];
      uint64_t bytes_seen = 0, records_seen = 0, filter_seen = 0, filter_kept = 0;
      shard.StartFile(static_cast<uint32_t>(i));
      auto res = corpus::ReadFile(
          file, options,
          [&](const corpus::WorkRecord& r) {
            // Decided on the parsed record, before the shard stores any of it.
            if (keep.Applies(r)) {
              ++filter_seen;
              if (!keep.Keeps(r)) return;
              ++filter_kept;
            }
            shard.Add(r);
          },
          [&](const corpus::ReadError& e) {
            errors.Add(e);
            return !options.abort_on_error && !totals.abort.load();
          },
          [&](uint64_t bytes, uint64_t records) {
            bar.Add(bytes - std::min(bytes, bytes_seen), records - std::min(records, records_seen));
            bytes_seen = std::max(bytes, bytes_seen);
            records_seen = std::max(records, records_seen);
          });
      bar.Add(file.size_bytes - std::min(file.size_bytes, bytes_seen), 0);
      if (!res.ok()) {
        // A fatal problem (truncated gzip, abort on error): nothing from this file stays.
        shard.DropFile();
        totals.files_failed.fetch_add(1);
        corpus::ReadError e{file.path, 0, res.status().message()};
        bool already_named = res.status().message().find(file.path) != std::string::npos;
        if (already_named) e.file.clear();
        errors.Add(e);
        if (options.abort_on_error) {
          std::lock_guard<std::mutex> lock(errors.mu);
          if (!totals.abort.exchange(true)) totals.abort_status = res.status();
        }
        continue;
      }
      totals.records.fetch_add(res->records);
      totals.files_ok.fetch_add(1);
      totals.filter_seen.fetch_add(filter_seen);
      totals.filter_kept.fetch_add(filter_kept);
    }
  };
  unsigned n = std::max(1u, std::min<unsigned>(flags.threads, static_cast<unsigned>(files.size())));
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < n; ++t) pool.emplace_back(worker);
  std::atomic<bool> done{false};
  std::thread ticker([&] {
    while (!done.load()) {
      bar.Render();
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  });
  for (auto& t : pool) t.join();
  done = true;
  ticker.join();
  bar.Finish();
}

std::string ErrorText(const corpus::ReadError& e) {
  return e.file.empty() ? e.message : e.ToString();
}

int Fail(const std::string& graph_dir, const std::string& staging, const Status& s, bool json) {
  if (!staging.empty()) (void)graph::AbandonVersion(staging);
  if (json) {
    nlohmann::json j = {{"ok", false}, {"error", s.ToString()}, {"graph", graph_dir}};
    std::printf("%s\n", j.dump().c_str());
  }
  std::fprintf(stderr, "superteam ingest: %s\nnothing was changed in %s\n", s.ToString().c_str(),
               graph_dir.c_str());
  return 1;
}

}  // namespace

int RunIngest(int argc, char** argv) {
  IngestFlags flags;
  CLI::App app{"Read OpenAlex works, conference paper lists, arXiv metadata and Semantic Scholar papers into a talent graph.\n"
               "Ingesting into an existing graph adds the files and publishes a new version.",
               "superteam ingest"};
  app.add_option("paths", flags.paths,
                 "input files or directories (an OpenAlex snapshot root works); none: rebuild the current "
                 "version from its recorded inputs (after an upgrade that changed the file format)");
  app.add_option("--graph", flags.graph_dir, "graph directory (versions are kept inside)")->required();
  app.add_option("--threads", flags.threads, "reader threads")->check(CLI::Range(1u, 256u));
  app.add_option("--on-error", flags.on_error, "what a bad record does: skip it (counted) or abort")
      ->check(CLI::IsMember({"skip", "abort"}));
  app.add_flag("--json", flags.json, "print the summary as JSON on stdout");
  app.add_option("--labs", flags.labs, "CSV openalex_institution_id,lab mapping institutions to labs");
  app.add_option("--db", flags.db_url, "campaign store: after publishing, compute the watchlist alerts against the "
                                       "previous version (as `superteam alerts`)");
  app.add_option("--keep", flags.keep,
                 "keep only OpenAlex works in these fields/subfields/topics/concepts, e.g. "
                 "--keep subfields:1702,1707 --keep concepts:C154945302 (any match keeps a work; other sources are "
                 "kept whole). Recorded with the graph: a later ingest without --keep reuses it; --keep all drops it");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  auto start = std::chrono::steady_clock::now();
  graph::LogPhase("start");

  auto nothing_to_rebuild = [&] {
    return Fail(flags.graph_dir, "", Status::InvalidInput("no input paths, and no graph in " + flags.graph_dir +
                                                          " to rebuild"), flags.json);
  };
  // Checked before the lock, which would create the directory.
  if (flags.paths.empty() && !std::filesystem::exists(flags.graph_dir)) return nothing_to_rebuild();
  // Held until exit: reading CURRENT, building and publishing are one step.
  auto lock = graph::GraphDirLock::Acquire(flags.graph_dir);
  if (!lock.ok()) return Fail(flags.graph_dir, "", lock.status(), flags.json);

  // Previous inputs + new paths, each once.
  std::vector<std::string> inputs;
  uint64_t previous_version = 0;
  auto current = graph::CurrentVersionDir(flags.graph_dir);
  if (current.ok()) {
    auto prev = graph::ReadVersionInputs(*current);
    if (!prev.ok()) return Fail(flags.graph_dir, "", prev.status(), flags.json);
    inputs = *prev;
    previous_version = std::strtoull(std::filesystem::path(*current).filename().string().c_str() + 1, nullptr, 10);
  } else if (current.status().code() != StatusCode::kNotFound) {
    return Fail(flags.graph_dir, "", current.status(), flags.json);
  }
  for (const auto& p : flags.paths) {
    std::string abs = AbsolutePath(p);
    if (std::find(inputs.begin(), inputs.end(), abs) == inputs.end()) inputs.push_back(abs);
  }
  if (inputs.empty()) return nothing_to_rebuild();
  auto files = corpus::ExpandInputs(inputs);
  if (!files.ok()) return Fail(flags.graph_dir, "", files.status(), flags.json);
  uint64_t total_bytes = 0;
  for (const auto& f : *files) total_bytes += f.size_bytes;

  auto staging = graph::BeginVersion(flags.graph_dir);
  if (!staging.ok()) return Fail(flags.graph_dir, "", staging.status(), flags.json);

  // The lab mapping travels with the graph: a version keeps a copy (labs.csv),
  // and adding files without --labs reuses the previous version's copy.
  std::string labs = flags.labs;
  if (labs.empty() && current.ok() && std::filesystem::exists(*current + "/labs.csv")) labs = *current + "/labs.csv";
  // The filter travels with the graph like the lab mapping (keep.txt).
  std::vector<std::string> keep_specs = flags.keep;
  if (keep_specs.empty() && current.ok() && std::filesystem::exists(*current + "/keep.txt")) {
    auto text = ReadFileToString(*current + "/keep.txt");
    if (!text.ok()) return Fail(flags.graph_dir, *staging, text.status(), flags.json);
    for (std::string_view rest = *text; !rest.empty();) {
      size_t sp = rest.find_first_of(" \n");
      if (sp > 0) keep_specs.emplace_back(rest.substr(0, sp));
      rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
    }
  }
  if (keep_specs.size() == 1 && keep_specs[0] == "all") keep_specs.clear();
  auto keep = corpus::KeepFilter::Parse(keep_specs);
  if (!keep.ok()) return Fail(flags.graph_dir, *staging, keep.status(), flags.json);
  ErrorLog errors;
  ReadTotals totals;
  Result<graph::BuildSummary> summary = Status::Internal("not built");
  {
    // The builder's records are gone before scoring maps the new graph.
    graph::GraphBuilder builder(graph::BuildOptions{labs, flags.threads}, *staging);
    ProgressBar bar("ingest", total_bytes, !flags.json);
    ReadAll(*files, flags, *keep, builder, errors, totals, bar);
    if (totals.abort.load())
      return Fail(flags.graph_dir, *staging,
                  Status(totals.abort_status.code(), totals.abort_status.message() + " (--on-error=abort)"),
                  flags.json);
    graph::LogPhase("read files");
    summary = builder.Write(*staging);
  }
  graph::ReleaseFreedMemory();
  graph::LogPhase("builder freed");
  if (!summary.ok()) return Fail(flags.graph_dir, *staging, summary.status(), flags.json);
  Status s = graph::WriteVersionInputs(*staging, inputs);
  if (!s.ok()) return Fail(flags.graph_dir, *staging, s, flags.json);
  if (!labs.empty()) {
    auto text = ReadFileToString(labs);
    if (!text.ok()) return Fail(flags.graph_dir, *staging, text.status(), flags.json);
    s = WriteFileAtomic(*staging + "/labs.csv", *text);
    if (!s.ok()) return Fail(flags.graph_dir, *staging, s, flags.json);
  }
  if (!keep->empty()) {
    s = WriteFileAtomic(*staging + "/keep.txt", keep->ToString() + "\n");
    if (!s.ok()) return Fail(flags.graph_dir, *staging, s, flags.json);
  }
  {
    // Scoring is one pass: the checksums' pages go back as they are read.
    auto view = graph::GraphView::Open(*staging, graph::GraphView::OpenPages::kRelease);
    if (!view.ok()) return Fail(flags.graph_dir, *staging, view.status(), flags.json);
    graph::LogPhase("map graph");
    s = scoring::BuildDerived(**view, *staging, scoring::DeriveOptions{flags.threads});
    graph::LogPhase("scoring data");
    if (!s.ok()) return Fail(flags.graph_dir, *staging, s, flags.json);
  }
  s = graph::PublishVersion(flags.graph_dir, *staging);
  if (!s.ok()) return Fail(flags.graph_dir, *staging, s, flags.json);
  auto published = graph::CurrentVersionDir(flags.graph_dir);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::sort(errors.first.begin(), errors.first.end(), [](const auto& a, const auto& b) {
    return std::tie(a.file, a.line) < std::tie(b.file, b.line);
  });
  if (flags.json) {
    nlohmann::json first = nlohmann::json::array();
    for (const auto& e : errors.first)
      first.push_back({{"file", e.file}, {"line", e.line}, {"message", e.message}});
    nlohmann::json j = {
        {"ok", true},
        {"graph", flags.graph_dir},
        {"version_dir", published.ok() ? *published : std::string()},
        {"previous_version", previous_version},
        {"inputs", inputs.size()},
        {"files", files->size()},
        {"files_failed", totals.files_failed.load()},
        {"bytes", total_bytes},
        {"records", totals.records.load()},
        {"works", summary->works},
        {"authors", summary->authors},
        {"authorships", summary->authorships},
        {"institutions", summary->institutions},
        {"coauthor_edges", summary->coauthor_edges},
        {"references", summary->references},
        {"merged_identities", summary->merged_identities},
        {"citation_records", summary->citation_records},
        {"citation_records_joined", summary->citation_records_joined},
        {"keep", keep->empty() ? nlohmann::json(nullptr) : nlohmann::json(keep->ToString())},
        {"openalex_works_seen", totals.filter_seen.load()},
        {"openalex_works_kept", totals.filter_kept.load()},
        {"errors", errors.count},
        {"first_errors", first},
        {"seconds", secs},
    };
    std::printf("%s\n", j.dump(2).c_str());
  } else {
    std::fprintf(stderr,
                 "ingested %zu files (%s, %llu failed) in %.1f s: %llu records -> %llu works, %llu authors "
                 "(%llu authorships, %llu merged), %llu institutions, %llu co-author edges\n",
                 files->size(), HumanBytes(static_cast<double>(total_bytes)).c_str(),
                 static_cast<unsigned long long>(totals.files_failed.load()), secs,
                 static_cast<unsigned long long>(totals.records.load()),
                 static_cast<unsigned long long>(summary->works),
                 static_cast<unsigned long long>(summary->authors),
                 static_cast<unsigned long long>(summary->authorships),
                 static_cast<unsigned long long>(summary->merged_identities),
                 static_cast<unsigned long long>(summary->institutions),
                 static_cast<unsigned long long>(summary->coauthor_edges));
    if (!keep->empty())
      std::fprintf(stderr, "kept %llu of %llu OpenAlex works seen (%.1f%%) by --keep %s\n",
                   static_cast<unsigned long long>(totals.filter_kept.load()),
                   static_cast<unsigned long long>(totals.filter_seen.load()),
                   totals.filter_seen.load() ? 100.0 * static_cast<double>(totals.filter_kept.load()) /
                                                   static_cast<double>(totals.filter_seen.load())
                                             : 0.0,
                   keep->ToString().c_str());
    if (summary->citation_records > 0)
      std::fprintf(stderr, "citation records (Google Scholar): %llu, %llu joined to a work by title + year (%.1f%%)\n",
                   static_cast<unsigned long long>(summary->citation_records),
                   static_cast<unsigned long long>(summary->citation_records_joined),
                   100.0 * static_cast<double>(summary->citation_records_joined) /
                       static_cast<double>(summary->citation_records));
    if (errors.count > 0) {
      std::fprintf(stderr, "%llu errors (skipped); first %zu:\n", static_cast<unsigned long long>(errors.count),
                   errors.first.size());
      for (const auto& e : errors.first) std::fprintf(stderr, "  %s\n", ErrorText(e).c_str());
    }
    std::fprintf(stderr, "published %s\n", published.ok() ? published->c_str() : flags.graph_dir.c_str());
  }
  // ---- watch (issue 11): the diff happens here, at ingest, once per version.
  if (!flags.db_url.empty() && current.ok() && published.ok()) {
    auto prev_view = graph::GraphView::Open(*current);
    auto new_view = graph::GraphView::Open(*published);
    auto store = store::OpenStore(flags.db_url);
    Result<watch::AlertRunResult> run = !prev_view.ok()  ? Result<watch::AlertRunResult>(prev_view.status())
                                        : !new_view.ok() ? Result<watch::AlertRunResult>(new_view.status())
                                        : !store.ok()    ? Result<watch::AlertRunResult>(store.status())
                                                         : watch::RunAlerts(**store, *prev_view, *new_view);
    if (!run.ok()) {
      std::fprintf(stderr, "superteam ingest: the graph is published, but the alerts failed: %s\n"
                           "  retry with: superteam alerts --graph %s --db URL\n",
                   run.status().ToString().c_str(), flags.graph_dir.c_str());
      return 2;
    }
    std::fprintf(stderr, "alerts: %lld for %lld watched people and searches\n", static_cast<long long>(run->run.alerts),
                 static_cast<long long>(run->run.watched));
  }
  return 0;
}

}  // namespace st::cli
