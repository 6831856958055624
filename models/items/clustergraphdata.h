// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the cluster graph draws: a cluster's member accounts and what ties them, capped to what
// a scene stays readable and fast with, and laid out by igraph. Built on a worker thread.
//
// Links are aggregated by what the members share: each shared key (one payment fingerprint,
// one subnet, one template group...) is a hub node with an edge to each member that shares it.
// A payment shared by 40 accounts is one star of 40 edges, where pair links would be up to
// 40x39/2 lines that hide which key they stand for; a bundle of pair edges would still need a
// pair list to route. Hubs come from the link summary analyze writes (cluster_links), so a
// 7,000-member cluster is a few hundred rows to read instead of millions of pair links. A case
// analysed before the summary existed falls back to pair links (summarised = false).

#include <QString>

#include <cstdint>
#include <utility>
#include <vector>

struct sqlite3;

namespace quarry::gui {

struct GraphNode {
    int64_t account = 0;
    QString name;
    double score = 0;
    int64_t requests = 0;
    bool flagged = false;
    double x = 0, y = 0;
};

// One shared key and the members that share it.
struct GraphHub {
    int64_t id = 0;  // cluster_links.id
    QString type, value;
    int64_t members = 0;  // in the whole cluster (drawn ones are its edges)
    int64_t pairs = 0;    // pair links the key stands for
    int keys = 1;         // keys of this type with exactly these members
    double strength = 0;  // 0..1
    double x = 0, y = 0;
};

struct GraphEdge {
    int from = 0;  // node index
    int to = -1;   // node index of a pair edge; -1 for a hub edge
    int hub = -1;  // hub index of a hub edge
    QString type, evidence;
    int64_t count = 0;
    double weight = 0;
    int64_t rowid = 0;  // in links: type, count and evidence are read for the kept edges only
};

struct ClusterGraphData {
    int64_t cluster = -1;
    bool summarised = false;  // hubs from the link summary; false: pair links (older analysis)
    std::vector<GraphNode> nodes;
    std::vector<GraphHub> hubs;
    std::vector<GraphEdge> edges;
    // Link types present in the cluster, commonest first, with their number of hubs (or pair
    // links without a summary), before the caps.
    std::vector<std::pair<QString, int64_t>> types;
    int64_t memberCount = 0, linkCount = 0;  // before the caps; linkCount: hubs or pair links
    bool capped() const {
        return static_cast<int64_t>(nodes.size()) < memberCount ||
               static_cast<int64_t>(summarised ? hubs.size() : edges.size()) < linkCount;
    }
};

inline constexpr int kGraphMaxNodes = 300;
inline constexpr int kGraphMaxEdges = 3000;
inline constexpr int kGraphMaxHubs = 120;
inline constexpr int kGraphMaxHubsPerType = 24;

// The cluster from its link summary when the case has one, else from its pair links.
ClusterGraphData loadClusterGraph(sqlite3* db, int64_t cluster, int maxNodes = kGraphMaxNodes,
                                  int maxEdges = kGraphMaxEdges);

// From the link summary: the widest keys of each type are the candidates; the members in the
// most (and strongest) of them up to maxNodes; then the widest candidates among those members,
// at most maxHubsPerType of a type and maxHubs in all, while their edges stay within maxEdges.
// Empty (cluster -1) when the case has no summary.
ClusterGraphData loadClusterHubs(sqlite3* db, int64_t cluster, int maxNodes = kGraphMaxNodes,
                                 int maxEdges = kGraphMaxEdges, int maxHubs = kGraphMaxHubs,
                                 int maxHubsPerType = kGraphMaxHubsPerType);

// From pair links (what analyses before the summary leave): the most linked members (by summed
// link weight) up to maxNodes, then the heaviest links among them up to maxEdges.
ClusterGraphData loadClusterPairs(sqlite3* db, int64_t cluster, int maxNodes = kGraphMaxNodes,
                                  int maxEdges = kGraphMaxEdges);

bool hasLinkSummary(sqlite3* db);

namespace graphlayout {
// A cluster's members (GraphNode without position), in account order.
std::vector<GraphNode> members(sqlite3* db, int64_t cluster);
// These accounts (sorted ids) as nodes, in the same order; unknown ids are left out.
std::vector<GraphNode> accounts(sqlite3* db, const std::vector<int64_t>& ids);
// Lays out nodes then hubs (vertex i < nodes.size() is a node, the rest hubs) with the edges,
// and writes positions in units of the typical nearest-neighbour distance.
void place(ClusterGraphData& g);
}  // namespace graphlayout

}  // namespace quarry::gui
