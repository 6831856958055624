// SPDX-License-Identifier: GPL-3.0-or-later
// The dashboard's grids on a generated, analysed case: the topic heatmap by hour and by day, the
// hour-of-week punchcard and the cluster's accounts x topics matrix hold the counts an
// independent SQL query gives, and clicking a cell filters the timeline and asks the request
// list for that cell's requests.
#include <QComboBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <set>

#include "panels/accountpanel.h"
#include "items/casequeries.h"
#include "guitestutil.h"
#include "casesession.h"
#include "importcontroller.h"
#include "mainwindow.h"
#include "requestscontroller.h"
#include "selectioncontroller.h"
#include "viewscontroller.h"
#include "workflowcontroller.h"
#include "panels/overviewpanel.h"
#include "plots/plottheme.h"
#include "plots/punchcardplot.h"
#include "store/casefile.h"
#include "store/sqlite.h"
#include "plots/timelineplot.h"
#include "plots/topicheatmap.h"
#include "plots/topicmatrixplot.h"

using namespace quarry::gui;
using quarry::sql::Statement;

class TestGuiHeatmaps final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void hourAndDayGranularityMatchSql();
    void caseHourlyTotalMatchesSql();
    void clickingDayCellFiltersTimelineAndRequests();
    void clickingHourCellNarrowsToTheHour();
    void punchcardMatchesSqlAndClickFilters();
    void matrixRowsAreClusterMembersCapped();
    void overviewShowsRequestsPerHour();
    void gridsFollowTheDarkPalette();
    void singleDayCellCoversTheDay();

private:
    void openWindow(MainWindow& w);
    void clickBusiestCell(int64_t bucketMs);
    void waitIdle(MainWindow& w);
    int64_t busiestFlaggedAccount(sqlite3* db) const;
    QTemporaryDir dir_;
    QString case_;
    std::unique_ptr<quarry::CaseFile> file_;
};

void TestGuiHeatmaps::initTestCase() {
    QString log;
    case_ = quarry::test::openAnalysedCase(dir_, file_, &log);
    QVERIFY2(file_, qPrintable(log));
}

void TestGuiHeatmaps::openWindow(MainWindow& w) {
    w.resize(1600, 1000);
    w.show();
    QString error;
    QVERIFY2(w.openCase(case_, &error), qPrintable(error));
    waitIdle(w);
}

void TestGuiHeatmaps::waitIdle(MainWindow& w) {
    QTRY_VERIFY_WITH_TIMEOUT(!w.busy(), 60000);
}

int64_t TestGuiHeatmaps::busiestFlaggedAccount(sqlite3* db) const {
    Statement s(db,
                "SELECT f.account_id FROM account_features f JOIN requests r ON r.account_id = "
                "f.account_id "
                "WHERE f.flagged = 1 GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1");
    return s.step() ? s.int64(0) : -1;
}

// Requests of an account in [from, to) on a topic, counted without grouping.
static int64_t sqlCount(sqlite3* db, int64_t account, int64_t from, int64_t to, int64_t topic) {
    Statement s(db,
                "SELECT count(*) FROM requests r JOIN request_topics rt ON rt.id = r.id "
                "WHERE r.account_id = ? AND r.ts >= ? AND r.ts < ? AND rt.topic_id = ?");
    s.bind(1, account);
    s.bind(2, from);
    s.bind(3, to);
    s.bind(4, topic);
    return s.step() ? s.int64(0) : -1;
}

void TestGuiHeatmaps::hourAndDayGranularityMatchSql() {
    MainWindow w(false);
    openWindow(w);
    sqlite3* db = file_->db();
    const int64_t account = busiestFlaggedAccount(db);
    QVERIFY(account >= 0);
    QVERIFY(w.selection()->selectAccount(account));
    w.views()->setHeatmapScope(HeatmapData::Scope::Account);
    const TopicTable topics = loadTopics(db);
    for (const int64_t bucket : {int64_t(3600000), kDayMs}) {
        w.views()->setHeatmapHourly(bucket == 3600000);
        QVERIFY(w.busy() || w.views()->heatmap()->heatmapData().bucketMs == bucket);
        waitIdle(w);
        const auto& g = w.views()->heatmap()->heatmapData();
        QCOMPARE(g.bucketMs, bucket);
        QCOMPARE(g.scopeId, account);
        QVERIFY(g.buckets > 0);
        int64_t sum = 0;
        for (const Topic& t : topics.topics)
            for (int64_t b = g.firstBucket; b < g.firstBucket + g.buckets; ++b) {
                const int64_t expected = sqlCount(db, account, b * bucket, (b + 1) * bucket, t.id);
                if (g.at(t.row, b) != expected)
                    QFAIL(qPrintable(QStringLiteral("bucket %1 topic %2: %3 != %4")
                                         .arg(b)
                                         .arg(t.key)
                                         .arg(g.at(t.row, b))
                                         .arg(expected)));
                sum += expected;
            }
        // No request outside the grid's buckets.
        Statement all(db,
                      "SELECT count(*) FROM requests r JOIN request_topics rt ON rt.id = r.id "
                      "WHERE r.account_id = ?");
        all.bind(1, account);
        QVERIFY(all.step());
        QCOMPARE(sum, all.int64(0));
        QCOMPARE(g.total, all.int64(0));
    }
}

