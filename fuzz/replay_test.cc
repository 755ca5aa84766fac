// Replays the saved fuzz corpus through the same entry points as the
// libFuzzer targets, so CI (g++, no libFuzzer) checks every saved input.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "base/test_paths.h"
#include "fuzz/fuzz_entry.h"

namespace st::corpus::fuzz {
namespace {

namespace fs = std::filesystem;

TEST(FuzzReplay, SavedCorpusOfEveryReader) {
  for (const Target& target : kTargets) {
    fs::path dir = fs::path(st::testing::SourceDir()) / "fuzz" / "corpus" / std::string(target.name);
    ASSERT_TRUE(fs::is_directory(dir)) << dir;
    size_t inputs = 0;
    uint64_t records = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
      std::ifstream in(entry.path(), std::ios::binary);
      std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      SCOPED_TRACE(entry.path().string());
      records += FuzzOne(target, reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
      ++inputs;
    }
    EXPECT_GE(inputs, 3u) << target.name;
    // The seeds include valid inputs, so the reader must produce records.
    EXPECT_GT(records, 0u) << target.name;
  }
}

}  // namespace
}  // namespace st::corpus::fuzz
