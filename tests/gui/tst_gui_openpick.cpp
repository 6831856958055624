// SPDX-License-Identifier: GPL-3.0-or-later
// Opening a case and picking a cluster: what is read, when, and that it is right. Panels that
// read only once the analyst can see them. The Story and Templates docks sit behind
// the Notes tab in the default layout; opening a case or picking a cluster must not spend a
// worker on them (at 16 million requests that was most of the time to open, and a share of a
// big cluster pick), and raising the tab must fill them with the case's own rows. A window that
// is not shown hides nothing: its templates are read at the pick as before. Also the account
// table's reasons, joined in C++ instead of by SQLite's JSON functions and read per row drawn:
// the same text as SQLite gives, for the stored reasons and for hostile ones. And a cluster's
// hour-of-week punchcard, now folded as its members' hourly rows stream: every request of the
// members in its weekday and hour, as SQLite's own calendar places it.
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

#include <array>
#include <map>
#include <set>

#include "evidence/story.h"
#include "guitestutil.h"
#include "items/accounttablemodel.h"
#include "items/casequeries.h"
#include "items/reasonlist.h"
#include "items/templateslotmodel.h"
#include "items/viewqueries.h"
#include "mainwindow.h"
#include "panels/accountpanel.h"
#include "panels/storypanel.h"
#include "panels/templatepanel.h"
#include "selectioncontroller.h"
#include "store/casefile.h"
#include "store/sqlite.h"
#include "storycontroller.h"
#include "templatecontroller.h"

using namespace quarry::gui;
namespace sql = quarry::sql;

class TestGuiOpenPick : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void storyIsReadWhenItsTabIsShown();
    void templatesAreReadWhenTheirTabIsShown();
    void hiddenWindowReadsTemplatesAtThePick();
    void reasonsMatchSqliteJson_data();
    void reasonsMatchSqliteJson();
    void accountTableReasonsMatchTheCase();
    void clusterPunchcardMatchesTheRequests();

private:
    // A shown window in the tall default layout (Story and Templates tabbed behind Notes),
    // the case open and every visible panel loaded.
    std::unique_ptr<MainWindow> openShown();
    QDockWidget* dock(MainWindow& w, const char* name);
    static void waitIdle(MainWindow& w) { QTRY_VERIFY_WITH_TIMEOUT(!w.busy(), 60000); }
    int64_t largestFlaggedCluster();
    // What SQLite's json_each and group_concat make of `json` (the account table's old read).
    QString sqliteJoin(const QByteArray& json);

    QTemporaryDir dir_;
    QString case_;
    std::unique_ptr<quarry::CaseFile> file_;
};

void TestGuiOpenPick::initTestCase() {
    QString log;
    case_ = quarry::test::openAnalysedCase(dir_, file_, &log);
    QVERIFY2(file_, qPrintable(log));
}

std::unique_ptr<MainWindow> TestGuiOpenPick::openShown() {
    auto w = std::make_unique<MainWindow>(false);
    w->resize(1600, 1000);
    w->show();
    QCoreApplication::processEvents();
    QString error;
    if (!w->openCase(case_, &error)) qWarning() << error;
    return w;
}

QDockWidget* TestGuiOpenPick::dock(MainWindow& w, const char* name) {
    return w.findChild<QDockWidget*>(QString::fromLatin1(name));
}

int64_t TestGuiOpenPick::largestFlaggedCluster() {
    return sql::queryInt(
        file_->db(), "SELECT id FROM clusters WHERE flagged = 1 ORDER BY size DESC LIMIT 1", -1);
}

void TestGuiOpenPick::storyIsReadWhenItsTabIsShown() {
    auto w = openShown();
    QVERIFY(w->isVisible());
    waitIdle(*w);
    QDockWidget* story = dock(*w, "storyDock");
    QVERIFY(story);
    // Behind the Notes tab: Qt calls it visible, but it is not on screen, and not read.
    QVERIFY(!w->tabifiedDockWidgets(story).isEmpty());
    QVERIFY(story->visibleRegion().isEmpty());
    // (findChild, not storyPanel(): that one reads a stale story on the spot.)
    StoryPanel* panel = w->findChild<StoryPanel*>();
    QVERIFY(panel);
    QCOMPARE(panel->model()->rowCount(), 0);

    story->raise();
    QTRY_VERIFY_WITH_TIMEOUT(!story->visibleRegion().isEmpty(), 10000);
    waitIdle(*w);
    // One finding per flagged cluster of this case, each naming its cluster.
    std::set<int64_t> flagged;
    sql::Statement s(file_->db(), "SELECT id FROM clusters WHERE flagged = 1");
    while (s.step()) flagged.insert(s.int64(0));
    QVERIFY(!flagged.empty());
    std::set<int64_t> found;
    for (const quarry::evidence::StoryItem& item : panel->model()->records())
        if (item.kind == quarry::evidence::StoryKind::Finding) found.insert(item.target.id);
    QCOMPARE(found, flagged);
}

