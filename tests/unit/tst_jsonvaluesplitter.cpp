// SPDX-License-Identifier: GPL-3.0-or-later
// JSON exports that are not one record a line (a top-level array, pretty-printed objects), read
// through a gateway reader: every record once, with the line it starts on, the size cap kept.
#include <QtTest>

#include "formattestutil.h"
#include "ingest/cloudflarereader.h"

using namespace quarry;
using namespace quarry::test;

namespace {

QByteArray log(int i, const QByteArray& indent) {
    const QByteArray nl = indent.isEmpty() ? "" : "\n";
    return "{" + nl + indent + "\"id\": \"r" + QByteArray::number(i) + "\"," + nl + indent +
           "\"created_at\": \"2025-03-10T16:20:0" + QByteArray::number(i) + "Z\"," + nl + indent +
           "\"provider\": \"openai\", \"tokens_in\": 1," + nl + indent +
           "\"metadata\": \"{\\\"user\\\":\\\"u" + QByteArray::number(i) + "\\\"}\"" + nl + "}";
}

Result read(const QByteArray& content, size_t cap = 8 << 20) {
    RecordReader::Limits limits;
    limits.maxRecordBytes = cap;
    return readAll<CloudflareReader>(content, QStringLiteral("logs.json"), {}, limits);
}

}  // namespace

class TestJsonValueSplitter final : public QObject {
    Q_OBJECT
private slots:
    void prettyArrayWithTrailingComma() {
        const QByteArray doc = "[\n" + log(1, "  ") + ",\n" + log(2, "  ") + ",\n]\n";
        const Result r = read(doc);
        QVERIFY2(r.opened, qPrintable(r.error));
        QCOMPARE(r.rows.size(), 2);
        QCOMPARE(r.rows[0].line, 2);
        QCOMPARE(r.rows[1].line, 8);  // each pretty record is six lines
        QCOMPARE(r.rows[1].value(Field::RequestId), QByteArray("r2"));
        QVERIFY(r.rows[1].ok());
    }

    void prettyObjectsOneAfterAnother() {
        const QByteArray doc = log(1, "    ") + "\n" + log(2, "    ") + "\n";
        const Result r = read(doc);
        QVERIFY2(r.opened, qPrintable(r.error));
        QCOMPARE(r.rows.size(), 2);
        QCOMPARE(r.rows[0].value(Field::RequestId), QByteArray("r1"));
        QCOMPARE(r.rows[1].line, 7);
    }

    void bracesInsideStringsDoNotEndARecord() {
        const QByteArray doc =
            "[{\"id\":\"a}]\\\"[{\",\"created_at\":\"2025-03-10T16:20:01Z\","
            "\"provider\":\"x\",\"tokens_in\":1},\n{\"id\":\"b\"}]";
        const Result r = read(doc);
        QCOMPARE(r.rows.size(), 2);
        QCOMPARE(r.rows[0].value(Field::RequestId), QByteArray("a}]\"[{"));
        QCOMPARE(r.rows[1].value(Field::RequestId), QByteArray("b"));
        QCOMPARE(r.rows[1].line, 2);
    }

    void oversizedRecordIsSkippedAndReadingGoesOn() {
        const QByteArray big = "{\n\"id\": \"big\", \"pad\": \"" + QByteArray(5000, 'x') + "\"\n}";
        const QByteArray doc = "[\n" + log(1, " ") + ",\n" + big + ",\n" + log(3, " ") + "\n]";
        const Result r = read(doc, 1024);
        QVERIFY2(r.opened, qPrintable(r.error));
        QCOMPARE(r.rows.size(), 3);
        QCOMPARE(r.rows[1].kind, kindName(RejectKind::RecordTooLarge));
        QCOMPARE(r.rows[1].line, 8);
        QVERIFY(r.rows[1].raw.startsWith("{\n\"id\": \"big\""));
        QCOMPARE(r.rows[2].value(Field::RequestId), QByteArray("r3"));
        QCOMPARE(r.rows[2].line, 11);
    }

    void brokenRecordCostsOnlyItself() {
        const QByteArray doc = "[\n{\"id\": \"ok1\"},\n{\"id\": tru},\n{\"id\": \"ok2\"}\n]";
        const Result r = read(doc);
        QCOMPARE(r.rows.size(), 3);
        QCOMPARE(r.rows[1].kind, kindName(RejectKind::MalformedJson));
        QCOMPARE(r.rows[1].line, 3);
        QCOMPARE(r.rows[2].value(Field::RequestId), QByteArray("ok2"));
    }
};

QTEST_GUILESS_MAIN(TestJsonValueSplitter)
#include "tst_jsonvaluesplitter.moc"
