// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "accountfeatures.h"
#include "accountvalues.h"
#include "aggregates.h"

struct sqlite3;

namespace quarry {

// Gives a prompt its taxonomy topic (index) and chain-of-thought flag. One labeller is used by
// one thread only.
using PromptLabeler = std::function<void(std::string_view prompt, int& topic, bool& cot)>;

struct ContentPassInput {
    sqlite3* db = nullptr;
    // Called once on each labelling thread for that thread's own labeller.
    std::function<PromptLabeler()> makeLabeler;
    // Threads that label prompts beside the one reading SQLite. Labels do not depend on it.
    int labelThreads = 1;
    // Source topic dictionary id -> taxonomy index (a topic the source carries is kept).
    std::vector<int> sourceTopicToIndex;
    int otherTopic = 0;
    int samplePerAccount = 16;
    const std::atomic<bool>* cancel = nullptr;
    std::function<void(int64_t done, int64_t total)> progress;
};

// How many requests carry each optional field: evidence that needs a field the logs do not
// carry is reported as unavailable rather than as absent (most gateways store no prompts).
struct FieldCoverage {
    int64_t rows = 0, prompt = 0, tokens = 0, ip = 0, userAgent = 0, createdAt = 0, payment = 0,
            organization = 0, apiKey = 0, model = 0;
    // A field counts as present when at least 5% of requests carry it.
    static bool enough(int64_t n, int64_t rows) { return rows > 0 && n * 20 >= rows; }
};

// Per request id: the pass read the request (ids can have gaps); its prompt elicits reasoning.
enum RequestFlag : uint8_t { kRequestRead = 1, kRequestCot = 2 };

struct ContentPassOutput {
    std::vector<ContentAccumulator> accounts;  // indexed by account id
    std::vector<uint8_t> requestTopic;          // by request id: taxonomy index
    std::vector<uint8_t> requestFlags;          // by request id: RequestFlag bits
    std::vector<int32_t> ipSubnet;              // by ip id: subnet id
    std::vector<QString> subnetNames;           // by subnet id
    struct ModelInfo {
        int64_t firstTs = INT64_MAX;
        int64_t count = 0;
    };
    std::vector<ModelInfo> models;  // by model id
    // Every (ip, account) and (user agent, account) pair, uncapped, for the account search.
    aggregates::PairSet ipAccounts, uaAccounts;
    // The same for API keys, organisations, payments and models (the pivots; accountvalues.h).
    accountvalues::Pairs values;
    int64_t rows = 0;
    FieldCoverage coverage;
};

// One streaming pass over every request and its prompt, in storage order: topics, CoT flags,
// per-account content statistics and prompt-template samples. SQLite is read on the calling
// thread while labelThreads workers label prompts; batches are folded in storage order, so the
// result does not depend on the number of threads.
bool runContentPass(const ContentPassInput& in, ContentPassOutput& out, QString* error);

// "203.0.113.7" -> "203.0.113.0/24"; IPv6 -> its /48. Empty for text that is not an address.
QString subnetOf(const QString& ip);

}  // namespace quarry
