// SPDX-License-Identifier: GPL-3.0-or-later
#include "clustergraphdata.h"

#include <QHash>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "analysis/clustering.h"
#include "store/sqlite.h"

namespace quarry::gui {

ClusterGraphData loadClusterGraph(sqlite3* db, int64_t cluster, int maxNodes, int maxEdges) {
    ClusterGraphData g;
    g.cluster = cluster;
    if (sql::queryInt(
            db, "SELECT count(*) FROM sqlite_schema WHERE name IN ('account_features', 'links')") <
        2)
        return g;
    std::vector<GraphNode> members;
    {
        sql::Statement s(
            db,
            "SELECT f.account_id, a.value, f.score, f.requests, f.flagged FROM account_features f "
            "JOIN accounts a ON a.id = f.account_id WHERE f.cluster_id = ?1 ORDER BY f.account_id");
        s.bind(1, cluster);
        while (s.step()) {
            GraphNode n;
            n.account = s.int64(0);
            n.name = s.text(1);
            n.score = s.real(2);
            n.requests = s.int64(3);
            n.flagged = s.int64(4) != 0;
            members.push_back(std::move(n));
        }
    }
    g.memberCount = static_cast<int64_t>(members.size());
    QHash<int64_t, int> memberIndex;
    for (size_t i = 0; i < members.size(); ++i)
        memberIndex.insert(members[i].account, static_cast<int>(i));

    std::vector<GraphEdge> links;
    {
        sql::Statement s(
            db,
            "SELECT a, b, weight, rowid FROM links "
            "WHERE a IN (SELECT account_id FROM account_features WHERE cluster_id = ?1) "
            "AND b IN (SELECT account_id FROM account_features WHERE cluster_id = ?1)");
        s.bind(1, cluster);
        while (s.step()) {
            GraphEdge e;
            e.from = memberIndex.value(s.int64(0), -1);
            e.to = memberIndex.value(s.int64(1), -1);
            if (e.from < 0 || e.to < 0) continue;
            e.weight = s.real(2);
            e.rowid = s.int64(3);
            links.push_back(e);
        }
    }
    g.linkCount = static_cast<int64_t>(links.size());

    // Keep the members that carry the most evidence; drawing 5,000 dots shows nothing anyway.
    std::vector<double> strength(members.size(), 0.0);
    for (const GraphEdge& e : links) {
        strength[static_cast<size_t>(e.from)] += e.weight;
        strength[static_cast<size_t>(e.to)] += e.weight;
    }
    std::vector<int> order(members.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int l, int r) {
        if (strength[static_cast<size_t>(l)] != strength[static_cast<size_t>(r)])
            return strength[static_cast<size_t>(l)] > strength[static_cast<size_t>(r)];
        return members[static_cast<size_t>(l)].requests > members[static_cast<size_t>(r)].requests;
    });
    if (static_cast<int>(order.size()) > maxNodes) order.resize(static_cast<size_t>(maxNodes));
    std::sort(order.begin(), order.end());  // back to account order
    std::vector<int> kept(members.size(), -1);
    for (size_t i = 0; i < order.size(); ++i) {
        kept[static_cast<size_t>(order[i])] = static_cast<int>(i);
        g.nodes.push_back(members[static_cast<size_t>(order[i])]);
    }
    for (GraphEdge& e : links) {
        e.from = kept[static_cast<size_t>(e.from)];
        e.to = kept[static_cast<size_t>(e.to)];
        if (e.from >= 0 && e.to >= 0) g.edges.push_back(std::move(e));
    }
    std::stable_sort(g.edges.begin(), g.edges.end(),
                     [](const GraphEdge& l, const GraphEdge& r) { return l.weight > r.weight; });
    if (static_cast<int>(g.edges.size()) > maxEdges) g.edges.resize(static_cast<size_t>(maxEdges));
    {
        // A large campaign has millions of links among its members; their text is read only for
        // the few thousand that are drawn.
        sql::Statement s(db, "SELECT type, count, evidence FROM links WHERE rowid = ?");
        for (GraphEdge& e : g.edges) {
            s.reset();
            s.bind(1, e.rowid);
            if (!s.step()) continue;
            e.type = s.text(0);
            e.count = s.int64(1);
            e.evidence = s.text(2);
        }
    }

    std::vector<int> ends;
    std::vector<double> weights;
    ends.reserve(g.edges.size() * 2);
    for (const GraphEdge& e : g.edges) {
        ends.push_back(e.from);
        ends.push_back(e.to);
        weights.push_back(std::max(e.weight, 0.01));
    }
    const std::vector<double> xy = forceLayout(static_cast<int>(g.nodes.size()), ends, weights);
    if (xy.size() != g.nodes.size() * 2) return g;
    // Dense clusters collapse into a clump and one loosely tied member sits far out; scale so the
    // typical distance to the nearest neighbour is one unit, whatever the layout's own scale.
    std::vector<double> nearest;
    for (size_t i = 0; i < g.nodes.size(); ++i) {
        double best = -1;
        for (size_t j = 0; j < g.nodes.size(); ++j) {
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
    for (size_t i = 0; i < g.nodes.size(); ++i) {
        cx += xy[i * 2];
        cy += xy[i * 2 + 1];
    }
    cx /= static_cast<double>(g.nodes.size());
    cy /= static_cast<double>(g.nodes.size());
    // A member tied by a single weak link drifts far out and shrinks everything else when the
    // view fits the scene: pull such stragglers in to just outside the bulk.
    std::vector<double> radius;
    for (size_t i = 0; i < g.nodes.size(); ++i)
        radius.push_back(std::hypot(xy[i * 2] - cx, xy[i * 2 + 1] - cy));
    std::vector<double> sorted = radius;
    std::sort(sorted.begin(), sorted.end());
    const double limit =
        1.3 * sorted[static_cast<size_t>(0.9 * static_cast<double>(sorted.size() - 1))] + unit;
    for (size_t i = 0; i < g.nodes.size(); ++i) {
        const double pull = radius[i] > limit ? limit / radius[i] : 1.0;
        g.nodes[i].x = (cx + (xy[i * 2] - cx) * pull) / unit;
        g.nodes[i].y = (cy + (xy[i * 2 + 1] - cy) * pull) / unit;
    }
    return g;
}

}  // namespace quarry::gui
