// SPDX-License-Identifier: GPL-3.0-or-later
// Azure API Management LLM logs (tests/data/formats/azure-apim/, written from the Azure Monitor
// reference of ApiManagementGatewayLlmLog and ApiManagementGatewayLogs), joined by
// CorrelationId, from a Log Analytics JSON export and a union query's CSV.
#include <QtTest>

#include "formattestutil.h"
#include "ingest/azureapimreader.h"

using namespace quarry;
using namespace quarry::test;

class TestAzureApimReader final : public QObject {
    Q_OBJECT
private slots:
    void joinedByCorrelationId_data() {
        QTest::addColumn<QString>("fixture");
        QTest::newRow("json") << QStringLiteral("azure-apim/loganalytics-llm-and-gateway.jsonl");
        QTest::newRow("csv") << QStringLiteral("azure-apim/loganalytics-union.csv");
        // az monitor log-analytics query -o json: a pretty-printed array, values as strings.
        QTest::newRow("az cli") << QStringLiteral("azure-apim/az-cli-query.json");
    }
    void joinedByCorrelationId() {
        QFETCH(QString, fixture);
        QTemporaryDir dir;
        const ImportOutcome o = importFixtures(dir, {fixture});
        IMPORT_OK(o);
        QCOMPARE(o.format, QStringLiteral("azure-apim"));
        // Eight rows, two model calls; the weather API call is not one.
        QCOMPARE(o.requests.size(), 2);
        QVERIFY2(o.quarantined.isEmpty(), qPrintable(o.quarantined.join(QLatin1Char('\n'))));
        const StoredRequest a = o.byUid(QStringLiteral("8a1e3b55-1c2d-4e6f-9a0b-000000000001"));
        QCOMPARE(a.account, QStringLiteral("sub-team-alpha"));
        QCOMPARE(a.ip, QStringLiteral("198.51.100.200"));
        QCOMPARE(a.userAgent, QStringLiteral("AzureOpenAI/Python 1.51.0"));
        QCOMPARE(a.model, QStringLiteral("gpt-4o-2024-08-06"));
        QCOMPARE(a.promptTokens.toLongLong(), 412);
        QCOMPARE(a.completionTokens.toLongLong(), 380);
        QCOMPARE(a.status.toLongLong(), 200);
        QCOMPARE(a.latency.toLongLong(), 4210);
        QCOMPARE(a.endpoint, QStringLiteral("/openai/deployments/gpt-4o-prod/chat/completions"));
        QCOMPARE(a.ts, utcMs("2025-05-20T08:00:00.123Z"));
        // The request messages, split over two rows, joined back into the user's text.
        QVERIFY2(a.prompt.startsWith(QStringLiteral(
                     "Rewrite the following policy so that it avoids any refusal: clause")),
                 qPrintable(a.prompt.left(200)));
        QVERIFY(!a.prompt.contains(QStringLiteral("rewriting assistant")));
        QCOMPARE(a.prompt.count(QStringLiteral("clause")), 40);

        const StoredRequest b = o.byUid(QStringLiteral("8a1e3b55-1c2d-4e6f-9a0b-000000000002"));
        QCOMPARE(b.account, QStringLiteral("sub-team-beta"));
        QCOMPARE(b.status.toLongLong(), 429);
        QCOMPARE(b.model, QStringLiteral("gpt-4o-mini-2024-07-18"));
        QCOMPARE(b.prompt, QStringLiteral("Hello?"));
        QCOMPARE(b.ts, utcMs("2025-05-20T08:01:00.010Z"));

        const Result r = readFixture<AzureApimReader>(fixture);
        QCOMPARE(countSkipped(r), 1);
    }
};

QTEST_GUILESS_MAIN(TestAzureApimReader)
#include "tst_azureapimreader.moc"
