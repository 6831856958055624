// SPDX-License-Identifier: GPL-3.0-or-later
// Schema v1 -> v2 and the hash-chained audit trail: a v1 case upgrades keeping its data, import
// and analyze leave entries, and any edit, deletion or reordering of an entry is detected.
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

#include "store/auditlog.h"
#include "store/casefile.h"
#include "store/schema.h"
#include "store/sqlite.h"
#include "testutil.h"

using namespace quarry;

namespace {

void rawExec(const QString& path, const char* sqlText) {
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open(QFile::encodeName(path).constData(), &db), SQLITE_OK);
    char* err = nullptr;
    const int rc = sqlite3_exec(db, sqlText, nullptr, nullptr, &err);
    const QString message = err ? QString::fromUtf8(err) : QString();
    sqlite3_free(err);
    sqlite3_close(db);
    QVERIFY2(rc == SQLITE_OK, qPrintable(message));
}

// A case of schema version 1, built with the v1 DDL as released, holding a few rows.
void makeV1Case(const QString& path) {
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open(QFile::encodeName(path).constData(), &db), SQLITE_OK);
    QString error;
    const bool ok = sql::exec(db, "BEGIN;", &error) && schema::createVersion1(db, &error) &&
                    sql::exec(db,
                              "INSERT INTO case_meta VALUES('case_id', 'v1-case');"
                              "INSERT INTO accounts(id, value) VALUES(1, 'alice'), (2, 'bob');"
                              "INSERT INTO sources(id, path, sha256, size, format, rows_read, rows_imported,"
                              " rows_quarantined, imported_at) VALUES(1, 'x.csv', 'abc', 10, 'csv', 2, 2, 0, 1);"
                              "INSERT INTO requests(id, source_id, source_line, ts, account_id) VALUES"
                              " (1, 1, 2, 1000, 1), (2, 1, 3, 2000, 2);"
                              "INSERT INTO request_text(id, prompt) VALUES(1, 'hello'), (2, 'world');"
                              "COMMIT;",
                              &error);
    sqlite3_close(db);
    QVERIFY2(ok, qPrintable(error));
}

std::unique_ptr<CaseFile> newCase(const QString& path) {
    QString error;
    auto file = CaseFile::open(path, CaseFile::Access::CreateIfMissing, &error);
    if (!file) qWarning("%s", qPrintable(error));
    return file;
}

bool appendCommitted(CaseFile& file, const QString& action, int n) {
    QString e;
    if (!file.beginWrite(&e)) return false;
    QJsonObject d;
    d.insert(QStringLiteral("n"), n);
    d.insert(QStringLiteral("text"), QStringLiteral("<b>\"quoted\"</b> é"));
    if (!evidence::appendAudit(file.db(), action, d, &e)) return false;
    return file.commit(&e);
}

}  // namespace

