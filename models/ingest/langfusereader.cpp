// SPDX-License-Identifier: GPL-3.0-or-later
#include "langfusereader.h"

#include "chattext.h"
#include "formatregistry.h"
#include "timestamp.h"

namespace quarry {
namespace {

// Token counts of one generation across the API's versions: usageDetails (v3), usage
// {input, output} (v2), promptTokens/completionTokens (v1 and the UI export's usage object).
std::optional<double> tokens(json::Element o, bool input) {
    static const char* const kInput[] = {"usageDetails.input", "usage.input",
                                         "usage.promptTokens", "promptTokens",
                                         "usage.inputTokens",  "inputTokens"};
    static const char* const kOutput[] = {"usageDetails.output",    "usage.output",
                                          "usage.completionTokens", "completionTokens",
                                          "usage.outputTokens",     "outputTokens"};
    for (const char* path : input ? kInput : kOutput)
        if (auto v = json::number(json::at(o, path))) return v;
    return std::nullopt;
}

void addTokens(BuiltRow& r, Field f, std::optional<double> v) {
    if (!v) return;
    double sum = *v;
    if (r.has(f)) sum += std::stod(r.value(f));
    r.setNumber(f, sum);
}

void setUserText(BuiltRow& r, std::optional<json::Element> input) {
    if (!input || r.has(Field::Prompt)) return;
    std::string text;
    if (input->is_string()) {
        r.set(Field::Prompt, input->get_string().value_unsafe());
    } else if (appendUserText(*input, text)) {
        r.set(Field::Prompt, text);
    }
}

}  // namespace

int LangfuseReader::confidence(const FileHead& head) const {
    if (head.isJson()) {
        if (head.hasJsonKey("observations") &&
            (head.hasJsonKey("htmlPath") || head.hasJsonKey("projectId")))
            return 95;
        if (head.hasJsonKey("userId") && head.hasJsonKey("sessionId") && head.hasJsonKey("latency"))
            return 90;
        if (head.hasJsonKey("traceId") && head.hasJsonKey("startTime") &&
            head.hasJsonKey("parentObservationId"))
            return 90;
        return 0;
    }
    return head.hasCsvColumn("userId") && head.hasCsvColumn("sessionId") &&
                   head.hasCsvColumn("latency")
               ? 90
               : 0;
}

std::vector<GatewayReader::FieldSource> LangfuseReader::fieldSources() const {
    return {{"id", Field::RequestId},
            {"timestamp", Field::Timestamp},
            {"userId", Field::AccountId},
            {"latency (s)", Field::LatencyMs},
            {"observations.model", Field::Model},
            {"observations.usageDetails.input", Field::PromptTokens},
            {"observations.usageDetails.output", Field::CompletionTokens},
            {"input", Field::Prompt}};
}

void LangfuseReader::readObservation(json::Element o) {
    const std::string_view type = json::string(json::member(o, "type"));
    BuiltRow& r = addRow();
    if (type != "GENERATION") {
        r.skip = true;
        r.skipReason =
            "Langfuse " + std::string(type.empty() ? "observation" : type) + " is not a model call";
        return;
    }
    r.set(Field::RequestId, json::text(json::member(o, "id")));
    r.set(Field::Timestamp, json::text(json::member(o, "startTime")));
    r.set(Field::AccountId, json::firstText(o, {"userId", "metadata.user_id", "metadata.userId"}));
    r.set(Field::Model, json::text(json::member(o, "model")));
    r.setNumber(Field::PromptTokens, tokens(o, true));
    r.setNumber(Field::CompletionTokens, tokens(o, false));
    const auto start = parseTimestampMs(json::string(json::member(o, "startTime")));
    const auto end = parseTimestampMs(json::string(json::member(o, "endTime")));
    if (start && end && *end >= *start) r.setNumber(Field::LatencyMs, double(*end - *start));
    setUserText(r, json::member(o, "input"));
}

void LangfuseReader::readRecord(json::Element record) {
    if (json::member(record, "traceId") && json::member(record, "type")) {
        readObservation(record);
        return;
    }
    BuiltRow& r = addRow();
    r.set(Field::RequestId, json::text(json::member(record, "id")));
    r.set(Field::Timestamp, json::text(json::member(record, "timestamp")));
    r.set(Field::AccountId,
          json::firstText(record, {"userId", "metadata.user_api_key_user_id", "metadata.user_id",
                                   "metadata.userId", "metadata.end_user"}));
    r.setNumber(Field::LatencyMs, json::number(json::member(record, "latency")), 1000.0);
    r.set(Field::Ip, json::firstText(record, {"metadata.requester_ip_address", "metadata.ip"}));
    r.set(Field::UserAgent, json::firstText(record, {"metadata.user_agent", "metadata.userAgent"}));

    // The API's observations; a trace from the UI export has its totals in "usage" instead.
    bool anyObservationObject = false, anyGeneration = false;
    std::optional<json::Element> firstGenerationInput;
    if (auto obs = json::member(record, "observations"); obs && obs->is_array()) {
        for (json::Element o : json::items(obs)) {
            if (!o.is_object()) continue;  // the list endpoint gives observation ids only
            anyObservationObject = true;
            if (json::string(json::member(o, "type")) != "GENERATION") continue;
            anyGeneration = true;
            r.setIfAbsent(Field::Model, json::string(json::member(o, "model")));
            addTokens(r, Field::PromptTokens, tokens(o, true));
            addTokens(r, Field::CompletionTokens, tokens(o, false));
            if (!firstGenerationInput) firstGenerationInput = json::member(o, "input");
        }
    }
    if (anyObservationObject && !anyGeneration) {
        r.skip = true;
        r.skipReason = "Langfuse trace without a GENERATION observation";
        return;
    }
    if (!anyGeneration) {
        r.setNumber(Field::PromptTokens, tokens(record, true));
        r.setNumber(Field::CompletionTokens, tokens(record, false));
    }
    setUserText(r, json::member(record, "input"));
    setUserText(r, firstGenerationInput);
}

}  // namespace quarry
