// SPDX-License-Identifier: GPL-3.0-or-later
// Valid JSON that simdjson's defaults refuse must still be read (issue 15 item 8): integers
// of 2^64 and beyond or exponents that overflow a double in any field, mapped or not, and
// nesting deeper than 1,024 levels. A mapped numeric field that is out of range gets its own
// reason naming the field.
#include <QTemporaryDir>
#include <QtTest>

#include "ingest/importer.h"
#include "ingest/jsonlreader.h"
#include "readertestutil.h"
#include "store/casefile.h"
#include "store/sqlite.h"
#include "testutil.h"

using namespace quarry;

namespace {

test::Result readJsonl(const QByteArray& content) {
    return test::readAll<JsonlReader>(content, QStringLiteral("in.jsonl"), {}, {});
}

QByteArray nested(int depth, const QByteArray& inner) {
    return QByteArray(depth, '[') + inner + QByteArray(depth, ']');
}

}  // namespace

class TestJsonlValidRecords final : public QObject {
    Q_OBJECT
private slots:
    void numbersBeyond64BitsInUnmappedFields_data() {
        QTest::addColumn<QByteArray>("value");
        QTest::newRow("2^64") << QByteArray("18446744073709551616");
        QTest::newRow("below int64 min") << QByteArray("-9223372036854775809");
        QTest::newRow("100 digits") << QByteArray(100, '9');
        QTest::newRow("exponent overflow") << QByteArray("1e400");
        QTest::newRow("negative exponent overflow") << QByteArray("-2.5E+999");
        QTest::newRow("in an array") << QByteArray("[1, 18446744073709551616, 1e999]");
        QTest::newRow("in an object")
            << QByteArray("{\"a\":{\"b\":340282366920938463463374607431768211456}}");
    }
    void numbersBeyond64BitsInUnmappedFields() {
        QFETCH(QByteArray, value);
        const test::Result r =
            readJsonl("{\"user\":\"a\",\"ts\":1788220800,\"span_id\":" + value +
                      ",\"note\":\"has \\\"1e999\\\" in text\",\"model\":\"m\"}\n"
                      "{\"user\":\"b\",\"ts\":1788220801}\n");
        QVERIFY2(r.opened, qPrintable(r.error));
        QCOMPARE(r.rows.size(), 2);
        QVERIFY2(r.rows[0].ok(), r.rows[0].message.constData());
        QCOMPARE(r.rows[0].value(Field::AccountId), QByteArray("a"));
        QCOMPARE(r.rows[0].value(Field::Model), QByteArray("m"));
        QCOMPARE(r.rows[0].line, qint64(1));
        QVERIFY(r.rows[1].ok());
    }

    void bigNumberInAMappedTextFieldKeepsItsDigits() {
        const test::Result r = readJsonl("{\"user\":18446744073709551616,\"ts\":1788220800}\n");
        QVERIFY2(r.opened, qPrintable(r.error));
        QCOMPARE(r.rows.size(), 1);
        QVERIFY(r.rows[0].ok());
        QCOMPARE(r.rows[0].value(Field::AccountId), QByteArray("18446744073709551616"));
    }

    void mappedNumberOutOfRangeHasItsOwnReason() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("t.jsonl"));
        QVERIFY(test::writeFile(
            path,
            "{\"user\":\"a\",\"ts\":1788220800,\"prompt_tokens\":18446744073709551616}\n"
            "{\"user\":\"a\",\"ts\":1788220800,\"completion_tokens\":1e400}\n"
            "{\"user\":\"a\",\"ts\":1788220800,\"latency_ms\":\"99999999999999999999\"}\n"
            "{\"user\":\"a\",\"ts\":1788220800,\"prompt_tokens\":12}\n"));
        QString error;
        auto file = CaseFile::open(dir.filePath(QStringLiteral("c.quarry")),
                                   CaseFile::Access::CreateIfMissing, &error);
        ImportResult result;
        QVERIFY2(Importer(*file).run(path, ImportOptions(), result, &error), qPrintable(error));
        QCOMPARE(result.rowsImported, int64_t(1));
        sql::Statement q(file->db(), "SELECT line, kind, reason FROM quarantine ORDER BY line");
        const char* fields[] = {"prompt_tokens", "completion_tokens", "latency_ms"};
        for (int i = 0; i < 3; ++i) {
            QVERIFY(q.step());
            QCOMPARE(q.int64(0), int64_t(i + 1));
            QCOMPARE(q.text(1), QStringLiteral("number out of range"));
            QVERIFY2(q.text(2).startsWith(QLatin1String(fields[i])), qPrintable(q.text(2)));
        }
        QVERIFY(!q.step());
    }

    void deepNestingIsRead_data() {
        QTest::addColumn<int>("depth");
        QTest::newRow("1,100") << 1100;
        QTest::newRow("20,000") << 20000;
        QTest::newRow("99,000") << 99000;
    }
    void deepNestingIsRead() {
        QFETCH(int, depth);
        // Deep in an unmapped field, and deep as the mapped prompt (serialised back to text).
        const test::Result r =
            readJsonl("{\"user\":\"a\",\"ts\":1788220800,\"payload\":" + nested(depth, "1") +
                      "}\n"
                      "{\"user\":\"b\",\"ts\":1788220800,\"prompt\":" +
                      nested(depth, "\"deep\"") +
                      "}\n"
                      "{\"user\":\"c\",\"ts\":1788220800}\n");
        QVERIFY2(r.opened, qPrintable(r.error));
        QCOMPARE(r.rows.size(), 3);
        for (const auto& row : r.rows) QVERIFY2(row.ok(), row.message.constData());
        QCOMPARE(r.rows[1].value(Field::Prompt), nested(depth, "\"deep\""));
        QCOMPARE(r.rows[2].value(Field::AccountId), QByteArray("c"));
    }

    void nestingBeyondTheBoundIsQuarantinedNotACrash() {
        const test::Result r = readJsonl("{\"user\":\"a\",\"ts\":1,\"x\":" + nested(300000, "") +
                                         "}\n"
                                         "{\"user\":\"b\",\"ts\":1,\"x\":" +
                                         QByteArray(1000000, '[') +
                                         "\n"
                                         "{\"user\":\"c\",\"ts\":1}\n");
        QVERIFY2(r.opened, qPrintable(r.error));
        QCOMPARE(r.rows.size(), 3);
        QCOMPARE(r.rows[0].kind, test::kindName(RejectKind::MalformedJson));
        QVERIFY2(r.rows[0].message.contains("nested deeper than"), r.rows[0].message.constData());
        QCOMPARE(r.rows[1].kind, test::kindName(RejectKind::MalformedJson));
        QVERIFY(r.rows[2].ok());
    }
};

QTEST_GUILESS_MAIN(TestJsonlValidRecords)
#include "tst_jsonlvalidrecords.moc"
