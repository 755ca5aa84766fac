// End to end: `superteam fetch openalex` against a local stand-in for the
// OpenAlex API (tests/fetch/openalex_api_server.py on 127.0.0.1) that serves
// the real records of ../shared/data/openalex/snapshot in the API's page
// envelope, with injected 429s, a 500 and a dropped connection; the pages
// fetched ingest to the same graph as the snapshot records themselves.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "base/test_paths.h"
#include "base/test_require.h"
#include "cli/cli_test_run.h"
#include "graph/view.h"

namespace st {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kPart = "/openalex/snapshot/data/works/updated_date=2026-04-01/part_000.gz";

std::vector<json> ReadWorks(const std::string& gz_path) {
  std::vector<json> out;
  gzFile f = gzopen(gz_path.c_str(), "rb");
  if (!f) return out;
  std::string text;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) text.append(buf, static_cast<size_t>(n));
  gzclose(f);
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(json::parse(line));
  return out;
}

std::string Short(const json& v) {
  if (!v.is_string()) return "";
  std::string s = v.get<std::string>();
  return s.substr(s.rfind('/') + 1);
}

// The local API server, started per test and stopped by its pid.
class ApiServer {
 public:
  bool Start(const std::string& dir, const std::string& records, const std::vector<std::string>& faults) {
    port_file_ = dir + "/server.port";
    log_ = dir + "/server.log";
    std::vector<std::string> args = {"/usr/bin/python3", testing::SourceDir() + "/tests/fetch/openalex_api_server.py",
                                     "--records", records, "--port-file", port_file_, "--log", log_};
    for (const auto& f : faults) {
      args.push_back("--fault");
      args.push_back(f);
    }
    pid_ = fork();
    if (pid_ == 0) {
      setsid();
      FILE* out = freopen((dir + "/server.out").c_str(), "w", stdout);
      (void)out;
      (void)dup2(fileno(stdout), fileno(stderr));
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    for (int i = 0; i < 200; ++i) {
      std::ifstream in(port_file_);
      if (in >> port_) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }
  ~ApiServer() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<json> Requests() const {
    std::vector<json> out;
    std::ifstream in(log_);
    for (std::string line; std::getline(in, line);) out.push_back(json::parse(line));
    return out;
  }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string port_file_, log_;
};

// What the graph holds, independent of id assignment order: works by source
// id with title, year, counts, authors in order (name + OpenAlex id),
// topics and in-graph references; authors with their works.
std::string Fingerprint(const graph::GraphView& g) {
  std::vector<std::string> works;
  for (graph::WorkId w = 0; w < g.num_works(); ++w) {
    const auto& info = g.Work(w);
    std::string s = std::string(g.WorkSourceId(w)) + "|" + std::string(g.WorkTitle(w)) + "|" +
                    std::to_string(info.year) + "|" + std::to_string(info.cited_by_count) + "|" +
                    std::string(g.WorkDoi(w)) + "|";
    for (const auto& slot : g.WorkAuthors(w))
      s += std::string(g.AuthorName(slot.author)) + "/" + std::string(g.AuthorOpenAlexId(slot.author)) + ";";
    s += "|t" + std::to_string(g.WorkTopics(w).size()) + "|r";
    std::vector<std::string> refs;
    for (graph::WorkId r : g.WorkReferences(w)) refs.emplace_back(g.WorkSourceId(r));
    std::sort(refs.begin(), refs.end());
    for (const auto& r : refs) s += r + ",";
    works.push_back(std::move(s));
  }
  std::sort(works.begin(), works.end());
  std::vector<std::string> authors;
  for (graph::AuthorId a = 0; a < g.num_authors(); ++a)
    authors.push_back(std::string(g.AuthorName(a)) + "/" + std::string(g.AuthorOpenAlexId(a)) + "/" +
                      std::to_string(g.AuthorWorks(a).size()) + "/" + std::to_string(g.Coauthors(a).size()));
  std::sort(authors.begin(), authors.end());
  std::string out;
  for (const auto& w : works) out += w + "\n";
  for (const auto& a : authors) out += a + "\n";
  return out + "institutions " + std::to_string(g.num_institutions()) + "\n";
}

class FetchOpenAlexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir("fetch");
    data_ = testing::SharedDataDir();
    part_ = data_ + kPart;
  }
  void TearDown() override { fs::remove_all(dir_); }

