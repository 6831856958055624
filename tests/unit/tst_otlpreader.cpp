// SPDX-License-Identifier: GPL-3.0-or-later
// OpenTelemetry OTLP/JSON traces as the Collector's file exporter writes them
// (tests/data/formats/otlp/, written from opentelemetry-proto trace.proto, the OTLP/JSON
// mapping and the GenAI semantic conventions, current, older and Elastic's spellings).
#include <QtTest>

#include "formattestutil.h"
#include "ingest/otlpreader.h"

using namespace quarry;
using namespace quarry::test;

class TestOtlpReader final : public QObject {
    Q_OBJECT
private slots:
    void serverAndClientSpansAcrossLinesAreOneRequest() {
        QTemporaryDir dir;
        const ImportOutcome o =
            importFixtures(dir, {QStringLiteral("otlp/collector-genai-current.jsonl")});
        IMPORT_OK(o);
        QCOMPARE(o.format, QStringLiteral("otlp"));
        // Two requests, each counted once although its spans sit in two lines; the health
        // check trace has no gen_ai span.
        QCOMPARE(o.requests.size(), 2);
        QVERIFY(o.quarantined.isEmpty());
        const StoredRequest a = o.byUid(QStringLiteral("5b8efff798038103d269b633813fc60c"));
        QCOMPARE(a.account, QStringLiteral("acct-1001"));
        QCOMPARE(a.ip, QStringLiteral("198.51.100.23"));
        QCOMPARE(a.userAgent, QStringLiteral("openai-python/1.54.3"));
        QCOMPARE(a.model, QStringLiteral("gpt-4o"));
        QCOMPARE(a.promptTokens.toLongLong(), 31);
        QCOMPARE(a.completionTokens.toLongLong(), 97);
        QCOMPARE(a.status.toLongLong(), 200);
        QCOMPARE(a.endpoint, QStringLiteral("/v1/chat/completions"));
        QCOMPARE(a.ts, utcMs("2025-01-01T10:00:00.000Z"));
        QCOMPARE(a.latency.toLongLong(), 1450);  // the SERVER span, nanoseconds to ms
        QCOMPARE(a.prompt, QStringLiteral("Summarise the attached contract in five bullets."));

        const StoredRequest b = o.byUid(QStringLiteral("5b8efff798038103d269b633813fc60d"));
        QCOMPARE(b.account, QStringLiteral("acct-1002"));  // enduser.id
        QCOMPARE(b.ip, QStringLiteral("198.51.100.77"));
        QCOMPARE(b.userAgent, QStringLiteral("curl/8.5.0"));
        QCOMPARE(b.model, QStringLiteral("gpt-4o-mini"));
        QCOMPARE(b.ts, utcMs("2025-01-01T10:00:05.000Z"));
        QCOMPARE(b.latency.toLongLong(), 650);
        QCOMPARE(b.prompt, QStringLiteral("Write a Python function that reverses a list."));

        const Result r =
            readFixture<OtlpReader>(QStringLiteral("otlp/collector-genai-current.jsonl"));
        QCOMPARE(r.rows.size(), 3);
        QCOMPARE(countSkipped(r), 1);
    }

    void olderConventions() {
        QTemporaryDir dir;
        const ImportOutcome o =
            importFixtures(dir, {QStringLiteral("otlp/collector-genai-older.jsonl")});
        IMPORT_OK(o);
        QCOMPARE(o.requests.size(), 2);
        const StoredRequest d = o.byUid(QStringLiteral("0af7651916cd43dd8448eb211c80319c"));
        QCOMPARE(d.account, QStringLiteral("old-user-1"));
        QCOMPARE(d.ip, QStringLiteral("192.0.2.14"));  // net.peer.ip
        QCOMPARE(d.userAgent,
                 QStringLiteral("Mozilla/5.0 (X11; Linux x86_64)"));  // http.user_agent
        QCOMPARE(d.status.toLongLong(), 200);                         // http.status_code
        QCOMPARE(d.promptTokens.toLongLong(), 22);                    // gen_ai.usage.prompt_tokens
        QCOMPARE(d.completionTokens.toLongLong(), 8);
        QCOMPARE(d.latency.toLongLong(), 2000);  // SPAN_KIND_SERVER spelled out
        QCOMPARE(d.prompt, QStringLiteral("A limerick about cats, please."));  // gen_ai.prompt.N.*
        const StoredRequest e = o.byUid(QStringLiteral("0af7651916cd43dd8448eb211c80319d"));
        QCOMPARE(e.account, QStringLiteral("old-user-2"));
        QCOMPARE(e.model, QStringLiteral("claude-3-haiku-20240307"));
        QCOMPARE(e.latency.toLongLong(), 700);  // no SERVER span: the model call's own duration
        QCOMPARE(e.prompt, QStringLiteral("Name a red fruit."));  // gen_ai.content.prompt event
    }

