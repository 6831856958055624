// SPDX-License-Identifier: GPL-3.0-or-later
// The Cluster graph dock on a generated, analysed case: one node per member and one edge per
// link among members (checked against SQL), the caps, tooltips, and node picks selecting
// accounts in the account table.
#include <QGraphicsItem>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QLabel>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <set>

#include "panels/accountpanel.h"
#include "items/casequeries.h"
#include "graph/clustergraph.h"
#include "items/clustergraphdata.h"
#include "guitestutil.h"
#include "casesession.h"
#include "importcontroller.h"
#include "mainwindow.h"
#include "requestscontroller.h"
#include "selectioncontroller.h"
#include "viewscontroller.h"
#include "workflowcontroller.h"
#include "panels/requestpanel.h"
#include "store/casefile.h"
#include "store/sqlite.h"

using namespace quarry::gui;
namespace sql = quarry::sql;

class TestGuiClusterGraph final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void nodesAndEdgesMatchSql();
    void capsKeepTheStrongest();
    void tooltipsNameTypeAndEscape();
    void clickingNodesSelectsAccounts();
    void rubberBandSelectsEveryNode();

private:
    int64_t scalar(const QString& sqlText) const {
        return sql::queryInt(file_->db(), sqlText.toStdString(), -1);
    }
    // Opens the case in a window and shows the largest cluster in the graph.
    bool showLargestCluster(MainWindow& w);
    // A point in viewport coordinates where only this node is under the mouse, or (-1, -1).
    static QPoint clearSpotOf(QGraphicsView* view, QGraphicsItem* node);

    QTemporaryDir dir_;
    QString case_;
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
}

bool TestGuiClusterGraph::showLargestCluster(MainWindow& w) {
    w.resize(1600, 1000);
    w.show();
    if (!w.openCase(case_)) return false;
    if (!QTest::qWaitFor([&] { return !w.busy(); }, 60000)) return false;
    if (!w.selection()->selectCluster(cluster_)) return false;
    return QTest::qWaitFor(
        [&] {
            return !w.requests()->clusterGraph()->loading() && w.requests()->clusterGraph()->data().cluster == cluster_;
        },
        60000);
}

QPoint TestGuiClusterGraph::clearSpotOf(QGraphicsView* view, QGraphicsItem* node) {
    const QPoint p = view->mapFromScene(node->scenePos());
    int nodes = 0;
    for (QGraphicsItem* item : view->items(p))
        nodes += (item->flags() & QGraphicsItem::ItemIsSelectable) ? 1 : 0;
    return nodes == 1 && view->viewport()->rect().contains(p) ? p : QPoint(-1, -1);
}

void TestGuiClusterGraph::nodesAndEdgesMatchSql() {
    MainWindow w(false);
    QVERIFY(showLargestCluster(w));
    const int64_t members =
        scalar(QStringLiteral("SELECT count(*) FROM account_features WHERE cluster_id = %1")
                   .arg(cluster_));
    const int64_t links =
        scalar(QStringLiteral(
                   "SELECT count(*) FROM links l JOIN account_features fa ON fa.account_id = l.a "
                   "JOIN account_features fb ON fb.account_id = l.b "
                   "WHERE fa.cluster_id = %1 AND fb.cluster_id = %1")
                   .arg(cluster_));
    QVERIFY(members > 1 && members <= kGraphMaxNodes);
    QVERIFY(links > 0 && links <= kGraphMaxEdges);
    ClusterGraph* g = w.requests()->clusterGraph();
    QCOMPARE(static_cast<int64_t>(g->data().nodes.size()), members);
    QCOMPARE(static_cast<int64_t>(g->data().edges.size()), links);
    int nodeItems = 0, edgeItems = 0;
    for (QGraphicsItem* item : g->scene()->items()) {
        if (item->flags() & QGraphicsItem::ItemIsSelectable)
            ++nodeItems;
        else
            ++edgeItems;
    }
    QCOMPARE(nodeItems, static_cast<int>(members));
    QCOMPARE(edgeItems, static_cast<int>(links));
    QVERIFY(!g->data().capped());
    // Every drawn node is a member; the layout spread them out.
    std::set<int64_t> sqlMembers;
    for (int64_t id : clusterMembers(file_->db(), cluster_)) sqlMembers.insert(id);
    std::set<std::pair<int, int>> positions;
    for (const GraphNode& n : g->data().nodes) {
        QVERIFY(sqlMembers.count(n.account));
        positions.insert({qRound(n.x * 10), qRound(n.y * 10)});
    }
    QVERIFY(positions.size() > sqlMembers.size() / 2);
    // The request table follows the cluster: its members' requests.
    QTRY_COMPARE(w.requests()->requestPanel()->model()->query().accounts,
                 clusterMembers(file_->db(), cluster_));
    QTRY_COMPARE(
        w.requests()->requestPanel()->model()->totalCount(),
        scalar(QStringLiteral(
                   "SELECT count(*) FROM requests r JOIN account_features f ON f.account_id = "
                   "r.account_id WHERE f.cluster_id = %1")
                   .arg(cluster_)));
}

