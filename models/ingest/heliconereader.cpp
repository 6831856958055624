// SPDX-License-Identifier: GPL-3.0-or-later
#include "heliconereader.h"

#include "chattext.h"
#include "formatregistry.h"

namespace quarry {

int HeliconeReader::confidence(const FileHead& head) const {
    if (head.isJson())
        return head.hasJsonKey("request_created_at") &&
                       (head.hasJsonKey("response_id") || head.hasJsonKey("request_user_id"))
                   ? 95
                   : 0;
    return head.hasCsvColumn("request_created_at") && head.hasCsvColumn("request_user_id") ? 95 : 0;
}

std::vector<GatewayReader::FieldSource> HeliconeReader::fieldSources() const {
    return {{"request_id", Field::RequestId},
            {"request_created_at", Field::Timestamp},
            {"request_user_id", Field::AccountId},
            {"request_model", Field::Model},
            {"request_path", Field::Endpoint},
            {"prompt_tokens", Field::PromptTokens},
            {"completion_tokens", Field::CompletionTokens},
            {"response_status", Field::StatusCode},
            {"delay_ms", Field::LatencyMs},
            {"country_code", Field::Country},
            {"request_body", Field::Prompt}};
}

void HeliconeReader::readRecord(json::Element record) {
    BuiltRow& r = addRow();
    const auto body = json::member(record, "request_body");
    r.set(Field::RequestId, json::firstText(record, {"request_id", "response_id"}));
    r.set(Field::Timestamp, json::firstText(record, {"request_created_at", "response_created_at"}));
    r.set(Field::AccountId, json::text(json::member(record, "request_user_id")));
    if (body && !r.has(Field::AccountId))
        r.set(Field::AccountId, json::text(json::member(*body, "user")));
    r.set(Field::Model,
          json::firstText(record, {"model_override", "request_model", "model", "response_model"}));
    if (body && !r.has(Field::Model)) r.set(Field::Model, json::text(json::member(*body, "model")));
    r.set(Field::Endpoint, json::text(json::member(record, "request_path")));
    r.setNumber(Field::PromptTokens, json::number(json::member(record, "prompt_tokens")));
    r.setNumber(Field::CompletionTokens, json::number(json::member(record, "completion_tokens")));
    r.setNumber(Field::StatusCode, json::number(json::member(record, "response_status")));
    auto latency = json::number(json::member(record, "delay_ms"));
    if (!latency) latency = json::number(json::member(record, "latency"));
    r.setNumber(Field::LatencyMs, latency);
    r.set(Field::Country, json::text(json::member(record, "country_code")));
    r.set(Field::ApiKeyId, json::text(json::member(record, "key_name")));
    if (body && (body->is_object() || body->is_array())) {
        std::string text;
        if (appendUserText(*body, text)) r.set(Field::Prompt, text);
    }
    // Older rows kept the rendered prompt beside the body.
    if (!r.has(Field::Prompt))
        r.set(Field::Prompt, json::text(json::member(record, "request_prompt")));
}

}  // namespace quarry
