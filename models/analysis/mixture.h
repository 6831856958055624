// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Mixture: an account whose traffic is partly harvest. A reseller or a leaked key carries a
// campaign's templates inside real end-user traffic, so the account as a whole looks ordinary;
// what gives it away is the share of its requests that match a flagged cluster's templates.
#include <QString>

#include <atomic>
#include <cstdint>
#include <vector>

#include "accountfeatures.h"
#include "links.h"
#include "scoring.h"

struct sqlite3;

namespace quarry {

struct MixtureOutput {
    struct Hit {
        int64_t request, account;
        int32_t cluster;
    };
    std::vector<Hit> requests;  // the requests that carry the harvest, per flagged account
    int64_t accountsScanned = 0, promptsScanned = 0;
    bool capped = false;
};

// Matches the prompts of candidate accounts (not flagged, sharing a rare template key with a
// flagged cluster in their sample) against the flagged clusters' template keys; flags an
// account when enough of its requests match, and fills f.mixtureShare / f.mixtureRequests.
bool findMixtures(sqlite3* db, std::vector<AccountFeatures>& features, std::vector<ClusterVerdict>& verdicts,
                  const LinkOutput& links, const LinkParams& linkParams, const ScoringParams& p,
                  const std::atomic<bool>* cancel, MixtureOutput& out, QString* error);

}  // namespace quarry
