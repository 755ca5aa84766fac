#include "base/progress.h"

#include <unistd.h>

#include <cstdio>
#include <utility>

namespace st {

ProgressBar::ProgressBar(std::string label, uint64_t total_bytes, bool enabled)
    : label_(std::move(label)),
      total_bytes_(total_bytes),
      enabled_(enabled && StderrIsTty()),
      start_(std::chrono::steady_clock::now()) {}

bool ProgressBar::StderrIsTty() { return ::isatty(STDERR_FILENO) == 1; }

std::string HumanBytes(double bytes) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  int u = 0;
  while (bytes >= 1000 && u < 4) bytes /= 1000, ++u;
  char buf[32];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", bytes, units[u]);
  return buf;
}

void ProgressBar::Render() {
  if (!enabled_) return;
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  if (secs <= 0) secs = 1e-9;
  uint64_t done = bytes();
  double frac = total_bytes_ ? static_cast<double>(done) / static_cast<double>(total_bytes_) : 0;
  if (frac > 1) frac = 1;
  constexpr int kWidth = 30;
  int filled = static_cast<int>(frac * kWidth);
  std::string bar(static_cast<size_t>(filled), '#');
  bar.append(static_cast<size_t>(kWidth - filled), '.');
  std::fprintf(stderr, "\r%s [%s] %3.0f%%  %s/s  %.0f rec/s  %llu records ", label_.c_str(),
               bar.c_str(), frac * 100, HumanBytes(static_cast<double>(done) / secs).c_str(),
               static_cast<double>(records()) / secs, static_cast<unsigned long long>(records()));
  std::fflush(stderr);
}

void ProgressBar::Finish() {
  if (!enabled_) return;
  Render();
  std::fprintf(stderr, "\n");
}

}  // namespace st
