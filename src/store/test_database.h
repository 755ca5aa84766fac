// Test-only: a throw-away campaign database for one test, on either back end.
// SQLite: a file in a fresh temporary directory. PostgreSQL: a fresh schema on
// the server ST_PG_URL names (./superteam.sh test starts one), dropped at the
// end. Every store test parameterised over back ends opens its database here,
// so the set-up and clean-up live in one place.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "base/test_paths.h"
#include "store/sql.h"

namespace st::store::testing {

class TestDatabase {
 public:
  // backend: "sqlite" or "postgresql" (the gtest parameter); tag names the temp dir.
  TestDatabase(const std::string& backend, const std::string& tag) {
    dir_ = st::testing::MakeTempDir(tag);
    if (dir_.empty()) {
      error_ = "cannot create a temporary directory";
      return;
    }
    if (backend == "sqlite") {
      url_ = "sqlite:" + dir_ + "/campaign.db";
      return;
    }
    const char* base = std::getenv("ST_PG_URL");
    if (base == nullptr || *base == '\0') {
      unavailable_ = "ST_PG_URL is not set: PostgreSQL back end skipped (./superteam.sh test starts one)";
      return;
    }
    auto admin = OpenPostgresConn(base);
    if (!admin.ok()) {
      error_ = "PostgreSQL at ST_PG_URL: " + admin.status().ToString();
      return;
    }
    admin_ = std::move(*admin);
    std::random_device rd;
    schema_ = "t" + std::to_string(rd()) + std::to_string(rd() % 100000);
    Status made = admin_->ExecScript("CREATE SCHEMA " + schema_);
    if (!made.ok()) {
      error_ = made.ToString();
      return;
    }
    const std::string b = base;
    url_ = b + (b.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema_;
  }

  // Close every store on this database first (declare the store after this object).
  ~TestDatabase() {
    if (admin_ && !schema_.empty()) (void)admin_->ExecScript("DROP SCHEMA " + schema_ + " CASCADE");
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }

  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  const std::string& url() const { return url_; }
  // The temporary directory (also holds the SQLite file).
  const std::string& dir() const { return dir_; }
  // Non-empty when the back end is not configured: the test skips (fails under CI) with it.
  const std::string& unavailable() const { return unavailable_; }
  // Non-empty when set-up failed on a configured back end: the test fails with it.
  const std::string& error() const { return error_; }
  // PostgreSQL only: the schema and an admin connection (tests that rebuild the schema).
  const std::string& schema() const { return schema_; }
  SqlConn* admin() const { return admin_.get(); }

 private:
  std::string dir_, url_, schema_, unavailable_, error_;
  std::unique_ptr<SqlConn> admin_;
};

}  // namespace st::store::testing

// In a fixture's SetUp: opens `db_var` (a std::unique_ptr<TestDatabase>) for
// the back end `backend`, skipping (failing under CI) when it is not configured.
#define ST_OPEN_TEST_DATABASE(db_var, backend, tag)                                   \
  db_var = std::make_unique<::st::store::testing::TestDatabase>(backend, tag);        \
  if (!db_var->unavailable().empty()) ST_SKIP_OR_FAIL() << db_var->unavailable();    \
  ASSERT_TRUE(db_var->error().empty()) << db_var->error()
