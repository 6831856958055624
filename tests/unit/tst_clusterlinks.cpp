// SPDX-License-Identifier: GPL-3.0-or-later
// The per-cluster link summary analyze writes (cluster_links, cluster_link_members): one hub per
// key the members of a cluster share, with exactly the members that share it. Checked on links
// built by hand and on a small imported case whose shared keys are known by construction.
#include <QTemporaryDir>
#include <QtTest>

#include <map>
#include <set>

#include "analysis/clusterlinks.h"
#include "analysistestutil.h"
#include "store/sqlite.h"

using namespace quarry;
using namespace quarry::test;

namespace {

Link link(int32_t a, int32_t b, LinkType type, int32_t key, float weight, uint8_t strength = 200) {
    Link l;
    l.a = a;
    l.b = b;
    l.key.fill(-1);
    const auto t = static_cast<size_t>(type);
    l.count[t] = 1;
    l.key[t] = key;
    l.strength[t] = strength;
    l.weight = weight;
    return l;
}

std::vector<AccountFeatures> clustered(const std::vector<int>& clusterOf) {
    std::vector<AccountFeatures> f(clusterOf.size());
    for (size_t a = 0; a < f.size(); ++a) {
        f[a].accountId = static_cast<int64_t>(a);
        f[a].requests = 10;
        f[a].clusterId = clusterOf[a];
    }
    return f;
}

using Names = std::set<QString>;

}  // namespace

class TestClusterLinks final : public QObject {
    Q_OBJECT
private slots:
    void hubsGroupPairsBySharedKey();
    void keysWithTheSameMembersMerge();
    void analyzeWritesTheSummary();
};

void TestClusterLinks::hubsGroupPairsBySharedKey() {
    // Accounts 0-4 in cluster 0, 5-6 in cluster 1, 7 in none.
    const auto features = clustered({0, 0, 0, 0, 0, 1, 1, -1});
    std::vector<Link> links = {
        // Payment 42 shared by 0, 1, 2, 3 (as a chain of pairs, the way groups are linked).
        link(0, 1, LinkType::Payment, 42, 1.0f, 230),
        link(1, 2, LinkType::Payment, 42, 1.0f, 240),
        link(2, 3, LinkType::Payment, 42, 1.0f, 220),
        // IP 7 shared by 3 and 4.
        link(3, 4, LinkType::Ip, 7, 0.6f),
        // Too light: the clustering did not use it, so the summary does not either.
        link(0, 4, LinkType::Subnet, 9, 0.1f),
        // Across clusters, and to an unclustered account: no cluster shares it.
        link(4, 5, LinkType::Payment, 43, 1.0f),
        link(6, 7, LinkType::Payment, 44, 1.0f),
        // Cluster 1's own key.
        link(5, 6, LinkType::Organization, 3, 0.5f),
    };
    const std::vector<ClusterHub> hubs = summarizeClusterLinks(features, links, 0.3f);
    QCOMPARE(hubs.size(), size_t(3));
    // Cluster 0 first, its widest hub first.
    QCOMPARE(hubs[0].cluster, 0);
    QCOMPARE(hubs[0].type, LinkType::Payment);
    QCOMPARE(hubs[0].key, 42);
    QCOMPARE(hubs[0].members, (std::vector<int32_t>{0, 1, 2, 3}));
    QCOMPARE(hubs[0].pairs, int64_t(3));
    QCOMPARE(hubs[0].strength, 240 / 255.0);
    QCOMPARE(hubs[1].cluster, 0);
    QCOMPARE(hubs[1].type, LinkType::Ip);
    QCOMPARE(hubs[1].members, (std::vector<int32_t>{3, 4}));
    QCOMPARE(hubs[2].cluster, 1);
    QCOMPARE(hubs[2].type, LinkType::Organization);
    QCOMPARE(hubs[2].members, (std::vector<int32_t>{5, 6}));
}

void TestClusterLinks::keysWithTheSameMembersMerge() {
    // One template seen through three MinHash band groups joining the same three accounts, and
    // a fourth group that reaches a fourth account: two hubs, not four.
    const auto features = clustered({0, 0, 0, 0});
    std::vector<Link> links;
    for (int32_t group : {11, 12, 13}) {
        links.push_back(link(0, 1, LinkType::Template, group, 1.0f));
        links.push_back(link(1, 2, LinkType::Template, group, 1.0f));
    }
    links.push_back(link(2, 3, LinkType::Template, 14, 1.0f));
    links.push_back(link(0, 3, LinkType::Template, 14, 1.0f));
    const std::vector<ClusterHub> hubs = summarizeClusterLinks(features, links, 0.3f);
    QCOMPARE(hubs.size(), size_t(2));
    std::map<std::vector<int32_t>, ClusterHub> byMembers;
    for (const ClusterHub& h : hubs) byMembers[h.members] = h;
    const ClusterHub& merged = byMembers.at({0, 1, 2});
    QCOMPARE(merged.keys, 3);
    QCOMPARE(merged.pairs, int64_t(6));
    QCOMPARE(merged.key, 11);  // the lowest key names it
    QCOMPARE(byMembers.at({0, 2, 3}).keys, 1);
}

