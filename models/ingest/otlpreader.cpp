// SPDX-License-Identifier: GPL-3.0-or-later
#include "otlpreader.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "chattext.h"
#include "formatregistry.h"

namespace quarry {
namespace {

using json::Element;

constexpr int kMaxAnyValueDepth = 16;

// An attribute's AnyValue ({"stringValue": ...}, {"intValue": "12"}, ...) as JSON text:
// scalars as themselves, arrayValue as an array, kvlistValue as an object.
void anyValueToJson(Element v, std::string& out, int depth) {
    if (depth > kMaxAnyValueDepth) {
        out += "null";
        return;
    }
    if (auto s = json::member(v, "stringValue")) {
        json::appendQuoted(out, json::string(s));
    } else if (auto n = json::member(v, "intValue")) {
        out += json::text(n).value_or("null");
    } else if (auto d = json::member(v, "doubleValue")) {
        out += json::text(d).value_or("null");
    } else if (auto b = json::member(v, "boolValue")) {
        out += json::text(b).value_or("null");
    } else if (auto a = json::at(v, "arrayValue.values"); a && a->is_array()) {
        out += '[';
        bool first = true;
        for (Element item : json::items(a)) {
            if (!first) out += ',';
            first = false;
            anyValueToJson(item, out, depth + 1);
        }
        out += ']';
    } else if (auto kv = json::at(v, "kvlistValue.values"); kv && kv->is_array()) {
        out += '{';
        bool first = true;
        for (Element item : json::items(kv)) {
            const auto key = json::string(json::member(item, "key"));
            const auto value = json::member(item, "value");
            if (!value) continue;
            if (!first) out += ',';
            first = false;
            json::appendQuoted(out, key);
            out += ':';
            anyValueToJson(*value, out, depth + 1);
        }
        out += '}';
    } else {
        out += "null";
    }
}

// The attributes of a span (or of its resource or an event), by key.
class Attributes {
public:
    explicit Attributes(std::optional<Element> list) {
        if (!list || !list->is_array()) return;
        for (Element kv : json::items(list)) {
            const std::string_view key = json::string(json::member(kv, "key"));
            const auto value = json::member(kv, "value");
            if (!key.empty() && value) items_.emplace_back(key, *value);
        }
    }
    std::optional<Element> get(std::string_view key) const {
        for (const auto& [k, v] : items_)
            if (k == key) return v;
        return std::nullopt;
    }
    // A scalar attribute as text (the first of several names present).
    std::optional<std::string> text(std::initializer_list<std::string_view> keys) const {
        for (const std::string_view key : keys) {
            const auto v = get(key);
            if (!v) continue;
            for (const char* kind : {"stringValue", "intValue", "doubleValue", "boolValue"})
                if (auto t = json::text(json::member(*v, kind))) return t;
        }
        return std::nullopt;
    }
    std::optional<double> number(std::initializer_list<std::string_view> keys) const {
        for (const std::string_view key : keys) {
            const auto v = get(key);
            if (!v) continue;
            for (const char* kind : {"intValue", "doubleValue", "stringValue"})
                if (auto n = json::number(json::member(*v, kind))) return n;
        }
        return std::nullopt;
    }
    bool hasPrefix(std::string_view prefix) const {
        return std::any_of(items_.begin(), items_.end(), [&](const auto& kv) {
            return kv.first.substr(0, prefix.size()) == prefix;
        });
    }
    const std::vector<std::pair<std::string_view, Element>>& items() const { return items_; }

private:
    std::vector<std::pair<std::string_view, Element>> items_;
};

// A time in Unix nanoseconds; 0 (no time) for one that is not a number or past 64 bits.
int64_t nanos(std::optional<Element> v) {
    const int64_t asDouble = json::toInt64(json::number(v)).value_or(0);
    // Unix-nano times need all 19 digits: read them exactly when they come as a string.
    if (v && v->is_string()) {
        const std::string_view s = v->get_string().value_unsafe();
        int64_t out = 0;
        for (char c : s) {
            if (c < '0' || c > '9' || out > (INT64_MAX - 9) / 10) return asDouble;
            out = out * 10 + (c - '0');
        }
        return out;
    }
    if (v && v->is_int64()) return v->get_int64().value_unsafe();
    if (v && v->is_uint64()) return 0;  // past INT64_MAX (smaller ones are int64)
    return asDouble;
}

// SPAN_KIND_SERVER is 2 in OTLP/JSON; some writers spell the enum name.
bool isServer(std::optional<Element> kind) {
    if (!kind) return false;
    if (kind->is_string()) return kind->get_string().value_unsafe() == "SPAN_KIND_SERVER";
    const auto n = json::number(kind);
    return n && *n == 2;
}

}  // namespace

int OtlpReader::confidence(const FileHead& head) const {
    return head.isJson() && head.hasJsonKey("resourceSpans") ? 100 : 0;
}

std::vector<GatewayReader::FieldSource> OtlpReader::fieldSources() const {
    return {{"traceId", Field::RequestId},
            {"startTimeUnixNano", Field::Timestamp},
            {"user.id|enduser.id|gen_ai.user.id", Field::AccountId},
            {"client.address", Field::Ip},
            {"user_agent.original", Field::UserAgent},
            {"gen_ai.request.model", Field::Model},
            {"http.route", Field::Endpoint},
            {"gen_ai.usage.input_tokens", Field::PromptTokens},
            {"gen_ai.usage.output_tokens", Field::CompletionTokens},
            {"http.response.status_code", Field::StatusCode},
            {"SERVER span duration", Field::LatencyMs},
            {"gen_ai.input.messages", Field::Prompt}};
}

void OtlpReader::readRecord(Element record) {
    const auto resourceSpans = json::member(record, "resourceSpans");
    if (!resourceSpans || !resourceSpans->is_array()) {
        BuiltRow& r = addRow();
        r.skip = true;
        r.skipReason = "OTLP line without resourceSpans (logs or metrics)";
        return;
    }
    for (Element rs : json::items(resourceSpans)) {
        const auto resourceAttributes = json::at(rs, "resource.attributes");
        // "instrumentationLibrarySpans" is the name before OTLP 0.15.
        for (const char* scopeKey : {"scopeSpans", "instrumentationLibrarySpans"}) {
            const auto scopes = json::member(rs, scopeKey);
            if (!scopes || !scopes->is_array()) continue;
            for (Element scope : json::items(scopes)) {
                const auto spans = json::member(scope, "spans");
                if (!spans || !spans->is_array()) continue;
                for (Element span : json::items(spans)) readSpan(span, resourceAttributes);
            }
        }
    }
    while (traces_.size() > kMaxPendingTraces ||
           (pendingBytes_ > kMaxPendingBytes && !traces_.empty()))
        flushOldest();
}

void OtlpReader::readSpan(Element span, std::optional<Element> resourceAttributes) {
    const std::string traceId(json::string(json::member(span, "traceId")));
    auto [trace, isNew] = traces_.get(traceId);
    Trace& t = *trace;
    if (isNew) {
        t.row.line = currentLine();
        t.row.setRaw(currentRaw());
        t.row.set(Field::RequestId, traceId);
    }
    pendingBytes_ -= std::min(pendingBytes_, isNew ? 0 : t.row.heldBytes());

    const Attributes attrs(json::member(span, "attributes"));
    const Attributes resource(resourceAttributes);
    const int64_t start = nanos(json::member(span, "startTimeUnixNano"));
    const int64_t end = nanos(json::member(span, "endTimeUnixNano"));
    if (start > 0) t.startNs = std::min(t.startNs, start);
    BuiltRow& r = t.row;

    // Who called: on the gateway's SERVER span, or on the resource of a single-span service.
    for (const Attributes* a : {&attrs, &resource}) {
        if (!r.has(Field::AccountId))
            r.set(Field::AccountId, a->text({"user.id", "enduser.id", "gen_ai.user.id"}));
        if (!r.has(Field::Ip))
            r.set(Field::Ip, a->text({"client.address", "http.client_ip", "net.peer.ip",
                                      "net.sock.peer.addr"}));
        if (!r.has(Field::UserAgent))
            r.set(Field::UserAgent, a->text({"user_agent.original", "http.user_agent"}));
    }
    if (!r.has(Field::StatusCode))
        r.setNumber(Field::StatusCode,
                    attrs.number({"http.response.status_code", "http.status_code"}));
    if (!r.has(Field::Endpoint))
        r.set(Field::Endpoint, attrs.text({"http.route", "url.path", "http.target"}));
    if (isServer(json::member(span, "kind")) && !t.hasServer) {
        t.hasServer = true;
        t.serverStartNs = start;
        t.serverEndNs = end;
    }

    if (!attrs.hasPrefix("gen_ai.")) {
        pendingBytes_ += r.heldBytes();
        return;
    }
    if (!t.hasGenAi) {
        t.llmStartNs = start;
        t.llmEndNs = end;
    }
    t.hasGenAi = true;
    if (!r.has(Field::Model))
        r.set(Field::Model, attrs.text({"gen_ai.request.model", "gen_ai.response.model"}));
    if (auto n = attrs.number({"gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens"})) {
        t.inputTokens += *n;
        t.hasInputTokens = true;
    }
    if (auto n = attrs.number({"gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens"})) {
        t.outputTokens += *n;
        t.hasOutputTokens = true;
    }
    if (!r.has(Field::Prompt)) {
        std::string text;
        // gen_ai.input.messages (current) and gen_ai.prompt (older): a JSON string, or an
        // AnyValue array of kvlists.
        for (const char* key : {"gen_ai.input.messages", "gen_ai.prompt"}) {
            const auto v = attrs.get(key);
            if (!v) continue;
            std::optional<Element> parsed;
            std::string jsonText;
            if (auto s = json::member(*v, "stringValue")) {
                parsed = reparser().parse(json::string(s));
                if (!parsed) text = std::string(json::string(s));  // a plain prompt string
            } else {
                anyValueToJson(*v, jsonText, 0);
                parsed = reparser().parse(jsonText);
            }
            if (parsed) appendUserText(*parsed, text);
            if (!text.empty()) break;
        }
        // OpenLLMetry flattens messages: gen_ai.prompt.0.role / gen_ai.prompt.0.content.
        if (text.empty()) {
            std::map<int, std::pair<std::string, std::string>> turns;
            for (const auto& [key, value] : attrs.items()) {
                constexpr std::string_view kPrefix = "gen_ai.prompt.";
                if (key.substr(0, kPrefix.size()) != kPrefix) continue;
                const std::string_view rest = key.substr(kPrefix.size());
                const size_t dot = rest.find('.');
                if (dot == std::string_view::npos) continue;
                const int n = std::atoi(std::string(rest.substr(0, dot)).c_str());
                const std::string_view what = rest.substr(dot + 1);
                const std::string v(json::string(json::member(value, "stringValue")));
                if (what == "role") turns[n].first = v;
                if (what == "content") turns[n].second = v;
            }
            for (const auto& [n, turn] : turns) {
                if (turn.first != "user" || turn.second.empty()) continue;
                if (!text.empty()) text += "\n\n";
                text += turn.second;
            }
        }
        // Older conventions put the prompt on span events.
        if (text.empty())
            if (auto events = json::member(span, "events"); events && events->is_array())
                for (Element e : json::items(events)) {
                    const std::string_view name = json::string(json::member(e, "name"));
                    const Attributes ea(json::member(e, "attributes"));
                    if (name == "gen_ai.content.prompt") {
                        if (auto p = ea.text({"gen_ai.prompt"}))
                            if (auto parsed = reparser().parse(*p)) appendUserText(*parsed, text);
                    } else if (name == "gen_ai.user.message") {
                        if (auto c = ea.text({"content", "gen_ai.event.content"})) {
                            if (!text.empty()) text += "\n\n";
                            text += *c;
                        }
                    }
                }
        r.set(Field::Prompt, text);
    }
    pendingBytes_ += r.heldBytes();
}

void OtlpReader::flush(Trace&& t) {
    BuiltRow& r = t.row;
    if (!t.hasGenAi) {
        r.skip = true;
        r.skipReason = "trace without a gen_ai span (not a model call)";
    } else {
        if (t.startNs != INT64_MAX) r.set(Field::Timestamp, std::to_string(t.startNs / 1000000));
        const int64_t from = t.hasServer ? t.serverStartNs : t.llmStartNs;
        const int64_t to = t.hasServer ? t.serverEndNs : t.llmEndNs;
        if (from > 0 && to >= from) r.setNumber(Field::LatencyMs, double(to - from) / 1e6);
        if (t.hasInputTokens) r.setNumber(Field::PromptTokens, t.inputTokens);
        if (t.hasOutputTokens) r.setNumber(Field::CompletionTokens, t.outputTokens);
    }
    addBuiltRow(std::move(r));
}

void OtlpReader::flushOldest() {
    traces_.popOldest([this](Trace&& t) {
        pendingBytes_ -= std::min(pendingBytes_, t.row.heldBytes());
        flush(std::move(t));
    });
}

void OtlpReader::finish() {
    while (!traces_.empty()) flushOldest();
}

}  // namespace quarry
