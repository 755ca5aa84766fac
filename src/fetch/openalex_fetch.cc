#include "fetch/openalex_fetch.h"

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <random>
#include <thread>

#include "base/fs.h"

namespace st::fetch {
namespace {

constexpr int kStateVersion = 1;

std::string Describe(const HttpResponse& r) {
  if (r.transport_error != 0) return "connection error (" + r.error + ")";
  return "HTTP " + std::to_string(r.status);
}

// The API's own words on a refused query ({"error":…, "message":…}), shortened.
std::string ApiMessage(const std::string& body) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  std::string msg;
  if (j.is_object()) {
    if (j.contains("error") && j["error"].is_string()) msg = j["error"].get<std::string>();
    if (j.contains("message") && j["message"].is_string()) msg += (msg.empty() ? "" : ": ") + j["message"].get<std::string>();
  }
  if (msg.empty()) msg = body.substr(0, 200);
  return msg;
}

}  // namespace

bool IsRetryable(const HttpResponse& r) {
  if (r.transport_error != 0) return true;
  return r.status == 429 || (r.status >= 500 && r.status <= 599);
}

double BackoffSeconds(const RetryPolicy& policy, int failures, double retry_after_seconds, double jitter01) {
  if (retry_after_seconds >= 0) return std::min(retry_after_seconds, policy.max_seconds);
  double full = policy.base_seconds * std::ldexp(1.0, std::clamp(failures, 1, 30) - 1);
  double wait = full * (0.5 + 0.5 * std::clamp(jitter01, 0.0, 1.0));
  return std::min(wait, policy.max_seconds);
}

std::string UrlEncode(std::string_view s, std::string_view keep) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    bool plain = std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' ||
                 keep.find(static_cast<char>(c)) != std::string_view::npos;
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string PageUrl(const FetchOptions& options, const std::string& filter, const std::string& cursor) {
  std::string url = options.api_base;
  while (!url.empty() && url.back() == '/') url.pop_back();
  url += "/works?";
  if (!filter.empty()) url += "filter=" + UrlEncode(filter, ":,") + "&";
  url += "per-page=" + std::to_string(options.per_page);
  url += "&cursor=" + UrlEncode(cursor);
  if (!options.mailto.empty()) url += "&mailto=" + UrlEncode(options.mailto, "@");
  return url;
}

Result<PageInfo> ParsePage(std::string_view body) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (auto e = parser.parse(body.data(), body.size()).get(doc))
    return Status::InvalidInput(std::string("page is not complete JSON: ") + simdjson::error_message(e));
  simdjson::dom::object top;
  if (doc.get(top)) return Status::InvalidInput("page is not a JSON object");
  simdjson::dom::object meta;
  if (top["meta"].get(meta)) return Status::InvalidInput("page has no 'meta' object");
  simdjson::dom::array results;
  if (top["results"].get(results)) return Status::InvalidInput("page has no 'results' array");
  PageInfo info;
  info.results = results.size();
  int64_t count = 0;
  if (!meta["count"].get(count)) info.count = count;
  simdjson::dom::element next;
  if (!meta["next_cursor"].get(next) && next.is_string()) info.next_cursor = std::string(next.get_string().value());
  return info;
}

std::string StatePath(const std::string& out_dir) { return out_dir + "/.fetch-state.json"; }

std::string PageFileName(size_t query_index, uint64_t page) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "q%zu-page-%06llu.json", query_index + 1, static_cast<unsigned long long>(page));
  return buf;
}

Result<FetchState> LoadState(const std::string& path) {
  auto text = ReadFileToString(path);
  if (!text.ok()) return text.status();
  auto j = nlohmann::json::parse(*text, nullptr, false);
  auto bad = [&](const std::string& why) { return Status::Corruption(path + ": " + why); };
  if (!j.is_object() || !j.contains("queries") || !j["queries"].is_array()) return bad("not a fetch state");
  if (j.value("version", 0) != kStateVersion) return bad("unknown state version");
  FetchState st;
  try {
    for (const auto& q : j["queries"]) {
      QueryState s;
      s.filter = q.at("filter").get<std::string>();
      s.cursor = q.at("cursor").get<std::string>();
      s.pages = q.at("pages").get<uint64_t>();
      s.works = q.at("works").get<uint64_t>();
      s.count = q.at("count").get<int64_t>();
      s.done = q.at("done").get<bool>();
      st.queries.push_back(std::move(s));
    }
  } catch (const nlohmann::json::exception& e) {
    return bad(std::string("bad query entry: ") + e.what());
  }
  return st;
}

Status SaveState(const std::string& path, const FetchState& state) {
  nlohmann::json qs = nlohmann::json::array();
  for (const auto& q : state.queries)
    qs.push_back({{"filter", q.filter}, {"cursor", q.cursor}, {"pages", q.pages}, {"works", q.works},
                  {"count", q.count}, {"done", q.done}});
  nlohmann::json j = {{"version", kStateVersion}, {"queries", qs}};
  return WriteFileAtomic(path, j.dump(2) + "\n");
}

