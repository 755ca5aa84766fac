#include "graph/phase_log.h"

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

namespace st::graph {
namespace {

long StatusKb(const std::string& key) {  // a "VmRSS:   123 kB" line of /proc/self/status
  std::ifstream f("/proc/self/status");
  for (std::string line; std::getline(f, line);)
    if (line.compare(0, key.size(), key) == 0 && line.size() > key.size() && line[key.size()] == ':')
      return std::atol(line.c_str() + key.size() + 1);
  return -1;
}

double CpuSeconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

}  // namespace

void LogPhase(const char* name) {
  static const bool enabled = std::getenv("ST_PHASE_LOG") != nullptr;
  if (!enabled) return;
  static auto last_wall = std::chrono::steady_clock::now();
  static double last_cpu = 0;
  auto now = std::chrono::steady_clock::now();
  double cpu = CpuSeconds();
  std::fprintf(stderr, "[phase] %-20s wall %7.2f s  cpu %7.2f s  rss %6ld MB  peak %6ld MB\n", name,
               std::chrono::duration<double>(now - last_wall).count(), cpu - last_cpu, StatusKb("VmRSS") / 1024,
               StatusKb("VmHWM") / 1024);
  last_wall = now;
  last_cpu = cpu;
  std::ofstream("/proc/self/clear_refs") << "5";  // restart VmHWM for the next phase
}

}  // namespace st::graph
