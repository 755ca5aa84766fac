// ST_SKIP_OR_FAIL under each environment: a skip with the reason on a developer's machine, a fatal failure
// with the same reason under CI=true or ST_REQUIRE_ALL=1, and in both cases the rest of the test does not run.
// The results are caught by gtest's own reporter interception (gtest-spi.h), so this test itself passes.
#include "base/test_require.h"

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <string>
#include <utility>

namespace st::testing {
namespace {

// Sets or clears CI and ST_REQUIRE_ALL for one test, restoring them afterwards (ctest may run this under CI).
class ScopedEnv {
 public:
  ScopedEnv(const char* ci, const char* require_all) {
    Save("CI", &ci_);
    Save("ST_REQUIRE_ALL", &require_all_);
    Set("CI", ci);
    Set("ST_REQUIRE_ALL", require_all);
  }
  ~ScopedEnv() {
    Set("CI", ci_ ? ci_->c_str() : nullptr);
    Set("ST_REQUIRE_ALL", require_all_ ? require_all_->c_str() : nullptr);
  }

 private:
  static void Save(const char* name, std::optional<std::string>* out) {
    if (const char* v = std::getenv(name)) *out = v;
  }
  static void Set(const char* name, const char* value) {
    if (value) {
      ::setenv(name, value, 1);
    } else {
      ::unsetenv(name);
    }
  }
  std::optional<std::string> ci_, require_all_;
};

bool g_went_on = false;

void NeedsAFile(bool present) {
  g_went_on = false;
  if (!present) ST_SKIP_OR_FAIL() << "/data/x.json is absent";
  g_went_on = true;
}

// Runs NeedsAFile(false) with its results intercepted; returns the one result it reported.
::testing::TestPartResult Intercepted() {
  ::testing::TestPartResultArray results;
  {
    ::testing::ScopedFakeTestPartResultReporter reporter(
        ::testing::ScopedFakeTestPartResultReporter::INTERCEPT_ONLY_CURRENT_THREAD, &results);
    NeedsAFile(false);
  }
  EXPECT_EQ(results.size(), 1);
  return results.GetTestPartResult(0);
}

TEST(TestRequire, RequireAllFollowsCiAndStRequireAll) {
  struct Case {
    const char* ci;
    const char* require_all;
    bool want;
  };
  const Case cases[] = {
      {nullptr, nullptr, false}, {"true", nullptr, true}, {nullptr, "1", true}, {"true", "1", true},
      {"false", nullptr, false}, {"", "", false},         {nullptr, "0", false}, {"1", nullptr, false},
  };
  for (const Case& c : cases) {
    ScopedEnv env(c.ci, c.require_all);
    EXPECT_EQ(RequireAll(), c.want) << "CI=" << (c.ci ? c.ci : "(unset)")
                                    << " ST_REQUIRE_ALL=" << (c.require_all ? c.require_all : "(unset)");
  }
}

TEST(TestRequire, SkipsOnADevelopersMachine) {
  ScopedEnv env(nullptr, nullptr);
  const ::testing::TestPartResult r = Intercepted();
  EXPECT_TRUE(r.skipped());
  EXPECT_NE(std::string(r.message()).find("/data/x.json is absent"), std::string::npos) << r.message();
  EXPECT_FALSE(g_went_on);
  NeedsAFile(true);
  EXPECT_TRUE(g_went_on);
}

TEST(TestRequire, FailsUnderCi) {
  using Env = std::pair<const char*, const char*>;  // CI, ST_REQUIRE_ALL
  for (const Env& e : {Env{"true", nullptr}, Env{nullptr, "1"}}) {
    ScopedEnv env(e.first, e.second);
    const ::testing::TestPartResult r = Intercepted();
    EXPECT_TRUE(r.fatally_failed());
    EXPECT_NE(std::string(r.message()).find("/data/x.json is absent"), std::string::npos) << r.message();
    EXPECT_NE(std::string(r.message()).find("CI=true or ST_REQUIRE_ALL=1"), std::string::npos) << r.message();
    EXPECT_FALSE(g_went_on);
  }
}

}  // namespace
}  // namespace st::testing