void TestGuiHeatmaps::caseHourlyTotalMatchesSql() {
    MainWindow w(false);
    openWindow(w);
    w.views()->setHeatmapScope(HeatmapData::Scope::Case);
    w.views()->setHeatmapHourly(true);
    waitIdle(w);
    const auto& g = w.views()->heatmap()->heatmapData();
    QCOMPARE(g.scope, HeatmapData::Scope::Case);
    QCOMPARE(g.bucketMs, int64_t(3600000));
    QCOMPARE(g.total, quarry::sql::queryInt(file_->db(), "SELECT count(*) FROM request_topics"));
    const int64_t hours = quarry::sql::queryInt(file_->db(),
                                                "SELECT max(ts) / 3600000 - min(ts) / 3600000 + 1 "
                                                "FROM requests");
    QCOMPARE(static_cast<int64_t>(g.buckets), hours);
}

// Clicks the account's busiest (time bucket, topic) cell, found by SQL, at this granularity: the
// request list is asked for that bucket and topic, and the timeline shows exactly its requests.
void TestGuiHeatmaps::clickBusiestCell(int64_t bucketMs) {
    MainWindow w(false);
    openWindow(w);
    sqlite3* db = file_->db();
    const int64_t account = busiestFlaggedAccount(db);
    QVERIFY(w.selection()->selectAccount(account));
    w.views()->setHeatmapScope(HeatmapData::Scope::Account);
    w.views()->setHeatmapHourly(bucketMs == 3600000);
    waitIdle(w);
    Statement s(
        db,
        "SELECT r.ts / ?2, rt.topic_id, count(*) FROM requests r JOIN request_topics rt "
        "ON rt.id = r.id WHERE r.account_id = ?1 GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT 1");
    s.bind(1, account);
    s.bind(2, bucketMs);
    QVERIFY(s.step());
    const int64_t bucket = s.int64(0), topic = s.int64(1), n = s.int64(2);
    const TopicTable topics = loadTopics(db);
    const Topic* t = topics.find(topic);
    QVERIFY(t);
    w.views()->heatmap()->replot();
    const QPoint at = w.views()->heatmap()->cellCenter(bucket, t->row);
    QVERIFY(!at.isNull());
    QSignalSpy spy(w.session(), &CaseSession::requestsFilterRequested);
    QTest::mouseClick(w.views()->heatmap(), Qt::LeftButton, {}, at);
    QCOMPARE(spy.count(), 1);
    const QList<QVariant> args = spy.takeFirst();
    QCOMPARE(args.at(0).value<QVector<qint64>>(), QVector<qint64>{account});
    QCOMPARE(args.at(1).toLongLong(), bucket * bucketMs);
    QCOMPARE(args.at(2).toLongLong(), (bucket + 1) * bucketMs - 1);
    QCOMPARE(args.at(3).toLongLong(), topic);
    QCOMPARE(w.views()->timeline()->topicFilter(), topic);
    const auto [lo, hi] = w.views()->timeline()->visibleRangeMs();
    QCOMPARE(lo, bucket * bucketMs);
    QCOMPARE(hi, (bucket + 1) * bucketMs);
    QCOMPARE(w.views()->timeline()->visiblePointCount(), n);
}

void TestGuiHeatmaps::clickingDayCellFiltersTimelineAndRequests() {
    clickBusiestCell(kDayMs);
}

void TestGuiHeatmaps::clickingHourCellNarrowsToTheHour() {
    clickBusiestCell(3600000);
}

