// SPDX-License-Identifier: GPL-3.0-or-later
// Numbers no time or sequence number can hold, in the gateway formats that turn them into
// integers (issue 15, found by fuzz_otlp: a 37-digit startTimeUnixNano went from double to
// int64_t, which is undefined behaviour; the sanitizer build aborts on it). Such a value counts
// as absent; the rest of the record is read as before.
#include <QFile>
#include <QtTest>

#include "formattestutil.h"
#include "ingest/azureapimreader.h"
#include "ingest/otlpreader.h"

using namespace quarry;
using namespace quarry::test;

namespace {

QByteArray fixtureText(const QString& name) {
    QFile f(formatFixture(name));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class TestReaderHostileNumbers final : public QObject {
    Q_OBJECT
private slots:
    void otlpTimePast64BitsIsNoTime_data() {
        QTest::addColumn<QByteArray>("time");
        QTest::newRow("37 digits as a string (the fuzz finding)")
            << QByteArray("\"1717059600010000000717059660700000000\"");
        QTest::newRow("a number past 2^63") << QByteArray("1.7e36");
        QTest::newRow("infinite as a string") << QByteArray("\"1e400\"");
        QTest::newRow("NaN as a string") << QByteArray("\"nan\"");
    }
    void otlpTimePast64BitsIsNoTime() {
        QFETCH(QByteArray, time);
        // The older-conventions fixture: a SERVER span (10:00:00.000) and its gen_ai CLIENT
        // span (10:00:00.010) make one request; the client span's start is made unreadable.
        QByteArray content = fixtureText(QStringLiteral("otlp/collector-genai-older.jsonl"));
        const QByteArray clientStart("\"startTimeUnixNano\":\"1717059600010000000\"");
        QVERIFY(content.contains(clientStart));
        content.replace(clientStart, "\"startTimeUnixNano\":" + time);
        const Result r = readAll<OtlpReader>(content, QStringLiteral("t.jsonl"), {}, {});
        QVERIFY2(r.opened, qPrintable(r.error));
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QStringList times;
        for (const Rec& rec : r.rows) {
            QVERIFY2(rec.ok(), rec.message.constData());
            if (!rec.skip) times << QString::fromUtf8(rec.value(Field::Timestamp));
        }
        // The request keeps the server span's start, in milliseconds.
        QVERIFY2(times.contains(QStringLiteral("1717059600000")),
                 qPrintable(times.join(QLatin1Char(' '))));
    }

    void azureSequenceNumberPast64BitsKeepsThePrompt_data() {
        QTest::addColumn<QByteArray>("sequence");
        QTest::newRow("1e300") << QByteArray("1e300");
        QTest::newRow("-1e300") << QByteArray("-1e300");
        QTest::newRow("inf") << QByteArray("inf");
    }
    void azureSequenceNumberPast64BitsKeepsThePrompt() {
        QFETCH(QByteArray, sequence);
        // The request messages of the first call come in two rows, numbered 0 and 1.
        QByteArray content = fixtureText(QStringLiteral("azure-apim/az-cli-query.json"));
        QVERIFY(content.contains("\"SequenceNumber\": \"1\""));
        content.replace("\"SequenceNumber\": \"1\"", "\"SequenceNumber\": \"" + sequence + '"');
        const Result r = readAll<AzureApimReader>(content, QStringLiteral("q.json"), {}, {});
        QVERIFY2(r.opened, qPrintable(r.error));
        bool found = false;
        for (const Rec& rec : r.rows) {
            QVERIFY2(rec.ok(), rec.message.constData());
            const QString prompt = QString::fromUtf8(rec.value(Field::Prompt));
            if (!prompt.startsWith(QStringLiteral("Rewrite the following policy"))) continue;
            found = true;
            QCOMPARE(prompt.count(QStringLiteral("clause")), 40);
        }
        QVERIFY(found);
    }
};

QTEST_GUILESS_MAIN(TestReaderHostileNumbers)
#include "tst_readerhostilenumbers.moc"