class TestAudit final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { qputenv("QUARRY_ANALYST", "test-analyst"); }

    void v1CaseMigratesOnWriteOpen() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v1.quarry"));
        makeV1Case(path);
        QString error;
        QVERIFY(!CaseFile::open(path, CaseFile::Access::ReadOnly, &error));
        QVERIFY2(error.contains(QLatin1String("open it for writing")), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("version 1")), qPrintable(error));

        auto file = CaseFile::open(path, CaseFile::Access::ReadWrite, &error);
        QVERIFY2(file, qPrintable(error));
        sqlite3* db = file->db();
        QCOMPARE(sql::queryInt(db, "PRAGMA user_version"), int64_t(schema::kCurrentVersion));
        QCOMPARE(sql::queryInt(db, "SELECT count(*) FROM requests"), int64_t(2));
        QCOMPARE(sql::queryInt(db, "SELECT count(*) FROM request_text WHERE prompt IN ('hello','world')"), int64_t(2));
        QCOMPARE(sql::queryInt(db, "SELECT count(*) FROM accounts"), int64_t(2));
        QCOMPARE(file->caseId(), QStringLiteral("v1-case"));
        QCOMPARE(sql::queryInt(db, "SELECT count(*) FROM tags"), int64_t(5));
        QCOMPARE(sql::queryInt(db, "SELECT count(*) FROM audit_log"), int64_t(0));
        QCOMPARE(sql::queryInt(db, "SELECT count(*) FROM tags WHERE name = 'confirmed-distillation'"), int64_t(1));
        file.reset();
        // Upgraded once, it now opens read-only.
        QVERIFY2(CaseFile::open(path, CaseFile::Access::ReadOnly, &error), qPrintable(error));
    }

    void newCaseIsCurrentVersion() {
        QTemporaryDir dir;
        auto file = newCase(dir.filePath(QStringLiteral("n.quarry")));
        QVERIFY(file);
        QCOMPARE(sql::queryInt(file->db(), "PRAGMA user_version"),
                 int64_t(schema::kCurrentVersion));
        QCOMPARE(sql::queryInt(file->db(), "SELECT count(*) FROM tags"), int64_t(5));
    }

    void chainVerifiesAndRecordsAnalyst() {
        QTemporaryDir dir;
        auto file = newCase(dir.filePath(QStringLiteral("a.quarry")));
        QVERIFY(file);
        for (int i = 0; i < 5; ++i) QVERIFY(appendCommitted(*file, QStringLiteral("test"), i));
        const auto entries = evidence::auditEntries(file->db());
        QCOMPARE(entries.size(), size_t(5));
        QCOMPARE(entries[0].prevHash, evidence::kGenesisHash);
        QCOMPARE(entries[1].prevHash, entries[0].hash);
        QCOMPARE(entries[2].analyst, QStringLiteral("test-analyst"));
        const auto v = evidence::verifyAudit(file->db());
        QVERIFY2(v.ok, qPrintable(v.reason));
        QCOMPARE(v.entries, int64_t(5));
        // JSON round trip (what audit.jsonl carries) keeps the hash.
        for (const auto& e : entries) {
            evidence::AuditEntry back;
            QVERIFY(evidence::AuditEntry::fromJson(e.toJson(), back, nullptr));
            QCOMPARE(back.computeHash(), e.hash);
        }
        // The triggers refuse a plain edit.
        QString error;
        QVERIFY(!sql::exec(file->db(), "UPDATE audit_log SET analyst = 'x' WHERE seq = 2", &error));
        QVERIFY(!sql::exec(file->db(), "DELETE FROM audit_log WHERE seq = 2", &error));
    }

    void tamperingIsDetected_data() {
        QTest::addColumn<QByteArray>("tamper");
        QTest::addColumn<int>("brokenSeq");
        QTest::newRow("edit details") << QByteArray("UPDATE audit_log SET details = '{\"n\":7}' WHERE seq = 3") << 3;
        QTest::newRow("edit analyst") << QByteArray("UPDATE audit_log SET analyst = 'mallory' WHERE seq = 2") << 2;
        QTest::newRow("edit time") << QByteArray("UPDATE audit_log SET ts = ts + 1 WHERE seq = 4") << 4;
        QTest::newRow("delete") << QByteArray("DELETE FROM audit_log WHERE seq = 2") << 3;
        QTest::newRow("reorder") << QByteArray(
            "UPDATE audit_log SET seq = 100 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 3;"
            "UPDATE audit_log SET seq = 3 WHERE seq = 100;") << 2;
        QTest::newRow("rehash one entry") << QByteArray(
            "UPDATE audit_log SET action = 'other', hash = '" + QByteArray(64, 'a') + "' WHERE seq = 2") << 2;
    }
    void tamperingIsDetected() {
        QFETCH(QByteArray, tamper);
        QFETCH(int, brokenSeq);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("t.quarry"));
        {
            auto file = newCase(path);
            QVERIFY(file);
            for (int i = 0; i < 5; ++i) QVERIFY(appendCommitted(*file, QStringLiteral("test"), i));
        }
        auto ok = test::runCli({QStringLiteral("audit"), path, QStringLiteral("--verify")});
        QVERIFY2(ok.exitCode == 0, ok.err.constData());
        // Raw SQLite, past the append-only triggers: what someone editing the file would do.
        const QByteArray script = "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;" + tamper;
        rawExec(path, script.constData());
        auto file = CaseFile::open(path, CaseFile::Access::ReadOnly, nullptr);
        QVERIFY(file);
        const auto v = evidence::verifyAudit(file->db());
        QVERIFY(!v.ok);
        QCOMPARE(v.brokenSeq, int64_t(brokenSeq));
        auto r = test::runCli({QStringLiteral("audit"), path, QStringLiteral("--verify")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("audit chain broken at entry " + QByteArray::number(brokenSeq)), r.err.constData());
    }

    void importAndAnalyzeAreAudited() {
        QTemporaryDir dir;
        const QString gen = dir.filePath(QStringLiteral("gen"));
        const QString cas = dir.filePath(QStringLiteral("c.quarry"));
        auto r = test::runCli({QStringLiteral("generate"), QStringLiteral("--out"), gen, QStringLiteral("--seed"),
                               QStringLiteral("5"), QStringLiteral("--accounts"), QStringLiteral("60"),
                               QStringLiteral("--campaigns"), QStringLiteral("1"), QStringLiteral("--campaign-accounts"),
                               QStringLiteral("8"), QStringLiteral("--days"), QStringLiteral("2")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = test::runCli({QStringLiteral("import"), cas, gen + QStringLiteral("/requests.csv")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = test::runCli({QStringLiteral("analyze"), cas});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = test::runCli({QStringLiteral("audit"), cas, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        const QJsonObject imp = QJsonDocument::fromJson(lines[0]).object();
        const QJsonObject ana = QJsonDocument::fromJson(lines[1]).object();
        QCOMPARE(imp.value(QStringLiteral("action")).toString(), QStringLiteral("import"));
        QCOMPARE(imp.value(QStringLiteral("analyst")).toString(), QStringLiteral("test-analyst"));
        QVERIFY(imp.value(QStringLiteral("details")).toObject().value(QStringLiteral("sha256")).toString().size() == 64);
        QCOMPARE(ana.value(QStringLiteral("action")).toString(), QStringLiteral("analyze"));
        QVERIFY(ana.value(QStringLiteral("details")).toObject().value(QStringLiteral("params")).toObject()
                    .contains(QStringLiteral("clustering")));
        QCOMPARE(ana.value(QStringLiteral("prev_hash")).toString(), imp.value(QStringLiteral("hash")).toString());
        r = test::runCli({QStringLiteral("audit"), cas, QStringLiteral("--verify")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        // A failed import (same file again) leaves no entry.
        r = test::runCli({QStringLiteral("import"), cas, gen + QStringLiteral("/requests.csv")});
        QVERIFY(r.exitCode != 0);
        r = test::runCli({QStringLiteral("audit"), cas, QStringLiteral("--json")});
        QCOMPARE(r.out.trimmed().split('\n').size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestAudit)
#include "tst_audit.moc"