Result<FetchSummary> FetchWorks(const FetchOptions& options, HttpClient& http, const FetchHooks& hooks) {
  if (options.out_dir.empty()) return Status::InvalidInput("--out: no directory");
  if (options.per_page < 1 || options.per_page > 200) return Status::InvalidInput("--per-page: 1 to 200");
  std::vector<std::string> filters = options.filters;
  if (filters.empty()) filters.push_back("");
  Status s = MakeDirs(options.out_dir);
  if (!s.ok()) return s;

  auto sleep = hooks.sleep ? hooks.sleep : [](double secs) {
    std::this_thread::sleep_for(std::chrono::duration<double>(secs));
  };
  std::mt19937_64 rng(std::random_device{}());
  auto jitter = hooks.jitter ? hooks.jitter : [&rng] { return std::uniform_real_distribution<double>(0, 1)(rng); };

  const std::string state_path = StatePath(options.out_dir);
  FetchState state;
  FetchSummary sum;
  if (std::filesystem::exists(state_path)) {
    auto loaded = LoadState(state_path);
    if (!loaded.ok()) return loaded.status();
    std::vector<std::string> had;
    for (const auto& q : loaded->queries) had.push_back(q.filter);
    if (had != filters) {
      std::string was;
      for (const auto& f : had) was += (was.empty() ? "" : " + ") + (f.empty() ? "(all works)" : f);
      return Status::InvalidInput(options.out_dir + " holds a fetch of another query (" + was +
                                  "); use another --out directory");
    }
    state = std::move(*loaded);
    sum.resumed = true;
  } else {
    for (const auto& f : filters) state.queries.push_back(QueryState{f});
    s = SaveState(state_path, state);
    if (!s.ok()) return s;
  }

  FetchProgress progress;
  progress.queries = state.queries.size();
  bool stopped = false;
  for (size_t qi = 0; qi < state.queries.size() && !stopped; ++qi) {
    QueryState& q = state.queries[qi];
    progress.query = qi + 1;
    while (!q.done) {
      if (options.max_pages != 0 && sum.pages_written >= options.max_pages) {
        stopped = true;
        break;
      }
      const std::string url = PageUrl(options, q.filter, q.cursor);
      PageInfo info;
      std::string body;
      for (int attempt = 1;; ++attempt) {
        HttpResponse r = http.Get(url);
        std::string problem;
        double retry_after = -1;
        if (r.transport_error == 0 && r.status == 200) {
          auto parsed = ParsePage(r.body);
          if (parsed.ok()) {
            info = std::move(*parsed);
            body = std::move(r.body);
            break;
          }
          problem = "a broken page (" + parsed.status().message() + ")";
        } else if (!IsRetryable(r)) {
          return Status::InvalidInput("OpenAlex refused " + url + ": " + Describe(r) + ": " + ApiMessage(r.body));
        } else {
          problem = Describe(r);
          retry_after = r.retry_after_seconds;
        }
        if (attempt >= options.retry.max_attempts)
          return Status::IoError(problem + " on page " + std::to_string(q.pages + 1) + " of query " +
                                     std::to_string(qi + 1) + " after " + std::to_string(attempt) +
                                     " tries; the " + std::to_string(q.pages) +
                                     " pages written are kept: run the same command again to resume (" + url + ")");
        double wait = BackoffSeconds(options.retry, attempt, retry_after, jitter());
        ++sum.retries;
        ++progress.retries;
        if (hooks.on_retry) {
          char line[96];
          std::snprintf(line, sizeof line, "; retry %d/%d in %.2f s", attempt + 1, options.retry.max_attempts, wait);
          hooks.on_retry(problem + " on page " + std::to_string(q.pages + 1) + " of query " +
                         std::to_string(qi + 1) + line);
        }
        sleep(wait);
      }
      if (!info.next_cursor.empty() && info.next_cursor == q.cursor)
        return Status::Corruption("the API returned the same cursor again at " + url);
      if (info.count >= 0) q.count = info.count;
      if (info.results > 0) {
        // The page first, then the state naming it: a crash in between
        // refetches the same page into the same file.
        s = WriteFileAtomic(options.out_dir + "/" + PageFileName(qi, q.pages + 1), body);
        if (!s.ok()) return s;
        ++q.pages;
        q.works += info.results;
        ++sum.pages_written;
        sum.works_written += info.results;
        progress.bytes += body.size();
      }
      if (info.next_cursor.empty() || info.results == 0) {
        q.done = true;
      } else {
        q.cursor = info.next_cursor;
      }
      s = SaveState(state_path, state);
      if (!s.ok()) return s;
      progress.pages = q.pages;
      progress.works = q.works;
      progress.count = q.count;
      if (hooks.on_page) hooks.on_page(progress);
    }
  }
  sum.complete = true;
  for (const auto& q : state.queries) {
    sum.pages_total += q.pages;
    sum.works_total += q.works;
    sum.complete = sum.complete && q.done;
  }
  return sum;
}

}  // namespace st::fetch
