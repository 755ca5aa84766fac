#include "outreach/sequence.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "outreach/outbox.h"
#include "outreach/secret_box.h"
#include "outreach/settings.h"
#include "outreach/whatsapp.h"

namespace st::outreach {
namespace {

// 2026-12-07 (Monday) 00:00:00 UTC.
constexpr std::int64_t kMonday = 1796601600;

TEST(Sequence, TimeZonesFromCityOrOrganisation) {
  EXPECT_EQ(GuessTimeZone("Zürich", ""), "Europe/Zurich");
  EXPECT_EQ(GuessTimeZone("", "Google DeepMind, London"), "Europe/London");
  EXPECT_EQ(GuessTimeZone("", "Tsinghua University"), "Asia/Shanghai");
  EXPECT_EQ(GuessTimeZone("Palo Alto, CA", "Tsinghua University"), "America/Los_Angeles");
  EXPECT_EQ(GuessTimeZone("", "Some Institute"), std::nullopt);
  EXPECT_EQ(GuessTimeZone("", "Commitee"), std::nullopt);  // "mit" inside a word is not MIT
  EXPECT_TRUE(IsKnownTimeZone("Europe/Berlin"));
  EXPECT_TRUE(IsKnownTimeZone("UTC"));
  EXPECT_FALSE(IsKnownTimeZone("Mars/Olympus"));
}

TEST(Sequence, LocalTimeHonoursOffsetsAndDaylightSaving) {
  auto winter = ToLocal(kMonday + 12 * 3600, "America/Los_Angeles");  // 12:00 UTC = 04:00 PST
  ASSERT_TRUE(winter.ok());
  EXPECT_EQ(winter->hour, 4);
  EXPECT_EQ(winter->weekday, 1);
  auto summer = ToLocal(1783425600, "Europe/Berlin");  // 2026-07-07 12:00 UTC = 14:00 CEST
  ASSERT_TRUE(summer.ok());
  EXPECT_EQ(summer->hour, 14);
  auto india = ToLocal(kMonday, "Asia/Kolkata");  // +05:30
  ASSERT_TRUE(india.ok());
  EXPECT_EQ(india->hour, 5);
  EXPECT_EQ(india->minute, 30);
  EXPECT_EQ(ToLocal(0, "Nowhere/Else").status().code(), StatusCode::kInvalidInput);
}

TEST(Sequence, SendWindowIsInTheCandidatesLocalTime) {
  OutreachSettings s;  // 9..18 weekdays
  // Monday 00:00 UTC: in Tokyo that is 09:00 Monday — inside.
  EXPECT_EQ(*NextInWindow(kMonday, "Asia/Tokyo", s), kMonday);
  // In San Francisco it is Sunday 16:00: next is Monday 09:00 PST = 17:00 UTC.
  EXPECT_EQ(*NextInWindow(kMonday, "America/Los_Angeles", s), kMonday + 17 * 3600);
  // In Kolkata 05:30 Monday → 09:00 IST = 03:30 UTC.
  EXPECT_EQ(*NextInWindow(kMonday, "Asia/Kolkata", s), kMonday + 3 * 3600 + 1800);
  s.weekdays_only = false;
  EXPECT_EQ(*NextInWindow(kMonday - 86400 + 9 * 3600, "UTC", s), kMonday - 86400 + 9 * 3600);  // Sunday ok
}

TEST(Sequence, BusinessDaysSkipWeekends) {
  const std::int64_t friday = kMonday + 4 * 86400 + 10 * 3600;
  EXPECT_EQ(*AddBusinessDays(friday, 1, "UTC"), friday + 3 * 86400);   // → Monday
  EXPECT_EQ(*AddBusinessDays(friday, 3, "UTC"), friday + 5 * 86400);   // → Wednesday
  EXPECT_EQ(*AddBusinessDays(kMonday + 10 * 3600, 3, "UTC"), kMonday + 3 * 86400 + 10 * 3600);
}

TEST(Sequence, FollowUpDueAndStops) {
  OutreachSettings s;
  SequenceView v;
  v.last_sent_at = kMonday + 10 * 3600;  // Monday 10:00 UTC
  auto d = DecideFollowUp(v, s, "UTC", kMonday + 86400);
  EXPECT_EQ(d.kind, SequenceDecision::kWait);
  EXPECT_EQ(d.due_at, kMonday + 3 * 86400 + 10 * 3600);  // Thursday 10:00
  EXPECT_EQ(DecideFollowUp(v, s, "UTC", d.due_at).kind, SequenceDecision::kDue);

  SequenceView replied = v;
  replied.state = ThreadState::kReplied;
  EXPECT_EQ(DecideFollowUp(replied, s, "UTC", d.due_at).kind, SequenceDecision::kStop);
  SequenceView moved = v;
  moved.person_stage = campaign::Stage::kMeeting;
  auto m = DecideFollowUp(moved, s, "UTC", d.due_at);
  EXPECT_EQ(m.kind, SequenceDecision::kStop);
  EXPECT_EQ(m.reason, "candidate moved to meeting");
  SequenceView suppressed = v;
  suppressed.suppressed = true;
  EXPECT_EQ(DecideFollowUp(suppressed, s, "UTC", d.due_at).stop_state, ThreadState::kOptedOut);
  SequenceView done = v;
  done.follow_ups_sent = s.max_follow_ups;
  EXPECT_EQ(DecideFollowUp(done, s, "UTC", d.due_at).stop_state, ThreadState::kCompleted);
  SequenceView pending = v;
  pending.has_pending = true;  // the previous message's outcome is not known yet
  EXPECT_EQ(DecideFollowUp(pending, s, "UTC", d.due_at + 86400 * 30).kind, SequenceDecision::kWait);
}

TEST(Settings, FromJsonValidatesAndNamesTheField) {
  auto s = SettingsFromJson(R"({"daily_cap": 10, "offer_themes": ["GPUs"], "lab_name": "Lab"})");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->daily_cap, 10);
  EXPECT_EQ(s->offer_themes, std::vector<std::string>{"GPUs"});
  EXPECT_EQ(s->follow_up_business_days, 3);  // default kept
  auto bad = SettingsFromJson(R"({"daily_cap": 0})");
  EXPECT_NE(bad.status().message().find("'daily_cap'"), std::string::npos);
  EXPECT_NE(SettingsFromJson(R"({"dialy_cap": 5})").status().message().find("'dialy_cap'"), std::string::npos);
  EXPECT_NE(SettingsFromJson(R"({"window_start_hour": 18, "window_end_hour": 9})").status().message().find(
                "'window_end_hour'"),
            std::string::npos);
  auto again = SettingsFromJson(SettingsToJson(*s));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->daily_cap, 10);
}

