// Test-only helpers to locate inputs. Header-only so every test binary can use
// it without linking anything.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

#include <stdlib.h>

#include "base/test_require.h"

namespace st::testing {

// Root of the source tree (ST_SOURCE_DIR is set by CMake for every test).
inline std::string SourceDir() {
  const char* env = std::getenv("ST_SOURCE_DIR");
  return env ? env : ".";
}

// Where the real data is looked for: ST_SHARED_DATA when set (./superteam.sh test
// sets it), else ../shared/data beside the checkout.
inline std::string SharedDataWanted() {
  const char* env = std::getenv("ST_SHARED_DATA");
  return env && *env ? std::string(env) : SourceDir() + "/../shared/data";
}

// SharedDataWanted() if it is a directory, else empty: callers use
// ST_SKIP_IF_NO_SHARED_DATA, whose message names the missing directory.
inline std::string SharedDataDir() {
  std::string dir = SharedDataWanted();
  return std::filesystem::is_directory(dir) ? dir : std::string();
}

// A fresh, empty temporary directory for one test.
inline std::string MakeTempDir(const std::string& tag) {
  std::string templ = (std::filesystem::temp_directory_path() / ("superteam-" + tag + "-XXXXXX")).string();
  char* made = ::mkdtemp(templ.data());
  return made ? std::string(made) : std::string();
}

}  // namespace st::testing

// Declares dir_var = the real-data directory; when it is absent the test skips
// (fails under CI, see test_require.h) naming the directory it looked for.
#define ST_SKIP_IF_NO_SHARED_DATA(dir_var)                                                     \
  const std::string dir_var = ::st::testing::SharedDataDir();                                  \
  if (dir_var.empty())                                                                         \
  ST_SKIP_OR_FAIL() << "real data not found: " << ::st::testing::SharedDataWanted()            \
                    << " is not a directory (set ST_SHARED_DATA or place ../shared/data beside the checkout)"

// A file the test needs inside the present data folder; same rule.
#define ST_SKIP_IF_NO_SHARED_FILE(path)                                                        \
  if (!std::filesystem::exists(path)) ST_SKIP_OR_FAIL() << "real data file missing: " << (path)
