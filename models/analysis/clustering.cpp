// SPDX-License-Identifier: GPL-3.0-or-later
#include "clustering.h"

#include <igraph/igraph.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <mutex>

namespace quarry {
namespace {

// Leiden passes: until a pass leaves every vertex where it was, at most this many ("until
// stable" alone can cycle on tiny graphs). At 16 million requests both graphs (84,000 and
// 25,000 vertices, 6-7 million edges) are stable after the second pass and the eight passes that
// followed there changed nothing while costing a third of the analysis' clustering time.
constexpr int kMaxIterations = 10;

struct Graph {
    std::vector<igraph_integer_t> ends;  // pairs of vertex ids
    std::vector<igraph_real_t> weights;
    igraph_integer_t vertices = 0;
};

// igraph keeps global state (error handler, RNG): one caller at a time, analysis or dashboard.
std::mutex& igraphMutex() {
    static std::mutex m;
    return m;
}

// Leiden with the modularity objective; community per vertex, or empty on failure.
std::vector<int32_t> leiden(Graph& g, double resolution, uint64_t seed, QString* error) {
    std::lock_guard lock(igraphMutex());
    igraph_set_error_handler(igraph_error_handler_ignore);
    igraph_rng_seed(igraph_rng_default(), seed);
    igraph_vector_int_t edges;
    igraph_vector_int_view(&edges, g.ends.data(), static_cast<igraph_integer_t>(g.ends.size()));
    igraph_t graph;
    if (igraph_create(&graph, &edges, g.vertices, IGRAPH_UNDIRECTED) != IGRAPH_SUCCESS) {
        if (error) *error = QStringLiteral("igraph: cannot build the account graph");
        return {};
    }
    igraph_vector_t w;
    igraph_vector_view(&w, g.weights.data(), static_cast<igraph_integer_t>(g.weights.size()));
    // Modularity through Leiden: node weights are strengths, resolution scaled by 1 / 2m.
    igraph_vector_t strength;
    igraph_vector_init(&strength, 0);
    igraph_strength(&graph, &strength, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS, &w);
    double total = 0;
    for (double x : g.weights) total += x;
    igraph_vector_int_t membership;
    igraph_vector_int_init(&membership, 0);
    igraph_integer_t clusters = 0;
    igraph_real_t quality = 0;
    // One pass per call, each starting from the previous membership (igraph's own loop does
    // the same and draws from the same random stream), so it can stop once a pass is stable.
    igraph_error_t rc = IGRAPH_SUCCESS;
    std::vector<igraph_integer_t> previous;
    for (int pass = 0; pass < kMaxIterations && rc == IGRAPH_SUCCESS; ++pass) {
        rc = igraph_community_leiden(&graph, &w, &strength, resolution / (2.0 * total), 0.01, pass > 0, 1,
                                     &membership, &clusters, &quality);
        const igraph_integer_t* m = VECTOR(membership);
        if (pass > 0 && std::equal(previous.begin(), previous.end(), m)) break;
        previous.assign(m, m + g.vertices);
    }
    std::vector<int32_t> out;
    if (rc == IGRAPH_SUCCESS) {
        out.resize(static_cast<size_t>(g.vertices));
        for (igraph_integer_t v = 0; v < g.vertices; ++v) out[static_cast<size_t>(v)] = static_cast<int32_t>(VECTOR(membership)[v]);
    } else if (error) {
        *error = QStringLiteral("igraph Leiden failed: %1").arg(QString::fromUtf8(igraph_strerror(rc)));
    }
    igraph_vector_int_destroy(&membership);
    igraph_vector_destroy(&strength);
    igraph_destroy(&graph);
    return out;
}

// Evidence that ties accounts to one operator. Sign-up hours and user agents are left out: two
// networks can sign up in the same hour or use the same HTTP library by coincidence.
bool isOperatorEvidence(int type) {
    switch (static_cast<LinkType>(type)) {
        case LinkType::Payment:
        case LinkType::Ip:
        case LinkType::Subnet:
        case LinkType::Organization:
            return true;
        default:
            return false;
    }
}

// Renumbers cluster ids densely in order of each cluster's smallest account id, so ids do not
// depend on igraph's internal order.
void renumber(std::vector<int32_t>& cluster) {
    std::map<int32_t, int32_t> ids;
    int32_t next = 0;
    for (int32_t& c : cluster) {
        if (c < 0) continue;
        auto [it, inserted] = ids.try_emplace(c, next);
        if (inserted) ++next;
        c = it->second;
    }
}

}  // namespace

std::vector<int32_t> clusterAccounts(size_t accountCount, const std::vector<Link>& links,
                                     const ClusteringParams& params, QString* error) {
    std::vector<int32_t> cluster(accountCount, -1);
    // Only accounts on some edge enter the graph, renumbered densely.
    std::vector<int32_t> vertexOf(accountCount, -1);
    std::vector<int32_t> accountOf;
    Graph g;
    for (const Link& l : links) {
        if (l.weight < params.minLinkWeight) continue;
        for (int32_t a : {l.a, l.b})
            if (vertexOf[a] < 0) {
                vertexOf[a] = static_cast<int32_t>(accountOf.size());
                accountOf.push_back(a);
            }
        g.ends.push_back(vertexOf[l.a]);
        g.ends.push_back(vertexOf[l.b]);
        g.weights.push_back(l.weight);
    }
    if (accountOf.empty()) return cluster;
    g.vertices = static_cast<igraph_integer_t>(accountOf.size());
    const std::vector<int32_t> membership = leiden(g, params.resolution, params.seed, error);
    if (membership.empty()) return {};
    for (size_t v = 0; v < accountOf.size(); ++v) cluster[static_cast<size_t>(accountOf[v])] = membership[v];
    renumber(cluster);
    return cluster;
}

void splitByInfrastructure(std::vector<int32_t>& cluster, const std::vector<Link>& links,
                           const LinkParams& weights, int minPart) {
    int32_t clusterCount = 0;
    for (int32_t c : cluster) clusterCount = std::max(clusterCount, c + 1);
    std::vector<std::vector<int32_t>> members(static_cast<size_t>(clusterCount));
    for (size_t a = 0; a < cluster.size(); ++a)
        if (cluster[a] >= 0) members[static_cast<size_t>(cluster[a])].push_back(static_cast<int32_t>(a));
    // Links inside each cluster, split into operator evidence and the rest.
    std::vector<std::vector<const Link*>> inside(static_cast<size_t>(clusterCount));
    for (const Link& l : links)
        if (cluster[static_cast<size_t>(l.a)] >= 0 && cluster[static_cast<size_t>(l.a)] == cluster[static_cast<size_t>(l.b)])
            inside[static_cast<size_t>(cluster[static_cast<size_t>(l.a)])].push_back(&l);
    auto operatorWeight = [&](const Link& l) {
        float w = 0;
        for (int t = 0; t < kLinkTypes; ++t)
            if (l.count[static_cast<size_t>(t)] && isOperatorEvidence(t)) w += weights.typeWeight[static_cast<size_t>(t)];
        return w;
    };

    int32_t nextId = clusterCount;
    for (int32_t c = 0; c < clusterCount; ++c) {
        const auto& m = members[static_cast<size_t>(c)];
        if (static_cast<int>(m.size()) < 2 * minPart) continue;
        std::map<int32_t, int32_t> vertexOf;
        std::vector<int32_t> accountOf;
        Graph g;
        for (const Link* l : inside[static_cast<size_t>(c)]) {
            const float w = operatorWeight(*l);
            if (w <= 0) continue;
            for (int32_t a : {l->a, l->b})
                if (vertexOf.try_emplace(a, static_cast<int32_t>(accountOf.size())).second) accountOf.push_back(a);
            g.ends.push_back(vertexOf[l->a]);
            g.ends.push_back(vertexOf[l->b]);
            g.weights.push_back(w);
        }
        if (accountOf.size() < static_cast<size_t>(2 * minPart)) continue;
        // Connected components of the operator evidence: one network is one component however
        // many subnets or cards it spreads over.
        std::vector<int32_t> part(accountOf.size());
        for (size_t v = 0; v < part.size(); ++v) part[v] = static_cast<int32_t>(v);
        std::function<int32_t(int32_t)> root = [&](int32_t x) {
            while (part[static_cast<size_t>(x)] != x) x = part[static_cast<size_t>(x)] = part[static_cast<size_t>(part[static_cast<size_t>(x)])];
            return x;
        };
        for (size_t e = 0; e < g.weights.size(); ++e) {
            const int32_t ra = root(static_cast<int32_t>(g.ends[2 * e])), rb = root(static_cast<int32_t>(g.ends[2 * e + 1]));
            if (ra != rb) part[static_cast<size_t>(std::max(ra, rb))] = std::min(ra, rb);
        }
        for (size_t v = 0; v < part.size(); ++v) part[v] = root(static_cast<int32_t>(v));
        std::map<int32_t, int> partSize;
        for (int32_t p : part) ++partSize[p];
        std::vector<int32_t> major;
        int covered = 0;
        for (const auto& [p, n] : partSize)
            if (n >= minPart) {
                major.push_back(p);
                covered += n;
            }
        if (major.size() < 2 || covered * 10 < static_cast<int>(m.size()) * 6) continue;
        // Split only when the parts hardly share anything operator-like, sign-up bursts and
        // uncommon user agents included: one network spread over separate subnets is still tied
        // together by the hours its accounts were created in.
        std::map<int32_t, int32_t> partOfAccount;
        for (size_t v = 0; v < accountOf.size(); ++v) partOfAccount[accountOf[v]] = part[v];
        double within = 0, across = 0;
        for (const Link* l : inside[static_cast<size_t>(c)]) {
            const auto pa = partOfAccount.find(l->a), pb = partOfAccount.find(l->b);
            if (pa == partOfAccount.end() || pb == partOfAccount.end()) continue;
            float w = 0;
            for (int t = 0; t < kLinkTypes; ++t)
                if (l->count[static_cast<size_t>(t)] &&
                    (isOperatorEvidence(t) || t == static_cast<int>(LinkType::CreationBurst) ||
                     t == static_cast<int>(LinkType::UserAgent)))
                    w += weights.typeWeight[static_cast<size_t>(t)];
            (pa->second == pb->second ? within : across) += w;
        }
        if (across > 0.05 * within) continue;
        // Members outside the major parts join the part they are most linked to (any evidence).
        std::map<int32_t, int32_t> newId;
        for (size_t i = 0; i < major.size(); ++i) newId[major[i]] = i == 0 ? c : nextId++;
        std::map<int32_t, int32_t> assigned;  // account -> new cluster id
        for (size_t v = 0; v < accountOf.size(); ++v) {
            auto it = newId.find(part[v]);
            if (it != newId.end()) assigned[accountOf[v]] = it->second;
        }
        std::map<int32_t, std::map<int32_t, double>> pull;  // account -> new id -> weight
        for (const Link* l : inside[static_cast<size_t>(c)]) {
            auto ia = assigned.find(l->a), ib = assigned.find(l->b);
            if (ia == assigned.end() && ib != assigned.end()) pull[l->a][ib->second] += l->weight;
            if (ib == assigned.end() && ia != assigned.end()) pull[l->b][ia->second] += l->weight;
        }
        for (int32_t a : m) {
            auto it = assigned.find(a);
            if (it != assigned.end()) {
                cluster[static_cast<size_t>(a)] = it->second;
                continue;
            }
            const auto& p = pull[a];
            int32_t best = c;
            double bestW = -1;
            for (const auto& [id, w] : p)
                if (w > bestW) {
                    best = id;
                    bestW = w;
                }
            cluster[static_cast<size_t>(a)] = best;
        }
    }
    renumber(cluster);
}

std::vector<double> forceLayout(int vertices, const std::vector<int>& ends, const std::vector<double>& weights,
                                uint64_t seed) {
    std::vector<double> out;
    if (vertices <= 0) return out;
    std::lock_guard lock(igraphMutex());
    igraph_set_error_handler(igraph_error_handler_ignore);
    igraph_rng_seed(igraph_rng_default(), seed);
    std::vector<igraph_integer_t> e(ends.begin(), ends.end());
    igraph_vector_int_t edges;
    igraph_vector_int_view(&edges, e.data(), static_cast<igraph_integer_t>(e.size()));
    igraph_t graph;
    if (igraph_create(&graph, &edges, vertices, IGRAPH_UNDIRECTED) != IGRAPH_SUCCESS) return out;
    igraph_vector_t w;
    igraph_vector_view(&w, weights.data(), static_cast<igraph_integer_t>(weights.size()));
    igraph_matrix_t res;
    igraph_matrix_init(&res, 0, 0);
    const bool weighted = !weights.empty() && weights.size() * 2 == ends.size();
    if (igraph_layout_fruchterman_reingold(&graph, &res, false, 500, std::sqrt(static_cast<double>(vertices)),
                                           IGRAPH_LAYOUT_AUTOGRID, weighted ? &w : nullptr, nullptr, nullptr,
                                           nullptr, nullptr) == IGRAPH_SUCCESS) {
        out.resize(static_cast<size_t>(vertices) * 2);
        for (igraph_integer_t v = 0; v < vertices; ++v) {
            out[static_cast<size_t>(v) * 2] = MATRIX(res, v, 0);
            out[static_cast<size_t>(v) * 2 + 1] = MATRIX(res, v, 1);
        }
    }
    igraph_matrix_destroy(&res);
    igraph_destroy(&graph);
    return out;
}

}  // namespace quarry
