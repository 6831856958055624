// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "gatewayreader.h"

namespace quarry {

// AWS Bedrock model invocation logs, one JSON record a line as Bedrock delivers them to S3 or
// CloudWatch Logs (schema: AWS Bedrock User Guide, "Monitor model invocation using CloudWatch
// Logs and Amazon S3", schemaType "ModelInvocationLog", schemaVersion "1.0"):
//   timestamp, accountId, identity.arn, region, requestId, operation, modelId,
//   input.{inputContentType, inputBodyJson, inputTokenCount, inputBodyS3Path},
//   output.{outputBodyJson (Converse: metrics.latencyMs), outputTokenCount}.
// The caller is identity.arn (an IAM user or assumed-role session); accountId is the AWS account
// that owns it, so it is the organization, not the account. The prompt is the user's text in
// inputBodyJson (Converse/Messages "messages", completion "prompt", Titan "inputText"). A
// CloudWatch export that wraps each event ({"timestamp":..., "message":"{...}"}) is unwrapped.
// Records of another schemaType are skipped and counted.
class BedrockReader final : public GatewayReader {
public:
    const char* formatName() const override { return "bedrock"; }
    const char* description() const override {
        return "AWS Bedrock model invocation logs (JSON lines from S3 or CloudWatch)";
    }
    int confidence(const FileHead& head) const override;

protected:
    std::vector<FieldSource> fieldSources() const override;
    void readRecord(json::Element record) override;
};

}  // namespace quarry
