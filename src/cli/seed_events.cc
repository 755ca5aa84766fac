// Demo dinners (issue 13): one at the Palo Alto house in three weeks — eight
// of the pipeline's strongest invited, five yes, one no, one maybe (with a
// dietary note) — and a smaller one at Lake Tahoe after it, not yet answered.
#include "cli/seed_events.h"

#include <algorithm>
#include <cstdio>

namespace st::cli {
namespace {

struct Home {
  const char* title;
  const char* place;
  const char* city;
  double lat, lon;
  int in_days, capacity, invite;
};

}  // namespace

Status SeedEvents(store::Store& store, const store::Actor& ceo, std::int64_t now) {
  // The strongest people still being courted, best first.
  std::vector<campaign::Person> people;
  for (campaign::Stage st : {campaign::Stage::kReplied, campaign::Stage::kMeeting, campaign::Stage::kContacted,
                             campaign::Stage::kOffer}) {
    store::PersonQuery q;
    q.stage = st;
    q.limit = 50;
    ST_ASSIGN_OR_RETURN(store::PersonPage page, store.ListPeople(ceo, q));
    people.insert(people.end(), page.people.begin(), page.people.end());
  }
  auto score = [](const campaign::Person& p) { return p.metrics ? p.metrics->score : 0.0; };
  std::stable_sort(people.begin(), people.end(),
                   [&](const auto& a, const auto& b) { return score(a) > score(b); });
  static const Home kHomes[] = {
      {"Dinner at the Palo Alto house", "Palo Alto house", "Palo Alto", 37.4419, -122.1430, 21, 12, 8},
      {"Weekend dinner at Lake Tahoe", "Lake Tahoe house", "South Lake Tahoe", 38.9399, -119.9772, 45, 8, 4},
  };
  size_t next = 0;
  int events = 0, invited = 0;
  for (const Home& home : kHomes) {
    if (next + home.invite > people.size()) break;
    events::Event e;
    e.title = home.title;
    e.place = home.place;
    e.city = home.city;
    e.country = "US";
    e.lat = home.lat;
    e.lon = home.lon;
    e.tz = "America/Los_Angeles";
    // 19:00 Pacific (UTC−8 in winter, −7 in summer: 03:00 UTC next day is 19:00 or 20:00 local).
    const std::int64_t day = (now / 86400 + home.in_days) * 86400;
    e.starts_at = day + 27 * 3600;
    e.ends_at = e.starts_at + 3 * 3600;
    e.capacity = home.capacity;
    e.host_user_id = ceo.user_id;
    e.notes = "Seated dinner; the CEO hosts. Ask each guest about what they want to work on next.";
    ST_ASSIGN_OR_RETURN(events::Event made, store.CreateEvent(ceo, e));
    std::vector<std::int64_t> ids;
    for (int i = 0; i < home.invite; ++i) ids.push_back(people[next++].id);
    ST_RETURN_IF_ERROR(store.InvitePeople(ceo, made.id, ids).status());
    invited += static_cast<int>(ids.size());
    ++events;
    if (events == 1) {  // the first dinner has its answers in: 5 yes, 1 no, 1 maybe, 1 not yet
      for (int i = 0; i < 5; ++i)
        ST_RETURN_IF_ERROR(store.SetRsvp(ceo, made.id, ids[i], events::Rsvp::kYes,
                                         i == 1 ? std::optional<std::string>("vegetarian") : std::nullopt)
                               .status());
      ST_RETURN_IF_ERROR(store.SetRsvp(ceo, made.id, ids[5], events::Rsvp::kNo, std::nullopt).status());
      ST_RETURN_IF_ERROR(
          store.SetRsvp(ceo, made.id, ids[6], events::Rsvp::kMaybe, std::string("no shellfish")).status());
    }
  }
  std::printf("seeded %d dinners at the CEO's homes (%d invited)\n", events, invited);
  return Status::Ok();
}

}  // namespace st::cli
