// Outreach over HTTP: a recruiter writes a draft, the CEO approves it from the queue, the Maildir transport
// "sends" it, a reply moves the candidate to replied; viewers never see bodies; the mailbox password goes in
// and never comes out.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "tests/api/api_fixture.h"

namespace st::web::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

class OutreachApiTest : public ApiTest {};

std::vector<fs::path> Files(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (fs::exists(dir, ec))
    for (const auto& e : fs::directory_iterator(dir, ec)) out.push_back(e.path());
  return out;
}

TEST_P(OutreachApiTest, DraftApproveSendReplyOverHttp) {
  json person = AddPerson(sessions_["recruiter"], "Ada Lovelace",
                          {{"email", "ada@uni.test"}, {"org", "University of Oxford"}, {"city", "London"}});
  const std::string id = std::to_string(person.value("id", 0));
  // The recruiter writes a draft from the templates, then edits it.
  Response d = Post("/api/people/" + id + "/drafts", &sessions_["recruiter"], json::object());
  ASSERT_EQ(d.status, 201) << d.text;
  EXPECT_NE(d.body["body"].get<std::string>().find("Dear Ada,"), std::string::npos);
  EXPECT_EQ(d.body["unresolved"].size(), 0u);
  const std::string draft = std::to_string(d.body.value("id", 0));
  Response e = Patch("/api/drafts/" + draft, &sessions_["recruiter"],
                     {{"version", d.body["version"]}, {"body", d.body["body"].get<std::string>() + "P.S. hi\n"}});
  ASSERT_EQ(e.status, 200) << e.text;
  EXPECT_EQ(e.body["version"], 2);
  Response stale = Patch("/api/drafts/" + draft, &sessions_["recruiter"], {{"version", 1}, {"subject", "x"}});
  EXPECT_EQ(stale.status, 409);
  Response versions = Get("/api/drafts/" + draft + "/versions", &sessions_["recruiter"]);
  EXPECT_EQ(versions.body["versions"].size(), 2u);
  // The CEO's queue: "1 draft waiting", with the candidate's facts.
  Response q = Get("/api/outreach/queue", &sessions_["ceo"]);
  ASSERT_EQ(q.status, 200);
  EXPECT_EQ(q.body["waiting"], 1);
  EXPECT_EQ(q.body["items"][0]["person"]["org"], "University of Oxford");
  // Only the ceo approves; first the mailbox must exist.
  EXPECT_EQ(Post("/api/drafts/" + draft + "/approve", &sessions_["recruiter"], {{"version", 2}}).status, 403);
  Response no_box = Post("/api/drafts/" + draft + "/approve", &sessions_["ceo"], {{"version", 2}});
  EXPECT_EQ(no_box.status, 400);
  EXPECT_NE(no_box.text.find("mailbox"), std::string::npos);
  const std::string outbox = outreach_dir_ + "/outbox";
  Response box = Patch("/api/outreach/mailbox", &sessions_["ceo"],
                       {{"version", 0}, {"display_name", "Sam Chief"}, {"address", "ceo@lab.test"},
                        {"transport", "maildir"}, {"maildir", outbox}, {"password", "never-shown-pw"}});
  ASSERT_EQ(box.status, 200) << box.text;
  EXPECT_FALSE(box.body.contains("password"));
  EXPECT_FALSE(box.body.contains("password_sealed"));
  EXPECT_EQ(box.body["password_set"], true);
  EXPECT_EQ(box.text.find("never-shown-pw"), std::string::npos);
  Response read_box = Get("/api/outreach/mailbox", &sessions_["ceo"]);
  EXPECT_EQ(read_box.text.find("never-shown-pw"), std::string::npos);
  EXPECT_FALSE(read_box.body.contains("password"));
  Response a = Post("/api/drafts/" + draft + "/approve", &sessions_["ceo"], {{"version", 2}});
  ASSERT_EQ(a.status, 200) << a.text;
  EXPECT_EQ(a.body["status"], "queued");
  // The background loop's pass: the .eml lands in the Maildir.
  outreach::RunReport r = outreach_->RunOnce();
  EXPECT_EQ(r.sent, 1);
  auto sent = Files(fs::path(outbox) / "new");
  ASSERT_EQ(sent.size(), 1u);
  std::ifstream in(sent[0]);
  std::string eml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(eml.find("To: Ada Lovelace <ada@uni.test>"), std::string::npos);
  // The candidate answers.
  const std::string mid = a.body["message_id"];
  fs::create_directories(fs::path(outbox) / "replies" / "new");
  std::ofstream(fs::path(outbox) / "replies" / "new" / "1.eml")
      << "From: Ada <ada@uni.test>\r\nTo: ceo@lab.test\r\nSubject: Re: hi\r\nMessage-ID: <rep1@uni.test>\r\n"
      << "In-Reply-To: " << mid << "\r\n\r\nDelighted. Tuesday?\r\n";
  r = outreach_->RunOnce();
  EXPECT_EQ(r.replies, 1);
  Response p = Get("/api/people/" + id, &sessions_["ceo"]);
  EXPECT_EQ(p.body["stage"], "replied");
  // The thread as the ceo and as a viewer: the viewer sees that contact happened, not what was said.
  Response full = Get("/api/people/" + id + "/outreach", &sessions_["ceo"]);
  ASSERT_EQ(full.body["messages"].size(), 2u);
  EXPECT_EQ(full.body["messages"][1]["body"], "Delighted. Tuesday?\n");
  EXPECT_EQ(full.body["threads"][0]["state"], "replied");
  Response viewer = Get("/api/people/" + id + "/outreach", &sessions_["viewer"]);
  ASSERT_EQ(viewer.status, 200);
  ASSERT_EQ(viewer.body["messages"].size(), 2u);
  for (const auto& m : viewer.body["messages"]) {
    EXPECT_FALSE(m.contains("body"));
    EXPECT_FALSE(m.contains("subject"));
    EXPECT_TRUE(m.contains("sent_at"));
  }
  EXPECT_EQ(viewer.text.find("Delighted"), std::string::npos);
  EXPECT_TRUE(viewer.body["drafts"].empty());
  // The week's figures.
  Response stats = Get("/api/outreach/stats", &sessions_["viewer"]);
  EXPECT_EQ(stats.body["sent"], 1);
  EXPECT_EQ(stats.body["replied"], 1);
  EXPECT_EQ(stats.body["reply_rate_percent"], 100);
  // Thread views are audited.
  Response audit = Get("/api/audit?limit=200", &sessions_["ceo"]);
  EXPECT_NE(audit.text.find("outreach.view"), std::string::npos);
}

