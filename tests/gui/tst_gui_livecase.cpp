// SPDX-License-Identifier: GPL-3.0-or-later
// A long-lived window under load: one dashboard stays open on a case while another process
// (quarry-cli) imports more logs into it and analyses it again. The window notices by itself,
// reloads, and at no moment shows a state that was never committed: whenever it is idle, every
// cluster its account table names is in its cluster list, and the numbers it shows are those of
// the case before the import, after the import, or after the new analysis. At the end it shows
// exactly what a fresh connection reads from the file.
#include <QAbstractItemModel>
#include <QElapsedTimer>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

#include "guitestutil.h"
#include "items/accounttablemodel.h"
#include "items/clustertablemodel.h"
#include "mainwindow.h"
#include "panels/accountpanel.h"
#include "panels/clusterpanel.h"
#include "selectioncontroller.h"
#include "workflowcontroller.h"
#include "store/casewatcher.h"

using namespace quarry::gui;

namespace {

// What a second connection reads from the file: committed state only.
qint64 count(const QString& path, const char* sql) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_busy_timeout(db, 20000);
    sqlite3_stmt* s = nullptr;
    qint64 out = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        out = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(db);
    return out;
}

struct Shown {
    int accounts = 0, clusters = 0;
    bool consistent = true;  // every cluster the account table names is listed
    QString problem;
};

Shown shown(MainWindow& w) {
    Shown s;
    const QAbstractItemModel* a = w.selection()->accountPanel()->model();
    const QAbstractItemModel* c = w.selection()->clusterPanel()->model();
    s.accounts = a->rowCount();
    s.clusters = c->rowCount();
    QSet<qint64> listed;
    for (int r = 0; r < c->rowCount(); ++r)
        listed.insert(c->index(r, 0).data(ClusterTableModel::ClusterIdRole).toLongLong());
    for (int r = 0; r < a->rowCount(); ++r) {
        const qint64 cl = a->index(r, 0).data(AccountTableModel::ClusterIdRole).toLongLong();
        if (cl >= 0 && !listed.contains(cl)) {
            s.consistent = false;
            s.problem =
                QStringLiteral("account row %1 names cluster %2, which the cluster list lacks")
                    .arg(r)
                    .arg(cl);
            break;
        }
    }
    return s;
}

}  // namespace

