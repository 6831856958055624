// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "recordreader.h"

namespace quarry {

// The typed values of one accepted row. Text fields stay in the SourceRow.
struct TypedRow {
    int64_t ts = 0;
    int64_t accountCreatedAt = 0;
    bool hasAccountCreatedAt = false;
    static constexpr Field kNumberFields[4] = {Field::PromptTokens, Field::CompletionTokens,
                                               Field::StatusCode, Field::LatencyMs};
    int64_t number[4] = {};
    uint8_t numberPresent = 0;  // bit i for kNumberFields[i]
};

// Checks one SourceRow the same way whatever format it came from, and types its values.
// Returns false with row.reject/rejectMessage set when the row must go to quarantine.
bool convertRow(SourceRow& row, size_t maxFieldBytes, TypedRow& out);

// "42", " 42 ", "-3", "12.0", "12.6" (rounded); nullopt for anything else.
std::optional<int64_t> parseNumber(std::string_view text);
// True when text is a well-formed number (as parseNumber reads, or with an exponent) that
// does not fit in 64 bits, so the reason given can say "out of range", not "not a number".
bool isOutOfRangeNumber(std::string_view text);

// ASCII whitespace trimmed from both ends.
std::string_view trimmed(std::string_view s);

}  // namespace quarry
