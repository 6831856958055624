// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "gatewayreader.h"

namespace quarry {

// Helicone request exports: the `@helicone/export` tool (Helicone/helicone
// examples/export/typescript/index.ts) in its jsonl and csv formats, and any JSON Lines dump of
// the request query API. Records are HeliconeRequest rows (Helicone/helicone
// valhalla/jawn/src/lib/stores/request/request.ts; ClickHouse table request_response_rmt in
// clickhouse/migrations):
//   request_id, request_created_at, request_user_id, request_model / model_override /
//   response_model, prompt_tokens, completion_tokens, response_status, delay_ms, country_code,
//   request_path, request_properties, request_body (the provider request, with --include-body).
// The export's CSV has its own columns (response_id, response_created_at, response_status,
// request_created_at, request_body, request_properties, request_user_id, model, prompt_tokens,
// completion_tokens, latency, cost) and writes JSON cells with their quotes doubled twice; the
// CSV's "model" and "latency" are empty on current versions, so the model falls back to the
// request body's. Without request_user_id the OpenAI "user" field of the body names the account.
class HeliconeReader final : public GatewayReader {
public:
    const char* formatName() const override { return "helicone"; }
    const char* description() const override {
        return "Helicone request export (@helicone/export jsonl or csv)";
    }
    int confidence(const FileHead& head) const override;

protected:
    std::vector<FieldSource> fieldSources() const override;
    void readRecord(json::Element record) override;
};

}  // namespace quarry
