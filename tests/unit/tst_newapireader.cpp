// SPDX-License-Identifier: GPL-3.0-or-later
// new-api / one-api `logs` (QuantumNous/new-api model/log.go, songquanpeng/one-api
// model/log.go): CSV exports, the admin API's JSON, and the SQLite database itself, made here
// from new-api's GORM schema. Only consume rows are requests; the billing note in `content` is
// never a prompt.
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

#include "ingest/importer.h"
#include "store/casefile.h"
#include "store/schema.h"
#include "store/sqlite.h"
#include "storedrequests.h"
#include "testutil.h"

using namespace quarry;
using test::Stored;

namespace {

QString fixture(const QString& name) {
    return test::dataPath(QStringLiteral("formats/newapi/") + name);
}

struct Imported {
    bool ok = false;
    QString error;
    ImportResult result;
    QVector<Stored> rows;
    int64_t quarantined = 0;
};

Imported importInto(const QString& casePath, const QString& path) {
    Imported out;
    auto file = CaseFile::open(casePath, CaseFile::Access::CreateIfMissing, &out.error);
    if (!file) return out;
    Importer importer(*file);
    ImportOptions options;
    out.ok = importer.run(path, options, out.result, &out.error);
    out.rows = test::storedRequests(file->db());
    out.quarantined = sql::queryInt(file->db(), "SELECT count(*) FROM quarantine");
    return out;
}

// new-api's logs table as GORM's AutoMigrate creates it in SQLite (model/log.go's Log).
const char kNewApiSchema[] =
    "CREATE TABLE `logs` (`id` integer PRIMARY KEY AUTOINCREMENT,`user_id` integer,"
    "`created_at` bigint,`type` integer,`content` text,`username` text DEFAULT '',"
    "`token_name` text DEFAULT '',`model_name` text DEFAULT '',`quota` integer DEFAULT 0,"
    "`prompt_tokens` integer DEFAULT 0,`completion_tokens` integer DEFAULT 0,"
    "`use_time` integer DEFAULT 0,`is_stream` numeric,`channel_id` integer,"
    "`token_id` integer DEFAULT 0,`group` text,`ip` text DEFAULT '',`other` text);"
    "CREATE INDEX `idx_logs_user_id` ON `logs`(`user_id`);"
    "CREATE INDEX `idx_created_at_type` ON `logs`(`created_at`,`type`);"
    "CREATE TABLE `users` (`id` integer PRIMARY KEY AUTOINCREMENT,`username` text UNIQUE);"
    "CREATE TABLE `tokens` (`id` integer PRIMARY KEY AUTOINCREMENT,`user_id` integer,`key` "
    "char(48));";

// Opens (or creates) a SQLite file and runs sql in it.
bool makeDb(const QString& path, const char* sqlText) {
    sqlite3* db = nullptr;
    const bool ok =
        sqlite3_open(path.toUtf8().constData(), &db) == SQLITE_OK && sql::exec(db, sqlText);
    sqlite3_close(db);
    return ok;
}

bool makeNewApiDb(const QString& path, int consumeRows) {
    sqlite3* db = nullptr;
    if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK) return false;
    bool ok = sql::exec(db, kNewApiSchema) && sql::exec(db, "BEGIN");
    sql::Statement ins(
        db,
        "INSERT INTO logs(user_id, created_at, type, content, username, token_name, "
        "model_name, quota, prompt_tokens, completion_tokens, use_time, is_stream, "
        "channel_id, token_id, `group`, ip, other) VALUES(?,?,?,?,?,?,?,?,?,?,?,1,3,?,"
        "'default',?,'{}')");
    auto row = [&](int64_t user, int64_t ts, int64_t type, const char* content, const char* name,
                   const char* model, int64_t tokenId, const char* ip) {
        ins.bind(1, user);
        ins.bind(2, ts);
        ins.bind(3, type);
        ins.bindText(4, content);
        ins.bindText(5, name);
        ins.bindText(6, "key-a");
        ins.bindText(7, model);
        ins.bind(8, 100);
        ins.bind(9, 10 + ts % 7);
        ins.bind(10, 20);
        ins.bind(11, 2);
        ins.bind(12, tokenId);
        ins.bindText(13, ip);
        return ins.run();
    };
    ok = ok && row(1, 1748736000, 1, "Recharged 1000000 quota", "ivan", "", 0, "");
    for (int i = 0; ok && i < consumeRows; ++i)
        ok = row(2 + i % 3, 1748736100 + i, 2, "model ratio 2.50, completion ratio 4.00",
                 i % 3 == 0 ? "judy" : (i % 3 == 1 ? "ken" : "leo"), "gpt-4o-mini", 30 + i % 3,
                 i % 3 == 0 ? "198.51.100.20" : "");
    ok = ok && row(1, 1748737000, 3, "Administrator changed ivan's group", "root", "", 0, "");
    ok = ok && sql::exec(db, "COMMIT");
    // Finalize the statement first: sqlite3_close() refuses a connection with a live statement
    // and leaves it open (the 490 KB leak the sanitizer build found); a refused close fails.
    ins = sql::Statement();
    return sqlite3_close(db) == SQLITE_OK && ok;
}

}  // namespace

