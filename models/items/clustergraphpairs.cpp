// SPDX-License-Identifier: GPL-3.0-or-later
// The cluster graph from pair links: what a case analysed before the link summary offers.
#include <QHash>

#include <algorithm>
#include <map>
#include <numeric>

#include "clustergraphdata.h"
#include "store/sqlite.h"

namespace quarry::gui {

ClusterGraphData loadClusterPairs(sqlite3* db, int64_t cluster, int maxNodes, int maxEdges) {
    ClusterGraphData g;
    g.cluster = cluster;
    if (sql::queryInt(
            db, "SELECT count(*) FROM sqlite_schema WHERE name IN ('account_features', 'links')") <
        2)
        return g;
    std::vector<GraphNode> members = graphlayout::members(db, cluster);
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
    std::map<QString, int64_t> types;
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
            ++types[e.type];
        }
    }
    g.types.assign(types.begin(), types.end());
    std::stable_sort(g.types.begin(), g.types.end(),
                     [](const auto& l, const auto& r) { return l.second > r.second; });
    graphlayout::place(g);
    return g;
}

}  // namespace quarry::gui
