// Campaign settings over HTTP: defaults at version 0, merge patches by the ceo with optimistic versions,
// field-naming validation, resets to defaults, audit.
#include <gtest/gtest.h>

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
  const std::string default_mission = r.body["value"]["mission"];
  EXPECT_FALSE(r.body["value"]["offer_themes"].empty());

  r = Patch("/api/settings/campaign", &ceo,
            {{"version", 0}, {"value", {{"mission", "Superintelligence, soon"}, {"lab_name", "Lab Ω"}}}});
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(r.body["version"], 1);
  EXPECT_EQ(r.body["value"]["mission"], "Superintelligence, soon");
  EXPECT_EQ(r.body["value"]["lab_name"], "Lab Ω");

  // A second patch keeps the first one's fields (merge, not replace).
  r = Patch("/api/settings/campaign", &ceo, {{"version", 1}, {"value", {{"offer_themes", {"GPUs"}}}}});
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(r.body["value"]["mission"], "Superintelligence, soon");
  EXPECT_EQ(r.body["value"]["offer_themes"], json({"GPUs"}));

  // Stale version: 409, nothing changed.
  r = Patch("/api/settings/campaign", &ceo, {{"version", 1}, {"value", {{"mission", "other"}}}});
  EXPECT_EQ(r.status, 409) << r.text;
  EXPECT_EQ(Get("/api/settings/campaign", &ceo).body["value"]["mission"], "Superintelligence, soon");

  // null resets a field to its default.
  r = Patch("/api/settings/campaign", &ceo, {{"version", 2}, {"value", {{"mission", nullptr}}}});
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(r.body["value"]["mission"], default_mission);
  EXPECT_EQ(r.body["value"]["lab_name"], "Lab Ω");

  // The list carries the same value and version; each key has its own version.
  json list = Get("/api/settings", &ceo).body["settings"];
  ASSERT_GE(list.size(), 2u);
  EXPECT_EQ(list[0]["key"], "campaign");
  EXPECT_EQ(list[0]["version"], 3);
  EXPECT_EQ(list[1]["key"], "acceptance");
  EXPECT_EQ(list[1]["version"], 0);

  // Every change is audited with before and after.
  json audit = Get("/api/audit", &ceo).body["entries"];
  int changes = 0;
  for (const auto& e : audit) changes += e["action"] == "setting.update" && e["target"] == "setting:campaign";
  EXPECT_EQ(changes, 3);
}

TEST_P(SettingsTest, BadValuesNameTheFieldAndStoreNothing) {
  Session& ceo = sessions_["ceo"];
  Response r = Patch("/api/settings/acceptance", &ceo, {{"version", 0}, {"value", {{"mission_clarity", 9}}}});
  EXPECT_EQ(r.status, 400) << r.text;
  EXPECT_NE(r.text.find("acceptance.mission_clarity"), std::string::npos) << r.text;
  EXPECT_EQ(Get("/api/settings/acceptance", &ceo).body["version"], 0);
  r = Patch("/api/settings/campaign", &ceo, {{"version", 0}, {"value", {{"misson", "typo"}}}});
  EXPECT_EQ(r.status, 400) << r.text;
  EXPECT_NE(r.text.find("settings.campaign.misson is not a known field"), std::string::npos) << r.text;
  r = Patch("/api/settings/campaign", &ceo, {{"version", 0}, {"value", {{"offer_themes", {"a", 3}}}}});
  EXPECT_EQ(r.status, 400) << r.text;
  EXPECT_EQ(Get("/api/settings/campaign", &ceo).body["version"], 0) << "nothing of a refused change is stored";

  EXPECT_EQ(Get("/api/settings/nosuchkey", &ceo).status, 404);
  // Keys carry their own read rule: the acceptance model's money assumptions are not for recruiters.
  EXPECT_EQ(Get("/api/settings/acceptance", &sessions_["recruiter"]).status, 403);
  json seen = Get("/api/settings", &sessions_["recruiter"]).body["settings"];
  for (const auto& s : seen) EXPECT_NE(s["key"], "acceptance");
  EXPECT_EQ(Patch("/api/settings/nosuchkey", &ceo, {{"version", 0}, {"value", json::object()}}).status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, SettingsTest, ST_API_BACKENDS);

}  // namespace
}  // namespace st::web::testing
