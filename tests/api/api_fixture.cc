#include "tests/api/api_fixture.h"

#include <filesystem>
#include <random>

#include "base/test_paths.h"
#include "store/open_store.h"
#include "store/test_database.h"

namespace st::web::testing {

void ApiTest::SetUp() {
  ST_OPEN_TEST_DATABASE(db_, GetParam(), "api");
  url_ = db_->url();
  auto s = OpenTestStore();
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  store_ = std::move(*s);
  users_["ceo"] = MakeUser("ceo", campaign::Role::kCeo);
  users_["recruiter"] = MakeUser("recruiter", campaign::Role::kRecruiter);
  users_["recruiter2"] = MakeUser("recruiter2", campaign::Role::kRecruiter);
  users_["hr"] = MakeUser("hr", campaign::Role::kHr);
  users_["viewer"] = MakeUser("viewer", campaign::Role::kViewer);
  StartServer();
  for (const auto& [name, user] : users_) sessions_[name] = Login(name);
}

void ApiTest::TearDown() {
  StopServer();
  store_.reset();
  db_.reset();
  if (!outreach_dir_.empty()) std::filesystem::remove_all(outreach_dir_);
}

Result<std::unique_ptr<store::Store>> ApiTest::OpenTestStore() { return store::OpenStore(url_); }

void ApiTest::StartServer(LoginThrottle::Limits limits) {
  StopServer();
  if (!store_) {
    auto s = OpenTestStore();
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
  }
  ServerOptions options;
  options.port = 0;
  options.threads = 32;
  // Its own temporary dir, apart from the database's.
  if (outreach_dir_.empty()) outreach_dir_ = st::testing::MakeTempDir("api-outreach");
  ASSERT_FALSE(outreach_dir_.empty());
  // Offers: the letter template is copied into the test's directory on first use.
  options.campaign_dir = outreach_dir_;  // a temp dir on both back ends
  if (const char* src = std::getenv("ST_SOURCE_DIR"))
    options.letter_template_default = std::string(src) + "/templates/offer_letter.mustache";
  outreach::ServiceOptions outreach_options;
  outreach_options.templates_dir = outreach_dir_ + "/templates";
  outreach_options.settings.weekdays_only = false;
  outreach_options.settings.window_start_hour = 0;
  outreach_options.settings.window_end_hour = 24;
  auto box = outreach::SecretBox::FromKeyFile(outreach_dir_ + "/mail.key");
  ASSERT_TRUE(box.ok()) << box.status().ToString();
  outreach_ = std::make_shared<outreach::OutreachService>(*store_, nullptr, *box, outreach_options);
  app_ = std::make_unique<WebApp>(store_.get(), nullptr, nullptr, options, limits, outreach_);
  auto port = app_->StartInBackground();
  ASSERT_TRUE(port.ok()) << port.status().ToString();
  port_ = *port;
}

void ApiTest::StopServer() {
  if (app_) app_->Stop();
  app_.reset();
  outreach_.reset();
}

store::User ApiTest::MakeUser(const std::string& name, campaign::Role role) {
  store::Actor cli{0, "cli", campaign::Role::kCeo, ""};
  auto u = store_->CreateUser(cli, {name, "", role, kPassword});
  EXPECT_TRUE(u.ok()) << u.status().ToString();
  return u.ok() ? *u : store::User{};
}

Session ApiTest::Login(const std::string& username, const std::string& password) {
  Response r = Call("POST", "/api/login", nullptr, nlohmann::json{{"username", username}, {"password", password}});
  EXPECT_EQ(r.status, 200) << r.text;
  Session s;
  s.username = username;
  std::string set_cookie = r.Header("Set-Cookie");
  s.cookie = set_cookie.substr(0, set_cookie.find(';'));
  if (r.body.is_object()) {
    s.csrf = r.body.value("csrf_token", "");
    if (r.body.contains("user")) s.user_id = r.body["user"].value("id", 0);
  }
  return s;
}

Response ApiTest::Call(const std::string& method, const std::string& path, const Session* session,
                       const std::optional<nlohmann::json>& body, httplib::Headers headers) {
  httplib::Client client("127.0.0.1", port_);
  client.set_read_timeout(10, 0);
  if (session != nullptr) {
    if (!headers.count("Cookie")) headers.emplace("Cookie", session->cookie);
    if (method != "GET" && !headers.count("X-CSRF-Token")) headers.emplace("X-CSRF-Token", session->csrf);
  }
  std::string payload = body ? body->dump() : "";
  auto send = [&]() -> httplib::Result {
    if (method == "POST") return client.Post(path, headers, payload, "application/json");
    if (method == "PATCH") return client.Patch(path, headers, payload, "application/json");
    if (method == "DELETE") return client.Delete(path, headers, payload, "application/json");
    return client.Get(path, headers);
  };
  httplib::Result res = send();
  Response out;
  if (!res) return out;
  out.status = res->status;
  out.text = res->body;
  out.headers = res->headers;
  out.body = nlohmann::json::parse(res->body, nullptr, false);
  if (out.body.is_discarded()) out.body = nullptr;
  return out;
}

nlohmann::json ApiTest::AddPerson(const Session& owner, const std::string& name, nlohmann::json extra) {
  nlohmann::json body = {{"name", name}};
  if (extra.is_object()) body.update(extra);
  Response r = Post("/api/people", &owner, body);
  EXPECT_EQ(r.status, 201) << r.text;
  return r.body;
}

}  // namespace st::web::testing
