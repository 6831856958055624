// SPDX-License-Identifier: GPL-3.0-or-later
// Opening cases: what is not a case, or not one this build can safely use, is refused with a
// clear reason and left byte for byte as it was.
#include <QCryptographicHash>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

#include "ingest/importer.h"
#include "store/casefile.h"
#include "store/schema.h"
#include "testutil.h"

using namespace quarry;

namespace {

QByteArray fileHash(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return h.result();
}

void rawExec(const QString& path, const char* sqlText) {
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open(QFile::encodeName(path).constData(), &db), SQLITE_OK);
    char* err = nullptr;
    const int rc = sqlite3_exec(db, sqlText, nullptr, nullptr, &err);
    sqlite3_free(err);
    sqlite3_close(db);
    QCOMPARE(rc, SQLITE_OK);
}

// A case with a few hundred requests, so it spans many pages.
void makeCase(const QString& casePath, const QString& dir, int rows = 400) {
    QByteArray csv = "timestamp,account_id,ip,prompt\n";
    for (int i = 0; i < rows; ++i)
        csv += QByteArray::number(1788220800 + i) + ",acct" + QByteArray::number(i % 17) +
               ",10.0.0." + QByteArray::number(i % 200) + ",\"prompt number " +
               QByteArray::number(i) + QByteArray(200, 'x') + "\"\n";
    const QString src = dir + QStringLiteral("/seed.csv");
    QVERIFY(test::writeFile(src, csv));
    QString error;
    auto file = CaseFile::open(casePath, CaseFile::Access::CreateIfMissing, &error);
    QVERIFY2(file, qPrintable(error));
    ImportResult result;
    QVERIFY2(Importer(*file).run(src, ImportOptions(), result, &error), qPrintable(error));
    QCOMPARE(result.rowsImported, int64_t(rows));
}

bool isLockedByOthers(const QString& path) {
    sqlite3* db = nullptr;
    sqlite3_open(QFile::encodeName(path).constData(), &db);
    const int rc = sqlite3_exec(db, "BEGIN IMMEDIATE; ROLLBACK;", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return rc == SQLITE_BUSY;
}

}  // namespace