  testing::CliRun Fetch(const ApiServer& server, const std::string& args) {
    return testing::RunShell(std::string(ST_SUPERTEAM_BIN) + " fetch openalex --api " + server.url() +
                             " --mailto talent@lab.example --retry-base 0.01 --json " + args + " 2>" + dir_ +
                             "/fetch.err");
  }
  std::string FetchErr() const {
    std::ifstream in(dir_ + "/fetch.err");
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  json Ingest(const std::string& args) {
    auto r = testing::RunShell(std::string(ST_SUPERTEAM_BIN) + " ingest " + args + " --json 2>/dev/null");
    EXPECT_EQ(r.exit_code, 0) << args << "\n" << r.out;
    return r.exit_code == 0 ? json::parse(r.out) : json();
  }
  std::string GraphFingerprint(const std::string& graph_dir) {
    auto v = graph::GraphView::OpenCurrent(graph_dir);
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? Fingerprint(**v) : std::string();
  }

  std::string dir_, data_, part_;
};

TEST_F(FetchOpenAlexTest, PagesThroughFaultsAndIngestsToTheSnapshotsGraph) {
  ST_SKIP_IF_NO_SHARED_DATA(data);
  ST_SKIP_IF_NO_SHARED_FILE(part_);
  const size_t n = ReadWorks(part_).size();
  ASSERT_EQ(n, 100u);
  ApiServer server;
  // Page 2: two 429s; page 3: a 500; page 4: the connection drops mid-body.
  ASSERT_TRUE(server.Start(dir_, part_, {"2:429", "2:429", "3:500", "4:drop"}));
  auto r = Fetch(server, "--per-page 10 --out " + dir_ + "/pages");
  ASSERT_EQ(r.exit_code, 0) << r.out << FetchErr();
  json sum = json::parse(r.out);
  EXPECT_EQ(sum["works_total"], 100);
  EXPECT_EQ(sum["pages_total"], 10);
  EXPECT_EQ(sum["retries"], 4);
  EXPECT_EQ(sum["complete"], true);
  EXPECT_EQ(sum["resumed"], false);
  // The retries were said on stderr, with the cause.
  std::string err = FetchErr();
  EXPECT_NE(err.find("HTTP 429 on page 2"), std::string::npos) << err;
  EXPECT_NE(err.find("HTTP 500 on page 3"), std::string::npos) << err;
  EXPECT_NE(err.find("connection error"), std::string::npos) << err;

  auto requests = server.Requests();
  // 10 pages + the empty last page + 4 retried requests.
  EXPECT_EQ(requests.size(), 15u);
  std::set<std::string> cursors;
  for (const auto& q : requests) {
    EXPECT_EQ(q["params"].value("mailto", ""), "talent@lab.example") << q.dump();
    EXPECT_EQ(q["params"].value("per-page", ""), "10");
    cursors.insert(q["params"].value("cursor", ""));
  }
  EXPECT_EQ(requests.front()["params"]["cursor"], "*");
  EXPECT_EQ(cursors.size(), 11u);  // each page asked for by the cursor the previous page gave
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir_ + "/pages")) files += e.path().extension() == ".json" && e.path().filename().string()[0] != '.';
  EXPECT_EQ(files, 10u);

  // The fetched pages and the snapshot records make the same graph.
  json a = Ingest(dir_ + "/pages --graph " + dir_ + "/g_fetched");
  json b = Ingest(part_ + " --graph " + dir_ + "/g_snapshot");
  EXPECT_EQ(a["records"], 100);
  EXPECT_EQ(a["works"], b["works"]);
  EXPECT_EQ(a["authors"], b["authors"]);
  EXPECT_EQ(a["authorships"], b["authorships"]);
  EXPECT_EQ(a["coauthor_edges"], b["coauthor_edges"]);
  EXPECT_EQ(a["references"], b["references"]);
  std::string fa = GraphFingerprint(dir_ + "/g_fetched");
  EXPECT_GT(fa.size(), 1000u);
  EXPECT_EQ(fa, GraphFingerprint(dir_ + "/g_snapshot"));
}

