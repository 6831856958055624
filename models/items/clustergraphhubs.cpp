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
    {
        sql::Statement s(db, "SELECT count(*) FROM account_features WHERE cluster_id = ?1");
        s.bind(1, cluster);
        g.memberCount = s.step() ? s.int64(0) : 0;
    }
    std::map<QString, int64_t> typeCounts;
    {
        sql::Statement s(db,
                         "SELECT type, count(*) FROM cluster_links WHERE cluster_id = ?1 GROUP BY "
                         "type");
        s.bind(1, cluster);
        while (s.step()) {
            typeCounts[s.text(0)] = s.int64(1);
            g.linkCount += s.int64(1);
        }
    }
    g.types.assign(typeCounts.begin(), typeCounts.end());
    std::stable_sort(g.types.begin(), g.types.end(),
                     [](const auto& l, const auto& r) { return l.second > r.second; });

    // Candidates: the widest keys of each type, a few times what can be drawn (a wide key may
    // lose members to the node cap). A 7,000-member cluster has thousands of keys and half a
    // million member rows; only the candidates' members are read.
    std::vector<GraphHub> hubs;
    std::vector<std::vector<int64_t>> hubAccounts;
    {
        sql::Statement s(db,
                         "SELECT id, type, value, members, pairs, keys, strength FROM (SELECT *, "
                         "row_number() OVER (PARTITION BY type ORDER BY members DESC, strength "
                         "DESC, id) AS rank FROM cluster_links WHERE cluster_id = ?1) WHERE rank "
                         "<= ?2 ORDER BY members DESC, strength DESC, id");
        s.bind(1, cluster);
        s.bind(2, 3 * static_cast<int64_t>(maxHubsPerType));
        while (s.step()) {
            GraphHub h;
            h.id = s.int64(0);
            h.type = s.text(1);
            h.value = s.text(2);
            h.members = s.int64(3);
            h.pairs = s.int64(4);
            h.keys = static_cast<int>(s.int64(5));
            h.strength = s.real(6);
            hubs.push_back(std::move(h));
        }
        hubAccounts.resize(hubs.size());
        sql::Statement m(db, "SELECT account_id FROM cluster_link_members WHERE hub_id = ?");
        for (size_t h = 0; h < hubs.size(); ++h) {
            m.reset();
            m.bind(1, hubs[h].id);
            while (m.step()) hubAccounts[h].push_back(m.int64(0));
        }
    }

    // Keep the members that share the most, and the strongest, of these keys.
    QHash<int64_t, double> weight;
    for (size_t h = 0; h < hubs.size(); ++h)
        for (int64_t a : hubAccounts[h]) weight[a] += 0.1 + hubs[h].strength;
    std::vector<std::pair<double, int64_t>> ranked;
    ranked.reserve(static_cast<size_t>(weight.size()));
    for (auto it = weight.cbegin(); it != weight.cend(); ++it)
        ranked.emplace_back(it.value(), it.key());
    std::sort(ranked.begin(), ranked.end(), [](const auto& l, const auto& r) {
        return l.first != r.first ? l.first > r.first : l.second < r.second;
    });
    if (static_cast<int>(ranked.size()) > maxNodes) ranked.resize(static_cast<size_t>(maxNodes));
    if (g.memberCount <= maxNodes) {
        g.nodes = graphlayout::members(db, cluster);  // all of them, linked or not
    } else {
        std::vector<int64_t> keptIds;
        for (const auto& [w, id] : ranked) keptIds.push_back(id);
        std::sort(keptIds.begin(), keptIds.end());  // account order
        g.nodes = graphlayout::accounts(db, keptIds);
    }
    QHash<int64_t, int> kept;
    for (size_t i = 0; i < g.nodes.size(); ++i)
        kept.insert(g.nodes[i].account, static_cast<int>(i));

    // Then the widest hubs among the kept members: a key two drawn members share is still a
    // hub (its value is what an analyst pivots on); a key only one drawn member has is not.
    std::map<QString, int> perType;
    for (size_t h = 0; h < hubs.size() && static_cast<int>(g.hubs.size()) < maxHubs; ++h) {
        std::vector<int> drawn;
        for (int64_t a : hubAccounts[h])
            if (const int i = kept.value(a, -1); i >= 0) drawn.push_back(i);
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
