// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <array>
#include <cstdint>
#include <vector>

#include "core/flatintset.h"
#include "minhash.h"

namespace quarry {

inline constexpr int kMaxTopics = 32;

// What Quarry knows about one account after analysis. Each number is something an analyst can
// say out loud ("flat across 24 hours", "72% of prompts ask for step-by-step reasoning").
struct AccountFeatures {
    int64_t accountId = 0;  // dictionary id in `accounts`
    // Volume and time (UTC).
    int64_t requests = 0;
    int64_t firstTs = 0, lastTs = 0;
    int activeDays = 0, activeHours = 0, spanDays = 0;
    int peakHourly = 0, peakDaily = 0;
    double meanDaily = 0;       // over active days
    double dailyCv = 0;         // spread of daily counts over the active span (flat pacing is low)
    double gapCv = 0;           // spread of inter-arrival gaps (metronome pacing is low)
    double hourEntropy = 0;     // bits over the 24 hours of the day; 4.58 = perfectly flat
    double quietShare = 0;      // share of traffic in the account's quietest 6 hours (people sleep)
    double weekendRatio = -1;   // weekend to weekday daily volume; -1 when not measurable
    // Content.
    int topTopic = -1;
    double topTopicShare = 0, topicEntropy = 0, cotShare = 0;
    double meanPromptTokens = -1, meanCompletionTokens = -1;
    // Spread of token counts: templated prompts have tight prompt sizes; -1 = no token counts.
    double promptTokenCv = -1, completionTokenCv = -1;
    double promptShare = 0;  // share of its requests that carry prompt text
    int distinctIps = 0, distinctSubnets = 0, distinctUserAgents = 0, distinctKeys = 0;
    double templateReuse = 0;        // sampled prompts that near-duplicate another of its own
    double sharedTemplateShare = 0;  // sampled prompts that near-duplicate another account's
    int64_t createdAt = 0;           // 0 = unknown
    int64_t firstHeavyDayTs = 0;     // start of the first day at half its peak daily volume
    double ageAtHeavyUseDays = -1;   // -1 = unknown
    double pivotHours = -1;          // hours from a new model's release to first use; -1 = n/a
    double newModelShare = -1;       // share of traffic after the release on the new model
    // Verdict.
    int clusterId = -1;
    // Evidence families, each 0..1 (families.h): how it sends, what it asks for, how the account
    // lives, and how tightly it is tied to other suspicious accounts.
    double automation = 0;
    double harvest = 0;
    double lifecycle = 0;
    double coordination = 0;
    // Share of its requests that match a flagged cluster's templates (a reseller or a leaked key
    // carrying harvest traffic inside ordinary traffic); -1 = not measured.
    double mixtureShare = -1;
    int64_t mixtureRequests = 0;
    double score = 0;
    bool flagged = false;
    QStringList reasons;
};

// Grows while the content pass streams an account's requests.
struct ContentAccumulator {
    uint32_t n = 0, cot = 0, tokenRows = 0, promptRows = 0;
    uint64_t promptTokens = 0, completionTokens = 0;
    double promptTokensSq = 0, completionTokensSq = 0;  // token-count shapes (metadata only)
    std::array<uint32_t, kMaxTopics> topics{};
    int64_t createdAt = 0;
    // Distinct values, bounded: an account behind a residential proxy can have thousands of IPs,
    // and counts beyond the cap change no verdict.
    static constexpr size_t kSetCap = 2048;
    FlatIntSet ips, subnets, userAgents, orgs, payments, keys;
    int32_t lastIp = -1, lastUa = -1, lastKey = -1, lastOrg = -1, lastPayment = -1, lastModel = -1;
    struct ModelUse {
        int32_t model;
        uint32_t count;
        int64_t firstTs;
        uint32_t afterRelease;  // filled in once the release is known
    };
    std::vector<ModelUse> models;
    // Bottom-k sample of prompt signatures by a hash of the request id: uniform over the
    // account's whole history, deterministic, and computed only for prompts that enter it.
    struct Sample {
        uint64_t rank;
        minhash::Signature sig;
    };
    std::vector<Sample> sample;  // max-heap on rank
};

}  // namespace quarry
