// SPDX-License-Identifier: GPL-3.0-or-later
// Compare mode and range selection on a generated, analysed case: the accounts chosen in the
// account table become one row each on a shared time axis, zooming one row moves them all,
// each row draws exactly its account's requests in view, a Shift+drag asks the request list
// for the dragged range, and a large cluster is capped at 12 rows.
#include <QAction>
#include <QLabel>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QPushButton>
#include <QtTest>

#include <set>

#include <algorithm>

#include "panels/accountpanel.h"
#include "items/casequeries.h"
#include "plots/comparetimeline.h"
#include "guitestutil.h"
#include "casesession.h"
#include "importcontroller.h"
#include "mainwindow.h"
#include "requestscontroller.h"
#include "selectioncontroller.h"
#include "viewscontroller.h"
#include "workflowcontroller.h"
#include "plots/rangeselector.h"
#include "store/casefile.h"
#include "store/sqlite.h"
#include "plots/timelineplot.h"
#include "plots/topicheatmap.h"
#include "plots/topicmatrixplot.h"
#include "plots/visiblerequests.h"

using namespace quarry::gui;
using quarry::sql::Statement;

class TestGuiCompare final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void threeSelectedAccountsGiveThreeRows();
    void zoomingOneRowMovesTheOthers();
    void pointsPerRowMatchSql();
    void shiftDragEmitsTheDraggedRange();
    void timelineRangeSelectionAndShortcut();
    void clusterIsPagedTwelveRowsAtATime();
    void namedViewsPickTabAndSelection();
    void tooltipEscapesLogText();

private:
    void compareThree();
    QAction* action(const QString& text) const;
    int64_t sqlCount(int64_t account, int64_t lo, int64_t hi) const;
    QTemporaryDir dir_;
    QString case_;
    std::unique_ptr<quarry::CaseFile> file_;
    std::unique_ptr<MainWindow> w_;
    std::vector<int64_t> chosen_;
};

void TestGuiCompare::initTestCase() {
    QString log;
    case_ = quarry::test::openAnalysedCase(dir_, file_, &log);
    QVERIFY2(file_, qPrintable(log));
}

