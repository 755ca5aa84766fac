// Test-only: a graph built from input files the way `superteam ingest` builds
// it (the real readers, bad records skipped), for tests on ../shared/data that
// compare the engine with an independent reading of the raw JSON.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "corpus/reader.h"
#include "graph/builder.h"
#include "graph/view.h"

namespace st::graph::testing {

// Builds `paths` (files or folders) into `dir` and opens it; nullptr (with the
// failure recorded) when any step fails. `summary`, when given, gets the build's.
inline std::shared_ptr<const GraphView> BuildTestGraph(const std::vector<std::string>& paths, const std::string& dir,
                                                       const BuildOptions& options = {},
                                                       BuildSummary* summary = nullptr) {
  auto files = corpus::ExpandInputs(paths);
  EXPECT_TRUE(files.ok()) << files.status().ToString();
  if (!files.ok()) return nullptr;
  GraphBuilder builder(options);
  for (const auto& f : *files) {
    auto read = corpus::ReadFile(f, {}, [&](const corpus::WorkRecord& r) { builder.Add(r); },
                                 [](const corpus::ReadError&) { return true; });
    EXPECT_TRUE(read.ok()) << f.path << ": " << read.status().ToString();
    if (!read.ok()) return nullptr;
  }
  auto built = builder.Write(dir);
  EXPECT_TRUE(built.ok()) << built.status().ToString();
  if (!built.ok()) return nullptr;
  if (summary != nullptr) *summary = *built;
  auto view = GraphView::Open(dir);
  EXPECT_TRUE(view.ok()) << view.status().ToString();
  return view.ok() ? *view : nullptr;
}

}  // namespace st::graph::testing
