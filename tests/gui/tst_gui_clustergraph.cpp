// SPDX-License-Identifier: GPL-3.0-or-later
// The Cluster graph tab. On a hand-made case whose shared keys are known (a ring of 8 accounts on
// one card and one /24, two of them on a user agent nobody else sends): one hub per shared key
// with an edge to each account sharing it, toggles per link type, neighbour highlighting,
// labels, refitting, the legend, the context-menu signals, and the fallback for a case analysed
// before the link summary. On a generated, analysed case in the window: the graph is a central
// tab, matches the summary in SQL, caps, tooltips, and node picks select accounts.
#include <QAbstractButton>
#include <QContextMenuEvent>
#include <QDockWidget>
#include <QFile>
#include <QGraphicsItem>
#include <QGraphicsScene>
#include <QImage>
#include <QLabel>
#include <QPainter>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include <cstdlib>
#include <map>
#include <set>

#include "casesession.h"
#include "graph/clustergraph.h"
#include "graph/graphitems.h"
#include "graph/graphlegend.h"
#include "graph/graphview.h"
#include "guitestutil.h"
#include "items/casequeries.h"
#include "items/clustergraphdata.h"
#include "mainwindow.h"
#include "panels/accountpanel.h"
#include "panels/requestpanel.h"
#include "requestscontroller.h"
#include "selectioncontroller.h"
#include "store/casefile.h"
#include "store/sqlite.h"
#include "viewscontroller.h"

using namespace quarry::gui;
namespace sql = quarry::sql;

namespace {

constexpr int64_t kStartSec = 1788220800;  // 2026-09-01T00:00:00Z

// The hand-made log: 40 unrelated accounts on the popular SDK, each on its own address; a ring
// of 8 on card "card-ring", each on its own address in 192.0.2.0/24; ring0 and ring1 also on
// "harvester-kit/0.3".
QByteArray ringCsv() {
    QByteArray csv =
        "timestamp,account_id,ip,user_agent,payment_fingerprint,account_created_at,"
        "prompt\n";
    const char* words[] = {"garden", "invoice", "holiday", "kernel",  "poem",   "river", "budget",
                           "recipe", "galaxy",  "tennis",  "history", "violin", "market"};
    auto prompt = [&](int seed) {
        QByteArray s = "Could you tell me something about";
        uint32_t x = static_cast<uint32_t>(seed) * 2654435761u + 12345u;
        for (int i = 0; i < 10; ++i) {
            x = x * 1664525u + 1013904223u;
            s += ' ' + QByteArray(words[(x >> 16) % 13]);
        }
        return s + " number " + QByteArray::number(seed);
    };
    auto row = [&](const QByteArray& account, int i, const QByteArray& ip, const QByteArray& ua,
                   const QByteArray& pay, int64_t createdDaysBefore, int seed) {
        csv += QByteArray::number(kStartSec + i * 600) + ',' + account + ',' + ip + ',' + ua + ',' +
               pay + ',' + QByteArray::number(kStartSec - createdDaysBefore * 86400) + ',' +
               prompt(seed) + '\n';
    };
    for (int a = 0; a < 40; ++a)
        for (int i = 0; i < 3; ++i)
            row("crowd" + QByteArray::number(a), a * 3 + i,
                "100." + QByteArray::number(a) + '.' + QByteArray::number(i) + ".1",
                "openai-python/1.51.0", "", 100 + a * 7, a * 10 + i);
    for (int k = 0; k < 8; ++k)
        for (int i = 0; i < 4; ++i)
            row("ring" + QByteArray::number(k), k * 4 + i, "192.0.2." + QByteArray::number(10 + k),
                k < 2 ? "harvester-kit/0.3" : "openai-python/1.51.0", "card-ring", 60 + k * 9,
                500 + k * 10 + i);
    return csv;
}

// Waits until the graph has drawn this cluster.
bool drawn(ClusterGraph& g, int64_t cluster) {
    return QTest::qWaitFor([&] { return !g.loading() && g.data().cluster == cluster; }, 60000);
}

// Every node (and hub) centre inside the viewport.
bool wholeGraphInView(ClusterGraph& g) {
    const QRect area = g.view()->viewport()->rect();
    for (int i = 0; g.nodeItem(i); ++i)
        if (!area.contains(g.view()->mapFromScene(g.nodeItem(i)->scenePos()))) return false;
    for (int i = 0; g.hubItem(i); ++i)
        if (!area.contains(g.view()->mapFromScene(g.hubItem(i)->scenePos()))) return false;
    return true;
}

// The width and height the drawn graph (nodes and hubs) spans in the viewport, as shares of the
// viewport.
QSizeF spanShare(ClusterGraph& g) {
    double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
    for (int kind = 0; kind < 2; ++kind)
        for (int i = 0;; ++i) {
            QGraphicsItem* item = kind == 0 ? g.nodeItem(i) : g.hubItem(i);
            if (!item) break;
            const QPointF p = g.view()->mapFromScene(item->scenePos());
            x0 = std::min(x0, p.x());
            y0 = std::min(y0, p.y());
            x1 = std::max(x1, p.x());
            y1 = std::max(y1, p.y());
        }
    const QRect area = g.view()->viewport()->rect();
    return {(x1 - x0) / area.width(), (y1 - y0) / area.height()};
}

}  // namespace

