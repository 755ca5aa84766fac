// Ingest profiling aid: with ST_PHASE_LOG set, each LogPhase() prints to
// stderr the wall and CPU seconds since the previous call, the resident set
// now and its peak since then (the peak is reset through
// /proc/self/clear_refs, so `time -v` then reports the last phase's peak).
// Silent and free when the variable is unset. Not thread-safe: call from the
// thread driving the ingest.
#pragma once

namespace st::graph {

void LogPhase(const char* name);

}  // namespace st::graph
