// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <atomic>
#include <functional>
#include <vector>

#include "accountfeatures.h"

struct sqlite3;

namespace quarry {
namespace aggregates {
class Builder;
}

struct TemporalPassOutput {
    std::vector<minhash::Signature> activeHours;  // by account id: MinHash of its active hours
    std::vector<uint32_t> afterRelease;           // by account id: requests at/after release
};

// Walks every account's requests in time order through the (account_id, ts) index alone and
// fills the time features of `features` (indexed by account id). Writes account_daily (the
// per-account, per-day counts the timeline overview draws) as it goes, and feeds every request
// to `agg` (when given) so the dashboard's aggregates cost no pass of their own.
bool runTemporalPass(sqlite3* db, int64_t releaseTs, std::vector<AccountFeatures>& features,
                     TemporalPassOutput& out, const std::atomic<bool>* cancel,
                     const std::function<void(int64_t, int64_t)>& progress, QString* error,
                     aggregates::Builder* agg = nullptr);

// Shannon entropy in bits of a histogram.
double entropyBits(const uint32_t* counts, int n);
double entropyBits(const std::vector<double>& counts);

}  // namespace quarry
