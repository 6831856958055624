// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <simdjson.h>

#include "tablemapping.h"

namespace quarry {

// LiteLLM's spend log, one row per proxied call: the `LiteLLM_SpendLogs` table of
// BerriAI/litellm `schema.prisma` (its migrations under
// litellm-proxy-extras/litellm_proxy_extras/migrations/ add session_id, status,
// proxy_server_request, mcp_namespaced_tool_name, organization_id, request_duration_ms over
// time), filled by `get_logging_payload()` in
// litellm/proxy/spend_tracking/spend_tracking_utils.py:
//  - `user` is the key owner's user id, `end_user` the customer id the caller passed, `api_key`
//    the SHA-256 of the virtual key; the account is the first of those that is set;
//  - `messages` holds the chat only in older versions and only with store_prompts_in_spend_logs;
//    newer versions leave it "{}" and keep the request body in `proxy_server_request`;
//  - the user agent is only in `request_tags`, as "User-Agent: <product>" and
//    "User-Agent: <full string>" entries (`_get_user_agent_tags` in
//    litellm/litellm_core_utils/litellm_logging.py);
//  - startTime/endTime are TIMESTAMP(3) in UTC without a zone.
class LiteLlmMapping final : public TableMapping {
public:
    enum Col {
        RequestId,
        CallType,
        ApiKey,
        Spend,
        TotalTokens,
        PromptTokens,
        CompletionTokens,
        StartTime,
        EndTime,
        RequestDurationMs,
        CompletionStartTime,
        Model,
        ModelId,
        ModelGroup,
        CustomLlmProvider,
        ApiBase,
        User,
        Metadata,
        CacheHit,
        CacheKey,
        RequestTags,
        TeamId,
        OrganizationId,
        EndUser,
        RequesterIpAddress,
        Messages,
        Response,
        SessionId,
        Status,
        McpNamespacedToolName,
        AgentId,
        ProxyServerRequest,
    };

    const char* tool() const override { return "litellm"; }
    const char* tableName() const override { return "LiteLLM_SpendLogs"; }
    const std::vector<Column>& columns() const override;
    bool matches(const std::vector<std::string>& names) const override;
    QString missingNote(Field f) const override;
    std::vector<int> orderColumns() const override { return {StartTime, RequestId}; }
    void map(const TableRow& row, SourceRow& out) override;

protected:
    std::vector<int> requiredColumns() const override { return {RequestId, StartTime}; }

private:
    // Parses a JSON cell; false for an empty, "{}" or malformed one.
    bool parse(std::string_view json, simdjson::dom::element& out);
    std::string_view userAgent(std::string_view tags);
    std::string_view status(const TableRow& row);

    simdjson::dom::parser parser_;
};

}  // namespace quarry
