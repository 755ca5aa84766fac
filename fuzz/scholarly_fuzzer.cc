// libFuzzer target for the scholarly (Google Scholar records) reader (see fuzz_entry.h).
#include "fuzz/fuzz_entry.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  st::corpus::fuzz::FuzzOne(st::corpus::fuzz::kTargets[5], data, size);
  return 0;
}
