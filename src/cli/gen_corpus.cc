// superteam gen-corpus: writes the seeded, synthetic demo corpus.
#include <chrono>
#include <cstdio>
#include <map>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "demo/corpus_writer.h"

namespace st::cli {

int RunGenCorpus(int argc, char** argv) {
  CLI::App app{"Generate the seeded demo corpus in the OpenAlex works format (synthetic: not real people)",
               "superteam gen-corpus"};
  demo::CorpusOptions options;
  std::string layout = "snapshot";
  bool gzip = false;
  bool json = false;
  app.add_option("--out", options.out_dir, "output directory (empty, absent, or an earlier demo corpus)")
      ->required();
  app.add_option("--seed", options.world.seed, "random seed; the same seed gives byte-identical output")
      ->capture_default_str();
  app.add_option("--authors", options.world.authors, "number of researchers")->capture_default_str()
      ->check(CLI::Range(1u, 50000000u));
  app.add_option("--works", options.world.works, "number of works (default: 5 per author)");
  app.add_flag("--gzip", gzip, "gzip the JSON Lines parts (the snapshot layout is always gzipped)");
  app.add_option("--layout", layout, "snapshot: data/works/updated_date=*/part_*.gz + manifest; "
                 "jsonl: part_NNN.jsonl[.gz]")
      ->check(CLI::IsMember({"snapshot", "jsonl"}))->capture_default_str();
  app.add_option("--part-works", options.works_per_part, "works per part file")->capture_default_str()
      ->check(CLI::Range(1u, 100000000u));
  app.add_option("--threads", options.threads, "threads rendering and compressing parts")->capture_default_str()
      ->check(CLI::Range(1u, 256u));
  app.add_option("--gzip-level", options.gzip_level, "gzip level 1..12")->capture_default_str()
      ->check(CLI::Range(1, 12));
  bool no_abstracts = false;
  app.add_flag("--no-abstracts", no_abstracts, "leave abstracts out (null), for big benchmark corpora");
  app.add_flag("--json", json, "print a JSON summary");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  options.layout = layout == "jsonl" ? demo::Layout::kJsonl : demo::Layout::kSnapshot;
  options.gzip = options.layout == demo::Layout::kSnapshot || gzip;
  options.abstracts = !no_abstracts;

  const auto start = std::chrono::steady_clock::now();
  auto summary = demo::GenerateCorpus(options);
  if (!summary.ok()) {
    std::fprintf(stderr, "superteam gen-corpus: %s\n", summary.status().ToString().c_str());
    return 1;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (json) {
    std::printf("{\"authors\":%llu,\"works\":%llu,\"files\":%zu,\"bytes\":%llu,\"json_bytes\":%llu,"
                "\"seconds\":%.3f}\n",
                static_cast<unsigned long long>(summary->authors), static_cast<unsigned long long>(summary->works),
                summary->files.size(), static_cast<unsigned long long>(summary->bytes),
                static_cast<unsigned long long>(summary->json_bytes), seconds);
  } else {
    std::printf("demo corpus (synthetic, seed %llu): %llu works by %llu researchers, %zu files, "
                "%.1f MB on disk (%.1f MB JSON) in %.2f s -> %s\n",
                static_cast<unsigned long long>(options.world.seed),
                static_cast<unsigned long long>(summary->works), static_cast<unsigned long long>(summary->authors),
                summary->files.size(), summary->bytes / 1e6, summary->json_bytes / 1e6, seconds,
                options.out_dir.c_str());
  }
  return 0;
}

}  // namespace st::cli
