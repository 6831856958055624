// SPDX-License-Identifier: GPL-3.0-or-later
// Custody and hygiene in the dashboard: a case opened after another starts with no filter or
// zoom of the first; the analyst's name is asked once, before the first audited action, and
// then recorded (audit trail, bundle) and shown in the status bar; the first signed export
// explains the signing key (where it lives, its fingerprint, verify --trusted-key) before it
// exists. Expected values come from SQL on the case files and from the bundles.
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

#include "casesession.h"
#include "dialogs/custodyprompts.h"
#include "dialogs/exportdialog.h"
#include "evidence/bundle.h"
#include "evidence/signing.h"
#include "guitestutil.h"
#include "mainwindow.h"
#include "panels/accountpanel.h"
#include "panels/requestpanel.h"
#include "plots/timelineplot.h"
#include "requestscontroller.h"
#include "selectioncontroller.h"
#include "store/auditlog.h"
#include "viewscontroller.h"
#include "windowtestutil.h"
#include "workflowcontroller.h"

using namespace quarry::gui;

namespace {

using quarry::test::caseInt;

QString lastAnalyst(const QString& path) {
    return quarry::test::caseText(
        path, QStringLiteral("SELECT analyst FROM audit_log ORDER BY seq DESC LIMIT 1"));
}

}  // namespace

class TestGuiCustody final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void nextCaseStartsClean();
    void analystAskedOnceBeforeFirstAction();
    void declinedNameRecordsNothing();
    void firstSigningExplainsTheKey();

private:
    // Exports the top flagged cluster through Case › Export Evidence; the dialog's result.
    bool exportSigned(MainWindow& w, const QString& out, QString* error);
    QTemporaryDir dir_;
    QString caseA_, caseB_;
};

void TestGuiCustody::initTestCase() {
    QVERIFY(dir_.isValid());
    // No QStandardPaths test mode: its folder outlives the run. The analyst setting and the signing key go to a config folder of the test's own.
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(dir_.filePath(QStringLiteral("config"))));
    qunsetenv("QUARRY_ANALYST");
    QString log;
    caseA_ = quarry::test::makeAnalysedCase(dir_, &log);
    QVERIFY2(!caseA_.isEmpty(), qPrintable(log));
    // Case B: fewer accounts over fewer days, so its axes and counts differ from A's.
    const QString data = dir_.filePath(QStringLiteral("dataB"));
    caseB_ = dir_.filePath(QStringLiteral("b.quarry"));
    QVERIFY2(quarry::test::runQuarryCli(
                 {QStringLiteral("generate"), QStringLiteral("--out"), data,
                  QStringLiteral("--accounts"), QStringLiteral("40"), QStringLiteral("--days"),
                  QStringLiteral("2"), QStringLiteral("--campaigns"), QStringLiteral("1"),
                  QStringLiteral("--campaign-accounts"), QStringLiteral("12"),
                  QStringLiteral("--seed"), QStringLiteral("5")},
                 &log),
             qPrintable(log));
    QVERIFY2(quarry::test::runQuarryCli(
                 {QStringLiteral("import"), caseB_, data + QStringLiteral("/requests.csv")}, &log),
             qPrintable(log));
    QVERIFY2(quarry::test::runQuarryCli({QStringLiteral("analyze"), caseB_}, &log),
             qPrintable(log));
}

void TestGuiCustody::init() {
    quarry::evidence::setConfiguredAnalyst(QString());
    analystNameHook = nullptr;
    signingKeyHook = nullptr;
}

