// SPDX-License-Identifier: GPL-3.0-or-later
#include "azureapimreader.h"

#include <cctype>

#include "chattext.h"
#include "formatregistry.h"
#include "jsontext.h"

namespace quarry {
namespace {

using json::Element;

// A column by its Log Analytics name ("CallerIpAddress"), also in the camelCase a diagnostic
// setting archives, at the top level or under "properties".
std::optional<Element> column(Element record, std::string_view name) {
    std::string camel(name);
    camel[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(camel[0])));
    const auto props = json::member(record, "properties");
    for (const std::optional<Element>& scope : {std::optional<Element>(record), props}) {
        if (!scope) continue;
        // An empty cell (a union query's CSV) is no value.
        for (const std::string_view key : {name, std::string_view(camel)})
            if (auto v = json::member(*scope, key);
                v && !(v->is_string() && json::string(v).empty()))
                return v;
    }
    return std::nullopt;
}

std::optional<std::string> columnText(Element record, std::string_view name) {
    return json::text(column(record, name));
}

// "https://host/openai/deployments/x/chat/completions?api-version=..." -> the path.
std::string urlPath(std::string_view url) {
    const size_t scheme = url.find("://");
    if (scheme != std::string_view::npos) {
        const size_t slash = url.find('/', scheme + 3);
        url = slash == std::string_view::npos ? std::string_view("/") : url.substr(slash);
    }
    return std::string(url.substr(0, url.find('?')));
}

// The User-Agent of a RequestHeaders column: an object, or its JSON text in a CSV cell.
std::optional<std::string> userAgent(std::optional<Element> headers) {
    if (!headers || !headers->is_object()) return std::nullopt;
    for (auto [key, value] : json::members(headers)) {
        std::string k(key);
        for (char& c : k) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (k == "user-agent") return json::text(value);
    }
    return std::nullopt;
}

}  // namespace

int AzureApimReader::confidence(const FileHead& head) const {
    if (head.isJson()) {
        if (!head.hasJsonKey("CorrelationId") && !head.hasJsonKey("correlationId")) return 0;
        for (const char* marker : {"ApiManagementGateway", "GatewayLlmLogs", "PromptTokens",
                                   "promptTokens", "CallerIpAddress", "callerIpAddress"})
            if (head.bytes.find(marker) != std::string::npos) return 95;
        return 0;
    }
    return head.hasCsvColumn("CorrelationId") &&
                   (head.hasCsvColumn("PromptTokens") || head.hasCsvColumn("CallerIpAddress"))
               ? 95
               : 0;
}

std::vector<GatewayReader::FieldSource> AzureApimReader::fieldSources() const {
    return {{"CorrelationId", Field::RequestId},
            {"TimeGenerated", Field::Timestamp},
            {"ApimSubscriptionId", Field::AccountId},
            {"CallerIpAddress", Field::Ip},
            {"RequestHeaders.User-Agent", Field::UserAgent},
            {"ModelName", Field::Model},
            {"Url", Field::Endpoint},
            {"PromptTokens", Field::PromptTokens},
            {"CompletionTokens", Field::CompletionTokens},
            {"ResponseCode", Field::StatusCode},
            {"TotalTime", Field::LatencyMs},
            {"RequestMessages", Field::Prompt}};
}

void AzureApimReader::readRecord(Element record) {
    const std::string id = columnText(record, "CorrelationId").value_or(std::string());
    const std::string type =
        columnText(record, "Type").value_or(columnText(record, "category").value_or(""));
    const bool isLlm = type == "ApiManagementGatewayLlmLog" || type == "GatewayLlmLogs" ||
                       column(record, "PromptTokens") || column(record, "ModelName") ||
                       column(record, "RequestMessages") || column(record, "SequenceNumber");
    auto [call, isNew] = calls_.get(id);
    Call& c = *call;
    BuiltRow& r = c.row;
    if (isNew) {
        r.line = currentLine();
        r.setRaw(currentRaw());
        r.set(Field::RequestId, id);
    }
    if (isLlm) {
        c.hasLlm = true;
        // The LLM log's time is when the model call started: it wins over the gateway's.
        if (auto t = columnText(record, "TimeGenerated")) {
            r.unset(Field::Timestamp);
            r.set(Field::Timestamp, t);
        }
        if (!r.has(Field::Model)) r.set(Field::Model, columnText(record, "ModelName"));
        if (!r.has(Field::Model)) r.set(Field::Model, columnText(record, "DeploymentName"));
        if (!r.has(Field::PromptTokens))
            r.setNumber(Field::PromptTokens, json::number(column(record, "PromptTokens")));
        if (!r.has(Field::CompletionTokens))
            r.setNumber(Field::CompletionTokens, json::number(column(record, "CompletionTokens")));
        if (auto m = column(record, "RequestMessages")) {
            const int64_t seq =
                json::toInt64(json::number(column(record, "SequenceNumber"))).value_or(0);
            std::string chunk =
                m->is_string() ? std::string(m->get_string().value_unsafe()) : json::minified(*m);
            c.requestChunks[seq] += chunk;
        }
    } else {
        c.hasGateway = true;
        r.setIfAbsent(Field::Timestamp, columnText(record, "TimeGenerated").value_or(""));
        r.set(Field::Ip, columnText(record, "CallerIpAddress"));
        r.set(Field::ApiKeyId, columnText(record, "ApimSubscriptionId"));
        r.set(Field::AccountId, columnText(record, "ApimSubscriptionId"));
        r.setNumber(Field::StatusCode, json::number(column(record, "ResponseCode")));
        r.setNumber(Field::LatencyMs, json::number(column(record, "TotalTime")));
        if (auto url = columnText(record, "Url")) r.set(Field::Endpoint, urlPath(*url));
        auto headers = column(record, "RequestHeaders");
        if (headers && headers->is_string())
            headers = reparser().parse(headers->get_string().value_unsafe());
        r.set(Field::UserAgent, userAgent(headers));
    }
    while (calls_.size() > kMaxPendingCalls) flushOldest();
}

void AzureApimReader::flushOldest() {
    calls_.popOldest([this](Call&& c) { flush(std::move(c)); });
}

void AzureApimReader::flush(Call&& c) {
    BuiltRow& r = c.row;
    if (!c.hasLlm) {
        r.skip = true;
        r.skipReason = "API Management call without an LLM log row (not a model call)";
    } else {
        if (!r.has(Field::AccountId)) r.set(Field::AccountId, r.value(Field::Ip));
        // The chunks form one JSON text when joined; else each chunk is a message list.
        std::string joined, text;
        for (const auto& [seq, chunk] : c.requestChunks) joined += chunk;
        if (auto parsed = reparser().parse(joined)) {
            appendUserText(*parsed, text);
        } else {
            for (const auto& [seq, chunk] : c.requestChunks)
                if (auto p = reparser().parse(chunk)) appendUserText(*p, text);
        }
        if (text.empty()) text = joined;
        r.set(Field::Prompt, text);
    }
    addBuiltRow(std::move(r));
}

void AzureApimReader::finish() {
    while (!calls_.empty()) flushOldest();
}

}  // namespace quarry
