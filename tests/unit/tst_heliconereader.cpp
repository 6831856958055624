// SPDX-License-Identifier: GPL-3.0-or-later
// Helicone exports (tests/data/formats/helicone/, written from Helicone/helicone
// valhalla/jawn/src/lib/stores/request/request.ts and examples/export/typescript/index.ts)
// imported as an analyst would: no --map, --format auto.
#include <QCryptographicHash>
#include <QtTest>

#include "formattestutil.h"
#include "ingest/heliconereader.h"

using namespace quarry;
using namespace quarry::test;

class TestHeliconeReader final : public QObject {
    Q_OBJECT
private slots:
    void jsonlExportWithBodies() {
        QTemporaryDir dir;
        const ImportOutcome o =
            importFixtures(dir, {QStringLiteral("helicone/export-jsonl-include-body.jsonl")});
        IMPORT_OK(o);
        QCOMPARE(o.format, QStringLiteral("helicone"));
        QCOMPARE(o.requests.size(), 3);
        // The row without any user is quarantined, not given an invented account.
        QCOMPARE(o.quarantined.size(), 1);
        QVERIFY2(o.quarantined[0].startsWith(QStringLiteral("4: no account")),
                 qPrintable(o.quarantined[0]));

        const StoredRequest a = o.byUid(QStringLiteral("0a9e7c54-3f6b-4d1e-8c2a-7b1f00000001"));
        QCOMPARE(a.account, QStringLiteral("user-a"));
        QCOMPARE(a.ts, utcMs("2025-03-04T10:00:00.290Z"));
        QCOMPARE(a.model, QStringLiteral("gpt-4o"));
        QCOMPARE(a.promptTokens.toLongLong(), 25);
        QCOMPARE(a.completionTokens.toLongLong(), 120);
        QCOMPARE(a.status.toLongLong(), 200);
        QCOMPARE(a.latency.toLongLong(), 830);
        QCOMPARE(a.country, QStringLiteral("US"));
        QCOMPARE(a.endpoint, QStringLiteral("/v1/chat/completions"));
        // The user's turn, not the system prompt and not the whole body.
        QCOMPARE(a.prompt, QStringLiteral("Explain step by step how to invert a binary tree."));

        const StoredRequest b = o.byUid(QStringLiteral("0a9e7c54-3f6b-4d1e-8c2a-7b1f00000002"));
        QCOMPARE(b.account, QStringLiteral("user-b"));
        QCOMPARE(b.model, QStringLiteral("claude-3-5-sonnet-20241022"));
        QCOMPARE(b.status.toLongLong(), 429);
        QCOMPARE(b.latency.toLongLong(), 2900);
        QVERIFY(b.promptTokens.isNull());  // absent stays NULL, not 0
        QCOMPARE(b.prompt, QStringLiteral("Grade this answer against the rubric:\n\nScore 1-10."));

        // No Helicone-User-Id: the body's OpenAI "user" names the end user; ClickHouse time.
        const StoredRequest c = o.byUid(QStringLiteral("0a9e7c54-3f6b-4d1e-8c2a-7b1f00000003"));
        QCOMPARE(c.account, QStringLiteral("end-user-7"));
        QCOMPARE(c.ts, utcMs("2025-03-04T10:00:03.250Z"));
        QCOMPARE(c.model, QStringLiteral("gpt-4o-mini"));
        QCOMPARE(c.prompt, QStringLiteral("Translate 'good morning' to Spanish."));
    }

    void olderJsonlExport() {
        QTemporaryDir dir;
        const ImportOutcome o =
            importFixtures(dir, {QStringLiteral("helicone/export-jsonl-2023.jsonl")});
        IMPORT_OK(o);
        QCOMPARE(o.format, QStringLiteral("helicone"));
        QCOMPARE(o.requests.size(), 2);
        QVERIFY(o.quarantined.isEmpty());
        const StoredRequest a = o.byUid(QStringLiteral("q-old-1"));
        QCOMPARE(a.account, QStringLiteral("legacy-user"));
        QCOMPARE(a.apiKey, QStringLiteral("prod-key"));
        QCOMPARE(a.model, QStringLiteral("gpt-3.5-turbo"));  // only in the body then
        QCOMPARE(a.prompt, QStringLiteral("Write a haiku about rivers."));
        const StoredRequest b = o.byUid(QStringLiteral("q-old-2"));
        QCOMPARE(b.status.toLongLong(), 500);
        QVERIFY(b.latency.isNull());
        QCOMPARE(b.prompt, QStringLiteral("Summarise: the quarterly report shows"));
    }

