// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// quarry-cli generate: a seeded synthetic request log with planted distillation campaigns and
// hard negatives (requests.csv) and its ground truth (truth.csv). Same options, same bytes.

#include <cstdint>
#include <functional>
#include <string>

namespace quarry::gen {

struct GenerateOptions {
    std::string outDir;
    int accounts = 2000;          // benign + hard negatives
    int days = 14;
    int campaigns = 3;
    int campaignAccounts = 300;   // across all campaigns
    std::uint64_t seed = 1;
    std::int64_t requests = 0;    // approximate total; 0 = natural volumes
    std::int64_t startMs = 1788220800000;  // 2026-09-01T00:00:00Z, never "now"
    // Called after each generated day with (day, days, rows so far).
    std::function<void(int, int, std::int64_t)> progress;
};

struct GenerateResult {
    bool ok = false;
    std::string error;
    std::int64_t requests = 0;
    std::int64_t campaignRequests = 0;
    int benignAccounts = 0, hardNegativeAccounts = 0, campaignAccounts = 0, campaigns = 0;
    std::string requestsPath, truthPath;
    std::int64_t requestsBytes = 0;
    double seconds = 0;
};

// Checks the options; empty when they are usable, otherwise the reason.
std::string validate(const GenerateOptions& o);

GenerateResult generateDataset(const GenerateOptions& o);

}  // namespace quarry::gen