void TestGuiCustody::nextCaseStartsClean() {
    auto w = quarry::test::openIdleWindow(caseA_);
    AccountPanel* accounts = w->selection()->accountPanel();
    const qint64 accountsA = caseInt(caseA_, "SELECT count(*) FROM accounts");
    const qint64 accountsB = caseInt(caseB_, "SELECT count(*) FROM accounts");
    QVERIFY(accountsA != accountsB);
    // In A: a search that leaves one account, "flagged only", a zoomed timeline, a request filter.
    QLineEdit* search = accounts->findChild<QLineEdit*>();
    QCheckBox* flagged = accounts->findChild<QCheckBox*>();
    QLabel* status = nullptr;
    for (QLabel* l : accounts->findChildren<QLabel*>())
        if (l->text().contains(QLatin1String(" of "))) status = l;
    QVERIFY(search && flagged && status);
    const QString first = accounts->model()->index(0, 0).data().toString();
    flagged->setChecked(true);
    search->setText(first);
    QTRY_VERIFY(accounts->model()->rowCount() >= 1 && accounts->model()->rowCount() < accountsA);
    QVERIFY(w->selection()->selectAccount(
        accounts->model()->index(0, 0).data(AccountTableModel::AccountIdRole).toLongLong()));
    TimelinePlot* timeline = w->views()->timeline();
    const qint64 firstTs = caseInt(caseA_, "SELECT min(ts) FROM requests");
    const int64_t day = firstTs / 86400000;
    timeline->showDay(day);
    const auto zoomedA = timeline->visibleRangeMs();
    QVERIFY(zoomedA.second - zoomedA.first <= 86400000 + 1);
    w->session()->requestRequests({}, firstTs, firstTs + 1000, -1);

    // Case B, opened over A.
    QString error;
    QVERIFY2(w->openCase(caseB_, &error), qPrintable(error));
    QVERIFY(QTest::qWaitFor([&] { return !w->busy(); }, 30000));
    QCOMPARE(search->text(), QString());
    QVERIFY(!flagged->isChecked());
    QCOMPARE(accounts->model()->rowCount(), int(accountsB));
    QCOMPARE(status->text(), QStringLiteral("%1 of %1 accounts").arg(accountsB));
    // No account of B yet: nothing of A's zoom stays on the timeline.
    QVERIFY(timeline->visibleRangeMs() != zoomedA);
    // An account of B: the axis spans that account's days in B.
    const qint64 idB = caseInt(caseB_,
                               "SELECT account_id FROM requests GROUP BY account_id "
                               "ORDER BY count(*) DESC LIMIT 1");
    QVERIFY(w->selection()->selectAccount(idB));
    QTRY_VERIFY(!w->busy());
    const auto range = timeline->visibleRangeMs();
    const qint64 minB = caseInt(caseB_,
                                "SELECT min(ts) FROM requests WHERE account_id = "
                                "(SELECT account_id FROM requests GROUP BY account_id "
                                "ORDER BY count(*) DESC LIMIT 1)");
    const qint64 maxB = caseInt(caseB_,
                                "SELECT max(ts) FROM requests WHERE account_id = "
                                "(SELECT account_id FROM requests GROUP BY account_id "
                                "ORDER BY count(*) DESC LIMIT 1)");
    QVERIFY(range.first <= minB && range.second >= maxB);
    QVERIFY(range.second - range.first <= 3 * 86400000LL);
    // The request table shows B's requests of that account, not A's time filter.
    RequestPanel* requests = w->requests()->requestPanel();
    QTRY_VERIFY(requests->model()->totalCount() > 0);
    const qint64 ofAccount = caseInt(caseB_,
                                     "SELECT count(*) FROM requests WHERE account_id = "
                                     "(SELECT account_id FROM requests GROUP BY account_id "
                                     "ORDER BY count(*) DESC LIMIT 1)");
    QTRY_COMPARE(requests->model()->totalCount(), ofAccount);
}

void TestGuiCustody::analystAskedOnceBeforeFirstAction() {
    int asked = 0;
    analystNameHook = [&](const QString& question) -> std::optional<QString> {
        ++asked;
        if (!question.contains(QLatin1String("audit trail"))) return std::nullopt;
        return QStringLiteral("Dana Reviewer");
    };
    auto w = quarry::test::openIdleWindow(caseA_);
    QLabel* label = w->workflow()->analystLabel();
    QVERIFY(w->statusBar()->isAncestorOf(label));
    QCOMPARE(label->text(), QStringLiteral("Analyst: not set"));
    QCOMPARE(asked, 0);  // opening and looking are not audited
    const qint64 id = caseInt(caseA_, "SELECT id FROM accounts ORDER BY id LIMIT 1");
    QVERIFY(w->selection()->selectAccount(id));
    QVERIFY(w->workflow()->tagSelectedAccounts(QStringLiteral("needs-review"), true));
    QCOMPARE(asked, 1);
    QCOMPARE(lastAnalyst(caseA_), QStringLiteral("Dana Reviewer"));
    QCOMPARE(label->text(), QStringLiteral("Analyst: Dana Reviewer"));
    QCOMPARE(quarry::evidence::configuredAnalyst(), QStringLiteral("Dana Reviewer"));
    // Asked once: the next action and the next window just record the name.
    QVERIFY(w->workflow()->tagSelectedAccounts(QStringLiteral("needs-review"), false));
    QCOMPARE(asked, 1);
    w.reset();
    w = quarry::test::openIdleWindow(caseA_);
    QCOMPARE(w->workflow()->analystLabel()->text(), QStringLiteral("Analyst: Dana Reviewer"));
    QVERIFY(w->selection()->selectAccount(id));
    QVERIFY(w->workflow()->tagSelectedAccounts(QStringLiteral("benign"), true));
    QCOMPARE(asked, 1);
    QCOMPARE(lastAnalyst(caseA_), QStringLiteral("Dana Reviewer"));
}

