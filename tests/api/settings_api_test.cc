// Campaign settings over HTTP: defaults at version 0, merge patches by the ceo with optimistic versions,
// field-naming validation, resets to defaults, audit.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/api/api_fixture.h"

namespace st::web::testing {
namespace {

using nlohmann::json;

class SettingsTest : public ApiTest {};

TEST_P(SettingsTest, DefaultsThenMergePatchWithVersions) {
  Session& ceo = sessions_["ceo"];
  Response r = Get("/api/settings/campaign", &ceo);
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(r.body["version"], 0);
  EXPECT_EQ(r.body["value"]["mission_clarity"], 3);
  EXPECT_FALSE(r.body["value"]["offer_themes"].empty());

  r = Patch("/api/settings/campaign", &ceo, {{"version", 0}, {"value", {{"mission_clarity", 5}, {"lab_name", "Lab Ω"}}}});
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(r.body["version"], 1);
  EXPECT_EQ(r.body["value"]["mission_clarity"], 5);
  EXPECT_EQ(r.body["value"]["lab_name"], "Lab Ω");

  // A second patch keeps the first one's fields (merge, not replace).
  r = Patch("/api/settings/campaign", &ceo, {{"version", 1}, {"value", {{"reorganisations_12m", 2}}}});
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(r.body["value"]["mission_clarity"], 5);
  EXPECT_EQ(r.body["value"]["reorganisations_12m"], 2);

  // Stale version: 409, nothing changed.
  r = Patch("/api/settings/campaign", &ceo, {{"version", 1}, {"value", {{"mission_clarity", 1}}}});
  EXPECT_EQ(r.status, 409) << r.text;
  EXPECT_EQ(Get("/api/settings/campaign", &ceo).body["value"]["mission_clarity"], 5);

  // null resets a field to its default.
  r = Patch("/api/settings/campaign", &ceo, {{"version", 2}, {"value", {{"mission_clarity", nullptr}}}});
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(r.body["value"]["mission_clarity"], 3);
  EXPECT_EQ(r.body["value"]["lab_name"], "Lab Ω");

  // The list carries the same value and version.
  json list = Get("/api/settings", &ceo).body["settings"];
  auto campaign = std::find_if(list.begin(), list.end(), [](const json& s) { return s["key"] == "campaign"; });
  ASSERT_NE(campaign, list.end()) << list.dump();  // other capabilities' keys are listed too
  EXPECT_EQ((*campaign)["version"], 3);

  // Every change is audited with before and after.
  json audit = Get("/api/audit", &ceo).body["entries"];
  int changes = 0;
  for (const auto& e : audit) changes += e["action"] == "setting.update" && e["target"] == "setting:campaign";
  EXPECT_EQ(changes, 3);
}

TEST_P(SettingsTest, BadValuesNameTheFieldAndStoreNothing) {
  Session& ceo = sessions_["ceo"];
  Response r = Patch("/api/settings/campaign", &ceo, {{"version", 0}, {"value", {{"mission_clarity", 9}}}});
  EXPECT_EQ(r.status, 400) << r.text;
  EXPECT_NE(r.text.find("settings.campaign.mission_clarity"), std::string::npos) << r.text;
  r = Patch("/api/settings/campaign", &ceo, {{"version", 0}, {"value", {{"misson", "typo"}}}});
  EXPECT_EQ(r.status, 400) << r.text;
  EXPECT_NE(r.text.find("settings.campaign.misson is not a known field"), std::string::npos) << r.text;
  r = Patch("/api/settings/campaign", &ceo, {{"version", 0}, {"value", {{"offer_themes", {"a", 3}}}}});
  EXPECT_EQ(r.status, 400) << r.text;
  EXPECT_EQ(Get("/api/settings/campaign", &ceo).body["version"], 0) << "nothing of a refused change is stored";

  EXPECT_EQ(Get("/api/settings/nosuchkey", &ceo).status, 404);
  EXPECT_EQ(Patch("/api/settings/nosuchkey", &ceo, {{"version", 0}, {"value", json::object()}}).status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, SettingsTest, ST_API_BACKENDS);

}  // namespace
}  // namespace st::web::testing