    void csvExport() {
        // The export tool's CSV: its JSON cells have their quotes doubled twice, and its
        // "model" and "latency" columns are empty.
        QTemporaryDir dir;
        const ImportOutcome o = importFixtures(dir, {QStringLiteral("helicone/export.csv")});
        IMPORT_OK(o);
        QCOMPARE(o.format, QStringLiteral("helicone"));
        QCOMPARE(o.requests.size(), 3);
        QVERIFY2(o.quarantined.isEmpty(), qPrintable(o.quarantined.join(QLatin1Char('\n'))));
        const StoredRequest a = o.byUid(QStringLiteral("5f0c1a2e-8d1b-4e55-9a0f-0a1b2c3d4e01"));
        QCOMPARE(a.account, QStringLiteral("user-a"));
        QCOMPARE(a.ts, utcMs("2025-03-04T10:00:00.290Z"));
        QCOMPARE(a.model, QStringLiteral("gpt-4o"));
        QCOMPARE(a.promptTokens.toLongLong(), 25);
        QCOMPARE(a.completionTokens.toLongLong(), 120);
        QCOMPARE(a.status.toLongLong(), 200);
        QCOMPARE(a.prompt, QStringLiteral("Explain step by step how to invert a binary tree."));
        QCOMPARE(a.line, 2);
        // The source's digest is of the whole file, though a CSV reader inside did the reading.
        QFile f(formatFixture(QStringLiteral("helicone/export.csv")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(o.sha256,
                 QString::fromLatin1(
                     QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex()));
        const StoredRequest c = o.byUid(QStringLiteral("5f0c1a2e-8d1b-4e55-9a0f-0a1b2c3d4e03"));
        QCOMPARE(c.account, QStringLiteral("end-user-7"));
    }

    void jsonArrayExport() {
        // --format json: one pretty-printed array, a comma after every record, the last too.
        QTemporaryDir dir;
        const ImportOutcome o = importFixtures(dir, {QStringLiteral("helicone/export.json")});
        IMPORT_OK(o);
        QCOMPARE(o.format, QStringLiteral("helicone"));
        QCOMPARE(o.requests.size(), 3);
        QVERIFY2(o.quarantined.isEmpty(), qPrintable(o.quarantined.join(QLatin1Char('\n'))));
        const StoredRequest a = o.byUid(QStringLiteral("0a9e7c54-3f6b-4d1e-8c2a-7b1f00000001"));
        QCOMPARE(a.line, 2);  // where the record starts
        QCOMPARE(a.account, QStringLiteral("user-a"));
        QCOMPARE(a.latency.toLongLong(), 830);
        QCOMPARE(a.prompt, QStringLiteral("Explain step by step how to invert a binary tree."));
        QCOMPARE(o.byUid(QStringLiteral("0a9e7c54-3f6b-4d1e-8c2a-7b1f00000003")).account,
                 QStringLiteral("end-user-7"));
    }

    void mapIsRefusedWithAReason() {
        QTemporaryDir dir;
        const ImportOutcome o =
            importFixtures(dir, {QStringLiteral("helicone/export.csv")},
                           {QStringLiteral("--map"), QStringLiteral("model=model")});
        QVERIFY(o.cli.exitCode != 0);
        QVERIFY2(o.cli.err.contains("--map applies to the csv and jsonl readers"),
                 o.cli.err.constData());
        QVERIFY(o.cli.err.contains("export.csv"));
    }

    void genericFormatsStillAvailable() {
        // --format jsonl reads the same file the generic way (the alias mapping), so an analyst
        // can fall back to --map.
        QTemporaryDir dir;
        const ImportOutcome o =
            importFixtures(dir, {QStringLiteral("helicone/export-jsonl-2023.jsonl")},
                           {QStringLiteral("--format"), QStringLiteral("jsonl")});
        IMPORT_OK(o);
        QCOMPARE(o.format, QStringLiteral("jsonl"));
    }
};

QTEST_GUILESS_MAIN(TestHeliconeReader)
#include "tst_heliconereader.moc"
