// kill -9 of the server during a burst of writes: after a restart every
// acknowledged write is there and the store opens cleanly (both back ends).
// The server runs in a forked child so it can be killed for real.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "store/open_store.h"
#include "tests/api/api_fixture.h"

namespace st::web::testing {
namespace {

class CrashTest : public ApiTest {
 protected:
  // Forks a server on a free port; returns its pid and sets port_.
  pid_t ForkServer() {
    int fds[2];
    if (pipe(fds) != 0) return -1;
    pid_t pid = fork();
    if (pid == 0) {
      close(fds[0]);
      auto store = store::OpenStore(url_);
      if (!store.ok()) _exit(3);
      ServerOptions options;
      options.port = 0;
      options.threads = 16;
      WebApp app(store->get(), nullptr, nullptr, options);
      auto port = app.Bind();
      if (!port.ok()) _exit(4);
      int p = *port;
      if (write(fds[1], &p, sizeof p) != sizeof p) _exit(5);
      close(fds[1]);
      app.Run();
      _exit(0);
    }
    close(fds[1]);
    int p = 0;
    if (read(fds[0], &p, sizeof p) != sizeof p) p = 0;
    close(fds[0]);
    port_ = p;
    return pid;
  }
};

TEST_P(CrashTest, KillDuringWritesLosesNothingAcknowledged) {
  StopServer();
  store_.reset();  // the child owns the store while it runs
  constexpr int kRounds = 3;
  std::vector<std::pair<std::int64_t, std::string>> acknowledged;
  std::mutex mu;
  for (int round = 0; round < kRounds; ++round) {
    pid_t pid = ForkServer();
    ASSERT_GT(pid, 0);
    ASSERT_GT(port_, 0);
    Session s = Login("ceo");
    std::atomic<bool> stop{false};
    std::vector<std::thread> writers;
    for (int w = 0; w < 4; ++w) {
      writers.emplace_back([&, w] {
        for (int i = 0; !stop; ++i) {
          std::string name = "Crash R" + std::to_string(round) + " W" + std::to_string(w) + " N" + std::to_string(i);
          Response r = Post("/api/people", &s, {{"name", name}});
          if (r.status == 201) {
            std::lock_guard lock(mu);
            acknowledged.emplace_back(r.body["id"].get<std::int64_t>(), name);
          } else if (r.status == 0) {
            return;  // server gone
          }
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(400 + 150 * round));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    stop = true;
    for (auto& t : writers) t.join();
    EXPECT_TRUE(WIFSIGNALED(status)) << "the server was killed, not exited";
  }
  ASSERT_GT(acknowledged.size(), 10u) << "the burst did not get going";
  auto reopened = OpenTestStore();
  ASSERT_TRUE(reopened.ok()) << "store must open cleanly after kill -9: " << reopened.status().ToString();
  store::Actor ceo{users_["ceo"].id, "ceo", campaign::Role::kCeo, ""};
  for (const auto& [id, name] : acknowledged) {
    auto p = (*reopened)->GetPerson(ceo, id);
    ASSERT_TRUE(p.ok()) << "acknowledged person " << id << " lost: " << p.status().ToString();
    EXPECT_EQ(p->name, name);
  }
  store_ = std::move(*reopened);
}

INSTANTIATE_TEST_SUITE_P(Backends, CrashTest, ST_API_BACKENDS);

}  // namespace
}  // namespace st::web::testing
