// libFuzzer target for the Semantic Scholar papers reader (see fuzz_entry.h).
#include "fuzz/fuzz_entry.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  st::corpus::fuzz::FuzzOne(st::corpus::fuzz::kTargets[4], data, size);
  return 0;
}
