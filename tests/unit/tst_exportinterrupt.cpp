// SPDX-License-Identifier: GPL-3.0-or-later
// An interrupted export leaves nothing behind. The real quarry-cli is stopped at a known point
// (the QUARRY_TEST_EXPORT_PAUSE hook: while streaming requests.csv, or while libzip writes the
// archive): SIGINT and SIGTERM make it remove its work folder and partial ZIP and exit with
// 128 + signal and a message; after SIGKILL the next export into the same folder removes what
// was left, but never the work folder of an export still running.
#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/time.h>
#include <csignal>

#include "testutil.h"

using namespace quarry;

namespace {

// Names in folder that an export may leave: work folders and partial ZIPs.
QStringList leftovers(const QString& folder) {
    QStringList out;
    for (const QString& n :
         QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot))
        if (n.startsWith(QLatin1String(".quarry-bundle-")) || n.contains(QLatin1String(".part")))
            out << n;
    return out;
}

void setOld(const QString& path) {
    const struct timeval twoHoursAgo[2] = {{time(nullptr) - 7200, 0}, {time(nullptr) - 7200, 0}};
    ::utimes(QFile::encodeName(path).constData(), twoHoursAgo);
}

}  // namespace

class TestExportInterrupt final : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString case_;

    QString path(const QString& name) const { return dir_.filePath(name); }

    // Starts an export that pauses at stage; returns once it says so.
    bool startPaused(QProcess& p, const QString& caseFile, const QString& out, const char* stage) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QUARRY_TEST_EXPORT_PAUSE"), QLatin1String(stage));
        p.setProcessEnvironment(env);
        p.start(test::cliPath(), {QStringLiteral("export"), caseFile, QStringLiteral("--account"),
                                  QStringLiteral("acct-1"), QStringLiteral("--account"),
                                  QStringLiteral("acct-2"), QStringLiteral("--out"), out});
        QByteArray err;
        QElapsedTimer t;
        t.start();
        while (!err.contains(QByteArray("paused at ") + stage) && t.elapsed() < 120000) {
            if (!p.waitForReadyRead(1000) && p.state() == QProcess::NotRunning) break;
            err += p.readAllStandardError();
        }
        if (!err.contains(QByteArray("paused at ") + stage)) qWarning("%s", err.constData());
        return err.contains(QByteArray("paused at ") + stage);
    }