void TestGuiClusterGraph::capsKeepTheStrongest() {
    const ClusterGraphData all = loadClusterGraph(file_->db(), cluster_);
    const ClusterGraphData capped = loadClusterGraph(file_->db(), cluster_, 5, 4);
    QCOMPARE(static_cast<int>(capped.nodes.size()), 5);
    QVERIFY(capped.edges.size() <= 4);
    QVERIFY(capped.capped());
    QCOMPARE(capped.memberCount, static_cast<int64_t>(all.nodes.size()));
    QCOMPARE(capped.linkCount, static_cast<int64_t>(all.edges.size()));
    // The kept edges are the heaviest among the kept nodes.
    for (size_t i = 1; i < capped.edges.size(); ++i)
        QVERIFY(capped.edges[i - 1].weight >= capped.edges[i].weight);
    for (const GraphEdge& e : capped.edges)
        QVERIFY(e.from >= 0 && e.from < 5 && e.to >= 0 && e.to < 5);
    MainWindow w(false);
    QVERIFY(showLargestCluster(w));
    QVERIFY(!w.requests()->clusterGraph()->note()->text().contains(QStringLiteral("showing")));
}

void TestGuiClusterGraph::tooltipsNameTypeAndEscape() {
    MainWindow w(false);
    QVERIFY(showLargestCluster(w));
    ClusterGraph* g = w.requests()->clusterGraph();
    QVERIFY(!g->data().edges.empty());
    for (int i = 0; i < static_cast<int>(g->data().edges.size()); ++i) {
        const GraphEdge& e = g->data().edges[static_cast<size_t>(i)];
        const int64_t a = g->data().nodes[static_cast<size_t>(e.from)].account;
        const int64_t b = g->data().nodes[static_cast<size_t>(e.to)].account;
        // The type in the tooltip is one the links table records for that pair.
        sql::Statement s(file_->db(),
                         "SELECT type FROM links WHERE a = ? AND b = ? OR a = ? AND b = ?");
        s.bind(1, a);
        s.bind(2, b);
        s.bind(3, b);
        s.bind(4, a);
        QStringList types;
        while (s.step()) types << s.text(0);
        QVERIFY(types.contains(e.type));
        const QString tip = g->edgeItem(i)->toolTip();
        QVERIFY2(tip.contains(e.type), qPrintable(tip));
        QVERIFY(tip.contains(e.evidence.toHtmlEscaped()));
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
    QTRY_COMPARE(w.requests()->requestPanel()->model()->query().accounts, std::vector<int64_t>{first});

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

QTEST_MAIN(TestGuiClusterGraph)
#include "tst_gui_clustergraph.moc"
