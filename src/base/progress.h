// ProgressBar: a one-line bar on stderr for long work (bytes and records per
// second). Workers call Add() from any thread (atomics); one thread calls
// Render() now and then and Finish() once. Disabled (no output) when stderr is
// not a TTY or when constructed with enabled=false.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace st {

class ProgressBar {
 public:
  ProgressBar(std::string label, uint64_t total_bytes, bool enabled);
  // True when stderr is a terminal.
  static bool StderrIsTty();

  void Add(uint64_t bytes, uint64_t records) {
    bytes_.fetch_add(bytes, std::memory_order_relaxed);
    records_.fetch_add(records, std::memory_order_relaxed);
  }
  uint64_t bytes() const { return bytes_.load(std::memory_order_relaxed); }
  uint64_t records() const { return records_.load(std::memory_order_relaxed); }
  void Render();
  void Finish();

 private:
  std::string label_;
  uint64_t total_bytes_;
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
  std::atomic<uint64_t> bytes_{0};
  std::atomic<uint64_t> records_{0};
};

// "12.3 MB" style sizes for summaries.
std::string HumanBytes(double bytes);

}  // namespace st
