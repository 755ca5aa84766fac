// Versioned graph directory: publish, reopen, previous version intact, stale
// staging removed, inputs recorded.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "base/test_paths.h"
#include "graph/builder.h"
#include "graph/test_records.h"
#include "graph/versions.h"
#include "graph/view.h"

namespace st::graph {
namespace {

namespace fs = std::filesystem;

Status BuildInto(const std::string& dir, int works) {
  GraphBuilder b;
  for (int i = 0; i < works; ++i)
    b.Add(testing::ToRecord({"W" + std::to_string(i + 1), 2020, {{"Ann Lee", "A1"}}}));
  auto s = b.Write(dir);
  return s.ok() ? Status::Ok() : s.status();
}

TEST(VersionsTest, PublishReopenAndKeepPrevious) {
  std::string root = st::testing::MakeTempDir("versions");
  std::string graph = root + "/graph";
  EXPECT_EQ(CurrentVersionDir(graph).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(GraphView::OpenCurrent(graph).status().code(), StatusCode::kNotFound);

  auto s1 = BeginVersion(graph);
  ASSERT_TRUE(s1.ok()) << s1.status().ToString();
  ASSERT_TRUE(BuildInto(*s1, 1).ok());
  ASSERT_TRUE(WriteVersionInputs(*s1, {"a.jsonl", "/x/b.jsonl"}).ok());
  ASSERT_TRUE(PublishVersion(graph, *s1).ok());
  auto v1 = GraphView::OpenCurrent(graph);
  ASSERT_TRUE(v1.ok()) << v1.status().ToString();
  EXPECT_EQ((*v1)->version(), 1u);
  EXPECT_EQ((*v1)->num_works(), 1u);
  auto inputs = ReadVersionInputs((*v1)->version_dir());
  ASSERT_TRUE(inputs.ok());
  ASSERT_EQ(inputs->size(), 2u);
  EXPECT_EQ((*inputs)[0], (fs::current_path() / "a.jsonl").string());
  EXPECT_EQ((*inputs)[1], "/x/b.jsonl");

  auto s2 = BeginVersion(graph);
  ASSERT_TRUE(s2.ok());
  ASSERT_TRUE(BuildInto(*s2, 3).ok());
  // Until published, readers still see version 1.
  EXPECT_EQ((*GraphView::OpenCurrent(graph))->num_works(), 1u);
  ASSERT_TRUE(PublishVersion(graph, *s2).ok());
  auto v2 = GraphView::OpenCurrent(graph);
  ASSERT_TRUE(v2.ok());
  EXPECT_EQ((*v2)->version(), 2u);
  EXPECT_EQ((*v2)->num_works(), 3u);
  // The old mapping still reads, and the old version dir opens.
  EXPECT_EQ((*v1)->WorkSourceId(0), "W1");
  auto old = GraphView::Open(graph + "/v000001");
  ASSERT_TRUE(old.ok());
  EXPECT_EQ((*old)->num_works(), 1u);
  fs::remove_all(root);
}

TEST(VersionsTest, StaleStagingRemovedAndAbandonRollsBack) {
  std::string root = st::testing::MakeTempDir("versions-stale");
  std::string graph = root + "/graph";
  auto s1 = BeginVersion(graph);
  ASSERT_TRUE(s1.ok());
  ASSERT_TRUE(BuildInto(*s1, 1).ok());
  ASSERT_TRUE(PublishVersion(graph, *s1).ok());
  // A staging dir left by a process that died (a child that has exited).
  pid_t child = fork();
  if (child == 0) _exit(0);
  waitpid(child, nullptr, 0);
  std::string stale = graph + "/.staging-1-" + std::to_string(child);
  fs::create_directories(stale);
  std::ofstream(stale + "/graph.bin") << "half written";
  auto s2 = BeginVersion(graph);
  ASSERT_TRUE(s2.ok());
  EXPECT_FALSE(fs::exists(stale));
  ASSERT_TRUE(AbandonVersion(*s2).ok());
  EXPECT_FALSE(fs::exists(*s2));
  auto cur = GraphView::OpenCurrent(graph);
  ASSERT_TRUE(cur.ok());
  EXPECT_EQ((*cur)->version(), 1u);
  fs::remove_all(root);
}

TEST(VersionsTest, OneBuilderAtATimePerGraphDir) {
  std::string root = st::testing::MakeTempDir("versions-lock");
  std::string graph = root + "/graph";
  {
    auto first = GraphDirLock::Acquire(graph);
    ASSERT_TRUE(first.ok()) << first.status().ToString();
    auto second = GraphDirLock::Acquire(graph);
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(second.status().code(), StatusCode::kConflict);
    EXPECT_NE(second.status().message().find("another ingest"), std::string::npos);
    GraphDirLock moved = std::move(*first);  // still held after a move
    EXPECT_FALSE(GraphDirLock::Acquire(graph).ok());
  }
  EXPECT_TRUE(GraphDirLock::Acquire(graph).ok());  // released with its holder
  fs::remove_all(root);
}

TEST(VersionsTest, CorruptCurrentFileIsReported) {
  std::string root = st::testing::MakeTempDir("versions-current");
  std::ofstream(root + "/CURRENT") << "../../etc\n";
  EXPECT_EQ(CurrentVersionDir(root).status().code(), StatusCode::kCorruption);
  std::ofstream(root + "/CURRENT") << "v000009\n";
  EXPECT_EQ(CurrentVersionDir(root).status().code(), StatusCode::kCorruption);
  fs::remove_all(root);
}

}  // namespace
}  // namespace st::graph
