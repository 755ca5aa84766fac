// Test-only: runs a shell command (the built binary) and collects its exit code and standard output.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace st::testing {

struct CliRun {
  int exit_code = -1;
  std::string out;
};

inline CliRun RunShell(const std::string& cmd) {
  CliRun r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace st::testing
