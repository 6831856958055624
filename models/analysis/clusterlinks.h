// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The per-cluster link summary: what the members of each cluster share, one row per shared key
// (a payment fingerprint, an IP, a subnet, a sign-up hour, a template group...) with the members
// that share it. A cluster of thousands of accounts has millions of pair links but only a few
// hundred shared keys, so the dashboard draws a cluster from this summary (one hub per key)
// instead of reading its pair links.
//
// Written by analyze inside its transaction, from the links the clustering used (weight at or
// above its minimum), so the summary and the links table describe the same evidence. A case
// analysed before the summary existed has no cluster_links table; readers fall back to the
// links table and ask for a re-analysis.

#include <QString>

#include <cstdint>
#include <vector>

#include "links.h"

struct sqlite3;

namespace quarry {

struct ClusterHub {
    int32_t cluster = -1;
    LinkType type = LinkType::Template;
    int32_t key = -1;              // the type's own key (dictionary id, subnet id, group number...)
    int32_t keys = 1;              // keys merged into this hub (same type, same members)
    std::vector<int32_t> members;  // account ids, sorted
    int64_t pairs = 0;             // pair links of this type and key inside the cluster
    double strength = 0;           // 0..1: the strongest pair's strength for this key
};

// Groups the links inside each cluster by (type, shared key). Keys of one type that join exactly
// the same members are one hub: a template is seen through many MinHash bands, and 16 hubs with
// the same 40 members say no more than one.
// features: by account id, with the cluster each account was put in.
std::vector<ClusterHub> summarizeClusterLinks(const std::vector<AccountFeatures>& features,
                                              const std::vector<Link>& links, float minWeight);

// Replaces the cluster_links and cluster_link_members tables with these hubs (inside the
// caller's transaction). subnetNames names subnet keys; dictionary keys are named from the
// case's dictionary tables.
bool writeClusterLinks(sqlite3* db, const std::vector<ClusterHub>& hubs,
                       const std::vector<QString>& subnetNames, QString* error);

}  // namespace quarry
