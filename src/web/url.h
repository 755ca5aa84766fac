// Request targets from untrusted clients: split "/path?query", percent-decode
// (malformed %XX is an error, never passed through) and parse the query into
// name/value pairs. Pure string functions, unit-tested directly.
// Thread-safety: reentrant.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace st::web {

struct Target {
  std::string path;  // decoded, starts with '/'
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order (repeats kept)
};

// Decodes %XX escapes (and '+' as a space when `plus_is_space`, for queries).
// nullopt on a truncated or non-hex escape or an encoded NUL.
std::optional<std::string> PercentDecode(std::string_view s, bool plus_is_space);

// Parses an origin-form request target. Errors: InvalidInput (no leading '/',
// malformed escape).
Result<Target> ParseTarget(std::string_view target);

}  // namespace st::web
