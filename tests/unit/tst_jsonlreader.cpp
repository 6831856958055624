// SPDX-License-Identifier: GPL-3.0-or-later
#include <QCryptographicHash>
#include <QMap>
#include <QTemporaryDir>
#include <QtTest>

#include "ingest/inputfile.h"
#include "ingest/jsonlreader.h"
#include "ingest/recordreader.h"
#include "readertestutil.h"
#include "testutil.h"

using namespace quarry;
using namespace Qt::StringLiterals;

namespace {

using test::Rec;
using test::Result;
using test::bytes;
using test::kindName;

Result readJsonl(const QByteArray& content, const QStringList& maps = {},
                 const RecordReader::Limits& limits = {}) {
    return test::readAll<JsonlReader>(content, QStringLiteral("in.jsonl"), maps, limits);
}

// The single record of a one-line file.
Rec one(const QByteArray& line, const QStringList& maps = {}) {
    const Result r = readJsonl(line + "\n", maps);
    if (!r.opened || r.rows.size() != 1) {
        Rec bad;
        bad.kind = "test: expected exactly one record";
        return bad;
    }
    return r.rows[0];
}

#define OPEN_OK(r) QVERIFY2((r).opened, qPrintable((r).error))

}  // namespace

class TestJsonlReader final : public QObject {
    Q_OBJECT
private slots:
    void fieldMapping_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("field");
        QTest::addColumn<QByteArray>("expected");
        // Canonical names and aliases.
        QTest::newRow("canonical") << QByteArray("{\"account_id\":\"a1\"}")
                                   << index(Field::AccountId) << QByteArray("a1");
        QTest::newRow("alias user") << QByteArray("{\"user\":\"a1\"}") << index(Field::AccountId)
                                    << QByteArray("a1");
        QTest::newRow("alias startTime") << QByteArray("{\"startTime\":\"2026-09-01T10:00:00Z\"}")
                                         << index(Field::Timestamp)
                                         << QByteArray("2026-09-01T10:00:00Z");
        QTest::newRow("dotted top-level key")
            << QByteArray("{\"gen_ai.request.model\":\"m\"}") << index(Field::Model)
            << QByteArray("m");
        // Nested objects flatten to dotted keys; '.' normalises to '_' for the alias lookup.
        QTest::newRow("nested user.id") << QByteArray("{\"user\":{\"id\":\"u1\"}}")
                                        << index(Field::AccountId) << QByteArray("u1");
        QTest::newRow("nested enduser.id") << QByteArray("{\"enduser\":{\"id\":\"u2\"}}")
                                           << index(Field::AccountId) << QByteArray("u2");
        QTest::newRow("nested gen_ai.usage.input_tokens")
            << QByteArray("{\"gen_ai\":{\"usage\":{\"input_tokens\":12}}}")
            << index(Field::PromptTokens) << QByteArray("12");
        // OpenTelemetry: dotted attribute names under a container.
        QTest::newRow("otel attributes model")
            << QByteArray("{\"name\":\"chat\",\"attributes\":{\"gen_ai.request.model\":\"m\"}}")
            << index(Field::Model) << QByteArray("m");
        QTest::newRow("otel attributes user.id")
            << QByteArray("{\"attributes\":{\"user.id\":\"u3\"}}") << index(Field::AccountId)
            << QByteArray("u3");
        QTest::newRow("otel resource attributes tokens")
            << QByteArray("{\"span\":{\"attributes\":{\"gen_ai.usage.output_tokens\":7}}}")
            << index(Field::CompletionTokens) << QByteArray("7");
        // Values: numbers become their text, bools "true"/"false", strings unescaped.
        QTest::newRow("int") << QByteArray("{\"prompt_tokens\":42}") << index(Field::PromptTokens)
                             << QByteArray("42");
        QTest::newRow("negative int") << QByteArray("{\"latency_ms\":-5}")
                                      << index(Field::LatencyMs) << QByteArray("-5");
        QTest::newRow("zero") << QByteArray("{\"status_code\":0}") << index(Field::StatusCode)
                              << QByteArray("0");
        QTest::newRow("uint64") << QByteArray("{\"request_id\":18446744073709551615}")
                                << index(Field::RequestId) << QByteArray("18446744073709551615");
        QTest::newRow("double") << QByteArray("{\"latency\":12.5}") << index(Field::LatencyMs)
                                << QByteArray("12.5");
        QTest::newRow("double exponent") << QByteArray("{\"latency\":1.5e3}")
                                         << index(Field::LatencyMs) << QByteArray("1500");
        QTest::newRow("epoch seconds number") << QByteArray("{\"created_at\":1767225600}")
                                              << index(Field::Timestamp)
                                              << QByteArray("1767225600");
        QTest::newRow("epoch seconds fraction")
            << QByteArray("{\"created_at\":1767225600.25}") << index(Field::Timestamp)
            << QByteArray("1767225600.25");
        QTest::newRow("bool true") << QByteArray("{\"topic\":true}") << index(Field::Topic)
                                   << QByteArray("true");
        QTest::newRow("bool false") << QByteArray("{\"topic\":false}") << index(Field::Topic)
                                    << QByteArray("false");
        QTest::newRow("escapes") << QByteArray("{\"prompt\":\"a\\nb \\\"q\\\" \\u00e9 \\ud83d\\ude00\"}")
                                 << index(Field::Prompt)
                                 << QByteArray("a\nb \"q\" \xC3\xA9 \xF0\x9F\x98\x80");
        QTest::newRow("raw utf8") << QByteArray("{\"prompt\":\"caf\xC3\xA9\"}")
                                  << index(Field::Prompt) << QByteArray("caf\xC3\xA9");
        QTest::newRow("array for a text field is its JSON")
            << QByteArray("{\"country\":[\"DE\", \"FR\"]}") << index(Field::Country)
            << QByteArray("[\"DE\",\"FR\"]");
        // Chat transcripts: the user turns' text.
        QTest::newRow("messages user turns")
            << QByteArray("{\"messages\":[{\"role\":\"system\",\"content\":\"sys\"},"
                          "{\"role\":\"user\",\"content\":\"first\"},"
                          "{\"role\":\"assistant\",\"content\":\"reply\"},"
                          "{\"role\":\"user\",\"content\":\"second\"}]}")
            << index(Field::Prompt) << QByteArray("first\n\nsecond");
        QTest::newRow("messages content parts")
            << QByteArray("{\"messages\":[{\"role\":\"user\",\"content\":["
                          "{\"type\":\"text\",\"text\":\"look at this\"},"
                          "{\"type\":\"image_url\",\"image_url\":{\"url\":\"x\"}},"
                          "{\"type\":\"text\",\"text\":\"and this\"}]}]}")
            << index(Field::Prompt) << QByteArray("look at this\n\nand this");
        QTest::newRow("request body object with messages")
            << QByteArray("{\"request_body\":{\"model\":\"m\",\"messages\":["
                          "{\"role\":\"user\",\"content\":\"hi\"}]}}")
            << index(Field::Prompt) << QByteArray("hi");
        QTest::newRow("otel input messages under attributes")
            << QByteArray("{\"attributes\":{\"gen_ai.input.messages\":["
                          "{\"role\":\"user\",\"content\":\"otel q\"}]}}")
            << index(Field::Prompt) << QByteArray("otel q");
        QTest::newRow("messages without user turns fall back to JSON")
            << QByteArray("{\"messages\":[{\"role\":\"system\",\"content\":\"s\"}]}")
            << index(Field::Prompt) << QByteArray("[{\"role\":\"system\",\"content\":\"s\"}]");
        // The first key for a field wins.
        QTest::newRow("first key wins") << QByteArray("{\"user\":\"first\",\"user_id\":\"second\"}")
                                        << index(Field::AccountId) << QByteArray("first");
        QTest::newRow("first key wins, other order")
            << QByteArray("{\"user_id\":\"second\",\"user\":\"first\"}") << index(Field::AccountId)
            << QByteArray("second");
        QTest::newRow("flat key before nested")
            << QByteArray("{\"account_id\":\"flat\",\"user\":{\"id\":\"nested\"}}")
            << index(Field::AccountId) << QByteArray("flat");
        QTest::newRow("null does not claim the field")
            << QByteArray("{\"user\":null,\"user_id\":\"b\"}") << index(Field::AccountId)
            << QByteArray("b");
        QTest::newRow("empty string does not claim the field")
            << QByteArray("{\"user\":\"\",\"user_id\":\"b\"}") << index(Field::AccountId)
            << QByteArray("b");
    }
    void fieldMapping() {
        QFETCH(QByteArray, json);
        QFETCH(int, field);
        QFETCH(QByteArray, expected);
        const Rec r = one(json);
        QVERIFY2(r.ok(), (r.kind + ": " + r.message).constData());
        QVERIFY2(r.values.contains(field), qPrintable(QString::number(field)));
        QCOMPARE(r.values.value(field), expected);
    }

    void absentValues() {
        const Rec r = one("{\"user\":\"a\",\"ts\":1,\"model\":null,\"ip\":\"\",\"spend\":1.5,"
                          "\"meta\":{\"session\":{\"id\":\"s1\"}},\"metadata\":{\"x\":1}}");
        QVERIFY(r.ok());
        QVERIFY(!r.has(Field::Model));  // null
        QVERIFY(!r.has(Field::Ip));     // empty string
        // "meta.session.id" must not collapse to the bare alias "id" (request_id).
        QVERIFY(!r.has(Field::RequestId));
        QCOMPARE(r.values.size(), 2);
    }

    void hugeDoubleIsWrittenAsANumber() {
        // A double too long for fixed notation must still come out as a readable number.
        const Rec r = one("{\"user\":1e300,\"ts\":1}");
        QVERIFY(r.ok());
        bool ok = false;
        const double back = r.value(Field::AccountId).toDouble(&ok);
        QVERIFY2(ok, r.value(Field::AccountId).constData());
        QCOMPARE(back, 1e300);
    }

    void explicitMapping() {
        const Result r = readJsonl("{\"who\":{\"name\":\"w1\"},\"user\":\"u1\",\"t\":\"2026-09-01\"}"
                                   "\n",
                                   {u"who.name=account_id"_s, u"t=timestamp"_s});
        OPEN_OK(r);
        QCOMPARE(r.rows.size(), 1);
        QCOMPARE(r.rows[0].value(Field::AccountId), QByteArray("w1"));
        QCOMPARE(r.rows[0].value(Field::Timestamp), QByteArray("2026-09-01"));
        QVERIFY(r.mapped.contains(u"who.name->account_id"_s));
        QVERIFY(r.ignored.contains(u"user"_s));
    }

    void explicitIgnore() {
        const Rec r = one("{\"user\":\"u1\",\"ts\":1,\"ip\":\"10.0.0.1\"}", {u"ip=-"_s});
        QVERIFY(r.ok());
        QVERIFY(!r.has(Field::Ip));
        QCOMPARE(r.value(Field::AccountId), QByteArray("u1"));
    }

    void malformedLines() {
        const QByteArray content = "{\"user\":\"a\",\"ts\":1}"
                                   "\n"
                                   "{\"user\":\"b\",\"ts\":"
                                   "\n"
                                   "[1,2,3]"
                                   "\n"
                                   "\"just a string\""
                                   "\n"
                                   "42\n"
                                   "{\"user\":\"c\",\"ts\":1} trailing\n"
                                   "{\"user\":\"d\",\"ts\":4}"
                                   "\n";
        const Result r = readJsonl(content);
        OPEN_OK(r);
        QCOMPARE(r.rows.size(), 7);
        QVERIFY(r.rows[0].ok());
        for (int k = 1; k <= 5; ++k) {
            QCOMPARE(r.rows[k].kind, kindName(RejectKind::MalformedJson));
            QCOMPARE(r.rows[k].line, qint64(k + 1));
            QVERIFY(r.rows[k].message.startsWith("malformed JSON"));
        }
        QCOMPARE(r.rows[1].raw, QByteArray("{\"user\":\"b\",\"ts\":"));
        QVERIFY(r.rows[2].message.contains("not an object"));
        QVERIFY(r.rows[3].message.contains("not an object"));
        QVERIFY(r.rows[6].ok());
        QCOMPARE(r.rows[6].value(Field::AccountId), QByteArray("d"));
        QCOMPARE(r.rows[6].line, qint64(7));
    }

    void invalidUtf8IsRejected() {
        const Result r = readJsonl("{\"user\":\"a\xC0\xAF\",\"ts\":1}\n{\"user\":\"b\",\"ts\":1}\n");
        OPEN_OK(r);
        QCOMPARE(r.rows.size(), 2);
        QVERIFY(!r.rows[0].ok());
        QCOMPARE(r.rows[1].value(Field::AccountId), QByteArray("b"));
    }

    void loneSurrogateEscapeIsRejected() {
        // "\ud800" alone would decode to bytes that are not UTF-8; the row must not pass.
        const Result r = readJsonl("{\"user\":\"a\\ud800b\",\"ts\":1}\n{\"user\":\"c\",\"ts\":1}\n");
        OPEN_OK(r);
        QCOMPARE(r.rows.size(), 2);
        QCOMPARE(r.rows[0].kind, kindName(RejectKind::MalformedJson));
        QCOMPARE(r.rows[1].value(Field::AccountId), QByteArray("c"));
    }

    void blankLinesAndLineEndings_data() {
        QTest::addColumn<QByteArray>("eol");
        QTest::newRow("LF") << QByteArray("\n");
        QTest::newRow("CRLF") << QByteArray("\r\n");
    }
    void blankLinesAndLineEndings() {
        QFETCH(QByteArray, eol);
        const QByteArray content = "{\"user\":\"a\",\"ts\":1,\"model\":\"m1\"}" + eol +  // 1
                                   eol +                                        // 2
                                   "   \t " + eol +                             // 3
                                   "{\"user\":\"b\",\"ts\":2,\"model\":\"m2\"}" + eol +  // 4
                                   eol + eol +                                  // 5, 6
                                   "{\"user\":\"c\",\"ts\":3,\"model\":\"m3\"}";        // 7, no eol
        const Result r = readJsonl(content);
        OPEN_OK(r);
        QCOMPARE(r.rows.size(), 3);
        QCOMPARE(r.rows[0].line, qint64(1));
        QCOMPARE(r.rows[1].line, qint64(4));
        QCOMPARE(r.rows[2].line, qint64(7));
        QCOMPARE(r.rows[0].value(Field::Model), QByteArray("m1"));
        QCOMPARE(r.rows[1].value(Field::Model), QByteArray("m2"));
        QCOMPARE(r.rows[2].value(Field::Model), QByteArray("m3"));
        QCOMPARE(r.rows[0].raw, QByteArray("{\"user\":\"a\",\"ts\":1,\"model\":\"m1\"}"));
        QCOMPARE(r.sha256, QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
    }

    void bomIsSkipped() {
        const Result r = readJsonl("\xEF\xBB\xBF{\"user\":\"a\",\"ts\":1}\n");
        OPEN_OK(r);
        QCOMPARE(r.rows.size(), 1);
        QVERIFY(r.rows[0].ok());
        QCOMPARE(r.rows[0].line, qint64(1));
        QCOMPARE(r.rows[0].value(Field::AccountId), QByteArray("a"));
    }

    void emptyFileHasNoRecords() {
        const Result r = readJsonl("");
        OPEN_OK(r);
        QVERIFY(r.rows.isEmpty());
        QVERIFY(r.error.isEmpty());
    }

    void lineTooLarge_data() {
        QTest::addColumn<int>("size");
        QTest::addColumn<bool>("last");  // the oversized line is the last one, no newline
        QTest::newRow("2 KiB") << 2048 << false;
        QTest::newRow("6 MiB") << (6 << 20) << false;
        QTest::newRow("2 KiB last") << 2048 << true;
        QTest::newRow("6 MiB last") << (6 << 20) << true;
    }
    void lineTooLarge() {
        QFETCH(int, size);
        QFETCH(bool, last);
        RecordReader::Limits limits;
        limits.maxRecordBytes = 1024;
        const QByteArray head = "{\"user\":\"big\",\"ts\":1,\"prompt\":\"";
        const QByteArray big = head + QByteArray(size, 'x') + "\"}";
        QByteArray content = "{\"user\":\"a\",\"ts\":1}"
                             "\n" + big;
        if (!last) content += "\n" "{\"user\":\"c\",\"ts\":1}" "\n";
        const Result r = readJsonl(content, {}, limits);
        OPEN_OK(r);
        QCOMPARE(r.rows.size(), last ? 2 : 3);
        QVERIFY(r.rows[0].ok());
        QCOMPARE(r.rows[1].kind, kindName(RejectKind::RecordTooLarge));
        QCOMPARE(r.rows[1].line, qint64(2));
        QVERIFY(r.rows[1].message.contains("1024"));
        // Only a prefix of the line is kept for quarantine, and it is the line's own bytes.
        QVERIFY(r.rows[1].raw.size() <= 4096);
        QVERIFY(!r.rows[1].raw.isEmpty());
        QVERIFY2(big.startsWith(r.rows[1].raw), r.rows[1].raw.left(80).constData());
        if (!last) {
            QVERIFY(r.rows[2].ok());
            QCOMPARE(r.rows[2].value(Field::AccountId), QByteArray("c"));
            QCOMPARE(r.rows[2].line, qint64(3));
        }
        QCOMPARE(r.sha256, QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
    }

    void lineLongerThanAChunkWithinLimit() {
        const QByteArray prompt(5 << 20, 'L');
        const QByteArray content = "{\"user\":\"a\",\"ts\":1}"
                                   "\n"
                                   "{\"user\":\"b\",\"ts\":1,\"prompt\":\"" + prompt + "\"}\n"
                                   "{\"user\":\"c\",\"ts\":1}"
                                   "\n";
        const Result r = readJsonl(content);
        OPEN_OK(r);
        QCOMPARE(r.rows.size(), 3);
        QVERIFY2(r.rows[1].ok(), r.rows[1].message.constData());
        QCOMPARE(r.rows[1].value(Field::Prompt).size(), prompt.size());
        QCOMPARE(r.rows[2].value(Field::AccountId), QByteArray("c"));
        QCOMPARE(r.rows[2].line, qint64(3));
    }

    void largeFileAcrossChunkBoundaries() {
        // ~6 MB of lines of varying length, so lines straddle the 4 MiB window at arbitrary
        // offsets; every line must come back intact with its physical line number.
        QByteArray content;
        QList<QByteArray> prompts;
        QList<qint64> lines;
        qint64 line = 1;
        quint32 state = 99;
        auto rnd = [&state](quint32 n) {
            state = state * 1664525u + 1013904223u;
            return (state >> 8) % n;
        };
        for (int i = 0; content.size() < 6 * 1000 * 1000; ++i) {
            const QByteArray prompt = "p" + QByteArray::number(i) + " " +
                                      QByteArray(static_cast<int>(rnd(400)), 'z');
            const QByteArray eol = rnd(4) == 0 ? "\r\n" : "\n";
            content += "{\"user\":{\"id\":\"u" + QByteArray::number(i % 101) + "\"},\"ts\":" +
                       QByteArray::number(1700000000 + i) + ",\"prompt\":\"" + prompt + "\"}" + eol;
            prompts << prompt;
            lines << line++;
            if (rnd(40) == 0) {
                content += eol;
                ++line;
            }
        }
        QVERIFY(content.size() > qsizetype(InputFile::kChunk));
        const Result r = readJsonl(content);
        OPEN_OK(r);
        QCOMPARE(r.rows.size(), prompts.size());
        for (int k = 0; k < prompts.size(); ++k) {
            const Rec& got = r.rows[k];
            if (!got.ok() || got.line != lines[k] || got.value(Field::Prompt) != prompts[k] ||
                got.value(Field::AccountId) != "u" + QByteArray::number(k % 101) ||
                got.value(Field::Timestamp) != QByteArray::number(1700000000 + k))
                QFAIL(qPrintable(QStringLiteral("record %1: line %2 (want %3), %4 %5")
                                     .arg(k)
                                     .arg(got.line)
                                     .arg(lines[k])
                                     .arg(QString::fromUtf8(got.kind),
                                          QString::fromUtf8(got.message))));
        }
        QCOMPARE(r.sha256, QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
    }

    void sniff_data() {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<bool>("jsonl");
        QTest::newRow("object") << QByteArray("{\"a\":1}") << true;
        QTest::newRow("leading blanks") << QByteArray(" \t\r\n\n{\"a\":1}") << true;
        QTest::newRow("BOM then object") << QByteArray("\xEF\xBB\xBF{\"a\":1}") << true;
        QTest::newRow("csv header") << QByteArray("timestamp,account_id\n") << false;
        QTest::newRow("array") << QByteArray("[{\"a\":1}]") << false;
        QTest::newRow("empty") << QByteArray() << false;
        QTest::newRow("blank only") << QByteArray(" \n\n") << false;
        QTest::newRow("quoted csv header") << QByteArray("\"timestamp\",\"user\"\n") << false;
    }
    void sniff() {
        QFETCH(QByteArray, head);
        QFETCH(bool, jsonl);
        QCOMPARE(JsonlReader::sniff(head), jsonl);
    }
};

QTEST_GUILESS_MAIN(TestJsonlReader)
#include "tst_jsonlreader.moc"