void TestGuiCompare::init() {
    w_ = std::make_unique<MainWindow>(false);
    w_->resize(1600, 1000);
    w_->show();
    QString error;
    QVERIFY2(w_->openCase(case_, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(!w_->busy(), 60000);
}

void TestGuiCompare::cleanup() {
    w_.reset();
}

QAction* TestGuiCompare::action(const QString& text) const {
    for (QAction* a : w_->findChildren<QAction*>())
        if (a->text() == text) return a;
    return nullptr;
}

int64_t TestGuiCompare::sqlCount(int64_t account, int64_t lo, int64_t hi) const {
    Statement s(file_->db(),
                "SELECT count(*) FROM requests WHERE account_id = ? AND ts >= ? AND ts <= ?");
    s.bind(1, account);
    s.bind(2, lo);
    s.bind(3, hi);
    return s.step() ? s.int64(0) : -1;
}

// Ctrl+clicks three rows of the account table, then View › Compare Selected Accounts.
void TestGuiCompare::compareThree() {
    QTableView* view = w_->selection()->accountPanel()->view();
    chosen_.clear();
    for (int row : {0, 2, 4}) {
        const QRect cell = view->visualRect(view->model()->index(row, 0));
        QVERIFY(cell.isValid());
        QTest::mouseClick(view->viewport(), Qt::LeftButton,
                          row == 0 ? Qt::NoModifier : Qt::ControlModifier, cell.center());
    }
    chosen_ = w_->selection()->accountPanel()->selectedAccounts();
    QCOMPARE(chosen_.size(), size_t(3));
    QAction* compare = action(QStringLiteral("Compare &Selected Accounts"));
    QVERIFY(compare);
    compare->trigger();
    w_->views()->compareTimeline()->replot();
}

void TestGuiCompare::threeSelectedAccountsGiveThreeRows() {
    compareThree();
    CompareTimeline* c = w_->views()->compareTimeline();
    QCOMPARE(w_->views()->viewTabs()->currentIndex(), int(ViewsController::CompareTab));
    QCOMPARE(c->rowCount(), 3);
    QCOMPARE(c->requestedCount(), 3);
    std::vector<int64_t> shown = c->accounts(), expected = chosen_;
    std::sort(shown.begin(), shown.end());
    std::sort(expected.begin(), expected.end());
    QCOMPARE(shown, expected);
    QVERIFY(!c->title().contains(QStringLiteral("shown")));
}

void TestGuiCompare::zoomingOneRowMovesTheOthers() {
    compareThree();
    CompareTimeline* c = w_->views()->compareTimeline();
    const auto before = c->visibleRangeMs(0);
    QCPAxisRect* middle = c->rowRect(1);
    const QPointF at = middle->rect().center();
    QWheelEvent wheel(at, c->mapToGlobal(at), QPoint(), QPoint(0, 360), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(c, &wheel);
    const auto after = c->visibleRangeMs(1);
    QVERIFY2(after.second - after.first < before.second - before.first, "the wheel zoomed in");
    for (int row = 0; row < c->rowCount(); ++row) QCOMPARE(c->visibleRangeMs(row), after);
    // Panning the last row moves the first one too.
    QCPAxis* x = c->rowRect(2)->axis(QCPAxis::atBottom);
    x->moveRange(3600.0);
    QCOMPARE(c->visibleRangeMs(0), c->visibleRangeMs(2));
    QCOMPARE(c->visibleRangeMs(0).first, after.first + 3600000);
}

void TestGuiCompare::pointsPerRowMatchSql() {
    compareThree();
    CompareTimeline* c = w_->views()->compareTimeline();
    c->refreshNow();
    // The whole span (few requests: raw points), then a six-hour window set on one row.
    for (int pass = 0; pass < 2; ++pass) {
        if (pass == 1) {
            const auto [lo, hi] = c->visibleRangeMs();
            const int64_t from = lo + (hi - lo) / 2;
            c->rowRect(2)
                ->axis(QCPAxis::atBottom)
                ->setRange(from / 1000.0, (from + 6 * 3600000) / 1000.0);
            c->refreshNow();
        }
        int64_t total = 0;
        for (int row = 0; row < c->rowCount(); ++row) {
            QVERIFY(c->rawPointsShown(row));
            const auto [lo, hi] = c->visibleRangeMs(row);
            const int64_t expected = sqlCount(c->accounts()[static_cast<size_t>(row)], lo, hi);
            QCOMPARE(c->visiblePointCount(row), expected);
            total += expected;
        }
        QVERIFY(total > 0);
    }
}

void TestGuiCompare::shiftDragEmitsTheDraggedRange() {
    compareThree();
    CompareTimeline* c = w_->views()->compareTimeline();
    QCPAxisRect* rect = c->rowRect(0);
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    const int y = rect->rect().center().y();
    const QPoint from(rect->rect().left() + rect->rect().width() / 4, y);
    const QPoint to(rect->rect().left() + rect->rect().width() * 3 / 4, y);
    const auto rangeBefore = c->visibleRangeMs();
    QSignalSpy spy(w_->session(), &CaseSession::requestsFilterRequested);
    QTest::mousePress(c, Qt::LeftButton, Qt::ShiftModifier, from);
    QTest::mouseMove(c, (from + to) / 2);
    QTest::mouseMove(c, to);
    QTest::mouseRelease(c, Qt::LeftButton, Qt::ShiftModifier, to);
    QCOMPARE(spy.count(), 1);
    QVector<qint64> ids;
    for (int64_t id : c->accounts()) ids.push_back(id);
    QCOMPARE(spy.at(0).at(0).value<QVector<qint64>>(), ids);
    const qint64 expectedFrom = std::llround(x->pixelToCoord(from.x()) * 1000.0);
    const qint64 expectedTo = std::llround(x->pixelToCoord(to.x()) * 1000.0);
    QCOMPARE(spy.at(0).at(1).toLongLong(), expectedFrom);
    QCOMPARE(spy.at(0).at(2).toLongLong(), expectedTo);
    QCOMPARE(spy.at(0).at(3).toLongLong(), qint64(-1));
    QVERIFY(c->rangeSelector()->hasSelection());
    QCOMPARE(c->visibleRangeMs(), rangeBefore);  // selecting does not pan
    QTest::keyClick(c, Qt::Key_Escape);
    QVERIFY(!c->rangeSelector()->hasSelection());
    // A plain drag pans and selects nothing.
    QTest::mousePress(c, Qt::LeftButton, Qt::NoModifier, to);
    QTest::mouseMove(c, from);
    QTest::mouseRelease(c, Qt::LeftButton, Qt::NoModifier, from);
    QCOMPARE(spy.count(), 1);
    QVERIFY(c->visibleRangeMs().first > rangeBefore.first);
}

void TestGuiCompare::timelineRangeSelectionAndShortcut() {
    const std::vector<ClusterRecord> clusters = loadClusters(file_->db());
    QVERIFY(!clusters.empty());
    QVERIFY(w_->selection()->selectCluster(clusters.front().id));
    TimelinePlot* t = w_->views()->timeline();
    QVERIFY(t->account() >= 0);
    w_->views()->showViewTab(ViewsController::AccountTab);
    t->replot();
    QSignalSpy spy(w_->session(), &CaseSession::requestsFilterRequested);
    QAction* visible = action(QStringLiteral("Select &Visible Range"));
    QVERIFY(visible);
    QCOMPARE(visible->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    visible->trigger();
    QCOMPARE(spy.count(), 1);
    const auto [lo, hi] = t->visibleRangeMs();
    QCOMPARE(spy.at(0).at(0).value<QVector<qint64>>(), QVector<qint64>{t->account()});
    QCOMPARE(spy.at(0).at(1).toLongLong(), lo);
    QCOMPARE(spy.at(0).at(2).toLongLong(), hi);
    QVERIFY(t->rangeSelector()->hasSelection());
    QTest::keyClick(t, Qt::Key_Escape);
    QVERIFY(!t->rangeSelector()->hasSelection());

    // Shift+drag on the lanes.
    QCPAxisRect* lanes = t->axisRects().back();
    QCPAxis* x = lanes->axis(QCPAxis::atBottom);
    // Within the lanes whatever room the docks leave the plot.
    const QRect r = lanes->rect();
    const QPoint a(r.left() + r.width() / 5, r.center().y());
    const QPoint b(r.left() + r.width() * 4 / 5, r.center().y());
    QTest::mousePress(t, Qt::LeftButton, Qt::ShiftModifier, b);
    QTest::mouseMove(t, a);
    QTest::mouseRelease(t, Qt::LeftButton, Qt::ShiftModifier, a);
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(1).at(1).toLongLong(), std::llround(x->pixelToCoord(a.x()) * 1000.0));
    QCOMPARE(spy.at(1).at(2).toLongLong(), std::llround(x->pixelToCoord(b.x()) * 1000.0));
}

void TestGuiCompare::clusterIsPagedTwelveRowsAtATime() {
    Statement s(file_->db(),
                "SELECT cluster_id, count(*) FROM account_features WHERE cluster_id >= 0 "
                "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1");
    QVERIFY(s.step());
    const int64_t cluster = s.int64(0), members = s.int64(1);
    QVERIFY(members > CompareTimeline::kMaxRows);
    QVERIFY(w_->selection()->selectCluster(cluster));
    QAction* compare = action(QStringLiteral("Compare C&luster Members"));
    QVERIFY(compare);
    compare->trigger();
    CompareTimeline* c = w_->views()->compareTimeline();
    QCOMPARE(c->rowCount(), CompareTimeline::kMaxRows);
    QCOMPARE(static_cast<int64_t>(c->requestedCount()), members);
    const QString note = QStringLiteral("1–12 of %1").arg(members);
    QVERIFY2(c->title().contains(note), qPrintable(c->title()));
    bool labelled = false;
    for (QLabel* l : w_->findChildren<QLabel*>()) labelled = labelled || l->text() == note;
    QVERIFY(labelled);
    // Page by page, every member once, each page saying which part it shows.
    auto* next = w_->findChild<QPushButton*>(QStringLiteral("compareNext"));
    auto* previous = w_->findChild<QPushButton*>(QStringLiteral("comparePrevious"));
    QVERIFY(next && previous);
    QVERIFY(!previous->isEnabled());
    std::set<int64_t> seen;
    Statement member(file_->db(), "SELECT cluster_id FROM account_features WHERE account_id = ?");
    const int pages = static_cast<int>((members + CompareTimeline::kMaxRows - 1) / CompareTimeline::kMaxRows);
    QCOMPARE(c->pageCount(), pages);
    for (int page = 0; page < pages; ++page) {
        const int first = page * CompareTimeline::kMaxRows + 1;
        const int last = static_cast<int>(std::min<int64_t>(members, first + CompareTimeline::kMaxRows - 1));
        QCOMPARE(c->pageText(), QStringLiteral("%1–%2 of %3").arg(first).arg(last).arg(members));
        QCOMPARE(c->rowCount(), last - first + 1);
        for (int64_t id : c->accounts()) {
            QVERIFY(seen.insert(id).second);
            member.reset();
            member.bind(1, id);
            QVERIFY(member.step());
            QCOMPARE(member.int64(0), cluster);
        }
        QCOMPARE(next->isEnabled(), page + 1 < pages);
        if (page + 1 < pages) next->click();
    }
    QCOMPARE(static_cast<int64_t>(seen.size()), members);
    previous->click();
    QCOMPARE(c->page(), pages - 2);
    // The legend names the topics as the other views do.
    auto* legend = w_->findChild<QLabel*>(QStringLiteral("topicLegend"));
    QVERIFY(legend);
    Statement topic(file_->db(), "SELECT name FROM taxonomy ORDER BY position LIMIT 1");
    QVERIFY(topic.step());
    QVERIFY2(legend->text().contains(topic.text(0).toHtmlEscaped()), qPrintable(legend->text()));
}

void TestGuiCompare::namedViewsPickTabAndSelection() {
    QVERIFY(!w_->views()->showNamedView(QStringLiteral("nonsense")));
    QVERIFY(w_->views()->showNamedView(QStringLiteral("account")));
    QCOMPARE(w_->views()->viewTabs()->currentIndex(), int(ViewsController::AccountTab));
    // With no account chosen, the first row of the account table.
    QCOMPARE(w_->views()->timeline()->account(), w_->selection()->accountPanel()->model()->recordAt(0)->id);
    QVERIFY(w_->views()->showNamedView(QStringLiteral("cluster")));
    QCOMPARE(w_->views()->viewTabs()->currentIndex(), int(ViewsController::PatternsTab));
    QTRY_VERIFY_WITH_TIMEOUT(!w_->busy(), 60000);
    // With no cluster chosen, the highest-scoring one.
    const std::vector<ClusterRecord> clusters = loadClusters(file_->db());
    QCOMPARE(w_->views()->topicMatrix()->matrix().cluster, clusters.front().id);
    QVERIFY(w_->views()->showNamedView(QStringLiteral("compare")));
    QCOMPARE(w_->views()->viewTabs()->currentIndex(), int(ViewsController::CompareTab));
    QCOMPARE(static_cast<int64_t>(w_->views()->compareTimeline()->requestedCount()), clusters.front().size);
    QVERIFY(w_->views()->showNamedView(QStringLiteral("overview")));
    QCOMPARE(w_->views()->viewTabs()->currentIndex(), int(ViewsController::AccountTab));
    QTRY_VERIFY_WITH_TIMEOUT(!w_->busy(), 60000);
    QCOMPARE(w_->views()->heatmap()->heatmapData().scope, HeatmapData::Scope::Case);
}

void TestGuiCompare::tooltipEscapesLogText() {
    RequestDetail d;
    d.found = true;
    d.ts = 0;
    d.prompt = QStringLiteral("<img src=x onerror=alert(1)> & <b>bold</b>");
    d.model = QStringLiteral("<i>m</i>");
    const QString tip =
        requestToolTip(d, loadTopics(file_->db()), QStringLiteral("<script>acct</script>"));
    QVERIFY(!tip.contains(QStringLiteral("<img")));
    QVERIFY(!tip.contains(QStringLiteral("<script>")));
    QVERIFY(!tip.contains(QStringLiteral("<i>m")));
    QVERIFY(tip.contains(
        QStringLiteral("&lt;img src=x onerror=alert(1)&gt; &amp; &lt;b&gt;bold&lt;/b&gt;")));
    QVERIFY(tip.contains(QStringLiteral("&lt;script&gt;acct&lt;/script&gt;")));
}

QTEST_MAIN(TestGuiCompare)
#include "tst_gui_compare.moc"
