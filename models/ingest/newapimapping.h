// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tablemapping.h"

namespace quarry {

// The `logs` table of new-api and one-api (GORM model `Log` in QuantumNous/new-api
// model/log.go and songquanpeng/one-api model/log.go; SQLite is their default store):
//  - one table for every event: `type` 2 (LogTypeConsume) is a model call; top-up (1),
//    management (3), system (4), error/test (5) and refund (6) rows are skipped and counted;
//  - `created_at` is Unix seconds; `use_time` (new-api) is whole seconds, `elapsed_time`
//    (one-api 0.6+) milliseconds;
//  - `content` is a billing note ("model ratio 2.5, completion ratio 3"), never the prompt:
//    neither tool stores prompt text;
//  - `ip` only exists in new-api and is only filled for users who turned on IP logging;
//  - `token_id` (new-api) is the key's id; one-api only names the key (`token_name`, unique
//    per user only, so it is qualified by the account).
class NewApiMapping final : public TableMapping {
public:
    enum Col {
        Id,
        UserId,
        CreatedAt,
        Type,
        Content,
        Username,
        TokenName,
        ModelName,
        Quota,
        PromptTokens,
        CompletionTokens,
        UseTime,
        IsStream,
        ChannelId,
        ChannelName,
        TokenId,
        Group,
        Ip,
        Other,
        RequestId,
        ElapsedTime,
        SystemPromptReset,
        Channel,
    };

    const char* tool() const override { return "newapi"; }
    const char* tableName() const override { return "logs"; }
    const std::vector<Column>& columns() const override;
    bool matches(const std::vector<std::string>& names) const override;
    QString missingNote(Field f) const override;
    void map(const TableRow& row, SourceRow& out) override;

protected:
    std::vector<int> requiredColumns() const override { return {CreatedAt, Type}; }
};

}  // namespace quarry