void TestGuiHeatmaps::punchcardMatchesSqlAndClickFilters() {
    MainWindow w(false);
    openWindow(w);
    sqlite3* db = file_->db();
    const int64_t account = busiestFlaggedAccount(db);
    QVERIFY(w.selection()->selectAccount(account));
    w.views()->setHeatmapScope(HeatmapData::Scope::Account);
    waitIdle(w);
    const Punchcard& p = w.views()->punchcard()->punchcard();
    QCOMPARE(p.scopeId, account);
    Statement total(db, "SELECT count(*) FROM requests WHERE account_id = ?");
    total.bind(1, account);
    QVERIFY(total.step());
    QCOMPARE(p.total, total.int64(0));
    // Every cell against SQLite's own calendar (strftime %w: 0 = Sunday).
    Statement cells(
        db,
        "SELECT (CAST(strftime('%w', ts / 1000, 'unixepoch') AS INTEGER) + 6) % 7, "
        "CAST(strftime('%H', ts / 1000, 'unixepoch') AS INTEGER), count(*) FROM requests "
        "WHERE account_id = ? GROUP BY 1, 2");
    cells.bind(1, account);
    std::array<int64_t, 7 * 24> expected{};
    while (cells.step())
        expected[static_cast<size_t>(cells.int64(0) * 24 + cells.int64(1))] = cells.int64(2);
    int bestWd = 0, bestHour = 0;
    for (int wd = 0; wd < 7; ++wd)
        for (int h = 0; h < 24; ++h) {
            QCOMPARE(p.at(wd, h), expected[static_cast<size_t>(wd * 24 + h)]);
            if (p.at(wd, h) > p.at(bestWd, bestHour)) {
                bestWd = wd;
                bestHour = h;
            }
        }
    w.views()->showViewTab(ViewsController::PatternsTab);
    w.views()->punchcard()->replot();
    QSignalSpy spy(w.session(), &CaseSession::requestsFilterRequested);
    QTest::mouseClick(w.views()->punchcard(), Qt::LeftButton, {},
                      w.views()->punchcard()->cellCenter(bestWd, bestHour));
    QCOMPARE(spy.count(), 1);
    const int64_t from = spy.at(0).at(1).toLongLong();
    QCOMPARE(spy.at(0).at(0).value<QVector<qint64>>(), QVector<qint64>{account});
    QCOMPARE(spy.at(0).at(2).toLongLong(), from + 3600000 - 1);
    QCOMPARE(spy.at(0).at(3).toLongLong(), qint64(-1));
    const QDateTime start = QDateTime::fromMSecsSinceEpoch(from, Qt::UTC);
    QCOMPARE(start.date().dayOfWeek(), bestWd + 1);
    QCOMPARE(start.time().hour(), bestHour);
    QCOMPARE(start.time().minute(), 0);
    // The last such hour: the account has requests in it, and none a week or more later.
    Statement later(db, "SELECT count(*) FROM requests WHERE account_id = ? AND ts >= ?");
    later.bind(1, account);
    later.bind(2, from + 7 * kDayMs);
    QVERIFY(later.step());
    QCOMPARE(later.int64(0), int64_t(0));
}

void TestGuiHeatmaps::matrixRowsAreClusterMembersCapped() {
    MainWindow w(false);
    openWindow(w);
    sqlite3* db = file_->db();
    // The largest cluster (over the cap in this case) and the smallest.
    Statement s(
        db,
        "SELECT cluster_id, count(*) FROM account_features WHERE cluster_id >= 0 GROUP BY 1 "
        "ORDER BY 2 DESC, 1");
    std::vector<std::pair<int64_t, int64_t>> clusters;
    while (s.step()) clusters.push_back({s.int64(0), s.int64(1)});
    QVERIFY(clusters.size() >= 2);
    QVERIFY(clusters.front().second > TopicMatrixPlot::kMaxRows);
    const TopicTable topics = loadTopics(db);
    for (const auto& [cluster, members] : {clusters.front(), clusters.back()}) {
        QVERIFY(w.selection()->selectCluster(cluster));
        waitIdle(w);
        const AccountTopicMatrix& m = w.views()->topicMatrix()->matrix();
        QCOMPARE(m.cluster, cluster);
        QCOMPARE(m.members, members);
        const int64_t shown = std::min<int64_t>(members, TopicMatrixPlot::kMaxRows);
        QCOMPARE(static_cast<int64_t>(m.accounts.size()), shown);
        QCOMPARE(static_cast<int64_t>(w.views()->topicMatrix()->rows()), shown);
        QCOMPARE(
            w.views()->topicMatrix()->title().contains(QStringLiteral("%1 of %2").arg(shown).arg(members)),
            shown < members);
        // Rows are members, the busiest ones, each counted from the requests themselves.
        Statement member(db, "SELECT cluster_id FROM account_features WHERE account_id = ?");
        Statement cell(db,
                       "SELECT count(*) FROM requests r JOIN request_topics rt ON rt.id = r.id "
                       "WHERE r.account_id = ? AND rt.topic_id = ?");
        Statement busier(
            db,
            "SELECT count(*) FROM (SELECT f.account_id FROM account_features f JOIN requests r "
            "ON r.account_id = f.account_id JOIN request_topics rt ON rt.id = r.id "
            "WHERE f.cluster_id = ? GROUP BY 1 HAVING count(*) > ?)");
        std::set<int64_t> seen;
        for (size_t row = 0; row < m.accounts.size(); ++row) {
            member.reset();
            member.bind(1, m.accounts[row]);
            QVERIFY(member.step());
            QCOMPARE(member.int64(0), cluster);
            QVERIFY(seen.insert(m.accounts[row]).second);
            int64_t rowTotal = 0;
            for (const Topic& t : topics.topics) {
                cell.reset();
                cell.bind(1, m.accounts[row]);
                cell.bind(2, t.id);
                QVERIFY(cell.step());
                QCOMPARE(m.at(static_cast<int>(row), t.row), cell.int64(0));
                rowTotal += cell.int64(0);
            }
            // No member outside the shown rows has more requests than a shown one.
            busier.reset();
            busier.bind(1, cluster);
            busier.bind(2, rowTotal);
            QVERIFY(busier.step());
            QVERIFY(busier.int64(0) <= static_cast<int64_t>(row));
        }
    }
    // A click selects the member and filters the timeline and the requests to the topic.
    const AccountTopicMatrix& m = w.views()->topicMatrix()->matrix();
    w.views()->showViewTab(ViewsController::PatternsTab);
    w.views()->topicMatrix()->replot();
    QSignalSpy spy(w.session(), &CaseSession::requestsFilterRequested);
    const int topicRow = 0;
    QTest::mouseClick(w.views()->topicMatrix(), Qt::LeftButton, {},
                      w.views()->topicMatrix()->cellCenter(1, topicRow));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).value<QVector<qint64>>(), QVector<qint64>{m.accounts[1]});
    QCOMPARE(spy.at(0).at(3).toLongLong(), topics.topics[topicRow].id);
    QCOMPARE(w.views()->timeline()->account(), m.accounts[1]);
    QCOMPARE(w.views()->timeline()->topicFilter(), topics.topics[topicRow].id);
}

