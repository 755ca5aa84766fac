#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "base/test_paths.h"
#include "base/test_require.h"
#include "events/event.h"
#include "events/ical.h"

namespace st::events {
namespace {

Event Dinner() {
  Event e;
  e.id = 7;
  e.title = "Dîner à Palo Alto; «frontier» research, wine & talk — 東京からも";
  e.kind = EventKind::kDinner;
  e.place = "Palo Alto house";
  e.address = "1 Example Rd, Palo Alto, CA";
  e.city = "Palo Alto";
  e.country = "US";
  e.lat = 37.4419;
  e.lon = -122.1430;
  e.tz = "America/Los_Angeles";
  // 12 March 2027, 19:00-22:00 in Palo Alto (PDT from 14 March: this is PST, UTC-8).
  auto start = FromLocal({2027, 3, 12, 19, 0, 0, 0}, e.tz);
  EXPECT_TRUE(start.ok());
  e.starts_at = *start;
  e.ends_at = e.starts_at + 3 * 3600;
  e.capacity = 12;
  e.notes = "Dress code: none. Parking, if needed; ask.";
  e.uid = "event-7@superteam.invalid";
  e.sequence = 0;
  return e;
}

std::vector<CalendarPerson> Attendees() {
  return {{"Zoë Müller", "zoe@example.org", Rsvp::kInvited, 1},
          {"Łukasz Nowak", "", Rsvp::kYes, 2},
          {"Wei Zhang", "wei@example.cn", Rsvp::kNo, 3}};
}

TEST(Ical, ZoneArithmetic) {
  EXPECT_TRUE(KnownTimeZone("Europe/London"));
  EXPECT_FALSE(KnownTimeZone("Mars/Olympus"));
  auto start = FromLocal({2027, 3, 12, 19, 0, 0, 0}, "America/Los_Angeles");
  ASSERT_TRUE(start.ok());
  EXPECT_EQ(*start, 1804906800);  // 2027-03-13T03:00:00Z (python3 zoneinfo agrees)
  auto local = ToLocal(*start, "America/Los_Angeles");
  ASSERT_TRUE(local.ok());
  EXPECT_EQ(local->hour, 19);
  EXPECT_EQ(local->utc_offset_seconds, -8 * 3600);
  EXPECT_EQ(ToLocal(*start + 7 * 86400, "America/Los_Angeles")->utc_offset_seconds, -7 * 3600) << "daylight time";
  EXPECT_EQ(*FormatLocal(*start, "America/Los_Angeles", true), "12 March 2027");
  EXPECT_EQ(*FormatLocal(*start, "Europe/London", false), "13 March 2027, 03:00 (UTC+00:00)");
}

TEST(Ical, InvitationRoundTripsThroughLibical) {
  const Event e = Dinner();
  auto ics = InvitationIcs(e, {"The CEO", "ceo@lab.example"}, Attendees(), IcsMethod::kRequest, 1800000000);
  ASSERT_TRUE(ics.ok()) << ics.status().ToString();
  auto parsed = ParseInvitation(*ics);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->method, "REQUEST");
  EXPECT_EQ(parsed->summary, e.title) << "non-ASCII, commas and semicolons survive";
  EXPECT_EQ(parsed->description, e.notes);
  EXPECT_EQ(parsed->uid, e.uid);
  EXPECT_EQ(parsed->sequence, 0);
  EXPECT_EQ(parsed->status, "CONFIRMED");
  EXPECT_TRUE(parsed->has_vtimezone);
  EXPECT_EQ(parsed->tzid, "America/Los_Angeles");
  EXPECT_EQ(parsed->starts_at, e.starts_at);
  EXPECT_EQ(parsed->ends_at, e.ends_at);
  ASSERT_EQ(parsed->attendees.size(), 3u);
  EXPECT_EQ(parsed->attendees[1], "mailto:person-2@no-email.invalid");
  EXPECT_NE(ics->find("DTSTART;TZID=America/Los_Angeles:20270312T190000"), std::string::npos) << *ics;
  EXPECT_NE(ics->find("RSVP=TRUE"), std::string::npos);
  EXPECT_NE(ics->find("PARTSTAT=ACCEPTED"), std::string::npos);
  EXPECT_NE(ics->find("ORGANIZER;CN=The CEO:mailto:ceo@lab.example"), std::string::npos);
  EXPECT_EQ(ics->find("freeassociation"), std::string::npos);
}

TEST(Ical, LinesFoldedAt75OctetsWithCrlf) {
  Event e = Dinner();
  e.title += " " + std::string(200, 'x');  // forces folding
  auto ics = InvitationIcs(e, {"The CEO", "ceo@lab.example"}, Attendees(), IcsMethod::kRequest, 1800000000);
  ASSERT_TRUE(ics.ok());
  size_t lines = 0, folded = 0;
  for (size_t pos = 0; pos < ics->size();) {
    const size_t end = ics->find('\n', pos);
    ASSERT_NE(end, std::string::npos) << "the text ends with a line end";
    ASSERT_GT(end, pos);
    EXPECT_EQ((*ics)[end - 1], '\r') << "line " << lines << " ends without CR";
    EXPECT_LE(end - 1 - pos, 75u) << "line " << lines << " is longer than 75 octets";
    if ((*ics)[pos] == ' ') ++folded;
    pos = end + 1;
    ++lines;
  }
  EXPECT_GT(folded, 2u);
  EXPECT_EQ(ParseInvitation(*ics)->summary, e.title) << "unfolding restores the summary";
}

TEST(Ical, UpdateRaisesSequenceAndCancelSaysSo) {
  Event e = Dinner();
  e.sequence = 3;
  auto cancel = InvitationIcs(e, {"The CEO", "ceo@lab.example"}, Attendees(), IcsMethod::kCancel, 1800000000);
  ASSERT_TRUE(cancel.ok());
  auto parsed = ParseInvitation(*cancel);
  EXPECT_EQ(parsed->method, "CANCEL");
  EXPECT_EQ(parsed->status, "CANCELLED");
  EXPECT_EQ(parsed->sequence, 3);
  e.tz = "Mars/Olympus";
  EXPECT_FALSE(InvitationIcs(e, {}, {}, IcsMethod::kRequest, 0).ok());
}

// python3-icalendar (Debian, under /usr/bin/python3) reads what libical wrote.
TEST(Ical, PythonIcalendarParsesIt) {
  if (!std::filesystem::exists("/usr/bin/python3") ||
      std::system("/usr/bin/python3 -c 'import icalendar' 2>/dev/null") != 0)
    ST_SKIP_OR_FAIL() << "python3-icalendar is not installed (Debian package python3-icalendar)";
  const Event e = Dinner();
  auto ics = InvitationIcs(e, {"The CEO", "ceo@lab.example"}, Attendees(), IcsMethod::kRequest, 1800000000);
  ASSERT_TRUE(ics.ok());
  const std::string dir = st::testing::MakeTempDir("ics");
  const std::string path = dir + "/invite.ics", out = dir + "/out.txt";
  std::ofstream(path, std::ios::binary) << *ics;
  const std::string script =
      "import icalendar,sys\n"
      "cal=icalendar.Calendar.from_ical(open(sys.argv[1],'rb').read())\n"
      "ev=[c for c in cal.walk('VEVENT')][0]\n"
      "tz=[c for c in cal.walk('VTIMEZONE')][0]\n"
      "out=open(sys.argv[2],'w',encoding='utf-8')\n"
      "out.write(str(cal['METHOD'])+'\\n'+str(ev['SUMMARY'])+'\\n'+str(ev['SEQUENCE'])+'\\n'+str(tz['TZID'])+'\\n'"
      "+str(int(ev.decoded('DTSTART').timestamp()))+'\\n'+str(len(ev['ATTENDEE']))+'\\n')\n";
  std::ofstream(dir + "/check.py") << script;
  const std::string cmd = "/usr/bin/python3 " + dir + "/check.py " + path + " " + out;
  ASSERT_EQ(std::system(cmd.c_str()), 0) << "python3-icalendar failed on:\n" << *ics;
  std::ifstream in(out);
  std::string method, summary, sequence, tzid, start, attendees;
  std::getline(in, method);
  std::getline(in, summary);
  std::getline(in, sequence);
  std::getline(in, tzid);
  std::getline(in, start);
  std::getline(in, attendees);
  EXPECT_EQ(method, "REQUEST");
  EXPECT_EQ(summary, e.title);
  EXPECT_EQ(sequence, "0");
  EXPECT_EQ(tzid, "America/Los_Angeles");
  EXPECT_EQ(start, std::to_string(e.starts_at));
  EXPECT_EQ(attendees, "3");
  std::filesystem::remove_all(dir);
}

TEST(Events, ValidationNamesTheField) {
  Event e = Dinner();
  EXPECT_TRUE(ValidateEvent(e).ok());
  Event bad = e;
  bad.ends_at = bad.starts_at;
  EXPECT_NE(ValidateEvent(bad).message().find("field 'ends_at'"), std::string::npos);
  bad = e;
  bad.capacity = 0;
  EXPECT_NE(ValidateEvent(bad).message().find("field 'capacity'"), std::string::npos);
  bad = e;
  bad.title = "  ";
  EXPECT_NE(ValidateEvent(bad).message().find("field 'title'"), std::string::npos);
  bad = e;
  bad.title = std::string("a\x01", 2);
  EXPECT_FALSE(ValidateEvent(bad).ok());
  bad = e;
  bad.tz = "PST";
  EXPECT_NE(ValidateEvent(bad).message().find("field 'tz'"), std::string::npos);
  EXPECT_FALSE(ValidateDietary(std::string(501, 'v')).ok());
  EXPECT_TRUE(ValidateDietary("vegetarian; no nuts").ok());
}

TEST(Events, CountsAndSuggestions) {
  std::vector<Invite> inv(5);
  inv[0].status = Rsvp::kYes;
  inv[1].status = Rsvp::kYes;
  inv[2].status = Rsvp::kNo;
  inv[3].status = Rsvp::kMaybe;
  InviteCounts c = CountInvites(inv);
  EXPECT_EQ(c.invited, 5);
  EXPECT_EQ(c.yes, 2);
  EXPECT_EQ(c.pending, 1);
  EXPECT_EQ(SeatsHeld(c), 4);

  using campaign::Stage;
  std::vector<Prospect> pool = {
      {1, "Near identified", "", "", Stage::kIdentified, 5.0, 10.0},
      {2, "Near offer", "", "", Stage::kOffer, 1.0, 40.0},
      {3, "Far strong", "", "", Stage::kMeeting, 9.0, 5000.0},
      {4, "Far weak", "", "", Stage::kMeeting, 0.5, 5000.0},
      {5, "Far weak 2", "", "", Stage::kReplied, 0.6, std::nullopt},
      {6, "Far weak 3", "", "", Stage::kReplied, 0.7, 900.0},
      {7, "Near joined", "", "", Stage::kJoined, 9.0, 1.0},
      {8, "Near invited", "", "", Stage::kMeeting, 9.0, 2.0},
  };
  auto s = SuggestInvitees(pool, 150, 10, {8});
  std::vector<std::int64_t> ids;
  for (const auto& x : s) ids.push_back(x.prospect->person_id);
  EXPECT_EQ(ids, (std::vector<std::int64_t>{2, 1, 3}));
  EXPECT_EQ(s[0].reason, "near (40 km), offer stage");
  EXPECT_NE(s[2].reason.find("worth flying in"), std::string::npos);
  EXPECT_EQ(SuggestInvitees(pool, 150, 1, {}).size(), 1u);
}

}  // namespace
}  // namespace st::events
