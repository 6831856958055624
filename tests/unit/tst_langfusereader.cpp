// SPDX-License-Identifier: GPL-3.0-or-later
// Langfuse traces (tests/data/formats/langfuse/, written from langfuse/langfuse
// web/src/features/public-api/types/traces.ts, observations.ts and the worker's
// BatchExportTracesRow) imported with no --map and --format auto.
#include <QtTest>

#include "formattestutil.h"
#include "ingest/langfusereader.h"

using namespace quarry;
using namespace quarry::test;

class TestLangfuseReader final : public QObject {
    Q_OBJECT
private slots:
    void apiTraceBodies2024() {
        QTemporaryDir dir;
        const ImportOutcome o =
            importFixtures(dir, {QStringLiteral("langfuse/traces-api-2024.jsonl")});
        IMPORT_OK(o);
        QCOMPARE(o.format, QStringLiteral("langfuse"));
        // Three traces: two hold a GENERATION, the retrieval-only one is not a request.
        QCOMPARE(o.requests.size(), 2);
        QVERIFY(o.quarantined.isEmpty());
        const StoredRequest a = o.byUid(QStringLiteral("tr-1"));
        QCOMPARE(a.account, QStringLiteral("lf-user-1"));
        QCOMPARE(a.ts, utcMs("2024-06-10T09:00:00.000Z"));
        QCOMPARE(a.latency.toLongLong(), 1250);  // latency is in seconds
        QCOMPARE(a.model, QStringLiteral("gpt-4-turbo"));
        QCOMPARE(a.promptTokens.toLongLong(), 40);
        QCOMPARE(a.completionTokens.toLongLong(), 60);
        QCOMPARE(a.prompt, QStringLiteral("List three prime numbers and show your reasoning."));
        // No trace input: the generation's input gives the prompt.
        const StoredRequest b = o.byUid(QStringLiteral("tr-2"));
        QCOMPARE(b.latency.toLongLong(), 400);
        QCOMPARE(b.model, QStringLiteral("gpt-3.5-turbo"));
        QCOMPARE(b.prompt, QStringLiteral("What is the capital of Peru?"));

        const Result r =
            readFixture<LangfuseReader>(QStringLiteral("langfuse/traces-api-2024.jsonl"));
        QCOMPARE(r.rows.size(), 3);
        QCOMPARE(countSkipped(r), 1);
        QVERIFY(r.rows[2].skip);
        QVERIFY(r.rows[2].skipReason.contains("GENERATION"));
    }

    void apiTraceBodies2025UsageDetails() {
        QTemporaryDir dir;
        const ImportOutcome o =
            importFixtures(dir, {QStringLiteral("langfuse/traces-api-2025.jsonl")});
        IMPORT_OK(o);
        QCOMPARE(o.requests.size(), 1);
        const StoredRequest a = o.requests[0];
        // No userId on the trace: LiteLLM's callback put the key's user in metadata.
        QCOMPARE(a.account, QStringLiteral("litellm-user-9"));
        QCOMPARE(a.ip, QStringLiteral("203.0.113.9"));
        // Two generations of one trace: one request, tokens added up.
        QCOMPARE(a.promptTokens.toLongLong(), 250);
        QCOMPARE(a.completionTokens.toLongLong(), 50);
        QCOMPARE(a.latency.toLongLong(), 2500);
        QCOMPARE(a.model, QStringLiteral("gpt-4o"));
        QCOMPARE(a.prompt, QStringLiteral("Plan the tool calls to book a flight."));
    }

    void uiExport_data() {
        QTest::addColumn<QString>("fixture");
        QTest::newRow("jsonl") << QStringLiteral("langfuse/traces-ui-export.jsonl");
        QTest::newRow("csv") << QStringLiteral("langfuse/traces-ui-export.csv");
    }
    void uiExport() {
        QFETCH(QString, fixture);
        QTemporaryDir dir;
        const ImportOutcome o = importFixtures(dir, {fixture});
        IMPORT_OK(o);
        QCOMPARE(o.format, QStringLiteral("langfuse"));
        QCOMPARE(o.requests.size(), 2);
        QVERIFY2(o.quarantined.isEmpty(), qPrintable(o.quarantined.join(QLatin1Char('\n'))));
        const StoredRequest a = o.byUid(QStringLiteral("tr-10"));
        QCOMPARE(a.account, QStringLiteral("ui-user-1"));
        QCOMPARE(a.ts, utcMs("2025-01-15T08:00:00.000Z"));
        QCOMPARE(a.latency.toLongLong(), 3750);
        QCOMPARE(a.promptTokens.toLongLong(), 210);  // the export writes bigints as strings
        QCOMPARE(a.completionTokens.toLongLong(), 95);
        QCOMPARE(a.prompt, QStringLiteral("Rewrite this paragraph neutrally."));
        const StoredRequest b = o.byUid(QStringLiteral("tr-11"));
        QCOMPARE(b.latency.toLongLong(), 125);
        QCOMPARE(b.prompt, QStringLiteral("plain string question"));
    }
};

QTEST_GUILESS_MAIN(TestLangfuseReader)
#include "tst_langfusereader.moc"