class TestGuiClusterGraph final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    // The hand-made ring.
    void oneHubPerSharedKey();
    void togglesHideTheirType();
    void neighboursAndLabels();
    void refitsOnResizeAndDoubleClick();
    void legendSaysWhatEncodes();
    void contextMenusNameAccountOrKey();
    void olderAnalysisFallsBackToPairs();
    // The generated case in the window.
    void isACentralTab();
    void hubsMatchSql();
    void capsKeepTheWidest();
    void tooltipsNameTypeAndEscape();
    void clickingNodesSelectsAccounts();
    void rubberBandSelectsEveryNode();
    void edgesLookAsStrokedDirectly();

private:
    int64_t scalar(const QString& sqlText) const {
        return sql::queryInt(file_->db(), sqlText.toStdString(), -1);
    }
    // Shows the ring's cluster in a standalone graph.
    bool showRing(ClusterGraph& g, const QString& casePath);
    int ringNode(const ClusterGraph& g, int k) const;
    int hubOf(const ClusterGraph& g, const QString& type, const QString& value) const;
    // Opens the case in a window and shows the largest cluster in the graph tab.
    bool showLargestCluster(MainWindow& w);
    // A point in viewport coordinates where only this node is under the mouse, or (-1, -1).
    static QPoint clearSpotOf(QGraphicsView* view, QGraphicsItem* node);

    QTemporaryDir dir_;
    QString case_, ring_;
    int64_t ringCluster_ = -1;
    std::unique_ptr<quarry::CaseFile> file_;
    int64_t cluster_ = -1;
};

void TestGuiClusterGraph::initTestCase() {
    QString log;
    case_ = quarry::test::openAnalysedCase(dir_, file_, &log);
    QVERIFY2(file_, qPrintable(log));
    cluster_ = scalar(
        QStringLiteral("SELECT cluster_id FROM account_features WHERE cluster_id IS NOT NULL "
                       "GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"));
    QVERIFY(cluster_ >= 0);

    const QString csv = dir_.filePath(QStringLiteral("ring.csv"));
    QFile out(csv);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(ringCsv());
    out.close();
    ring_ = dir_.filePath(QStringLiteral("ring.quarry"));
    QVERIFY2(quarry::test::runQuarryCli({QStringLiteral("import"), ring_, csv}, &log) &&
                 quarry::test::runQuarryCli({QStringLiteral("analyze"), ring_}, &log),
             qPrintable(log));
    auto ring = openReadOnly(ring_, &log);
    QVERIFY2(ring, qPrintable(log));
    ringCluster_ = sql::queryInt(ring->db(),
                                 "SELECT f.cluster_id FROM account_features f JOIN accounts a ON "
                                 "a.id = f.account_id WHERE a.value = 'ring0'",
                                 -1);
    QVERIFY(ringCluster_ >= 0);
}

bool TestGuiClusterGraph::showRing(ClusterGraph& g, const QString& casePath) {
    g.resize(900, 700);
    g.show();
    g.setCase(casePath);
    g.setCluster(ringCluster_);
    return drawn(g, ringCluster_);
}

int TestGuiClusterGraph::ringNode(const ClusterGraph& g, int k) const {
    for (size_t i = 0; i < g.data().nodes.size(); ++i)
        if (g.data().nodes[i].name == QStringLiteral("ring%1").arg(k)) return static_cast<int>(i);
    return -1;
}

int TestGuiClusterGraph::hubOf(const ClusterGraph& g, const QString& type,
                               const QString& value) const {
    for (size_t i = 0; i < g.data().hubs.size(); ++i)
        if (g.data().hubs[i].type == type && g.data().hubs[i].value == value)
            return static_cast<int>(i);
    return -1;
}

