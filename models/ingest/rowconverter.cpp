// SPDX-License-Identifier: GPL-3.0-or-later
#include "rowconverter.h"

#include <cmath>
#include <cstdlib>
#include <cstring>

#include "core/timestamp.h"
#include "utf8.h"

namespace quarry {
namespace {

std::string quoted(std::string_view v) {
    constexpr size_t kShow = 40;
    std::string s = "'";
    s.append(v.substr(0, kShow));
    if (v.size() > kShow) s += "...";
    s += "'";
    return s;
}

bool reject(SourceRow& row, RejectKind kind, std::string message) {
    row.reject = kind;
    row.rejectMessage = std::move(message);
    return false;
}

}  // namespace

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' ||
                          s.front() == '\n'))
        s.remove_prefix(1);
    while (!s.empty() &&
           (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

std::optional<int64_t> parseNumber(std::string_view text) {
    const std::string_view s = trimmed(text);
    if (s.empty()) return std::nullopt;
    size_t i = 0;
    bool negative = false;
    if (s[0] == '-' || s[0] == '+') {
        negative = s[0] == '-';
        i = 1;
    }
    int64_t v = 0;
    size_t digits = 0;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++digits) {
        if (v > (INT64_MAX - 9) / 10) return std::nullopt;
        v = v * 10 + (s[i] - '0');
    }
    if (i < s.size() && s[i] == '.') {
        ++i;
        size_t frac = 0;
        bool roundUp = false;
        for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++frac)
            if (frac == 0) roundUp = s[i] >= '5';
        if (frac == 0 && digits == 0) return std::nullopt;
        if (roundUp) ++v;
    } else if (digits == 0) {
        return std::nullopt;
    }
    if (i != s.size()) return std::nullopt;
    return negative ? -v : v;
}

bool isOutOfRangeNumber(std::string_view text) {
    const std::string_view s = trimmed(text);
    size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    size_t digits = 0;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) ++digits;
    if (i < s.size() && s[i] == '.')
        for (++i; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) ++digits;
    if (digits == 0) return false;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
        size_t exp = 0;
        for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) ++exp;
        if (exp == 0 || i != s.size()) return false;
        const std::string copy(s);
        const double v = std::strtod(copy.c_str(), nullptr);
        return !(std::fabs(v) < 9.2e18);
    }
    return i == s.size() && !parseNumber(s);
}

bool convertRow(SourceRow& row, size_t maxFieldBytes, TypedRow& out) {
    if (row.reject != RejectKind::None) return false;
    const size_t bad = firstInvalidUtf8(row.raw);
    if (bad != std::string_view::npos)
        return reject(row, RejectKind::InvalidUtf8,
                      "invalid UTF-8 at byte " + std::to_string(bad + 1) + " of the record");
    for (int f = 0; f < kFieldCount; ++f) {
        if ((row.present & (1u << f)) && row.value[f].size() > maxFieldBytes) {
            const auto name = fieldName(static_cast<Field>(f));
            return reject(row, RejectKind::FieldTooLarge,
                          "field " + std::string(name) + " is " +
                              std::to_string(row.value[f].size()) + " bytes, over the " +
                              std::to_string(maxFieldBytes) + "-byte cap");
        }
    }
    // A NUL ("\u0000" in JSON, a raw 0 byte in CSV) would cut the value wherever it is
    // printed as C text, so two accounts could read as one; the row is kept in quarantine.
    for (int f = 0; f < kFieldCount; ++f) {
        if (!(row.present & (1u << f))) continue;
        const std::string_view v = row.value[f];
        if (const void* nul = std::memchr(v.data(), 0, v.size()))
            return reject(row, RejectKind::NulByte,
                          "field " + std::string(fieldName(static_cast<Field>(f))) +
                              " holds a NUL byte (U+0000) at byte " +
                              std::to_string(static_cast<const char*>(nul) - v.data() + 1));
    }
    // Values from JSON were unescaped, so check the decoded text too where it differs.
    const std::string_view account =
        row.has(Field::AccountId) ? trimmed(row.value[index(Field::AccountId)]) : std::string_view();
    if (account.empty()) return reject(row, RejectKind::MissingAccount, "no account_id");
    row.value[index(Field::AccountId)] = account;

    if (!row.has(Field::Timestamp)) return reject(row, RejectKind::BadTimestamp, "no timestamp");
    const auto ts = parseTimestampMs(row.value[index(Field::Timestamp)]);
    if (!ts)
        return reject(row, RejectKind::BadTimestamp,
                      "bad timestamp " + quoted(row.value[index(Field::Timestamp)]));
    out.ts = *ts;

    out.hasAccountCreatedAt = false;
    if (row.has(Field::AccountCreatedAt)) {
        const auto created = parseTimestampMs(row.value[index(Field::AccountCreatedAt)]);
        if (!created)
            return reject(row, RejectKind::BadTime,
                          "bad account_created_at " +
                              quoted(row.value[index(Field::AccountCreatedAt)]));
        out.accountCreatedAt = *created;
        out.hasAccountCreatedAt = true;
    }
    out.numberPresent = 0;
    for (int i = 0; i < 4; ++i) {
        const Field f = TypedRow::kNumberFields[i];
        if (!row.has(f)) continue;
        const auto v = parseNumber(row.value[index(f)]);
        if (!v && isOutOfRangeNumber(row.value[index(f)]))
            return reject(row, RejectKind::NumberOutOfRange,
                          std::string(fieldName(f)) + " is out of range (over 64 bits): " +
                              quoted(row.value[index(f)]));
        if (!v)
            return reject(row, RejectKind::NotANumber,
                          std::string(fieldName(f)) + " is not a number: " +
                              quoted(row.value[index(f)]));
        out.number[i] = *v;
        out.numberPresent |= 1u << i;
    }
    // Dictionary keys compare trimmed, so " 10.0.0.1" and "10.0.0.1" are one IP.
    for (const auto& d : {Field::ApiKeyId, Field::OrganizationId, Field::Ip, Field::UserAgent,
                          Field::Model, Field::Endpoint, Field::PaymentFingerprint, Field::Country,
                          Field::Topic}) {
        if (!row.has(d)) continue;
        const std::string_view t = trimmed(row.value[index(d)]);
        row.value[index(d)] = t;
        if (t.empty()) row.present &= ~(1u << index(d));
    }
    return true;
}

}  // namespace quarry
