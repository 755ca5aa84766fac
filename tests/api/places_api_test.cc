// Places and events over HTTP: locations with their sources, a hand-set one
// winning and reverting, trip planning by distance and stage, a dinner with
// suggested invitees, invitations, answers, the .ics (parsed back with
// libical) and the dashboard line.
#include <gtest/gtest.h>

#include "events/ical.h"
#include "tests/api/api_fixture.h"

namespace st::web::testing {
namespace {

using nlohmann::json;

class PlacesApiTest : public ApiTest {};

TEST_P(PlacesApiTest, LocationsTripDinnerInvitationsAndIcs) {
  Session& ceo = sessions_["ceo"];
  // Three near London (by organisation, by city field, by a hand-set city) and one in Zürich.
  json dm = AddPerson(ceo, "Ada DeepMind", {{"org", "Google DeepMind"}});
  json ucl = AddPerson(ceo, "Ben City", {{"city", "London"}});
  json ox = AddPerson(ceo, "Cara Oxford", {{"email", "cara@cs.ox.ac.uk"}});
  json zh = AddPerson(ceo, "Dan Zurich", {{"org", "ETH Zurich"}});
  json de = AddPerson(ceo, "Eva Somewhere", {{"email", "eva@informatik.uni-hamburg.de"}});
  // Stages: Ben at meeting, the rest identified.
  Response moved = Post("/api/people/" + std::to_string(ucl.value("id", 0)) + "/stage", &ceo,
                        {{"version", ucl["version"]}, {"stage", "contacted"}});
  ASSERT_EQ(moved.status, 200) << moved.text;
  ASSERT_EQ(Post("/api/people/" + std::to_string(ucl.value("id", 0)) + "/stage", &ceo,
                 {{"version", moved.body["version"]}, {"stage", "replied"}})
                .status,
            200);

  Response map = Get("/api/places/people", &ceo);
  ASSERT_EQ(map.status, 200) << map.text;
  EXPECT_EQ(map.body["counts"]["people"], 5);
  EXPECT_EQ(map.body["counts"]["with_country"], 5);
  EXPECT_EQ(map.body["counts"]["with_city"], 4) << map.body["counts"].dump();
  EXPECT_EQ(map.body["counts"]["by_source"]["site_table"], 2);
  EXPECT_EQ(map.body["counts"]["by_source"]["person_city"], 1);
  EXPECT_EQ(map.body["counts"]["by_source"]["email_site"], 1);
  EXPECT_EQ(map.body["counts"]["by_source"]["email_cctld"], 1);
  bool london = false;
  for (const auto& c : map.body["cities"]) {
    if (c["city"] != "London") continue;
    london = true;
    EXPECT_EQ(c["count"], 2);
  }
  EXPECT_TRUE(london) << map.body["cities"].dump();

  // A hand-set location wins and shows its source; deleting it reverts.
  const std::string zh_loc = "/api/people/" + std::to_string(zh.value("id", 0)) + "/location";
  Response set = Post(zh_loc, &ceo, {{"city", "Cambridge, GB"}});
  ASSERT_EQ(set.status, 200) << set.text;
  EXPECT_EQ(set.body["location"]["source"], "manual");
  Response get = Get(zh_loc, &ceo);
  EXPECT_EQ(get.body["location"]["city"], "Cambridge");
  EXPECT_EQ(get.body["derived"]["city"], "Zürich");
  Response bad = Post(zh_loc, &ceo, {{"city", "Atlantis"}});
  EXPECT_EQ(bad.status, 404) << bad.text;
  Response bad_tz = Post(zh_loc, &ceo, {{"country", "DE"}, {"tz", "Mars/Olympus"}});
  EXPECT_EQ(bad_tz.status, 400) << bad_tz.text;

  // Trip: London, 100 km: Ben (replied) first, then Ada, Cara (Oxford, 80 km) and Dan (Cambridge, hand-set).
  Response trip = Get("/api/places/trip?city=London&radius_km=100&from=2027-03-10&to=2027-03-14", &ceo);
  ASSERT_EQ(trip.status, 200) << trip.text;
  ASSERT_EQ(trip.body["stops"].size(), 4u) << trip.body.dump();
  EXPECT_EQ(trip.body["stops"][0]["name"], "Ben City");
  EXPECT_EQ(trip.body["stops"][0]["location"]["tz"], "Europe/London");
  EXPECT_FALSE(trip.body["stops"][0]["utc_offset"].get<std::string>().empty());
  EXPECT_EQ(trip.body["center"]["city"], "London");
  EXPECT_EQ(trip.body["from"], "2027-03-10");
  ASSERT_EQ(Call("DELETE", zh_loc, &ceo).status, 204);
  EXPECT_EQ(Get("/api/places/trip?city=London&radius_km=100", &ceo).body["stops"].size(), 3u);
  EXPECT_EQ(Get("/api/places/trip?city=Atlantis", &ceo).status, 404);
  EXPECT_EQ(Get("/api/places/trip?lat=91&lon=0", &ceo).status, 400);

  // A dinner in London: suggestions, invitations, answers, the .ics, the dashboard line.
  Response ev = Post("/api/calendar/events", &ceo,
                     {{"title", "Dîner; «frontier», London"}, {"city", "London"}, {"start", "2027-03-12T19:30"},
                      {"capacity", 3}});
  ASSERT_EQ(ev.status, 201) << ev.text;
  const std::string base = "/api/calendar/events/" + std::to_string(ev.body.value("id", 0));
  EXPECT_EQ(ev.body["tz"], "Europe/London");
  EXPECT_EQ(ev.body["end"], "2027-03-12T22:30");
  Response sug = Get(base + "/suggestions", &ceo);
  ASSERT_EQ(sug.status, 200) << sug.text;
  ASSERT_GE(sug.body["suggestions"].size(), 3u);
  EXPECT_EQ(sug.body["suggestions"][0]["name"], "Ben City") << "replied before identified";
  json ids = json::array();
  for (int i = 0; i < 3; ++i) ids.push_back(std::to_string(sug.body["suggestions"][i].value("id", 0)));
  Response inv = Post(base + "/invites", &ceo, {{"person_ids", ids}});
  ASSERT_EQ(inv.status, 200) << inv.text;
  EXPECT_EQ(inv.body["invites"].size(), 3u);
  EXPECT_EQ(Post(base + "/invites", &ceo, {{"person_ids", {std::to_string(de.value("id", 0))}}}).status, 409)
      << "three seats";
  Response yes = Post(base + "/rsvp", &ceo, {{"person_id", std::stoll(ids[0].get<std::string>())}, {"rsvp", "yes"},
                                             {"dietary", "no shellfish"}});
  ASSERT_EQ(yes.status, 200) << yes.text;
  ASSERT_EQ(Post(base + "/rsvp", &ceo, {{"person_id", std::stoll(ids[1].get<std::string>())}, {"rsvp", "no"}}).status,
            200);
  Response list = Get("/api/calendar/events", &ceo);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.body["events"][0]["line"], "dinner in London on 12 March: 3 invited, 1 yes");
  Response detail = Get(base, &sessions_["viewer"]);
  for (const auto& i : detail.body["invites"]) EXPECT_FALSE(i.contains("dietary")) << "absent for a viewer";
  EXPECT_NE(Get(base, &ceo).text.find("no shellfish"), std::string::npos);

