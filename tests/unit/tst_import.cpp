// SPDX-License-Identifier: GPL-3.0-or-later
// Importing into a case: what lands where, what goes to quarantine and why, and that an import
// is all or nothing even when its process is killed.
#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QtTest>

#include <csignal>

#include "ingest/importer.h"
#include "store/casefile.h"
#include "store/casesummary.h"
#include "store/sqlite.h"
#include "testutil.h"

using namespace quarry;

namespace {

struct Quarantined {
    int64_t line;
    QString kind;
    QString reason;
};

QVector<Quarantined> quarantine(CaseFile& f) {
    QVector<Quarantined> out;
    sql::Statement s(f.db(), "SELECT line, kind, reason FROM quarantine ORDER BY line");
    while (s.step()) out.push_back({s.int64(0), s.text(1), s.text(2)});
    return out;
}

QJsonObject statsJson(const QString& casePath) {
    const auto r = test::runCli({QStringLiteral("stats"), casePath, QStringLiteral("--json")});
    if (r.exitCode != 0) return {};
    return QJsonDocument::fromJson(r.out).object();
}

// A large, valid CSV written quickly: n rows over 50 accounts.
void writeLargeCsv(const QString& path, int n) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("timestamp,account_id,ip,prompt_tokens,prompt\n");
    QByteArray chunk;
    const QByteArray filler(120, 'p');
    for (int i = 0; i < n; ++i) {
        chunk += QByteArray::number(1788220800000LL + i) + ",bulk" + QByteArray::number(i % 50) +
                 ",172.16.0." + QByteArray::number(i % 250) + "," + QByteArray::number(i % 900) +
                 ",\"bulk prompt " + QByteArray::number(i) + ", " + filler + "\"\n";
        if (chunk.size() > (1 << 20)) {
            f.write(chunk);
            chunk.clear();
        }
    }
    f.write(chunk);
}

}  // namespace

class TestImport final : public QObject {
    Q_OBJECT
private slots:
    void importsCanonicalAndAliasedColumns() {
        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("litellm.csv"));
        QVERIFY(test::writeFile(
            csv,
            "request_id,startTime,user,requester_ip_address,model,input_tokens,spend,messages\n"
            "r1,2026-09-01T10:00:00.250Z,alice,10.0.0.1,gpt-x,12,0.01,\"hello, \"\"there\"\"\"\n"
            "r2,2026-09-01T11:00:00+01:00,alice,,gpt-x,,0.02,second\n"
            "r3,1788260400,bob,10.0.0.1,gpt-y,7,0.03,\n"));
        QString error;
        auto file = CaseFile::open(dir.filePath(QStringLiteral("c.quarry")),
                                   CaseFile::Access::CreateIfMissing, &error);
        QVERIFY(file);
        ImportResult result;
        QVERIFY2(Importer(*file).run(csv, ImportOptions(), result, &error), qPrintable(error));
        QCOMPARE(result.rowsRead, int64_t(3));
        QCOMPARE(result.rowsImported, int64_t(3));
        QCOMPARE(result.rowsQuarantined, int64_t(0));
        QCOMPARE(result.ignoredColumns, QStringList{QStringLiteral("spend")});

        // Two accounts, one shared IP, two models: strings stored once.
        QCOMPARE(sql::queryInt(file->db(), "SELECT count(*) FROM accounts"), int64_t(2));
        QCOMPARE(sql::queryInt(file->db(), "SELECT count(*) FROM ips"), int64_t(1));
        QCOMPARE(sql::queryInt(file->db(), "SELECT count(*) FROM models"), int64_t(2));
        sql::Statement s(file->db(),
                         "SELECT r.ts, a.value, r.ip_id, r.prompt_tokens, t.request_uid, t.prompt "
                         "FROM requests r JOIN accounts a ON a.id = r.account_id "
                         "LEFT JOIN request_text t ON t.id = r.id ORDER BY r.id");
        QVERIFY(s.step());
        QCOMPARE(s.int64(0), int64_t(1788256800250));
        QCOMPARE(s.text(1), QStringLiteral("alice"));
        QCOMPARE(s.text(4), QStringLiteral("r1"));
        QCOMPARE(s.text(5), QStringLiteral("hello, \"there\""));
        QVERIFY(s.step());
        QCOMPARE(s.int64(0), int64_t(1788256800000));  // 11:00+01:00 is 10:00Z
        QVERIFY(s.isNull(2));                          // an absent IP is NULL, not 0
        QVERIFY(s.isNull(3));
        QVERIFY(s.step());
        QCOMPARE(s.int64(0), int64_t(1788260400000));  // epoch seconds
        QCOMPARE(s.text(1), QStringLiteral("bob"));
        QVERIFY(s.isNull(5));

