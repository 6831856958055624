// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/timestamp.h"

#include <cstdio>

namespace quarry {
namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly n digits at s[pos].
bool digits(std::string_view s, size_t& pos, int n, int& out) {
    if (pos + n > s.size()) return false;
    int v = 0;
    for (int i = 0; i < n; ++i) {
        const char c = s[pos + i];
        if (!isDigit(c)) return false;
        v = v * 10 + (c - '0');
    }
    pos += n;
    out = v;
    return true;
}

bool isLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int daysInMonth(int64_t y, int m) {
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(y) ? 29 : kDays[m - 1];
}

std::optional<int64_t> parseEpoch(std::string_view s) {
    bool negative = false;
    size_t i = 0;
    if (s[0] == '-') {
        negative = true;
        i = 1;
    }
    if (i >= s.size()) return std::nullopt;
    // Unsigned: 19 digits can exceed INT64_MAX (nanoseconds after 2262) but never UINT64_MAX.
    uint64_t whole = 0;
    size_t intDigits = 0;
    for (; i < s.size() && isDigit(s[i]); ++i) {
        if (++intDigits > 19) return std::nullopt;
        whole = whole * 10 + (s[i] - '0');
    }
    if (intDigits == 0) return std::nullopt;
    // Fraction, kept to nanoseconds.
    int64_t fracNs = 0;  // fraction of one unit, scaled to 1e9
    if (i < s.size() && s[i] == '.') {
        ++i;
        int64_t scale = 100000000;
        size_t fracDigits = 0;
        for (; i < s.size() && isDigit(s[i]); ++i, ++fracDigits) {
            fracNs += (s[i] - '0') * scale;
            scale /= 10;
        }
        if (fracDigits == 0) return std::nullopt;
    }
    if (i != s.size()) return std::nullopt;
    int64_t ms;
    if (whole < 100000000000ULL)  // seconds
        ms = static_cast<int64_t>(whole) * 1000 + fracNs / 1000000;
    else if (whole < 100000000000000ULL)  // milliseconds
        ms = static_cast<int64_t>(whole) + fracNs / 1000000000;
    else if (whole < 100000000000000000ULL)  // microseconds
        ms = static_cast<int64_t>(whole / 1000);
    else  // nanoseconds
        ms = static_cast<int64_t>(whole / 1000000);
    return negative ? -ms : ms;
}

}  // namespace

int64_t daysFromCivil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

std::optional<int64_t> parseTimestampMs(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    if (s.empty()) return std::nullopt;
    // An ISO date has '-' at index 4; an epoch number never does.
    if (s.size() < 10 || s[4] != '-') return parseEpoch(s);

    size_t p = 0;
    int year, month, day;
    if (!digits(s, p, 4, year) || s[p++] != '-' || !digits(s, p, 2, month) || p >= s.size() ||
        s[p++] != '-' || !digits(s, p, 2, day))
        return std::nullopt;
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return std::nullopt;
    int64_t ms = daysFromCivil(year, month, day) * 86400000LL;
    if (p == s.size()) return ms;
    if (s[p] != 'T' && s[p] != 't' && s[p] != ' ') return std::nullopt;
    ++p;
    int hour, minute, second = 0;
    if (!digits(s, p, 2, hour) || p >= s.size() || s[p++] != ':' || !digits(s, p, 2, minute))
        return std::nullopt;
    if (p < s.size() && s[p] == ':') {
        ++p;
        if (!digits(s, p, 2, second)) return std::nullopt;
    }
    if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
    if (second == 60) second = 59;  // a leap second lands on the last millisecond-exact second
    ms += (hour * 3600LL + minute * 60LL + second) * 1000LL;
    if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
        ++p;
        int scale = 100;
        size_t n = 0;
        for (; p < s.size() && isDigit(s[p]); ++p, ++n) {
            ms += (s[p] - '0') * scale;
            scale /= 10;
        }
        if (n == 0) return std::nullopt;
    }
    if (p < s.size() && s[p] == ' ') ++p;  // "2026-09-01 10:00:00 +0200"
    if (p == s.size()) return ms;
    if ((s[p] == 'Z' || s[p] == 'z') && p + 1 == s.size()) return ms;
    if (s[p] != '+' && s[p] != '-') return std::nullopt;
    const int sign = s[p++] == '+' ? 1 : -1;
    int oh, om = 0;
    if (!digits(s, p, 2, oh)) return std::nullopt;
    if (p < s.size()) {
        if (s[p] == ':') ++p;
        if (!digits(s, p, 2, om)) return std::nullopt;
    }
    if (p != s.size() || oh > 23 || om > 59) return std::nullopt;
    return ms - sign * (oh * 3600LL + om * 60LL) * 1000LL;
}

std::string formatTimestampMs(int64_t ms) {
    int64_t days = ms >= 0 ? ms / 86400000 : (ms - 86399999) / 86400000;
    int64_t rem = ms - days * 86400000;
    // civil_from_days
    days += 719468;
    const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = static_cast<int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    char buf[96];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ",
                  static_cast<long long>(y), m, d, static_cast<long long>(rem / 3600000),
                  static_cast<long long>(rem / 60000 % 60), static_cast<long long>(rem / 1000 % 60),
                  static_cast<long long>(rem % 1000));
    return buf;
}

}  // namespace quarry