private slots:
    void initTestCase() {
        QByteArray csv = "timestamp,account_id,ip,prompt\n";
        // Enough text that the archive takes libzip several progress steps.
        for (int i = 0; i < 30000; ++i)
            csv += "2026-03-01T10:" + QByteArray::number(10 + i % 50) + ":00Z,acct-" +
                   QByteArray::number(1 + i % 2) + ",203.0.113." + QByteArray::number(i % 200) +
                   ",prompt number " + QByteArray::number(i * 7919) +
                   " with some filler text to compress\n";
        QVERIFY(test::writeFile(path(QStringLiteral("log.csv")), csv));
        case_ = path(QStringLiteral("c.quarry"));
        const auto r =
            test::runCli({QStringLiteral("import"), case_, path(QStringLiteral("log.csv"))});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    void signalRemovesEverything_data() {
        QTest::addColumn<int>("sig");
        QTest::addColumn<QString>("stage");
        QTest::newRow("SIGTERM while writing requests.csv")
            << int(SIGTERM) << QStringLiteral("requests");
        QTest::newRow("SIGINT while writing requests.csv")
            << int(SIGINT) << QStringLiteral("requests");
        QTest::newRow("SIGTERM while writing the ZIP") << int(SIGTERM) << QStringLiteral("zip");
        QTest::newRow("SIGINT while writing the ZIP") << int(SIGINT) << QStringLiteral("zip");
    }
    void signalRemovesEverything() {
        QFETCH(int, sig);
        QFETCH(QString, stage);
        QTemporaryDir outDir;
        const QString out = outDir.filePath(QStringLiteral("b.zip"));
        QProcess p;
        QVERIFY(startPaused(p, case_, out, stage.toLatin1().constData()));
        // Paused mid-export: its work folder holds the data (and, at "zip", the partial archive).
        const QStringList during = leftovers(outDir.path());
        QCOMPARE(during.size(), 1);
        QDir work(outDir.filePath(during.first()));
        QVERIFY(work.exists(QStringLiteral("members/requests.csv")));
        if (stage == QLatin1String("zip"))
            QVERIFY2(!work.entryList({QStringLiteral("bundle.zip.part*")}, QDir::Files).isEmpty(),
                     qPrintable(work.entryList().join(QLatin1Char(' '))));
        ::kill(static_cast<pid_t>(p.processId()), sig);
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 128 + sig);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains(sig == SIGINT ? "interrupted by SIGINT" : "interrupted by SIGTERM"),
                 err.constData());
        QVERIFY2(leftovers(outDir.path()).isEmpty(),
                 qPrintable(leftovers(outDir.path()).join(QLatin1Char(' '))));
        QVERIFY(!QFile::exists(out));
    }

    void nextExportCleansAfterSigkill() {
        QTemporaryDir outDir;
        const QString folder = outDir.path();
        // A killed export (nothing could clean up) ...
        {
            QProcess p;
            QVERIFY(startPaused(p, case_, outDir.filePath(QStringLiteral("killed.zip")), "zip"));
            p.kill();
            QVERIFY(p.waitForFinished(60000));
        }
        QCOMPARE(leftovers(folder).size(), 1);
        const QString killed = leftovers(folder).first();
        // ... leftovers of versions without the lock, two hours old, and a fresh one that may
        // still be written by such a version ...
        QVERIFY(QDir(folder).mkdir(QStringLiteral(".quarry-bundle-OLD123")));
        QVERIFY(test::writeFile(
            outDir.filePath(QStringLiteral(".quarry-bundle-OLD123/requests.csv")), "old"));
        setOld(outDir.filePath(QStringLiteral(".quarry-bundle-OLD123")));
        QVERIFY(test::writeFile(outDir.filePath(QStringLiteral("old.zip.part.Ab12Cd")), "old"));
        setOld(outDir.filePath(QStringLiteral("old.zip.part.Ab12Cd")));
        QVERIFY(test::writeFile(outDir.filePath(QStringLiteral("fresh.zip.part")), "fresh"));
        // ... and an export still running, from a copy of the case (two exports, two cases).
        const QString copy = path(QStringLiteral("copy.quarry"));
        QFile::remove(copy);
        QVERIFY(QFile::copy(case_, copy));
        QProcess running;
        QVERIFY(
            startPaused(running, copy, outDir.filePath(QStringLiteral("running.zip")), "requests"));
        QStringList runningDirs = leftovers(folder);
        runningDirs.removeAll(killed);
        runningDirs.removeAll(QStringLiteral(".quarry-bundle-OLD123"));
        runningDirs.removeAll(QStringLiteral("old.zip.part.Ab12Cd"));
        runningDirs.removeAll(QStringLiteral("fresh.zip.part"));
        QCOMPARE(runningDirs.size(), 1);

        const auto r = test::runCli({QStringLiteral("export"), case_, QStringLiteral("--account"),
                                     QStringLiteral("acct-1"), QStringLiteral("--out"),
                                     outDir.filePath(QStringLiteral("next.zip"))});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(QFile::exists(outDir.filePath(QStringLiteral("next.zip"))));
        QStringList left = leftovers(folder);
        left.sort();
        QStringList expected = {runningDirs.first(), QStringLiteral("fresh.zip.part")};
        expected.sort();
        QCOMPARE(left, expected);

        ::kill(static_cast<pid_t>(running.processId()), SIGTERM);
        QVERIFY(running.waitForFinished(60000));
        QCOMPARE(leftovers(folder), QStringList{QStringLiteral("fresh.zip.part")});
    }
};

QTEST_GUILESS_MAIN(TestExportInterrupt)
#include "tst_exportinterrupt.moc"
