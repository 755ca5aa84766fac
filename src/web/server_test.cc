// The HTTP server against raw sockets: what a hostile or sloppy client can
// send (oversized bodies and headers, malformed targets, pipelining, HEAD,
// half-sent requests, too many connections) and how streams end on Stop().
// A small route table and a token->principal map stand in for the store: the
// API tests (tests/api) cover the real routes over HTTP.
#include "web/server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

namespace st::web {
namespace {

using namespace std::chrono_literals;

// A blocking client socket; Read* return what arrived before EOF or timeout.
class RawClient {
 public:
  explicit RawClient(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  }
  ~RawClient() { ::close(fd_); }
  bool connected() const { return connected_; }
  void Send(const std::string& s) { ASSERT_EQ(::send(fd_, s.data(), s.size(), MSG_NOSIGNAL), ssize_t(s.size())); }
  // Reads until the peer closes or `timeout` passes without data.
  std::string ReadAll(std::chrono::milliseconds timeout = 5000ms) {
    std::string out;
    char buf[65536];
    for (;;) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return out;
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) {
        closed_ = true;
        return out;
      }
      out.append(buf, static_cast<size_t>(n));
    }
  }
  // Reads until `needle` arrived (or close / timeout).
  std::string ReadUntil(const std::string& needle, std::chrono::milliseconds timeout = 5000ms) {
    std::string out;
    char buf[65536];
    while (out.find(needle) == std::string::npos) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) break;
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) {
        closed_ = true;
        break;
      }
      out.append(buf, static_cast<size_t>(n));
    }
    return out;
  }
  bool closed() const { return closed_; }

 private:
  int fd_ = -1;
  bool connected_ = false;
  bool closed_ = false;
};

int Count(const std::string& s, const std::string& needle) {
  int n = 0;
  for (size_t i = s.find(needle); i != std::string::npos; i = s.find(needle, i + 1)) ++n;
  return n;
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("st_server_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_ / "js");
    std::ofstream(dir_ / "index.html") << "<!doctype html><title>shell</title>";
    std::ofstream(dir_ / "js" / "app.js") << "export const a = 1;";
    auto table = std::make_shared<RouteTable>();
    table->Add(Route{.method = Method::kGet,
                     .path = "/api/items/{id}",
                     .access = Access::kPublic,
                     .query = {{"q", FieldType::kString}},
                     .handler = [](Call& c) -> Result<Reply> {
                       return Reply::Json({{"id", c.path.at("id")}, {"q", c.Query("q").value_or("")}});
                     }});
    table->Add(Route{.method = Method::kPost,
                     .path = "/api/items",
                     .access = Access::kPublic,
                     .body = {{"name", FieldType::kString, true}},
                     .handler = [](Call& c) -> Result<Reply> { return Reply::Json(*c.body, 201); },
                     .csrf_exempt = true});
    table->Add(Route{.method = Method::kGet,
                     .path = "/api/throws",
                     .access = Access::kPublic,
                     .handler = [](Call&) -> Result<Reply> { throw std::runtime_error("boom"); }});
    // An endless stream: one chunk per call until the server stops.
    table->Add(Route{.method = Method::kGet,
                     .path = "/api/stream",
                     .access = Access::kPublic,
                     .handler = [this](Call&) -> Result<Reply> {
                       Reply r;
                       r.content_type = "text/event-stream";
                       r.stream = [this](std::string& out) {
                         out += "data: tick\n\n";
                         std::this_thread::sleep_for(20ms);
                         return !stop_streams_.load();
                       };
                       return r;
                     }});
    routes_ = table;
  }
  void TearDown() override {
    if (server_) server_->Stop();
    std::filesystem::remove_all(dir_);
  }
  int Start(ServerOptions o = {}) {
    o.port = 0;
    o.static_dir = dir_.string();
    if (o.threads == 0) o.threads = 2;
    server_ = std::make_unique<ApiServer>(o, routes_, [](const std::string&) -> Result<std::optional<Principal>> {
      return std::optional<Principal>();
    });
    server_->SetShutdownHook([this] { stop_streams_ = true; });
    auto port = server_->StartInBackground();
    EXPECT_TRUE(port.ok());
    return port.ok() ? *port : 0;
  }

  std::filesystem::path dir_;
  std::shared_ptr<const RouteTable> routes_;
  std::unique_ptr<ApiServer> server_;
  std::atomic<bool> stop_streams_{false};
};