  Response ics = Get(base + "/invitation.ics", &ceo);
  ASSERT_EQ(ics.status, 200) << ics.text;
  EXPECT_EQ(ics.Header("Content-Type").rfind("text/calendar", 0), 0u);
  EXPECT_NE(ics.Header("Content-Disposition").find(".ics"), std::string::npos);
  auto parsed = events::ParseInvitation(ics.text);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->summary, "Dîner; «frontier», London");
  EXPECT_EQ(parsed->method, "REQUEST");
  EXPECT_EQ(parsed->attendees.size(), 3u);
  EXPECT_EQ(parsed->sequence, 0);
  EXPECT_NE(ics.text.find("PARTSTAT=ACCEPTED"), std::string::npos);
  // A change raises SEQUENCE; cancelling sends METHOD:CANCEL.
  Response patched = Patch(base, &ceo, {{"version", ev.body["version"]}, {"start", "2027-03-12T20:00"}});
  ASSERT_EQ(patched.status, 200) << patched.text;
  EXPECT_EQ(events::ParseInvitation(Get(base + "/invitation.ics", &ceo).text)->sequence, 1);
  EXPECT_EQ(Patch(base, &ceo, {{"version", ev.body["version"]}, {"notes", "x"}}).status, 409);
  ASSERT_EQ(Post(base + "/cancel", &ceo, {{"version", patched.body["version"]}}).status, 200);
  auto cancelled = events::ParseInvitation(Get(base + "/invitation.ics", &ceo).text);
  EXPECT_EQ(cancelled->method, "CANCEL");
  EXPECT_EQ(cancelled->sequence, 2);
  // The invitation is on the candidate's timeline.
  Response feed = Get("/api/activities?limit=100", &ceo);
  bool on_timeline = false;
  for (const auto& a : feed.body["activities"])
    if (a.value("kind", "") == "event" && a.value("summary", "").find("invited to dinner") != std::string::npos)
      on_timeline = true;
  EXPECT_TRUE(on_timeline) << feed.text.substr(0, 500);
  // Bad input names the field.
  Response bad_event = Post("/api/calendar/events", &ceo, {{"title", "X"}, {"city", "London"}, {"start", "12/03/2027"}, {"capacity", 3}});
  EXPECT_EQ(bad_event.status, 400);
  EXPECT_NE(bad_event.text.find("start"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, PlacesApiTest, ST_API_BACKENDS);

}  // namespace
}  // namespace st::web::testing