TEST_F(FetchOpenAlexTest, KeepAndSinceBecomeApiFiltersAndMatchIngestKeep) {
  ST_SKIP_IF_NO_SHARED_DATA(data);
  ST_SKIP_IF_NO_SHARED_FILE(part_);
  // Independent count over the raw records.
  std::set<std::string> in_ai, in_ai_since, in_cv_or_concept;
  for (const json& w : ReadWorks(part_)) {
    bool ai = false, cv = false, ml_concept = false;
    for (const auto& t : w.value("topics", json::array())) {
      std::string sf = Short(t["subfield"]["id"]);
      ai |= sf == "1702" || sf == "1707";
      cv |= sf == "1707";
    }
    for (const auto& c : w.value("concepts", json::array())) ml_concept |= Short(c["id"]) == "C154945302";
    std::string id = Short(w["id"]);
    if (ai) in_ai.insert(id);
    if (ai && w.value("publication_date", "") >= "2015-01-01") in_ai_since.insert(id);
    if (cv || ml_concept) in_cv_or_concept.insert(id);
  }
  ASSERT_GT(in_ai.size(), 10u);
  ASSERT_GT(in_ai_since.size(), 0u);
  ASSERT_LT(in_ai_since.size(), in_ai.size());

  ApiServer server;
  ASSERT_TRUE(server.Start(dir_, part_, {}));
  auto r = Fetch(server, "--keep subfields:1707,1702 --since 2015 --per-page 3 --out " + dir_ + "/ai_since");
  ASSERT_EQ(r.exit_code, 0) << r.out << FetchErr();
  EXPECT_EQ(json::parse(r.out)["works_total"].get<size_t>(), in_ai_since.size());
  for (const auto& q : server.Requests())
    EXPECT_EQ(q["params"].value("filter", ""), "topics.subfield.id:1702|1707,from_publication_date:2015-01-01");

  // Two kinds are two queries (the API ANDs different keys): the union.
  r = Fetch(server, "--keep subfields:1707 --keep concepts:C154945302 --out " + dir_ + "/cv_or_ml");
  ASSERT_EQ(r.exit_code, 0) << r.out << FetchErr();
  json fetched = json::parse(r.out);
  EXPECT_EQ(fetched["filters"].size(), 2u);
  json g = Ingest(dir_ + "/cv_or_ml --graph " + dir_ + "/g_cv_or_ml");
  EXPECT_EQ(g["works"].get<size_t>(), in_cv_or_concept.size());

  // The same selection by ingest --keep over the whole snapshot: same graph.
  json k = Ingest(part_ + " --keep subfields:1707 --keep concepts:C154945302 --graph " + dir_ + "/g_keep");
  EXPECT_EQ(k["openalex_works_seen"], 100);
  EXPECT_EQ(k["openalex_works_kept"].get<size_t>(), in_cv_or_concept.size());
  EXPECT_EQ(k["works"].get<size_t>(), in_cv_or_concept.size());
  EXPECT_EQ(GraphFingerprint(dir_ + "/g_keep"), GraphFingerprint(dir_ + "/g_cv_or_ml"));
  // The filter is recorded with the graph: a rebuild keeps it, --keep all drops it.
  json rebuilt = Ingest("--graph " + dir_ + "/g_keep");
  EXPECT_EQ(rebuilt["keep"], "subfields:1707 concepts:C154945302");
  EXPECT_EQ(rebuilt["works"].get<size_t>(), in_cv_or_concept.size());
  json all = Ingest("--keep all --graph " + dir_ + "/g_keep");
  EXPECT_TRUE(all["keep"].is_null());
  EXPECT_EQ(all["works"], 100);
}

TEST_F(FetchOpenAlexTest, ResumesAfterTheLastPageWritten) {
  ST_SKIP_IF_NO_SHARED_DATA(data);
  ST_SKIP_IF_NO_SHARED_FILE(part_);
  ApiServer server;
  // Page 4 fails three times: a run allowed 3 tries gives up there.
  ASSERT_TRUE(server.Start(dir_, part_, {"4:503", "4:503", "4:503"}));
  const std::string out = dir_ + "/pages";
  auto r = Fetch(server, "--per-page 12 --retries 3 --out " + out);
  EXPECT_NE(r.exit_code, 0) << r.out;
  EXPECT_NE(FetchErr().find("run the same command again to resume"), std::string::npos) << FetchErr();
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(out)) files += e.path().extension() == ".json" && e.path().filename().string()[0] != '.';
  EXPECT_EQ(files, 3u);
  const size_t first_run = server.Requests().size();
  EXPECT_EQ(first_run, 6u);  // pages 1-3, then page 4 three times

  // Another query into the same directory is refused, nothing touched.
  r = Fetch(server, "--keep subfields:1702 --per-page 12 --out " + out);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(FetchErr().find("holds a fetch of another query"), std::string::npos) << FetchErr();

  r = Fetch(server, "--per-page 12 --retries 3 --out " + out);
  ASSERT_EQ(r.exit_code, 0) << r.out << FetchErr();
  json sum = json::parse(r.out);
  EXPECT_EQ(sum["resumed"], true);
  EXPECT_EQ(sum["pages_written"], 6);  // pages 4..9 (100 works, 12 a page)
  EXPECT_EQ(sum["works_total"], 100);
  auto requests = server.Requests();
  ASSERT_GT(requests.size(), first_run);
  // The second run started where the first stopped: page 4's cursor, not "*".
  EXPECT_EQ(requests[first_run]["page"], 4);
  EXPECT_NE(requests[first_run]["params"]["cursor"], "*");
  json a = Ingest(out + " --graph " + dir_ + "/g");
  EXPECT_EQ(a["works"], 100);

  // A finished fetch run again asks nothing.
  r = Fetch(server, "--per-page 12 --out " + out);
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(json::parse(r.out)["pages_written"], 0);
  EXPECT_EQ(server.Requests().size(), requests.size());
}

}  // namespace
}  // namespace st
