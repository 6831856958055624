// SPDX-License-Identifier: GPL-3.0-or-later
// The cluster graph from the link summary analyze writes: one hub per shared key.
#include <QHash>

#include <algorithm>
#include <map>
#include <numeric>

#include "clustergraphdata.h"
#include "store/sqlite.h"

namespace quarry::gui {

ClusterGraphData loadClusterHubs(sqlite3* db, int64_t cluster, int maxNodes, int maxEdges,
                                 int maxHubs, int maxHubsPerType) {
    ClusterGraphData g;
    if (!hasLinkSummary(db)) return g;
    g.cluster = cluster;
    g.summarised = true;
    std::vector<GraphNode> members = graphlayout::members(db, cluster);
    g.memberCount = static_cast<int64_t>(members.size());
    QHash<int64_t, int> memberIndex;
    for (size_t i = 0; i < members.size(); ++i)
        memberIndex.insert(members[i].account, static_cast<int>(i));

    // Every hub of the cluster, widest first (the order analyze wrote them in).
    std::vector<GraphHub> hubs;
    QHash<int64_t, int> hubIndex;
    std::map<QString, int64_t> typeCounts;
    {
        sql::Statement s(db,
                         "SELECT id, type, value, members, pairs, keys, strength FROM "
                         "cluster_links WHERE cluster_id = ?1 ORDER BY members DESC, strength "
                         "DESC, id");
        s.bind(1, cluster);
        while (s.step()) {
            GraphHub h;
            h.id = s.int64(0);
            h.type = s.text(1);
            h.value = s.text(2);
            h.members = s.int64(3);
            h.pairs = s.int64(4);
            h.keys = static_cast<int>(s.int64(5));
            h.strength = s.real(6);
            hubIndex.insert(h.id, static_cast<int>(hubs.size()));
            ++typeCounts[h.type];
            hubs.push_back(std::move(h));
        }
    }
    g.linkCount = static_cast<int64_t>(hubs.size());
    g.types.assign(typeCounts.begin(), typeCounts.end());
    std::stable_sort(g.types.begin(), g.types.end(),
                     [](const auto& l, const auto& r) { return l.second > r.second; });

    // hub -> member indexes, from the primary key (hub_id, account_id): range reads only.
    std::vector<std::vector<int>> hubMembers(hubs.size());
    {
        sql::Statement s(db,
                         "SELECT m.hub_id, m.account_id FROM cluster_links h "
                         "JOIN cluster_link_members m ON m.hub_id = h.id WHERE h.cluster_id = ?1");
        s.bind(1, cluster);
        while (s.step()) {
            const int h = hubIndex.value(s.int64(0), -1);
            const int m = memberIndex.value(s.int64(1), -1);
            if (h >= 0 && m >= 0) hubMembers[static_cast<size_t>(h)].push_back(m);
        }
    }

    // Keep the members that share the most, and the strongest, keys.
    std::vector<double> weight(members.size(), 0.0);
    for (size_t h = 0; h < hubs.size(); ++h)
        for (int m : hubMembers[h]) weight[static_cast<size_t>(m)] += 0.1 + hubs[h].strength;
    std::vector<int> order(members.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int l, int r) {
        if (weight[static_cast<size_t>(l)] != weight[static_cast<size_t>(r)])
            return weight[static_cast<size_t>(l)] > weight[static_cast<size_t>(r)];
        return members[static_cast<size_t>(l)].requests > members[static_cast<size_t>(r)].requests;
    });
    if (static_cast<int>(order.size()) > maxNodes) order.resize(static_cast<size_t>(maxNodes));
    std::sort(order.begin(), order.end());  // back to account order
    std::vector<int> kept(members.size(), -1);
    for (size_t i = 0; i < order.size(); ++i) {
        kept[static_cast<size_t>(order[i])] = static_cast<int>(i);
        g.nodes.push_back(std::move(members[static_cast<size_t>(order[i])]));
    }

    // Then the widest hubs among the kept members: a key two drawn members share is still a
    // hub (its value is what an analyst pivots on); a key only one drawn member has is not.
    std::map<QString, int> perType;
    for (size_t h = 0; h < hubs.size() && static_cast<int>(g.hubs.size()) < maxHubs; ++h) {
        std::vector<int> drawn;
        for (int m : hubMembers[h])
            if (kept[static_cast<size_t>(m)] >= 0) drawn.push_back(kept[static_cast<size_t>(m)]);
        if (drawn.size() < 2 || perType[hubs[h].type] >= maxHubsPerType) continue;
        if (static_cast<int>(g.edges.size() + drawn.size()) > maxEdges) continue;
        ++perType[hubs[h].type];
        const int index = static_cast<int>(g.hubs.size());
        std::sort(drawn.begin(), drawn.end());
        for (int m : drawn) {
            GraphEdge e;
            e.from = m;
            e.hub = index;
            e.type = hubs[h].type;
            e.weight = 0.2 + hubs[h].strength;
            e.count = hubs[h].keys;
            e.evidence = hubs[h].value;
            g.edges.push_back(std::move(e));
        }
        g.hubs.push_back(hubs[h]);
    }
    graphlayout::place(g);
    return g;
}

}  // namespace quarry::gui
