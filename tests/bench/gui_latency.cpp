// SPDX-License-Identifier: GPL-3.0-or-later
// Dashboard latency on a large analysed case (a measurement, not a test; see README.md):
//   gui_latency CASE [ACCOUNTS] [--no-raw]
// 1. opens CASE in the MainWindow and waits until it is no longer busy (accounts loaded);
// 2. selects ACCOUNTS accounts (default 60) one after another, half the busiest flagged ones and
//    half ordinary ones, interleaved, each until the timeline and the heatmap are replotted, and
//    prints p50 / p95 / max;
// 3. switches the heatmap to the largest flagged cluster and to the whole case, timed the same way;
//    then, on the Cluster graph tab, selects that cluster (from another one) until its graph is
//    drawn, and as its peer times the graph's read from the link summary against the read of
//    pair links it replaces (what a case analysed before the summary gets), on one connection;
// 4. as the peer, times the same reads through the aggregate tables and through the raw scans
//    they replace (casequeries.h rawscan::), on one worker-style connection: heatmaps, hourly
//    counts, the IP search (--no-raw skips the scans of every request, about 40 s each at 16
//    million requests).
#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>

#include "items/accounttablemodel.h"
#include "items/casequeries.h"
#include "casesession.h"
#include "graph/clustergraph.h"
#include "items/clustergraphdata.h"
#include "importcontroller.h"
#include "mainwindow.h"
#include "panels/accountpanel.h"
#include "requestscontroller.h"
#include "selectioncontroller.h"
#include "viewscontroller.h"
#include "workflowcontroller.h"
#include "store/casefile.h"
#include "store/sqlite.h"

using namespace quarry::gui;
namespace sql = quarry::sql;

namespace {

double msSince(const QElapsedTimer& t) {
    return static_cast<double>(t.nsecsElapsed()) / 1e6;
}

// Runs the event loop until the window has nothing loading, then once more so queued replots
// (timeline, heatmap) are drawn.
void settle(MainWindow& w) {
    do {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    } while (w.busy());
    QCoreApplication::processEvents();
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    const size_t i =
        std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5));
    return v[i];
}

void printStats(const char* what, const std::vector<double>& ms) {
    std::printf("%-40s n=%zu  p50 %8.2f ms  p95 %8.2f ms  max %8.2f ms\n", what, ms.size(),
                percentile(ms, 0.5), percentile(ms, 0.95), *std::max_element(ms.begin(), ms.end()));
}

// With QUARRY_BENCH_MARKS set, a line "mark NAME SECONDS" (CLOCK_MONOTONIC) on stderr at each
// phase's start and end, to cut a `perf record -k CLOCK_MONOTONIC` profile into the phases.
void mark(const char* name) {
    static const bool on = qEnvironmentVariableIsSet("QUARRY_BENCH_MARKS");
    if (!on) return;
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    std::fprintf(stderr, "mark %s %ld.%09ld\n", name, static_cast<long>(ts.tv_sec), ts.tv_nsec);
}

double timeIt(const std::function<void()>& f) {
    QElapsedTimer t;
    t.start();
    f();
    return msSince(t);
}

