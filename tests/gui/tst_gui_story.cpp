// SPDX-License-Identifier: GPL-3.0-or-later
// The case story in the dashboard: starring requests as evidence (S, undoable, audited, kept in
// the case), notes pinned to a request's time, the Story panel's order (by hand, undoable, kept
// across windows), the story in the evidence bundle (report.html escaped, story.csv
// formula-neutralised, the bundle verifies) and a case of the previous schema upgraded on open.
// Expected values come from SQL on the case file.
#include <QAction>
#include <QItemSelectionModel>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include <sqlite3.h>

#include "casesession.h"
#include "evidence/bundle.h"
#include "evidence/story.h"
#include "evidence/zipio.h"
#include "guitestutil.h"
#include "jobs/exportevidence.h"
#include "mainwindow.h"
#include "panels/accountpanel.h"
#include "panels/requestpanel.h"
#include "panels/storypanel.h"
#include "plots/timelineplot.h"
#include "requestscontroller.h"
#include "selectioncontroller.h"
#include "store/schema.h"
#include "storycontroller.h"
#include "viewscontroller.h"
#include "windowtestutil.h"
#include "workflowcontroller.h"

using namespace quarry::gui;

namespace {

using quarry::test::caseInt;

using quarry::test::caseText;

bool execOn(const QString& path, const char* sql) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READWRITE, nullptr);
    char* err = nullptr;
    const bool ok = sqlite3_exec(db, sql, nullptr, nullptr, &err) == SQLITE_OK;
    if (!ok) qWarning() << err;
    sqlite3_free(err);
    sqlite3_close(db);
    return ok;
}

}  // namespace

class TestGuiStory final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void starSelectedRequestsUndoRedo();
    void pinnedNoteFromRequest();
    void storyOrderKeptAndUndone();
    void itemShowsItsSubject();
    void bundleCarriesTheStory();
    void previousSchemaUpgradesOnOpen();

private:
    // Selects the first `n` rows of the loaded request table of the busiest account.
    std::vector<int64_t> pickRequests(MainWindow& w, int n);
    QTemporaryDir dir_;
    QString case_;
    qint64 busiest_ = -1;
};

void TestGuiStory::initTestCase() {
    QVERIFY(dir_.isValid());
    QStandardPaths::setTestModeEnabled(true);
    qputenv("QUARRY_ANALYST", "story-tester");
    QString log;
    case_ = quarry::test::makeAnalysedCase(dir_, &log);
    QVERIFY2(!case_.isEmpty(), qPrintable(log));
    busiest_ = caseInt(case_, QStringLiteral("SELECT account_id FROM requests GROUP BY account_id "
                                             "ORDER BY count(*) DESC, account_id LIMIT 1"));
    QVERIFY(busiest_ >= 0);
}

// Every test starts from a case without stars, notes or a story order.
void TestGuiStory::init() {
    QVERIFY(execOn(case_,
                   "DELETE FROM stars; DELETE FROM notes; DELETE FROM story_order; "
                   "DELETE FROM tag_assignments;"));
}

std::vector<int64_t> TestGuiStory::pickRequests(MainWindow& w, int n) {
    if (!w.selection()->selectAccount(busiest_)) return {};
    RequestPanel* panel = w.requests()->requestPanel();
    if (!QTest::qWaitFor([&] { return !w.busy() && panel->model()->rowCount() >= n; }, 30000))
        return {};
    QItemSelectionModel* sel = panel->view()->selectionModel();
    sel->clearSelection();
    for (int r = 0; r < n; ++r)
        sel->select(panel->model()->index(r, 0),
                    QItemSelectionModel::Select | QItemSelectionModel::Rows);
    sel->setCurrentIndex(panel->model()->index(0, 0), QItemSelectionModel::NoUpdate);
    return panel->selectedRequests();
}