void TestGuiCustody::declinedNameRecordsNothing() {
    int asked = 0;
    analystNameHook = [&](const QString&) -> std::optional<QString> {
        ++asked;
        return std::nullopt;
    };
    auto w = quarry::test::openIdleWindow(caseA_);
    const qint64 before = caseInt(caseA_, "SELECT count(*) FROM audit_log");
    QVERIFY(w->selection()->selectAccount(
        caseInt(caseA_, "SELECT id FROM accounts ORDER BY id LIMIT 1")));
    QVERIFY(!w->workflow()->tagSelectedAccounts(QStringLiteral("needs-review"), true));
    QVERIFY(!w->workflow()->exportEvidence());
    QCOMPARE(asked, 2);
    QCOMPARE(caseInt(caseA_, "SELECT count(*) FROM audit_log"), before);
    QCOMPARE(w->workflow()->analystLabel()->text(), QStringLiteral("Analyst: not set"));
}

bool TestGuiCustody::exportSigned(MainWindow& w, const QString& out, QString* error) {
    ExportDialog* dialog = w.workflow()->exportEvidence();
    if (!dialog) return false;
    for (const auto& c : dialog->options().clusters) dialog->setClusterChecked(c, false);
    const qint64 cluster =
        caseInt(caseA_, "SELECT id FROM clusters WHERE flagged = 1 ORDER BY size LIMIT 1");
    dialog->setClusterChecked(cluster, true);
    dialog->setOutputPath(out);
    dialog->signBox()->setChecked(true);
    QSignalSpy finished(dialog, &ExportDialog::exportFinished);
    dialog->start();
    const bool started = dialog->running();
    const bool ok = started && finished.wait(120000) && dialog->succeeded();
    if (error) *error = started ? dialog->errorText() : dialog->summary()->toPlainText();
    dialog->close();
    return ok;
}

void TestGuiCustody::firstSigningExplainsTheKey() {
    quarry::evidence::setConfiguredAnalyst(QStringLiteral("Key Holder"));
    QVERIFY(!quarry::evidence::signingKeyExists());
    auto w = quarry::test::openIdleWindow(caseA_);
    QString shown;
    int asked = 0;
    // Declined: no key is made and nothing is exported.
    signingKeyHook = [&](const QString& text) {
        ++asked;
        shown = text;
        return false;
    };
    QString error;
    const QString declined = dir_.filePath(QStringLiteral("declined.zip"));
    QVERIFY(!exportSigned(*w, declined, &error));
    QCOMPARE(asked, 1);
    QVERIFY(!QFile::exists(declined));
    QVERIFY(!quarry::evidence::signingKeyExists());
    QVERIFY2(error.contains(QLatin1String("No signing key")), qPrintable(error));
    QVERIFY(shown.contains(quarry::evidence::signingKeyDirectory()));
    QVERIFY(shown.contains(QLatin1String("--trusted-key")));

    // Agreed: the key shown is the key that signs.
    signingKeyHook = [&](const QString& text) {
        ++asked;
        shown = text;
        return true;
    };
    const QString out = dir_.filePath(QStringLiteral("signed.zip"));
    QVERIFY2(exportSigned(*w, out, &error), qPrintable(error));
    QCOMPARE(asked, 2);
    QVERIFY(quarry::evidence::signingKeyExists());
    const auto v = quarry::evidence::verifyBundle(out);
    QVERIFY2(v.ok && v.signedBundle, qPrintable(v.problems.join(QLatin1Char('\n'))));
    QVERIFY2(shown.contains(v.fingerprint), qPrintable(shown));
    QCOMPARE(v.manifest.value(QStringLiteral("analyst")).toString(), QStringLiteral("Key Holder"));
    // The fingerprint shown is what a recipient names with --trusted-key.
    quarry::evidence::VerifyPolicy trust;
    trust.trustedKey = v.fingerprint;
    QVERIFY(quarry::evidence::verifyBundle(out, trust).trustedKey);

    // Only the first signing asks.
    const QString again = dir_.filePath(QStringLiteral("again.zip"));
    QVERIFY2(exportSigned(*w, again, &error), qPrintable(error));
    QCOMPARE(asked, 2);
    QCOMPARE(quarry::evidence::verifyBundle(again).fingerprint, v.fingerprint);
}

QTEST_MAIN(TestGuiCustody)
#include "tst_gui_custody.moc"
