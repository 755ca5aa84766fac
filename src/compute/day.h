// Calendar days as integers: days since 1970-01-01 (UTC), the unit of the
// compute ledger. Parsing is strict ISO 8601 "YYYY-MM-DD".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace st::compute {

// Bounds of a valid day: 1970-01-01 .. 2199-12-31.
inline constexpr std::int32_t kMinDay = 0;
inline constexpr std::int32_t kMaxDay = 84005;

// nullopt unless `text` is exactly YYYY-MM-DD, a real date within the bounds.
std::optional<std::int32_t> ParseDay(std::string_view text);
std::string FormatDay(std::int32_t day);

}  // namespace st::compute