void TestGuiClusterGraph::oneHubPerSharedKey() {
    ClusterGraph g;
    QVERIFY(showRing(g, ring_));
    QVERIFY(g.data().summarised);
    // What each key joins, by the names of the accounts on its edges.
    std::map<std::pair<QString, QString>, std::set<QString>> byHub;
    for (const GraphEdge& e : g.data().edges) {
        QVERIFY(e.hub >= 0);  // hubs only: no pair lines
        const GraphHub& h = g.data().hubs[static_cast<size_t>(e.hub)];
        byHub[{h.type, h.value}].insert(g.data().nodes[static_cast<size_t>(e.from)].name);
    }
    std::set<QString> ring, agent{QStringLiteral("ring0"), QStringLiteral("ring1")};
    for (int k = 0; k < 8; ++k) ring.insert(QStringLiteral("ring%1").arg(k));
    // The card shared by 8 accounts is one hub with 8 edges, not 28 pair links.
    const auto card = std::make_pair(QStringLiteral("payment"), QStringLiteral("card-ring"));
    QCOMPARE(byHub[card], ring);
    QCOMPARE(byHub[std::make_pair(QStringLiteral("subnet"), QStringLiteral("192.0.2.0/24"))], ring);
    QCOMPARE(
        byHub[std::make_pair(QStringLiteral("user_agent"), QStringLiteral("harvester-kit/0.3"))],
        agent);
    int cardEdges = 0;
    for (const GraphEdge& e : g.data().edges)
        cardEdges += e.type == QLatin1String("payment") ? 1 : 0;
    QCOMPARE(cardEdges, 8);
    // Each hub is one non-selectable diamond in the scene; each edge one line.
    int hubs = 0, nodes = 0;
    for (QGraphicsItem* item : g.scene()->items()) {
        hubs += item->data(kHubRole).isValid() ? 1 : 0;
        nodes += item->flags() & QGraphicsItem::ItemIsSelectable ? 1 : 0;
    }
    QCOMPARE(hubs, static_cast<int>(g.data().hubs.size()));
    QCOMPARE(nodes, static_cast<int>(g.data().nodes.size()));
    // One toggle per link type the cluster has, read from the data.
    QVERIFY(g.linkTypes().contains(QStringLiteral("payment")));
    QVERIFY(g.linkTypes().contains(QStringLiteral("subnet")));
    QVERIFY(g.linkTypes().contains(QStringLiteral("user_agent")));
    QVERIFY(!g.linkTypes().contains(QStringLiteral("ip")));  // no address is shared
    QVERIFY(!g.linkTypeButton(QStringLiteral("ip")));
}

void TestGuiClusterGraph::togglesHideTheirType() {
    ClusterGraph g;
    QVERIFY(showRing(g, ring_));
    QAbstractButton* payment = g.linkTypeButton(QStringLiteral("payment"));
    QVERIFY(payment && payment->isCheckable() && payment->isChecked());
    auto visibleOf = [&](const QString& type) {
        int shown = 0, hidden = 0;
        for (size_t i = 0; i < g.data().edges.size(); ++i)
            if (g.data().edges[i].type == type)
                (g.edgeItem(static_cast<int>(i))->isVisible() ? shown : hidden)++;
        for (size_t i = 0; i < g.data().hubs.size(); ++i)
            if (g.data().hubs[i].type == type)
                (g.hubItem(static_cast<int>(i))->isVisible() ? shown : hidden)++;
        return std::make_pair(shown, hidden);
    };
    QCOMPARE(visibleOf(QStringLiteral("payment")), std::make_pair(9, 0));  // 8 edges + the hub
    QTest::mouseClick(payment, Qt::LeftButton);
    QVERIFY(!payment->isChecked());
    QCOMPARE(visibleOf(QStringLiteral("payment")), std::make_pair(0, 9));
    QCOMPARE(visibleOf(QStringLiteral("subnet")), std::make_pair(9, 0));  // others stay
    // Every node stays: hiding a type hides what ties them, not the accounts.
    for (int i = 0; g.nodeItem(i); ++i) QVERIFY(g.nodeItem(i)->isVisible());
    QTest::mouseClick(payment, Qt::LeftButton);
    QCOMPARE(visibleOf(QStringLiteral("payment")), std::make_pair(9, 0));
}