TEST(Outbox, Transitions) {
  const std::int64_t now = 1000;
  auto sent = AfterAttempt({SendOutcome::kAccepted, 250, "ok"}, 1, now);
  EXPECT_EQ(sent.status, SendStatus::kSent);
  auto temp = AfterAttempt({SendOutcome::kTemporary, 451, "try later"}, 1, now);
  EXPECT_EQ(temp.status, SendStatus::kRetry);
  EXPECT_EQ(temp.next_attempt_at, now + 60);
  EXPECT_EQ(AfterAttempt({SendOutcome::kTemporary, 0, "refused"}, 3, now).next_attempt_at, now + 1800);
  EXPECT_EQ(AfterAttempt({SendOutcome::kTemporary, 0, "refused"}, kMaxSendAttempts, now).status, SendStatus::kFailed);
  auto perm = AfterAttempt({SendOutcome::kPermanent, 554, "5.7.1 spam"}, 1, now);
  EXPECT_EQ(perm.status, SendStatus::kFailed);
  EXPECT_NE(perm.error.find("554 5.7.1 spam"), std::string::npos);
  auto rcpt = AfterAttempt({SendOutcome::kRecipientRejected, 550, "no such user"}, 1, now);
  EXPECT_TRUE(rcpt.bounce);
  auto lost = AfterAttempt({SendOutcome::kLostAfterData, 0, "connection reset"}, 1, now);
  EXPECT_EQ(lost.status, SendStatus::kUnknown);
  EXPECT_NE(lost.error.find("check the Sent folder"), std::string::npos);
  auto auth = AfterAttempt({SendOutcome::kAuthFailed, 535, "bad credentials"}, 1, now);
  EXPECT_EQ(auth.status, SendStatus::kRetry);
  EXPECT_TRUE(auth.mailbox_error);
  EXPECT_EQ(RecoverAfterCrash(SendStatus::kSending), SendStatus::kUnknown);
  EXPECT_EQ(RecoverAfterCrash(SendStatus::kQueued), SendStatus::kQueued);
  for (int i = 0; i <= static_cast<int>(SendStatus::kReceived); ++i)
    EXPECT_EQ(ParseSendStatus(SendStatusName(static_cast<SendStatus>(i))), static_cast<SendStatus>(i));
}

