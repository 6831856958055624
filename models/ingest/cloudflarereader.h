// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "gatewayreader.h"

namespace quarry {

// Cloudflare AI Gateway logs as the API lists them (`GET /accounts/{account_id}/ai-gateway/
// gateways/{gateway_id}/logs`; cloudflare/cloudflare-typescript
// src/resources/ai-gateway/logs.ts, LogListResponse / LogGetResponse): one log object a line,
// or one API response page a line ({"result":[...], "result_info":...}, as `curl | jq -c` saves
// them). Fields: id, created_at, model, provider, path, tokens_in, tokens_out, duration (ms),
// status_code, success, cached, step, metadata (a JSON string of the cf-aig-metadata header;
// an object in older dumps), request_head (the start of the request body).
// The gateway knows no end user: the account comes only from metadata (user, user_id, userId,
// account, customer_id...). The prompt is read from request_head when it holds a whole
// request body. CSV exports of the same fields read alike.
class CloudflareReader final : public GatewayReader {
public:
    const char* formatName() const override { return "cloudflare"; }
    const char* description() const override {
        return "Cloudflare AI Gateway logs (API log objects or response pages)";
    }
    int confidence(const FileHead& head) const override;

protected:
    std::vector<FieldSource> fieldSources() const override;
    void readRecord(json::Element record) override;

private:
    void readLog(json::Element log);
};

}  // namespace quarry
