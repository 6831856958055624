// SPDX-License-Identifier: GPL-3.0-or-later
// The overview says what the logs could not show (detection issue, part 5): on logs without
// prompt text, organisation ids or sign-up times it lists the evidence the analysis could not
// measure, worded as analyze words it; on complete logs it lists nothing.
#include <QTemporaryDir>
#include <QtTest>

#include "guitestutil.h"
#include "mainwindow.h"
#include "panels/overviewpanel.h"
#include "selectioncontroller.h"

using namespace quarry::gui;

class TestGuiOverview final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void metadataOnlyCaseSaysWhatIsMissing() {
        QTemporaryDir dir;
        const QString casePath = analysed(dir, {QStringLiteral("--metadata-only")});
        QVERIFY(!casePath.isEmpty());
        const QString text = overviewText(casePath);
        QVERIFY2(text.contains(QStringLiteral("Not in these logs")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("prompt text")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("account creation times")), qPrintable(text));
    }

    void completeCaseListsNothingMissing() {
        QTemporaryDir dir;
        const QString casePath = analysed(dir, {});
        QVERIFY(!casePath.isEmpty());
        const QString text = overviewText(casePath);
        QVERIFY2(text.contains(QStringLiteral("Flagged clusters")), qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("Not in these logs")), qPrintable(text));
    }

private:
    static QString analysed(const QTemporaryDir& dir, const QStringList& extra) {
        const QString data = dir.filePath(QStringLiteral("data")),
                      casePath = dir.filePath(QStringLiteral("c.quarry"));
        QString log;
        const bool ok = quarry::test::runQuarryCli(
                            QStringList{QStringLiteral("generate"), QStringLiteral("--out"), data,
                                        QStringLiteral("--accounts"), QStringLiteral("300"),
                                        QStringLiteral("--days"), QStringLiteral("5"),
                                        QStringLiteral("--campaign-accounts"), QStringLiteral("40"),
                                        QStringLiteral("--seed"), QStringLiteral("4")} +
                                extra,
                            &log) &&
                        quarry::test::runQuarryCli({QStringLiteral("import"), casePath,
                                                    data + QStringLiteral("/requests.csv")},
                                                   &log) &&
                        quarry::test::runQuarryCli({QStringLiteral("analyze"), casePath}, &log);
        if (!ok) qWarning("%s", qPrintable(log));
        return ok ? casePath : QString();
    }
    static QString overviewText(const QString& casePath) {
        MainWindow w(false);
        w.show();
        QString error;
        if (!w.openCase(casePath, &error)) return error;
        // Not QTRY_VERIFY: it returns void; a timeout here shows up as the text assertions failing.
        for (int i = 0; i < 600 && w.busy(); ++i) QTest::qWait(100);
        return w.selection()->overview()->text();
    }
};

QTEST_MAIN(TestGuiOverview)
#include "tst_gui_overview.moc"
