// SPDX-License-Identifier: GPL-3.0-or-later
#include <QCryptographicHash>
#include <QMap>
#include <QTemporaryDir>
#include <QtTest>

#include "ingest/csvreader.h"
#include "ingest/inputfile.h"
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

Result readCsv(const QByteArray& content, const QStringList& maps = {},
               const RecordReader::Limits& limits = {}) {
    return test::readAll<CsvReader>(content, QStringLiteral("in.csv"), maps, limits,
                                    [](CsvReader& r, Result& res) { res.header = r.header(); });
}

#define OPEN_OK(r) QVERIFY2((r).opened, qPrintable((r).error))

}  // namespace

class TestCsvReader final : public QObject {
    Q_OBJECT
private slots:
    // ---- header and mapping -------------------------------------------------------------

    void headerMapsByAlias() {
        const Result r = readCsv(
            "startTime,user,requester_ip_address,input_tokens,spend,Model\n"
            "2026-09-01T10:00:00Z,alice,10.0.0.1,42,0.5,gpt-x\n");
        OPEN_OK(r);
        QCOMPARE(r.header, QStringList({u"startTime"_s, u"user"_s, u"requester_ip_address"_s,
                                        u"input_tokens"_s, u"spend"_s, u"Model"_s}));
        QCOMPARE(r.rows.size(), 1);
        const Rec& row = r.rows[0];
        QVERIFY(row.ok());
        QCOMPARE(row.value(Field::Timestamp), QByteArray("2026-09-01T10:00:00Z"));
        QCOMPARE(row.value(Field::AccountId), QByteArray("alice"));
        QCOMPARE(row.value(Field::Ip), QByteArray("10.0.0.1"));
        QCOMPARE(row.value(Field::PromptTokens), QByteArray("42"));
        QCOMPARE(row.value(Field::Model), QByteArray("gpt-x"));
        QCOMPARE(row.values.size(), 5);  // "spend" maps to nothing
        QVERIFY(r.mapped.contains(u"startTime->timestamp"_s));
        QVERIFY(r.mapped.contains(u"user->account_id"_s));
        QCOMPARE(r.ignored, QStringList({u"spend"_s}));
    }

    void firstColumnForAFieldWins() {
        const Result r = readCsv("user,user_id,ts\nfirst,second,1700000000\n");
        OPEN_OK(r);
        QCOMPARE(r.rows.size(), 1);
        QCOMPARE(r.rows[0].value(Field::AccountId), QByteArray("first"));
        QVERIFY(r.ignored.contains(u"user_id"_s));
    }

    void explicitMappingOverridesAliases() {
        // "user" would map to account_id by alias; the explicit mapping names "who" instead,
        // and "user" must then not claim the field as well.
        const Result r = readCsv("when,who,user,status\n"
                                 "2026-09-01,acct-7,someone,success\n",
                                 {u"who=account_id"_s, u"when=timestamp"_s, u"status=-"_s});
        OPEN_OK(r);
        QCOMPARE(r.rows.size(), 1);
        const Rec& row = r.rows[0];
        QCOMPARE(row.value(Field::AccountId), QByteArray("acct-7"));
        QCOMPARE(row.value(Field::Timestamp), QByteArray("2026-09-01"));
        QCOMPARE(row.values.size(), 2);
        QVERIFY(r.ignored.contains(u"user"_s));
        QVERIFY(r.ignored.contains(u"status"_s));
    }

    void explicitMappingCanIgnoreAnAliasColumn() {
        const Result r =
            readCsv("timestamp,account_id,ip\n2026-09-01,a,10.0.0.1\n", {u"ip=-"_s});
        OPEN_OK(r);
        QCOMPARE(r.rows.size(), 1);
        QVERIFY(!r.rows[0].has(Field::Ip));
    }

