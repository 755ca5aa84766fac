// End-to-end tests of the built `superteam fleet import` and `superteam
// ledger check` (path from CMake): a good file's summary, a bad file refused
// with its line and nothing imported, and `ledger check` exiting non-zero
// and naming date, pool and shortfall once a pool is over-committed.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "base/test_paths.h"
#include "store/sql.h"

namespace st {
namespace {

struct CliRun {
  int code = -1;
  std::string out;  // stdout and stderr
};

CliRun Superteam(const std::string& args) {
  CliRun r;
  FILE* p = ::popen((std::string(ST_SUPERTEAM_BIN) + " " + args + " 2>&1").c_str(), "r");
  if (p == nullptr) return r;
  char buf[4096];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) r.out.append(buf, n);
  const int status = ::pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

class FleetCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir("fleet-cli");
    db_ = dir_ + "/campaign.db";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string File(const std::string& name, const std::string& text) {
    std::ofstream(dir_ + "/" + name) << text;
    return dir_ + "/" + name;
  }
  std::string dir_, db_;
};

TEST_F(FleetCliTest, ImportCheckAndRefuse) {
  const std::string sample = testing::SourceDir() + "/src/compute/fleet_sample.csv";
  CliRun ok = Superteam("fleet import " + sample + " --db " + db_);
  ASSERT_EQ(ok.code, 0) << ok.out;
  EXPECT_NE(ok.out.find("imported 10 capacity changes: 8 new pools, +500,000 GPUs added, 60,000 GPUs retired"),
            std::string::npos)
      << ok.out;

  const std::string bad = File("bad.csv", "site,gpu_type,change,gpus,date\nX,H100,add,10,2026-01-01\n"
                                          "X,H100,add,many,2026-01-01\n");
  CliRun refused = Superteam("fleet import " + bad + " --db " + db_);
  EXPECT_EQ(refused.code, 1);
  EXPECT_NE(refused.out.find("line 3: gpus: 'many' is not a whole number"), std::string::npos) << refused.out;
  const std::string retire = File("retire.csv", "site,gpu_type,change,gpus,date\nX,H100,add,10,2026-01-01\n"
                                                "Dublin,H200,retire,40000,2026-06-01\n");
  refused = Superteam("fleet import " + retire + " --db " + db_);
  EXPECT_EQ(refused.code, 1);
  EXPECT_NE(refused.out.find("line 3: retires more than installed"), std::string::npos) << refused.out;
  EXPECT_NE(refused.out.find("nothing of the file was imported"), std::string::npos) << refused.out;

  CliRun check = Superteam("ledger check --db " + db_);
  ASSERT_EQ(check.code, 0) << check.out;
  EXPECT_NE(check.out.find("ledger holds: 8 pools, 10 capacity changes, 0 promises"), std::string::npos) << check.out;
  CliRun exported = Superteam("fleet export --db " + db_);
  ASSERT_EQ(exported.code, 0);
  EXPECT_NE(exported.out.find("Abilene,B200,add,60000,2026-09-01,\"phase 3, liquid cooled\""), std::string::npos)
      << exported.out;

  // Over-commit the Dublin H200 pool behind the application's back (as a
  // raised headroom or a hand edit would): 30,000 installed, 27,000 usable.
  {
    auto conn = store::OpenSqliteConn(db_, 0);
    ASSERT_TRUE(conn.ok()) << conn.status().ToString();
    ASSERT_TRUE((*conn)
                    ->ExecScript("INSERT INTO compute_promises (offer_id, person_id, pool_id, requested_site, gpus, "
                                 "start_day, end_day, state, created_at, updated_at) SELECT 1, NULL, id, 'Dublin', "
                                 "28000, 20544, 0, 'committed', 0, 0 FROM fleet_pools WHERE site = 'Dublin' AND "
                                 "gpu_type = 'H200'")
                    .ok());
  }
  check = Superteam("ledger check --db " + db_);
  EXPECT_EQ(check.code, 1) << check.out;
  // 20544 = 2026-04-01; 1,000 H200 short = 1,400 H100-eq.
  EXPECT_NE(check.out.find("over-committed: short by 1,400 H100-eq at site Dublin (H200) from 2026-04-01"),
            std::string::npos)
      << check.out;
  CliRun json = Superteam("ledger check --json --db " + db_);
  EXPECT_EQ(json.code, 1);
  auto j = nlohmann::json::parse(json.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << json.out;
  EXPECT_FALSE(j["ok"].get<bool>());
  ASSERT_EQ(j["shortfalls"].size(), 1u);
  EXPECT_EQ(j["shortfalls"][0]["date"], "2026-04-01");
  EXPECT_EQ(j["shortfalls"][0]["short_gpus"], 1000);

  CliRun missing = Superteam("ledger check --db " + dir_ + "/nodir/x.db");
  EXPECT_EQ(missing.code, 2) << missing.out;
}

}  // namespace
}  // namespace st