void TestClusterLinks::analyzeWritesTheSummary() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    CaseBuilder b;
    auto row = [&](const QString& acct, int i, const QString& ip, const QString& ua,
                   const QString& pay, const QString& prompt, int64_t created) {
        b.add({kStart + i * 600000, acct, ip, ua, {}, pay, prompt, {}, created});
    };
    const QString sdk = QStringLiteral("openai-python/1.51.0");
    // 40 background accounts on the popular SDK, each on its own network, signing up weeks
    // apart.
    for (int a = 0; a < 40; ++a)
        for (int i = 0; i < 3; ++i)
            row(QStringLiteral("crowd%1").arg(a), a * 3 + i,
                QStringLiteral("100.%1.%2.1").arg(a).arg(i), sdk, {}, diversePrompt(a * 10 + i),
                kStart - (100 + a * 7) * kDay);
    // A ring of 8 on one card, each on its own address in one /24; ring0-1 also send a user
    // agent nobody else sends.
    for (int k = 0; k < 8; ++k)
        for (int i = 0; i < 4; ++i)
            row(QStringLiteral("ring%1").arg(k), k * 4 + i,
                QStringLiteral("192.0.2.%1").arg(10 + k),
                k < 2 ? QStringLiteral("harvester-kit/0.3") : sdk, QStringLiteral("card-ring"),
                diversePrompt(500 + k * 10 + i), kStart - (60 + k * 9) * kDay);
    auto f = b.build(dir.path());
    QVERIFY(f);
    sqlite3* db = f->db();
    const int ring = clusterOf(*f, QStringLiteral("ring0"));
    QVERIFY(ring >= 0);
    for (int k = 1; k < 8; ++k) QCOMPARE(clusterOf(*f, QStringLiteral("ring%1").arg(k)), ring);

    // The ring's hubs by (type, value) with their members' names.
    auto hubsOf = [&](int cluster) {
        std::map<std::pair<QString, QString>, Names> out;
        sql::Statement s(db,
                         "SELECT h.type, h.value, a.value, h.members FROM cluster_links h "
                         "JOIN cluster_link_members m ON m.hub_id = h.id "
                         "JOIN accounts a ON a.id = m.account_id WHERE h.cluster_id = ?");
        s.bind(1, cluster);
        while (s.step()) out[{s.text(0), s.text(1)}].insert(s.text(2));
        return out;
    };
    const auto hubs = hubsOf(ring);
    Names all, agent;
    for (int k = 0; k < 8; ++k) all.insert(QStringLiteral("ring%1").arg(k));
    for (int k = 0; k < 2; ++k) agent.insert(QStringLiteral("ring%1").arg(k));
    const auto at = [&](const char* type, const char* value) {
        const auto it = hubs.find({QLatin1String(type), QLatin1String(value)});
        return it == hubs.end() ? Names{} : it->second;
    };
    // One hub per shared key, named by its value, holding exactly the accounts sharing it.
    QCOMPARE(at("payment", "card-ring"), all);
    QCOMPARE(at("subnet", "192.0.2.0/24"), all);
    QCOMPARE(at("user_agent", "harvester-kit/0.3"), agent);
    // No address is shared, so there is no address hub.
    for (const auto& [key, members] : hubs) QVERIFY(key.first != QLatin1String("ip"));
    // The members column counts the member rows; no hub reaches outside its cluster.
    QCOMPARE(sql::queryInt(db,
                           "SELECT count(*) FROM cluster_links h WHERE members != (SELECT count(*) "
                           "FROM cluster_link_members m WHERE m.hub_id = h.id)"),
             int64_t(0));
    QCOMPARE(sql::queryInt(db,
                           "SELECT count(*) FROM cluster_links h JOIN cluster_link_members m ON "
                           "m.hub_id = h.id JOIN account_features f ON f.account_id = m.account_id "
                           "WHERE f.cluster_id IS NOT h.cluster_id"),
             int64_t(0));
    QCOMPARE(sql::queryInt(db, "SELECT count(*) FROM cluster_links WHERE members < 2"), int64_t(0));
    // The crowd shares no payment, address or agent with anyone (the SDK's agent is too common
    // to link); only chance prompt overlaps can put a crowd account in a hub.
    for (const auto& [key, members] : hubs)
        if (key.first != QLatin1String("template"))
            for (const QString& m : members)
                QVERIFY2(m.startsWith(QLatin1String("ring")), qPrintable(m));

    // A second analysis replaces the summary rather than adding to it.
    const int64_t rows = sql::queryInt(db, "SELECT count(*) FROM cluster_link_members");
    QString error;
    AnalysisSummary again;
    QVERIFY2(analyzeCase(*f, AnalysisOptions(), again, &error), qPrintable(error));
    QCOMPARE(sql::queryInt(db, "SELECT count(*) FROM cluster_link_members"), rows);
}

QTEST_MAIN(TestClusterLinks)
#include "tst_clusterlinks.moc"
