// SPDX-License-Identifier: GPL-3.0-or-later
// The (value, account) pair lists analysis keeps for the account search and the pivots
// (aggregates::PairSet). Streamed, they go to their table a bounded batch at a time so analysis
// memory does not grow with the requests (issue 15 item 10); the table must still end up with
// exactly the distinct pairs, however often a pair comes again in later batches, and a failed
// write must fail the analysis rather than leave the search with pairs missing.
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

#include <random>
#include <set>
#include <utility>

#include "analysis/aggregates.h"
#include "store/casefile.h"
#include "store/sqlite.h"

using namespace quarry;

namespace {

std::unique_ptr<CaseFile> newCase(const QTemporaryDir& dir, QString* error) {
    return CaseFile::open(dir.filePath(QStringLiteral("c.quarry")),
                          CaseFile::Access::CreateIfMissing, error);
}

using Pairs = std::set<std::pair<int64_t, int64_t>>;

Pairs tableRows(sqlite3* db, const char* query) {
    Pairs rows;
    sql::Statement s(db, query);
    while (s.step()) rows.emplace(s.int64(0), s.int64(1));
    return rows;
}

// Pairs as the content pass sees them: runs of an account's requests from a few of its values,
// so most pairs come back many times, in no order.
template <typename Fn>
void requestStream(int requests, Fn fn) {
    std::mt19937 rng(7);
    for (int i = 0; i < requests; ++i) {
        const int32_t account = static_cast<int32_t>(rng() % 300);
        const int32_t value = static_cast<int32_t>((account * 7 + rng() % 40) % 5000);
        fn(value, account);
    }
}

}  // namespace

class TestPairSet final : public QObject {
    Q_OBJECT

private slots:
    void streamedAndHeldPairsFillTheSameTable() {
        QTemporaryDir dir;
        QString error;
        auto file = newCase(dir, &error);
        QVERIFY2(file, qPrintable(error));
        sqlite3* db = file->db();
        QVERIFY2(file->beginWrite(&error), qPrintable(error));
        QVERIFY2(aggregates::reset(db, &error), qPrintable(error));

        Pairs expected;
        // Batches of 64 pairs: each is written thousands of times over, pairs come back in later
        // batches, and the last batch is partial.
        aggregates::PairSet streamed(64), heldUntilTheEnd(64);
        streamed.stream(db, "INSERT OR IGNORE INTO account_ips(ip_id, account_id) VALUES(?,?)");
        requestStream(50000, [&](int32_t value, int32_t account) {
            expected.emplace(value, account);
            streamed.add(value, account);
            heldUntilTheEnd.add(value, account);
        });
        // Before the final flush, earlier batches are already in the table.
        const int64_t early = sql::queryInt(db, "SELECT count(*) FROM account_ips", -1);
        QVERIFY(early > 0);
        QVERIFY(early <= static_cast<int64_t>(expected.size()));
        QVERIFY2(streamed.flush(&error), qPrintable(error));
        QVERIFY2(
            aggregates::writePairs(
                db, heldUntilTheEnd,
                "INSERT OR IGNORE INTO account_user_agents(ua_id, account_id) VALUES(?,?)", &error),
            qPrintable(error));
        QVERIFY2(file->commit(&error), qPrintable(error));

        QVERIFY(expected.size() > 2000);  // many distinct pairs, each sent many times
        QCOMPARE(tableRows(db, "SELECT ip_id, account_id FROM account_ips"), expected);
        QCOMPARE(tableRows(db, "SELECT ua_id, account_id FROM account_user_agents"), expected);
    }

    void aFailedWriteFailsTheFlush() {
        QTemporaryDir dir;
        QString error;
        auto file = newCase(dir, &error);
        QVERIFY2(file, qPrintable(error));
        sqlite3* db = file->db();
        QVERIFY(sql::exec(db, "CREATE TABLE pairs(k INTEGER, a INTEGER, PRIMARY KEY(k, a))"));
        aggregates::PairSet set(16);
        set.stream(db, "INSERT OR IGNORE INTO pairs VALUES(?,?)");
        requestStream(100, [&](int32_t value, int32_t account) { set.add(value, account); });
        // The table goes away under the analysis: the batches after it cannot be written.
        QVERIFY(sql::exec(db, "DROP TABLE pairs"));
        requestStream(100, [&](int32_t value, int32_t account) { set.add(value, account); });
        QVERIFY(!set.flush(&error));
        QVERIFY2(error.contains(QStringLiteral("no such table")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestPairSet)
#include "tst_pairset.moc"
