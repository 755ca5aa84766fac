// Offers over HTTP (SQLite, and PostgreSQL when ST_PG_URL is set): money keys absent for a recruiter
// (compute and team present), the live preview, the letter as PDF, and the candidate link without a
// session — wrong token, another offer's token, reuse after the decision, the rate limit.
#include <gtest/gtest.h>

#include "tests/api/api_fixture.h"

namespace st::web::testing {
namespace {

using nlohmann::json;

class OffersApiTest : public ApiTest {
 protected:
  json Terms() {
    return {{"base_salary", 50000000}, {"sign_on", 10000000000LL}, {"equity", {{"value", 480000000}}},
            {"start_date", "2099-03-01"}, {"expiry_date", "2099-01-31"}, {"title", "Member of Technical Staff"},
            {"team", {{"headcount", 12}, {"direct_reports_cap", 4}}}};
  }

  // A person at stage offer with an offer sent; returns {offer, link token}.
  std::pair<json, std::string> SentOffer(const std::string& name) {
    json p = AddPerson(sessions_["ceo"], name);
    std::int64_t v = p["version"];
    const std::string path = "/api/people/" + std::to_string(p.value("id", 0));
    for (const char* stage : {"contacted", "replied", "meeting", "offer"}) {
      Response m = Post(path + "/stage", &sessions_["ceo"], {{"version", v}, {"stage", stage}});
      EXPECT_EQ(m.status, 200) << m.text;
      v = m.body.value("version", 0);
    }
    Response o = Post(path + "/offers", &sessions_["hr"], {{"terms", Terms()}});
    EXPECT_EQ(o.status, 201) << o.text;
    json offer = o.body;
    const std::string base = "/api/offers/" + std::to_string(offer.value("id", 0));
    for (auto [step, role] : {std::pair{"/submit", "hr"}, {"/approve", "hr"}, {"/approve", "ceo"}}) {
      Response r = Post(base + step, &sessions_[role], {{"version", offer["version"]}});
      EXPECT_EQ(r.status, 200) << step << " " << r.text;
      offer = r.body;
    }
    Response s = Post(base + "/send", &sessions_["hr"], {{"version", offer["version"]}});
    EXPECT_EQ(s.status, 200) << s.text;
    return {s.body, s.body["link"].value("token", "")};
  }
};

TEST_P(OffersApiTest, MoneyKeysAbsentForRecruiterPromisesPresent) {
  auto [offer, token] = SentOffer("Ada");
  const std::string path = "/api/offers/" + std::to_string(offer.value("id", 0));
  Response hr = Get(path, &sessions_["hr"]);
  ASSERT_EQ(hr.status, 200);
  EXPECT_EQ(hr.body["terms"]["sign_on"], 10000000000LL);
  EXPECT_EQ(hr.body["value"]["first_year"], 50000000 + 10000000000LL + 120000000);
  for (const char* role : {"recruiter", "viewer"}) {
    Response r = Get(path, &sessions_[role]);
    ASSERT_EQ(r.status, 200) << role;
    for (const char* key : {"sign_on", "base_salary", "equity", "currency", "target_bonus_bp"})
      EXPECT_FALSE(r.body["terms"].contains(key)) << role << " sees " << key;
    EXPECT_FALSE(r.body.contains("value")) << role;
    EXPECT_FALSE(r.body.contains("band_reason")) << role;
    EXPECT_EQ(r.text.find("10000000000"), std::string::npos) << role;
    EXPECT_EQ(r.body["terms"]["team"]["headcount"], 12) << role;
    EXPECT_EQ(r.body["terms"]["title"], "Member of Technical Staff");
  }
}

TEST_P(OffersApiTest, PreviewNamesTheBadField) {
  json t = Terms();
  t["equity"]["vesting"] = {{"custom_split_bp", {500, 1500, 4000, 3000}}};
  Response r = Post("/api/offers/preview", &sessions_["hr"], {{"terms", t}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.text.find("equity.vesting.custom_split"), std::string::npos) << r.text;
  t["equity"]["vesting"] = {{"custom_split_bp", {500, 1500, 4000, 4000}}};
  Response ok = Post("/api/offers/preview", &sessions_["hr"], {{"terms", t}});
  ASSERT_EQ(ok.status, 200) << ok.text;
  EXPECT_EQ(ok.body["years"][0]["equity"], 24000000);  // 5% of $4.8M
  Response unknown = Post("/api/offers/preview", &sessions_["hr"], {{"terms", {{"salary", 1}}}});
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.text.find("'salary'"), std::string::npos);
}

TEST_P(OffersApiTest, CandidateLinkWithoutLogin) {
  auto [a, token_a] = SentOffer("Bea");
  auto [b, token_b] = SentOffer("Cal");
  ASSERT_EQ(token_a.size(), 64u);
  Response view = Get("/api/offer-link/" + token_a, nullptr);
  ASSERT_EQ(view.status, 200) << view.text;
  EXPECT_EQ(view.body["person_name"], "Bea");
  EXPECT_EQ(view.body["terms"]["sign_on"], 10000000000LL);
  EXPECT_FALSE(view.body.contains("approvals"));
  EXPECT_EQ(Get("/api/offer-link/" + token_b, nullptr).body["person_name"], "Cal");
  Response pdf = Get("/api/offer-link/" + token_a + "/letter.pdf", nullptr);
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.Header("Content-Type"), "application/pdf");
  EXPECT_EQ(pdf.text.substr(0, 5), "%PDF-");
  std::string wrong = token_a;
  wrong[0] = wrong[0] == 'a' ? 'b' : 'a';
  EXPECT_EQ(Get("/api/offer-link/" + wrong, nullptr).status, 404);
  // The decision: once.
  httplib::Headers origin = {{"Origin", "http://127.0.0.1:" + std::to_string(port_)}};
  Response accept = Call("POST", "/api/offer-link/" + token_a + "/accept", nullptr, std::nullopt, origin);
  ASSERT_EQ(accept.status, 200) << accept.text;
  EXPECT_EQ(accept.body["state"], "accepted");
  Response again = Call("POST", "/api/offer-link/" + token_a + "/decline", nullptr, std::nullopt, origin);
  EXPECT_EQ(again.status, 409) << again.text;
  Response person = Get("/api/people/" + std::to_string(a.value("person_id", 0)), &sessions_["ceo"]);
  EXPECT_EQ(person.body["stage"], "accepted");
  // A cross-site decision is refused even with the token.
  Response cross = Call("POST", "/api/offer-link/" + token_b + "/accept", nullptr, std::nullopt,
                        {{"Origin", "https://evil.example"}});
  EXPECT_EQ(cross.status, 403);
  // The rate limit: 30 requests a minute per token.
  int limited = 0;
  for (int i = 0; i < 40 && limited == 0; ++i)
    if (Get("/api/offer-link/" + token_b, nullptr).status == 429) limited = i;
  EXPECT_GT(limited, 0) << "no 429 after 40 requests";
  // Every visit is audited.
  Response audit = Get("/api/audit?limit=500", &sessions_["ceo"]);
  ASSERT_EQ(audit.status, 200);
  EXPECT_NE(audit.text.find("offer.link_visit"), std::string::npos);
  EXPECT_NE(audit.text.find("offer.accept"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, OffersApiTest, ST_API_BACKENDS);

}  // namespace
}  // namespace st::web::testing