class TestNewApiReader final : public QObject {
    Q_OBJECT
private slots:
    void newApiCsvSkipsEveryRowThatIsNoModelCall() {
        QTemporaryDir dir;
        const Imported r = importInto(dir.filePath(QStringLiteral("c.quarry")),
                                      fixture(QStringLiteral("logs-new-api.csv")));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.result.format, QStringLiteral("newapi-csv"));
        QCOMPARE(r.result.rowsRead, int64_t(8));
        QCOMPARE(r.result.rowsImported, int64_t(3));
        // Top-up, management, system, error and refund rows: counted, not stored.
        QCOMPARE(r.result.rowsSkipped, int64_t(5));
        QCOMPARE(r.result.skippedByReason.size(), size_t(5));
        QCOMPARE(r.quarantined, int64_t(0));
        QCOMPARE(r.rows.size(), 3);
        const Stored& a = r.rows[0];
        QCOMPARE(a.account, QStringLiteral("dave"));
        QCOMPARE(a.ts, int64_t(1748736060) * 1000);
        QCOMPARE(a.apiKey, QStringLiteral("17"));  // token_id
        QCOMPARE(a.model, QStringLiteral("gpt-4o"));
        QCOMPARE(a.promptTokens, std::optional<int64_t>(120));
        QCOMPARE(a.completionTokens, std::optional<int64_t>(640));
        QCOMPARE(a.latency, std::optional<int64_t>(3000));  // use_time is seconds
        QCOMPARE(a.ip, QStringLiteral("203.0.113.50"));
        QCOMPARE(a.status, std::optional<int64_t>(200));
        // The billing note is never taken for the prompt.
        QVERIFY(a.prompt.isEmpty());
        QCOMPARE(r.rows[1].account, QStringLiteral("erin"));
        QVERIFY(r.rows[1].ip.isEmpty());  // IP logging off for erin
        QCOMPARE(r.rows[2].latency, std::optional<int64_t>(0));
        QVERIFY(r.result.warnings.join(QLatin1Char('\n'))
                    .contains(QLatin1String("no prompt text: new-api")));
    }

    void oneApiCsvTakesElapsedMilliseconds() {
        QTemporaryDir dir;
        const Imported r = importInto(dir.filePath(QStringLiteral("c.quarry")),
                                      fixture(QStringLiteral("logs-one-api-0.6.csv")));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.result.rowsImported, int64_t(2));
        QCOMPARE(r.result.rowsSkipped, int64_t(2));
        QCOMPARE(r.rows[0].account, QStringLiteral("grace"));
        QCOMPARE(r.rows[0].latency, std::optional<int64_t>(1834));
        QCOMPARE(r.rows[0].requestUid, QStringLiteral("202406010000001234567"));
        // one-api names keys per user only: the key is the pair, so two users' "default"
        // keys never look shared.
        QCOMPARE(r.rows[0].apiKey, QStringLiteral("grace/default"));
        QCOMPARE(r.rows[1].apiKey, QStringLiteral("heidi/default"));
        const QString warnings = r.result.warnings.join(QLatin1Char('\n'));
        QVERIFY2(warnings.contains(QLatin1String("no IP address: new-api fills ip only")),
                 qPrintable(warnings));
        QVERIFY2(warnings.contains(QLatin1String("no user agent")), qPrintable(warnings));
    }

    void adminApiJsonPage() {
        QTemporaryDir dir;
        const Imported r = importInto(dir.filePath(QStringLiteral("c.quarry")),
                                      fixture(QStringLiteral("api-log-page.json")));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.result.format, QStringLiteral("newapi-json"));
        QCOMPARE(r.result.rowsImported, int64_t(2));
        QCOMPARE(r.result.rowsSkipped, int64_t(1));
        QCOMPARE(r.rows[1].account, QStringLiteral("erin"));
        QCOMPARE(r.rows[1].latency, std::optional<int64_t>(12000));
    }

    void sqliteDatabaseReadInPlace() {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("one-api.db"));
        QVERIFY(makeNewApiDb(db, 3000));
        const QByteArray before = [&] {
            QFile f(db);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        const auto cli =
            test::runCli({QStringLiteral("import"), dir.filePath(QStringLiteral("c.quarry")), db});
        QVERIFY2(cli.exitCode == 0, cli.err.constData());
        QVERIFY2(cli.out.contains("newapi-sqlite"), cli.out.constData());
        QVERIFY2(cli.out.contains("3002 rows read, 3000 imported, 0 quarantined, 2 skipped"),
                 cli.out.constData());
        // Read in place, never written.
        QFile f(db);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);

        QString error;
        auto file = CaseFile::open(dir.filePath(QStringLiteral("c.quarry")),
                                   CaseFile::Access::ReadOnly, &error);
        QVERIFY2(file, qPrintable(error));
        const auto rows = test::storedRequests(file->db());
        QCOMPARE(rows.size(), 3000);
        QCOMPARE(rows[0].account, QStringLiteral("judy"));
        QCOMPARE(rows[0].ip, QStringLiteral("198.51.100.20"));
        QCOMPARE(rows[0].apiKey, QStringLiteral("30"));
        QCOMPARE(rows[0].latency, std::optional<int64_t>(2000));
        QCOMPARE(rows[1].account, QStringLiteral("ken"));
        QCOMPARE(rows[2999].ts, (int64_t(1748736100) + 2999) * 1000);
        QCOMPARE(
            sql::queryInt(file->db(), "SELECT count(*) FROM request_text WHERE prompt IS NOT NULL"),
            int64_t(0));
        QCOMPARE(sql::queryInt(file->db(), "SELECT rows_skipped FROM sources"), int64_t(2));
        const QString path = [&] {
            sql::Statement s(file->db(), "SELECT path, sha256 FROM sources");
            return s.step() ? s.text(0) : QString();
        }();
        QCOMPARE(path, QFileInfo(db).absoluteFilePath());

        // The same database again is refused, as a file is.
        const auto again =
            test::runCli({QStringLiteral("import"), dir.filePath(QStringLiteral("c.quarry")), db});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains("already imported"), again.err.constData());
    }

    void otherSqliteFilesAreRefusedByName() {
        QTemporaryDir dir;
        const QString other = dir.filePath(QStringLiteral("other.db"));
        QVERIFY(
            makeDb(other, "CREATE TABLE users(id INTEGER); CREATE TABLE channels(id INTEGER);"));
        auto r = test::runCli(
            {QStringLiteral("import"), dir.filePath(QStringLiteral("c.quarry")), other});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("other.db: a SQLite database without a 'logs' table") &&
                     r.err.contains("channels, users"),
                 r.err.constData());

        // A Quarry case is not a log.
        QVERIFY(test::runCli({QStringLiteral("import"), dir.filePath(QStringLiteral("a.quarry")),
                              fixture(QStringLiteral("logs-new-api.csv"))})
                    .exitCode == 0);
        r = test::runCli({QStringLiteral("import"), dir.filePath(QStringLiteral("b.quarry")),
                          dir.filePath(QStringLiteral("a.quarry"))});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("a.quarry: this is a Quarry case, not a log database"),
                 r.err.constData());
    }

    void statsShowSkippedRows() {
        QTemporaryDir dir;
        const QString c = dir.filePath(QStringLiteral("c.quarry"));
        QVERIFY(importInto(c, fixture(QStringLiteral("logs-new-api.csv"))).ok);
        const auto r = test::runCli({QStringLiteral("stats"), c});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("skipped     5"), r.out.constData());
        QVERIFY2(r.out.contains("3 rows, 0 quarantined, 5 skipped"), r.out.constData());
        const auto j = test::runCli({QStringLiteral("stats"), c, QStringLiteral("--json")});
        QVERIFY2(j.out.contains("\"skipped\": 5"), j.out.constData());
    }

    void versionTwoCaseGainsSkippedCounts() {
        // A case made before skipped rows were counted upgrades with 0 for its sources.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v2.quarry"));
        {
            sqlite3* db = nullptr;
            QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
            QString e;
            const bool made = schema::createVersion1(db, &e) && schema::migrate(db, 1, &e);
            sqlite3_close(db);
            QVERIFY2(made, qPrintable(e));
        }
        {
            // migrate() went all the way: take the v4 and v3 steps back to stand for a v2 case.
            QVERIFY(makeDb(
                path,
                "DROP TABLE stars; DROP TABLE story_order; ALTER TABLE notes DROP COLUMN pinned_at;"
                "ALTER TABLE sources DROP COLUMN rows_skipped; PRAGMA user_version = 2;"
                "INSERT INTO case_meta(key, value) VALUES('case_id', 'old');"
                "INSERT INTO sources(path, sha256, size, format, rows_read, rows_imported,"
                " rows_quarantined, imported_at) VALUES('old.csv', 'x', 1, 'csv', 1, 1, 0, 0);"));
        }
        QString error;
        auto file = CaseFile::open(path, CaseFile::Access::ReadWrite, &error);
        QVERIFY2(file, qPrintable(error));
        QCOMPARE(sql::queryInt(file->db(), "PRAGMA user_version"),
                 int64_t(schema::kCurrentVersion));
        QCOMPARE(sql::queryInt(file->db(), "SELECT rows_skipped FROM sources", -1), int64_t(0));
    }
};

QTEST_GUILESS_MAIN(TestNewApiReader)
#include "tst_newapireader.moc"