TEST(WhatsApp, NormalisesNumbersAndKeepsMoneyOutOfUrls) {
  EXPECT_EQ(*NormalizePhone("(650) 253-0000", "US"), "+16502530000");
  EXPECT_EQ(*NormalizePhone("+44 20 7946 0958", ""), "+442079460958");
  EXPECT_EQ(*NormalizePhone("020 7946 0958", "gb"), "+442079460958");
  EXPECT_EQ(NormalizePhone("12", "US").status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(NormalizePhone("020 7946 0958", "").status().code(), StatusCode::kInvalidInput);

  auto link = WhatsAppLink("+1 650 253 0000", "", "Hi Zoë, a call?");
  ASSERT_TRUE(link.ok());
  EXPECT_EQ(*link, "https://wa.me/16502530000?text=Hi%20Zo%C3%AB%2C%20a%20call%3F");
  EXPECT_FALSE(WhatsAppLink("+1 650 253 0000", "", "We offer $2M").ok());

  const std::string body =
      "Dear Zoë,\n\nI'm Sam. We would pay you $5,000,000 a year. I read your paper.\n\n- \"T\": x\n\nCall?\n\n--\nSam\n";
  std::string short_text = ShortWhatsAppText(body);
  EXPECT_FALSE(MentionsMoney(short_text)) << short_text;
  EXPECT_NE(short_text.find("I read your paper."), std::string::npos) << short_text;
  EXPECT_EQ(short_text.find("5,000,000"), std::string::npos);
  EXPECT_TRUE(MentionsMoney("a 300k signing bonus"));
  EXPECT_TRUE(MentionsMoney("USD 500,000"));
  EXPECT_TRUE(MentionsMoney("€1.5 million"));
  EXPECT_FALSE(MentionsMoney("we have 4096 GPUs in 2 clusters"));
}

TEST(SecretBox, SealsWithAKeyFileOutsideTheDatabase) {
  const std::string path =
      (std::filesystem::temp_directory_path() / ("st_mailkey_" + std::to_string(::getpid()))).string();
  std::filesystem::remove(path);
  auto box = SecretBox::FromKeyFile(path);
  ASSERT_TRUE(box.ok()) << box.status().ToString();
  EXPECT_EQ(std::filesystem::file_size(path), 32u);
  EXPECT_EQ(std::filesystem::status(path).permissions() & std::filesystem::perms::group_read,
            std::filesystem::perms::none);
  const std::string sealed = box->Seal("hunter2-ü");
  EXPECT_EQ(sealed.find("hunter2"), std::string::npos);
  auto again = SecretBox::FromKeyFile(path);  // same key read back
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again->Open(sealed), "hunter2-ü");
  EXPECT_NE(box->Seal("x"), box->Seal("x"));  // fresh nonce each time
  std::array<unsigned char, 32> other{};
  EXPECT_EQ(SecretBox::FromKey(other).Open(sealed).status().code(), StatusCode::kInvalidInput);
  std::string tampered = sealed;
  tampered[tampered.size() - 1] = tampered.back() == '0' ? '1' : '0';
  EXPECT_FALSE(box->Open(tampered).ok());
  std::filesystem::permissions(path, std::filesystem::perms::group_read, std::filesystem::perm_options::add);
  EXPECT_EQ(SecretBox::FromKeyFile(path).status().code(), StatusCode::kInvalidInput);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace st::outreach
