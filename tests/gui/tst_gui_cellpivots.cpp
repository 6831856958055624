// SPDX-License-Identifier: GPL-3.0-or-later
// The context menus of plot cells on a generated case: a topic heatmap cell (by day for a
// cluster, by hour for the whole case), an hour-of-week punchcard cell and a members x topics
// cell. Each entry must do what it says: the account table then lists exactly the accounts an
// independent query of the case's requests finds, the request table holds exactly the requests
// of the cell, and Copy Value puts the cell's count (counted again from the requests) on the
// clipboard. A right-click on a cell opens its menu. The menu is returned before the accounts
// behind the cell are counted (those entries say "counting…" and are disabled) and the entries
// are filled in when a worker has counted them; closing the case during a count closes the menu
// and drops the count.
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QMenu>
#include <QPointer>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QtTest>

#include <memory>
#include <set>

#include "casesession.h"
#include "guitestutil.h"
#include "mainwindow.h"
#include "panels/accountpanel.h"
#include "panels/filterchip.h"
#include "panels/requestpanel.h"
#include "pivotcontroller.h"
#include "plots/punchcardplot.h"
#include "plots/topicheatmap.h"
#include "plots/topicmatrixplot.h"
#include "requestscontroller.h"
#include "selectioncontroller.h"
#include "store/sqlite.h"
#include "viewscontroller.h"

using namespace quarry::gui;
namespace sql = quarry::sql;

namespace {

// The entry whose text starts with `prefix` (menus carry counts after the words).
QAction* entry(QMenu* menu, const QString& prefix) {
    for (QAction* a : menu->actions())
        if (a->text().startsWith(prefix)) return a;
    return nullptr;
}

QString texts(QMenu* menu) {
    QStringList out;
    for (QAction* a : menu->actions()) out << a->text();
    return out.join(QLatin1Char('|'));
}

// The menu came back before its count: the entry waits, disabled, for the worker.
bool counting(const QAction* a) {
    return a && !a->isEnabled() && a->text().endsWith(QStringLiteral("(counting…)"));
}

// The count arrived: the entry reads "... (n)" and is enabled.
bool counted(const QAction* a) {
    return QTest::qWaitFor([a] { return a->isEnabled() && !counting(a); }, 20000);
}

}  // namespace

class TestGuiCellPivots final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void heatmapCellByDayForACluster();
    void heatmapCellByHourForTheCase();
    void punchcardCell();
    void topicMatrixCell();
    void rightClickOpensTheCellMenu();
    void closingTheCaseDuringACountDropsIt();

private:
    // The ids of a query's first column, with up to four integers bound.
    std::set<int64_t> ids(const char* query, std::initializer_list<int64_t> binds) const;
    int64_t count(const char* query, std::initializer_list<int64_t> binds) const;
    std::set<int64_t> accountTableIds() const;
    bool idle() const;
    bool requestsCounted(int64_t n) const;
    // Selects the top flagged cluster and shows the heatmap and punchcard for that scope.
    void showTopCluster(ViewScope scope);

    QTemporaryDir dir_;
    QString case_;
    std::unique_ptr<quarry::CaseFile> file_;
    std::unique_ptr<MainWindow> w_;
    int64_t cluster_ = -1;
};

void TestGuiCellPivots::initTestCase() {
    QString log;
    case_ = quarry::test::openAnalysedCase(dir_, file_, &log);
    QVERIFY2(file_, qPrintable(log));
    cluster_ = count("SELECT id FROM clusters WHERE flagged = 1 ORDER BY score DESC LIMIT 1", {});
    QVERIFY(cluster_ >= 0);
}

void TestGuiCellPivots::init() {
    w_ = std::make_unique<MainWindow>(false);
    w_->resize(1600, 1000);
    w_->show();
    QString error;
    QVERIFY2(w_->openCase(case_, &error), qPrintable(error));
    QVERIFY(QTest::qWaitFor([this] { return idle(); }, 60000));
}

void TestGuiCellPivots::cleanup() {
    w_.reset();
}

std::set<int64_t> TestGuiCellPivots::ids(const char* query,
                                         std::initializer_list<int64_t> binds) const {
    sql::Statement s(file_->db(), query);
    int i = 0;
    for (int64_t b : binds) s.bind(++i, b);
    std::set<int64_t> out;
    while (s.step()) out.insert(s.int64(0));
    return out;
}

