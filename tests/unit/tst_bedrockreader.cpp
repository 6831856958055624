// SPDX-License-Identifier: GPL-3.0-or-later
// AWS Bedrock model invocation logs (tests/data/formats/bedrock/, written from the Bedrock User
// Guide's ModelInvocationLog schema 1.0), as S3 delivers them and as CloudWatch exports them.
#include <QtTest>

#include "formattestutil.h"
#include "ingest/bedrockreader.h"

using namespace quarry;
using namespace quarry::test;

class TestBedrockReader final : public QObject {
    Q_OBJECT
private slots:
    void s3Delivery() {
        QTemporaryDir dir;
        const ImportOutcome o =
            importFixtures(dir, {QStringLiteral("bedrock/invocations-s3.jsonl")});
        IMPORT_OK(o);
        QCOMPARE(o.format, QStringLiteral("bedrock"));
        QCOMPARE(o.requests.size(), 3);
        QVERIFY(o.quarantined.isEmpty());
        // The caller is the IAM identity; the AWS account is its organization. Two callers of
        // one AWS account stay two accounts.
        const StoredRequest a = o.byUid(QStringLiteral("4b1c0f3e-7e7b-4d7c-9a64-0d1f5a9b0001"));
        QCOMPARE(a.account,
                 QStringLiteral("arn:aws:sts::111122223333:assumed-role/AppRole/i-0abc123"));
        QCOMPARE(a.org, QStringLiteral("111122223333"));
        QCOMPARE(a.ts, utcMs("2025-04-02T14:03:11.000Z"));
        QCOMPARE(a.model, QStringLiteral("us.anthropic.claude-3-5-haiku-20241022-v1:0"));
        QCOMPARE(a.endpoint, QStringLiteral("Converse"));
        QCOMPARE(a.promptTokens.toLongLong(), 150);
        QCOMPARE(a.completionTokens.toLongLong(), 45);
        QCOMPARE(a.latency.toLongLong(), 2500);
        QCOMPARE(a.prompt, QStringLiteral("Classify this ticket: printer on fire."));
        const StoredRequest b = o.byUid(QStringLiteral("4b1c0f3e-7e7b-4d7c-9a64-0d1f5a9b0002"));
        QCOMPARE(b.account, QStringLiteral("arn:aws:iam::111122223333:user/batch-runner"));
        QCOMPARE(b.org, QStringLiteral("111122223333"));
        QCOMPARE(b.prompt, QStringLiteral("Think step by step: is 221 prime?"));
        QCOMPARE(b.completionTokens.toLongLong(), 60);
        QVERIFY(b.latency.isNull());  // InvokeModel logs no latency
        const StoredRequest c = o.byUid(QStringLiteral("4b1c0f3e-7e7b-4d7c-9a64-0d1f5a9b0003"));
        QCOMPARE(c.org, QStringLiteral("444455556666"));
        QCOMPARE(c.prompt, QStringLiteral("Summarise the French revolution in two sentences."));
        QVERIFY(c.ip.isEmpty());  // Bedrock logs no IP
    }

    void textCompletionsAndCloudWatchExport() {
        QTemporaryDir dir;
        const ImportOutcome o =
            importFixtures(dir, {QStringLiteral("bedrock/invocations-2023-cloudwatch.jsonl")});
        IMPORT_OK(o);
        QCOMPARE(o.format, QStringLiteral("bedrock"));
        QCOMPARE(o.requests.size(), 2);
        const StoredRequest a = o.byUid(QStringLiteral("0d1a0000-0000-4000-8000-000000000001"));
        QCOMPARE(a.prompt, QStringLiteral("\n\nHuman: Write a sonnet about rain.\n\nAssistant:"));
        QCOMPARE(a.completionTokens.toLongLong(), 120);
        // The CloudWatch event's JSON sits in "message".
        const StoredRequest b = o.byUid(QStringLiteral("0d1a0000-0000-4000-8000-000000000002"));
        QCOMPARE(b.account, QStringLiteral("arn:aws:iam::111122223333:user/legacy"));
        QCOMPARE(b.model, QStringLiteral("anthropic.claude-instant-v1"));
        QCOMPARE(b.ts, utcMs("2023-10-05T07:01:00.000Z"));
        QCOMPARE(b.line, 2);
    }
};

QTEST_GUILESS_MAIN(TestBedrockReader)
#include "tst_bedrockreader.moc"