    void elasticSpellings() {
        QTemporaryDir dir;
        const ImportOutcome o = importFixtures(dir, {QStringLiteral("otlp/elastic-genai.jsonl")});
        IMPORT_OK(o);
        QCOMPARE(o.requests.size(), 1);
        const StoredRequest f = o.requests[0];
        QCOMPARE(f.account, QStringLiteral("elastic-user-3"));  // gen_ai.user.id
        QCOMPARE(f.ip, QStringLiteral("203.0.113.50"));         // on the resource
        QCOMPARE(f.promptTokens.toLongLong(), 120);
        QCOMPARE(f.completionTokens.toLongLong(), 300);
        QCOMPARE(f.latency.toLongLong(), 3210);
        QCOMPARE(f.prompt, QStringLiteral("Explain RAG in one paragraph."));  // an AnyValue array
    }

    void numbersTooBigForAParserImport() {
        // An unmapped integer >= 2^64 ("span_id") and an exponent past a double's range are
        // valid JSON: the records import, as the JSONL reader's do (issue 15 item 8).
        QTemporaryDir dir;
        const ImportOutcome o =
            importFixtures(dir, {QStringLiteral("otlp/overflowing-numbers.jsonl")});
        IMPORT_OK(o);
        QCOMPARE(o.format, QStringLiteral("otlp"));
        QVERIFY2(o.quarantined.isEmpty(), qPrintable(o.quarantined.join(QLatin1Char('\n'))));
        QCOMPARE(o.requests.size(), 2);
        const StoredRequest a = o.byUid(QStringLiteral("4bf92f3577b34da6a3ce929d0e0e4736"));
        QCOMPARE(a.account, QStringLiteral("acct-big-1"));
        QCOMPARE(a.model, QStringLiteral("gpt-4o"));
        QCOMPARE(a.ts, utcMs("2025-01-01T10:00:00.000Z"));
        const StoredRequest b = o.byUid(QStringLiteral("4bf92f3577b34da6a3ce929d0e0e4737"));
        QCOMPARE(b.account, QStringLiteral("acct-big-2"));
        QCOMPARE(b.model, QStringLiteral("gpt-4o-mini"));
    }

    void pendingTracesAreBounded() {
        // More open traces than the buffer holds: each is still emitted exactly once.
        const int traces = static_cast<int>(OtlpReader::kMaxPendingTraces) + 50;
        QByteArray content;
        for (int t = 0; t < traces; ++t) {
            const QByteArray id = QByteArray::number(t).rightJustified(32, '0');
            content += "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"" + id +
                       "\",\"kind\":3,\"startTimeUnixNano\":\"1735725600000000000\","
                       "\"endTimeUnixNano\":\"1735725601000000000\",\"attributes\":["
                       "{\"key\":\"gen_ai.request.model\",\"value\":{\"stringValue\":\"m\"}},"
                       "{\"key\":\"user.id\",\"value\":{\"stringValue\":\"u\"}}]}]}]}]}\n";
        }
        const Result r = readAll<OtlpReader>(content, QStringLiteral("many.jsonl"), {}, {});
        QVERIFY2(r.opened, qPrintable(r.error));
        QCOMPARE(r.rows.size(), traces);
        QSet<QByteArray> ids;
        for (const Rec& rec : r.rows) ids.insert(rec.value(Field::RequestId));
        QCOMPARE(ids.size(), traces);
    }
};

QTEST_GUILESS_MAIN(TestOtlpReader)
#include "tst_otlpreader.moc"