void TestGuiStory::starSelectedRequestsUndoRedo() {
    auto w = quarry::test::openIdleWindow(case_);
    const std::vector<int64_t> ids = pickRequests(*w, 2);
    QCOMPARE(ids.size(), size_t(2));
    StoryPanel* story = w->story()->storyPanel();
    const int before = story->model()->rowCount();

    // S on the request table stars both rows.
    QAction* star = w->story()->starAction();
    QCOMPARE(star->shortcut(), QKeySequence(Qt::Key_S));
    star->trigger();
    QCOMPARE(caseInt(case_, QStringLiteral("SELECT count(*) FROM stars")), qint64(2));
    for (int64_t id : ids)
        QCOMPARE(
            caseInt(case_, QStringLiteral("SELECT count(*) FROM stars WHERE request_id = ?"), id),
            qint64(1));
    QCOMPARE(
        caseText(case_, QStringLiteral("SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1")),
        QStringLiteral("star"));
    QCOMPARE(caseText(case_, QStringLiteral("SELECT analyst FROM stars LIMIT 1")),
             QStringLiteral("story-tester"));
    QCOMPARE(story->model()->rowCount(), before + 2);
    int starred = 0;
    for (const auto& item : story->model()->records())
        if (item.kind == quarry::evidence::StoryKind::Star) ++starred;
    QCOMPARE(starred, 2);

    QUndoStack* undo = w->workflow()->undoStack();
    undo->undo();
    QCOMPARE(caseInt(case_, QStringLiteral("SELECT count(*) FROM stars")), qint64(0));
    QCOMPARE(
        caseText(case_, QStringLiteral("SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1")),
        QStringLiteral("unstar"));
    QCOMPARE(story->model()->rowCount(), before);
    undo->redo();
    QCOMPARE(caseInt(case_, QStringLiteral("SELECT count(*) FROM stars")), qint64(2));

    // S again on rows that all carry a star takes them off.
    star->trigger();
    QCOMPARE(caseInt(case_, QStringLiteral("SELECT count(*) FROM stars")), qint64(0));
}

void TestGuiStory::pinnedNoteFromRequest() {
    auto w = quarry::test::openIdleWindow(case_);
    QCOMPARE(pickRequests(*w, 1).size(), size_t(1));
    const qint64 request = w->requests()->requestPanel()->selectedRequests().front();
    const qint64 ts =
        caseInt(case_, QStringLiteral("SELECT ts FROM requests WHERE id = ?"), request);
    const QString name = w->session()->currentAccountName();
    QVERIFY(w->story()->pinNote(busiest_, name, ts, QStringLiteral("burst starts here")));
    QCOMPARE(caseInt(case_,
                     QStringLiteral("SELECT pinned_at FROM notes WHERE target_type = 'account' AND "
                                    "target_id = ?"),
                     busiest_),
             ts);
    const auto& items = w->story()->storyPanel()->model()->records();
    const auto note = std::find_if(items.begin(), items.end(), [](const auto& i) {
        return i.kind == quarry::evidence::StoryKind::Note;
    });
    QVERIFY(note != items.end());
    QCOMPARE(note->time, ts);
    QCOMPARE(note->text, QStringLiteral("burst starts here"));
    // The account's timeline marks the moment.
    TimelinePlot* timeline = w->views()->timeline();
    QCOMPARE(timeline->account(), busiest_);
    QCOMPARE(timeline->markers().size(), size_t(1));
    QCOMPARE(timeline->markers().front().ms, ts);
    QCOMPARE(timeline->markers().front().label, QStringLiteral("burst starts here"));
    w->workflow()->undoStack()->undo();
    QCOMPARE(caseInt(case_, QStringLiteral("SELECT count(*) FROM notes")), qint64(0));
    QVERIFY(timeline->markers().empty());
}