QComboBox* heatmapScopeBox(MainWindow& w) {
    for (QComboBox* box : w.findChildren<QComboBox*>())
        if (box->count() == 3 && box->itemText(2) == QLatin1String("Whole case")) return box;
    return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
    // The offscreen platform warns on every window it lays out; keep the figures readable.
    qInstallMessageHandler([](QtMsgType, const QMessageLogContext&, const QString& msg) {
        if (!msg.contains(QLatin1String("propagateSizeHints")))
            std::fprintf(stderr, "%s\n", qPrintable(msg));
    });
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: gui_latency CASE [ACCOUNTS] [--no-raw]\n");
        return 2;
    }
    const QString casePath = args.at(1);
    const int wanted =
        args.size() > 2 && !args.at(2).startsWith(QLatin1String("--")) ? args.at(2).toInt() : 60;
    const bool raw = !args.contains(QStringLiteral("--no-raw"));

    auto probe = openReadOnly(casePath);
    if (!probe) {
        std::fprintf(stderr, "cannot open %s\n", qPrintable(casePath));
        return 1;
    }
    sqlite3* db = probe->db();
    std::printf("case: %lld requests, %lld accounts, aggregates: %s\n",
                static_cast<long long>(sql::queryInt(db, "SELECT max(id) FROM requests")),
                static_cast<long long>(sql::queryInt(db, "SELECT count(*) FROM accounts")),
                hasAggregates(db) ? "yes" : "no (raw scans)");
    // Heavy: the busiest flagged accounts. Ordinary: unflagged accounts spread over the volume
    // ranking (every k-th), so light and middling ones both appear.
    std::vector<int64_t> heavy, ordinary;
    {
        sql::Statement s(
            db,
            "SELECT account_id FROM account_features WHERE flagged ORDER BY requests DESC LIMIT ?");
        s.bind(1, wanted / 2);
        while (s.step()) heavy.push_back(s.int64(0));
        const int64_t unflagged =
            sql::queryInt(db, "SELECT count(*) FROM account_features WHERE NOT flagged");
        sql::Statement o(
            db,
            "SELECT account_id FROM (SELECT account_id, row_number() OVER (ORDER BY requests, "
            "account_id) AS k FROM account_features WHERE NOT flagged) WHERE k % ? = 0 LIMIT ?");
        o.bind(1, std::max<int64_t>(1, unflagged / std::max(1, wanted - wanted / 2)));
        o.bind(2, wanted - wanted / 2);
        while (o.step()) ordinary.push_back(o.int64(0));
    }
    std::vector<int64_t> order;
    for (size_t i = 0; i < std::max(heavy.size(), ordinary.size()); ++i) {
        if (i < heavy.size()) order.push_back(heavy[i]);
        if (i < ordinary.size()) order.push_back(ordinary[i]);
    }
    const int64_t cluster =
        sql::queryInt(db, "SELECT id FROM clusters WHERE flagged ORDER BY size DESC LIMIT 1", -1);

    MainWindow w(false);
    w.resize(1600, 1000);
    w.show();
    QCoreApplication::processEvents();

    QElapsedTimer t;
    mark("open");
    t.start();
    if (!w.openCase(casePath)) return 1;
    settle(w);
    mark("opened");
    std::printf("%-40s %8.2f ms\n", "open case until not busy", msSince(t));
    {
        // The account table holds no reasons (casequeries.h): a sort by them reads them all.
        AccountTableModel* accounts = w.selection()->accountPanel()->model();
        t.restart();
        accounts->sort(AccountTableModel::Reasons, Qt::AscendingOrder);
        std::printf("%-40s %8.2f ms\n", "account table: sort by reasons", msSince(t));
        accounts->sort(AccountTableModel::Score, Qt::DescendingOrder);
        settle(w);
    }

    std::vector<double> all, heavyMs, ordinaryMs;
    for (int64_t account : order) {
        t.restart();
        if (!w.selection()->selectAccount(account)) {
            std::fprintf(stderr, "cannot select account %lld\n", static_cast<long long>(account));
            return 1;
        }
        settle(w);
        const double ms = msSince(t);
        all.push_back(ms);
        (std::find(heavy.begin(), heavy.end(), account) != heavy.end() ? heavyMs : ordinaryMs)
            .push_back(ms);
    }
    printStats("select account (all)", all);
    if (!heavyMs.empty()) printStats("select account (heavy, flagged)", heavyMs);
    if (!ordinaryMs.empty()) printStats("select account (ordinary)", ordinaryMs);

    if (QComboBox* scope = heatmapScopeBox(w); scope && cluster >= 0) {
        scope->setCurrentIndex(1);
        settle(w);
        mark("heatmap-cluster");
        t.restart();
        w.selection()->selectCluster(cluster);
        settle(w);
        mark("heatmap-cluster-done");
        std::printf("%-40s %8.2f ms\n", "heatmap: select largest flagged cluster", msSince(t));
        t.restart();
        scope->setCurrentIndex(2);
        settle(w);
        std::printf("%-40s %8.2f ms\n", "heatmap: switch to whole case", msSince(t));
    }

    if (cluster >= 0) {
        // From another cluster to this one, on the graph tab: select until the graph is drawn.
        ClusterGraph* graph = w.requests()->clusterGraph();
        w.views()->showView(graph);
        const int64_t other = sql::queryInt(
            db, "SELECT id FROM clusters WHERE id != (SELECT id FROM clusters WHERE flagged "
                "ORDER BY size DESC LIMIT 1) ORDER BY flagged DESC, size DESC LIMIT 1", -1);
        if (other >= 0) w.selection()->selectCluster(other);
        settle(w);
        mark("graph-cluster");
        t.restart();
        w.selection()->selectCluster(cluster);
        while (graph->loading() || graph->data().cluster != cluster)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        QCoreApplication::processEvents();
        const double drawn = msSince(t);
        mark("graph-cluster-done");
        std::printf("%-40s %8.2f ms (%lld members, %zu accounts and %zu keys drawn, %s)\n",
                    "graph: select largest flagged cluster", drawn,
                    static_cast<long long>(graph->data().memberCount), graph->data().nodes.size(),
                    graph->data().hubs.size(),
                    graph->data().summarised ? "link summary" : "pair links");
        settle(w);
        mark("graph-settled");
        {
            // The graph on its own (a second ClusterGraph, nothing else of the window loading):
            // what the graph itself takes from the pick to the drawn scene.
            ClusterGraph alone;
            alone.resize(1200, 800);
            alone.show();
            alone.setCase(casePath);
            if (other >= 0) {
                alone.setCluster(other);
                while (alone.loading()) QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            }
            t.restart();
            alone.setCluster(cluster);
            while (alone.loading() || alone.data().cluster != cluster)
                QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            std::printf("%-40s %8.2f ms\n", "graph alone: select until drawn", msSince(t));
            mark("graph-alone-done");
        }
        ClusterGraphData hubs, pairs;
        const double h = timeIt([&] { hubs = loadClusterHubs(db, cluster); });
        const double p = timeIt([&] { pairs = loadClusterPairs(db, cluster); });
        std::printf(
            "peer: cluster graph     summary   %8.2f ms  pairs %7.2f ms  ratio pairs/summary %7.1f "
            "(%lld keys, %lld pair links)\n",
            h, p, p / h, static_cast<long long>(hubs.linkCount),
            static_cast<long long>(pairs.linkCount));
    }

    // Peer: the same reads, aggregate tables against the raw scans, on one connection.
    const TopicTable topics = loadTopics(db);
    double aggAcc = 0, rawAcc = 0, aggHour = 0, rawHour = 0;
    for (int64_t account : order) {
        aggAcc += timeIt([&] { topicDayCounts(db, topics, HeatmapData::Scope::Account, account); });
        rawAcc += timeIt(
            [&] { rawscan::topicDayCounts(db, topics, HeatmapData::Scope::Account, account); });
        aggHour += timeIt([&] { accountHourly(db, account, 0, INT64_MAX); });
        rawHour += timeIt([&] { rawscan::accountHourly(db, account, 0, INT64_MAX); });
    }
    const double n = static_cast<double>(order.size());
    std::printf(
        "peer: account heatmap   aggregate %8.2f ms  raw %9.2f ms  ratio raw/aggregate %7.1f (mean "
        "of %zu)\n",
        aggAcc / n, rawAcc / n, rawAcc / aggAcc, order.size());
    std::printf(
        "peer: account hourly    aggregate %8.2f ms  raw %9.2f ms  ratio raw/aggregate %7.1f (mean "
        "of %zu)\n",
        aggHour / n, rawHour / n, rawHour / aggHour, order.size());
    if (cluster >= 0) {
        const double a =
            timeIt([&] { topicDayCounts(db, topics, HeatmapData::Scope::Cluster, cluster); });
        const double r = timeIt(
            [&] { rawscan::topicDayCounts(db, topics, HeatmapData::Scope::Cluster, cluster); });
        std::printf(
            "peer: cluster heatmap   aggregate %8.2f ms  raw %9.2f ms  ratio raw/aggregate %7.1f\n",
            a, r, r / a);
    }
    if (!heavy.empty()) {
        // The account search by address: an IP the busiest flagged account sent from.
        sql::Statement s(db,
                         "SELECT i.value FROM requests r JOIN ips i ON i.id = r.ip_id WHERE "
                         "r.account_id = ? LIMIT 1");
        s.bind(1, heavy.front());
        const QString needle = s.step() ? s.text(0) : QStringLiteral("10.");
        size_t found = 0;
        const double a = timeIt([&] { found = accountsByIpOrAgent(db, needle).size(); });
        if (raw) {
            const double r = timeIt([&] { rawscan::accountsByIpOrAgent(db, needle); });
            std::printf(
                "peer: IP search         aggregate %8.2f ms  raw %9.2f ms  ratio raw/aggregate "
                "%7.1f (%zu accounts)\n",
                a, r, r / a, found);
        } else {
            std::printf("peer: IP search         aggregate %8.2f ms  (raw skipped; %zu accounts)\n",
                        a, found);
        }
    }
    {
        const double a = timeIt([&] { topicDayCounts(db, topics, HeatmapData::Scope::Case, -1); });
        const double ah = timeIt([&] { caseHourly(db); });
        if (raw) {
            const double r =
                timeIt([&] { rawscan::topicDayCounts(db, topics, HeatmapData::Scope::Case, -1); });
            std::printf(
                "peer: case heatmap      aggregate %8.2f ms  raw %9.2f ms  ratio raw/aggregate "
                "%7.1f\n",
                a, r, r / a);
            const double rh = timeIt([&] { rawscan::caseHourly(db); });
            std::printf(
                "peer: case hourly       aggregate %8.2f ms  raw %9.2f ms  ratio raw/aggregate "
                "%7.1f\n",
                ah, rh, rh / ah);
        } else {
            std::printf("peer: case heatmap      aggregate %8.2f ms  (raw skipped)\n", a);
            std::printf("peer: case hourly       aggregate %8.2f ms  (raw skipped)\n", ah);
        }
    }
    w.closeCase();
    return 0;
}
