// SPDX-License-Identifier: GPL-3.0-or-later
#include "cloudflarereader.h"

#include "chattext.h"
#include "formatregistry.h"

namespace quarry {

int CloudflareReader::confidence(const FileHead& head) const {
    if (head.isJson())
        return head.hasJsonKey("tokens_in") && head.hasJsonKey("provider") &&
                       head.hasJsonKey("created_at")
                   ? 95
                   : 0;
    return head.hasCsvColumn("tokens_in") && head.hasCsvColumn("provider") ? 95 : 0;
}

std::vector<GatewayReader::FieldSource> CloudflareReader::fieldSources() const {
    return {{"id", Field::RequestId},
            {"created_at", Field::Timestamp},
            {"metadata.user", Field::AccountId},
            {"model", Field::Model},
            {"path", Field::Endpoint},
            {"tokens_in", Field::PromptTokens},
            {"tokens_out", Field::CompletionTokens},
            {"status_code", Field::StatusCode},
            {"duration", Field::LatencyMs},
            {"request_head", Field::Prompt}};
}

void CloudflareReader::readRecord(json::Element record) {
    // An API response page: every log in "result".
    if (auto result = json::member(record, "result"); result && result->is_array()) {
        for (json::Element log : json::items(result))
            if (log.is_object()) readLog(log);
        return;
    }
    readLog(record);
}

void CloudflareReader::readLog(json::Element log) {
    BuiltRow& r = addRow();
    r.set(Field::RequestId, json::text(json::member(log, "id")));
    r.set(Field::Timestamp, json::text(json::member(log, "created_at")));
    r.set(Field::Model, json::text(json::member(log, "model")));
    r.set(Field::Endpoint, json::text(json::member(log, "path")));
    r.setNumber(Field::PromptTokens, json::number(json::member(log, "tokens_in")));
    r.setNumber(Field::CompletionTokens, json::number(json::member(log, "tokens_out")));
    r.setNumber(Field::StatusCode, json::number(json::member(log, "status_code")));
    r.setNumber(Field::LatencyMs, json::number(json::member(log, "duration")));

    // The request body before metadata: both may need the reparser, and a second parse ends
    // the first one's elements.
    if (auto head = json::member(log, "request_head"); head && head->is_string()) {
        std::string text;
        if (auto body = reparser().parse(head->get_string().value_unsafe()))
            if (appendUserText(*body, text)) r.set(Field::Prompt, text);
    }
    auto metadata = json::member(log, "metadata");
    if (metadata && metadata->is_string())
        metadata = reparser().parse(metadata->get_string().value_unsafe());
    if (metadata && metadata->is_object()) {
        for (const char* key : {"user", "user_id", "userId", "account", "account_id", "accountId",
                                "customer_id", "customerId"})
            if (!r.has(Field::AccountId))
                r.set(Field::AccountId, json::text(json::member(*metadata, key)));
        for (const char* key : {"org", "org_id", "organization", "team", "team_id"})
            if (!r.has(Field::OrganizationId))
                r.set(Field::OrganizationId, json::text(json::member(*metadata, key)));
        for (const char* key : {"ip", "client_ip"})
            if (!r.has(Field::Ip)) r.set(Field::Ip, json::text(json::member(*metadata, key)));
        for (const char* key : {"user_agent", "userAgent"})
            if (!r.has(Field::UserAgent))
                r.set(Field::UserAgent, json::text(json::member(*metadata, key)));
    }
}

}  // namespace quarry
