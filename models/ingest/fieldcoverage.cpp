// SPDX-License-Identifier: GPL-3.0-or-later
#include "fieldcoverage.h"

#include "recordreader.h"

namespace quarry {
namespace {

struct Cost {
    Field field;
    const char* noun;  // "no <noun>"
    const char* cost;  // what the analysis cannot do without it (models/analysis: links.cpp,
                       // contentpass.cpp, scoring.cpp)
};

// Only fields whose absence costs a signal; the request id, endpoint and topic (assigned by
// analysis from the prompt) cost nothing of their own.
constexpr Cost kCosts[] = {
    {Field::Prompt, "prompt text", "topics, templates and reasoning share cannot be measured"},
    {Field::Ip, "IP address", "shared IPs and subnets cannot link accounts"},
    {Field::UserAgent, "user agent", "shared user agents cannot link accounts"},
    {Field::Model, "model", "model choice and pivots to a new model cannot be seen"},
    {Field::PromptTokens, "prompt token counts", "input volumes cannot be compared"},
    {Field::CompletionTokens, "completion token counts",
     "harvested output volumes cannot be compared"},
    {Field::ApiKeyId, "API key", "requests cannot be told apart by key within an account"},
    {Field::OrganizationId, "organization", "accounts of one organization cannot be linked"},
    {Field::AccountCreatedAt, "account creation time", "bursts of account creation cannot be seen"},
    {Field::PaymentFingerprint, "payment fingerprint", "shared payment data cannot link accounts"},
    {Field::StatusCode, "status code", "error and rate-limit rates cannot be measured"},
    {Field::LatencyMs, "latency", "response times cannot be compared"},
    {Field::Country, "country", "countries cannot be compared"},
};

}  // namespace

QString MissingField::text() const {
    for (const Cost& c : kCosts) {
        if (c.field != field) continue;
        QString t = QStringLiteral("no %1").arg(QLatin1String(c.noun));
        if (!why.isEmpty()) t += QStringLiteral(": ") + why;
        return t + QStringLiteral("; ") + cost;
    }
    return QString();
}

std::vector<MissingField> missingFields(const FieldCounts& counts, int64_t records,
                                        const RecordReader& reader,
                                        const std::vector<Field>& which) {
    std::vector<MissingField> out;
    if (records <= 0) return out;
    for (const Cost& c : kCosts) {
        if (!which.empty() && std::find(which.begin(), which.end(), c.field) == which.end())
            continue;
        if (counts[static_cast<size_t>(index(c.field))] > 0) continue;
        out.push_back({c.field, reader.missingNote(c.field), QLatin1String(c.cost)});
    }
    return out;
}

}  // namespace quarry