void TestGuiOpenPick::templatesAreReadWhenTheirTabIsShown() {
    auto w = openShown();
    waitIdle(*w);
    const int64_t cluster = largestFlaggedCluster();
    QVERIFY(cluster >= 0);
    QDockWidget* templates = dock(*w, "templateDock");
    QVERIFY(templates);
    QVERIFY(templates->visibleRegion().isEmpty());
    QVERIFY(w->selection()->selectCluster(cluster));
    waitIdle(*w);
    TemplatePanel* panel = w->templates()->panel();
    // Not read behind its tab: nothing to choose yet, and it says when it will be read.
    QCOMPARE(panel->chooser()->count(), 0);
    QCOMPARE(panel->model()->rowCount(), 0);
    QVERIFY2(panel->status()->text().contains(QString::number(cluster)),
             qPrintable(panel->status()->text()));

    templates->raise();
    QTRY_VERIFY_WITH_TIMEOUT(!templates->visibleRegion().isEmpty(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(panel->chooser()->count() >= 1, 60000);
    waitIdle(*w);
    QVERIFY(panel->status()->text().contains(QStringLiteral("Cluster %1").arg(cluster)));
    // Its rows are the picked cluster's members, as the case records them.
    std::set<int64_t> members;
    sql::Statement m(file_->db(), "SELECT account_id FROM account_features WHERE cluster_id = ?");
    m.bind(1, cluster);
    while (m.step()) members.insert(m.int64(0));
    QVERIFY(panel->model()->rowCount() >= 2);
    for (int r = 0; r < panel->model()->rowCount(); ++r)
        QVERIFY(members.count(
            panel->model()->index(r, 0).data(TemplateSlotModel::AccountIdRole).toLongLong()));
}

void TestGuiOpenPick::hiddenWindowReadsTemplatesAtThePick() {
    MainWindow w(false);  // never shown: no panel is behind anything
    QVERIFY(w.openCase(case_));
    waitIdle(w);
    const int64_t cluster = largestFlaggedCluster();
    QVERIFY(w.selection()->selectCluster(cluster));
    waitIdle(w);
    QVERIFY(w.templates()->panel()->chooser()->count() >= 1);
    QVERIFY(w.templates()->panel()->status()->text().contains(
        QStringLiteral("Cluster %1").arg(cluster)));
}

QString TestGuiOpenPick::sqliteJoin(const QByteArray& json) {
    sql::Statement s(file_->db(),
                     "SELECT CASE WHEN json_valid(?1) THEN (SELECT group_concat(value, '; ') "
                     "FROM (SELECT value FROM json_each(?1) ORDER BY key)) END");
    s.bindText(1, std::string_view(json.constData(), static_cast<size_t>(json.size())));
    return s.step() ? s.text(0) : QStringLiteral("<no row>");
}

void TestGuiOpenPick::reasonsMatchSqliteJson_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("plain") << QByteArray(R"(["member of flagged cluster 2","steady pacing"])");
    QTest::newRow("spaces") << QByteArray(" [ \"a\" ,\n\"b\" ] ");
    QTest::newRow("empty array") << QByteArray("[]");
    QTest::newRow("one") << QByteArray(R"(["only"])");
    QTest::newRow("escaped quote") << QByteArray(R"(["say \"hi\"","back\\slash"])");
    QTest::newRow("unicode escape") << QByteArray(R"(["caf\u00e9 \ud83d\ude00"])");
    QTest::newRow("utf-8") << QByteArray("[\"café — 東京\"]");
    QTest::newRow("html and formula") << QByteArray(R"(["<b>x</b>","=1+1"])");
    QTest::newRow("numbers and literals") << QByteArray(R"(["a",1,2.5,true,false,null,"b"])");
    QTest::newRow("nested") << QByteArray(R"(["a",["b","c"],{"k":"v"}])");
    QTest::newRow("object") << QByteArray(R"({"b":"second","a":"first"})");
    QTest::newRow("not json") << QByteArray("member of cluster 2");
    QTest::newRow("unterminated") << QByteArray(R"(["a","b)");
    QTest::newRow("trailing comma") << QByteArray(R"(["a",])");
    QTest::newRow("control character") << QByteArray("[\"a\tb\"]");
    QTest::newRow("empty") << QByteArray("");
}