void TestGuiClusterGraph::neighboursAndLabels() {
    ClusterGraph g;
    QVERIFY(showRing(g, ring_));
    // Chance prompt overlaps may tie crowd accounts in by template; leave templates out.
    if (g.linkTypeButton(QStringLiteral("template")))
        g.setLinkTypeVisible(QStringLiteral("template"), false);
    QVERIFY(g.highlightedNodes().isEmpty());
    const int ring7 = ringNode(g, 7), ring0 = ringNode(g, 0), ring1 = ringNode(g, 1);
    QVERIFY(ring7 >= 0 && ring0 >= 0 && ring1 >= 0);
    auto nodesNamed = [&](const QSet<int>& indexes) {
        std::set<QString> names;
        for (int i : indexes) names.insert(g.data().nodes[static_cast<size_t>(i)].name);
        return names;
    };
    std::set<QString> ring;
    for (int k = 0; k < 8; ++k) ring.insert(QStringLiteral("ring%1").arg(k));
    // ring7 shares the card and the subnet with the whole ring.
    g.nodeItem(ring7)->setSelected(true);
    QCOMPARE(nodesNamed(g.highlightedNodes()), ring);
    auto* label7 = static_cast<NodeItem*>(g.nodeItem(ring7))->label();
    QVERIFY(label7->isVisible());
    QCOMPARE(label7->text(), QStringLiteral("ring7"));
    QVERIFY(!static_cast<NodeItem*>(g.nodeItem(ring0))->label()->isVisible());
    for (int i = 0; g.nodeItem(i); ++i) {
        const bool inRing = ring.count(g.data().nodes[static_cast<size_t>(i)].name) > 0;
        QCOMPARE(g.nodeItem(i)->opacity() == 1.0, inRing);  // the rest is dimmed
    }
    // With the card and the subnet hidden, ring0's only neighbour is ring1 (the user agent).
    g.nodeItem(ring7)->setSelected(false);
    g.setLinkTypeVisible(QStringLiteral("payment"), false);
    g.setLinkTypeVisible(QStringLiteral("subnet"), false);
    g.nodeItem(ring0)->setSelected(true);
    QCOMPARE(nodesNamed(g.highlightedNodes()),
             (std::set<QString>{QStringLiteral("ring0"), QStringLiteral("ring1")}));
    QVERIFY(g.nodeItem(ring7)->opacity() < 1.0);
    const int agent = hubOf(g, QStringLiteral("user_agent"), QStringLiteral("harvester-kit/0.3"));
    QVERIFY(agent >= 0);
    QCOMPARE(g.hubItem(agent)->opacity(), 1.0);
    g.nodeItem(ring0)->setSelected(false);
    QVERIFY(g.highlightedNodes().isEmpty());
    QCOMPARE(g.nodeItem(ring7)->opacity(), 1.0);
    QVERIFY(!static_cast<NodeItem*>(g.nodeItem(ring0))->label()->isVisible());

    // Hovering shows the name too, and highlights the same way.
    g.setLinkTypeVisible(QStringLiteral("payment"), true);
    QPoint spot = clearSpotOf(g.view(), g.nodeItem(ring7));
    QVERIFY(spot.x() >= 0);
    QTest::mouseMove(g.view()->viewport(), spot);
    QTRY_VERIFY(label7->isVisible());
    QCOMPARE(nodesNamed(g.highlightedNodes()), ring);
    QTest::mouseMove(g.view()->viewport(), QPoint(1, 1));
    QTRY_VERIFY(!label7->isVisible());
}