class TestCaseFile final : public QObject {
    Q_OBJECT
private slots:
    void createsAndReopens() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("new.quarry"));
        QString error, id;
        {
            auto file = CaseFile::open(path, CaseFile::Access::CreateIfMissing, &error);
            QVERIFY2(file, qPrintable(error));
            id = file->caseId();
            QVERIFY(!QUuid::fromString(id).isNull());
        }
        auto again = CaseFile::open(path, CaseFile::Access::ReadOnly, &error);
        QVERIFY2(again, qPrintable(error));
        QCOMPARE(again->caseId(), id);
    }

    void missingFileIsNotCreatedForReading() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("absent.quarry"));
        QString error;
        QVERIFY(!CaseFile::open(path, CaseFile::Access::ReadOnly, &error));
        QVERIFY2(error.contains(QStringLiteral("no such case file")), qPrintable(error));
        QVERIFY(!QFile::exists(path));
        const auto r = test::runCli({QStringLiteral("stats"), path});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(!QFile::exists(path));
    }

    void refusesFilesThatAreNotCases_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
        QTest::newRow("text") << QByteArray("timestamp,account_id\n1,a\n")
                              << QStringLiteral("not a Quarry case");
        QTest::newRow("short sqlite magic") << QByteArray("SQLite format 3\0abc", 19)
                                            << QStringLiteral("truncated");
    }
    void refusesFilesThatAreNotCases() {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("x.quarry"));
        QVERIFY(test::writeFile(path, content));
        for (auto access : {CaseFile::Access::ReadOnly, CaseFile::Access::CreateIfMissing}) {
            QString error;
            QVERIFY(!CaseFile::open(path, access, &error));
            QVERIFY2(error.contains(expected) && error.contains(path), qPrintable(error));
        }
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), content);
    }

    void refusesForeignSqliteDatabase() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("other.db"));
        rawExec(path, "CREATE TABLE t(x); INSERT INTO t VALUES(1);");
        const QByteArray before = fileHash(path);
        QString error;
        QVERIFY(!CaseFile::open(path, CaseFile::Access::ReadWrite, &error));
        QVERIFY2(error.contains(QStringLiteral("another application")), qPrintable(error));
        // The CLI refuses to import into it too, with the same reason and a non-zero exit.
        const QString csv = dir.filePath(QStringLiteral("a.csv"));
        QVERIFY(test::writeFile(csv, "timestamp,account_id\n1788220800,a\n"));
        const auto r = test::runCli({QStringLiteral("import"), path, csv});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("another application"), r.err.constData());
        QCOMPARE(fileHash(path), before);
    }

    void refusesNewerSchema() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("future.quarry"));
        makeCase(path, dir.path(), 10);
        rawExec(path, "PRAGMA user_version = 99;");
        const QByteArray before = fileHash(path);
        QString error;
        QVERIFY(!CaseFile::open(path, CaseFile::Access::ReadWrite, &error));
        QVERIFY2(error.contains(QStringLiteral("newer Quarry")) && error.contains(QStringLiteral("99")),
                 qPrintable(error));
        QCOMPARE(fileHash(path), before);
    }

    void refusesTruncatedCase() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cut.quarry"));
        makeCase(path, dir.path());
        QFile f(path);
        QVERIFY(f.resize(f.size() / 2));
        const QByteArray before = fileHash(path);
        QString error;
        QVERIFY(!CaseFile::open(path, CaseFile::Access::ReadWrite, &error));
        QVERIFY2(error.contains(QStringLiteral("truncated")), qPrintable(error));
        QCOMPARE(fileHash(path), before);
        const auto r = test::runCli({QStringLiteral("stats"), path});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("truncated"));
    }

    void refusesCorruptedCase() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.quarry"));
        makeCase(path, dir.path());
        // Scribble over the schema page after the 100-byte file header.
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.seek(100));
        f.write(QByteArray(2000, '\xA5'));
        f.close();
        const QByteArray before = fileHash(path);
        QString error;
        QVERIFY(!CaseFile::open(path, CaseFile::Access::ReadWrite, &error));
        QVERIFY2(error.contains(QStringLiteral("corrupted")), qPrintable(error));
        QCOMPARE(fileHash(path), before);
    }

    void refusesWriterWhileAnotherWrites() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("busy.quarry"));
        makeCase(path, dir.path(), 10);
        QString error;
        auto first = CaseFile::open(path, CaseFile::Access::ReadWrite, &error);
        QVERIFY(first);
        QVERIFY(first->beginWrite(&error));
        auto second = CaseFile::open(path, CaseFile::Access::ReadWrite, &error);
        QVERIFY(second);  // readers may still look while the writer has not committed
        QVERIFY(!second->beginWrite(&error));
        QVERIFY2(error.contains(QStringLiteral("locked by another process")), qPrintable(error));
        first->rollback();
        QVERIFY(second->beginWrite(&error));
        second->rollback();
    }

    void refusesWhileAnotherProcessHoldsTheCase() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("held.quarry"));
        makeCase(path, dir.path(), 10);
        const QByteArray before = fileHash(path);
        // A real second process holding an exclusive lock: the sqlite3 shell inside a transaction.
        QProcess holder;
        holder.start(QStringLiteral("sqlite3"), {path});
        QVERIFY(holder.waitForStarted());
        holder.write("BEGIN EXCLUSIVE;\nUPDATE case_meta SET value = value WHERE key = 'x';\n");
        const QString csv = dir.filePath(QStringLiteral("more.csv"));
        QVERIFY(test::writeFile(csv, "timestamp,account_id\n1788220800,zed\n"));
        // Wait until the shell really holds the lock.
        QTRY_VERIFY_WITH_TIMEOUT(isLockedByOthers(path), 10000);
        test::CliResult r = test::runCli({QStringLiteral("import"), path, csv});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("locked by another process"), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);  // one line
        r = test::runCli({QStringLiteral("stats"), path});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("locked by another process"), r.err.constData());
        holder.write("ROLLBACK;\n.quit\n");
        holder.closeWriteChannel();
        QVERIFY(holder.waitForFinished());
        QCOMPARE(fileHash(path), before);
        r = test::runCli({QStringLiteral("import"), path, csv});
        QCOMPARE(r.exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestCaseFile)
#include "tst_casefile.moc"
