// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include "gatewayreader.h"
#include "pendingjoins.h"

namespace quarry {

// OpenTelemetry traces in OTLP/JSON as the Collector's file exporter writes them: one
// TracesData a line (opentelemetry-proto opentelemetry/proto/trace/v1/trace.proto and the
// OTLP/JSON mapping: resourceSpans -> scopeSpans -> spans; attributes as key/AnyValue; times
// as unix-nano strings; kind as an enum number). Names from the GenAI semantic conventions
// (open-telemetry/semantic-conventions model/gen-ai/registry.yaml), current and older:
//   gen_ai.request.model (gen_ai.response.model), gen_ai.usage.input_tokens/output_tokens
//   (older and Elastic's gen_ai.usage.prompt_tokens/completion_tokens), gen_ai.input.messages
//   (older gen_ai.prompt, OpenLLMetry's gen_ai.prompt.N.role/content, prompt events);
// and of the request: user.id, enduser.id, Elastic's gen_ai.user.id; client.address
// (older net.peer.ip / http.client_ip); user_agent.original (older http.user_agent);
// http.response.status_code; http.route / url.path.
// A request is a trace: the gateway's SERVER span (user, IP, user agent, status, latency) and
// the CLIENT span(s) that called the model (model, tokens, prompt), often in different lines.
// Spans wait in a bounded buffer keyed by trace id until the end of the file, or until the
// buffer is full (then the oldest trace is emitted). A trace without any gen_ai span is
// skipped and counted.
class OtlpReader final : public GatewayReader {
public:
    static constexpr size_t kMaxPendingTraces = 4096;
    static constexpr size_t kMaxPendingBytes = 64 << 20;

    const char* formatName() const override { return "otlp"; }
    const char* description() const override {
        return "OpenTelemetry OTLP/JSON traces (Collector file exporter), gen_ai spans";
    }
    int confidence(const FileHead& head) const override;

protected:
    std::vector<FieldSource> fieldSources() const override;
    void readRecord(json::Element record) override;
    void finish() override;

private:
    struct Trace {
        BuiltRow row;
        int64_t startNs = INT64_MAX;
        int64_t serverStartNs = 0, serverEndNs = 0;  // the SERVER span, when there is one
        int64_t llmStartNs = 0, llmEndNs = 0;        // the first gen_ai span
        bool hasServer = false, hasGenAi = false;
        double inputTokens = 0, outputTokens = 0;
        bool hasInputTokens = false, hasOutputTokens = false;
    };
    void readSpan(json::Element span, std::optional<json::Element> resourceAttributes);
    void flushOldest();
    void flush(Trace&& t);

    PendingJoins<Trace> traces_;
    size_t pendingBytes_ = 0;
};

}  // namespace quarry