void TestGuiClusterGraph::refitsOnResizeAndDoubleClick() {
    ClusterGraph g;
    g.resize(360, 300);
    QVERIFY(showRing(g, ring_));
    QVERIFY(wholeGraphInView(g));
    // Enlarged, the graph grows with the view instead of staying a small blob.
    g.resize(1400, 1000);
    QTRY_VERIFY(g.view()->viewport()->width() > 1200);
    QVERIFY(wholeGraphInView(g));
    QSizeF share = spanShare(g);
    QVERIFY2(share.width() > 0.5 || share.height() > 0.5,
             qPrintable(QStringLiteral("%1 x %2").arg(share.width()).arg(share.height())));
    // Zoomed in, part of it is out of view; a double-click on empty canvas fits it again.
    const QPoint centre = g.view()->viewport()->rect().center();
    QWheelEvent wheel(centre, g.view()->viewport()->mapToGlobal(centre), QPoint(), QPoint(0, 1200),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(g.view()->viewport(), &wheel);
    QVERIFY(!wholeGraphInView(g));
    QVERIFY(!g.view()->autoFit());
    const QPoint empty(2, 2);
    QVERIFY(!g.view()->itemAt(empty));
    QTest::mouseDClick(g.view()->viewport(), Qt::LeftButton, {}, empty);
    QVERIFY(wholeGraphInView(g));
    QVERIFY(g.view()->autoFit());
    // So does the Fit button.
    QApplication::sendEvent(g.view()->viewport(), &wheel);
    QVERIFY(!wholeGraphInView(g));
    QTest::mouseClick(g.fitButton(), Qt::LeftButton);
    QVERIFY(wholeGraphInView(g));
}

void TestGuiClusterGraph::legendSaysWhatEncodes() {
    ClusterGraph g;
    QVERIFY(showRing(g, ring_));
    GraphLegend* legend = g.legend();
    QVERIFY(legend->isVisible());
    QVERIFY(legend->height() >= legend->heightForWidth(legend->width()));
    const QString text = legend->entries().join(QLatin1Char('|'));
    for (const char* what :
         {"size: requests", "fill: score", "red ring: flagged", "shared key", "link type"})
        QVERIFY2(text.contains(QLatin1String(what)), qPrintable(text));
    // Narrow, it wraps onto more rows instead of widening the window.
    QVERIFY(legend->minimumSizeHint().width() < 200);
    QVERIFY(legend->heightForWidth(200) > legend->heightForWidth(2000));
    // The toggles carry their type's colour: they are the edge legend.
    for (const QString& type : g.linkTypes()) {
        const QImage swatch = g.linkTypeButton(type)->icon().pixmap(12, 12).toImage();
        QCOMPARE(swatch.pixelColor(6, 6).rgb(), ClusterGraph::linkTypeColor(type).rgb());
    }
}

void TestGuiClusterGraph::contextMenusNameAccountOrKey() {
    ClusterGraph g;
    QVERIFY(showRing(g, ring_));
    QSignalSpy accounts(&g, &ClusterGraph::accountContextMenuRequested);
    QSignalSpy keys(&g, &ClusterGraph::keyContextMenuRequested);
    const int ring7 = ringNode(g, 7);
    const QPoint onNode = clearSpotOf(g.view(), g.nodeItem(ring7));
    QVERIFY(onNode.x() >= 0);
    QContextMenuEvent nodeMenu(QContextMenuEvent::Mouse, onNode,
                               g.view()->viewport()->mapToGlobal(onNode));
    QApplication::sendEvent(g.view()->viewport(), &nodeMenu);
    QCOMPARE(accounts.count(), 1);
    QCOMPARE(accounts.at(0).at(0).toLongLong(), g.data().nodes[static_cast<size_t>(ring7)].account);
    QCOMPARE(accounts.at(0).at(1).toPoint(), g.view()->viewport()->mapToGlobal(onNode));

    const int card = hubOf(g, QStringLiteral("payment"), QStringLiteral("card-ring"));
    QVERIFY(card >= 0);
    const QPoint onHub = g.view()->mapFromScene(g.hubItem(card)->scenePos());
    QCOMPARE(g.view()->itemAt(onHub), g.hubItem(card));
    QContextMenuEvent hubMenu(QContextMenuEvent::Mouse, onHub,
                              g.view()->viewport()->mapToGlobal(onHub));
    QApplication::sendEvent(g.view()->viewport(), &hubMenu);
    QCOMPARE(keys.count(), 1);
    QCOMPARE(keys.at(0).at(0).toString(), QStringLiteral("payment"));
    QCOMPARE(keys.at(0).at(1).toString(), QStringLiteral("card-ring"));
    QCOMPARE(accounts.count(), 1);
}

void TestGuiClusterGraph::olderAnalysisFallsBackToPairs() {
    // A case analysed before the summary existed: the same case without its summary tables.
    const QString old = dir_.filePath(QStringLiteral("old.quarry"));
    QFile::remove(old);
    QVERIFY(QFile::copy(ring_, old));
    {
        QString error;
        auto f = quarry::CaseFile::open(old, quarry::CaseFile::Access::ReadWrite, &error);
        QVERIFY2(f, qPrintable(error));
        QVERIFY(sql::exec(f->db(), "DROP TABLE cluster_link_members; DROP TABLE cluster_links;"));
    }
    ClusterGraph g;
    QVERIFY(showRing(g, old));
    QVERIFY(!g.data().summarised);
    QVERIFY(g.data().hubs.empty());
    QVERIFY(!g.data().edges.empty());
    for (const GraphEdge& e : g.data().edges) QVERIFY(e.hub < 0 && e.to >= 0);
    QVERIFY2(g.note()->text().contains(QStringLiteral("re-analyse")), qPrintable(g.note()->text()));
    QVERIFY(g.linkTypes().contains(QStringLiteral("payment")));
}

bool TestGuiClusterGraph::showLargestCluster(MainWindow& w) {
    w.resize(1600, 1000);
    w.show();
    if (!w.openCase(case_)) return false;
    if (!QTest::qWaitFor([&] { return !w.busy(); }, 60000)) return false;
    if (!w.selection()->selectCluster(cluster_)) return false;
    ClusterGraph* g = w.requests()->clusterGraph();
    w.views()->showView(g);
    return drawn(*g, cluster_);
}

QPoint TestGuiClusterGraph::clearSpotOf(QGraphicsView* view, QGraphicsItem* node) {
    const QPoint p = view->mapFromScene(node->scenePos());
    int nodes = 0;
    for (QGraphicsItem* item : view->items(p))
        nodes += (item->flags() & QGraphicsItem::ItemIsSelectable) ? 1 : 0;
    return nodes == 1 && view->viewport()->rect().contains(p) ? p : QPoint(-1, -1);
}

void TestGuiClusterGraph::isACentralTab() {
    MainWindow w(false);
    QVERIFY(showLargestCluster(w));
    ClusterGraph* g = w.requests()->clusterGraph();
    QTabWidget* tabs = w.views()->viewTabs();
    const int index = tabs->indexOf(g);
    QVERIFY(index >= 0);
    QCOMPARE(tabs->tabText(index), QStringLiteral("Cluster graph"));
    QCOMPARE(tabs->currentWidget(), g);
    for (QDockWidget* dock : w.findChildren<QDockWidget*>()) QVERIFY(!dock->isAncestorOf(g));
    // It gets the room of the central area, not a sliver.
    QVERIFY2(g->view()->viewport()->height() > 300,
             qPrintable(QString::number(g->view()->viewport()->height())));
    QVERIFY(wholeGraphInView(*g));
    // --screenshot's view name reaches it too.
    w.views()->showViewTab(ViewsController::AccountTab);
    QVERIFY(w.views()->showNamedView(QStringLiteral("graph")));
    QCOMPARE(tabs->currentWidget(), g);
}

void TestGuiClusterGraph::hubsMatchSql() {
    MainWindow w(false);
    QVERIFY(showLargestCluster(w));
    const int64_t members =
        scalar(QStringLiteral("SELECT count(*) FROM account_features WHERE cluster_id = %1")
                   .arg(cluster_));
    QVERIFY(members > 1 && members <= kGraphMaxNodes);
    ClusterGraph* g = w.requests()->clusterGraph();
    QVERIFY(g->data().summarised);
    QCOMPARE(static_cast<int64_t>(g->data().nodes.size()), members);
    QCOMPARE(g->data().memberCount, members);
    QCOMPARE(g->data().linkCount,
             scalar(QStringLiteral("SELECT count(*) FROM cluster_links WHERE cluster_id = %1")
                        .arg(cluster_)));
    // Every drawn hub is a key of this cluster, joined to exactly the members that share it
    // (all members are drawn, so all its members).
    std::map<int64_t, std::set<int64_t>> drawnMembers;
    for (const GraphEdge& e : g->data().edges) {
        QVERIFY(e.hub >= 0);
        drawnMembers[g->data().hubs[static_cast<size_t>(e.hub)].id].insert(
            g->data().nodes[static_cast<size_t>(e.from)].account);
    }
    QVERIFY(!g->data().hubs.empty());
    for (const GraphHub& h : g->data().hubs) {
        std::set<int64_t> sqlMembers;
        sql::Statement s(file_->db(),
                         "SELECT m.account_id FROM cluster_link_members m JOIN cluster_links h ON "
                         "h.id = m.hub_id WHERE h.id = ? AND h.cluster_id = ? AND h.type = ?");
        s.bind(1, h.id);
        s.bind(2, cluster_);
        const QByteArray type = h.type.toUtf8();
        s.bindText(3, std::string_view(type.constData(), static_cast<size_t>(type.size())));
        while (s.step()) sqlMembers.insert(s.int64(0));
        QCOMPARE(drawnMembers[h.id], sqlMembers);
    }
    // The toggles list the types the cluster's keys have.
    std::set<QString> sqlTypes, shown;
    sql::Statement s(file_->db(), "SELECT DISTINCT type FROM cluster_links WHERE cluster_id = ?");
    s.bind(1, cluster_);
    while (s.step()) sqlTypes.insert(s.text(0));
    for (const QString& t : g->linkTypes()) shown.insert(t);
    QCOMPARE(shown, sqlTypes);
    // Every drawn node is a member; the layout spread them out.
    std::set<int64_t> sqlMemberIds;
    for (int64_t id : clusterMembers(file_->db(), cluster_)) sqlMemberIds.insert(id);
    std::set<std::pair<int, int>> positions;
    for (const GraphNode& n : g->data().nodes) {
        QVERIFY(sqlMemberIds.count(n.account));
        positions.insert({qRound(n.x * 10), qRound(n.y * 10)});
    }
    QVERIFY(positions.size() > sqlMemberIds.size() / 2);
    // The request table follows the cluster: its members' requests.
    QTRY_COMPARE(w.requests()->requestPanel()->model()->query().accounts,
                 clusterMembers(file_->db(), cluster_));
}

void TestGuiClusterGraph::capsKeepTheWidest() {
    const ClusterGraphData all = loadClusterGraph(file_->db(), cluster_);
    const ClusterGraphData capped = loadClusterGraph(file_->db(), cluster_, 5, 4);
    QCOMPARE(static_cast<int>(capped.nodes.size()), 5);
    QVERIFY(capped.edges.size() <= 4);
    QVERIFY(capped.capped());
    QCOMPARE(capped.memberCount, static_cast<int64_t>(all.nodes.size()));
    QCOMPARE(capped.linkCount, all.linkCount);
    for (const GraphEdge& e : capped.edges)
        QVERIFY(e.from >= 0 && e.from < 5 && e.hub >= 0 &&
                e.hub < static_cast<int>(capped.hubs.size()));
    // The per-type cap: no type has more hubs than allowed, and the drawn ones of a type are
    // its widest.
    std::map<QString, int> perType;
    for (const GraphHub& h : all.hubs) ++perType[h.type];
    for (const auto& [type, n] : perType) QVERIFY(n <= kGraphMaxHubsPerType);
    for (size_t i = 1; i < all.hubs.size(); ++i)
        if (all.hubs[i].type == all.hubs[i - 1].type)
            QVERIFY(all.hubs[i - 1].members >= all.hubs[i].members);
    // The pair read (older analyses) caps to the heaviest links among the kept nodes.
    const ClusterGraphData pairs = loadClusterPairs(file_->db(), cluster_, 5, 4);
    QCOMPARE(static_cast<int>(pairs.nodes.size()), 5);
    QVERIFY(pairs.edges.size() <= 4);
    for (size_t i = 1; i < pairs.edges.size(); ++i)
        QVERIFY(pairs.edges[i - 1].weight >= pairs.edges[i].weight);
    // What is left out is said on the view.
    MainWindow w(false);
    QVERIFY(showLargestCluster(w));
    const QString note = w.requests()->clusterGraph()->note()->text();
    QVERIFY2(all.capped() == note.contains(QStringLiteral("not drawn")), qPrintable(note));
}

void TestGuiClusterGraph::tooltipsNameTypeAndEscape() {
    MainWindow w(false);
    QVERIFY(showLargestCluster(w));
    ClusterGraph* g = w.requests()->clusterGraph();
    QVERIFY(!g->data().edges.empty());
    for (int i = 0; i < static_cast<int>(g->data().edges.size()); ++i) {
        const GraphEdge& e = g->data().edges[static_cast<size_t>(i)];
        const GraphHub& h = g->data().hubs[static_cast<size_t>(e.hub)];
        const QString tip = g->edgeItem(i)->toolTip();
        QVERIFY2(tip.contains(h.type), qPrintable(tip));
        QVERIFY(tip.contains(h.value.toHtmlEscaped()));
        QVERIFY(tip.contains(g->data().nodes[static_cast<size_t>(e.from)].name.toHtmlEscaped()));
    }
    for (int i = 0; i < static_cast<int>(g->data().hubs.size()); ++i) {
        const GraphHub& h = g->data().hubs[static_cast<size_t>(i)];
        QVERIFY(g->hubItem(i)->toolTip().contains(h.value.toHtmlEscaped()));
        QVERIFY(g->hubItem(i)->toolTip().contains(QString::number(h.members)));
    }
    const GraphNode& n = g->data().nodes.front();
    QVERIFY(g->nodeItem(0)->toolTip().contains(n.name.toHtmlEscaped()));
    QVERIFY(g->nodeItem(0)->toolTip().contains(QString::number(n.requests)));
}

void TestGuiClusterGraph::clickingNodesSelectsAccounts() {
    MainWindow w(false);
    QVERIFY(showLargestCluster(w));
    ClusterGraph* g = w.requests()->clusterGraph();
    QGraphicsView* view = g->view();
    std::vector<int> clickable;
    for (int i = 0; i < static_cast<int>(g->data().nodes.size()) && clickable.size() < 2; ++i)
        if (clearSpotOf(view, g->nodeItem(i)).x() >= 0) clickable.push_back(i);
    QCOMPARE(clickable.size(), size_t(2));
    const int64_t first = g->data().nodes[static_cast<size_t>(clickable[0])].account;
    const int64_t second = g->data().nodes[static_cast<size_t>(clickable[1])].account;

    QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                      clearSpotOf(view, g->nodeItem(clickable[0])));
    QTRY_COMPARE(w.selection()->accountPanel()->selectedAccounts(), std::vector<int64_t>{first});
    // The account became current, so the timeline and the request table follow it.
    const QModelIndex current = w.selection()->accountPanel()->view()->currentIndex();
    QCOMPARE(w.selection()->accountPanel()->model()->recordAt(current.row())->id, first);
    QTRY_COMPARE(w.requests()->requestPanel()->model()->query().accounts,
                 std::vector<int64_t>{first});

    QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::ControlModifier,
                      clearSpotOf(view, g->nodeItem(clickable[1])));
    std::vector<int64_t> both{first, second};
    std::sort(both.begin(), both.end());
    QTRY_VERIFY([&] {
        std::vector<int64_t> sel = w.selection()->accountPanel()->selectedAccounts();
        std::sort(sel.begin(), sel.end());
        return sel == both;
    }());
}