void TestGuiStory::storyOrderKeptAndUndone() {
    QStringList moved;
    {
        auto w = quarry::test::openIdleWindow(case_);
        QCOMPARE(pickRequests(*w, 2).size(), size_t(2));
        QVERIFY(w->story()->toggleStarOnSelection());
        StoryPanel* panel = w->story()->storyPanel();
        const int n = panel->model()->rowCount();
        QVERIFY2(n >= 3, "flagged clusters and two stars");
        QVERIFY(!panel->model()->manual());
        const QStringList timeOrder = panel->model()->keys();
        // The last item goes to the top, one step at a time.
        for (int row = n - 1; row > 0; --row) QVERIFY(w->story()->moveItem(row, -1));
        QVERIFY(panel->model()->manual());
        moved = panel->model()->keys();
        QCOMPARE(moved.first(), timeOrder.last());
        QCOMPARE(caseInt(case_, QStringLiteral("SELECT count(*) FROM story_order")), qint64(n));
        QCOMPARE(caseText(case_,
                          QStringLiteral("SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1")),
                 QStringLiteral("story.order"));
        // The buttons move the current item too.
        panel->setCurrentRow(0);
        QVERIFY(!panel->upButton()->isEnabled());
        panel->downButton()->click();
        QCOMPARE(panel->model()->keys().value(1), moved.first());
        QCOMPARE(panel->currentRow(), 1);
        w->workflow()->undoStack()->undo();
        QCOMPARE(panel->model()->keys(), moved);
    }
    {
        // Another window on the case tells the story in the same order.
        auto w = quarry::test::openIdleWindow(case_);
        StoryPanel* panel = w->story()->storyPanel();
        QCOMPARE(panel->model()->keys(), moved);
        QVERIFY(panel->timeOrderButton()->isEnabled());
        panel->timeOrderButton()->click();
        QVERIFY(!panel->model()->manual());
        QCOMPARE(caseInt(case_, QStringLiteral("SELECT count(*) FROM story_order")), qint64(0));
        w->workflow()->undoStack()->undo();
        QCOMPARE(panel->model()->keys(), moved);
    }
}

void TestGuiStory::itemShowsItsSubject() {
    auto w = quarry::test::openIdleWindow(case_);
    StoryPanel* panel = w->story()->storyPanel();
    const auto& items = panel->model()->records();
    const auto finding = std::find_if(items.begin(), items.end(), [](const auto& i) {
        return i.kind == quarry::evidence::StoryKind::Finding;
    });
    QVERIFY(finding != items.end());
    const qint64 cluster = finding->target.id;
    QCOMPARE(caseInt(case_, QStringLiteral("SELECT flagged FROM clusters WHERE id = ?"), cluster),
             qint64(1));
    QVERIFY(!finding->text.isEmpty());  // the verdict's reasons
    const QModelIndex index = panel->model()->index(int(finding - items.begin()), 0);
    emit panel->view()->activated(index);
    QCOMPARE(w->session()->currentCluster(), cluster);
    const qint64 members =
        caseInt(case_, QStringLiteral("SELECT count(*) FROM account_features WHERE cluster_id = ?"),
                cluster);
    QTRY_COMPARE(qint64(w->selection()->selectedAccounts().size()), members);
}

