#include "campaign/stage.h"

#include <gtest/gtest.h>

namespace st::campaign {
namespace {

TEST(Stage, NamesRoundTripInBoardOrder) {
  const char* expected[] = {"identified", "contacted", "replied", "meeting", "offer",
                            "accepted",   "declined",  "joined",  "withdrawn"};
  ASSERT_EQ(AllStages().size(), std::size(expected));
  for (size_t i = 0; i < std::size(expected); ++i) {
    EXPECT_EQ(StageName(AllStages()[i]), expected[i]);
    EXPECT_EQ(ParseStage(expected[i]), AllStages()[i]);
  }
  EXPECT_FALSE(ParseStage("Identified"));
  EXPECT_FALSE(ParseStage(""));
  EXPECT_FALSE(ParseStage("hired"));
}

struct Move {
  const char* from;
  const char* to;
  bool allowed;
};

TEST(Stage, TransitionTable) {
  const Move cases[] = {
      {"identified", "contacted", true},  {"contacted", "replied", true},  {"replied", "meeting", true},
      {"meeting", "offer", true},         {"offer", "accepted", true},     {"offer", "declined", true},
      {"accepted", "joined", true},       {"identified", "meeting", true}, {"contacted", "offer", true},
      {"meeting", "replied", true},       {"replied", "contacted", true},  {"identified", "withdrawn", true},
      {"offer", "withdrawn", true},       {"accepted", "withdrawn", true}, {"withdrawn", "identified", true},
      {"declined", "offer", true},        {"accepted", "declined", true},
      // refused
      {"identified", "joined", false},    {"identified", "accepted", false}, {"meeting", "accepted", false},
      {"contacted", "declined", false},   {"joined", "withdrawn", false},    {"joined", "identified", false},
      {"withdrawn", "contacted", false},  {"declined", "joined", false},     {"offer", "contacted", false},
      {"meeting", "identified", false},   {"offer", "offer", false},         {"accepted", "offer", false},
      {"withdrawn", "withdrawn", false},
      // Only one step back: two or more rungs back, or a decision undone to the start, is refused.
      {"replied", "identified", false},   {"offer", "replied", false},       {"meeting", "contacted", false},
      {"declined", "identified", false},  {"declined", "contacted", false},  {"accepted", "meeting", false},
  };
  for (const Move& m : cases) {
    Stage from = *ParseStage(m.from), to = *ParseStage(m.to);
    EXPECT_EQ(IsTransitionAllowed(from, to), m.allowed) << m.from << " → " << m.to;
    Status s = CheckTransition(from, to);
    EXPECT_EQ(s.ok(), m.allowed) << m.from << " → " << m.to;
    if (!m.allowed) {
      EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
      EXPECT_NE(s.message().find("stage"), std::string::npos);
      EXPECT_NE(s.message().find(m.from), std::string::npos);
    }
  }
}

TEST(Stage, EveryStageCanReachJoinedOrIsClosed) {
  // Breadth-first over the transition relation: from every open stage there
  // is a path to joined, and joined has no way out.
  for (Stage start : AllStages()) {
    bool seen[kStageCount] = {};
    std::vector<Stage> queue = {start};
    seen[static_cast<int>(start)] = true;
    for (size_t i = 0; i < queue.size(); ++i)
      for (Stage next : AllStages())
        if (!seen[static_cast<int>(next)] && IsTransitionAllowed(queue[i], next)) {
          seen[static_cast<int>(next)] = true;
          queue.push_back(next);
        }
    if (start != Stage::kJoined) {
      EXPECT_TRUE(seen[static_cast<int>(Stage::kJoined)]) << StageName(start);
    }
  }
  for (Stage to : AllStages()) EXPECT_FALSE(IsTransitionAllowed(Stage::kJoined, to));
  EXPECT_TRUE(IsOpen(Stage::kOffer));
  EXPECT_FALSE(IsOpen(Stage::kJoined));
  EXPECT_FALSE(IsOpen(Stage::kWithdrawn));
}

}  // namespace
}  // namespace st::campaign

namespace st::campaign {
namespace {

TEST(NoInterview, OnlyMovesToOfferBeforeAMeetingSkipIt) {
  EXPECT_TRUE(SkipsMeeting(Stage::kContacted, Stage::kOffer));
  EXPECT_TRUE(SkipsMeeting(Stage::kReplied, Stage::kOffer));
  EXPECT_TRUE(SkipsMeeting(Stage::kIdentified, Stage::kOffer));
  EXPECT_FALSE(SkipsMeeting(Stage::kMeeting, Stage::kOffer));
  EXPECT_FALSE(SkipsMeeting(Stage::kDeclined, Stage::kOffer));  // the counter-offer
  EXPECT_FALSE(SkipsMeeting(Stage::kReplied, Stage::kMeeting));
}

TEST(NoInterview, ScoreAboveThresholdOrCeoOverrideWithReason) {
  auto by_score = CheckMeetingSkip({0.93, 0.9, Role::kRecruiter, "top of the RL ranking"});
  ASSERT_TRUE(by_score.ok());
  EXPECT_EQ(*by_score, "no interview: score 0.93 ≥ 0.90 — top of the RL ranking");
  auto low = CheckMeetingSkip({0.5, 0.9, Role::kRecruiter, "please"});
  ASSERT_EQ(low.status().code(), StatusCode::kForbidden);
  EXPECT_EQ(low.status().message(), "skipping the meeting needs a score ≥ 0.90 (score 0.50) or the CEO's override");
  EXPECT_EQ(CheckMeetingSkip({std::nullopt, 0.9, Role::kHr, "x"}).status().code(), StatusCode::kForbidden);
  EXPECT_EQ(CheckMeetingSkip({0.99, 0, Role::kRecruiter, "x"}).status().code(), StatusCode::kForbidden);
  auto ceo = CheckMeetingSkip({0.1, 0.9, Role::kCeo, "worked with her for years"});
  ASSERT_TRUE(ceo.ok());
  EXPECT_EQ(*ceo, "no interview: CEO override — worked with her for years");
  EXPECT_EQ(CheckMeetingSkip({0.1, 0.9, Role::kCeo, ""}).status().code(), StatusCode::kInvalidInput);
}

}  // namespace
}  // namespace st::campaign
