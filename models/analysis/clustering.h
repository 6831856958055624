// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <cstdint>
#include <vector>

#include "links.h"

namespace quarry {

struct ClusteringParams {
    double resolution = 1.0;  // modularity resolution (higher gives smaller clusters)
    double minLinkWeight = 0.35;  // lighter links are evidence on record but not graph edges
    uint64_t seed = 42;       // Leiden is randomised; a fixed seed makes analysis repeatable
};

// Leiden communities (igraph, modularity with edge weights) over the accounts that have links.
// Returns a cluster id per account id (-1 for accounts without links); ids are dense from 0 and
// ordered by first member.
std::vector<int32_t> clusterAccounts(size_t accountCount, const std::vector<Link>& links,
                                     const ClusteringParams& params, QString* error);

}  // namespace quarry
