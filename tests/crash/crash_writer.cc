// Crash-test writer: opens the store at argv[1] and creates people named
// "<argv[2]>-<thread>-<n>" from two threads as fast as it can, printing each
// name on stdout only after CreatePerson returned OK (= committed). The crash
// test kills it with SIGKILL at a random moment and then checks that every
// printed name is in the store. Runs until killed.
#include <unistd.h>

#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/open_store.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: crash_writer STORE_URL PREFIX\n");
    return 2;
  }
  auto store = st::store::OpenStore(argv[1]);
  if (!store.ok()) {
    std::fprintf(stderr, "crash_writer: %s\n", store.status().ToString().c_str());
    return 1;
  }
  const std::string prefix = argv[2];
  const st::store::Actor actor{0, "crash", st::campaign::Role::kCeo, ""};
  std::mutex out_mu;
  auto work = [&](int t) {
    for (int n = 0;; ++n) {
      st::campaign::PersonPatch p;
      p.name = prefix + "-" + std::to_string(t) + "-" + std::to_string(n);
      p.org = "Org " + std::to_string(n % 7);
      p.topics = std::vector<std::string>{"Topic " + std::to_string(n % 5)};
      auto r = (*store)->CreatePerson(actor, p);
      if (!r.ok()) {
        std::fprintf(stderr, "crash_writer: %s\n", r.status().ToString().c_str());
        _exit(1);
      }
      std::string line = *p.name + "\n";
      std::lock_guard lock(out_mu);
      // write(2), not stdio: the acknowledgement must leave the process
      // before the next write starts, with no buffer to lose on SIGKILL.
      if (::write(STDOUT_FILENO, line.data(), line.size()) != static_cast<ssize_t>(line.size())) _exit(1);
    }
  };
  std::thread a(work, 0), b(work, 1);
  a.join();
  b.join();
  return 0;
}
