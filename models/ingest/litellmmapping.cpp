// SPDX-License-Identifier: GPL-3.0-or-later
#include "litellmmapping.h"

#include <algorithm>

#include "chattext.h"
#include "rowconverter.h"
#include "core/timestamp.h"

namespace quarry {
namespace {

constexpr int kNone = -1;

bool has(const std::vector<std::string>& names, const char* n) {
    return std::find(names.begin(), names.end(), n) != names.end();
}

// Calls that manage files and batches cost nothing and send no prompt: not model calls.
bool isManagementCall(std::string_view callType) {
    return callType.find("file") != std::string_view::npos ||
           callType.find("retrieve_batch") != std::string_view::npos ||
           callType.find("cancel_batch") != std::string_view::npos ||
           callType.find("list_batches") != std::string_view::npos;
}

}  // namespace

const std::vector<TableMapping::Column>& LiteLlmMapping::columns() const {
    static const std::vector<Column> kColumns = {
        {"request_id", index(Field::RequestId), ""},
        {"call_type", index(Field::Endpoint), "file and batch management calls are skipped"},
        {"api_key", index(Field::ApiKeyId),
         "hashed virtual key; also the account when user, end_user and team_id are empty"},
        {"spend", kNone, ""},
        {"total_tokens", kNone, ""},
        {"prompt_tokens", index(Field::PromptTokens), ""},
        {"completion_tokens", index(Field::CompletionTokens), ""},
        {"startTime", index(Field::Timestamp), "UTC"},
        {"endTime", index(Field::LatencyMs),
         "latency = endTime - startTime when request_duration_ms is empty"},
        {"request_duration_ms", index(Field::LatencyMs), ""},
        {"completionStartTime", kNone, ""},
        {"model", index(Field::Model), "else model_group"},
        {"model_id", kNone, ""},
        {"model_group", index(Field::Model), "when model is empty"},
        {"custom_llm_provider", kNone, ""},
        {"api_base", kNone, ""},
        {"user", index(Field::AccountId), "else end_user, team_id, api_key"},
        {"metadata", index(Field::Ip),
         "requester_ip_address when the column is empty; error_information.error_code of failures"},
        {"cache_hit", kNone, ""},
        {"cache_key", kNone, ""},
        {"request_tags", index(Field::UserAgent), "the \"User-Agent: ...\" tag"},
        {"team_id", index(Field::OrganizationId),
         "when organization_id is empty; the account when user and end_user are empty"},
        {"organization_id", index(Field::OrganizationId), ""},
        {"end_user", index(Field::AccountId), "when user is empty"},
        {"requester_ip_address", index(Field::Ip), ""},
        {"messages", index(Field::Prompt), "the user turns (older versions)"},
        {"response", kNone, ""},
        {"session_id", kNone, ""},
        {"status", index(Field::StatusCode),
         "success -> 200; failure -> the error code in metadata"},
        {"mcp_namespaced_tool_name", kNone, ""},
        {"agent_id", kNone, ""},
        {"proxy_server_request", index(Field::Prompt),
         "the request body's user turns when messages is empty (newer versions)"},
    };
    return kColumns;
}

bool LiteLlmMapping::matches(const std::vector<std::string>& names) const {
    // The columns LiteLLM has always written (NOT NULL in every version of the table); a file
    // with a few LiteLLM-like names and not these is a generic CSV.
    for (const char* c : {"request_id", "call_type", "api_key", "startTime", "endTime"})
        if (!has(names, c)) return false;
    return true;
}

QString LiteLlmMapping::missingNote(Field f) const {
    switch (f) {
        case Field::Prompt:
            return QStringLiteral("LiteLLM stores none unless store_prompts_in_spend_logs is on");
        case Field::UserAgent:
            return QStringLiteral(
                "LiteLLM keeps it only as a \"User-Agent: ...\" request tag, "
                "which disable_add_user_agent_to_request_tags turns off");
        case Field::Ip:
            return QStringLiteral("requester_ip_address is empty in every LiteLLM row");
        default:
            return QString();
    }
}

bool LiteLlmMapping::parse(std::string_view json, simdjson::dom::element& out) {
    json = trimmed(json);
    if (json.size() < 3) return false;  // "", "{}", "[]"
    return parser_.parse(json.data(), json.size(), true).get(out) == simdjson::SUCCESS;
}

std::string_view LiteLlmMapping::userAgent(std::string_view tags) {
    simdjson::dom::element doc;
    simdjson::dom::array array;
    if (!parse(tags, doc) || doc.get(array) != simdjson::SUCCESS) return {};
    // Both the product alone and the full string are tagged; the full one is the longest.
    constexpr std::string_view kPrefix = "User-Agent: ";
    std::string_view best;
    for (simdjson::dom::element tag : array) {
        std::string_view t;
        if (tag.get(t) != simdjson::SUCCESS || t.substr(0, kPrefix.size()) != kPrefix) continue;
        t.remove_prefix(kPrefix.size());
        if (t.size() > best.size()) best = t;
    }
    return best.empty() ? std::string_view() : keep(Field::UserAgent, std::string(best));
}

std::string_view LiteLlmMapping::status(const TableRow& row) {
    const std::string_view s = trimmed(cell(row, Status));
    if (s == "success") return "200";
    if (s != "failure") return {};
    simdjson::dom::element meta;
    if (!parse(cell(row, Metadata), meta)) return {};
    std::string_view code;
    int64_t number = 0;
    if (meta["error_information"]["error_code"].get(code) == simdjson::SUCCESS && parseNumber(code))
        return keep(Field::StatusCode, std::string(trimmed(code)));
    if (meta["error_information"]["error_code"].get(number) == simdjson::SUCCESS)
        return keep(Field::StatusCode, std::to_string(number));
    return {};
}

void LiteLlmMapping::map(const TableRow& row, SourceRow& out) {
    out.line = row.line;
    out.raw = row.raw;
    auto set = [&](Field f, std::string_view v) {
        v = trimmed(v);
        if (!v.empty()) out.set(f, v);
    };
    auto first = [&](Field f, std::initializer_list<int> cols) {
        for (int c : cols) {
            const std::string_view v = trimmed(cell(row, c));
            if (!v.empty()) return out.set(f, v);
        }
    };
    const std::string_view callType = trimmed(cell(row, CallType));
    if (isManagementCall(callType)) {
        out.skip = true;
        out.skipReason = "LiteLLM file or batch management call";
        return;
    }
    set(Field::RequestId, cell(row, RequestId));
    set(Field::Timestamp, cell(row, StartTime));
    first(Field::AccountId, {User, EndUser, TeamId, ApiKey});
    set(Field::ApiKeyId, cell(row, ApiKey));
    first(Field::OrganizationId, {OrganizationId, TeamId});
    first(Field::Model, {Model, ModelGroup});
    set(Field::Endpoint, callType);
    set(Field::PromptTokens, cell(row, PromptTokens));
    set(Field::CompletionTokens, cell(row, CompletionTokens));
    set(Field::StatusCode, status(row));

    if (!trimmed(cell(row, RequesterIpAddress)).empty()) {
        set(Field::Ip, cell(row, RequesterIpAddress));
    } else {
        simdjson::dom::element meta;
        std::string_view ip;
        if (parse(cell(row, Metadata), meta) &&
            meta["requester_ip_address"].get(ip) == simdjson::SUCCESS)
            set(Field::Ip, keep(Field::Ip, std::string(ip)));
    }

    if (!trimmed(cell(row, RequestDurationMs)).empty()) {
        set(Field::LatencyMs, cell(row, RequestDurationMs));
    } else {
        const auto start = parseTimestampMs(cell(row, StartTime));
        const auto end = parseTimestampMs(cell(row, EndTime));
        if (start && end && *end >= *start)
            set(Field::LatencyMs, keep(Field::LatencyMs, std::to_string(*end - *start)));
    }

    set(Field::UserAgent, userAgent(cell(row, RequestTags)));
    std::string text;
    for (int c : {Messages, ProxyServerRequest}) {
        simdjson::dom::element body, inner;
        if (!parse(cell(row, c), body)) continue;
        // Older versions kept the whole proxy request ({"url", "headers", "body"}).
        if (body.is_object() && body["body"].get(inner) == simdjson::SUCCESS && inner.is_object())
            body = inner;
        if (appendUserText(body, text)) break;
    }
    if (!text.empty()) set(Field::Prompt, keep(Field::Prompt, std::move(text)));
}

}  // namespace quarry
