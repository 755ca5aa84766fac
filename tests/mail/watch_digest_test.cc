// The daily alert digest through the real local mail servers (./superteam.sh
// test starts them: aiosmtpd with STARTTLS + AUTH into Maildirs): one mail per
// user with an address, the alerts before today's digest hour with their links,
// nothing twice, nothing before the hour, nobody without an address.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>
#include <chrono>

#include "base/test_paths.h"
#include "base/test_require.h"
#include "outreach/mail_transport.h"
#include "store/open_store.h"
#include "watch/digest.h"
#include "tests/mail/mail_files.h"

namespace st::watch {
namespace {

namespace fs = std::filesystem;

using st::testing::mail::Decode;
using st::testing::mail::Env;
using st::testing::mail::MailFiles;

TEST(WatchDigestMailTest, OneDigestPerUserPerDayWithTheEvidence) {
  if (Env("ST_SMTP_URL").empty() || Env("ST_MAIL_DIR").empty())
    ST_SKIP_OR_FAIL() << "mail servers not running (ST_SMTP_URL/ST_MAIL_DIR unset): ./superteam.sh test starts them";
  const std::string dir = st::testing::MakeTempDir("watch-digest");
  std::int64_t now = 1'900'000'000 / 86400 * 86400 + 6 * 3600;  // 06:00 UTC
  auto opened = store::OpenStore("sqlite:" + dir + "/c.db", store::StoreOptions{[&] { return now; }});
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  auto& s = **opened;
  const store::Actor cli{0, "cli", campaign::Role::kCeo, ""};
  auto sam = s.CreateUser(cli, {"sam", "Sam Chief", campaign::Role::kCeo, "long passphrase for tests 7"});
  auto rita = s.CreateUser(cli, {"rita", "Rita", campaign::Role::kRecruiter, "long passphrase for tests 7"});
  ASSERT_TRUE(sam.ok() && rita.ok());
  // A fresh recipient address per run: the Maildir outlives the test.
  std::random_device rd;
  const std::string to = "digest" + std::to_string(rd() % 1000000000) + "@lab.test";
  ASSERT_TRUE(s.PutSetting(cli, "watch", R"({"digest_hour_utc": 7, "digest_addresses": {"sam": ")" + to + R"("}})", 0)
                  .ok());
  std::vector<store::StoredAlert> alerts;
  for (int i = 0; i < 2; ++i) {
    store::StoredAlert a;
    a.user_id = i == 0 ? sam->id : rita->id;
    a.kind = "affiliation";
    a.author_key = "~Ann_Lee1";
    a.subject = "Ann Lee";
    a.title = "Ann Lee just left Google DeepMind for Stanford University";
    a.evidence_json = R"({"author_id": 42, "work_source_id": "w5", "work_title": "Ann alone", "year": 2024})";
    alerts.push_back(a);
  }
  ASSERT_TRUE(s.RecordWatchRun({0, "/graphs/v2", "/graphs/v1", 2, 0, 0}, alerts).ok());

  outreach::Mailbox box;
  box.address = "ceo@lab.test";
  box.transport = "smtp";
  box.smtp_url = Env("ST_SMTP_URL");
  box.username = "ceo@lab.test";
  box.ca_file = Env("ST_MAIL_CA");
  auto t = outreach::MakeTransport(box, Env("ST_MAIL_PASSWORD_OVERRIDE").empty() ? "ceo-mail-pw-1"
                                                                                 : Env("ST_MAIL_PASSWORD_OVERRIDE"));
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  const outreach::Address from{"Sam Chief", "ceo@lab.test"};

  // 06:00: not due.
  auto r = SendDigests(s, **t, from, "https://app.example", now);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->due);
  EXPECT_TRUE(MailFiles(to).empty());
  // The next day at 08:00: Sam's alert goes out (Rita has no address: app only).
  now += 26 * 3600;
  r = SendDigests(s, **t, from, "https://app.example", now);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->due);
  EXPECT_EQ(r->sent, 1) << (r->errors.empty() ? "" : r->errors[0]);
  EXPECT_EQ(r->alerts, 1);
  std::vector<fs::path> files;
  for (int i = 0; i < 50 && files.empty(); ++i) {
    files = MailFiles(to);
    if (files.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(files.size(), 1u);
  nlohmann::json m = Decode(files[0]);
  ASSERT_TRUE(m.is_object());
  EXPECT_EQ(m.value("subject", ""), "superteam: 1 alert from the talent graph");
  const std::string text = m.value("text", "");
  EXPECT_NE(text.find("Ann Lee just left Google DeepMind for Stanford University"), std::string::npos) << text;
  EXPECT_NE(text.find("https://app.example/authors/42"), std::string::npos) << text;
  EXPECT_NE(text.find("Ann alone [w5]"), std::string::npos) << text;
  // Again the same day: nothing left to mail.
  r = SendDigests(s, **t, from, "https://app.example", now + 3600);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->sent, 0);
  EXPECT_EQ(MailFiles(to).size(), 1u);
  // Rita's alert is still unmailed (no address), and still in the app.
  auto pending = s.PendingDigest(rita->id, 10);
  ASSERT_TRUE(pending.ok());
  EXPECT_EQ(pending->size(), 1u);
  opened->reset();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace st::watch
