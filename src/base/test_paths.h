// Test-only helpers to locate inputs. Header-only so every test binary can use
// it without linking anything.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

#include <stdlib.h>

namespace st::testing {

// Root of the source tree (ST_SOURCE_DIR is set by CMake for every test).
inline std::string SourceDir() {
  const char* env = std::getenv("ST_SOURCE_DIR");
  return env ? env : ".";
}

// ../shared/data beside the checkout, or ST_SHARED_DATA. Empty if absent:
// callers GTEST_SKIP() with a message naming the missing directory.
inline std::string SharedDataDir() {
  const char* env = std::getenv("ST_SHARED_DATA");
  std::string dir = env ? env : SourceDir() + "/../shared/data";
  return std::filesystem::is_directory(dir) ? dir : std::string();
}

// A fresh, empty temporary directory for one test.
inline std::string MakeTempDir(const std::string& tag) {
  std::string templ = (std::filesystem::temp_directory_path() / ("superteam-" + tag + "-XXXXXX")).string();
  char* made = ::mkdtemp(templ.data());
  return made ? std::string(made) : std::string();
}

}  // namespace st::testing

#define ST_SKIP_IF_NO_SHARED_DATA(dir_var)                                      \
  const std::string dir_var = ::st::testing::SharedDataDir();                   \
  if (dir_var.empty())                                                          \
    GTEST_SKIP() << "real data not found: set ST_SHARED_DATA or place ../shared/data beside the checkout"
