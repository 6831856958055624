// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <cstdint>
#include <vector>

#include "links.h"

namespace quarry {

struct ClusteringParams {
    // Modularity resolution; above 1 so that two account networks joined only by look-alike
    // prompts (public prompt collections, shared phrasing) come out as two clusters, while one
    // densely linked network stays whole.
    double resolution = 1.0;
    double minLinkWeight = 0.3;  // lighter links are evidence on record but not graph edges
    uint64_t seed = 42;       // Leiden is randomised; a fixed seed makes analysis repeatable
};

// Leiden communities (igraph, modularity with edge weights) over the accounts that have links.
// Returns a cluster id per account id (-1 for accounts without links); ids are dense from 0 and
// ordered by first member.
std::vector<int32_t> clusterAccounts(size_t accountCount, const std::vector<Link>& links,
                                     const ClusteringParams& params, QString* error);

// Splits a cluster whose members fall into separate operator infrastructures (payments,
// addresses, organisations) that share next to nothing:
// two networks that only look alike in their prompts are two clusters. Parts smaller than
// minPart stay with the part they are most linked to.
void splitByInfrastructure(std::vector<int32_t>& cluster, const std::vector<Link>& links,
                           const LinkParams& weights, int minPart);

// Fruchterman-Reingold positions (x0, y0, x1, y1, ...) of an undirected graph given as pairs of
// vertex indexes; weights (one per edge, optional) pull heavier edges shorter. Deterministic for a
// seed; empty on failure. Safe to call from any thread.
std::vector<double> forceLayout(int vertices, const std::vector<int>& ends, const std::vector<double>& weights,
                                uint64_t seed = 42);

}  // namespace quarry