    void mappingSpecErrors_data() {
        QTest::addColumn<QString>("spec");
        QTest::newRow("no equals") << u"who"_s;
        QTest::newRow("no source") << u"=account_id"_s;
        QTest::newRow("no field") << u"who="_s;
        QTest::newRow("not a field") << u"who=acount_id"_s;
    }
    void mappingSpecErrors() {
        QFETCH(QString, spec);
        ColumnMapping m;
        QString error;
        QVERIFY(!m.add(spec, &error));
        QVERIFY2(error.contains(spec), qPrintable(error));
    }

    void mapNamingAbsentColumnFails() {
        const Result r = readCsv("timestamp,account_id\n2026-09-01,a\n", {u"nosuchcol=ip"_s});
        QVERIFY(!r.opened);
        QVERIFY2(r.error.contains(u"'nosuchcol'"_s), qPrintable(r.error));
    }

    void missingRequiredColumnFails_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("field");
        QTest::newRow("no timestamp") << QByteArray("account_id,model\na,m\n") << u"timestamp"_s;
        QTest::newRow("no account") << QByteArray("timestamp,model\n2026-09-01,m\n")
                                    << u"account_id"_s;
        QTest::newRow("header only, no account") << QByteArray("timestamp") << u"account_id"_s;
    }
    void missingRequiredColumnFails() {
        QFETCH(QByteArray, content);
        QFETCH(QString, field);
        const Result r = readCsv(content);
        QVERIFY(!r.opened);
        QVERIFY2(r.error.contains(QStringLiteral("maps to ") + field), qPrintable(r.error));
    }

    void emptyFileFails() {
        const Result r = readCsv("");
        QVERIFY(!r.opened);
        QVERIFY2(r.error.contains(u"empty"_s), qPrintable(r.error));
    }

    void bomIsStrippedFromFirstHeaderName() {
        const Result r = readCsv("\xEF\xBB\xBFtimestamp,account_id\n2026-09-01,a\n");
        OPEN_OK(r);
        QCOMPARE(r.header.first(), QStringLiteral("timestamp"));
        QCOMPARE(r.rows.size(), 1);
        QCOMPARE(r.rows[0].value(Field::Timestamp), QByteArray("2026-09-01"));
        QCOMPARE(r.rows[0].line, qint64(2));
    }

    void quotedAndPaddedHeaderNames() {
        const Result r = readCsv("\"timestamp\", account_id ,\"a,b\"\n2026-09-01,a,x\n");
        OPEN_OK(r);
        QCOMPARE(r.header, QStringList({u"timestamp"_s, u"account_id"_s, u"a,b"_s}));
        QCOMPARE(r.rows[0].value(Field::AccountId), QByteArray("a"));
    }

    // ---- records ------------------------------------------------------------------------

    void lineEndings_data() {
        QTest::addColumn<QByteArray>("eol");
        QTest::newRow("LF") << QByteArray("\n");
        QTest::newRow("CRLF") << QByteArray("\r\n");
    }
    void lineEndings() {
        QFETCH(QByteArray, eol);
        const QByteArray content = "timestamp,account_id,model" + eol + "2026-09-01,a,m1" + eol +
                                   "2026-09-02,b,m2" + eol;
        const Result r = readCsv(content);
        OPEN_OK(r);
        QCOMPARE(r.header.last(), QStringLiteral("model"));
        QCOMPARE(r.rows.size(), 2);
        QCOMPARE(r.rows[0].value(Field::Model), QByteArray("m1"));  // no '\r' left behind
        QCOMPARE(r.rows[1].value(Field::Model), QByteArray("m2"));
        QCOMPARE(r.rows[0].raw, QByteArray("2026-09-01,a,m1"));
        QCOMPARE(r.rows[0].line, qint64(2));
        QCOMPARE(r.rows[1].line, qint64(3));
    }

    void quotedFields_data() {
        QTest::addColumn<QByteArray>("field");     // as written in the file
        QTest::addColumn<QByteArray>("expected");  // the value read back
        QTest::addColumn<int>("extraLines");       // newlines inside the field
        QTest::newRow("plain quoted") << QByteArray("\"hello\"") << QByteArray("hello") << 0;
        QTest::newRow("comma") << QByteArray("\"a, b,c\"") << QByteArray("a, b,c") << 0;
        QTest::newRow("doubled quotes") << QByteArray("\"say \"\"hi\"\"\"")
                                        << QByteArray("say \"hi\"") << 0;
        QTest::newRow("only a quote") << QByteArray("\"\"\"\"") << QByteArray("\"") << 0;
        QTest::newRow("LF inside") << QByteArray("\"line1\nline2\"") << QByteArray("line1\nline2")
                                   << 1;
        QTest::newRow("CRLF inside") << QByteArray("\"line1\r\nline2\r\n\"")
                                     << QByteArray("line1\r\nline2\r\n") << 2;
        QTest::newRow("everything") << QByteArray("\"a,\"\"b\"\"\n,c\r\n\"")
                                    << QByteArray("a,\"b\"\n,c\r\n") << 2;
        QTest::newRow("blank lines inside") << QByteArray("\"\n\n\n\"") << QByteArray("\n\n\n")
                                            << 3;
        QTest::newRow("utf8") << QByteArray("\"caf\xC3\xA9 \xF0\x9F\x98\x80\"")
                              << QByteArray("caf\xC3\xA9 \xF0\x9F\x98\x80") << 0;
    }
    void quotedFields() {
        QFETCH(QByteArray, field);
        QFETCH(QByteArray, expected);
        QFETCH(int, extraLines);
        for (const QByteArray& eol : {QByteArray("\n"), QByteArray("\r\n")}) {
            const QByteArray content = "timestamp,prompt,account_id" + eol + "2026-09-01," +
                                       field + ",acct" + eol + "2026-09-02,after,next" + eol;
            const Result r = readCsv(content);
            OPEN_OK(r);
            QCOMPARE(r.rows.size(), 2);
            QVERIFY2(r.rows[0].ok(), r.rows[0].message.constData());
            QCOMPARE(r.rows[0].value(Field::Prompt), expected);
            QCOMPARE(r.rows[0].value(Field::AccountId), QByteArray("acct"));
            QCOMPARE(r.rows[0].line, qint64(2));
            QCOMPARE(r.rows[1].value(Field::Prompt), QByteArray("after"));
            QCOMPARE(r.rows[1].line, qint64(3 + extraLines));
        }
    }

    void lineNumbersArePhysical() {
        const QByteArray content =
            "timestamp,account_id,prompt\n"   // 1
            "2026-09-01,a,one\n"              // 2
            "\n"                              // 3 blank
            "2026-09-01,b,\"two\n"            // 4
            "lines\"\n"                       // 5
            "\r\n"                            // 6 blank (CRLF)
            "\n"                              // 7 blank
            "2026-09-01,c,\"x\n\ny\n\"\n"     // 8-11
            "2026-09-01,d,four\n"             // 12
            "2026-09-01,e\n"                  // 13 wrong count
            "2026-09-01,f,six\n";             // 14
        const Result r = readCsv(content);
        OPEN_OK(r);
        QList<qint64> lines;
        QByteArray accounts;
        for (const Rec& row : r.rows) {
            lines << row.line;
            if (row.ok()) accounts += row.value(Field::AccountId);
        }
        QCOMPARE(lines, QList<qint64>({2, 4, 8, 12, 13, 14}));
        QCOMPARE(accounts, QByteArray("abcdf"));
        QCOMPARE(r.rows[1].value(Field::Prompt), QByteArray("two\nlines"));
        QCOMPARE(r.rows[2].value(Field::Prompt), QByteArray("x\n\ny\n"));
    }

    void emptyFieldsAreAbsent() {
        const Result r = readCsv("timestamp,account_id,model,ip\n"
                                 "2026-09-01,a,,10.0.0.1\n"
                                 "2026-09-01,b,\"\",\n"
                                 "2026-09-01,c,m,\n");
        OPEN_OK(r);
        QCOMPARE(r.rows.size(), 3);
        QVERIFY(!r.rows[0].has(Field::Model));
        QCOMPARE(r.rows[0].value(Field::Ip), QByteArray("10.0.0.1"));
        QVERIFY(r.rows[1].ok());
        QVERIFY(!r.rows[1].has(Field::Model));
        QVERIFY(!r.rows[1].has(Field::Ip));
        QVERIFY(r.rows[2].ok());  // "a,b," is three fields, the last one empty
        QCOMPARE(r.rows[2].value(Field::Model), QByteArray("m"));
        QVERIFY(!r.rows[2].has(Field::Ip));
    }

    void trailingCommaCountsAField() {
        const Result r = readCsv("timestamp,account_id\n2026-09-01,a,\n2026-09-01,\"b\",\n");
        OPEN_OK(r);
        QCOMPARE(r.rows.size(), 2);
        QCOMPARE(r.rows[0].kind, kindName(RejectKind::ColumnCount));
        QVERIFY2(r.rows[0].message.contains("found 3"), r.rows[0].message.constData());
        QCOMPARE(r.rows[1].kind, kindName(RejectKind::ColumnCount));
        QVERIFY2(r.rows[1].message.contains("found 3"), r.rows[1].message.constData());
    }

    void lastRecordWithoutNewline_data() {
        QTest::addColumn<QByteArray>("last");
        QTest::addColumn<QByteArray>("prompt");
        QTest::newRow("unquoted") << QByteArray("2026-09-02,b,end") << QByteArray("end");
        QTest::newRow("quoted") << QByteArray("2026-09-02,b,\"e,n\nd\"") << QByteArray("e,n\nd");
        QTest::newRow("empty last field") << QByteArray("2026-09-02,b,") << QByteArray();
    }
    void lastRecordWithoutNewline() {
        QFETCH(QByteArray, last);
        QFETCH(QByteArray, prompt);
        const Result r = readCsv("timestamp,account_id,prompt\n2026-09-01,a,x\n" + last);
        OPEN_OK(r);
        QCOMPARE(r.rows.size(), 2);
        QVERIFY2(r.rows[1].ok(), r.rows[1].message.constData());
        QCOMPARE(r.rows[1].value(Field::AccountId), QByteArray("b"));
        QCOMPARE(r.rows[1].has(Field::Prompt), !prompt.isEmpty());
        QCOMPARE(r.rows[1].value(Field::Prompt), prompt);
        QCOMPARE(r.rows[1].line, qint64(3));
    }

    void wrongColumnCount() {
        const Result r = readCsv("timestamp,account_id,model\n"
                                 "2026-09-01,a,m\n"
                                 "2026-09-01,b\n"
                                 "2026-09-01,c,m,extra\n"
                                 "2026-09-01,d,m\n");
        OPEN_OK(r);
        QCOMPARE(r.rows.size(), 4);
        QVERIFY(r.rows[0].ok());
        QCOMPARE(r.rows[1].kind, kindName(RejectKind::ColumnCount));
        QCOMPARE(r.rows[1].line, qint64(3));
        QCOMPARE(r.rows[1].raw, QByteArray("2026-09-01,b"));
        QVERIFY2(r.rows[1].message.contains("expected 3") && r.rows[1].message.contains("found 2"),
                 r.rows[1].message.constData());
        QCOMPARE(r.rows[2].kind, kindName(RejectKind::ColumnCount));
        QCOMPARE(r.rows[2].line, qint64(4));
        QVERIFY(r.rows[3].ok());
        QCOMPARE(r.rows[3].value(Field::AccountId), QByteArray("d"));
        QCOMPARE(r.rows[3].line, qint64(5));
    }

    void malformedQuoting_data() {
        QTest::addColumn<QByteArray>("record");
        QTest::addColumn<QByteArray>("messagePart");
        QTest::newRow("text after closing quote")
            << QByteArray("2026-09-01,\"ab\"c,m") << QByteArray("after the closing quote");
        QTest::newRow("space after closing quote")
            << QByteArray("2026-09-01,\"ab\" ,m") << QByteArray("after the closing quote");
        QTest::newRow("quote inside unquoted field")
            << QByteArray("2026-09-01,ab\"c\",m") << QByteArray("quote inside an unquoted field");
        QTest::newRow("quote after leading space")
            << QByteArray("2026-09-01, \"ab\",m") << QByteArray("quote inside an unquoted field");
    }
    void malformedQuoting() {
        QFETCH(QByteArray, record);
        QFETCH(QByteArray, messagePart);
        const Result r = readCsv("timestamp,account_id,model\n" + record +
                                 "\n2026-09-01,next,m\n");
        OPEN_OK(r);
        QCOMPARE(r.rows.size(), 2);
        QCOMPARE(r.rows[0].kind, kindName(RejectKind::MalformedCsv));
        QCOMPARE(r.rows[0].line, qint64(2));
        QVERIFY2(r.rows[0].message.contains(messagePart) && r.rows[0].message.contains("column 2"),
                 r.rows[0].message.constData());
        QCOMPARE(r.rows[0].raw, record);
        QVERIFY(r.rows[1].ok());
        QCOMPARE(r.rows[1].value(Field::AccountId), QByteArray("next"));
        QCOMPARE(r.rows[1].line, qint64(3));
    }

    void unterminatedQuoteAtEof() {
        const Result r = readCsv("timestamp,account_id,prompt\n"
                                 "2026-09-01,a,ok\n"
                                 "2026-09-01,b,\"never closed\n"
                                 "2026-09-01,c,swallowed\n");
        OPEN_OK(r);
        QCOMPARE(r.rows.size(), 2);
        QVERIFY(r.rows[0].ok());
        QCOMPARE(r.rows[1].kind, kindName(RejectKind::MalformedCsv));
        QCOMPARE(r.rows[1].line, qint64(3));
        QVERIFY2(r.rows[1].message.contains("unterminated"), r.rows[1].message.constData());
        QVERIFY(r.error.isEmpty());
    }

    void recordTooLarge_data() {
        QTest::addColumn<bool>("quoted");
        QTest::addColumn<int>("size");
        QTest::newRow("unquoted 2 KiB") << false << 2048;
        QTest::newRow("quoted multi-line 2 KiB") << true << 2048;
        QTest::newRow("unquoted 6 MiB") << false << (6 << 20);
        QTest::newRow("quoted multi-line 6 MiB") << true << (6 << 20);
    }
    void recordTooLarge() {
        QFETCH(bool, quoted);
        QFETCH(int, size);
        RecordReader::Limits limits;
        limits.maxRecordBytes = 1024;
        QByteArray big;
        int bigLines = 0;
        if (quoted) {
            // Multi-line quoted field with doubled quotes, so the reader must follow the quoting
            // while it skips.
            QByteArray unit = "\"\"q\"\", x\n";
            big = "\"";
            while (big.size() < size) {
                big += unit;
                ++bigLines;
            }
            big += "\"";
        } else {
            big = QByteArray(size, 'x');
        }
        const QByteArray content = "timestamp,account_id,prompt\n"
                                   "2026-09-01,a,small\n"
                                   "2026-09-01,b," + big + "\n"
                                   "2026-09-01,c,after\n";
        const Result r = readCsv(content, {}, limits);
        OPEN_OK(r);
        QCOMPARE(r.rows.size(), 3);
        QVERIFY(r.rows[0].ok());
        QCOMPARE(r.rows[1].kind, kindName(RejectKind::RecordTooLarge));
        QCOMPARE(r.rows[1].line, qint64(3));
        QVERIFY(r.rows[1].raw.size() <= 4096);  // only a prefix is kept for quarantine
        QVERIFY(r.rows[1].raw.startsWith("2026-09-01,b,"));
        QVERIFY2(r.rows[1].message.contains("1024"), r.rows[1].message.constData());
        QVERIFY2(r.rows[2].ok(), r.rows[2].message.constData());
        QCOMPARE(r.rows[2].value(Field::AccountId), QByteArray("c"));
        QCOMPARE(r.rows[2].value(Field::Prompt), QByteArray("after"));
        QCOMPARE(r.rows[2].line, qint64(4 + bigLines));
        QCOMPARE(r.sha256, QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
    }

    void recordAtTheLimitIsRead() {
        RecordReader::Limits limits;
        limits.maxRecordBytes = 1024;
        const QByteArray head = "2026-09-01,b,";
        const QByteArray record = head + QByteArray(1024 - head.size(), 'y');
        const Result r =
            readCsv("timestamp,account_id,prompt\n" + record + "\n2026-09-01,c,z\n", {}, limits);
        OPEN_OK(r);
        QCOMPARE(r.rows.size(), 2);
        QVERIFY2(r.rows[0].ok(), r.rows[0].message.constData());
        QCOMPARE(r.rows[0].value(Field::Prompt).size(), 1024 - head.size());
        QVERIFY(r.rows[1].ok());
    }

    void oversizedRecordAsLastRecord() {
        RecordReader::Limits limits;
        limits.maxRecordBytes = 100;
        const Result r = readCsv("timestamp,account_id,prompt\n2026-09-01,a,x\n2026-09-01,b," +
                                     QByteArray(500, 'z'),
                                 {}, limits);
        OPEN_OK(r);
        QCOMPARE(r.rows.size(), 2);
        QVERIFY(r.rows[0].ok());
        QCOMPARE(r.rows[1].kind, kindName(RejectKind::RecordTooLarge));
        QCOMPARE(r.rows[1].line, qint64(3));
    }

    // ---- streaming across the 4 MiB window ----------------------------------------------

    void largeFileAcrossChunkBoundaries() {
        // ~6 MB of rows: unquoted ones, quoted ones with commas, doubled quotes, LF and CRLF
        // inside, a mix of LF and CRLF record ends and some blank lines, with lengths that vary
        // so records straddle the reader's chunk boundaries at many different offsets.
        struct Expected {
            qint64 line;
            QByteArray account, ts, prompt;
        };
        QList<Expected> expected;
        QByteArray content = "request_id,timestamp,account_id,prompt\r\n";
        qint64 line = 2;
        quint32 state = 7;
        auto rnd = [&state](quint32 n) {
            state = state * 1664525u + 1013904223u;
            return (state >> 8) % n;
        };
        int i = 0;
        while (content.size() < 6 * 1000 * 1000) {
            Expected e;
            e.line = line;
            e.account = "acct-" + QByteArray::number(i % 997);
            e.ts = QByteArray::number(1700000000 + i);
            const QByteArray eol = rnd(3) == 0 ? "\r\n" : "\n";
            QByteArray promptField;
            int inner = 0;
            switch (rnd(4)) {
                case 0:  // unquoted
                    e.prompt = "plain text " + QByteArray(static_cast<int>(rnd(300)), 'p');
                    promptField = e.prompt;
                    break;
                default: {
                    const int parts = 1 + static_cast<int>(rnd(5));
                    for (int k = 0; k < parts; ++k) {
                        const QByteArray piece = "w" + QByteArray::number(i) + ", \"q\" " +
                                                 QByteArray(static_cast<int>(rnd(200)), static_cast<char>('a' + k));
                        e.prompt += piece;
                        if (k + 1 < parts) {
                            const QByteArray brk = rnd(2) ? "\n" : "\r\n";
                            e.prompt += brk;
                            ++inner;
                        }
                    }
                    promptField = '"' + QByteArray(e.prompt).replace("\"", "\"\"") + '"';
                }
            }
            content += "r" + QByteArray::number(i) + "," + e.ts + "," + e.account + "," +
                       promptField + eol;
            line += 1 + inner;
            if (rnd(50) == 0) {
                content += eol;  // blank line
                ++line;
            }
            expected << e;
            ++i;
        }
        QVERIFY(content.size() > qsizetype(InputFile::kChunk));

        const Result r = readCsv(content);
        OPEN_OK(r);
        QVERIFY(r.error.isEmpty());
        QCOMPARE(r.rows.size(), expected.size());
        for (int k = 0; k < expected.size(); ++k) {
            const Rec& got = r.rows[k];
            const Expected& e = expected[k];
            if (!got.ok() || got.line != e.line || got.value(Field::AccountId) != e.account ||
                got.value(Field::Timestamp) != e.ts || got.value(Field::Prompt) != e.prompt ||
                got.value(Field::RequestId) != "r" + QByteArray::number(k)) {
                QFAIL(qPrintable(QStringLiteral("record %1 (line %2): got line %3, kind '%4', "
                                                "message '%5', account '%6', prompt '%7'")
                                     .arg(k)
                                     .arg(e.line)
                                     .arg(got.line)
                                     .arg(QString::fromUtf8(got.kind),
                                          QString::fromUtf8(got.message),
                                          QString::fromUtf8(got.value(Field::AccountId)),
                                          QString::fromUtf8(got.value(Field::Prompt).left(80)))));
            }
        }
        QCOMPARE(r.sha256, QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
    }

    void boundaryFallsInsideAToken_data() {
        // The bytes that land exactly at the end of the first chunk: the marker's split point
        // is placed at InputFile::kChunk.
        QTest::addColumn<QByteArray>("record");  // the record that straddles
        QTest::addColumn<int>("splitAt");        // offset in record placed at kChunk
        QTest::addColumn<QByteArray>("prompt");
        QTest::addColumn<int>("inner");
        const QByteArray crlfEnd = "2026-09-01,s,straddle\r\n";
        QTest::newRow("between CR and LF of record end")
            << crlfEnd << int(crlfEnd.indexOf('\n')) << QByteArray("straddle") << 0;
        const QByteArray lfEnd = "2026-09-01,s,straddle\n";
        QTest::newRow("just before LF") << lfEnd << int(lfEnd.indexOf('\n')) << QByteArray("straddle")
                                        << 0;
        QTest::newRow("just after LF") << lfEnd << int(lfEnd.size()) << QByteArray("straddle") << 0;
        const QByteArray doubled = "2026-09-01,s,\"a\"\"b\"\n";
        QTest::newRow("between doubled quotes")
            << doubled << int(doubled.indexOf("\"\"") + 1) << QByteArray("a\"b") << 0;
        QTest::newRow("after opening quote")
            << doubled << int(doubled.indexOf('"') + 1) << QByteArray("a\"b") << 0;
        QTest::newRow("before closing quote")
            << doubled << int(doubled.lastIndexOf('"')) << QByteArray("a\"b") << 0;
        QTest::newRow("after closing quote")
            << doubled << int(doubled.lastIndexOf('"') + 1) << QByteArray("a\"b") << 0;
        const QByteArray crlfInside = "2026-09-01,s,\"x\r\ny\"\n";
        QTest::newRow("between CR and LF inside quotes")
            << crlfInside << int(crlfInside.indexOf('\n')) << QByteArray("x\r\ny") << 1;
        const QByteArray comma = "2026-09-01,s,\"x,y\"\n";
        QTest::newRow("at a comma inside quotes")
            << comma << int(comma.indexOf("x,") + 1) << QByteArray("x,y") << 0;
    }
    void boundaryFallsInsideAToken() {
        QFETCH(QByteArray, record);
        QFETCH(int, splitAt);
        QFETCH(QByteArray, prompt);
        QFETCH(int, inner);
        const QByteArray header = "timestamp,account_id,prompt\n";
        const QByteArray fillerHead = "2026-09-01,f,";
        const qsizetype target = qsizetype(InputFile::kChunk) - splitAt;
        // One filler record padded so the straddling record starts at `target`.
        const qsizetype pad = target - header.size() - fillerHead.size() - 1;
        QVERIFY(pad > 0);
        const QByteArray content = header + fillerHead + QByteArray(pad, 'f') + "\n" + record +
                                   "2026-09-01,t,tail\n";
        QCOMPARE(content.indexOf(record), target);
        RecordReader::Limits limits;
        limits.maxRecordBytes = 8 << 20;
        const Result r = readCsv(content, {}, limits);
        OPEN_OK(r);
        QCOMPARE(r.rows.size(), 3);
        QVERIFY(r.rows[0].ok());
        QCOMPARE(r.rows[0].value(Field::Prompt).size(), pad);
        QVERIFY2(r.rows[1].ok(), r.rows[1].message.constData());
        QCOMPARE(r.rows[1].value(Field::AccountId), QByteArray("s"));
        QCOMPARE(r.rows[1].value(Field::Prompt), prompt);
        QCOMPARE(r.rows[1].line, qint64(3));
        QVERIFY(r.rows[2].ok());
        QCOMPARE(r.rows[2].value(Field::Prompt), QByteArray("tail"));
        QCOMPARE(r.rows[2].line, qint64(4 + inner));
    }

    void recordLongerThanAChunkWithinLimit() {
        // A 5 MiB record is over one chunk but under the default 8 MiB cap: it must be read.
        const QByteArray longPrompt(5 << 20, 'L');
        const QByteArray content = "timestamp,account_id,prompt\n2026-09-01,a,short\n"
                                   "2026-09-01,b,\"" + longPrompt + "\"\n2026-09-01,c,end\n";
        const Result r = readCsv(content);
        OPEN_OK(r);
        QCOMPARE(r.rows.size(), 3);
        QVERIFY2(r.rows[1].ok(), r.rows[1].message.constData());
        QCOMPARE(r.rows[1].value(Field::Prompt).size(), longPrompt.size());
        QCOMPARE(r.rows[2].value(Field::Prompt), QByteArray("end"));
        QCOMPARE(r.rows[2].line, qint64(4));
    }

    void recordUnderTheCapNeedingTwoRefillsIsRead() {
        // A 6 MiB record that starts late in the first chunk needs two refills; it is under the
        // default 8 MiB cap and must not be reported as too large.
        const QByteArray header = "timestamp,account_id,prompt\n";
        const QByteArray filler =
            "2026-09-01,f," + QByteArray(3 * (1 << 20) - header.size() - 14, 'f') + "\n";
        const QByteArray longPrompt(6 << 20, 'L');
        QByteArray content = header + filler + "2026-09-01,b," + longPrompt + "\n";
        // Enough rows after it that every refill brings a whole chunk.
        const QByteArray tailRow = "2026-09-01,c," + QByteArray(1000, 't') + "\n";
        const int tailRows = 5000;
        for (int k = 0; k < tailRows; ++k) content += tailRow;
        const Result r = readCsv(content);
        OPEN_OK(r);
        QCOMPARE(r.rows.size(), 2 + tailRows);
        QVERIFY2(r.rows[1].ok(), r.rows[1].message.constData());
        QCOMPARE(r.rows[1].value(Field::Prompt).size(), longPrompt.size());
        QCOMPARE(r.rows[2].value(Field::AccountId), QByteArray("c"));
        QCOMPARE(r.rows[2].line, qint64(4));
        QCOMPARE(r.rows.last().line, qint64(3 + tailRows));
    }

    void sha256OfSmallFile() {
        const QByteArray content = "\xEF\xBB\xBFtimestamp,account_id\r\n2026-09-01,a\r\n";
        const Result r = readCsv(content);
        OPEN_OK(r);
        QCOMPARE(r.sha256, QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
    }
};

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