        // The source is recorded with its digest and counts.
        QFile raw(csv);
        QVERIFY(raw.open(QIODevice::ReadOnly));
        const QByteArray sha =
            QCryptographicHash::hash(raw.readAll(), QCryptographicHash::Sha256).toHex();
        sql::Statement src(file->db(),
                           "SELECT sha256, size, rows_read, rows_imported, rows_quarantined, path "
                           "FROM sources");
        QVERIFY(src.step());
        QCOMPARE(src.text(0).toLatin1(), sha);
        QCOMPARE(src.int64(1), raw.size());
        QCOMPARE(src.int64(2), int64_t(3));
        QCOMPARE(src.int64(3), int64_t(3));
        QCOMPARE(src.int64(4), int64_t(0));
        QCOMPARE(src.text(5), QFileInfo(csv).absoluteFilePath());
    }

    void quarantinesEachBadRowWithLineAndReason() {
        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("bad.csv"));
        QByteArray data =
            "timestamp,account_id,prompt_tokens,account_created_at,prompt\n"  // 1
            "2026-09-01T00:00:00Z,ok1,1,,fine\n"                                  // 2
            "yesterday,a,1,,x\n"                                                  // 3 bad timestamp
            "2026-09-01T00:00:00Z,,1,,x\n"                                        // 4 no account
            "2026-09-01T00:00:00Z,a,1\n"                                          // 5 column count
            "2026-09-01T00:00:00Z,\xC3\x28,1,,x\n"                                // 6 invalid UTF-8
            "2026-09-01T00:00:00Z,a,twelve,,x\n"                                  // 7 not a number
            "2026-09-01T00:00:00Z,a,1,,\"" + QByteArray(300, 'y') + "\"\n"        // 8 over the cap
            "2026-09-01T00:00:00Z,a,1,soon,x\n"                                   // 9 bad created
            "2026-09-01T00:00:00Z,a,1,,\"multi\nline\"\n"                         // 10-11 fine
            "2026-09-01T00:00:00Z,a,1,,\"open\"x\n"                               // 12 malformed
            "2026-09-01T00:00:00Z,ok2,2,2026-01-01,last\n";                       // 13
        QVERIFY(test::writeFile(csv, data));
        QString error;
        auto file = CaseFile::open(dir.filePath(QStringLiteral("c.quarry")),
                                   CaseFile::Access::CreateIfMissing, &error);
        ImportOptions options;
        options.limits.maxFieldBytes = 256;
        ImportResult result;
        QVERIFY2(Importer(*file).run(csv, options, result, &error), qPrintable(error));
        QCOMPARE(result.rowsRead, int64_t(11));
        QCOMPARE(result.rowsImported, int64_t(3));
        QCOMPARE(result.rowsQuarantined, int64_t(8));
        const auto q = quarantine(*file);
        const QVector<QPair<int64_t, QString>> expected = {
            {3, QStringLiteral("bad timestamp")},       {4, QStringLiteral("no account")},
            {5, QStringLiteral("wrong column count")},  {6, QStringLiteral("invalid UTF-8")},
            {7, QStringLiteral("non-numeric number field")},
            {8, QStringLiteral("field over size cap")}, {9, QStringLiteral("bad account_created_at")},
            {12, QStringLiteral("malformed CSV")},
        };
        QCOMPARE(q.size(), expected.size());
        for (int i = 0; i < q.size(); ++i) {
            QCOMPARE(q[i].line, expected[i].first);
            QCOMPARE(q[i].kind, expected[i].second);
            QVERIFY(!q[i].reason.isEmpty());
        }
        QVERIFY(q[0].reason.contains(QStringLiteral("yesterday")));
        QVERIFY(q[4].reason.contains(QStringLiteral("twelve")));
        QVERIFY(q[5].reason.contains(QStringLiteral("256")));
        // The raw text is kept for the analyst.
        QCOMPARE(sql::queryInt(file->db(),
                               "SELECT count(*) FROM quarantine WHERE raw LIKE 'yesterday,a,1,,x%'"),
                 int64_t(1));
    }

    void quarantinesMalformedJsonLines() {
        QTemporaryDir dir;
        const QString jsonl = dir.filePath(QStringLiteral("log.jsonl"));
        QVERIFY(test::writeFile(jsonl,
                                "{\"timestamp\":1788220800,\"user_id\":\"u1\",\"prompt\":\"a\"}\n"
                                "{\"timestamp\":1788220801,\"user_id\":\"u1\",\"prompt\":\n"
                                "\n"
                                "[\"not\",\"an\",\"object\"]\n"
                                "{\"timestamp\":\"nope\",\"user_id\":\"u2\"}\n"
                                "{\"timestamp\":1788220802,\"user_id\":\"u2\",\"prompt_tokens\":\"x\"}\n"
                                "{\"timestamp\":1788220803,\"user\":{\"id\":\"u3\"}}\n"));
        QString error;
        auto file = CaseFile::open(dir.filePath(QStringLiteral("c.quarry")),
                                   CaseFile::Access::CreateIfMissing, &error);
        ImportResult result;
        QVERIFY2(Importer(*file).run(jsonl, ImportOptions(), result, &error), qPrintable(error));
        QCOMPARE(result.format, QStringLiteral("jsonl"));
        QCOMPARE(result.rowsImported, int64_t(2));
        const auto q = quarantine(*file);
        QCOMPARE(q.size(), 4);
        QCOMPARE(q[0].line, int64_t(2));
        QCOMPARE(q[0].kind, QStringLiteral("malformed JSON"));
        QCOMPARE(q[1].line, int64_t(4));
        QCOMPARE(q[1].kind, QStringLiteral("malformed JSON"));
        QCOMPARE(q[2].line, int64_t(5));
        QCOMPARE(q[2].kind, QStringLiteral("bad timestamp"));
        QCOMPARE(q[3].line, int64_t(6));
        QCOMPARE(q[3].kind, QStringLiteral("non-numeric number field"));
        QCOMPARE(sql::queryInt(file->db(), "SELECT count(*) FROM accounts WHERE value = 'u3'"),
                 int64_t(1));
    }

    void refusesDuplicateUnlessForced() {
        QTemporaryDir dir;
        const QString casePath = dir.filePath(QStringLiteral("c.quarry"));
        const QString a = dir.filePath(QStringLiteral("a.csv"));
        const QString copy = dir.filePath(QStringLiteral("copy-of-a.csv"));
        const QByteArray content = "timestamp,account_id\n1788220800,a\n1788220801,b\n";
        QVERIFY(test::writeFile(a, content));
        QVERIFY(test::writeFile(copy, content));
        QCOMPARE(test::runCli({QStringLiteral("import"), casePath, a}).exitCode, 0);
        // Same bytes under another name are the same source.
        auto r = test::runCli({QStringLiteral("import"), casePath, copy});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("already imported") && r.err.contains("--force"), r.err.constData());
        QCOMPARE(statsJson(casePath).value(QStringLiteral("requests")).toInt(), 2);
        // Same size, different bytes: not a duplicate.
        const QString other = dir.filePath(QStringLiteral("other.csv"));
        QVERIFY(test::writeFile(other, "timestamp,account_id\n1788220800,c\n1788220801,d\n"));
        QCOMPARE(test::runCli({QStringLiteral("import"), casePath, other}).exitCode, 0);
        r = test::runCli({QStringLiteral("import"), casePath, copy, QStringLiteral("--force")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject stats = statsJson(casePath);
        QCOMPARE(stats.value(QStringLiteral("requests")).toInt(), 6);
        QCOMPARE(stats.value(QStringLiteral("sources")).toInt(), 3);
        QCOMPARE(stats.value(QStringLiteral("accounts")).toInt(), 4);
    }

    void explicitMappingOverridesAliases() {
        QTemporaryDir dir;
        const QString casePath = dir.filePath(QStringLiteral("c.quarry"));
        const QString csv = dir.filePath(QStringLiteral("custom.csv"));
        QVERIFY(test::writeFile(csv, "when,who,user,status\n"
                                     "2026-09-01T00:00:00Z,acct-1,display name,success\n"));
        // Without a mapping the file has no timestamp column: refused before touching the case.
        auto r = test::runCli({QStringLiteral("import"), casePath, csv});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("no column maps to timestamp"), r.err.constData());
        r = test::runCli({QStringLiteral("import"), casePath, csv, QStringLiteral("--map"),
                          QStringLiteral("when=timestamp"), QStringLiteral("--map"),
                          QStringLiteral("who=account_id")});
        QCOMPARE(r.exitCode, 0);
        QString error;
        auto file = CaseFile::open(casePath, CaseFile::Access::ReadOnly, &error);
        QCOMPARE(sql::queryInt(file->db(), "SELECT count(*) FROM accounts WHERE value = 'acct-1'"),
                 int64_t(1));
        r = test::runCli({QStringLiteral("import"), casePath, csv, QStringLiteral("--map"),
                          QStringLiteral("when=not_a_field")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("not a canonical field"));
    }

    void secondImportSharesDictionaries() {
        QTemporaryDir dir;
        const QString casePath = dir.filePath(QStringLiteral("c.quarry"));
        QVERIFY(test::writeFile(dir.filePath(QStringLiteral("1.csv")),
                                "timestamp,account_id,ip\n1788220800,a,1.1.1.1\n1788220801,b,2.2.2.2\n"));
        QVERIFY(test::writeFile(dir.filePath(QStringLiteral("2.jsonl")),
                                "{\"timestamp\":1788220900,\"account_id\":\"b\",\"ip\":\"1.1.1.1\"}\n"
                                "{\"timestamp\":1788220901,\"account_id\":\"c\",\"ip\":\"3.3.3.3\"}\n"));
        QCOMPARE(test::runCli({QStringLiteral("import"), casePath,
                               dir.filePath(QStringLiteral("1.csv")),
                               dir.filePath(QStringLiteral("2.jsonl"))})
                     .exitCode,
                 0);
        QString error;
        auto file = CaseFile::open(casePath, CaseFile::Access::ReadOnly, &error);
        QCOMPARE(sql::queryInt(file->db(), "SELECT count(*) FROM accounts"), int64_t(3));
        QCOMPARE(sql::queryInt(file->db(), "SELECT count(*) FROM ips"), int64_t(3));
        QCOMPARE(sql::queryInt(file->db(),
                               "SELECT count(DISTINCT source_id) FROM requests r JOIN accounts a "
                               "ON a.id = r.account_id WHERE a.value = 'b'"),
                 int64_t(2));
        const QJsonObject stats = statsJson(casePath);
        auto iso = [](qint64 secs) {
            return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).toString(Qt::ISODateWithMs);
        };
        QCOMPARE(stats.value(QStringLiteral("first_ts")).toString(), iso(1788220800));
        QCOMPARE(stats.value(QStringLiteral("last_ts")).toString(), iso(1788220901));
        QCOMPARE(stats.value(QStringLiteral("last_ts_ms")).toDouble(), 1788220901000.0);
    }

    void cancelLeavesCaseUnchanged() {
        QTemporaryDir dir;
        const QString casePath = dir.filePath(QStringLiteral("c.quarry"));
        const QString big = dir.filePath(QStringLiteral("big.csv"));
        writeLargeCsv(big, 100000);
        QString error;
        auto file = CaseFile::open(casePath, CaseFile::Access::CreateIfMissing, &error);
        std::atomic<bool> cancel{false};
        ImportOptions options;
        options.cancel = &cancel;
        int calls = 0;
        options.progress = [&](int64_t, int64_t, int64_t, int64_t) {
            if (++calls == 2) cancel = true;
        };
        ImportResult result;
        QVERIFY(!Importer(*file).run(big, options, result, &error));
        QVERIFY2(error.contains(QStringLiteral("cancelled")), qPrintable(error));
        QCOMPARE(sql::queryInt(file->db(), "SELECT count(*) FROM requests"), int64_t(0));
        QCOMPARE(sql::queryInt(file->db(), "SELECT count(*) FROM accounts"), int64_t(0));
        QCOMPARE(sql::queryInt(file->db(), "SELECT count(*) FROM sources"), int64_t(0));
        QVERIFY(!file->inTransaction());
    }

    // The import runs in a child process that is stopped mid-transaction, shown to lock out a
    // second writer, then killed: the case must open with exactly its previous contents, and
    // the same file must then import normally (it was never recorded as imported).
    void killedImportLeavesCaseAsItWas() {
        QTemporaryDir dir;
        const QString casePath = dir.filePath(QStringLiteral("c.quarry"));
        const QString small = dir.filePath(QStringLiteral("small.csv"));
        QVERIFY(test::writeFile(small, "timestamp,account_id,prompt\n1788220800,first,hello\n"
                                       "1788220801,second,world\n"));
        QCOMPARE(test::runCli({QStringLiteral("import"), casePath, small}).exitCode, 0);
        const QJsonObject before = statsJson(casePath);
        QCOMPARE(before.value(QStringLiteral("requests")).toInt(), 2);

        const QString big = dir.filePath(QStringLiteral("big.csv"));
        writeLargeCsv(big, 1500000);
        QProcess child;
        child.start(test::cliPath(), {QStringLiteral("import"), casePath, big});
        QVERIFY(child.waitForStarted());
        // Progress lines on stderr mean rows are being written inside the transaction.
        QByteArray progress;
        QTRY_VERIFY_WITH_TIMEOUT(
            (progress += child.readAllStandardError(), progress.contains("rows imported")), 60000);
        QCOMPARE(child.state(), QProcess::Running);
        ::kill(static_cast<pid_t>(child.processId()), SIGSTOP);

        const QString third = dir.filePath(QStringLiteral("third.csv"));
        QVERIFY(test::writeFile(third, "timestamp,account_id\n1788220900,third\n"));
        auto r = test::runCli({QStringLiteral("import"), casePath, third});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("locked by another process"), r.err.constData());

        ::kill(static_cast<pid_t>(child.processId()), SIGKILL);
        QVERIFY(child.waitForFinished());
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        QString error;
        {
            auto file = CaseFile::open(casePath, CaseFile::Access::ReadOnly, &error);
            QVERIFY2(file, qPrintable(error));
            sql::Statement check(file->db(), "PRAGMA integrity_check");
            QVERIFY(check.step());
            QCOMPARE(check.text(0), QStringLiteral("ok"));
            QCOMPARE(sql::queryInt(file->db(), "SELECT count(*) FROM requests"), int64_t(2));
            QCOMPARE(sql::queryInt(file->db(), "SELECT count(*) FROM request_text"), int64_t(2));
            QCOMPARE(sql::queryInt(file->db(), "SELECT count(*) FROM accounts"), int64_t(2));
        }
        const QJsonObject after = statsJson(casePath);
        for (const char* key : {"requests", "accounts", "sources", "quarantined", "first_ts",
                                "last_ts", "case_id"})
            QCOMPARE(after.value(QLatin1String(key)), before.value(QLatin1String(key)));

        r = test::runCli({QStringLiteral("import"), casePath, big});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(statsJson(casePath).value(QStringLiteral("requests")).toInt(), 1500002);
    }
};

QTEST_GUILESS_MAIN(TestImport)
#include "tst_import.moc"
