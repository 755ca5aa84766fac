// The acceptance model's settings key over HTTP: defaults (the lab compute table) at version 0, a CEO change
// merged over them, field-naming validation through the planning library's reader.
#include <gtest/gtest.h>

#include "tests/api/api_fixture.h"

namespace st::web::testing {
namespace {

using nlohmann::json;

class AcceptanceSettingsTest : public ApiTest {};

TEST_P(AcceptanceSettingsTest, LabComputeTableDefaultsAndChanges) {
  Session& ceo = sessions_["ceo"];
  Response r = Get("/api/settings/acceptance", &ceo);
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(r.body["version"], 0);
  EXPECT_EQ(r.body["value"]["labs"]["openai"], 200);
  EXPECT_EQ(r.body["value"]["academia_gpus_per_researcher"], 2);

  r = Patch("/api/settings/acceptance", &ceo,
            {{"version", 0}, {"value", {{"labs", {{"Tiny Startup", 4}}}, {"unknown_lab_gpus_per_researcher", 16}}}});
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(r.body["value"]["labs"]["tiny startup"], 4);
  EXPECT_EQ(r.body["value"]["labs"]["openai"], 200);  // merged over the defaults
  EXPECT_EQ(r.body["value"]["unknown_lab_gpus_per_researcher"], 16);

  r = Patch("/api/settings/acceptance", &ceo, {{"version", 1}, {"value", {{"labs", {{"x", -3}}}}}});
  EXPECT_EQ(r.status, 400) << r.text;
  EXPECT_NE(r.text.find("settings.acceptance.labs.x"), std::string::npos) << r.text;
  r = Patch("/api/settings/acceptance", &ceo, {{"version", 1}, {"value", {{"mission_clarity", 5}}}});
  EXPECT_EQ(r.status, 400) << r.text;  // that factor lives in the campaign key
  EXPECT_NE(r.text.find("settings.acceptance.mission_clarity"), std::string::npos) << r.text;
  EXPECT_EQ(Get("/api/settings/acceptance", &ceo).body["version"], 1);

  // Readable by every role, changeable by the CEO only.
  EXPECT_EQ(Get("/api/settings/acceptance", &sessions_["viewer"]).status, 200);
  EXPECT_EQ(Patch("/api/settings/acceptance", &sessions_["recruiter"], {{"version", 1}, {"value", json::object()}}).status,
            403);
}

INSTANTIATE_TEST_SUITE_P(Backends, AcceptanceSettingsTest, ST_API_BACKENDS);

}  // namespace
}  // namespace st::web::testing