TEST_F(ServerTest, RoutesPagesAndErrorsCarryTheSecurityHeaders) {
  int port = Start();
  RawClient c(port);
  c.Send("GET /api/items/a-1.b?q=large%20models HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string r = c.ReadUntil("}");
  EXPECT_NE(r.find("HTTP/1.1 200"), std::string::npos) << r;
  EXPECT_NE(r.find("{\"id\":\"a-1.b\",\"q\":\"large models\"}"), std::string::npos) << r;
  EXPECT_NE(r.find("Cache-Control: no-store"), std::string::npos) << r;
  EXPECT_NE(r.find("frame-ancestors 'none'"), std::string::npos) << r;

  struct Case {
    std::string request, status, body;
  } cases[] = {
      {"GET /api/items/1?x=2", "400", "unknown query parameter 'x'"},
      {"GET /api/items/%zz", "400", "malformed %-escape"},
      {"GET /api/items/a%20b", "404", "no route GET /api/items/a b"},
      {"GET /api/nope", "404", "not_found"},
      {"DELETE /api/items/1", "404", "no route DELETE"},
      {"GET /api/throws", "500", "internal error; see the server log"},
      {"GET /js/app.js", "200", "export const a = 1;"},
      {"GET /people/12", "200", "<title>shell</title>"},
      {"GET /", "200", "<title>shell</title>"},
      {"GET /nope.js", "404", "not_found"},
      {"GET /../etc/passwd", "404", "not_found"},
      {"GET /js/../../etc/passwd", "404", "not_found"},
  };
  for (const Case& k : cases) {
    RawClient one(port);
    one.Send(k.request + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    std::string got = one.ReadAll();
    EXPECT_EQ(got.substr(0, 12), "HTTP/1.1 " + k.status) << k.request << "\n" << got;
    EXPECT_NE(got.find(k.body), std::string::npos) << k.request << "\n" << got;
    EXPECT_NE(got.find("X-Content-Type-Options: nosniff"), std::string::npos) << k.request;
  }
  RawClient js(port);
  js.Send("GET /js/app.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(js.ReadAll().find("Content-Type: application/javascript; charset=utf-8"), std::string::npos);
}

TEST_F(ServerTest, KeepAlivePipeliningAndHead) {
  int port = Start();
  RawClient c(port);
  c.Send("GET /api/items/1 HTTP/1.1\r\nHost: x\r\n\r\nGET /api/items/2 HTTP/1.1\r\nHost: x\r\n\r\n"
         "HEAD /js/app.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  std::string r = c.ReadAll();
  EXPECT_EQ(Count(r, "HTTP/1.1 200"), 3) << r;
  EXPECT_LT(r.find("\"id\":\"1\""), r.find("\"id\":\"2\"")) << r;
  EXPECT_NE(r.find("Content-Length: 19"), std::string::npos) << r;           // HEAD: the GET's length ...
  EXPECT_EQ(r.find("export const"), std::string::npos) << r;                 // ... and no body
  EXPECT_TRUE(c.closed());
}

TEST_F(ServerTest, OversizedBodiesAndHeadersGetJsonErrors) {
  ServerOptions o;
  o.max_body_bytes = 1024;
  int port = Start(o);
  {
    RawClient c(port);
    std::string body = "{\"name\":\"" + std::string(4000, 'a') + "\"}";
    c.Send("POST /api/items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body);
    std::string r = c.ReadAll();
    EXPECT_EQ(r.substr(0, 12), "HTTP/1.1 413") << r;
    EXPECT_NE(r.find("payload_too_large"), std::string::npos) << r;
    EXPECT_NE(r.find("Cache-Control: no-store"), std::string::npos) << r;
    EXPECT_TRUE(c.closed());
  }
  {
    RawClient c(port);  // the same over chunked encoding: counted as it arrives
    std::string chunk(900, 'a');
    c.Send("POST /api/items HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n384\r\n" + chunk +
           "\r\n384\r\n" + chunk + "\r\n0\r\n\r\n");
    EXPECT_EQ(c.ReadAll().substr(0, 12), "HTTP/1.1 413");
  }
  {
    RawClient c(port);
    c.Send("GET /api/items/1 HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'b') + "\r\n\r\n");
    std::string r = c.ReadAll();
    EXPECT_EQ(r.substr(0, 12), "HTTP/1.1 431") << r;
    EXPECT_NE(r.find("headers_too_large"), std::string::npos) << r;
  }
  {
    RawClient c(port);
    c.Send("NOT HTTP AT ALL\r\n\r\n");
    EXPECT_EQ(c.ReadAll().substr(0, 12), "HTTP/1.1 400");
  }
  RawClient ok(port);  // the server still serves
  ok.Send("POST /api/items HTTP/1.1\r\nHost: x\r\nContent-Length: 14\r\nConnection: close\r\n\r\n{\"name\":\"ann\"}");
  EXPECT_EQ(ok.ReadAll().substr(0, 12), "HTTP/1.1 201");
}

TEST_F(ServerTest, SlowClientsAreDisconnectedAndConnectionsCapped) {
  ServerOptions o;
  o.read_timeout = 1s;
  o.max_connections = 2;
  int port = Start(o);
  RawClient slow(port);
  slow.Send("GET /api/items/1 HTTP/1.1\r\nHo");  // never finishes its request
  RawClient idle(port);
  idle.ReadAll(200ms);
  RawClient third(port);  // over the cap: closed at once, no reply
  EXPECT_EQ(third.ReadAll(2000ms), "");
  EXPECT_TRUE(third.closed());
  // After the read timeout both are closed (no reply to a half request) ...
  EXPECT_EQ(slow.ReadAll(10000ms), "");
  EXPECT_TRUE(slow.closed());
  EXPECT_TRUE(idle.ReadAll(10000ms).empty());
  EXPECT_TRUE(idle.closed());
  // ... which frees their places.
  RawClient fourth(port);
  fourth.Send("GET /api/items/4 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(fourth.ReadAll().substr(0, 12), "HTTP/1.1 200");
}

TEST_F(ServerTest, StreamsAreChunkedCappedAndEndedByStop) {
  ServerOptions o;
  o.max_streams = 1;
  int port = Start(o);
  RawClient a(port);
  a.Send("GET /api/stream HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string got = a.ReadUntil("data: tick\n\n\r\n");
  EXPECT_NE(got.find("Transfer-Encoding: chunked"), std::string::npos) << got;
  EXPECT_NE(got.find("Content-Type: text/event-stream"), std::string::npos) << got;
  EXPECT_NE(got.find("\r\nc\r\ndata: tick\n\n\r\n"), std::string::npos) << got;  // a 12-byte chunk
  RawClient b(port);  // over max_streams
  b.Send("GET /api/stream HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string refused = b.ReadAll();
  EXPECT_EQ(refused.substr(0, 12), "HTTP/1.1 503") << refused;
  EXPECT_NE(refused.find("\"unavailable\""), std::string::npos) << refused;
  RawClient idle(port);  // an idle keep-alive connection must not hold up Stop()
  server_->Stop();
  std::string rest = a.ReadAll();
  EXPECT_TRUE(a.closed());
  EXPECT_NE(rest.find("0\r\n\r\n"), std::string::npos);  // the chunked body ended properly
}

}  // namespace
}  // namespace st::web
