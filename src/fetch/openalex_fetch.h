// `superteam fetch openalex`: pages of works from the OpenAlex API, saved as
// the API sent them ({"meta":…,"results":[…]}, which `ingest` reads), with
// cursor paging (cursor=* → meta.next_cursor), the polite pool's mailto,
// retries with exponential backoff on 429/5xx/dropped connections, and a state
// file that lets a stopped fetch resume after the last page it wrote.
// Pure logic: HTTP comes through HttpClient, sleeping and progress through
// callbacks (the libcurl adapter is curl_http_client.cc).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "fetch/http_client.h"

namespace st::fetch {

struct RetryPolicy {
  int max_attempts = 8;        // per page, the first try included
  double base_seconds = 1.0;   // first wait; doubles each further failure
  double max_seconds = 60.0;   // cap of one wait (a longer Retry-After is capped too)
};

// Whether a failed response is worth another try: transport errors (refused,
// reset, dropped mid-body, timeout), 429 and 5xx. Other 4xx are the query's fault.
bool IsRetryable(const HttpResponse& r);
// Wait before try `failures + 1` (failures ≥ 1): the server's Retry-After when
// given, else base·2^(failures-1) scaled by jitter01 ∈ [0,1] into [½, 1] of it; capped.
double BackoffSeconds(const RetryPolicy& policy, int failures, double retry_after_seconds, double jitter01);

// Percent-encodes all but RFC 3986 unreserved characters (and `keep`).
std::string UrlEncode(std::string_view s, std::string_view keep = "");

struct FetchOptions {
  std::string api_base = "https://api.openalex.org";
  // One cursor-paged query per filter expression (the API ANDs different
  // filter keys, so an OR across kinds is several queries; ingest merges the
  // works they share by id).
  std::vector<std::string> filters;
  std::string mailto;  // the polite pool: faster, more reliable service
  int per_page = 200;  // the API's maximum
  std::string out_dir;
  RetryPolicy retry;
  uint64_t max_pages = 0;  // stop after this many new pages (0: all); resumable like an interruption
};

// Builds one page's URL: {api_base}/works?filter=…&per-page=…&cursor=…[&mailto=…].
std::string PageUrl(const FetchOptions& options, const std::string& filter, const std::string& cursor);

struct PageInfo {
  uint64_t results = 0;
  int64_t count = -1;       // meta.count: works the query matches, -1 when absent
  std::string next_cursor;  // empty: the last page
};
// Checks a body is a complete API page and reads its envelope.
Result<PageInfo> ParsePage(std::string_view body);

struct QueryState {
  std::string filter;
  std::string cursor = "*";  // the cursor of the next page to fetch
  uint64_t pages = 0;        // pages written (files q<i>-page-<n>.json, n = 1..pages)
  uint64_t works = 0;
  int64_t count = -1;
  bool done = false;
};

// DIR/.fetch-state.json (hidden: `ingest DIR` skips it), rewritten atomically after every page.
struct FetchState {
  std::vector<QueryState> queries;
};
std::string StatePath(const std::string& out_dir);
Result<FetchState> LoadState(const std::string& path);
Status SaveState(const std::string& path, const FetchState& state);
// "q1-page-000001.json" (query index and page 1-based).
std::string PageFileName(size_t query_index, uint64_t page);

struct FetchProgress {
  size_t query = 0, queries = 0;  // 1-based query being fetched
  uint64_t pages = 0, works = 0;  // of this query, written so far
  int64_t count = -1;             // of this query, per the API
  uint64_t bytes = 0;             // page bytes written in this run
  uint64_t retries = 0;           // in this run
};

struct FetchSummary {
  uint64_t pages_written = 0;  // in this run
  uint64_t works_written = 0;  // in this run
  uint64_t pages_total = 0;    // in DIR, all queries
  uint64_t works_total = 0;
  uint64_t retries = 0;
  bool resumed = false;  // a previous run's state was continued
  bool complete = false; // every query reached its last page
};

struct FetchHooks {
  std::function<void(double seconds)> sleep;                // default: std::this_thread::sleep_for
  std::function<double()> jitter;                           // default: uniform [0,1)
  std::function<void(const FetchProgress&)> on_page;        // after every page written
  std::function<void(const std::string& line)> on_retry;    // "HTTP 429 on page 3 of query 1; retry 2/8 in 1.4 s"
};

// Fetches every query's remaining pages into options.out_dir. A state file of
// other queries is an error (use another directory). A page that keeps
// failing after max_attempts stops the run with the pages so far kept and
// resumable; a non-retryable answer (400 on a bad filter) names the URL and
// the API's message.
Result<FetchSummary> FetchWorks(const FetchOptions& options, HttpClient& http, const FetchHooks& hooks = {});

}  // namespace st::fetch