class TestGuiLiveCase final : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString case_, more_;

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        // The window's own tag below is audited under this name (no question asked).
        qputenv("QUARRY_ANALYST", "livecase-tester");
        QString log;
        case_ = quarry::test::makeAnalysedCase(dir_, &log);
        QVERIFY2(!case_.isEmpty(), qPrintable(log));
        // More logs for the other process: other accounts, the same days.
        const QString data = dir_.filePath(QStringLiteral("more"));
        QVERIFY2(quarry::test::runQuarryCli(
                     {QStringLiteral("generate"), QStringLiteral("--out"), data,
                      QStringLiteral("--accounts"), QStringLiteral("300"), QStringLiteral("--days"),
                      QStringLiteral("6"), QStringLiteral("--campaigns"), QStringLiteral("1"),
                      QStringLiteral("--campaign-accounts"), QStringLiteral("40"),
                      QStringLiteral("--seed"), QStringLiteral("29")},
                     &log),
                 qPrintable(log));
        more_ = data + QStringLiteral("/requests.csv");
    }

    void windowFollowsAnotherProcess() {
        MainWindow w(false);
        w.show();
        QString error;
        QVERIFY2(w.openCase(case_, &error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(!w.busy(), 60000);
        const Shown before = shown(w);
        QCOMPARE(before.accounts, int(count(case_, "SELECT count(*) FROM accounts")));
        QVERIFY2(before.consistent, qPrintable(before.problem));
        const qint64 accountsBefore = before.accounts;

        QSignalSpy reloaded(&w, &MainWindow::caseReloaded);
        // The other process: import, then analyse, as an analyst's script would.
        QProcess other;
        other.setProcessChannelMode(QProcess::MergedChannels);
        other.start(QStringLiteral("/bin/sh"),
                    {QStringLiteral("-c"),
                     QStringLiteral("\"$0\" import \"$1\" \"$2\" && \"$0\" analyze \"$1\""),
                     QStringLiteral(QUARRY_CLI), case_, more_});
        QVERIFY(other.waitForStarted());

        // Watch the window the whole time, as a user would, without touching it.
        QSet<int> accountCounts;
        int idleLooks = 0;
        QElapsedTimer t;
        t.start();
        bool otherDone = false;
        qint64 accountsAfter = -1;
        while (t.elapsed() < 240000) {
            QTest::qWait(20);
            if (!w.busy()) {
                const Shown s = shown(w);
                QVERIFY2(s.consistent, qPrintable(s.problem));
                accountCounts.insert(s.accounts);
                ++idleLooks;
            }
            if (!otherDone && other.state() == QProcess::NotRunning) {
                otherDone = true;
                QVERIFY2(other.exitStatus() == QProcess::NormalExit && other.exitCode() == 0,
                         other.readAll().constData());
                accountsAfter = count(case_, "SELECT count(*) FROM accounts");
            }
            // Done once the window shows the new analysis, by itself.
            if (otherDone && !w.busy() && shown(w).accounts == accountsAfter &&
                !reloaded.isEmpty() &&
                shown(w).clusters == int(count(case_, "SELECT count(*) FROM clusters")))
                break;
        }
        QVERIFY2(otherDone, "quarry-cli did not finish");
        QVERIFY2(!reloaded.isEmpty(), "the window never noticed the other process");
        QVERIFY(accountsAfter > accountsBefore);
        QVERIFY(idleLooks > 10);
        // Only committed states were ever on screen: before, or after the import (the same
        // accounts the analysis then scores).
        for (const int n : accountCounts)
            QVERIFY2(n == accountsBefore || n == accountsAfter,
                     qPrintable(QStringLiteral("the window showed %1 accounts").arg(n)));
        const Shown after = shown(w);
        QCOMPARE(after.accounts, int(accountsAfter));
        QCOMPARE(after.clusters, int(count(case_, "SELECT count(*) FROM clusters")));
        QVERIFY2(after.consistent, qPrintable(after.problem));
        // The window's own edits do not count as another program's.
        const int reloads = reloaded.size();
        const qint64 first = w.selection()->accountPanel()
                                 ->model()
                                 ->index(0, 0)
                                 .data(AccountTableModel::AccountIdRole)
                                 .toLongLong();
        QVERIFY(w.selection()->selectAccount(first));
        QVERIFY(w.workflow()->tagSelectedAccounts(QStringLiteral("benign"), true));
        QTest::qWait(1500);
        QCOMPARE(reloaded.size(), reloads);
    }

    void stampChangesOnlyOnCommit() {
        // The stamp a reload is decided on: unchanged by a write that is rolled back.
        const auto before = quarry::readCaseStamp(case_);
        QVERIFY(before);
        sqlite3* db = nullptr;
        QCOMPARE(sqlite3_open_v2(QFile::encodeName(case_).constData(), &db, SQLITE_OPEN_READWRITE,
                                 nullptr),
                 SQLITE_OK);
        QCOMPARE(sqlite3_exec(
                     db, "BEGIN IMMEDIATE; UPDATE analysis_runs SET finished_at = finished_at + 1;",
                     nullptr, nullptr, nullptr),
                 SQLITE_OK);
        // Mid-write the committed stamp is still the old one (or unreadable), never the new one.
        const auto during = quarry::readCaseStamp(case_);
        QVERIFY(!during || *during == *before);
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        sqlite3_close(db);
        const auto after = quarry::readCaseStamp(case_);
        QVERIFY(after && *after == *before);
    }
};

QTEST_MAIN(TestGuiLiveCase)
#include "tst_gui_livecase.moc"
