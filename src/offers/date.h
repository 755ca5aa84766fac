// Calendar days for offers: days since 1970-01-01 (UTC), the same day count
// compute::ComputePromise uses. Month arithmetic clamps to the month's end,
// so a grant starting 2028-02-29 vests 2029-02-28 and 2032-02-29, and one
// starting 2027-01-31 vests monthly on 02-28, 03-31, 04-30. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace st::offers {

using Day = std::int32_t;

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};

Day DaysFromCivil(CivilDate d);
CivilDate CivilFromDays(Day day);
bool IsLeapYear(int year);
int DaysInMonth(int year, int month);

// Strict "YYYY-MM-DD" with a real calendar day in years 1900..9999; nullopt otherwise.
std::optional<Day> ParseDate(std::string_view text);
std::string FormatDate(Day day);             // "2027-02-01"
std::string FormatDateLong(Day day);         // "1 February 2027" (letters)

// `day` plus `months` calendar months, the day of month clamped to the target month's length.
Day AddMonths(Day day, int months);

// Unix seconds → the UTC day they fall on.
Day DayOfUnix(std::int64_t unix_seconds);

}  // namespace st::offers
