// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "gatewayreader.h"

namespace quarry {

// Langfuse traces (langfuse/langfuse web/src/features/public-api/types/traces.ts and
// observations.ts), one trace a line:
//  - `GET /api/public/traces/{id}` bodies: id, timestamp, userId, sessionId, metadata, input,
//    latency (SECONDS), observations[] whose GENERATIONs carry model, usage/usageDetails
//    (input, output; older promptTokens/completionTokens) and input;
//  - the UI's traces export, CSV or JSONL (worker BatchExportTracesRow: id, timestamp, userId,
//    sessionId, latency in seconds, input, metadata, usage.promptTokens/completionTokens);
//  - observation rows (the generations export or /api/public/observations): a GENERATION is a
//    request on its own (latency from startTime/endTime); SPANs and EVENTs are skipped, counted.
// One trace is one request: its generations' tokens add up, the first one names the model. A
// trace whose observations hold no GENERATION is skipped and counted. Without userId, the
// user ids LiteLLM and the SDKs put into metadata name the account.
class LangfuseReader final : public GatewayReader {
public:
    const char* formatName() const override { return "langfuse"; }
    const char* description() const override {
        return "Langfuse traces (API bodies with observations, or the UI's CSV/JSONL export)";
    }
    int confidence(const FileHead& head) const override;

protected:
    std::vector<FieldSource> fieldSources() const override;
    void readRecord(json::Element record) override;

private:
    void readObservation(json::Element observation);
};

}  // namespace quarry