// The opt-out link over HTTP without a login: the page's GET shows the masked address and changes nothing,
// the POST suppresses it; times are ISO-8601 like the rest of the API; the board's sequence states follow.
TEST_P(OutreachApiTest, OptOutLinkWithoutLoginAndIsoTimes) {
  json person = AddPerson(sessions_["ceo"], "Ada Lovelace", {{"email", "ada@uni.test"}, {"org", "University of Oxford"}});
  const std::string id = std::to_string(person.value("id", 0));
  const std::string outbox = outreach_dir_ + "/outbox-optout";
  Response box = Patch("/api/outreach/mailbox", &sessions_["ceo"],
                       {{"version", 0}, {"display_name", "Sam Chief"}, {"address", "ceo@lab.test"},
                        {"transport", "maildir"}, {"maildir", outbox}, {"daily_cap", 5},
                        {"window_start_hour", 8}, {"window_end_hour", 20}});
  ASSERT_EQ(box.status, 200) << box.text;
  EXPECT_EQ(box.body["daily_cap"], 5);
  EXPECT_EQ(box.body["window_start_hour"], 8);
  EXPECT_EQ(box.body["window_end_hour"], 20);
  Response bad_window = Patch("/api/outreach/mailbox", &sessions_["ceo"],
                              {{"version", box.body["version"]}, {"display_name", "Sam Chief"},
                               {"address", "ceo@lab.test"}, {"transport", "maildir"}, {"maildir", outbox},
                               {"window_start_hour", 8}, {"window_end_hour", -1}});
  EXPECT_EQ(bad_window.status, 400);
  EXPECT_NE(bad_window.text.find("window_end_hour"), std::string::npos) << bad_window.text;
  Response tested = Post("/api/outreach/mailbox/test", &sessions_["ceo"], json::object());
  ASSERT_EQ(tested.status, 200) << tested.text;
  EXPECT_EQ(tested.body["ok"], true);
  // Send with the window open all day (the mailbox's own window is 08-20 in the candidate's zone).
  Response wide = Patch("/api/outreach/mailbox", &sessions_["ceo"],
                        {{"version", box.body["version"]}, {"display_name", "Sam Chief"}, {"address", "ceo@lab.test"},
                         {"transport", "maildir"}, {"maildir", outbox}});
  ASSERT_EQ(wide.status, 200) << wide.text;
  Response d = Post("/api/people/" + id + "/drafts", &sessions_["ceo"], json::object());
  ASSERT_EQ(d.status, 201) << d.text;
  Response a = Post("/api/drafts/" + std::to_string(d.body.value("id", 0)) + "/approve", &sessions_["ceo"],
                    {{"version", d.body["version"]}});
  ASSERT_EQ(a.status, 200) << a.text;
  EXPECT_EQ(outreach_->RunOnce().sent, 1);
  auto sent = Files(fs::path(outbox) / "new");
  ASSERT_EQ(sent.size(), 1u);
  std::ifstream in(sent[0]);
  std::string eml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const size_t at = eml.find("/api/optout/");  // List-Unsubscribe's one-click URL (the body's may be QP-wrapped)
  ASSERT_NE(at, std::string::npos) << eml.substr(0, 1500);
  const std::string token = eml.substr(at + 12, 64);
  // ISO-8601 times, as every other route gives them; "not yet" is null.
  const std::regex iso(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)");
  Response o = Get("/api/people/" + id + "/outreach", &sessions_["ceo"]);
  ASSERT_EQ(o.status, 200);
  EXPECT_TRUE(std::regex_match(o.body["messages"][0]["sent_at"].get<std::string>(), iso)) << o.text;
  EXPECT_TRUE(std::regex_match(o.body["threads"][0]["started_at"].get<std::string>(), iso)) << o.text;
  EXPECT_TRUE(std::regex_match(o.body["drafts"][0]["updated_at"].get<std::string>(), iso)) << o.text;
  EXPECT_TRUE(std::regex_match(Get("/api/outreach/stats", &sessions_["ceo"]).body["since"].get<std::string>(), iso));
  Response seq = Get("/api/outreach/sequences", &sessions_["viewer"]);
  ASSERT_EQ(seq.status, 200);
  ASSERT_EQ(seq.body["sequences"].size(), 1u);
  EXPECT_EQ(seq.body["sequences"][0]["state"], "active");
  EXPECT_FALSE(seq.body["sequences"][0].contains("to"));
  // No login: look, then opt out.
  Response look = Get("/api/optout/" + token, nullptr);
  ASSERT_EQ(look.status, 200) << look.text;
  EXPECT_EQ(look.body["address"], "a•••@uni.test");
  EXPECT_EQ(look.body["opted_out"], false);
  EXPECT_EQ(look.text.find("ada@uni.test"), std::string::npos);
  Response click = Post("/api/optout/" + token, nullptr, json::object());
  ASSERT_EQ(click.status, 200) << click.text;
  EXPECT_EQ(click.body["opted_out"], true);
  EXPECT_EQ(click.body["stopped_sequences"], 1);
  EXPECT_EQ(Get("/api/outreach/sequences", &sessions_["ceo"]).body["sequences"][0]["state"], "opted_out");
  EXPECT_EQ(Get("/api/people/" + id + "/outreach", &sessions_["ceo"]).body["suppressed"], true);
  Response d2 = Post("/api/people/" + id + "/drafts", &sessions_["ceo"], json::object());
  Response a2 = Post("/api/drafts/" + std::to_string(d2.body.value("id", 0)) + "/approve", &sessions_["ceo"],
                     {{"version", d2.body["version"]}});
  EXPECT_EQ(a2.status, 400) << a2.text;
  EXPECT_NE(a2.text.find("suppression list"), std::string::npos);
  // Guessing is rate-limited per link and address.
  int limited = 0;
  for (int i = 0; i < 40 && !limited; ++i)
    limited = Get("/api/optout/" + std::string(64, 'f'), nullptr).status == 429;
  EXPECT_TRUE(limited);
}