void TestGuiStory::bundleCarriesTheStory() {
    QString note = QStringLiteral("<script>alert('x')</script> =HYPERLINK(\"http://evil\")");
    QStringList order;
    {
        auto w = quarry::test::openIdleWindow(case_);
        const std::vector<int64_t> ids = pickRequests(*w, 1);
        QCOMPARE(ids.size(), size_t(1));
        QVERIFY(w->story()->star(ids, true));
        const qint64 ts =
            caseInt(case_, QStringLiteral("SELECT ts FROM requests WHERE id = ?"), ids[0]);
        QVERIFY(w->story()->pinNote(busiest_, w->session()->currentAccountName(), ts, note));
        StoryPanel* panel = w->story()->storyPanel();
        // The note first, whatever its time: the analyst's order is the report's order.
        const int row = panel->model()->rowOfKey(QStringLiteral("note:account:%1").arg(busiest_));
        QVERIFY(row >= 0);
        for (int r = row; r > 0; --r) QVERIFY(w->story()->moveItem(r, -1));
        order = panel->model()->keys();
    }
    quarry::evidence::BundleOptions o;
    const QString name =
        caseText(case_, QStringLiteral("SELECT value FROM accounts WHERE id = %1").arg(busiest_));
    o.accounts << name;
    const QString out = dir_.filePath(QStringLiteral("story.zip"));
    quarry::evidence::BundleResult result;
    QString error;
    QVERIFY2(quarry::jobs::exportEvidence(case_, o, out, result, &error), qPrintable(error));
    const auto v = quarry::evidence::verifyBundle(out);
    QVERIFY2(v.ok, qPrintable(v.problems.join(QLatin1Char('\n'))));

    std::vector<quarry::evidence::ZipMember> members;
    QVERIFY2(quarry::evidence::readZip(out, members, &error), qPrintable(error));
    QByteArray html, csv;
    for (const auto& m : members) {
        if (m.name == QLatin1String("report.html")) html = m.data;
        if (m.name == QLatin1String("story.csv")) csv = m.data;
    }
    QVERIFY(html.contains("<h2>Story</h2>"));
    QVERIFY(html.contains("&lt;script&gt;alert("));
    QVERIFY(!html.contains("<script>"));
    // story.csv: the note first (the analyst's order), its formula neutralised; then the star.
    const QList<QByteArray> lines = csv.split('\n');
    QVERIFY(lines.size() >= 3);
    QCOMPARE(lines[0], QByteArray("position,kind,time,subject,title,text,analyst"));
    QVERIFY2(lines[1].startsWith("1,note,"), lines[1].constData());
    QVERIFY2(lines[1].contains("<script>alert('x')</script> =HYPERLINK"), lines[1].constData());
    bool starLine = false;
    for (const QByteArray& line : lines) {
        const QList<QByteArray> cells = line.split(',');
        if (cells.size() > 1 && cells[1] == "star") starLine = true;
        for (const QByteArray& cell : cells) QVERIFY2(!cell.startsWith('='), line.constData());
    }
    QVERIFY(starLine);

    // A note that is all formula gets the apostrophe.
    {
        auto w = quarry::test::openIdleWindow(case_);
        QVERIFY(w->story()->pinNote(busiest_, name, 0, QStringLiteral("=cmd|' /C calc'!A0")));
    }
    const QString out2 = dir_.filePath(QStringLiteral("story2.zip"));
    QVERIFY2(quarry::jobs::exportEvidence(case_, o, out2, result, &error), qPrintable(error));
    members.clear();
    QVERIFY(quarry::evidence::readZip(out2, members, &error));
    for (const auto& m : members)
        if (m.name == QLatin1String("story.csv")) csv = m.data;
    QVERIFY2(csv.contains(",'=cmd|"), csv.constData());
}

void TestGuiStory::previousSchemaUpgradesOnOpen() {
    // A case as the previous release wrote it (schema 3: no stars, no pins, no story order),
    // with a note the analyst wrote then.
    const QString old = dir_.filePath(QStringLiteral("v3.quarry"));
    QFile::remove(old);
    QVERIFY(QFile::copy(case_, old));
    QVERIFY(
        execOn(old,
               "DROP TABLE stars; DROP TABLE story_order; ALTER TABLE notes DROP COLUMN "
               "pinned_at; INSERT INTO notes(target_type, target_id, text, updated_at, analyst) "
               "VALUES('account', 1, 'written under v3', 0, 'old'); PRAGMA user_version = 3;"));
    QCOMPARE(caseInt(old, QStringLiteral("PRAGMA user_version")), qint64(3));
    auto w = quarry::test::openIdleWindow(old);
    QVERIFY(w->session()->isOpen());
    QCOMPARE(caseInt(old, QStringLiteral("PRAGMA user_version")),
             qint64(quarry::schema::kCurrentVersion));
    QCOMPARE(caseText(old, QStringLiteral("SELECT text FROM notes WHERE target_id = 1")),
             QStringLiteral("written under v3"));
    QCOMPARE(caseInt(old, QStringLiteral("SELECT count(*) FROM notes WHERE pinned_at IS NULL")),
             qint64(1));
    QCOMPARE(caseInt(old, QStringLiteral("SELECT count(*) FROM requests")),
             caseInt(case_, QStringLiteral("SELECT count(*) FROM requests")));
    // And it takes stars now.
    QCOMPARE(pickRequests(*w, 1).size(), size_t(1));
    QVERIFY(w->story()->toggleStarOnSelection());
    QCOMPARE(caseInt(old, QStringLiteral("SELECT count(*) FROM stars")), qint64(1));
}

QTEST_MAIN(TestGuiStory)
#include "tst_gui_story.moc"
