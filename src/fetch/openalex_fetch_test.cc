// The fetcher's pure logic over a scripted HttpClient: backoff, what is
// retried, URLs, page envelopes, giving up resumably, refusing a bad query.
#include "fetch/openalex_fetch.h"

#include <gtest/gtest.h>

#include <deque>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "base/test_paths.h"

namespace st::fetch {
namespace {

namespace fs = std::filesystem;

std::string Page(int first, int n, const std::string& next, int count) {
  nlohmann::json results = nlohmann::json::array();
  for (int i = first; i < first + n; ++i) results.push_back({{"id", "https://openalex.org/W" + std::to_string(i)}});
  nlohmann::json meta = {{"count", count}, {"per_page", n}};
  meta["next_cursor"] = next.empty() ? nlohmann::json(nullptr) : nlohmann::json(next);
  return nlohmann::json({{"meta", meta}, {"results", results}}).dump();
}

HttpResponse Ok(std::string body) { return {0, "", 200, std::move(body), -1}; }
HttpResponse Status_(long status, std::string body = "") { return {0, "", status, std::move(body), -1}; }

class ScriptedHttp : public HttpClient {
 public:
  std::deque<HttpResponse> replies;
  std::vector<std::string> urls;
  HttpResponse Get(const std::string& url) override {
    urls.push_back(url);
    if (replies.empty()) return {7, "no more scripted replies", 0, "", -1};
    HttpResponse r = replies.front();
    replies.pop_front();
    return r;
  }
};

TEST(Backoff, DoublesWithJitterHonoursRetryAfterAndCaps) {
  RetryPolicy p{8, 1.0, 60.0};
  EXPECT_DOUBLE_EQ(BackoffSeconds(p, 1, -1, 1.0), 1.0);
  EXPECT_DOUBLE_EQ(BackoffSeconds(p, 2, -1, 1.0), 2.0);
  EXPECT_DOUBLE_EQ(BackoffSeconds(p, 4, -1, 1.0), 8.0);
  EXPECT_DOUBLE_EQ(BackoffSeconds(p, 4, -1, 0.0), 4.0);  // jitter: half to all of the step
  EXPECT_DOUBLE_EQ(BackoffSeconds(p, 20, -1, 1.0), 60.0);
  EXPECT_DOUBLE_EQ(BackoffSeconds(p, 1, 7, 0.3), 7.0);   // the server's Retry-After wins
  EXPECT_DOUBLE_EQ(BackoffSeconds(p, 1, 3600, 0.3), 60.0);
}

TEST(Retryable, TransportErrors429And5xxOnly) {
  EXPECT_TRUE(IsRetryable({18, "partial", 200, "", -1}));
  EXPECT_TRUE(IsRetryable(Status_(429)));
  EXPECT_TRUE(IsRetryable(Status_(500)));
  EXPECT_TRUE(IsRetryable(Status_(503)));
  EXPECT_FALSE(IsRetryable(Status_(400)));
  EXPECT_FALSE(IsRetryable(Status_(403)));
  EXPECT_FALSE(IsRetryable(Status_(404)));
}

TEST(PageUrl, EncodesCursorFilterAndMailto) {
  FetchOptions o;
  o.api_base = "https://api.openalex.org/";
  o.mailto = "a+b@lab.example";
  o.per_page = 200;
  EXPECT_EQ(PageUrl(o, "topics.subfield.id:1702|1707,from_publication_date:2020-01-01", "*"),
            "https://api.openalex.org/works?filter=topics.subfield.id:1702%7C1707,from_publication_date:2020-01-01"
            "&per-page=200&cursor=%2A&mailto=a%2Bb@lab.example");
  o.mailto.clear();
  EXPECT_EQ(PageUrl(o, "", "IlsxNjA5MzcyODAwMDAwLCAnaHR0cHM6Ly9vcGVuYWxleC5vcmcvVzI0ODg0OTk3NjQnXSI="),
            "https://api.openalex.org/works?per-page=200&cursor="
            "IlsxNjA5MzcyODAwMDAwLCAnaHR0cHM6Ly9vcGVuYWxleC5vcmcvVzI0ODg0OTk3NjQnXSI%3D");
}

TEST(ParsePage, ReadsTheEnvelopeAndRefusesBrokenPages) {
  auto p = ParsePage(Page(1, 3, "abc", 57));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->results, 3u);
  EXPECT_EQ(p->count, 57);
  EXPECT_EQ(p->next_cursor, "abc");
  p = ParsePage(Page(1, 0, "", 57));
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->next_cursor.empty());
  std::string full = Page(1, 3, "abc", 57);
  EXPECT_FALSE(ParsePage(full.substr(0, full.size() / 2)).ok());  // a dropped connection's half page
  EXPECT_FALSE(ParsePage(R"({"results": []})").ok());
  EXPECT_FALSE(ParsePage(R"({"meta": {}, "results": {}})").ok());
  EXPECT_FALSE(ParsePage("<html>502 Bad Gateway</html>").ok());
}

class FetchWorksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir("fetchworks");
    options_.api_base = "http://api.test";
    options_.out_dir = dir_ + "/out";
    options_.per_page = 2;
    options_.retry = {3, 0.5, 60};
    hooks_.sleep = [this](double s) { slept_.push_back(s); };
    hooks_.jitter = [] { return 1.0; };
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string dir_;
  FetchOptions options_;
  FetchHooks hooks_;
  std::vector<double> slept_;
};

TEST_F(FetchWorksTest, RetriesThenWritesEveryPageAndTheState) {
  ScriptedHttp http;
  http.replies = {Status_(429), Ok(Page(1, 2, "c2", 5)), {56, "Connection reset by peer", 0, "", -1},
                  Status_(502, "<html>"), Ok(Page(3, 2, "c3", 5)), Ok(Page(5, 1, "c4", 5)), Ok(Page(6, 0, "", 5))};
  auto sum = FetchWorks(options_, http, hooks_);
  ASSERT_TRUE(sum.ok()) << sum.status().ToString();
  EXPECT_EQ(sum->pages_written, 3u);
  EXPECT_EQ(sum->works_written, 5u);
  EXPECT_EQ(sum->retries, 3u);
  EXPECT_TRUE(sum->complete);
  EXPECT_EQ(slept_, (std::vector<double>{0.5, 0.5, 1.0}));  // per page, the wait doubles from the base
  EXPECT_TRUE(fs::exists(options_.out_dir + "/q1-page-000003.json"));
  EXPECT_FALSE(fs::exists(options_.out_dir + "/q1-page-000004.json"));  // the empty last page is not kept
  auto state = LoadState(StatePath(options_.out_dir));
  ASSERT_TRUE(state.ok());
  EXPECT_TRUE(state->queries[0].done);
  EXPECT_EQ(state->queries[0].works, 5u);
  EXPECT_EQ(state->queries[0].count, 5);
}

TEST_F(FetchWorksTest, GivesUpResumablyAndResumesFromTheSavedCursor) {
  ScriptedHttp http;
  http.replies = {Ok(Page(1, 2, "c2", 4)), Status_(503), Status_(503), Status_(503)};
  auto sum = FetchWorks(options_, http, hooks_);
  ASSERT_FALSE(sum.ok());
  EXPECT_NE(sum.status().message().find("HTTP 503 on page 2 of query 1 after 3 tries"), std::string::npos)
      << sum.status().message();
  EXPECT_NE(sum.status().message().find("resume"), std::string::npos);
  ScriptedHttp again;
  again.replies = {Ok(Page(3, 2, "", 4))};
  sum = FetchWorks(options_, again, hooks_);
  ASSERT_TRUE(sum.ok()) << sum.status().ToString();
  EXPECT_TRUE(sum->resumed);
  EXPECT_EQ(sum->works_total, 4u);
  ASSERT_EQ(again.urls.size(), 1u);
  EXPECT_NE(again.urls[0].find("cursor=c2"), std::string::npos) << again.urls[0];
}

TEST_F(FetchWorksTest, ABadQueryIsNotRetriedAndNamesTheApisMessage) {
  ScriptedHttp http;
  http.replies = {Status_(400, R"({"error": "Invalid query parameters error.", "message": "topics.subfeld.id is not a valid field"})")};
  options_.filters = {"topics.subfeld.id:1702"};
  auto sum = FetchWorks(options_, http, hooks_);
  ASSERT_FALSE(sum.ok());
  EXPECT_EQ(http.urls.size(), 1u);
  EXPECT_NE(sum.status().message().find("HTTP 400"), std::string::npos);
  EXPECT_NE(sum.status().message().find("topics.subfeld.id is not a valid field"), std::string::npos);
}

TEST_F(FetchWorksTest, ARepeatedCursorStopsInsteadOfLooping) {
  ScriptedHttp http;
  http.replies = {Ok(Page(1, 2, "same", 9)), Ok(Page(3, 2, "same", 9))};
  auto sum = FetchWorks(options_, http, hooks_);
  ASSERT_FALSE(sum.ok());
  EXPECT_NE(sum.status().message().find("same cursor"), std::string::npos);
}

TEST_F(FetchWorksTest, MaxPagesStopsAResumableRun) {
  ScriptedHttp http;
  http.replies = {Ok(Page(1, 2, "c2", 6)), Ok(Page(3, 2, "c3", 6))};
  options_.max_pages = 1;
  auto sum = FetchWorks(options_, http, hooks_);
  ASSERT_TRUE(sum.ok());
  EXPECT_FALSE(sum->complete);
  EXPECT_EQ(sum->pages_total, 1u);
  EXPECT_EQ(http.urls.size(), 1u);
}

}  // namespace
}  // namespace st::fetch
