// Test-only: a store on a throw-away database of the gtest parameter's back
// end ("sqlite" / "postgresql"), with a clock the test moves and users made
// by role. The store tests (the core's, offers, retention, deals) and the outreach flow test derive from it.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "base/test_require.h"
#include "store/open_store.h"
#include "store/store.h"
#include "store/test_database.h"

namespace st::store::testing {

class ClockedStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  // tag names the throw-away database; start is the clock's first reading (unix seconds).
  explicit ClockedStoreTest(std::string tag, std::int64_t start = 1'790'000'000)
      : tag_(std::move(tag)), now_(start) {}

  // Derived SetUps call this first and return when it skipped or failed.
  void SetUp() override {
    ST_OPEN_TEST_DATABASE(db_, GetParam(), tag_);
    url_ = db_->url();
    Reopen();
  }

  // Opens the store (again) on the same database; the clock is always the test's.
  void Reopen(StoreOptions options = {}) {
    store_.reset();
    options.clock = [this] { return now_.load(); };
    auto s = OpenStore(url_, options);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
  }
  bool Ready() const { return !IsSkipped() && !HasFatalFailure(); }

  void TearDown() override {
    store_.reset();  // before the database it lives on
    db_.reset();
  }

  Actor MakeUser(const std::string& name, campaign::Role role) {
    Actor cli{0, "cli", campaign::Role::kCeo, ""};
    auto u = store_->CreateUser(cli, NewUser{name, "", role, "long passphrase for tests 7"});
    EXPECT_TRUE(u.ok()) << u.status().ToString();
    return Actor{u.ok() ? u->id : -1, name, role, "10.0.0.1"};
  }

  std::string tag_;
  std::unique_ptr<TestDatabase> db_;
  std::string url_;
  std::unique_ptr<Store> store_;
  std::atomic<std::int64_t> now_;
};

}  // namespace st::store::testing
