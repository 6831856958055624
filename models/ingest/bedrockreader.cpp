// SPDX-License-Identifier: GPL-3.0-or-later
#include "bedrockreader.h"

#include "chattext.h"
#include "formatregistry.h"

namespace quarry {

int BedrockReader::confidence(const FileHead& head) const {
    if (!head.isJson()) return 0;
    if (head.bytes.find("ModelInvocationLog") != std::string::npos) return 100;
    return head.hasJsonKey("modelId") && head.hasJsonKey("inputBodyJson") ? 95 : 0;
}

std::vector<GatewayReader::FieldSource> BedrockReader::fieldSources() const {
    return {{"requestId", Field::RequestId},
            {"timestamp", Field::Timestamp},
            {"identity.arn", Field::AccountId},
            {"accountId", Field::OrganizationId},
            {"modelId", Field::Model},
            {"operation", Field::Endpoint},
            {"input.inputTokenCount", Field::PromptTokens},
            {"output.outputTokenCount", Field::CompletionTokens},
            {"output.outputBodyJson.metrics.latencyMs", Field::LatencyMs},
            {"input.inputBodyJson", Field::Prompt}};
}

void BedrockReader::readRecord(json::Element record) {
    // CloudWatch Logs exports carry the record as a JSON string in "message".
    if (!json::member(record, "schemaType") && !json::member(record, "modelId")) {
        if (auto inner = reparser().parse(json::string(json::member(record, "message"))))
            if (inner->is_object()) record = *inner;
    }
    const std::string_view schema = json::string(json::member(record, "schemaType"));
    if (!schema.empty() && schema != "ModelInvocationLog") {
        BuiltRow& r = addRow();
        r.skip = true;
        r.skipReason = "not a model invocation (schemaType " + std::string(schema) + ")";
        return;
    }
    BuiltRow& r = addRow();
    r.set(Field::RequestId, json::text(json::member(record, "requestId")));
    r.set(Field::Timestamp, json::text(json::member(record, "timestamp")));
    r.set(Field::AccountId, json::text(json::at(record, "identity.arn")));
    r.set(Field::OrganizationId, json::text(json::member(record, "accountId")));
    r.set(Field::Model, json::text(json::member(record, "modelId")));
    r.set(Field::Endpoint, json::text(json::member(record, "operation")));
    r.setNumber(Field::PromptTokens, json::number(json::at(record, "input.inputTokenCount")));
    r.setNumber(Field::CompletionTokens, json::number(json::at(record, "output.outputTokenCount")));
    r.setNumber(Field::LatencyMs,
                json::number(json::at(record, "output.outputBodyJson.metrics.latencyMs")));
    if (auto body = json::at(record, "input.inputBodyJson")) {
        // Some writers keep the body as a JSON string rather than an object.
        if (body->is_string())
            if (auto parsed = reparser().parse(body->get_string().value_unsafe())) body = parsed;
        r.set(Field::Prompt, userTextOrJson(*body));
    }
}

}  // namespace quarry
