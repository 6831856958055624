// SPDX-License-Identifier: GPL-3.0-or-later
#include "fields.h"

#include <string>
#include <unordered_map>

namespace quarry {
namespace {

constexpr std::array<std::string_view, kFieldCount> kNames = {
    "request_id",  "timestamp",         "account_id",    "api_key_id",    "organization_id",
    "ip",          "user_agent",        "model",         "endpoint",      "prompt_tokens",
    "completion_tokens", "status_code", "latency_ms",    "prompt",        "account_created_at",
    "payment_fingerprint", "country",   "topic",
};

struct Alias {
    std::string_view name;
    Field field;
};

// Normalised (lower case, separators as '_') source names seen in real gateway schemas.
constexpr Alias kAliases[] = {
    // request id
    {"id", Field::RequestId}, {"requestid", Field::RequestId}, {"trace_id", Field::RequestId},
    {"span_id", Field::RequestId}, {"log_id", Field::RequestId},
    // timestamp
    {"ts", Field::Timestamp}, {"time", Field::Timestamp}, {"starttime", Field::Timestamp},
    {"start_time", Field::Timestamp}, {"created_at", Field::Timestamp},
    {"request_created_at", Field::Timestamp}, {"createdat", Field::Timestamp},
    {"datetime", Field::Timestamp}, {"date", Field::Timestamp}, {"event_time", Field::Timestamp},
    {"@timestamp", Field::Timestamp}, {"start_time_unix_nano", Field::Timestamp},
    // account
    {"user", Field::AccountId}, {"user_id", Field::AccountId}, {"userid", Field::AccountId},
    {"account", Field::AccountId}, {"accountid", Field::AccountId}, {"end_user", Field::AccountId},
    {"enduser_id", Field::AccountId}, {"username", Field::AccountId},
    {"customer_id", Field::AccountId},
    // api key
    {"api_key", Field::ApiKeyId}, {"apikey", Field::ApiKeyId}, {"key_id", Field::ApiKeyId},
    {"proxy_key_id", Field::ApiKeyId}, {"token_id", Field::ApiKeyId},
    {"token_name", Field::ApiKeyId}, {"api_key_hash", Field::ApiKeyId},
    // organization
    {"org", Field::OrganizationId}, {"org_id", Field::OrganizationId},
    {"organization", Field::OrganizationId}, {"team_id", Field::OrganizationId},
    {"tenant_id", Field::OrganizationId},
    // ip
    {"requester_ip_address", Field::Ip}, {"client_ip", Field::Ip}, {"ip_address", Field::Ip},
    {"remote_addr", Field::Ip}, {"source_ip", Field::Ip}, {"client_address", Field::Ip},
    {"x_forwarded_for", Field::Ip},
    // user agent
    {"useragent", Field::UserAgent}, {"ua", Field::UserAgent}, {"http_user_agent", Field::UserAgent},
    {"user_agent_original", Field::UserAgent},
    // model
    {"model_name", Field::Model}, {"gen_ai_request_model", Field::Model},
    {"provided_model_name", Field::Model}, {"model_id", Field::Model},
    // endpoint
    {"call_type", Field::Endpoint}, {"path", Field::Endpoint}, {"route", Field::Endpoint},
    {"url_path", Field::Endpoint}, {"http_route", Field::Endpoint}, {"operation", Field::Endpoint},
    // tokens
    {"input_tokens", Field::PromptTokens}, {"gen_ai_usage_input_tokens", Field::PromptTokens},
    {"prompt_token_count", Field::PromptTokens},
    {"output_tokens", Field::CompletionTokens},
    {"gen_ai_usage_output_tokens", Field::CompletionTokens},
    {"completion_token_count", Field::CompletionTokens},
    // status
    {"http_status", Field::StatusCode},
    {"status_code_http", Field::StatusCode}, {"http_response_status_code", Field::StatusCode},
    // latency
    {"latency", Field::LatencyMs}, {"use_time_ms", Field::LatencyMs},
    {"duration_ms", Field::LatencyMs}, {"response_time_ms", Field::LatencyMs},
    // prompt
    {"messages", Field::Prompt}, {"request_body", Field::Prompt}, {"input", Field::Prompt},
    {"content", Field::Prompt}, {"gen_ai_input_messages", Field::Prompt},
    {"query", Field::Prompt}, {"prompt_text", Field::Prompt},
    // account creation
    {"account_created", Field::AccountCreatedAt}, {"user_created_at", Field::AccountCreatedAt},
    {"signup_at", Field::AccountCreatedAt}, {"registered_at", Field::AccountCreatedAt},
    // payment
    {"payment_id", Field::PaymentFingerprint}, {"card_fingerprint", Field::PaymentFingerprint},
    {"payment_method_fingerprint", Field::PaymentFingerprint},
    // country
    {"country_code", Field::Country}, {"geo_country", Field::Country},
    {"client_geo_country_iso_code", Field::Country},
    // topic
    {"category", Field::Topic}, {"task_category", Field::Topic},
};

std::string normalise(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        if (c >= 'A' && c <= 'Z')
            out.push_back(static_cast<char>(c - 'A' + 'a'));
        else if (c == '-' || c == ' ' || c == '.')
            out.push_back('_');
        else
            out.push_back(c);
    }
    // Trim surrounding whitespace that survived as '_' from sloppy headers.
    while (!out.empty() && out.back() == '_') out.pop_back();
    size_t start = 0;
    while (start < out.size() && out[start] == '_') ++start;
    return out.substr(start);
}

const std::unordered_map<std::string, Field>& lookupTable() {
    static const std::unordered_map<std::string, Field> table = [] {
        std::unordered_map<std::string, Field> t;
        for (const Alias& a : kAliases) t.emplace(std::string(a.name), a.field);
        // Canonical names win over any alias of the same spelling.
        for (int i = 0; i < kFieldCount; ++i) t[std::string(kNames[i])] = static_cast<Field>(i);
        return t;
    }();
    return table;
}

}  // namespace

std::string_view fieldName(Field f) { return kNames[index(f)]; }

FieldKind fieldKind(Field f) {
    switch (f) {
        case Field::Timestamp:
        case Field::AccountCreatedAt:
            return FieldKind::Time;
        case Field::PromptTokens:
        case Field::CompletionTokens:
        case Field::StatusCode:
        case Field::LatencyMs:
            return FieldKind::Integer;
        default:
            return FieldKind::Text;
    }
}

std::optional<Field> fieldFromName(std::string_view canonicalName) {
    for (int i = 0; i < kFieldCount; ++i)
        if (kNames[i] == canonicalName) return static_cast<Field>(i);
    return std::nullopt;
}

std::optional<Field> fieldForSourceName(std::string_view sourceName) {
    const auto& t = lookupTable();
    auto it = t.find(normalise(sourceName));
    if (it == t.end()) return std::nullopt;
    return it->second;
}

}  // namespace quarry
