// SPDX-License-Identifier: GPL-3.0-or-later
#include "newapimapping.h"

#include <algorithm>

#include "rowconverter.h"

namespace quarry {
namespace {

constexpr int kNone = -1;
constexpr std::string_view kConsume = "2";  // LogTypeConsume in both tools

bool has(const std::vector<std::string>& names, const char* n) {
    return std::find(names.begin(), names.end(), n) != names.end();
}

// Fixed texts, so skipped rows group into a few reasons.
const char* skipReason(std::string_view type) {
    if (type == "1") return "new-api top-up row (type 1)";
    if (type == "3") return "new-api management row (type 3)";
    if (type == "4") return "new-api system row (type 4)";
    if (type == "5") return "new-api error or one-api test row (type 5)";
    if (type == "6") return "new-api refund row (type 6)";
    if (type == "0") return "new-api row of unknown type (type 0)";
    return "new-api row that is not a model call";
}

bool positive(std::string_view v) {
    const auto n = parseNumber(v);
    return n && *n > 0;
}

}  // namespace

const std::vector<TableMapping::Column>& NewApiMapping::columns() const {
    static const std::vector<Column> kColumns = {
        {"id", index(Field::RequestId), "when request_id is empty"},
        {"user_id", index(Field::AccountId), "when username is empty"},
        {"created_at", index(Field::Timestamp), "Unix seconds"},
        {"type", index(Field::StatusCode),
         "type 2 (consume) is a completed model call, status 200; other rows are skipped and "
         "counted"},
        {"content", kNone, "a billing note, not the prompt"},
        {"username", index(Field::AccountId), ""},
        {"token_name", index(Field::ApiKeyId), "account/token_name when token_id is empty"},
        {"model_name", index(Field::Model), ""},
        {"quota", kNone, ""},
        {"prompt_tokens", index(Field::PromptTokens), ""},
        {"completion_tokens", index(Field::CompletionTokens), ""},
        {"use_time", index(Field::LatencyMs), "seconds, x1000, when elapsed_time is empty"},
        {"is_stream", kNone, ""},
        {"channel_id", kNone, "the upstream channel, not the caller"},
        {"channel_name", kNone, ""},
        {"token_id", index(Field::ApiKeyId), ""},
        {"group", kNone, "the user's pricing group"},
        {"ip", index(Field::Ip), ""},
        {"other", kNone, ""},
        {"request_id", index(Field::RequestId), ""},
        {"elapsed_time", index(Field::LatencyMs), "milliseconds"},
        {"system_prompt_reset", kNone, ""},
        {"channel", kNone, "the upstream channel, not the caller"},
    };
    return kColumns;
}

bool NewApiMapping::matches(const std::vector<std::string>& names) const {
    for (const char* c : {"created_at", "type", "content", "model_name", "quota"})
        if (!has(names, c)) return false;
    return true;
}

QString NewApiMapping::missingNote(Field f) const {
    switch (f) {
        case Field::Prompt:
            return QStringLiteral(
                "new-api and one-api store no prompt text (content is a billing note)");
        case Field::UserAgent:
            return QStringLiteral("new-api and one-api do not record user agents");
        case Field::Ip:
            return QStringLiteral(
                "new-api fills ip only for users who turned on IP logging; "
                "one-api has no ip column");
        default:
            return QString();
    }
}

void NewApiMapping::map(const TableRow& row, SourceRow& out) {
    out.line = row.line;
    out.raw = row.raw;
    const std::string_view type = trimmed(cell(row, Type));
    if (type != kConsume) {
        out.skip = true;
        out.skipReason = skipReason(type);
        return;
    }
    auto set = [&](Field f, std::string_view v) {
        v = trimmed(v);
        if (!v.empty()) out.set(f, v);
    };
    set(Field::Timestamp, cell(row, CreatedAt));
    const std::string_view username = trimmed(cell(row, Username));
    const std::string_view account = username.empty() ? trimmed(cell(row, UserId)) : username;
    set(Field::AccountId, account);
    set(Field::RequestId,
        trimmed(cell(row, RequestId)).empty() ? cell(row, Id) : cell(row, RequestId));
    if (positive(cell(row, TokenId))) {
        set(Field::ApiKeyId, cell(row, TokenId));
    } else if (!trimmed(cell(row, TokenName)).empty() && !account.empty()) {
        // Token names ("default") repeat across users; only the pair names one key.
        set(Field::ApiKeyId, keep(Field::ApiKeyId, std::string(account) + "/" +
                                                       std::string(trimmed(cell(row, TokenName)))));
    }
    set(Field::Model, cell(row, ModelName));
    set(Field::PromptTokens, cell(row, PromptTokens));
    set(Field::CompletionTokens, cell(row, CompletionTokens));
    set(Field::Ip, cell(row, Ip));
    // A consume row is written after the upstream answered.
    set(Field::StatusCode, "200");
    if (positive(cell(row, ElapsedTime))) {
        set(Field::LatencyMs, cell(row, ElapsedTime));
    } else if (const auto seconds = parseNumber(cell(row, UseTime))) {
        set(Field::LatencyMs, keep(Field::LatencyMs, std::to_string(*seconds * 1000)));
    }
}

}  // namespace quarry
