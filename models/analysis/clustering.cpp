// SPDX-License-Identifier: GPL-3.0-or-later
#include "clustering.h"

#include <igraph/igraph.h>

#include <mutex>

namespace quarry {

std::vector<int32_t> clusterAccounts(size_t accountCount, const std::vector<Link>& links,
                                     const ClusteringParams& params, QString* error) {
    std::vector<int32_t> cluster(accountCount, -1);
    // Only accounts on some edge enter the graph, renumbered densely.
    std::vector<int32_t> vertexOf(accountCount, -1);
    std::vector<int32_t> accountOf;
    std::vector<igraph_integer_t> edgeEnds;
    std::vector<igraph_real_t> weights;
    for (const Link& l : links) {
        if (l.weight < params.minLinkWeight) continue;
        for (int32_t a : {l.a, l.b})
            if (vertexOf[a] < 0) {
                vertexOf[a] = static_cast<int32_t>(accountOf.size());
                accountOf.push_back(a);
            }
        edgeEnds.push_back(vertexOf[l.a]);
        edgeEnds.push_back(vertexOf[l.b]);
        weights.push_back(l.weight);
    }
    if (accountOf.empty()) return cluster;

    // igraph keeps global state (error handler, RNG): one clustering at a time.
    static std::mutex igraphMutex;
    std::lock_guard lock(igraphMutex);
    igraph_set_error_handler(igraph_error_handler_ignore);
    igraph_rng_seed(igraph_rng_default(), params.seed);

    igraph_vector_int_t edges;
    igraph_vector_int_view(&edges, edgeEnds.data(), static_cast<igraph_integer_t>(edgeEnds.size()));
    igraph_t graph;
    if (igraph_create(&graph, &edges, static_cast<igraph_integer_t>(accountOf.size()), IGRAPH_UNDIRECTED) !=
        IGRAPH_SUCCESS) {
        if (error) *error = QStringLiteral("igraph: cannot build the account graph");
        return {};
    }
    igraph_vector_t w;
    igraph_vector_view(&w, weights.data(), static_cast<igraph_integer_t>(weights.size()));
    // Modularity through Leiden: node weights are strengths, resolution scaled by 1 / 2m.
    igraph_vector_t strength;
    igraph_vector_init(&strength, 0);
    igraph_strength(&graph, &strength, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS, &w);
    double total = 0;
    for (double x : weights) total += x;
    igraph_vector_int_t membership;
    igraph_vector_int_init(&membership, 0);
    igraph_integer_t clusters = 0;
    igraph_real_t quality = 0;
    const igraph_error_t rc = igraph_community_leiden(
        &graph, &w, &strength, params.resolution / (2.0 * total), 0.01, false, -1, &membership,
        &clusters, &quality);
    if (rc != IGRAPH_SUCCESS) {
        if (error) *error = QStringLiteral("igraph Leiden failed: %1").arg(QString::fromUtf8(igraph_strerror(rc)));
        igraph_vector_int_destroy(&membership);
        igraph_vector_destroy(&strength);
        igraph_destroy(&graph);
        return {};
    }
    // Renumber by first member so ids do not depend on igraph's internal order.
    std::vector<int32_t> renumber(static_cast<size_t>(clusters), -1);
    int32_t next = 0;
    std::vector<std::pair<int32_t, int32_t>> byAccount;  // (account, community)
    for (size_t v = 0; v < accountOf.size(); ++v)
        byAccount.emplace_back(accountOf[v], static_cast<int32_t>(VECTOR(membership)[v]));
    std::sort(byAccount.begin(), byAccount.end());
    for (const auto& [account, community] : byAccount) {
        if (renumber[community] < 0) renumber[community] = next++;
        cluster[account] = renumber[community];
    }
    igraph_vector_int_destroy(&membership);
    igraph_vector_destroy(&strength);
    igraph_destroy(&graph);
    return cluster;
}

}  // namespace quarry
