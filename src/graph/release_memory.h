// Hands memory the allocator keeps after free() back to the OS. glibc keeps
// freed chunks of its per-thread arenas resident, so without this the peak of
// one build phase stacks on the garbage of the previous ones.
#pragma once

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace st::graph {

inline void ReleaseFreedMemory() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

}  // namespace st::graph
