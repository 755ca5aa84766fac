// Candidate workflow over HTTP: create, read, update with versions (409 on a
// stale version), stage moves, notes, export, erase, board and dashboard;
// live updates over server-sent events with Last-Event-ID resume.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "tests/api/api_fixture.h"

namespace st::web::testing {
namespace {

using nlohmann::json;

class PeopleTest : public ApiTest {};

TEST_P(PeopleTest, StaleVersionIsAConflictAndNothingIsLost) {
  Session& a = sessions_["ceo"];
  Session& b = sessions_["hr"];
  json p = AddPerson(a, "Versioned Person");
  std::string path = "/api/people/" + std::to_string(p.value("id", 0));
  std::int64_t v = p["version"];
  Response first = Patch(path, &a, {{"version", v}, {"title", "Research Scientist"}});
  ASSERT_EQ(first.status, 200) << first.text;
  EXPECT_EQ(first.body["version"], v + 1);
  Response second = Patch(path, &b, {{"version", v}, {"city", "London"}});
  EXPECT_EQ(second.status, 409) << second.text;
  EXPECT_EQ(second.ErrorCode(), "conflict");
  Response stage = Post(path + "/stage", &b, {{"version", v}, {"stage", "contacted"}});
  EXPECT_EQ(stage.status, 409);
  Response now = Get(path, &a);
  EXPECT_EQ(now.body["title"], "Research Scientist");
  EXPECT_EQ(now.body["city"], "");
  EXPECT_EQ(now.body["stage"], "identified");
  Response retry = Patch(path, &b, {{"version", now.body["version"]}, {"city", "London"}});
  EXPECT_EQ(retry.status, 200);
}

// The candidate page carries the newest 50 notes and the count; the rest is
// paged, newest page first, without gaps or repeats.
TEST_P(PeopleTest, PageShowsNewestNotesAndOlderArePaged) {
  Session& r = sessions_["recruiter"];
  json p = AddPerson(r, "Talkative Person");
  std::string path = "/api/people/" + std::to_string(p.value("id", 0));
  for (int i = 0; i < 57; ++i) {
    Response note = Post(path + "/notes", &r, {{"body", "note " + std::to_string(i)}});
    ASSERT_EQ(note.status, 201) << note.text;
  }
  Response page = Get(path, &sessions_["viewer"]);
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.body["notes_total"], 57);
  ASSERT_EQ(page.body["notes"].size(), 50u);
  EXPECT_EQ(page.body["notes"][0]["body"], "note 7") << "oldest of the newest 50 first";
  EXPECT_EQ(page.body["notes"][49]["body"], "note 56");
  std::vector<std::string> seen;
  std::string before;
  for (;;) {
    Response older = Get(path + "/notes?limit=20" + before, &sessions_["viewer"]);
    ASSERT_EQ(older.status, 200) << older.text;
    EXPECT_EQ(older.body["total"], 57);
    const json& notes = older.body["notes"];
    if (notes.empty()) break;
    for (auto it = notes.rbegin(); it != notes.rend(); ++it) seen.push_back((*it)["body"]);
    before = "&before=" + std::to_string(notes[0]["id"].get<std::int64_t>());
  }
  ASSERT_EQ(seen.size(), 57u);
  for (int i = 0; i < 57; ++i) EXPECT_EQ(seen[i], "note " + std::to_string(56 - i));
  EXPECT_EQ(Get("/api/people/999999/notes", &r).status, 404);
  EXPECT_EQ(Get(path + "/notes?limit=0", &r).status, 400);
}

TEST_P(PeopleTest, StageMovesNotesHistoryBoardDashboard) {
  Session& r = sessions_["recruiter"];
  json p = AddPerson(r, "Pipeline Person", {{"org", "Google DeepMind"}, {"topics", {"LLMs"}}});
  EXPECT_EQ(p["owner"]["username"], "recruiter") << "creator owns by default";
  std::string path = "/api/people/" + std::to_string(p.value("id", 0));
  Response moved = Post(path + "/stage", &r, {{"version", p["version"]}, {"stage", "contacted"}, {"note", "emailed"}});
  ASSERT_EQ(moved.status, 200) << moved.text;
  EXPECT_EQ(moved.body["stage"], "contacted");
  Response bad = Post(path + "/stage", &r, {{"version", moved.body["version"]}, {"stage", "joined"}});
  EXPECT_EQ(bad.status, 400) << "contacted → joined is not a move: " << bad.text;
  Response unknown = Post(path + "/stage", &r, {{"version", moved.body["version"]}, {"stage", "hired"}});
  EXPECT_EQ(unknown.status, 400);
  Response note = Post(path + "/notes", &r, {{"body", "Loves small teams"}});
  EXPECT_EQ(note.status, 201) << note.text;
  Response page = Get(path, &sessions_["viewer"]);
  ASSERT_EQ(page.status, 200);
  ASSERT_EQ(page.body["history"].size(), 2u) << page.text;
  EXPECT_EQ(page.body["history"][1]["stage"], "contacted");
  EXPECT_EQ(page.body["history"][1]["note"], "emailed");
  ASSERT_EQ(page.body["notes"].size(), 1u);
  EXPECT_EQ(page.body["notes"][0]["body"], "Loves small teams");
  EXPECT_TRUE(page.body["profile"].is_null()) << "not linked to the graph";
  Response board = Get("/api/pipeline", &sessions_["viewer"]);
  ASSERT_EQ(board.status, 200);
  bool found = false;
  for (const auto& col : board.body["stages"]) {
    for (const auto& person : col["people"]) {
      if (person["id"] == p["id"]) found = col["stage"] == "contacted";
    }
  }
  EXPECT_TRUE(found) << board.text;
  Response dash = Get("/api/dashboard", &sessions_["viewer"]);
  ASSERT_EQ(dash.status, 200);
  EXPECT_EQ(dash.body["funnel"][1]["stage"], "contacted");
  EXPECT_EQ(dash.body["funnel"][1]["count"], 1);
  EXPECT_EQ(dash.body["by_org"][0]["org"], "Google DeepMind");
  EXPECT_EQ(dash.body["movement_week"]["moves"][1]["count"], 1);
}

TEST_P(PeopleTest, ExportAndEraseLeaveAnAuditEntryWithoutPersonalData) {
  Session& hr = sessions_["hr"];
  json p = AddPerson(hr, "Zebulon Quartermaine", {{"email", "zq@example.org"}});
  std::string path = "/api/people/" + std::to_string(p.value("id", 0));
  Response exp = Get(path + "/export", &hr);
  ASSERT_EQ(exp.status, 200) << exp.text;
  EXPECT_NE(exp.text.find("zq@example.org"), std::string::npos);
  EXPECT_NE(exp.Header("Content-Disposition").find("attachment"), std::string::npos);
  Response del = Call("DELETE", path, &hr);
  EXPECT_EQ(del.status, 204) << del.text;
  EXPECT_EQ(Get(path, &hr).status, 404);
  Response audit = Get("/api/audit?limit=1000", &sessions_["ceo"]);
  ASSERT_EQ(audit.status, 200);
  EXPECT_EQ(audit.text.find("Quartermaine"), std::string::npos) << "erased from the audit log too";
  EXPECT_EQ(audit.text.find("zq@example.org"), std::string::npos);
  EXPECT_NE(audit.text.find("person.erase"), std::string::npos);
  EXPECT_NE(audit.text.find("person.export"), std::string::npos);
}

// Reads an SSE stream on a thread; collects "data:" payloads of events.
class EventReader {
 public:
  EventReader(int port, const Session& s, std::string last_event_id = "")
      : client_(std::make_unique<httplib::Client>("127.0.0.1", port)) {
    client_->set_read_timeout(20, 0);
    thread_ = std::thread([this, s, last_event_id] {
      httplib::Headers h = {{"Cookie", s.cookie}};
      if (!last_event_id.empty()) h.emplace("Last-Event-ID", last_event_id);
      client_->Get("/api/events", h, [&](const char* data, size_t n) {
        std::lock_guard lock(mu_);
        buffer_.append(data, n);
        connected_ = true;
        return !stop_;
      });
      std::lock_guard lock(mu_);
      closed_ = true;
    });
  }
  ~EventReader() { Stop(); }
  void Stop() {
    stop_ = true;
    client_->stop();  // unblocks the read instead of waiting for the next ping
    if (thread_.joinable()) thread_.join();
  }
  // Waits until the stream holds `needle` (true) or the timeout passes.
  bool WaitFor(const std::string& needle, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    auto end = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < end) {
      {
        std::lock_guard lock(mu_);
        if (buffer_.find(needle) != std::string::npos) return true;
        if (closed_) return false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }
  std::string text() {
    std::lock_guard lock(mu_);
    return buffer_;
  }

 private:
  std::unique_ptr<httplib::Client> client_;
  std::thread thread_;
  std::mutex mu_;
  std::string buffer_;
  bool connected_ = false, closed_ = false;
  std::atomic<bool> stop_{false};
};

TEST_P(PeopleTest, EventsDeliverWritesOfAnotherSessionAndResume) {
  EventReader reader(port_, sessions_["viewer"]);
  ASSERT_TRUE(reader.WaitFor(": connected")) << reader.text();
  json p = AddPerson(sessions_["recruiter"], "Live Update Person");
  Response note = Post("/api/people/" + std::to_string(p.value("id", 0)) + "/notes", &sessions_["hr"],
                       {{"body", "seen live"}});
  ASSERT_EQ(note.status, 201);
  ASSERT_TRUE(reader.WaitFor("\"kind\":\"note\"")) << reader.text();
  std::string text = reader.text();
  EXPECT_NE(text.find("event: activity"), std::string::npos);
  EXPECT_NE(text.find("Live Update Person"), std::string::npos);
  EXPECT_NE(text.find("\"kind\":\"person_added\""), std::string::npos);
  reader.Stop();
  // Resume: everything after the person_added event is replayed, the event itself is not.
  size_t at = text.find("\"kind\":\"person_added\"");
  size_t id_pos = text.rfind("id: ", at);
  ASSERT_NE(id_pos, std::string::npos);
  std::string id = text.substr(id_pos + 4, text.find('\n', id_pos) - id_pos - 4);
  EventReader resumed(port_, sessions_["viewer"], id);
  ASSERT_TRUE(resumed.WaitFor("\"kind\":\"note\"")) << resumed.text();
  EXPECT_EQ(resumed.text().find("\"kind\":\"person_added\""), std::string::npos) << resumed.text();
  // Anonymous streams are refused.
  EXPECT_EQ(Get("/api/events", nullptr).status, 401);
}

INSTANTIATE_TEST_SUITE_P(Backends, PeopleTest, ST_API_BACKENDS);

}  // namespace
}  // namespace st::web::testing