void TestGuiHeatmaps::overviewShowsRequestsPerHour() {
    MainWindow w(false);
    openWindow(w);
    auto* plot = w.selection()->overview()->findChild<QCustomPlot*>(QStringLiteral("overviewHourly"));
    QVERIFY(plot);
    QCOMPARE(plot->plottableCount(), 1);
    auto* bars = qobject_cast<QCPBars*>(plot->plottable(0));
    QVERIFY(bars);
    double sum = 0;
    for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it)
        sum += it->value;
    QCOMPARE(static_cast<int64_t>(sum),
             quarry::sql::queryInt(file_->db(), "SELECT count(*) FROM requests"));
    QCOMPARE(
        static_cast<int64_t>(bars->data()->size()),
        quarry::sql::queryInt(file_->db(), "SELECT count(DISTINCT ts / 3600000) FROM requests"));
}

void TestGuiHeatmaps::gridsFollowTheDarkPalette() {
    MainWindow w(false);
    openWindow(w);
    const QColor dark = darkPalette().color(QPalette::Base);
    QVERIFY(w.views()->punchcard()->axisRect()->backgroundBrush().color() != dark);
    w.setDarkPalette(true);
    QTRY_COMPARE(w.views()->punchcard()->axisRect()->backgroundBrush().color(), dark);
    QCOMPARE(w.views()->topicMatrix()->axisRect()->backgroundBrush().color(), dark);
    QCOMPARE(w.views()->heatmap()->axisRect()->backgroundBrush().color(), dark);
    w.setDarkPalette(false);
    QTRY_VERIFY(w.views()->punchcard()->axisRect()->backgroundBrush().color() != dark);
}

void TestGuiHeatmaps::singleDayCellCoversTheDay() {
    const TopicTable topics = loadTopics(file_->db());
    QVERIFY(topics.topics.size() >= 2);
    TopicHeatmap map;
    map.resize(900, 400);
    map.setTopics(topics);
    TopicTimeGrid g;
    g.bucketMs = kDayMs;
    g.firstBucket = 20000;
    g.buckets = 1;
    g.counts.assign(topics.topics.size(), 0);
    g.counts[0] = 4;
    g.counts[1] = 2;  // row 1: a mid-scale color, unlike the background
    map.setData(g, QStringLiteral("one day"));
    map.replot();
    const QImage image = map.grab().toImage();
    const QPoint center = map.cellCenter(20000, 1);
    QVERIFY(!center.isNull());
    const int halfWidth = qRound(map.xAxis->coordToPixel((20001 * kDayMs) / 1000.0)) - center.x();
    QVERIFY(halfWidth > 20);
    const QColor inside = image.pixelColor(center);
    QVERIFY(inside != map.axisRect()->backgroundBrush().color());
    QCOMPARE(image.pixelColor(center - QPoint(halfWidth * 8 / 10, 0)), inside);
    QCOMPARE(image.pixelColor(center + QPoint(halfWidth * 8 / 10, 0)), inside);
}

QTEST_MAIN(TestGuiHeatmaps)
#include "tst_gui_heatmaps.moc"
