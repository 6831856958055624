// SPDX-License-Identifier: GPL-3.0-or-later
// Cloudflare AI Gateway logs (tests/data/formats/cloudflare/, written from
// cloudflare/cloudflare-typescript src/resources/ai-gateway/logs.ts), as log objects a line and
// as saved API response pages.
#include <QtTest>

#include "formattestutil.h"
#include "ingest/cloudflarereader.h"

using namespace quarry;
using namespace quarry::test;

class TestCloudflareReader final : public QObject {
    Q_OBJECT
private slots:
    void logObjects() {
        QTemporaryDir dir;
        const ImportOutcome o =
            importFixtures(dir, {QStringLiteral("cloudflare/logs-objects.jsonl")});
        IMPORT_OK(o);
        QCOMPARE(o.format, QStringLiteral("cloudflare"));
        QCOMPARE(o.requests.size(), 3);
        // Without cf-aig-metadata the gateway cannot name the caller: quarantined, not guessed.
        QCOMPARE(o.quarantined.size(), 1);
        QVERIFY(o.quarantined[0].startsWith(QStringLiteral("4: no account")));
        const StoredRequest a = o.byUid(QStringLiteral("01JQ0000000000000000000001"));
        QCOMPARE(a.account, QStringLiteral("cf-user-1"));  // metadata is a JSON string
        QCOMPARE(a.org, QStringLiteral("growth"));
        QCOMPARE(a.ts, utcMs("2025-03-10T16:20:01.512Z"));
        QCOMPARE(a.model, QStringLiteral("gpt-4o-mini"));
        QCOMPARE(a.promptTokens.toLongLong(), 25);
        QCOMPARE(a.completionTokens.toLongLong(), 310);
        QCOMPARE(a.latency.toLongLong(), 1830);
        QCOMPARE(a.status.toLongLong(), 200);
        QCOMPARE(a.endpoint, QStringLiteral("chat/completions"));
        QCOMPARE(a.prompt, QStringLiteral("Give me 20 synonyms for fast, with reasoning."));
        const StoredRequest b = o.byUid(QStringLiteral("01JQ0000000000000000000002"));
        QCOMPARE(b.account, QStringLiteral("cf-user-2"));
        QCOMPARE(b.status.toLongLong(), 429);
        QVERIFY(b.prompt.isEmpty());
        const StoredRequest c = o.byUid(QStringLiteral("01JQ0000000000000000000003"));
        QCOMPARE(c.account, QStringLiteral("cf-cust-3"));
        QCOMPARE(c.ip, QStringLiteral("192.0.2.77"));
    }

    void apiResponsePages() {
        QTemporaryDir dir;
        const ImportOutcome o =
            importFixtures(dir, {QStringLiteral("cloudflare/logs-api-pages.jsonl")});
        IMPORT_OK(o);
        QCOMPARE(o.format, QStringLiteral("cloudflare"));
        QCOMPARE(o.requests.size(), 3);  // every log of every page, each once
        QCOMPARE(o.byUid(QStringLiteral("01JP0000000000000000000012")).account,
                 QStringLiteral("cf-old-1"));
        const StoredRequest c = o.byUid(QStringLiteral("01JP0000000000000000000013"));
        QCOMPARE(c.account, QStringLiteral("cf-old-2"));
        QCOMPARE(c.line, 2);
        QCOMPARE(c.latency.toLongLong(), 3100);
    }
};

QTEST_GUILESS_MAIN(TestCloudflareReader)
#include "tst_cloudflarereader.moc"
