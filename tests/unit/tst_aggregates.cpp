// SPDX-License-Identifier: GPL-3.0-or-later
// The aggregate tables analysis writes for the dashboard (models/analysis/aggregates.h): each one
// holds exactly what a GROUP BY over requests and request_topics gives, a re-analysis replaces
// them, and a case whose aggregates are missing or stale says so (readers then scan requests).
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

#include "analysis/aggregates.h"
#include "store/sqlite.h"
#include "testutil.h"

using namespace quarry;

namespace {

struct Db {
    sqlite3* db = nullptr;
    explicit Db(const QString& path) { sqlite3_open(path.toUtf8().constData(), &db); }
    ~Db() { sqlite3_close(db); }
};

// Rows in one query's result and not the other's, both ways (0 when the two are the same set).
int64_t symmetricDifference(sqlite3* db, const QString& a, const QString& b) {
    const QString q =
        QStringLiteral(
            "SELECT (SELECT count(*) FROM (SELECT * FROM (%1) EXCEPT SELECT * FROM (%2))) + "
            "(SELECT count(*) FROM (SELECT * FROM (%2) EXCEPT SELECT * FROM (%1)))")
            .arg(a, b);
    return sql::queryInt(db, q.toStdString(), -1);
}

const QString kTopicJoin = QStringLiteral("FROM requests r JOIN request_topics rt ON rt.id = r.id");

}  // namespace

class TestAggregates final : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString case_;

    QString path(const char* name) const { return dir_.filePath(QLatin1String(name)); }

    void generate(const char* out, const char* seed, const char* accounts) {
        const auto r = test::runCli({QStringLiteral("generate"), QStringLiteral("--out"), path(out),
                                     QStringLiteral("--seed"), QLatin1String(seed),
                                     QStringLiteral("--accounts"), QLatin1String(accounts),
                                     QStringLiteral("--campaigns"), QStringLiteral("2"),
                                     QStringLiteral("--campaign-accounts"), QStringLiteral("60"),
                                     QStringLiteral("--days"), QStringLiteral("6")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }
    void importAndAnalyze(const char* csv) {
        auto r = test::runCli({QStringLiteral("import"), case_, path(csv)});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = test::runCli({QStringLiteral("analyze"), case_});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }
    // Every aggregate against its GROUP BY; also checks none is empty.
    void compareAll();

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        case_ = path("c.quarry");
        generate("a", "3", "300");
        importAndAnalyze("a/requests.csv");
    }
    void aggregatesEqualGroupBy() { compareAll(); }
    void caseTotalsAddUpToRequests() {
        Db d(case_);
        const int64_t requests = sql::queryInt(d.db, "SELECT count(*) FROM requests");
        QVERIFY(requests > 1000);
        QCOMPARE(sql::queryInt(d.db, "SELECT sum(n) FROM case_hourly"), requests);
        QCOMPARE(sql::queryInt(d.db, "SELECT sum(n) FROM account_hourly"), requests);
        QCOMPARE(sql::queryInt(d.db, "SELECT sum(n) FROM case_day_topics"),
                 sql::queryInt(d.db, "SELECT count(*) FROM request_topics"));
        QVERIFY(aggregates::available(d.db));
    }
    void reanalysisReplacesThem() {
        int64_t before = 0, startedBefore = 0;
        {
            Db d(case_);
            before = sql::queryInt(d.db, "SELECT count(*) FROM requests");
            startedBefore = sql::queryInt(d.db, "SELECT started_at FROM aggregates_run");
        }
        // More requests from a second source, then analyse again: the aggregates must cover them
        // and hold nothing of the first run (no doubled counts).
        generate("b", "4", "100");
        importAndAnalyze("b/requests.csv");
        compareAll();
        Db d(case_);
        const int64_t after = sql::queryInt(d.db, "SELECT count(*) FROM requests");
        QVERIFY(after > before);
        QCOMPARE(sql::queryInt(d.db, "SELECT sum(n) FROM case_hourly"), after);
        QCOMPARE(sql::queryInt(d.db, "SELECT count(*) FROM aggregates_run"), 1);
        QVERIFY(sql::queryInt(d.db, "SELECT started_at FROM aggregates_run") != startedBefore);
        QVERIFY(aggregates::available(d.db));
    }
    void staleOrMissingAggregatesAreNotUsed() {
        QVERIFY(QFile::copy(case_, path("stale.quarry")));
        QVERIFY(QFile::copy(case_, path("old.quarry")));
        {
            // What an older build's re-analysis leaves: a new analysis run, the old aggregates.
            Db d(path("stale.quarry"));
            QVERIFY(sql::exec(d.db, "UPDATE analysis_runs SET started_at = started_at + 1"));
            QVERIFY(!aggregates::available(d.db));
        }
        {
            // A case analysed before the aggregates existed.
            Db d(path("old.quarry"));
            QVERIFY(sql::exec(d.db, "DROP TABLE case_hourly"));
            QVERIFY(!aggregates::available(d.db));
        }
    }
};

void TestAggregates::compareAll() {
    Db d(case_);
    QVERIFY(d.db);
    const struct {
        const char* table;
        QString groupBy;
    } checks[] = {
        {"account_hourly",
         QStringLiteral("SELECT account_id, ts / 3600000, count(*) FROM requests GROUP BY 1, 2")},
        {"account_day_topics",
         QStringLiteral(
             "SELECT r.account_id, r.ts / 86400000, rt.topic_id, count(*) %1 GROUP BY 1, 2, 3")
             .arg(kTopicJoin)},
        {"case_hourly", QStringLiteral("SELECT ts / 3600000, count(*) FROM requests GROUP BY 1")},
        {"case_day_topics",
         QStringLiteral("SELECT r.ts / 86400000, rt.topic_id, count(*) %1 GROUP BY 1, 2")
             .arg(kTopicJoin)},
        {"cluster_day_topics",
         QStringLiteral(
             "SELECT f.cluster_id, r.ts / 86400000, rt.topic_id, count(*) FROM account_features f "
             "JOIN requests r ON r.account_id = f.account_id JOIN request_topics rt ON rt.id = "
             "r.id "
             "WHERE f.cluster_id IS NOT NULL GROUP BY 1, 2, 3")},
    };
    for (const auto& c : checks) {
        const QString table = QStringLiteral("SELECT * FROM %1").arg(QLatin1String(c.table));
        QVERIFY2(sql::queryInt(d.db, ("SELECT count(*) FROM " + std::string(c.table)).c_str()) > 0,
                 c.table);
        QVERIFY2(symmetricDifference(d.db, table, c.groupBy) == 0, c.table);
    }
}

QTEST_GUILESS_MAIN(TestAggregates)
#include "tst_aggregates.moc"
