// SPDX-License-Identifier: GPL-3.0-or-later
#include "clustergraphdata.h"

#include <algorithm>
#include <cmath>

#include "graphforce.h"
#include "store/sqlite.h"

namespace quarry::gui {

bool hasLinkSummary(sqlite3* db) {
    return sql::queryInt(db,
                         "SELECT count(*) FROM sqlite_schema WHERE name IN ('cluster_links', "
                         "'cluster_link_members', 'account_features')") == 3;
}

ClusterGraphData loadClusterGraph(sqlite3* db, int64_t cluster, int maxNodes, int maxEdges) {
    if (hasLinkSummary(db)) return loadClusterHubs(db, cluster, maxNodes, maxEdges);
    return loadClusterPairs(db, cluster, maxNodes, maxEdges);
}

namespace graphlayout {

namespace {
constexpr char kNodeColumns[] =
    "SELECT f.account_id, a.value, f.score, f.requests, f.flagged FROM account_features f "
    "JOIN accounts a ON a.id = f.account_id ";

GraphNode nodeAt(const sql::Statement& s) {
    GraphNode n;
    n.account = s.int64(0);
    n.name = s.text(1);
    n.score = s.real(2);
    n.requests = s.int64(3);
    n.flagged = s.int64(4) != 0;
    return n;
}
}  // namespace

std::vector<GraphNode> members(sqlite3* db, int64_t cluster) {
    std::vector<GraphNode> out;
    sql::Statement s(db,
                     std::string(kNodeColumns) + "WHERE f.cluster_id = ?1 ORDER BY f.account_id");
    s.bind(1, cluster);
    while (s.step()) out.push_back(nodeAt(s));
    return out;
}

std::vector<GraphNode> accounts(sqlite3* db, const std::vector<int64_t>& ids) {
    std::vector<GraphNode> out;
    sql::Statement s(db, std::string(kNodeColumns) + "WHERE f.account_id = ?1");
    for (int64_t id : ids) {
        s.reset();
        s.bind(1, id);
        if (s.step()) out.push_back(nodeAt(s));
    }
    return out;
}

void place(ClusterGraphData& g) {
    const size_t n = g.nodes.size() + g.hubs.size();
    if (n == 0) return;
    const int hubBase = static_cast<int>(g.nodes.size());
    std::vector<int> ends;
    std::vector<double> weights;
    ends.reserve(g.edges.size() * 2);
    for (const GraphEdge& e : g.edges) {
        ends.push_back(e.from);
        ends.push_back(e.hub >= 0 ? hubBase + e.hub : e.to);
        weights.push_back(std::max(e.weight, 0.01));
    }
    const std::vector<double> xy = drawingLayout(static_cast<int>(n), ends, weights);
    if (xy.size() != n * 2) return;
    // Dense clusters collapse into a clump and one loosely tied member sits far out; scale so the
    // typical distance to the nearest neighbour is one unit, whatever the layout's own scale.
    std::vector<double> nearest;
    for (size_t i = 0; i < n; ++i) {
        double best = -1;
        for (size_t j = 0; j < n; ++j) {
            if (i == j) continue;
            const double d = std::hypot(xy[i * 2] - xy[j * 2], xy[i * 2 + 1] - xy[j * 2 + 1]);
            if (best < 0 || d < best) best = d;
        }
        if (best > 0) nearest.push_back(best);
    }
    double unit = 1;
    if (!nearest.empty()) {
        std::nth_element(nearest.begin(), nearest.begin() + static_cast<long>(nearest.size() / 2),
                         nearest.end());
        unit = nearest[nearest.size() / 2];
    }
    double cx = 0, cy = 0;
    for (size_t i = 0; i < n; ++i) {
        cx += xy[i * 2];
        cy += xy[i * 2 + 1];
    }
    cx /= static_cast<double>(n);
    cy /= static_cast<double>(n);
    // A member tied by a single weak link drifts far out and shrinks everything else when the
    // view fits the scene: pull such stragglers in to just outside the bulk.
    std::vector<double> radius;
    for (size_t i = 0; i < n; ++i) radius.push_back(std::hypot(xy[i * 2] - cx, xy[i * 2 + 1] - cy));
    std::vector<double> sorted = radius;
    std::sort(sorted.begin(), sorted.end());
    const double limit =
        1.3 * sorted[static_cast<size_t>(0.9 * static_cast<double>(sorted.size() - 1))] + unit;
    for (size_t i = 0; i < n; ++i) {
        const double pull = radius[i] > limit ? limit / radius[i] : 1.0;
        const double x = (cx + (xy[i * 2] - cx) * pull) / unit;
        const double y = (cy + (xy[i * 2 + 1] - cy) * pull) / unit;
        if (i < g.nodes.size()) {
            g.nodes[i].x = x;
            g.nodes[i].y = y;
        } else {
            g.hubs[i - g.nodes.size()].x = x;
            g.hubs[i - g.nodes.size()].y = y;
        }
    }
}

}  // namespace graphlayout
}  // namespace quarry::gui
