// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace quarry {

// The canonical request fields (DESIGN.md). The order is the column order of the generator's
// requests.csv, so a generated file maps by name without aliases.
enum class Field : int {
    RequestId,
    Timestamp,
    AccountId,
    ApiKeyId,
    OrganizationId,
    Ip,
    UserAgent,
    Model,
    Endpoint,
    PromptTokens,
    CompletionTokens,
    StatusCode,
    LatencyMs,
    Prompt,
    AccountCreatedAt,
    PaymentFingerprint,
    Country,
    Topic,
};
inline constexpr int kFieldCount = 18;

enum class FieldKind { Text, Integer, Time };

std::string_view fieldName(Field f);
FieldKind fieldKind(Field f);
std::optional<Field> fieldFromName(std::string_view canonicalName);

// Maps a source column or JSON key to a canonical field: canonical names first, then the aliases
// of the log schemas DESIGN.md lists (LiteLLM, Helicone, Langfuse, new-api, OpenTelemetry).
// Case-insensitive; '-', ' ' and '.' count as '_'.
std::optional<Field> fieldForSourceName(std::string_view sourceName);

constexpr int index(Field f) { return static_cast<int>(f); }

}  // namespace quarry