int64_t TestGuiCellPivots::count(const char* query, std::initializer_list<int64_t> binds) const {
    sql::Statement s(file_->db(), query);
    int i = 0;
    for (int64_t b : binds) s.bind(++i, b);
    return s.step() ? s.int64(0) : -1;
}

std::set<int64_t> TestGuiCellPivots::accountTableIds() const {
    AccountTableModel* m = w_->selection()->accountPanel()->model();
    std::set<int64_t> out;
    for (int r = 0; r < m->rowCount(); ++r) out.insert(m->recordAt(r)->id);
    return out;
}

bool TestGuiCellPivots::idle() const {
    return !w_->busy();
}

bool TestGuiCellPivots::requestsCounted(int64_t n) const {
    RequestTableModel* m = w_->requests()->requestPanel()->model();
    return QTest::qWaitFor([&] { return !m->loading() && m->totalCount() == n; }, 20000);
}

void TestGuiCellPivots::showTopCluster(ViewScope scope) {
    QVERIFY(w_->selection()->selectCluster(cluster_));
    w_->views()->setHeatmapScope(scope);
    QVERIFY(QTest::qWaitFor([this] { return idle(); }, 60000));
    // The views follow the pick in steps (the cluster, then its members in the account table):
    // wait until each shows the scope asked for.
    const int64_t id = scope == ViewScope::Cluster ? cluster_ : -1;
    QVERIFY(QTest::qWaitFor(
        [this, scope, id] {
            ViewsController* v = w_->views();
            return idle() && !v->heatmap()->loading() && !v->punchcard()->loading() &&
                   !v->topicMatrix()->loading() && v->heatmap()->heatmapData().scope == scope &&
                   v->heatmap()->heatmapData().scopeId == id &&
                   v->punchcard()->punchcard().scope == scope &&
                   v->punchcard()->punchcard().scopeId == id &&
                   v->topicMatrix()->matrix().cluster == cluster_;
        },
        60000));
}

