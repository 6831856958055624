// SPDX-License-Identifier: GPL-3.0-or-later
#include "clusterlinks.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

#include "core/timestamp.h"
#include "store/sqlite.h"

namespace quarry {
namespace {

const char kDropAndCreate[] = R"sql(
DROP TABLE IF EXISTS cluster_link_members;
DROP TABLE IF EXISTS cluster_links;
CREATE TABLE cluster_links(id INTEGER PRIMARY KEY, cluster_id INTEGER NOT NULL, type TEXT NOT NULL,
                           key INTEGER, keys INTEGER NOT NULL, value TEXT, members INTEGER NOT NULL,
                           pairs INTEGER NOT NULL, strength REAL NOT NULL);
CREATE INDEX cluster_links_cluster ON cluster_links(cluster_id);
CREATE TABLE cluster_link_members(hub_id INTEGER NOT NULL, account_id INTEGER NOT NULL,
                                  PRIMARY KEY(hub_id, account_id)) WITHOUT ROWID;
)sql";

// The dictionary table a link type's keys are ids of, or nullptr.
const char* dictionaryOf(LinkType t) {
    switch (t) {
        case LinkType::Payment:
            return "payments";
        case LinkType::Ip:
            return "ips";
        case LinkType::Organization:
            return "organizations";
        case LinkType::UserAgent:
            return "user_agents";
        default:
            return nullptr;
    }
}

// What the members share, in words an analyst can search for. lookups holds one prepared
// statement per dictionary table.
QString hubValue(sqlite3* db, const ClusterHub& h, const std::vector<QString>& subnetNames,
                 std::map<std::string, sql::Statement>& lookups) {
    if (const char* table = dictionaryOf(h.type)) {
        auto it = lookups.find(table);
        if (it == lookups.end())
            it = lookups
                     .emplace(table, sql::Statement(db, std::string("SELECT value FROM ") + table +
                                                            " WHERE id = ?"))
                     .first;
        sql::Statement& s = it->second;
        s.reset();
        s.bind(1, h.key);
        return s.step() ? s.text(0) : QStringLiteral("#%1").arg(h.key);
    }
    switch (h.type) {
        case LinkType::Subnet:
            return h.key >= 0 && static_cast<size_t>(h.key) < subnetNames.size()
                       ? subnetNames[static_cast<size_t>(h.key)]
                       : QStringLiteral("subnet #%1").arg(h.key);
        case LinkType::CreationBurst:
            return QStringLiteral("sign-ups in the hour from %1")
                .arg(QString::fromStdString(formatTimestampMs(int64_t(h.key) * 3600000)));
        case LinkType::Template:
            return QStringLiteral("prompt template group %1").arg(h.key);
        case LinkType::Sync:
            return QStringLiteral("active-hours group %1").arg(h.key);
        case LinkType::StartStop:
            return QStringLiteral("start/stop window %1").arg(h.key);
        default:
            return QStringLiteral("#%1").arg(h.key);
    }
}

}  // namespace

std::vector<ClusterHub> summarizeClusterLinks(const std::vector<AccountFeatures>& features,
                                              const std::vector<Link>& links, float minWeight) {
    auto clusterAt = [&](int32_t a) -> int32_t {
        if (a < 0 || static_cast<size_t>(a) >= features.size()) return -1;
        const AccountFeatures& f = features[static_cast<size_t>(a)];
        return f.requests > 0 ? static_cast<int32_t>(f.clusterId) : -1;
    };
    // (cluster, type, key) -> hub index
    std::map<std::tuple<int32_t, int, int32_t>, size_t> index;
    std::vector<ClusterHub> hubs;
    for (const Link& l : links) {
        if (l.weight < minWeight) continue;
        const int32_t c = clusterAt(l.a);
        if (c < 0 || c != clusterAt(l.b)) continue;
        for (int t = 0; t < kLinkTypes; ++t) {
            if (!l.count[static_cast<size_t>(t)]) continue;
            const int32_t key = l.key[static_cast<size_t>(t)];
            auto [it, inserted] = index.try_emplace({c, t, key}, hubs.size());
            if (inserted) {
                hubs.emplace_back();
                hubs.back().cluster = c;
                hubs.back().type = static_cast<LinkType>(t);
                hubs.back().key = key;
            }
            ClusterHub& h = hubs[it->second];
            h.members.push_back(l.a);
            h.members.push_back(l.b);
            ++h.pairs;
            h.strength = std::max(h.strength, l.strengthOf(static_cast<LinkType>(t)));
        }
    }
    for (ClusterHub& h : hubs) {
        std::sort(h.members.begin(), h.members.end());
        h.members.erase(std::unique(h.members.begin(), h.members.end()), h.members.end());
    }
    // Merge keys of one type that join the same members; the lowest key names the hub.
    std::sort(hubs.begin(), hubs.end(), [](const ClusterHub& x, const ClusterHub& y) {
        return std::tie(x.cluster, x.type, x.members, x.key) <
               std::tie(y.cluster, y.type, y.members, y.key);
    });
    std::vector<ClusterHub> out;
    for (ClusterHub& h : hubs) {
        if (!out.empty() && out.back().cluster == h.cluster && out.back().type == h.type &&
            out.back().members == h.members) {
            ClusterHub& m = out.back();
            m.keys += h.keys;
            m.pairs += h.pairs;
            m.strength = std::max(m.strength, h.strength);
            continue;
        }
        out.push_back(std::move(h));
    }
    // Per cluster, the widest and strongest hubs first: the order readers cap in.
    std::stable_sort(out.begin(), out.end(), [](const ClusterHub& x, const ClusterHub& y) {
        if (x.cluster != y.cluster) return x.cluster < y.cluster;
        if (x.members.size() != y.members.size()) return x.members.size() > y.members.size();
        return x.strength > y.strength;
    });
    return out;
}

bool writeClusterLinks(sqlite3* db, const std::vector<ClusterHub>& hubs,
                       const std::vector<QString>& subnetNames, QString* error) {
    if (!sql::exec(db, kDropAndCreate, error)) return false;
    sql::Statement hub(db,
                       "INSERT INTO cluster_links(id, cluster_id, type, key, keys, value, members, "
                       "pairs, strength) VALUES(?,?,?,?,?,?,?,?,?)");
    sql::Statement member(db, "INSERT INTO cluster_link_members(hub_id, account_id) VALUES(?,?)");
    auto fail = [&](const char* what) {
        if (error) *error = QStringLiteral("%1: %2").arg(QLatin1String(what), sql::lastError(db));
        return false;
    };
    std::map<std::string, sql::Statement> lookups;
    int64_t id = 0;
    for (const ClusterHub& h : hubs) {
        ++id;
        hub.bind(1, id);
        hub.bind(2, h.cluster);
        hub.bindText(3, linkTypeName(h.type));
        hub.bind(4, h.key);
        hub.bind(5, h.keys);
        hub.bindTextCopy(6, hubValue(db, h, subnetNames, lookups).toStdString());
        hub.bind(7, static_cast<int64_t>(h.members.size()));
        hub.bind(8, h.pairs);
        hub.bindReal(9, h.strength);
        if (!hub.run()) return fail("write cluster links");
        for (int32_t a : h.members) {
            member.bind(1, id);
            member.bind(2, a);
            if (!member.run()) return fail("write cluster link members");
        }
    }
    return true;
}

}  // namespace quarry
