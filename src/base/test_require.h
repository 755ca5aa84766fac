// For tests only. A test whose prerequisite is missing (the ../shared/data folder or a file in it, the
// PostgreSQL or mail servers, Chromium) skips with the reason on a developer's machine, and fails with the
// same reason under CI (CI=true) or ST_REQUIRE_ALL=1, where nothing may pass by skipping.
//   if (!fs::exists(path)) ST_SKIP_OR_FAIL() << path << " is absent";
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>

namespace st::testing {

inline bool RequireAll() {
  auto set = [](const char* name, const char* value) {
    const char* v = std::getenv(name);
    return v != nullptr && std::strcmp(v, value) == 0;
  };
  return set("CI", "true") || set("ST_REQUIRE_ALL", "1");
}

}  // namespace st::testing

// Like GTEST_SKIP(): returns from the test, takes a streamed message.
#define ST_SKIP_OR_FAIL()                                                                                 \
  return ::testing::internal::AssertHelper(::st::testing::RequireAll()                                    \
                                               ? ::testing::TestPartResult::kFatalFailure                 \
                                               : ::testing::TestPartResult::kSkip,                        \
                                           __FILE__, __LINE__,                                            \
                                           ::st::testing::RequireAll()                                    \
                                               ? "prerequisite missing (CI=true or ST_REQUIRE_ALL=1)"     \
                                               : "prerequisite missing, skipped") = ::testing::Message()
