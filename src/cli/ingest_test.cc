// End-to-end tests of the built `superteam ingest` binary (path from CMake):
// summary JSON, a truncated gzip contributing nothing, --on-error=abort
// publishing nothing, adding files to an existing graph, and the atomic
// rebuild: kill -9 mid-way leaves the previous version intact.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "base/test_paths.h"
#include "cli/cli_test_run.h"
#include "graph/versions.h"
#include "graph/view.h"

namespace st {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// One OpenAlex work as the snapshot writes it (only the fields we read).
std::string Work(int id, int year, const std::vector<int>& authors, int cites) {
  json auths = json::array();
  for (int a : authors)
    auths.push_back({{"author_position", "middle"},
                     {"author", {{"id", "https://openalex.org/A" + std::to_string(a)},
                                 {"display_name", "Person " + std::to_string(a) + " Tester"}}},
                     {"institutions", json::array({{{"id", "https://openalex.org/I" + std::to_string(a % 50)},
                                                    {"display_name", "Inst " + std::to_string(a % 50)}}})}});
  json w = {{"id", "https://openalex.org/W" + std::to_string(id)},
            {"title", "A generated work about topic number " + std::to_string(id)},
            {"publication_year", year},
            {"cited_by_count", cites},
            {"authorships", auths}};
  return w.dump();
}

std::string Corpus(int first, int n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string out;
  for (int i = first; i < first + n; ++i) {
    std::vector<int> authors;
    int k = 1 + static_cast<int>(rng() % 6);
    for (int j = 0; j < k; ++j) authors.push_back(1000 + static_cast<int>(rng() % 20000));
    out += Work(i, 2000 + static_cast<int>(rng() % 25), authors, static_cast<int>(rng() % 500)) + "\n";
  }
  return out;
}

void WriteText(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

void WriteGzip(const std::string& path, const std::string& text) {
  gzFile f = gzopen(path.c_str(), "wb6");
  gzwrite(f, text.data(), static_cast<unsigned>(text.size()));
  gzclose(f);
}

using testing::CliRun;

CliRun Ingest(const std::string& args) {
  return testing::RunShell(std::string(ST_SUPERTEAM_BIN) + " ingest " + args + " 2>/dev/null");
}

class IngestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir("ingest");
    graph_ = dir_ + "/graph";
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string dir_, graph_;
};

TEST_F(IngestTest, SummaryTruncatedGzipAndAddingFiles) {
  WriteText(dir_ + "/a.jsonl", Corpus(1, 50, 1));
  // A gzip cut in half: its readable records must not enter the graph.
  std::string gz_path = dir_ + "/b.jsonl.gz";
  WriteGzip(gz_path, Corpus(1001, 400, 2));
  fs::resize_file(gz_path, fs::file_size(gz_path) / 2);
  // A malformed line is skipped and reported with file and line.
  WriteText(dir_ + "/c.jsonl", Work(2001, 2020, {1, 2}, 3) + "\n{\"id\": oops\n" + Work(2002, 2021, {2}, 4) + "\n");

  CliRun r = Ingest(dir_ + "/a.jsonl " + gz_path + " " + dir_ + "/c.jsonl --graph " + graph_ + " --json");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  json j = json::parse(r.out);
  EXPECT_EQ(j["files"], 3);
  EXPECT_EQ(j["files_failed"], 1);
  EXPECT_EQ(j["works"], 52);
  EXPECT_GE(j["errors"].get<int>(), 2);
  bool named_line = false, named_gz = false;
  for (const auto& e : j["first_errors"]) {
    std::string msg = e["file"].get<std::string>() + ":" + std::to_string(e["line"].get<int>()) + " " +
                      e["message"].get<std::string>();
    named_line |= msg.find("c.jsonl:2") != std::string::npos;
    named_gz |= msg.find("b.jsonl.gz") != std::string::npos;
  }
  EXPECT_TRUE(named_line) << r.out;
  EXPECT_TRUE(named_gz) << r.out;
  auto v1 = graph::GraphView::OpenCurrent(graph_);
  ASSERT_TRUE(v1.ok()) << v1.status().ToString();
  EXPECT_EQ((*v1)->num_works(), 52u);
  EXPECT_EQ((*v1)->FindWorkBySourceId("W1001"), graph::kNone);
  EXPECT_NE((*v1)->FindWorkBySourceId("W2002"), graph::kNone);

  // Adding a file rebuilds from the recorded inputs plus the new one.
  WriteText(dir_ + "/d.jsonl", Corpus(3001, 10, 3));
  r = Ingest(dir_ + "/d.jsonl --graph " + graph_ + " --json");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  j = json::parse(r.out);
  EXPECT_EQ(j["previous_version"], 1);
  auto v2 = graph::GraphView::OpenCurrent(graph_);
  ASSERT_TRUE(v2.ok());
  EXPECT_EQ((*v2)->version(), 2u);
  EXPECT_EQ((*v2)->num_works(), 62u);
  EXPECT_NE((*v2)->FindWorkBySourceId("W1"), graph::kNone);
  EXPECT_NE((*v2)->FindWorkBySourceId("W3010"), graph::kNone);

  // No paths: a plain rebuild from the recorded inputs (how a graph written
  // by an older file format is upgraded).
  r = Ingest("--graph " + graph_ + " --json");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(json::parse(r.out)["previous_version"], 2);
  auto v3 = graph::GraphView::OpenCurrent(graph_);
  ASSERT_TRUE(v3.ok());
  EXPECT_EQ((*v3)->version(), 3u);
  EXPECT_EQ((*v3)->num_works(), 62u);
  // ... and with nothing to rebuild it says so.
  r = Ingest("--graph " + dir_ + "/empty-graph --json");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.out.find("no input paths"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(dir_ + "/empty-graph"));
}

TEST_F(IngestTest, LabMappingCarriesOverWhenAddingFiles) {
  // Person 1042 is at I42 (authors sit at I<id % 50>).
  WriteText(dir_ + "/a.jsonl", Work(1, 2020, {1042}, 5) + "\n");
  WriteText(dir_ + "/labs.csv", "openalex_institution_id,lab\nhttps://openalex.org/I42,Test Lab\n");
  ASSERT_EQ(Ingest(dir_ + "/a.jsonl --graph " + graph_ + " --labs " + dir_ + "/labs.csv").exit_code, 0);
  fs::remove(dir_ + "/labs.csv");  // the graph keeps its own copy
  WriteText(dir_ + "/b.jsonl", Work(2, 2021, {1043}, 1) + "\n");
  ASSERT_EQ(Ingest(dir_ + "/b.jsonl --graph " + graph_).exit_code, 0);
  auto v2 = graph::GraphView::OpenCurrent(graph_);
  ASSERT_TRUE(v2.ok()) << v2.status().ToString();
  ASSERT_EQ((*v2)->version(), 2u);
  const graph::AuthorId a = (*v2)->FindAuthorByExternalId("A1042");
  ASSERT_NE(a, graph::kNone);
  const graph::InstId inst = (*v2)->AuthorCurrentInstitution(a);
  ASSERT_NE(inst, graph::kNone);
  EXPECT_EQ((*v2)->InstOrg(inst), "Test Lab");
}

TEST_F(IngestTest, AbortOnErrorPublishesNothing) {
  WriteText(dir_ + "/ok.jsonl", Corpus(1, 20, 4));
  ASSERT_EQ(Ingest(dir_ + "/ok.jsonl --graph " + graph_ + " --json").exit_code, 0);
  WriteText(dir_ + "/bad.jsonl", Work(500, 2020, {1}, 1) + "\n[1,2,\n");
  CliRun r = Ingest(dir_ + "/bad.jsonl --graph " + graph_ + " --on-error=abort --json");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  auto cur = graph::GraphView::OpenCurrent(graph_);
  ASSERT_TRUE(cur.ok());
  EXPECT_EQ((*cur)->version(), 1u);
  EXPECT_EQ((*cur)->num_works(), 20u);
  for (const auto& e : fs::directory_iterator(graph_))
    EXPECT_NE(e.path().filename().string().rfind(".staging", 0), 0u) << "staging left behind";
  EXPECT_EQ(Ingest("/nonexistent/file.jsonl --graph " + graph_).exit_code, 1);
}

TEST_F(IngestTest, KillMidwayLeavesPreviousVersionIntact) {
  WriteText(dir_ + "/small.jsonl", Corpus(1, 30, 5));
  ASSERT_EQ(Ingest(dir_ + "/small.jsonl --graph " + graph_ + " --json").exit_code, 0);
  // A larger input (several files) so the second ingest is still running when killed.
  std::vector<std::string> big;
  for (int f = 0; f < 4; ++f) {
    big.push_back(dir_ + "/big" + std::to_string(f) + ".jsonl");
    WriteText(big.back(), Corpus(100000 + f * 60000, 60000, 10 + static_cast<uint32_t>(f)));
  }
  pid_t pid = fork();
  if (pid == 0) {
    int devnull = ::open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    dup2(devnull, 2);
    std::vector<std::string> args = {ST_SUPERTEAM_BIN, "ingest"};
    args.insert(args.end(), big.begin(), big.end());
    args.insert(args.end(), {"--graph", graph_});
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  // Wait until the staging dir exists, then a little longer, then kill -9.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  bool staging_seen = false;
  while (!staging_seen && std::chrono::steady_clock::now() < deadline) {
    for (const auto& e : fs::directory_iterator(graph_))
      staging_seen |= e.path().filename().string().rfind(".staging", 0) == 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(staging_seen);
  ASSERT_TRUE(WIFSIGNALED(status)) << "ingest finished before the kill; make the input larger";

  auto cur = graph::GraphView::OpenCurrent(graph_);
  ASSERT_TRUE(cur.ok()) << cur.status().ToString();
  EXPECT_EQ((*cur)->version(), 1u);
  EXPECT_EQ((*cur)->num_works(), 30u);
  EXPECT_NE((*cur)->FindWorkBySourceId("W30"), graph::kNone);

  // The next ingest cleans the dead staging dir and succeeds.
  CliRun r = Ingest(dir_ + "/small.jsonl --graph " + graph_ + " --json");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  auto after = graph::GraphView::OpenCurrent(graph_);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ((*after)->version(), 2u);
  for (const auto& e : fs::directory_iterator(graph_))
    EXPECT_NE(e.path().filename().string().rfind(".staging", 0), 0u) << "stale staging not removed";
}

}  // namespace
}  // namespace st
