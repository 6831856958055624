// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace quarry {

// Parses the timestamp forms gateways write into UTC epoch milliseconds:
//  - ISO 8601 / RFC 3339: "2026-09-01T13:04:05Z", "...05.123456+02:00", "...05-0700",
//    a space instead of 'T', a date alone; no zone means UTC (database exports drop it);
//  - Unix epoch numbers: seconds, milliseconds, microseconds or nanoseconds, told apart by
//    magnitude (seconds below 1e11, i.e. until the year 5138), fractions allowed.
// Returns nullopt for anything else, including impossible dates such as 2026-02-30.
std::optional<int64_t> parseTimestampMs(std::string_view text);

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
int64_t daysFromCivil(int64_t y, unsigned m, unsigned d);

// "2026-09-01T13:04:05.123Z".
std::string formatTimestampMs(int64_t ms);

}  // namespace quarry
