// SPDX-License-Identifier: GPL-3.0-or-later
// The dashboard on a generated, analysed case: selecting an account draws one point per
// request in the visible range; clicking a heatmap cell filters the timeline to that day/topic.
#include <QTemporaryDir>
#include <QtTest>

#include "panels/accountpanel.h"
#include "items/casequeries.h"
#include "store/casefile.h"
#include "plots/timelineplot.h"
#include "plots/topicheatmap.h"
#include "guitestutil.h"
#include "casesession.h"
#include "importcontroller.h"
#include "mainwindow.h"
#include "requestscontroller.h"
#include "selectioncontroller.h"
#include "viewscontroller.h"
#include "workflowcontroller.h"

using namespace quarry::gui;

class TestGuiTimeline final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void timelinePointsMatchRequests();
    void zoomedRangeLoadsOnlyVisiblePoints();
    void heatmapClickFiltersTimeline();
    void windowOpensCaseAndLinksPanels();

private:
    int64_t busiestFlaggedAccount(sqlite3* db) const;
    QTemporaryDir dir_;
    QString case_;
};

void TestGuiTimeline::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid());
    QString log;
    case_ = quarry::test::makeAnalysedCase(dir_, &log);
    QVERIFY2(!case_.isEmpty(), qPrintable(log));
}

int64_t TestGuiTimeline::busiestFlaggedAccount(sqlite3* db) const {
    int64_t best = -1, most = -1;
    for (const AccountRecord& r : loadAccounts(db))
        if (r.flagged && r.requests > most) {
            most = r.requests;
            best = r.id;
        }
    return best;
}

void TestGuiTimeline::timelinePointsMatchRequests() {
    auto file = openReadOnly(case_);
    QVERIFY(file);
    const int64_t account = busiestFlaggedAccount(file->db());
    QVERIFY(account >= 0);
    TimelinePlot plot;
    plot.resize(1200, 400);
    plot.setCase(file->db(), loadTopics(file->db()));
    plot.setAccount(account, QStringLiteral("a"));
    QVERIFY(plot.rawPointsShown());
    const auto [lo, hi] = plot.visibleRangeMs();
    const int64_t expected = countAccountRequests(file->db(), account, lo, hi);
    QVERIFY(expected > 0);
    QCOMPARE(plot.visiblePointCount(), expected);
    // The whole account is in view after selection.
    int64_t total = 0;
    for (const DayCount& d : accountDaily(file->db(), account)) total += d.n;
    QCOMPARE(plot.visiblePointCount(), total);
}

void TestGuiTimeline::zoomedRangeLoadsOnlyVisiblePoints() {
    auto file = openReadOnly(case_);
    QVERIFY(file);
    const int64_t account = busiestFlaggedAccount(file->db());
    TimelinePlot plot;
    plot.resize(1200, 400);
    plot.setCase(file->db(), loadTopics(file->db()));
    plot.setAccount(account, QStringLiteral("a"));
    const auto [lo0, hi0] = plot.visibleRangeMs();
    const int64_t from = lo0 + (hi0 - lo0) / 3, to = from + 5 * 3600000;  // five hours
    plot.setRangeMs(from, to);
    plot.refreshNow();
    const auto [lo, hi] = plot.visibleRangeMs();
    QCOMPARE(plot.visiblePointCount(), countAccountRequests(file->db(), account, lo, hi));
}

void TestGuiTimeline::heatmapClickFiltersTimeline() {
    auto file = openReadOnly(case_);
    QVERIFY(file);
    const TopicTable topics = loadTopics(file->db());
    const int64_t account = busiestFlaggedAccount(file->db());
    TimelinePlot plot;
    plot.resize(1200, 400);
    plot.setCase(file->db(), topics);
    plot.setAccount(account, QStringLiteral("a"));

    TopicHeatmap heatmap;
    heatmap.resize(900, 500);
    heatmap.setTopics(topics);
    const HeatmapData data = topicDayCounts(file->db(), topics, HeatmapData::Scope::Account, account);
    QVERIFY(data.days > 0);
    heatmap.setData(data, QStringLiteral("t"));
    heatmap.replot();
    // The busiest cell.
    int bestRow = 0;
    int64_t bestDay = data.firstDay, bestN = -1;
    for (int row = 0; row < static_cast<int>(topics.topics.size()); ++row)
        for (int64_t d = data.firstDay; d < data.firstDay + data.days; ++d)
            if (data.at(row, d) > bestN) {
                bestN = data.at(row, d);
                bestRow = row;
                bestDay = d;
            }
    QVERIFY(bestN > 0);
    connect(&heatmap, &TopicHeatmap::cellClicked, &plot, [&plot](qint64 day, qint64 topic) {
        plot.setTopicFilter(topic);
        plot.showDay(day);
        plot.refreshNow();
    });
    QSignalSpy spy(&heatmap, &TopicHeatmap::cellClicked);
    const QPoint center = heatmap.cellCenter(bestDay, bestRow);
    QVERIFY(!center.isNull());
    QTest::mouseClick(&heatmap, Qt::LeftButton, {}, center);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toLongLong(), bestDay);
    const int64_t topicId = topics.topics[static_cast<size_t>(bestRow)].id;
    QCOMPARE(spy.at(0).at(1).toLongLong(), topicId);

    QCOMPARE(plot.topicFilter(), topicId);
    const auto [lo, hi] = plot.visibleRangeMs();
    QCOMPARE(lo, bestDay * kDayMs);
    QCOMPARE(hi, (bestDay + 1) * kDayMs);
    // The filtered timeline shows exactly that cell's requests (the day's last ms is exclusive
    // in the heatmap; a request at exactly midnight would belong to the next day's cell).
    QCOMPARE(plot.visiblePointCount(), countAccountRequests(file->db(), account, lo, hi - 1, topicId));
    QCOMPARE(plot.visiblePointCount(), bestN);
}

void TestGuiTimeline::windowOpensCaseAndLinksPanels() {
    MainWindow w(false);
    w.resize(1600, 1000);
    w.show();
    QString error;
    QVERIFY2(w.openCase(case_, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(!w.busy(), 30000);
    QCOMPARE(w.selection()->accountPanel()->model()->rowCount(), 460);
    auto file = openReadOnly(case_);
    const std::vector<ClusterRecord> clusters = loadClusters(file->db());
    QVERIFY(!clusters.empty());
    QVERIFY(w.selection()->selectCluster(clusters.front().id));
    const std::vector<int64_t> selected = w.selection()->accountPanel()->selectedAccounts();
    QCOMPARE(static_cast<int64_t>(selected.size()), clusters.front().size);
    QVERIFY(w.views()->timeline()->account() >= 0);
    QVERIFY(w.views()->timeline()->visiblePointCount() > 0);
    QTRY_VERIFY_WITH_TIMEOUT(!w.busy(), 30000);
    QCOMPARE(w.views()->heatmap()->heatmapData().scopeId, w.views()->timeline()->account());
}

QTEST_MAIN(TestGuiTimeline)
#include "tst_gui_timeline.moc"
