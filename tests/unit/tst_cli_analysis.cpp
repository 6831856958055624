// SPDX-License-Identifier: GPL-3.0-or-later
// The detection CLI contract: analyze, accounts, clusters, account, on a generated case.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

#include "testutil.h"

using namespace quarry;

class TestCliAnalysis final : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString case_;
    QSet<QString> campaign_;

    QString path(const char* name) const { return dir_.filePath(QLatin1String(name)); }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        case_ = path("c.quarry");
        auto r = test::runCli({QStringLiteral("generate"), QStringLiteral("--out"), path("gen"),
                               QStringLiteral("--seed"), QStringLiteral("21"), QStringLiteral("--accounts"),
                               QStringLiteral("1200"), QStringLiteral("--campaigns"), QStringLiteral("2"),
                               QStringLiteral("--campaign-accounts"), QStringLiteral("120"),
                               QStringLiteral("--days"), QStringLiteral("10")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = test::runCli({QStringLiteral("import"), case_, path("gen/requests.csv")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QFile truth(path("gen/truth.csv"));
        QVERIFY(truth.open(QIODevice::ReadOnly));
        for (const QByteArray& line : truth.readAll().split('\n')) {
            const QList<QByteArray> f = line.split(',');
            if (f.size() >= 2 && f[1] == "campaign") campaign_.insert(QString::fromUtf8(f[0]));
        }
        QCOMPARE(campaign_.size(), 120);
    }

    void readersNeedAnAnalysis() {
        const auto r = test::runCli({QStringLiteral("accounts"), case_});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("not analysed yet"), r.err.constData());
    }

    void interruptedAnalysisChangesNothing() {
        QProcess p;
        p.start(test::cliPath(), {QStringLiteral("analyze"), case_});
        QVERIFY(p.waitForStarted());
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += p.readAllStandardError(), err.contains("analyze:")), 60000);
        ::kill(static_cast<pid_t>(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(p.readAllStandardError().contains("previous analysis is unchanged"));
        QCOMPARE(test::runCli({QStringLiteral("accounts"), case_}).exitCode, 1);  // still none
    }

    void analyzeThenRead() {
        auto r = test::runCli({QStringLiteral("analyze"), case_, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject summary = QJsonDocument::fromJson(r.out).object();
        QVERIFY(summary.value(QStringLiteral("flagged_clusters")).toInt() >= 1);

        r = test::runCli({QStringLiteral("accounts"), case_, QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray accounts = QJsonDocument::fromJson(r.out).array();
        QCOMPARE(accounts.size(), 1320);
        int tp = 0, fp = 0;
        for (const auto& v : accounts) {
            const QJsonObject a = v.toObject();
            for (const char* key : {"account_id", "score", "cluster_id", "flagged", "reasons"})
                QVERIFY2(a.contains(QLatin1String(key)), key);
            QVERIFY(!a.value(QStringLiteral("reasons")).toArray().isEmpty());
            if (a.value(QStringLiteral("flagged")).toBool())
                campaign_.contains(a.value(QStringLiteral("account_id")).toString()) ? ++tp : ++fp;
        }
        // The planted campaigns are found and little else is (the benchmark bench measures the
        // exact figures; this guards against a detection that broke).
        QVERIFY2(tp >= 108 && fp <= 6, qPrintable(QStringLiteral("tp %1 fp %2").arg(tp).arg(fp)));

        r = test::runCli({QStringLiteral("accounts"), case_, QStringLiteral("--flagged")});
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.first(), QByteArray("account_id,score,cluster_id,flagged,reasons"));
        QCOMPARE(lines.size() - 1, tp + fp);

        r = test::runCli({QStringLiteral("clusters"), case_, QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray clusters = QJsonDocument::fromJson(r.out).array();
        QVERIFY(!clusters.isEmpty());
        QVERIFY(clusters.first().toObject().value(QStringLiteral("flagged")).toBool());  // flagged first
        for (const auto& v : clusters) {
            const QJsonObject c = v.toObject();
            for (const char* key : {"id", "size", "score", "flagged", "members", "reasons"})
                QVERIFY2(c.contains(QLatin1String(key)), key);
            QCOMPARE(c.value(QStringLiteral("members")).toArray().size(), c.value(QStringLiteral("size")).toInt());
        }

        const QString someone = *campaign_.begin();
        r = test::runCli({QStringLiteral("account"), case_, someone, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject one = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(one.value(QStringLiteral("account_id")).toString(), someone);
        QVERIFY(one.value(QStringLiteral("features")).toObject().value(QStringLiteral("requests")).toInt() > 0);
        QVERIFY(!one.value(QStringLiteral("links")).toArray().isEmpty());
        QVERIFY(!one.value(QStringLiteral("topics")).toObject().isEmpty());

        r = test::runCli({QStringLiteral("account"), case_, QStringLiteral("nobody-here")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("no account 'nobody-here'"));
    }

    // Log content is hostile: an account id that a spreadsheet would run as a formula is
    // neutralised in the CSV listing.
    void csvNeutralisesFormulas() {
        QTemporaryDir d;
        const QString csv = d.filePath(QStringLiteral("evil.csv"));
        QVERIFY(test::writeFile(csv, "timestamp,account_id,prompt\n"
                                     "2026-09-01T00:00:00Z,\"=HYPERLINK(\"\"http://x\"\")\",hello there\n"
                                     "2026-09-01T00:01:00Z,@SUM(A1),hi\n"));
        const QString c = d.filePath(QStringLiteral("c.quarry"));
        QCOMPARE(test::runCli({QStringLiteral("import"), c, csv}).exitCode, 0);
        QCOMPARE(test::runCli({QStringLiteral("analyze"), c}).exitCode, 0);
        const auto r = test::runCli({QStringLiteral("accounts"), c});
        QCOMPARE(r.exitCode, 0);
        for (const QByteArray& line : r.out.split('\n').mid(1)) {
            if (line.isEmpty()) continue;
            QVERIFY2(!line.startsWith('=') && !line.startsWith('@') && !line.startsWith("\"="), line.constData());
        }
        QVERIFY(r.out.contains("'@SUM(A1)"));
        QVERIFY(r.out.contains("\"'=HYPERLINK(\"\"http://x\"\")\""));
    }
};

QTEST_GUILESS_MAIN(TestCliAnalysis)
#include "tst_cli_analysis.moc"
