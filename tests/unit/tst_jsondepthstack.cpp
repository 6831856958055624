// SPDX-License-Identifier: GPL-3.0-or-later
// A record nested as deep as the JSONL reader accepts (100,000 levels) must not cost call stack
// when its value is written back as text (issue 15, found by the AddressSanitizer build:
// simdjson's serializer recursed once per 16 levels and overflowed the stack). The reads run on
// a thread with a 256 KiB stack, far less than the 8 MiB of a main thread, so a serializer that
// recursed with the depth crashes this suite whatever the compiler's frame sizes.
#include <QThread>
#include <QtTest>

#include <functional>

#include "ingest/jsonlreader.h"
#include "readertestutil.h"

using namespace quarry;

namespace {

constexpr uint kSmallStack = 256 * 1024;

QByteArray nested(int depth, const QByteArray& inner) {
    return QByteArray(depth, '[') + inner + QByteArray(depth, ']');
}

// Runs work on a thread whose stack is kSmallStack bytes.
void onSmallStack(const std::function<void()>& work) {
    std::unique_ptr<QThread> thread(QThread::create(work));
    thread->setStackSize(kSmallStack);
    thread->start();
    thread->wait();
}

test::Result readJsonl(const QByteArray& content, bool preview) {
    test::Result r;
    onSmallStack([&] {
        r = test::readAll<JsonlReader>(
            content, QStringLiteral("in.jsonl"), {}, {},
            [preview](JsonlReader& reader, test::Result&) { reader.setPreview(preview); });
    });
    return r;
}

// The text the reader stores for a JSON value in a mapped field: the value goes in an array
// (an object at the top would be flattened into dotted keys), written back by json::minified.
// Through the reader rather than simdjson directly: the library is built with simdjson's
// threads option, and a suite parsing with other options would mix two layouts of its parser.
QByteArray minifiedText(const QByteArray& json) {
    const test::Result r =
        readJsonl("{\"user\":\"a\",\"ts\":1788220800,\"model\":[" + json + "]}\n", false);
    if (r.rows.size() != 1 || !r.rows[0].ok()) return "(not read: " + r.rows.value(0).message + ")";
    const QByteArray text = r.rows[0].value(Field::Model);
    return text.mid(1, text.size() - 2);  // without the array around it
}

}  // namespace

class TestJsonDepthStack final : public QObject {
    Q_OBJECT
private slots:
    void minifiedWritesEveryKindOfValue_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("scalars") << QByteArray(
                                        " [ 1 , -2 , 18446744073709551615 , 2.5 , true , "
                                        "false , null , \"s\" ] ")
                                 << QByteArray(
                                        "[1,-2,18446744073709551615,2.5,true,false,null,\"s\"]");
        QTest::newRow("escapes") << QByteArray("{\"k\\\"ey\" : \"a\\\\b\\n\\u0001\\u00e9\"}")
                                 << QByteArray("{\"k\\\"ey\":\"a\\\\b\\n\\u0001\xC3\xA9\"}");
        QTest::newRow("empty containers")
            << QByteArray("{ \"a\" : [ ] , \"b\" : { } , \"c\" : [ { } , [ ] ] }")
            << QByteArray("{\"a\":[],\"b\":{},\"c\":[{},[]]}");
        QTest::newRow("objects in arrays") << QByteArray("[{\"a\":1,\"b\":[2,{\"c\":3}]},4]")
                                           << QByteArray("[{\"a\":1,\"b\":[2,{\"c\":3}]},4]");
        QTest::newRow("a scalar alone") << QByteArray("\"x\"") << QByteArray("\"x\"");
        QTest::newRow("20 levels (past simdjson's 16 before it recursed)")
            << nested(20, "1") << nested(20, "1");
        QTest::newRow("99,000 levels")
            << nested(99000, "{\"k\":[]}") << nested(99000, "{\"k\":[]}");
    }
    void minifiedWritesEveryKindOfValue() {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        QCOMPARE(minifiedText(input), expected);
    }

    void deepestRecordIsReadOnASmallStack_data() {
        QTest::addColumn<bool>("preview");
        QTest::newRow("import") << false;
        QTest::newRow("preview (every value shown as text)") << true;
    }
    void deepestRecordIsReadOnASmallStack() {
        QFETCH(bool, preview);
        const int depth = 99000;  // near the 100,000 levels a record may have
        const test::Result r =
            readJsonl("{\"user\":\"a\",\"ts\":1788220800,\"payload\":" + nested(depth, "1") +
                          "}\n" + "{\"user\":\"b\",\"ts\":1788220800,\"prompt\":" +
                          nested(depth, "{\"role\":\"user\"}") + "}\n" +
                          "{\"user\":\"c\",\"ts\":1788220800}\n",
                      preview);
        QVERIFY2(r.opened, qPrintable(r.error));
        QCOMPARE(r.rows.size(), 3);
        for (const auto& row : r.rows) QVERIFY2(row.ok(), row.message.constData());
        QCOMPARE(r.rows[1].value(Field::Prompt), nested(depth, "{\"role\":\"user\"}"));
        QCOMPARE(r.rows[2].value(Field::AccountId), QByteArray("c"));
    }

    void millionLevelsAreQuarantinedOnASmallStack() {
        const test::Result r = readJsonl("{\"user\":\"a\",\"ts\":1,\"x\":" + nested(1000000, "") +
                                             "}\n{\"user\":\"b\",\"ts\":1}\n",
                                         false);
        QVERIFY2(r.opened, qPrintable(r.error));
        QCOMPARE(r.rows.size(), 2);
        QCOMPARE(r.rows[0].kind, test::kindName(RejectKind::MalformedJson));
        QVERIFY2(r.rows[0].message.contains("nested deeper than 100000 levels"),
                 r.rows[0].message.constData());
        QVERIFY(r.rows[1].ok());
    }
};

QTEST_GUILESS_MAIN(TestJsonDepthStack)
#include "tst_jsondepthstack.moc"
