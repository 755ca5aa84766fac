// `superteam fetch openalex --keep … --since … --out DIR [--mailto …]`: works
// from the OpenAlex API saved as pages that `superteam ingest DIR` reads.
// Resumable: the same command again continues after the last page written.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cctype>
#include <chrono>
#include <cstdio>

#include "base/progress.h"
#include "cli/commands.h"
#include "corpus/keep_filter.h"
#include "fetch/curl_http_client.h"
#include "fetch/openalex_fetch.h"

namespace st::cli {
namespace {

// "2020" → "2020-01-01"; "2020-06-01" as is; else empty.
std::string SinceDate(const std::string& s) {
  auto digits = [&](size_t from, size_t n) {
    for (size_t i = from; i < from + n; ++i)
      if (i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    return true;
  };
  if (s.size() == 4 && digits(0, 4)) return s + "-01-01";
  if (s.size() == 10 && digits(0, 4) && s[4] == '-' && digits(5, 2) && s[7] == '-' && digits(8, 2)) return s;
  return "";
}

std::string Thousands(uint64_t n) {
  std::string d = std::to_string(n), out;
  for (size_t i = 0; i < d.size(); ++i) {
    if (i > 0 && (d.size() - i) % 3 == 0) out += ',';
    out += d[i];
  }
  return out;
}

}  // namespace

int RunFetch(int argc, char** argv) {
  CLI::App app{"Fetch works from an online source into files `superteam ingest` reads.", "superteam fetch"};
  app.require_subcommand(1);
  CLI::App* oa = app.add_subcommand(
      "openalex",
      "works from the OpenAlex API (api.openalex.org), cursor-paged, 200 per page, saved as the API's pages.\n"
      "Run the same command again to resume after an interruption; then: superteam ingest DIR --graph G");
  std::vector<std::string> keep_specs;
  std::string since, out_dir, mailto, api = "https://api.openalex.org";
  int per_page = 200, retries = 8;
  double retry_base = 1.0;
  uint64_t max_pages = 0;
  bool json = false;
  oa->add_option("--keep", keep_specs,
                 "works in these fields/subfields/topics/concepts, e.g. --keep subfields:1702,1707 "
                 "(the same syntax as ingest --keep; each kind is one API query, OR'd)");
  oa->add_option("--since", since, "works published on or after YYYY or YYYY-MM-DD (from_publication_date)");
  oa->add_option("--out", out_dir, "directory for the pages and the resume state")->required();
  oa->add_option("--mailto", mailto, "your e-mail for OpenAlex's polite pool (recommended)");
  oa->add_option("--api", api, "API base URL");
  oa->add_option("--per-page", per_page, "works per page")->check(CLI::Range(1, 200));
  oa->add_option("--retries", retries, "tries per page before giving up (resumable)")->check(CLI::Range(1, 100));
  oa->add_option("--retry-base", retry_base, "first backoff wait in seconds (doubles per failure, max 60)")
      ->check(CLI::Range(0.0, 60.0));
  oa->add_option("--max-pages", max_pages, "stop after this many new pages (0: all); resumable");
  oa->add_flag("--json", json, "print the summary as JSON on stdout");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  auto fail = [&](const std::string& msg) {
    if (json) std::printf("%s\n", nlohmann::json({{"ok", false}, {"error", msg}}).dump().c_str());
    std::fprintf(stderr, "superteam fetch openalex: %s\n", msg.c_str());
    return 1;
  };
  auto keep = corpus::KeepFilter::Parse(keep_specs);
  if (!keep.ok()) return fail(keep.status().message());
  std::string since_filter;
  if (!since.empty()) {
    std::string date = SinceDate(since);
    if (date.empty()) return fail("--since '" + since + "': expected YYYY or YYYY-MM-DD");
    since_filter = "from_publication_date:" + date;
  }
  fetch::FetchOptions options;
  options.api_base = api;
  options.mailto = mailto;
  options.per_page = per_page;
  options.out_dir = out_dir;
  options.retry.max_attempts = retries;
  options.retry.base_seconds = retry_base;
  options.max_pages = max_pages;
  for (const std::string& f : keep->ApiFilters())
    options.filters.push_back(since_filter.empty() ? f : f + "," + since_filter);
  if (options.filters.empty() && !since_filter.empty()) options.filters.push_back(since_filter);
  if (options.filters.empty())
    std::fprintf(stderr, "superteam fetch openalex: no --keep or --since: this asks for every work (~250M)\n");
  if (mailto.empty())
    std::fprintf(stderr, "superteam fetch openalex: no --mailto: the common pool is slower and stricter\n");

  const bool tty = ProgressBar::StderrIsTty() && !json;
  auto start = std::chrono::steady_clock::now();
  fetch::FetchHooks hooks;
  hooks.on_retry = [&](const std::string& line) {
    std::fprintf(stderr, "%s%s\n", tty ? "\r\033[K" : "", line.c_str());
  };
  hooks.on_page = [&](const fetch::FetchProgress& p) {
    if (!tty && p.pages % 25 != 1) return;
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::string of = p.count >= 0 ? " of " + Thousands(static_cast<uint64_t>(p.count)) : std::string();
    char pct[32] = "";
    if (p.count > 0) std::snprintf(pct, sizeof pct, " (%.1f%%)", 100.0 * static_cast<double>(p.works) / static_cast<double>(p.count));
    std::fprintf(stderr, "%sfetch openalex: query %zu/%zu, page %llu, %s%s works%s, %s at %s/s, %llu retries%s",
                 tty ? "\r\033[K" : "", p.query, p.queries, static_cast<unsigned long long>(p.pages),
                 Thousands(p.works).c_str(), of.c_str(), pct, HumanBytes(static_cast<double>(p.bytes)).c_str(),
                 HumanBytes(secs > 0 ? static_cast<double>(p.bytes) / secs : 0).c_str(),
                 static_cast<unsigned long long>(p.retries), tty ? "" : "\n");
  };
  fetch::CurlHttpClient http;
  auto sum = fetch::FetchWorks(options, http, hooks);
  if (tty) std::fprintf(stderr, "\n");
  if (!sum.ok()) return fail(sum.status().message());
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (json) {
    nlohmann::json filters = options.filters;
    std::printf("%s\n", nlohmann::json({{"ok", true},
                                        {"out", out_dir},
                                        {"filters", filters},
                                        {"resumed", sum->resumed},
                                        {"complete", sum->complete},
                                        {"pages_written", sum->pages_written},
                                        {"works_written", sum->works_written},
                                        {"pages_total", sum->pages_total},
                                        {"works_total", sum->works_total},
                                        {"retries", sum->retries},
                                        {"seconds", secs}})
                            .dump(2)
                            .c_str());
  }
  std::fprintf(stderr, "%s %s works in %s pages this run (%s in %s pages in %s)%s, %llu retries, %.1f s%s\n",
               sum->resumed ? "resumed:" : "fetched", Thousands(sum->works_written).c_str(),
               Thousands(sum->pages_written).c_str(), Thousands(sum->works_total).c_str(),
               Thousands(sum->pages_total).c_str(), out_dir.c_str(), sum->complete ? ", complete" : ", not finished",
               static_cast<unsigned long long>(sum->retries), secs,
               sum->complete ? "" : " — run the same command again to continue");
  return 0;
}

}  // namespace st::cli
