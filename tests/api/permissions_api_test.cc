// The permission matrix: every route × every role × own/other record, over
// HTTP against a real server (SQLite, and PostgreSQL when ST_PG_URL is set).
#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "tests/api/api_fixture.h"

namespace st::web::testing {
namespace {

using nlohmann::json;

struct Fixture {
  std::int64_t own = 0, own_version = 0;      // owned by "recruiter"
  std::int64_t other = 0, other_version = 0;  // owned by "recruiter2"
};

struct MatrixCase {
  const char* name;
  const char* method;
  std::function<std::string(const Fixture&)> path;
  std::function<std::optional<json>(const Fixture&, int n)> body;
  // Expected HTTP status for ceo, recruiter, hr, viewer.
  int ceo, recruiter, hr, viewer;
};

std::optional<json> NoBody(const Fixture&, int) { return std::nullopt; }

class PermissionsTest : public ApiTest {
 protected:
  // ---- compute ledger + staff: fresh records for the matrix rows, made through the store.
  std::int64_t NewStaff() {
    store::StaffPatch p;
    p.name = "Matrix Staff";
    auto s = store_->CreateStaff(kStoreCeo, p);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? s->id : 0;
  }
  std::int64_t NewCapacity() {
    auto e = store_->AddCapacityChange(kStoreCeo, {0, "Z", "H100", 20000, 3, ""});
    EXPECT_TRUE(e.ok()) << e.status().ToString();
    return e.ok() ? e->id : 0;
  }
  const store::Actor kStoreCeo{0, "cli", campaign::Role::kCeo, ""};
  // ---- retention: a counter-offer in draft on a fresh staff member; one staff member with a rival offer.
  static offers::OfferTerms MatrixTerms() {
    offers::OfferTerms t;
    t.base_salary_minor = 1'000'000;
    t.start_day = 40000;
    t.expiry_day = 40000;
    t.title = "Matrix";
    return t;
  }
  std::int64_t NewCounter() {
    auto c = store_->CreateCounter(kStoreCeo, NewStaff(), 0, MatrixTerms(), "");
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? c->id : 0;
  }
  std::int64_t retention_staff_ = 0, retention_rival_ = 0;
  // ---- offers: an offer on `person` (moved to stage offer by the ceo) in `state` (draft, pending,
  // approved), made once per person; {offer id, offer version}, {0, 0} when the person is unusable.
  std::pair<std::int64_t, std::int64_t> OfferOn(std::int64_t person, const std::string& state);
  std::int64_t AtOffer(std::int64_t person);
  std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> offers_;
  // ---- deals: a fresh deal at version 1 with one person on line 1; {id, version}.
  std::pair<std::int64_t, std::int64_t> NewDeal() {
    deals::Deal d;
    d.org = "Matrix Labs";
    d.kind = deals::DealKind::kAcquisition;
    d.stake_bp = 10000;
    deals::DealPerson p;
    p.name = "Matrix Person";
    d.people.push_back(p);
    auto r = store_->CreateDeal(kStoreCeo, d);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::make_pair(r->id, r->version) : std::make_pair(std::int64_t{0}, std::int64_t{0});
  }
};

json OfferTerms() {
  return {{"base_salary", 50000000}, {"sign_on", 10000000000LL}, {"equity", {{"value", 480000000}}},
          {"start_date", "2099-03-01"}, {"expiry_date", "2099-01-31"}, {"title", "Member of Technical Staff"},
          {"team", {{"headcount", 3}, {"direct_reports_cap", 5}}}};
}

std::int64_t PermissionsTest::AtOffer(std::int64_t person) {
  const std::string path = "/api/people/" + std::to_string(person);
  Response p = Get(path, &sessions_["ceo"]);
  if (p.status != 200) return 0;
  std::int64_t v = p.body.value("version", 0);
  for (const char* stage : {"contacted", "replied", "meeting", "offer"}) {
    Response m = Post(path + "/stage", &sessions_["ceo"], {{"version", v}, {"stage", stage}});
    if (m.status != 200) return 0;
    v = m.body.value("version", 0);
  }
  return v;
}

std::pair<std::int64_t, std::int64_t> PermissionsTest::OfferOn(std::int64_t person, const std::string& state) {
  if (auto it = offers_.find(person); it != offers_.end()) return it->second;
  std::pair<std::int64_t, std::int64_t> out{0, 0};
  if (AtOffer(person) == 0) return offers_[person] = out;
  Response o = Post("/api/people/" + std::to_string(person) + "/offers", &sessions_["hr"], {{"terms", OfferTerms()}});
  if (o.status != 201) return offers_[person] = out;
  out = {o.body.value("id", 0), o.body.value("version", 0)};
  const std::string base = "/api/offers/" + std::to_string(out.first);
  std::vector<std::pair<std::string, const char*>> steps;
  if (state != "draft") steps.push_back({"/submit", "hr"});
  if (state == "approved") steps.insert(steps.end(), {{"/approve", "hr"}, {"/approve", "ceo"}});
  for (const auto& [step, role] : steps) {
    Response r = Post(base + step, &sessions_[role], {{"version", out.second}});
    if (r.status != 200) return offers_[person] = {0, 0};
    out.second = r.body.value("version", 0);
  }
  return offers_[person] = out;
}

TEST_P(PermissionsTest, EveryRouteEveryRole) {
  auto P = [](const char* fmt) {
    return [fmt](const Fixture& f) {
      std::string s = fmt;
      if (auto i = s.find("{own}"); i != std::string::npos) s.replace(i, 5, std::to_string(f.own));
      if (auto i = s.find("{other}"); i != std::string::npos) s.replace(i, 7, std::to_string(f.other));
      return s;
    };
  };
  const std::int64_t viewer_id = users_["viewer"].id;
  // One dinner for the event rows (capacity for every role's invitation).
  auto event_body = [](const Fixture&, int) -> std::optional<json> {
    return json{{"title", "Dinner"}, {"home", "Palo Alto"}, {"start", "2027-03-12T19:00"}, {"capacity", 500}};
  };
  const std::int64_t event_id = Post("/api/calendar/events", &sessions_["ceo"], *event_body(Fixture{}, 0)).body.value("id", 0);
  ASSERT_GT(event_id, 0);
  auto on_event = [event_id](std::string rest) {
    return [event_id, rest](const Fixture&) { return "/api/calendar/events/" + std::to_string(event_id) + rest; };
  };
  retention_staff_ = NewStaff();
  {
    auto r = store_->CreateRivalOffer(kStoreCeo, retention_staff_, {"Rival", MatrixTerms(), 0, ""});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    retention_rival_ = r->id;
  }
  const std::vector<MatrixCase> cases = {
      {"list people", "GET", P("/api/people"), NoBody, 200, 200, 200, 200},
      {"create person", "POST", P("/api/people"),
       [](const Fixture&, int n) { return json{{"name", "New Person " + std::to_string(n)}}; }, 201, 201, 201, 403},
      {"read own", "GET", P("/api/people/{own}"), NoBody, 200, 200, 200, 200},
      {"read other", "GET", P("/api/people/{other}"), NoBody, 200, 200, 200, 200},
      {"patch own", "PATCH", P("/api/people/{own}"),
       [](const Fixture& f, int) { return json{{"version", f.own_version}, {"title", "Staff RS"}}; }, 200, 200, 200,
       403},
      {"patch other", "PATCH", P("/api/people/{other}"),
       [](const Fixture& f, int) { return json{{"version", f.other_version}, {"title", "Staff RS"}}; }, 200, 403, 200,
       403},
      {"stage own", "POST", P("/api/people/{own}/stage"),
       [](const Fixture& f, int) { return json{{"version", f.own_version}, {"stage", "contacted"}}; }, 200, 200, 200,
       403},
      {"stage other", "POST", P("/api/people/{other}/stage"),
       [](const Fixture& f, int) { return json{{"version", f.other_version}, {"stage", "contacted"}}; }, 200, 403,
       200, 403},
      {"note on other", "POST", P("/api/people/{other}/notes"),
       [](const Fixture&, int) { return json{{"body", "met at NeurIPS"}}; }, 201, 201, 201, 403},
      {"list notes", "GET", P("/api/people/{other}/notes"), NoBody, 200, 200, 200, 200},
      {"export", "GET", P("/api/people/{own}/export"), NoBody, 200, 403, 200, 403},
      {"erase", "DELETE", P("/api/people/{other}"), NoBody, 204, 403, 204, 403},
      {"pipeline", "GET", P("/api/pipeline"), NoBody, 200, 200, 200, 200},
      {"dashboard", "GET", P("/api/dashboard"), NoBody, 200, 200, 200, 200},
      {"activities", "GET", P("/api/activities"), NoBody, 200, 200, 200, 200},
      {"list users", "GET", P("/api/users"), NoBody, 200, 403, 403, 403},
      {"create user", "POST", P("/api/users"),
       [](const Fixture&, int n) {
         return json{{"username", "newuser" + std::to_string(n)}, {"password", kPassword}, {"role", "viewer"}};
       },
       201, 403, 403, 403},
      {"patch user", "PATCH", [viewer_id](const Fixture&) { return "/api/users/" + std::to_string(viewer_id); },
       [](const Fixture&, int) { return json{{"display_name", "Vic"}}; }, 200, 403, 403, 403},
      {"audit", "GET", P("/api/audit"), NoBody, 200, 403, 200, 403},
      // No graph in this fixture: allowed roles reach the handler, which answers 404.
      {"search", "GET", P("/api/search?q=llm"), NoBody, 404, 404, 404, 404},
      {"author", "GET", P("/api/authors/1"), NoBody, 404, 404, 404, 404},
      {"me", "GET", P("/api/me"), NoBody, 200, 200, 200, 200},
      {"openapi", "GET", P("/api/openapi.json"), NoBody, 200, 200, 200, 200},
      // ---- outreach (issue 9): drafts by writers (recruiters: own or unowned people), sending as the CEO
      // and the mailbox by the ceo only; viewers read that contact happened (bodies absent, outreach_api_test).
      {"outreach of own", "GET", P("/api/people/{own}/outreach"), NoBody, 200, 200, 200, 200},
      {"outreach of other", "GET", P("/api/people/{other}/outreach"), NoBody, 200, 403, 200, 200},
      {"draft for own", "POST", P("/api/people/{own}/drafts"), NoBody, 201, 201, 201, 403},
      {"draft for other", "POST", P("/api/people/{other}/drafts"), NoBody, 201, 403, 201, 403},
      {"approval queue", "GET", P("/api/outreach/queue"), NoBody, 200, 403, 403, 403},
      {"read mailbox", "GET", P("/api/outreach/mailbox"), NoBody, 200, 403, 403, 403},
      {"configure mailbox", "PATCH", P("/api/outreach/mailbox"),
       [](const Fixture&, int) {
         return json{{"version", 0},          {"display_name", "Sam Chief"}, {"address", "ceo@lab.test"},
                     {"transport", "maildir"}, {"maildir", "/tmp/superteam-matrix-outbox"}};
       },
       200, 403, 403, 403},
      {"outreach stats", "GET", P("/api/outreach/stats"), NoBody, 200, 200, 200, 200},
      // The person has no phone: the ceo reaches the handler, which names the field.
      {"whatsapp link", "GET", P("/api/people/{own}/whatsapp"), NoBody, 400, 403, 403, 403},
      {"whatsapp sent", "POST", P("/api/people/{own}/whatsapp"),
       [](const Fixture&, int) { return json{{"text", "Hello from Sam"}}; }, 201, 403, 403, 403},
      // ---- offers (issue 10): money routes for ceo and hr; approvals by the step's role (hr first);
      // the candidate link is public and a wrong token is a 404 for everyone.
      {"offers of person", "GET", P("/api/people/{own}/offers"), NoBody, 200, 200, 200, 200},
      {"create offer", "POST",
       [this](const Fixture& f) {
         AtOffer(f.own);
         return "/api/people/" + std::to_string(f.own) + "/offers";
       },
       [](const Fixture&, int) { return json{{"terms", OfferTerms()}}; }, 201, 403, 201, 403},
      {"read offer", "GET", [this](const Fixture& f) { return "/api/offers/" + std::to_string(OfferOn(f.other, "draft").first); },
       NoBody, 200, 200, 200, 200},
      {"edit offer", "PATCH",
       [this](const Fixture& f) { return "/api/offers/" + std::to_string(OfferOn(f.other, "draft").first); },
       [this](const Fixture& f, int) { return json{{"version", OfferOn(f.other, "draft").second}, {"terms", OfferTerms()}}; },
       200, 403, 200, 403},
      {"offer versions", "GET",
       [this](const Fixture& f) { return "/api/offers/" + std::to_string(OfferOn(f.other, "draft").first) + "/versions"; },
       NoBody, 200, 200, 200, 200},
      {"submit offer", "POST",
       [this](const Fixture& f) { return "/api/offers/" + std::to_string(OfferOn(f.other, "draft").first) + "/submit"; },
       [this](const Fixture& f, int) { return json{{"version", OfferOn(f.other, "draft").second}}; }, 200, 403, 200, 403},
      {"approve offer", "POST",
       [this](const Fixture& f) { return "/api/offers/" + std::to_string(OfferOn(f.other, "pending").first) + "/approve"; },
       [this](const Fixture& f, int) { return json{{"version", OfferOn(f.other, "pending").second}}; }, 403, 403, 200,
       403},
      {"reject offer", "POST",
       [this](const Fixture& f) { return "/api/offers/" + std::to_string(OfferOn(f.other, "pending").first) + "/reject"; },
       [this](const Fixture& f, int) { return json{{"version", OfferOn(f.other, "pending").second}, {"note", "no"}}; },
       403, 403, 200, 403},
      {"send offer", "POST",
       [this](const Fixture& f) { return "/api/offers/" + std::to_string(OfferOn(f.other, "approved").first) + "/send"; },
       [this](const Fixture& f, int) { return json{{"version", OfferOn(f.other, "approved").second}}; }, 200, 403, 200,
       403},
      {"withdraw offer", "POST",
       [this](const Fixture& f) { return "/api/offers/" + std::to_string(OfferOn(f.other, "draft").first) + "/withdraw"; },
       [this](const Fixture& f, int) { return json{{"version", OfferOn(f.other, "draft").second}}; }, 200, 403, 200, 403},
      {"letter html", "GET",
       [this](const Fixture& f) { return "/api/offers/" + std::to_string(OfferOn(f.other, "draft").first) + "/letter.html"; },
       NoBody, 200, 403, 200, 403},
      {"letter pdf", "GET",
       [this](const Fixture& f) { return "/api/offers/" + std::to_string(OfferOn(f.other, "draft").first) + "/letter.pdf"; },
       NoBody, 200, 403, 200, 403},
      {"approval queue", "GET", P("/api/offers/approvals"), NoBody, 200, 403, 200, 403},
      {"offer preview", "POST", P("/api/offers/preview"),
       [](const Fixture&, int) { return json{{"terms", OfferTerms()}}; }, 200, 403, 200, 403},
      // Only the CEO may override (no score threshold is set): a recruiter owning the person is refused by the store.
      {"offer without meeting", "POST", P("/api/people/{own}/offer-without-meeting"),
       [](const Fixture& f, int) { return json{{"version", f.own_version}, {"reason", "known for years"}}; }, 200, 403,
       403, 403},
      {"offer link (public)", "GET", P("/api/offer-link/0000000000000000000000000000000000000000000000000000000000000000"),
       NoBody, 404, 404, 404, 404},
      {"offer link letter (public)", "GET",
       P("/api/offer-link/0000000000000000000000000000000000000000000000000000000000000000/letter.pdf"), NoBody, 404,
       404, 404, 404},
      {"offer link accept (public)", "POST",
       P("/api/offer-link/0000000000000000000000000000000000000000000000000000000000000000/accept"), NoBody, 404, 404,
       404, 404},
      {"offer link decline (public)", "POST",
       P("/api/offer-link/0000000000000000000000000000000000000000000000000000000000000000/decline"), NoBody, 404, 404,
       404, 404},
      // ---- settings
      {"list settings", "GET", P("/api/settings"), NoBody, 200, 200, 200, 200},
      {"read setting", "GET", P("/api/settings/campaign"), NoBody, 200, 200, 200, 200},
      {"change setting", "PATCH", P("/api/settings/campaign"),
       [](const Fixture&, int) { return json{{"version", 0}, {"value", json::object()}}; }, 200, 403, 403, 403},
      // ---- planning (acceptance model settings)
      {"read acceptance setting", "GET", P("/api/settings/acceptance"), NoBody, 200, 200, 200, 200},
      {"change acceptance setting", "PATCH", P("/api/settings/acceptance"),
       [](const Fixture&, int) { return json{{"version", 0}, {"value", json::object()}}; }, 200, 403, 403, 403},
      // ---- places and events
      {"places people", "GET", P("/api/places/people?stage=identified"), NoBody, 200, 200, 200, 200},
      {"trip", "GET", P("/api/places/trip?city=London&radius_km=50"), NoBody, 200, 200, 200, 200},
      {"cities", "GET", P("/api/places/cities?q=lon"), NoBody, 200, 200, 200, 200},
      {"read location", "GET", P("/api/people/{other}/location"), NoBody, 200, 200, 200, 200},
      {"set own location", "POST", P("/api/people/{own}/location"),
       [](const Fixture&, int) { return json{{"city", "Zurich"}}; }, 200, 200, 200, 403},
      {"set other location", "POST", P("/api/people/{other}/location"),
       [](const Fixture&, int) { return json{{"city", "Zurich"}}; }, 200, 403, 200, 403},
      {"clear other location", "DELETE", P("/api/people/{other}/location"), NoBody, 204, 403, 204, 403},
      {"events", "GET", P("/api/calendar/events"), NoBody, 200, 200, 200, 200},
      {"create event", "POST", P("/api/calendar/events"), event_body, 201, 201, 201, 403},
      {"read event", "GET", on_event(""), NoBody, 200, 200, 200, 200},
      {"event suggestions", "GET", on_event("/suggestions"), NoBody, 200, 200, 200, 200},
      {"event ics", "GET", on_event("/invitation.ics"), NoBody, 200, 200, 200, 200},
      {"invite", "POST", on_event("/invites"),
       [](const Fixture& f, int) { return json{{"person_ids", {std::to_string(f.own)}}}; }, 200, 200, 200, 403},
      {"rsvp", "POST", on_event("/rsvp"),
       [this, event_id](const Fixture& f, int) {
         Post("/api/calendar/events/" + std::to_string(event_id) + "/invites", &sessions_["ceo"],
              {{"person_ids", {std::to_string(f.own)}}});
         return json{{"person_id", f.own}, {"rsvp", "yes"}, {"dietary", "vegan"}};
       },
       200, 200, 200, 403},
      {"patch event", "PATCH", on_event(""),
       [this, event_id](const Fixture&, int) {
         Response r = Get("/api/calendar/events/" + std::to_string(event_id), &sessions_["ceo"]);
         return json{{"version", r.body["event"].value("version", 0)}, {"notes", "bring a coat"}};
       },
       200, 200, 200, 403},
      {"cancel event", "POST",
       [this, event_body](const Fixture& f) {
         Response r = Post("/api/calendar/events", &sessions_["ceo"], *event_body(f, 0));
         return "/api/calendar/events/" + std::to_string(r.body.value("id", 0)) + "/cancel";
       },
       [](const Fixture&, int) { return json{{"version", 1}}; }, 200, 200, 200, 403},
      // ---- compute ledger + staff (issue 10): compute and team are readable by every role, the fleet is the
      // ceo's to change, staff records ceo's and hr's. Records are made fresh per call through the store.
      {"fleet", "GET", P("/api/fleet"), NoBody, 200, 200, 200, 200},
      {"add capacity", "POST", P("/api/fleet/capacity"),
       [](const Fixture&, int) {
         return json{{"site", "M"}, {"gpu_type", "H100"}, {"change", "add"}, {"gpus", 10}, {"date", "2026-01-01"}};
       },
       201, 403, 403, 403},
      {"delete capacity", "DELETE", [this](const Fixture&) { return "/api/fleet/capacity/" + std::to_string(NewCapacity()); },
       NoBody, 204, 403, 403, 403},
      {"import fleet", "POST", P("/api/fleet/import"),
       [](const Fixture&, int) { return json{{"csv", "site,gpu_type,change,gpus,date\nN,B200,add,5,2026-01-01\n"}}; },
       200, 403, 403, 403},
      {"ledger check", "GET", P("/api/ledger/check"), NoBody, 200, 200, 200, 200},
      {"compute per researcher", "GET", P("/api/compute/per-researcher?date=2026-06-01"), NoBody, 200, 200, 200, 200},
      {"compute promises", "GET", P("/api/compute/promises"), NoBody, 200, 200, 200, 200},
      {"why my share", "GET", P("/api/people/{own}/compute"), NoBody, 200, 200, 200, 200},
      {"list staff", "GET", P("/api/staff"), NoBody, 200, 200, 200, 200},
      {"create staff", "POST", P("/api/staff"),
       [](const Fixture&, int n) { return json{{"name", "Staff " + std::to_string(n)}, {"is_research", true}}; }, 201,
       403, 201, 403},
      {"read staff", "GET", [this](const Fixture&) { return "/api/staff/" + std::to_string(NewStaff()); }, NoBody, 200,
       200, 200, 200},
      {"patch staff", "PATCH", [this](const Fixture&) { return "/api/staff/" + std::to_string(NewStaff()); },
       [](const Fixture&, int) { return json{{"version", 1}, {"title", "Lead"}}; }, 200, 403, 200, 403},
      {"export staff", "GET", [this](const Fixture&) { return "/api/staff/" + std::to_string(NewStaff()) + "/export"; },
       NoBody, 200, 403, 200, 403},
      {"erase staff", "DELETE", [this](const Fixture&) { return "/api/staff/" + std::to_string(NewStaff()); }, NoBody,
       204, 403, 204, 403},
      {"reports per manager", "GET", P("/api/teams/reports"), NoBody, 200, 200, 200, 200},
      // ---- dinner invitations by e-mail and a candidate's dinners (issue 13): e-mail goes out in the CEO's
      // name (the ceo's mailbox was configured by the outreach rows above); everyone reads who is invited.
      {"mail invitations", "POST", on_event("/send"), NoBody, 200, 403, 403, 403},
      {"events of a person", "GET", P("/api/calendar/events?person={own}"), NoBody, 200, 200, 200, 200},
      // ---- watch (issue 11): alerts and follows are each user's own (every role); flight risk and its weights
      // are ceo's and hr's. No graph here: following a researcher reaches the handler, which answers 404.
      {"alerts", "GET", P("/api/alerts"), NoBody, 200, 200, 200, 200},
      {"alerts read", "POST", P("/api/alerts/read"), [](const Fixture&, int) { return json{{"up_to_id", 0}}; }, 200,
       200, 200, 200},
      {"follows", "GET", P("/api/watch/follows"), NoBody, 200, 200, 200, 200},
      {"follow search", "POST", P("/api/watch/follows"),
       [](const Fixture&, int n) { return json{{"kind", "search"}, {"text", "llm " + std::to_string(n)}, {"top", 50}}; },
       201, 201, 201, 201},
      {"follow author", "POST", P("/api/watch/follows"),
       [](const Fixture&, int) { return json{{"kind", "author"}, {"author_id", 1}}; }, 404, 404, 404, 404},
      {"unfollow someone else's", "DELETE", P("/api/watch/follows/999999"), NoBody, 404, 404, 404, 404},
      {"flight risk", "GET", P("/api/flight-risk"), NoBody, 200, 403, 200, 403},
      {"flight risk weights", "GET", P("/api/settings/flight_risk"), NoBody, 200, 403, 200, 403},
      {"watch settings", "GET", P("/api/settings/watch"), NoBody, 200, 200, 200, 200},
      // ---- deals (issue 13): the ceo manages deals and sees terms; hr reads deals and their people (terms
      // absent: deals_api_test); recruiters and viewers get nothing. A fresh deal per call (NewDeal).
      {"list deals", "GET", P("/api/deals"), NoBody, 200, 403, 200, 403},
      {"create deal", "POST", P("/api/deals"),
       [](const Fixture&, int) { return json{{"org", "Matrix Labs"}, {"kind", "acquisition"}, {"price_minor", 100}}; },
       201, 403, 403, 403},
      {"read deal", "GET", [this](const Fixture&) { return "/api/deals/" + std::to_string(NewDeal().first); }, NoBody,
       200, 403, 200, 403},
      {"patch deal", "PATCH", [this](const Fixture&) { return "/api/deals/" + std::to_string(NewDeal().first); },
       [](const Fixture&, int) { return json{{"version", 1}, {"status", "proposed"}}; }, 200, 403, 403, 403},
      {"deal versions", "GET",
       [this](const Fixture&) { return "/api/deals/" + std::to_string(NewDeal().first) + "/versions"; }, NoBody, 200,
       403, 403, 403},
      {"add deal person", "POST",
       [this](const Fixture&) { return "/api/deals/" + std::to_string(NewDeal().first) + "/people"; },
       [](const Fixture& f, int) { return json{{"version", 1}, {"person_id", f.own}, {"role", "Lead"}}; }, 201, 403,
       403, 403},
      {"patch deal person", "PATCH",
       [this](const Fixture&) { return "/api/deals/" + std::to_string(NewDeal().first) + "/people/1"; },
       [](const Fixture&, int) { return json{{"version", 1}, {"role", "Chief Scientist"}}; }, 200, 403, 403, 403},
      {"remove deal person", "DELETE",
       [this](const Fixture&) { return "/api/deals/" + std::to_string(NewDeal().first) + "/people/1?version=1"; },
       NoBody, 200, 403, 403, 403},
      // No graph in this fixture: the ceo reaches the handler, which answers 404.
      {"org researchers", "GET", P("/api/deals/researchers?org=OpenAI"), NoBody, 404, 403, 403, 403},
      // ---- outreach opt-out link, mailbox test and the outreach settings key (issue 9): the link is public and a
      // wrong token is a 404 for everyone; testing the mailbox is the ceo's (the matrix's mailbox is a Maildir).
      {"optout page (public)", "GET",
       P("/api/optout/0000000000000000000000000000000000000000000000000000000000000000"), NoBody, 404, 404, 404, 404},
      {"optout click (public)", "POST",
       P("/api/optout/0000000000000000000000000000000000000000000000000000000000000000"), NoBody, 404, 404, 404, 404},
      // RFC 8058 one-click (public): a browser's GET is sent to the page; a POST without the RFC's form body is
      // refused before any lookup.
      {"optout one-click open (public)", "GET",
       P("/api/optout/0000000000000000000000000000000000000000000000000000000000000000/one-click"), NoBody, 303, 303,
       303, 303},
      {"optout one-click post (public)", "POST",
       P("/api/optout/0000000000000000000000000000000000000000000000000000000000000000/one-click"), NoBody, 400, 400,
       400, 400},
      {"test mailbox", "POST", P("/api/outreach/mailbox/test"), NoBody, 200, 403, 403, 403},
      {"sequence states", "GET", P("/api/outreach/sequences"), NoBody, 200, 200, 200, 200},
      {"read outreach setting", "GET", P("/api/settings/outreach"), NoBody, 200, 200, 200, 200},
      {"change outreach setting", "PATCH", P("/api/settings/outreach"),
       [](const Fixture&, int) { return json{{"version", 0}, {"value", json::object()}}; }, 200, 403, 403, 403},
      // ---- retention (issue 11): staff pay, rival offers and counter-offers are ceo + hr only (403, nothing
      // of the money in the error); the graph link is ceo's and hr's to set. Fresh records per call.
      {"retention case", "GET", [this](const Fixture&) { return "/api/retention/staff/" + std::to_string(NewStaff()); },
       NoBody, 200, 403, 200, 403},
      {"counter approvals", "GET", P("/api/retention/counters"), NoBody, 200, 403, 200, 403},
      {"record rival offer", "POST",
       [this](const Fixture&) { return "/api/retention/staff/" + std::to_string(NewStaff()) + "/rival-offers"; },
       [](const Fixture&, int) { return json{{"company", "Rival"}, {"terms", OfferTerms()}}; }, 201, 403, 201, 403},
      {"delete rival offer", "DELETE",
       [this](const Fixture&) {
         auto r = store_->CreateRivalOffer(kStoreCeo, NewStaff(), {"Rival", MatrixTerms(), 0, ""});
         return "/api/retention/rival-offers/" + std::to_string(r.ok() ? r->id : 0);
       },
       NoBody, 204, 403, 204, 403},
      {"counter suggestion", "POST",
       [this](const Fixture&) { return "/api/retention/staff/" + std::to_string(retention_staff_) + "/counter-suggestion"; },
       [this](const Fixture&, int) { return json{{"rival_offer_id", retention_rival_}, {"strength", 0.9}}; }, 200, 403,
       200, 403},
      {"create counter", "POST",
       [this](const Fixture&) { return "/api/retention/staff/" + std::to_string(NewStaff()) + "/counters"; },
       [](const Fixture&, int) { return json{{"terms", OfferTerms()}}; }, 201, 403, 201, 403},
      {"read counter", "GET", [this](const Fixture&) { return "/api/retention/counters/" + std::to_string(NewCounter()); },
       NoBody, 200, 403, 200, 403},
      {"edit counter", "PATCH",
       [this](const Fixture&) { return "/api/retention/counters/" + std::to_string(NewCounter()); },
       [](const Fixture&, int) { return json{{"version", 1}, {"terms", OfferTerms()}}; }, 200, 403, 200, 403},
      {"submit counter", "POST",
       [this](const Fixture&) { return "/api/retention/counters/" + std::to_string(NewCounter()) + "/submit"; },
       [](const Fixture&, int) { return json{{"version", 1}}; }, 200, 403, 200, 403},
      {"withdraw counter", "POST",
       [this](const Fixture&) { return "/api/retention/counters/" + std::to_string(NewCounter()) + "/withdraw"; },
       [](const Fixture&, int) { return json{{"version", 1}}; }, 200, 403, 200, 403},
      {"retention outcome", "POST",
       [this](const Fixture&) { return "/api/retention/staff/" + std::to_string(NewStaff()) + "/outcome"; },
       [](const Fixture&, int) { return json{{"outcome", "left"}, {"to_company", "Rival"}}; }, 201, 403, 201, 403},
      {"staff graph link", "POST", [this](const Fixture&) { return "/api/staff/" + std::to_string(NewStaff()) + "/link"; },
       [](const Fixture&, int) { return json{{"state", "confirmed"}, {"author_id", "A1"}}; }, 200, 403, 200, 403},
      {"suggest graph links", "POST", P("/api/retention/links/suggest"), NoBody, 404, 403, 404, 403},  // no graph here
      // ---- planning (issue 12): plans read compensation (ceo, hr); turning one into draft offers is the ceo's.
      {"budget plan", "POST", P("/api/planning/plan"),
       [this](const Fixture& f, int) {
         Post("/api/people/" + std::to_string(f.own) + "/stage", &sessions_["ceo"],
              {{"version", f.own_version}, {"stage", "contacted"}});
         return json{{"budget_4y_minor", 100'000'000'000'000LL}, {"time_limit", 2}};
       },
       200, 403, 200, 403},
      {"plan to draft offers", "POST", P("/api/planning/offers"),
       [this](const Fixture& f, int) {
         Post("/api/people/" + std::to_string(f.own) + "/stage", &sessions_["ceo"],
              {{"version", f.own_version}, {"stage", "contacted"}});
         return json{{"budget_4y_minor", 100'000'000'000'000LL}, {"choices", {{std::to_string(f.own), "m0.g0.t0"}}}};
       },
       200, 403, 403, 403},
  };
  const char* roles[] = {"ceo", "recruiter", "hr", "viewer"};
  int n = 0;
  for (const MatrixCase& c : cases) {
    for (int r = 0; r < 4; ++r) {
      ++n;
      // Fresh records per call: erasure and stage moves change them.
      Fixture f;
      json own = AddPerson(sessions_["ceo"], "Own " + std::to_string(n), {{"owner_id", users_["recruiter"].id}});
      json other = AddPerson(sessions_["ceo"], "Other " + std::to_string(n), {{"owner_id", users_["recruiter2"].id}});
      f.own = own.value("id", 0);
      f.own_version = own.value("version", 0);
      f.other = other.value("id", 0);
      f.other_version = other.value("version", 0);
      const int expected[] = {c.ceo, c.recruiter, c.hr, c.viewer};
      Response res = Call(c.method, c.path(f), &sessions_[roles[r]], c.body(f, n));
      EXPECT_EQ(res.status, expected[r]) << c.name << " as " << roles[r] << ": " << res.text;
      if (res.status >= 400) {
        EXPECT_FALSE(res.ErrorCode().empty()) << c.name << ": error body must carry a code: " << res.text;
      }
    }
    // Without a session only the public routes answer.
    Fixture f{1, 1, 1, 1};
    Response anon = Call(c.method, c.path(f), nullptr, c.body(f, ++n));
    int want = std::string(c.name) == "openapi" ? 200 : 401;
    if (std::string(c.name).find("(public)") != std::string::npos) want = c.ceo;  // the link needs no login: as with one
    EXPECT_EQ(anon.status, want) << c.name << " anonymous: " << anon.text;
  }
}

TEST_P(PermissionsTest, CompensationAbsentForRecruiterAndViewer) {
  json comp = {{"current_base", 450000}, {"expected_total", 3000000}, {"currency", "USD"}};
  json p = AddPerson(sessions_["ceo"], "Paid Person", {{"compensation", comp}});
  ASSERT_TRUE(p.contains("compensation")) << p.dump();
  std::string path = "/api/people/" + std::to_string(p.value("id", 0));
  for (const char* role : {"ceo", "hr"}) {
    Response r = Get(path, &sessions_[role]);
    ASSERT_EQ(r.status, 200);
    ASSERT_TRUE(r.body.contains("compensation")) << role;
    EXPECT_EQ(r.body["compensation"]["current_base"], 450000) << role;
  }
  for (const char* role : {"recruiter", "viewer"}) {
    Response r = Get(path, &sessions_[role]);
    ASSERT_EQ(r.status, 200);
    EXPECT_FALSE(r.body.contains("compensation")) << role << " must not even see the key: " << r.text;
    EXPECT_EQ(r.text.find("450000"), std::string::npos) << role;
    Response list = Get("/api/people", &sessions_[role]);
    EXPECT_EQ(list.text.find("450000"), std::string::npos) << role;
  }
  // Writing it is refused for a recruiter even on an own record.
  json own = AddPerson(sessions_["recruiter"], "Recruited");
  Response w = Patch("/api/people/" + std::to_string(own.value("id", 0)), &sessions_["recruiter"],
                     {{"version", own["version"]}, {"compensation", comp}});
  EXPECT_EQ(w.status, 403) << w.text;
  Response c = Post("/api/people", &sessions_["recruiter"], {{"name", "X"}, {"compensation", comp}});
  EXPECT_EQ(c.status, 403) << c.text;
}

TEST_P(PermissionsTest, UnknownAndReadOnlyFieldsRejected) {
  struct Case {
    const char* method;
    bool on_person;
    json body;
  } cases[] = {
      {"POST", false, {{"name", "X"}, {"is_admin", true}}},
      {"POST", false, {{"name", "X"}, {"stage", "offer"}}},
      {"POST", false, {{"name", "X"}, {"id", 7}}},
      {"PATCH", true, {{"version", 1}, {"created_at", "2020-01-01"}}},
      {"PATCH", true, {{"version", 1}, {"owner", {{"id", 1}}}}},
      {"PATCH", true, {{"version", 1}, {"compensation", {{"bonus", 1}}}}},
      {"POST", false, {{"name", 12}}},
  };
  json p = AddPerson(sessions_["ceo"], "Target");
  for (const Case& c : cases) {
    std::string path = c.on_person ? "/api/people/" + std::to_string(p.value("id", 0)) : "/api/people";
    Response r = Call(c.method, path, &sessions_["ceo"], c.body);
    EXPECT_EQ(r.status, 400) << c.body.dump() << ": " << r.text;
    EXPECT_EQ(r.ErrorCode(), "invalid_input") << c.body.dump();
  }
  Response u = Post("/api/users", &sessions_["ceo"],
                    {{"username", "eve"}, {"password", kPassword}, {"role", "ceo"}, {"disabled", false}});
  EXPECT_EQ(u.status, 400) << u.text;
  Response q = Get("/api/people?limit=5&debug=1", &sessions_["ceo"]);
  EXPECT_EQ(q.status, 400) << "undeclared query parameters are refused";
}

INSTANTIATE_TEST_SUITE_P(Backends, PermissionsTest, ST_API_BACKENDS);

}  // namespace
}  // namespace st::web::testing