// RFC 8058 one-click: List-Unsubscribe carries /api/optout/<token>/one-click (https adds List-Unsubscribe-Post;
// this test server's public URL is http). The provider's form POST opts out with no login; a browser opening the
// URL is sent to the page, which asks first; any other body and cross-site browser posts are refused.
TEST_P(OutreachApiTest, OneClickUnsubscribeFromTheMailProvider) {
  json person = AddPerson(sessions_["ceo"], "Ada Lovelace", {{"email", "ada@uni.test"}, {"org", "University of Oxford"}});
  const std::string id = std::to_string(person.value("id", 0));
  const std::string outbox = outreach_dir_ + "/outbox-oneclick";
  ASSERT_EQ(Patch("/api/outreach/mailbox", &sessions_["ceo"],
                  {{"version", 0}, {"display_name", "Sam Chief"}, {"address", "ceo@lab.test"},
                   {"transport", "maildir"}, {"maildir", outbox}})
                .status,
            200);
  Response d = Post("/api/people/" + id + "/drafts", &sessions_["ceo"], json::object());
  ASSERT_EQ(d.status, 201) << d.text;
  ASSERT_EQ(Post("/api/drafts/" + std::to_string(d.body.value("id", 0)) + "/approve", &sessions_["ceo"],
                 {{"version", d.body["version"]}})
                .status,
            200);
  ASSERT_EQ(outreach_->RunOnce().sent, 1);
  auto sent = Files(fs::path(outbox) / "new");
  ASSERT_EQ(sent.size(), 1u);
  std::ifstream in(sent[0]);
  const std::string eml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::regex header(R"(\r\nList-Unsubscribe: <https?://[^/>]+(/api/optout/([0-9a-f]{64})/one-click)>,\r\n <mailto:)");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(eml, m, header)) << eml.substr(0, 1500);
  const std::string path = m[1], token = m[2];
  EXPECT_EQ(eml.find("List-Unsubscribe-Post:"), std::string::npos);  // http: the RFC allows only HTTPS
  std::string unwrapped = eml;  // the body's link is the page (quoted-printable may wrap it)
  for (size_t soft; (soft = unwrapped.find("=\r\n")) != std::string::npos;) unwrapped.erase(soft, 3);
  EXPECT_NE(unwrapped.find("optout.html#" + token), std::string::npos);
  // A browser opening it: to the page, nothing changes.
  Response open = Get(path, nullptr);
  EXPECT_EQ(open.status, 303) << open.text;
  EXPECT_EQ(open.Header("Location"), "/optout.html#" + token);
  EXPECT_EQ(Get("/api/optout/" + token, nullptr).body["opted_out"], false);
  EXPECT_EQ(Get("/api/optout/not-a-token/one-click", nullptr).status, 404);
  // The provider's POST; anything but the RFC's body is refused, and so is a cross-site browser form.
  httplib::Client client("127.0.0.1", port_);
  auto post = [&](const std::string& body, const std::string& type, httplib::Headers h = {}) {
    auto r = client.Post(path, h, body, type);
    return r ? r->status : -1;
  };
  EXPECT_EQ(post("{}", "application/json"), 400);
  EXPECT_EQ(post("List-Unsubscribe=Yes", "application/x-www-form-urlencoded"), 400);
  EXPECT_EQ(post("List-Unsubscribe=One-Click", "application/x-www-form-urlencoded", {{"Sec-Fetch-Site", "cross-site"}}),
            403);
  EXPECT_EQ(Get("/api/optout/" + token, nullptr).body["opted_out"], false);
  const std::string multipart =
      "--b0undary\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--b0undary--\r\n";
  auto r = client.Post(path, multipart, "multipart/form-data; boundary=b0undary");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(json::parse(r->body)["opted_out"], true);
  EXPECT_EQ(json::parse(r->body)["stopped_sequences"], 1);
  EXPECT_EQ(Get("/api/people/" + id + "/outreach", &sessions_["ceo"]).body["suppressed"], true);
  // Twice is the same as once (providers retry).
  EXPECT_EQ(post("List-Unsubscribe=One-Click", "application/x-www-form-urlencoded"), 200);
}

TEST_P(OutreachApiTest, WhatsAppLinkHasE164AndNoMoney) {
  json person = AddPerson(sessions_["ceo"], "Ada Lovelace", {{"phone", "+44 20 7946 0958"}});
  const std::string id = std::to_string(person.value("id", 0));
  ASSERT_EQ(Post("/api/people/" + id + "/drafts", &sessions_["ceo"],
                 {{"subject", "Hi"}, {"body", "Dear Ada,\n\nWe offer $2,000,000 a year. I read your paper.\n"}})
                .status,
            201);
  Response link = Get("/api/people/" + id + "/whatsapp", &sessions_["ceo"]);
  ASSERT_EQ(link.status, 200) << link.text;
  const std::string url = link.body["url"];
  EXPECT_EQ(url.rfind("https://wa.me/442079460958?text=", 0), 0u) << url;
  EXPECT_EQ(url.find("2%2C000"), std::string::npos) << url;
  EXPECT_EQ(url.find("%24"), std::string::npos) << url;
  EXPECT_NE(url.find("I%20read%20your%20paper."), std::string::npos) << url;
}

INSTANTIATE_TEST_SUITE_P(Backends, OutreachApiTest, ST_API_BACKENDS);

}  // namespace
}  // namespace st::web::testing
