// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>
#include <string>

#include "gatewayreader.h"
#include "pendingjoins.h"

namespace quarry {

// Azure API Management's LLM logging, exported from Log Analytics (CSV or JSON lines) or
// archived by a diagnostic setting (JSON lines with the columns under "properties"). Two tables
// (Azure Monitor reference, tables/apimanagementgatewayllmlog and apimanagementgatewaylogs):
//  - ApiManagementGatewayLlmLog: TimeGenerated, CorrelationId, ModelName, DeploymentName,
//    PromptTokens, CompletionTokens, RequestMessages, SequenceNumber, RequestId. One call has
//    several rows: the token counts on one, the request messages split over others in
//    SequenceNumber order;
//  - ApiManagementGatewayLogs: CorrelationId, CallerIpAddress, ApimSubscriptionId (the
//    caller's subscription key, the account), ResponseCode, TotalTime (ms), Url,
//    RequestHeaders.
// Rows of one CorrelationId are joined into one request, across lines, in a bounded buffer.
// Gateway rows with no LLM row (calls to other APIs) are skipped and counted. The account is
// the subscription, else the caller's IP (as for an access log without a user).
class AzureApimReader final : public GatewayReader {
public:
    static constexpr size_t kMaxPendingCalls = 16384;

    const char* formatName() const override { return "azure-apim"; }
    const char* description() const override {
        return "Azure API Management ApiManagementGatewayLlmLog (+ ApiManagementGatewayLogs)";
    }
    int confidence(const FileHead& head) const override;

protected:
    std::vector<FieldSource> fieldSources() const override;
    void readRecord(json::Element record) override;
    void finish() override;

private:
    struct Call {
        BuiltRow row;
        bool hasLlm = false, hasGateway = false;
        std::map<int64_t, std::string> requestChunks;  // by SequenceNumber
    };
    void flushOldest();
    void flush(Call&& c);

    PendingJoins<Call> calls_;
};

}  // namespace quarry
