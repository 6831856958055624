// SPDX-License-Identifier: GPL-3.0-or-later
// The reader registry: --format auto picks each tool's reader from the file's first bytes,
// --format NAME names any reader, and `import --help` lists them.
#include <QtTest>

#include "formattestutil.h"
#include "ingest/formatregistry.h"

using namespace quarry;
using namespace quarry::test;

class TestFormatRegistry final : public QObject {
    Q_OBJECT
private slots:
    void autoDetection_data() {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("format");
        QTest::newRow("helicone jsonl")
            << QStringLiteral("helicone/export-jsonl-include-body.jsonl")
            << QStringLiteral("helicone");
        QTest::newRow("helicone csv")
            << QStringLiteral("helicone/export.csv") << QStringLiteral("helicone");
        QTest::newRow("langfuse api")
            << QStringLiteral("langfuse/traces-api-2024.jsonl") << QStringLiteral("langfuse");
        QTest::newRow("langfuse ui csv")
            << QStringLiteral("langfuse/traces-ui-export.csv") << QStringLiteral("langfuse");
        QTest::newRow("otlp") << QStringLiteral("otlp/collector-genai-older.jsonl")
                              << QStringLiteral("otlp");
        QTest::newRow("bedrock") << QStringLiteral("bedrock/invocations-s3.jsonl")
                                 << QStringLiteral("bedrock");
        QTest::newRow("bedrock cloudwatch")
            << QStringLiteral("bedrock/invocations-2023-cloudwatch.jsonl")
            << QStringLiteral("bedrock");
        QTest::newRow("azure csv")
            << QStringLiteral("azure-apim/loganalytics-union.csv") << QStringLiteral("azure-apim");
        QTest::newRow("cloudflare")
            << QStringLiteral("cloudflare/logs-api-pages.jsonl") << QStringLiteral("cloudflare");
    }
    void autoDetection() {
        QFETCH(QString, fixture);
        QFETCH(QString, format);
        QString error;
        auto reader = createReader(QStringLiteral("auto"), formatFixture(fixture), &error);
        QVERIFY2(reader, qPrintable(error));
        QCOMPARE(QString::fromLatin1(reader->formatName()), format);
    }

    void genericShapesKeepTheirReaders() {
        QTemporaryDir dir;
        const QString jsonl = dir.filePath(QStringLiteral("x.log"));
        QVERIFY(writeFile(jsonl, "{\"user\":\"a\",\"ts\":1}\n"));
        const QString csv = dir.filePath(QStringLiteral("x.csv"));
        QVERIFY(writeFile(csv, "user,ts\na,1\n"));
        const QString log = dir.filePath(QStringLiteral("access"));
        QVERIFY(writeFile(
            log,
            "1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"x\"\n"));
        QString error;
        QCOMPARE(
            QString::fromLatin1(createReader(QStringLiteral("auto"), jsonl, &error)->formatName()),
            QStringLiteral("jsonl"));
        QCOMPARE(
            QString::fromLatin1(createReader(QStringLiteral("auto"), csv, &error)->formatName()),
            QStringLiteral("csv"));
        QCOMPARE(
            QString::fromLatin1(createReader(QStringLiteral("auto"), log, &error)->formatName()),
            QStringLiteral("combined"));
    }

    void namedAndUnknownFormats() {
        QString error;
        auto r = createReader(QStringLiteral("OTLP"),
                              formatFixture(QStringLiteral("otlp/elastic-genai.jsonl")), &error);
        QVERIFY(r);
        QCOMPARE(QString::fromLatin1(r->formatName()), QStringLiteral("otlp"));
        QVERIFY(!createReader(QStringLiteral("parquet"), QStringLiteral("x"), &error));
        QVERIFY2(
            error.contains(QStringLiteral("parquet")) && error.contains(QStringLiteral("helicone")),
            qPrintable(error));
    }

    void importHelpListsEveryFormat() {
        const CliResult r = runCli({QStringLiteral("import"), QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        for (const char* name : {"csv", "jsonl", "combined", "helicone", "langfuse", "otlp",
                                 "bedrock", "azure-apim", "cloudflare"})
            QVERIFY2(r.out.contains(name), name);
        const CliResult bad =
            runCli({QStringLiteral("import"), QStringLiteral("c.quarry"), QStringLiteral("x"),
                    QStringLiteral("--format"), QStringLiteral("nope")});
        QVERIFY(bad.exitCode != 0);
        QVERIFY2(bad.err.contains("--format must be one of auto, csv"), bad.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestFormatRegistry)
#include "tst_formatregistry.moc"