void TestGuiCellPivots::heatmapCellByDayForACluster() {
    showTopCluster(ViewScope::Cluster);
    const TopicTimeGrid& grid = w_->views()->heatmap()->heatmapData();
    QCOMPARE(grid.scope, ViewScope::Cluster);
    QCOMPARE(grid.scopeId, cluster_);
    // The quietest cell with requests: a few of the members, not all of them.
    int row = -1;
    int64_t bucket = 0, best = INT64_MAX;
    for (int r = 0; r < static_cast<int>(w_->session()->topics().topics.size()); ++r)
        for (int64_t b = grid.firstBucket; b < grid.firstBucket + grid.buckets; ++b)
            if (grid.at(r, b) > 0 && grid.at(r, b) < best)
                best = grid.at(r, b), row = r, bucket = b;
    QVERIFY(row >= 0);
    const int64_t topic = w_->session()->topics().topics[static_cast<size_t>(row)].id;
    const int64_t from = bucket * kDayMs, to = from + kDayMs;

    const std::set<int64_t> expected =
        ids("SELECT DISTINCT r.account_id FROM requests r JOIN request_topics t ON t.id = r.id "
            "JOIN account_features f ON f.account_id = r.account_id WHERE f.cluster_id = ?1 AND "
            "r.ts >= ?2 AND r.ts < ?3 AND t.topic_id = ?4",
            {cluster_, from, to, topic});
    const int64_t requests = count(
        "SELECT count(*) FROM requests r JOIN request_topics t ON t.id = r.id JOIN "
        "account_features f ON f.account_id = r.account_id WHERE f.cluster_id = ?1 AND "
        "r.ts >= ?2 AND r.ts < ?3 AND t.topic_id = ?4",
        {cluster_, from, to, topic});
    QVERIFY(!expected.empty());

    QMenu* menu = w_->pivots()->heatmapCellMenu(from, to, topic);
    QAction* accounts = entry(menu, QStringLiteral("Accounts in This Cell"));
    QAction* copy = entry(menu, QStringLiteral("Copy Value"));
    QAction* show = entry(menu, QStringLiteral("Show These Requests"));
    QVERIFY2(accounts && copy && show, qPrintable(texts(menu)));
    QVERIFY2(counting(accounts), qPrintable(texts(menu)));
    QVERIFY(counted(accounts));
    QCOMPARE(accounts->text(), QStringLiteral("Accounts in This Cell (%1)").arg(expected.size()));
    accounts->trigger();
    QVERIFY(accountTableIds() == expected);
    QVERIFY(
        w_->selection()->accountPanel()->pivotChip()->isVisibleTo(w_->selection()->accountPanel()));
    copy->trigger();
    const QStringList cells = QApplication::clipboard()->text().trimmed().split(QLatin1Char('\t'));
    QCOMPARE(cells.size(), 3);
    QCOMPARE(cells[0],
             QDateTime::fromMSecsSinceEpoch(from, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd")));
    QCOMPARE(cells[2].toLongLong(), requests);
    show->trigger();
    delete menu;
    QVERIFY(requestsCounted(requests));
}

void TestGuiCellPivots::heatmapCellByHourForTheCase() {
    showTopCluster(ViewScope::Case);
    w_->views()->setHeatmapHourly(true);
    QVERIFY(QTest::qWaitFor(
        [this] {
            return idle() && !w_->views()->heatmap()->loading() &&
                   w_->views()->heatmap()->heatmapData().bucketMs == kHourMs;
        },
        60000));
    const TopicTimeGrid& grid = w_->views()->heatmap()->heatmapData();
    QCOMPARE(grid.scope, ViewScope::Case);
    // The busiest hour of the first topic row that has any.
    int row = -1;
    int64_t bucket = 0, best = 0;
    for (int r = 0; r < static_cast<int>(w_->session()->topics().topics.size()) && row < 0; ++r)
        for (int64_t b = grid.firstBucket; b < grid.firstBucket + grid.buckets; ++b)
            if (grid.at(r, b) > best) best = grid.at(r, b), bucket = b, row = r;
    QVERIFY(row >= 0);
    const int64_t topic = w_->session()->topics().topics[static_cast<size_t>(row)].id;
    const int64_t from = bucket * kHourMs, to = from + kHourMs;
    const std::set<int64_t> expected =
        ids("SELECT DISTINCT r.account_id FROM requests r JOIN request_topics t ON t.id = r.id "
            "WHERE r.ts >= ?1 AND r.ts < ?2 AND t.topic_id = ?3",
            {from, to, topic});
    QVERIFY(!expected.empty());
    QMenu* menu = w_->pivots()->heatmapCellMenu(from, to, topic);
    QAction* accounts = entry(menu, QStringLiteral("Accounts in This Cell"));
    QVERIFY2(counting(accounts), qPrintable(texts(menu)));
    QVERIFY(counted(accounts));
    QVERIFY(accounts->text().endsWith(QStringLiteral("(%1)").arg(expected.size())));
    accounts->trigger();
    QVERIFY(accountTableIds() == expected);
    entry(menu, QStringLiteral("Copy Value"))->trigger();
    delete menu;
    QCOMPARE(QApplication::clipboard()->text().trimmed().section(QLatin1Char('\t'), 2).toLongLong(),
             count("SELECT count(*) FROM requests r JOIN request_topics t ON t.id = r.id WHERE "
                   "r.ts >= ?1 AND r.ts < ?2 AND t.topic_id = ?3",
                   {from, to, topic}));
}

void TestGuiCellPivots::punchcardCell() {
    showTopCluster(ViewScope::Cluster);
    const Punchcard& card = w_->views()->punchcard()->punchcard();
    QCOMPARE(card.scope, ViewScope::Cluster);
    // The quietest hour of the week with requests: some members, not all.
    int weekday = -1, hour = -1;
    int64_t best = INT64_MAX;
    for (int d = 0; d < 7; ++d)
        for (int h = 0; h < 24; ++h)
            if (card.at(d, h) > 0 && card.at(d, h) < best)
                best = card.at(d, h), weekday = d, hour = h;
    QVERIFY(weekday >= 0);
    // Counted again from the requests: the members with a request on that weekday and hour
    // (1970-01-01 was a Thursday, weekday 3 with Monday 0), and the last such hour.
    const char* kAtHourOfWeek =
        "FROM requests r JOIN account_features f ON f.account_id = r.account_id WHERE "
        "f.cluster_id = ?1 AND (r.ts / 3600000) % 24 = ?2 AND (r.ts / 86400000 + 3) % 7 = ?3";
    const std::set<int64_t> members =
        ids((QByteArray("SELECT DISTINCT r.account_id ") + kAtHourOfWeek).constData(),
            {cluster_, hour, weekday});
    const int64_t requests = count((QByteArray("SELECT count(*) ") + kAtHourOfWeek).constData(),
                                   {cluster_, hour, weekday});
    const int64_t last =
        count((QByteArray("SELECT max(r.ts / 3600000) * 3600000 ") + kAtHourOfWeek).constData(),
              {cluster_, hour, weekday});
    QVERIFY(!members.empty() && last > 0);

    QMenu* menu = w_->pivots()->punchcardCellMenu(weekday, hour);
    QAction* active = entry(menu, QStringLiteral("Members Active"));
    QAction* thatHour = nullptr;
    for (QAction* a : menu->actions())
        if (a->text().startsWith(QStringLiteral("Accounts Active")) &&
            a->text().contains(QDateTime::fromMSecsSinceEpoch(last, Qt::UTC)
                                   .toString(QStringLiteral("yyyy-MM-dd HH:00"))))
            thatHour = a;
    QAction* show = entry(menu, QStringLiteral("Show These Requests"));
    QVERIFY2(counting(active) && counting(thatHour) && show && show->isEnabled(),
             qPrintable(texts(menu)));
    QVERIFY(counted(active) && counted(thatHour));
    QVERIFY(active->text().endsWith(QStringLiteral("(%1)").arg(members.size())));
    active->trigger();
    QVERIFY(accountTableIds() == members);
    thatHour->trigger();
    QVERIFY(accountTableIds() ==
            ids("SELECT DISTINCT account_id FROM requests WHERE ts >= ?1 AND ts < ?2",
                {last, last + kHourMs}));
    entry(menu, QStringLiteral("Copy Value"))->trigger();
    QCOMPARE(QApplication::clipboard()->text().trimmed().section(QLatin1Char('\t'), 2).toLongLong(),
             requests);
    // The requests of the cell's last occurrence: the cluster's, in that hour.
    show->trigger();
    delete menu;
    QVERIFY(requestsCounted(count(
        "SELECT count(*) FROM requests r JOIN account_features f ON f.account_id = r.account_id "
        "WHERE f.cluster_id = ?1 AND r.ts >= ?2 AND r.ts < ?3",
        {cluster_, last, last + kHourMs})));
}

void TestGuiCellPivots::topicMatrixCell() {
    showTopCluster(ViewScope::Cluster);
    TopicMatrixPlot* plot = w_->views()->topicMatrix();
    const AccountTopicMatrix& m = plot->matrix();
    QCOMPARE(m.cluster, cluster_);
    QVERIFY(!m.accounts.empty());
    // The first member's busiest topic.
    int col = -1;
    int64_t best = 0;
    for (int c = 0; c < m.topics; ++c)
        if (m.at(0, c) > best) best = m.at(0, c), col = c;
    QVERIFY(col >= 0);
    const int64_t account = plot->accountAt(0), topic = plot->topicAt(col);
    QMenu* menu = w_->pivots()->topicMatrixCellMenu(account, topic);
    QAction* members = entry(menu, QStringLiteral("Members with"));
    QAction* mine = entry(menu, QStringLiteral("Show This Account's"));
    QAction* theirs = entry(menu, QStringLiteral("Show the Cluster's"));
    QVERIFY2(members && mine && theirs && entry(menu, QStringLiteral("Select Account")) &&
                 entry(menu, QStringLiteral("Accounts sharing")),
             qPrintable(texts(menu)));
    // The cluster's requests on the topic wait for the same read as the members.
    QVERIFY2(counting(members) && !theirs->isEnabled() && mine->isEnabled(),
             qPrintable(texts(menu)));
    QVERIFY(counted(members));
    QVERIFY(theirs->isEnabled());
    const std::set<int64_t> onTopic =
        ids("SELECT DISTINCT r.account_id FROM requests r JOIN request_topics t ON t.id = "
            "r.id JOIN account_features f ON f.account_id = r.account_id WHERE f.cluster_id = "
            "?1 AND t.topic_id = ?2",
            {cluster_, topic});
    QVERIFY(members->text().endsWith(QStringLiteral("(%1)").arg(onTopic.size())));
    members->trigger();
    QVERIFY(accountTableIds() == onTopic);
    const int64_t own = count(
        "SELECT count(*) FROM requests r JOIN request_topics t ON t.id = r.id WHERE r.account_id "
        "= ?1 AND t.topic_id = ?2",
        {account, topic});
    entry(menu, QStringLiteral("Copy Value"))->trigger();
    QCOMPARE(QApplication::clipboard()->text().trimmed().section(QLatin1Char('\t'), 2).toLongLong(),
             own);
    mine->trigger();
    QVERIFY(requestsCounted(own));
    theirs->trigger();
    delete menu;
    QVERIFY(requestsCounted(
        count("SELECT count(*) FROM requests r JOIN request_topics t ON t.id = r.id JOIN "
              "account_features f ON f.account_id = r.account_id WHERE f.cluster_id = ?1 AND "
              "t.topic_id = ?2",
              {cluster_, topic})));
}

void TestGuiCellPivots::rightClickOpensTheCellMenu() {
    showTopCluster(ViewScope::Cluster);
    w_->views()->showViewTab(ViewsController::PatternsTab);
    PunchcardPlot* card = w_->views()->punchcard();
    QVERIFY(QTest::qWaitForWindowExposed(w_.get()));
    QTRY_VERIFY(card->isVisible() && card->width() > 100);
    card->replot();
    int weekday = 0, hour = 0;
    for (int d = 0; d < 7; ++d)
        for (int h = 0; h < 24; ++h)
            if (card->punchcard().at(d, h) > card->punchcard().at(weekday, hour))
                weekday = d, hour = h;
    const QPoint at = card->cellCenter(weekday, hour);
    QVERIFY(!at.isNull());
    QContextMenuEvent event(QContextMenuEvent::Mouse, at, card->mapToGlobal(at));
    QApplication::sendEvent(card, &event);
    QMenu* menu = nullptr;
    QTRY_VERIFY((menu = qobject_cast<QMenu*>(QApplication::activePopupWidget())) != nullptr);
    QAction* active = entry(menu, QStringLiteral("Members Active"));
    QVERIFY2(active, qPrintable(texts(menu)));
    // Filled in while the menu is open.
    QVERIFY(counted(active));
    QVERIFY(menu->isVisible());
    menu->close();
}

void TestGuiCellPivots::closingTheCaseDuringACountDropsIt() {
    showTopCluster(ViewScope::Case);
    // The busiest hour of the week of the whole case: the read the brief saw freeze.
    const Punchcard& card = w_->views()->punchcard()->punchcard();
    int weekday = 0, hour = 0;
    for (int d = 0; d < 7; ++d)
        for (int h = 0; h < 24; ++h)
            if (card.at(d, h) > card.at(weekday, hour)) weekday = d, hour = h;
    QVERIFY(card.at(weekday, hour) > 0);
    QPointer<QMenu> menu = w_->pivots()->punchcardCellMenu(weekday, hour);
    QPointer<QAction> active = entry(menu, QStringLiteral("Accounts Active"));
    QVERIFY2(counting(active), qPrintable(texts(menu)));
    w_->closeCase();
    // The menu named the closed case: it goes, and the count that comes back is dropped.
    QThreadPool::globalInstance()->waitForDone();
    QTRY_VERIFY(menu.isNull());
    QVERIFY(active.isNull());

    // The next case's menus count again.
    QString error;
    QVERIFY2(w_->openCase(case_, &error), qPrintable(error));
    QVERIFY(QTest::qWaitFor([this] { return idle(); }, 60000));
    showTopCluster(ViewScope::Case);
    QMenu* again = w_->pivots()->punchcardCellMenu(weekday, hour);
    QAction* any = entry(again, QStringLiteral("Accounts Active"));
    QVERIFY2(counting(any), qPrintable(texts(again)));
    QVERIFY(counted(any));
    QVERIFY(any->text().endsWith(QStringLiteral("(%1)").arg(
        ids("SELECT DISTINCT account_id FROM requests WHERE ts >= 0 AND (ts / 3600000) % 24 = ?1 "
            "AND (ts / 86400000 + 3) % 7 = ?2",
            {hour, weekday})
            .size())));
    delete again;
}

QTEST_MAIN(TestGuiCellPivots)
#include "tst_gui_cellpivots.moc"