void TestGuiClusterGraph::rubberBandSelectsEveryNode() {
    MainWindow w(false);
    QVERIFY(showLargestCluster(w));
    QGraphicsView* view = w.requests()->clusterGraph()->view();
    const QRect area = view->viewport()->rect();
    const QPoint from = area.topLeft() + QPoint(1, 1), to = area.bottomRight() - QPoint(1, 1);
    QVERIFY(!view->itemAt(from));  // starts on empty canvas: a drag there draws the band
    // Picking the cluster selected its members; narrow the table to one account first.
    const std::vector<int64_t> members = clusterMembers(file_->db(), cluster_);
    QVERIFY(w.selection()->selectAccount(members.front()));
    QCOMPARE(w.selection()->accountPanel()->selectedAccounts().size(), size_t(1));
    QTest::mousePress(view->viewport(), Qt::LeftButton, {}, from);
    for (int step = 1; step <= 10; ++step)
        QTest::mouseMove(view->viewport(), from + (to - from) * step / 10);
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, to);
    QTRY_VERIFY([&] {
        std::vector<int64_t> sel = w.selection()->accountPanel()->selectedAccounts();
        std::sort(sel.begin(), sel.end());
        return sel == members;
    }());
}

void TestGuiClusterGraph::edgesLookAsStrokedDirectly() {
    // The edge layer paints its picture on a thread of Qt's pool and copies it in (graphitems.cpp
    // says why). What lands must be what stroking the same lines here gives: same places, same
    // colours and opacities, at a scale and offset as a zoomed view has them, and only the
    // exposed part when a part is asked for.
    QGraphicsScene scene;
    const QRectF sceneRect(-300, -200, 600, 400);
    scene.setSceneRect(sceneRect);
    struct Look {
        QColor color;
        double width, opacity;
    };
    // In the order the layer strokes its looks (by colour value), so overlaps stack alike.
    const Look looks[] = {{QColor(30, 160, 60), 4.0, 0.6},
                          {QColor(60, 60, 200), 1.0, 0.35},
                          {QColor(200, 60, 60), 2.5, 0.8}};
    QRandomGenerator rng(7);
    std::vector<QGraphicsLineItem*> lines;
    std::vector<std::pair<QLineF, int>> drawn;
    for (int i = 0; i < 600; ++i) {
        const QLineF l(rng.bounded(560.0) - 280, rng.bounded(360.0) - 180, rng.bounded(560.0) - 280,
                       rng.bounded(360.0) - 180);
        const int look = i % 3;
        auto* e = new EdgeItem(l);
        e->setPen(QPen(looks[look].color, looks[look].width));
        e->setOpacity(looks[look].opacity);
        scene.addItem(e);
        lines.push_back(e);
        drawn.emplace_back(l, look);
    }
    auto* layer = new EdgeLayer(std::move(lines));
    // Its own painting, not Qt's cache of it: rendered off a view, Qt scales the first picture.
    layer->setCacheMode(QGraphicsItem::NoCache);
    scene.addItem(layer);

    const QSize size(900, 600);  // 1.5 times the scene: the scale of a zoomed view
    const auto render = [&](const QRectF& target, const QRectF& source) {
        QImage image(size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        scene.render(&p, target, source, Qt::IgnoreAspectRatio);
        return image;
    };
    const auto reference = [&](const QRectF& target, const QRectF& source) {
        QImage image(size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        p.setClipRect(target);
        p.setTransform(QTransform::fromTranslate(-source.x(), -source.y()) *
                       QTransform::fromScale(target.width() / source.width(),
                                             target.height() / source.height()) *
                       QTransform::fromTranslate(target.x(), target.y()));
        for (int look = 0; look < 3; ++look) {
            QPainterPath path;
            for (const auto& [l, k] : drawn)
                if (k == look) {
                    path.moveTo(l.p1());
                    path.lineTo(l.p2());
                }
            QPen pen(looks[look].color, looks[look].width);
            pen.setCosmetic(true);
            p.setOpacity(looks[look].opacity);
            p.strokePath(path, pen);
        }
        return image;
    };
    const auto differing = [](const QImage& a, const QImage& b) {
        // Pixels off by more than rounding: composited in two steps, translucent edges stacked
        // on each other round differently, by up to six levels of 255 where seen.
        int n = 0;
        for (int y = 0; y < a.height(); ++y)
            for (int x = 0; x < a.width(); ++x) {
                const QRgb p = a.pixel(x, y), q = b.pixel(x, y);
                if (std::abs(qRed(p) - qRed(q)) > 8 || std::abs(qGreen(p) - qGreen(q)) > 8 ||
                    std::abs(qBlue(p) - qBlue(q)) > 8)
                    ++n;
            }
        return n;
    };
    const QRectF all(QPointF(0, 0), size);
    const QImage whole = render(all, sceneRect);
    QCOMPARE(differing(whole, reference(all, sceneRect)), 0);
    int inked = 0;  // and there is a picture to compare
    for (int y = 0; y < whole.height(); y += 3)
        for (int x = 0; x < whole.width(); x += 3)
            inked += whole.pixel(x, y) != qRgb(255, 255, 255);
    QVERIFY(inked > 1000);
    // A part of the scene, zoomed in, into a part of the picture (as a view scrolled and
    // zoomed exposes it).
    const QRectF part(-120, -60, 300, 200), into(60, 40, 600, 400);
    QCOMPARE(differing(render(into, part), reference(into, part)), 0);
}

QTEST_MAIN(TestGuiClusterGraph)
#include "tst_gui_clustergraph.moc"