void TestGuiOpenPick::reasonsMatchSqliteJson() {
    QFETCH(QByteArray, json);
    const QString expected = sqliteJoin(json);
    QCOMPARE(joinReasons(std::string_view(json.constData(), static_cast<size_t>(json.size()))),
             expected);
}

void TestGuiOpenPick::accountTableReasonsMatchTheCase() {
    // Every account of the case as the window's account table shows it (read per row from the
    // case, not held by the table), against SQLite's JSON functions over the stored reasons:
    // the cell, its tool tip (one reason per line) and the order of a sort by the column.
    const auto expectedJoined = [this](const char* separator) {
        sql::Statement s(file_->db(),
                         "SELECT account_id, CASE WHEN json_valid(reasons) THEN (SELECT "
                         "group_concat(value, ?1) FROM (SELECT value FROM json_each(reasons) "
                         "ORDER BY key)) END FROM account_features");
        s.bindText(1, separator);
        std::map<int64_t, QString> out;
        while (s.step()) out[s.int64(0)] = s.text(1);
        return out;
    };
    const std::map<int64_t, QString> cells = expectedJoined("; ");
    const std::map<int64_t, QString> tips = expectedJoined("\n");
    auto w = openShown();
    waitIdle(*w);
    AccountTableModel* model = w->selection()->accountPanel()->model();
    QCOMPARE(static_cast<size_t>(model->rowCount()), cells.size());
    int withReasons = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        const int64_t id = model->recordAt(row)->id;
        const QModelIndex cell = model->index(row, AccountTableModel::Reasons);
        QCOMPARE(cell.data().toString(), cells.at(id));
        QCOMPARE(cell.data(Qt::ToolTipRole).toString(), tips.at(id));
        withReasons += cells.at(id).isEmpty() ? 0 : 1;
    }
    QVERIFY(withReasons > 0);
    model->sort(AccountTableModel::Reasons, Qt::AscendingOrder);
    for (int row = 1; row < model->rowCount(); ++row)
        QVERIFY(cells.at(model->recordAt(row - 1)->id) <= cells.at(model->recordAt(row)->id));
    // Closed, the table reads nothing from a case that is gone.
    w->closeCase();
    waitIdle(*w);
    QCOMPARE(model->rowCount(), 0);
}

void TestGuiOpenPick::clusterPunchcardMatchesTheRequests() {
    const int64_t cluster = largestFlaggedCluster();
    QVERIFY(cluster >= 0);
    const Punchcard p = hourOfWeekCounts(file_->db(), ViewScope::Cluster, cluster);
    QCOMPARE(p.scopeId, cluster);
    // (strftime %w: 0 = Sunday; the punchcard's rows start on Monday.)
    sql::Statement cells(
        file_->db(),
        "SELECT (CAST(strftime('%w', r.ts / 1000, 'unixepoch') AS INTEGER) + 6) % 7, "
        "CAST(strftime('%H', r.ts / 1000, 'unixepoch') AS INTEGER), count(*) FROM requests r "
        "JOIN account_features f ON f.account_id = r.account_id WHERE f.cluster_id = ? "
        "GROUP BY 1, 2");
    cells.bind(1, cluster);
    std::array<int64_t, 7 * 24> expected{};
    int64_t total = 0;
    while (cells.step()) {
        expected[static_cast<size_t>(cells.int64(0) * 24 + cells.int64(1))] = cells.int64(2);
        total += cells.int64(2);
    }
    QVERIFY(total > 0);
    QCOMPARE(p.total, total);
    for (int wd = 0; wd < 7; ++wd)
        for (int h = 0; h < 24; ++h)
            QCOMPARE(p.at(wd, h), expected[static_cast<size_t>(wd * 24 + h)]);
    // Its span: the members' first and last request, to the hour.
    sql::Statement span(file_->db(),
                        "SELECT min(r.ts), max(r.ts) FROM requests r JOIN account_features f "
                        "ON f.account_id = r.account_id WHERE f.cluster_id = ?");
    span.bind(1, cluster);
    QVERIFY(span.step());
    QCOMPARE(p.firstTs, span.int64(0) / 3600000 * 3600000);
    QCOMPARE(p.lastTs, span.int64(1) / 3600000 * 3600000 + 3600000 - 1);
}

QTEST_MAIN(TestGuiOpenPick)
#include "tst_gui_openpick.moc"
