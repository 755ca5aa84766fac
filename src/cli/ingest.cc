// Placeholder until the owning change lands; replaced by the real command.
#include <cstdio>

#include "cli/commands.h"

namespace st::cli {

int RunIngest(int, char**) {
  std::fprintf(stderr, "superteam: this command is not built yet\n");
  return 1;
}

}  // namespace st::cli
