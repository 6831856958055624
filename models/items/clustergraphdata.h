// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the cluster graph draws: a cluster's member accounts and the links among them, capped to
// what a scene stays readable and fast with, and laid out by igraph. Built on a worker thread.

#include <QString>

#include <cstdint>
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

struct GraphEdge {
    int from = 0, to = 0;  // node indexes
    QString type, evidence;
    int64_t count = 0;
    double weight = 0;
    int64_t rowid = 0;  // in links: type, count and evidence are read for the kept edges only
};

struct ClusterGraphData {
    int64_t cluster = -1;
    std::vector<GraphNode> nodes;
    std::vector<GraphEdge> edges;
    int64_t memberCount = 0, linkCount = 0;  // before the caps
    bool capped() const {
        return static_cast<int64_t>(nodes.size()) < memberCount ||
               static_cast<int64_t>(edges.size()) < linkCount;
    }
};

inline constexpr int kGraphMaxNodes = 300;
inline constexpr int kGraphMaxEdges = 3000;

// The most linked members (by summed link weight) up to maxNodes, then the heaviest links
// among them up to maxEdges; positions from Fruchterman-Reingold.
ClusterGraphData loadClusterGraph(sqlite3* db, int64_t cluster, int maxNodes = kGraphMaxNodes,
                                  int maxEdges = kGraphMaxEdges);

}  // namespace quarry::gui
