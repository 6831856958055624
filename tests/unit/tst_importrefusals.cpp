// SPDX-License-Identifier: GPL-3.0-or-later
// What an import must refuse or keep aside, and leave no trace of (issue 15 items 4 and 6):
// empty files are not recorded as sources, a failed first import leaves no case file, and a
// NUL byte in an id is quarantined rather than cutting the account listing at the NUL.
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "store/casefile.h"
#include "store/sqlite.h"
#include "testutil.h"

using namespace quarry;

namespace {

const QByteArray kGoodCsv =
    "timestamp,account_id\n2026-09-01T00:00:00Z,alice\n2026-09-01T00:00:01Z,bob\n";

int64_t sourceCount(const QString& casePath) {
    QString e;
    auto file = CaseFile::open(casePath, CaseFile::Access::ReadOnly, &e);
    return file ? sql::queryInt(file->db(), "SELECT count(*) FROM sources") : -1;
}

}  // namespace

class TestImportRefusals final : public QObject {
    Q_OBJECT
private slots:
    void emptyFileIsRefusedAndNotRecorded_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty .jsonl") << "e.jsonl" << QByteArray() << "the file is empty";
        QTest::newRow("empty .csv") << "e.csv" << QByteArray() << "the file is empty";
        QTest::newRow("blank lines .jsonl")
            << "b.jsonl" << QByteArray("\n  \n\r\n") << "no records";
        QTest::newRow("header only .csv")
            << "h.csv" << QByteArray("timestamp,account_id\n") << "no records";
        QTest::newRow("empty .gz") << "e.jsonl.gz"
                                   << QByteArray(
                                          "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\x03\x00\x00\x00"
                                          "\x00\x00\x00\x00\x00\x00",
                                          20)
                                   << "the file";
    }
    void emptyFileIsRefusedAndNotRecorded() {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        const QString casePath = dir.filePath(QStringLiteral("c.quarry"));
        const QString good = dir.filePath(QStringLiteral("good.csv"));
        QVERIFY(test::writeFile(good, kGoodCsv));
        QCOMPARE(test::runCli({QStringLiteral("import"), casePath, good}).exitCode, 0);

        const QString path = dir.filePath(name);
        QVERIFY(test::writeFile(path, content));
        const auto r = test::runCli({QStringLiteral("import"), casePath, path});
        QCOMPARE(r.exitCode, 1);
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(err.contains(path) && err.contains(reason), qPrintable(err));
        QCOMPARE(sourceCount(casePath), int64_t(1));
    }

    void failedFirstImportLeavesNoCaseFile_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("no account column") << QByteArray("timestamp,who\n2026-09-01T00:00:00Z,a\n");
    }
    void failedFirstImportLeavesNoCaseFile() {
        QFETCH(QByteArray, content);
        QTemporaryDir dir;
        const QString casePath = dir.filePath(QStringLiteral("new.quarry"));
        const QString path = dir.filePath(QStringLiteral("in.csv"));
        QVERIFY(test::writeFile(path, content));
        const auto r = test::runCli({QStringLiteral("import"), casePath, path});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(!r.err.isEmpty());
        QVERIFY2(!QFileInfo::exists(casePath), "the failed import left a case file behind");
        QVERIFY(!QFileInfo::exists(casePath + QStringLiteral("-wal")));
        QVERIFY(!QFileInfo::exists(casePath + QStringLiteral("-journal")));

        // One good file among them is enough to keep the case.
        const QString good = dir.filePath(QStringLiteral("good.csv"));
        QVERIFY(test::writeFile(good, kGoodCsv));
        QCOMPARE(test::runCli({QStringLiteral("import"), casePath, path, good}).exitCode, 1);
        QCOMPARE(sourceCount(casePath), int64_t(1));
    }

    void nulInAnIdIsQuarantinedAndNeverCutsOutput() {
        QTemporaryDir dir;
        const QString casePath = dir.filePath(QStringLiteral("c.quarry"));
        const QString csv = dir.filePath(QStringLiteral("n.csv"));
        QVERIFY(test::writeFile(csv, QByteArray("timestamp,account_id,model\n"
                                                "2026-09-01T00:00:00Z,acct\0one,m\n"
                                                "2026-09-01T00:00:00Z,acct,m\n"
                                                "2026-09-01T00:00:00Z,other,m\0x\n",
                                                118)));
        const QString jsonl = dir.filePath(QStringLiteral("n.jsonl"));
        QVERIFY(test::writeFile(jsonl,
                                "{\"ts\":1788220800,\"user\":\"acct\\u0000two\"}\n"
                                "{\"ts\":1788220800,\"user\":\"third\"}\n"));
        const auto r = test::runCli({QStringLiteral("import"), casePath, csv, jsonl});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("NUL byte"), r.out.constData());

        QString e;
        {
            auto file = CaseFile::open(casePath, CaseFile::Access::ReadOnly, &e);
            QVERIFY(file);
            sql::Statement q(file->db(),
                             "SELECT line, reason FROM quarantine ORDER BY source_id, line");
            QVERIFY(q.step());
            QCOMPARE(q.int64(0), int64_t(2));
            QVERIFY2(q.text(1).contains(QLatin1String("account_id")), qPrintable(q.text(1)));
            QVERIFY(q.step());
            QCOMPARE(q.int64(0), int64_t(4));
            QVERIFY2(q.text(1).contains(QLatin1String("model")), qPrintable(q.text(1)));
            QVERIFY(q.step());
            QCOMPARE(q.int64(0), int64_t(1));
            QVERIFY(!q.step());
        }
        QCOMPARE(test::runCli({QStringLiteral("analyze"), casePath}).exitCode, 0);
        // Every account is listed whole: nothing reads "acct" twice or "acctacct".
        const auto a = test::runCli({QStringLiteral("accounts"), casePath,
                                     QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(a.exitCode, 0);
        QStringList ids;
        const QJsonDocument doc = QJsonDocument::fromJson(a.out);
        const QJsonArray arr =
            doc.isArray() ? doc.array() : doc.object().value(QStringLiteral("accounts")).toArray();
        for (const auto& v : arr)
            ids << v.toObject().value(QStringLiteral("account_id")).toString();
        ids.sort();
        QCOMPARE(ids, (QStringList{QStringLiteral("acct"), QStringLiteral("third")}));
        const auto c = test::runCli({QStringLiteral("accounts"), casePath,
                                     QStringLiteral("--format"), QStringLiteral("csv")});
        QCOMPARE(c.exitCode, 0);
        QVERIFY(!c.out.contains('\0'));
        QCOMPARE(c.out.count('\n'), 3);  // header and two accounts
    }

    void topLevelHelpListsEveryFormat() {
        const auto r = test::runCli({QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        for (const char* name : {"auto", "csv", "jsonl", "combined", "helicone", "langfuse", "otlp", "bedrock",
                                 "azure-apim", "cloudflare", "litellm", "newapi"})
            QVERIFY2(r.out.contains(QByteArray("|") + name) || r.out.contains(QByteArray("--format ") + name),
                     name);
    }
};

QTEST_GUILESS_MAIN(TestImportRefusals)
#include "tst_importrefusals.moc"
