// SPDX-License-Identifier: GPL-3.0-or-later
#include <QDateTime>
#include <QStringDecoder>
#include <QTimeZone>
#include <QtTest>

#include <map>
#include <string>

#include "ingest/recordreader.h"
#include "ingest/rowconverter.h"
#include "ingest/utf8.h"

using namespace quarry;

namespace {

QByteArray kindName(RejectKind k) { return QByteArray(rejectKindName(k)); }

QByteArray bytes(std::string_view v) {
    return QByteArray(v.data(), static_cast<qsizetype>(v.size()));
}

std::string_view view(const QByteArray& b) {
    return std::string_view(b.constData(), static_cast<size_t>(b.size()));
}

qint64 utcMs(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) {
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), QTimeZone::utc()).toMSecsSinceEpoch();
}

// Owns the bytes a SourceRow's views point at, the way a reader's buffer does. The record's
// raw text is the values joined with commas, so bytes in a value are also in the raw record.
class RowBuilder {
public:
    RowBuilder() {
        values_[Field::AccountId] = "acct-1";
        values_[Field::Timestamp] = "2026-09-01T10:00:00Z";
    }
    RowBuilder& set(Field f, const QByteArray& v) {
        if (v.isNull())
            values_.erase(f);
        else
            values_[f] = v.toStdString();
        return *this;
    }
    // Valid until the builder changes.
    SourceRow build() {
        SourceRow row;
        raw_.clear();
        for (const auto& [f, v] : values_) {
            if (!raw_.empty()) raw_ += ',';
            raw_ += v;
        }
        row.line = 7;
        row.raw = raw_;
        for (const auto& [f, v] : values_) row.set(f, v);
        return row;
    }

private:
    std::map<Field, std::string> values_;
    std::string raw_;
};

constexpr size_t kMaxField = 1 << 20;

}  // namespace

class TestRowConverter final : public QObject {
    Q_OBJECT
private slots:
    void acceptsAndTypesAFullRow() {
        RowBuilder b;
        b.set(Field::Timestamp, "2026-09-01T12:00:00+02:00")
            .set(Field::AccountCreatedAt, "1767225600")
            .set(Field::PromptTokens, " 120 ")
            .set(Field::CompletionTokens, "7")
            .set(Field::StatusCode, "200")
            .set(Field::LatencyMs, "812.6")
            .set(Field::Prompt, "  keep my spacing \n")
            .set(Field::RequestId, " r-1 ");
        SourceRow row = b.build();
        TypedRow out;
        QVERIFY2(convertRow(row, kMaxField, out), row.rejectMessage.c_str());
        QCOMPARE(qint64(out.ts), utcMs(2026, 9, 1, 10));
        QVERIFY(out.hasAccountCreatedAt);
        QCOMPARE(qint64(out.accountCreatedAt), utcMs(2026, 1, 1));
        QCOMPARE(int(out.numberPresent), 0xF);
        QCOMPARE(qint64(out.number[0]), qint64(120));
        QCOMPARE(qint64(out.number[1]), qint64(7));
        QCOMPARE(qint64(out.number[2]), qint64(200));
        QCOMPARE(qint64(out.number[3]), qint64(813));
        QCOMPARE(row.reject, RejectKind::None);
        // Free text is kept as written.
        QCOMPARE(bytes(row.value[index(Field::Prompt)]), QByteArray("  keep my spacing \n"));
    }

    void optionalFieldsStayAbsent() {
        RowBuilder b;
        SourceRow row = b.build();
        TypedRow out;
        // A reused TypedRow must not keep values of the previous row.
        out.hasAccountCreatedAt = true;
        out.accountCreatedAt = 123;
        out.numberPresent = 0xF;
        QVERIFY(convertRow(row, kMaxField, out));
        QVERIFY(!out.hasAccountCreatedAt);
        QCOMPARE(int(out.numberPresent), 0);
        QCOMPARE(row.present, (1u << index(Field::AccountId)) | (1u << index(Field::Timestamp)));
    }

    void numbersPresentBitByBit() {
        RowBuilder b;
        b.set(Field::StatusCode, "429");
        SourceRow row = b.build();
        TypedRow out;
        QVERIFY(convertRow(row, kMaxField, out));
        QCOMPARE(TypedRow::kNumberFields[2], Field::StatusCode);
        QCOMPARE(int(out.numberPresent), 1 << 2);
        QCOMPARE(qint64(out.number[2]), qint64(429));
    }

    void rejects_data() {
        QTest::addColumn<int>("field");
        QTest::addColumn<QByteArray>("value");  // a null QByteArray removes the field
        QTest::addColumn<QByteArray>("kind");
        QTest::addColumn<QByteArray>("messagePart");
        const QByteArray none;
        QTest::newRow("no account") << index(Field::AccountId) << none
                                    << kindName(RejectKind::MissingAccount) << QByteArray("account");
        QTest::newRow("blank account") << index(Field::AccountId) << QByteArray("   ")
                                       << kindName(RejectKind::MissingAccount)
                                       << QByteArray("account");
        QTest::newRow("whitespace account") << index(Field::AccountId) << QByteArray(" \t\r\n ")
                                            << kindName(RejectKind::MissingAccount)
                                            << QByteArray("account");
        QTest::newRow("no timestamp") << index(Field::Timestamp) << none
                                      << kindName(RejectKind::BadTimestamp)
                                      << QByteArray("no timestamp");
        QTest::newRow("bad timestamp") << index(Field::Timestamp) << QByteArray("yesterday")
                                       << kindName(RejectKind::BadTimestamp)
                                       << QByteArray("'yesterday'");
        QTest::newRow("impossible date") << index(Field::Timestamp) << QByteArray("2026-02-30")
                                         << kindName(RejectKind::BadTimestamp)
                                         << QByteArray("'2026-02-30'");
        QTest::newRow("long bad timestamp is cut")
            << index(Field::Timestamp) << QByteArray(100, 'x')
            << kindName(RejectKind::BadTimestamp) << QByteArray("'" + QByteArray(40, 'x') + "...'");
        QTest::newRow("bad account_created_at")
            << index(Field::AccountCreatedAt) << QByteArray("2026-13-01")
            << kindName(RejectKind::BadTime) << QByteArray("account_created_at '2026-13-01'");
        QTest::newRow("prompt_tokens not a number")
            << index(Field::PromptTokens) << QByteArray("12abc")
            << kindName(RejectKind::NotANumber) << QByteArray("prompt_tokens is not a number: '12abc'");
        QTest::newRow("completion_tokens exponent")
            << index(Field::CompletionTokens) << QByteArray("1e3")
            << kindName(RejectKind::NotANumber) << QByteArray("completion_tokens");
        QTest::newRow("status_code word") << index(Field::StatusCode) << QByteArray("success")
                                          << kindName(RejectKind::NotANumber)
                                          << QByteArray("status_code");
        QTest::newRow("latency_ms blank") << index(Field::LatencyMs) << QByteArray("  ")
                                          << kindName(RejectKind::NotANumber)
                                          << QByteArray("latency_ms");
        QTest::newRow("field over cap") << index(Field::Prompt) << QByteArray(1025, 'p')
                                        << kindName(RejectKind::FieldTooLarge)
                                        << QByteArray("field prompt is 1025 bytes, over the 1024");
        QTest::newRow("account over cap") << index(Field::AccountId) << QByteArray(2000, 'a')
                                          << kindName(RejectKind::FieldTooLarge)
                                          << QByteArray("account_id");
        QTest::newRow("invalid utf-8 in prompt")
            << index(Field::Prompt) << QByteArray("ok \xC0\xAF")
            << kindName(RejectKind::InvalidUtf8) << QByteArray("invalid UTF-8 at byte");
        QTest::newRow("invalid utf-8 in topic")
            << index(Field::Topic) << QByteArray("\xFF")
            << kindName(RejectKind::InvalidUtf8) << QByteArray("invalid UTF-8");
    }
    void rejects() {
        QFETCH(int, field);
        QFETCH(QByteArray, value);
        QFETCH(QByteArray, kind);
        QFETCH(QByteArray, messagePart);
        RowBuilder b;
        b.set(static_cast<Field>(field), value);
        SourceRow row = b.build();
        TypedRow out;
        QVERIFY(!convertRow(row, 1024, out));
        QCOMPARE(kindName(row.reject), kind);
        QVERIFY2(QByteArray::fromStdString(row.rejectMessage).contains(messagePart),
                 row.rejectMessage.c_str());
    }

    void fieldAtTheCapIsAccepted() {
        RowBuilder b;
        b.set(Field::Prompt, QByteArray(1024, 'p'));
        SourceRow row = b.build();
        TypedRow out;
        QVERIFY2(convertRow(row, 1024, out), row.rejectMessage.c_str());
    }

    void invalidUtf8ReportsItsByte() {
        RowBuilder b;
        b.set(Field::AccountId, "abc\xED\xA0\x80");
        b.set(Field::Timestamp, "1");
        SourceRow row = b.build();
        // raw is "1,abc\xED..." (timestamp sorts before account): the bad byte is the 6th.
        QCOMPARE(bytes(row.raw).indexOf('\xED'), 5);
        TypedRow out;
        QVERIFY(!convertRow(row, kMaxField, out));
        QCOMPARE(row.reject, RejectKind::InvalidUtf8);
        QVERIFY2(row.rejectMessage.find("byte 6 ") != std::string::npos, row.rejectMessage.c_str());
    }

    void alreadyRejectedRowStaysRejected() {
        RowBuilder b;
        SourceRow row = b.build();
        row.reject = RejectKind::ColumnCount;
        row.rejectMessage = "expected 3 fields, found 2";
        TypedRow out;
        QVERIFY(!convertRow(row, kMaxField, out));
        QCOMPARE(row.reject, RejectKind::ColumnCount);
        QCOMPARE(row.rejectMessage, std::string("expected 3 fields, found 2"));
    }

    void trimsAccountAndDictionaryFields() {
        RowBuilder b;
        b.set(Field::AccountId, "  acct-9\t")
            .set(Field::Ip, " 10.0.0.1 ")
            .set(Field::UserAgent, "\tcurl/8.0\r\n")
            .set(Field::Model, "   ")  // blank after trimming: absent
            .set(Field::ApiKeyId, " k1")
            .set(Field::OrganizationId, "org ")
            .set(Field::Endpoint, " /v1/chat ")
            .set(Field::PaymentFingerprint, " fp ")
            .set(Field::Country, " DE ")
            .set(Field::Topic, " coding ");
        SourceRow row = b.build();
        TypedRow out;
        QVERIFY2(convertRow(row, kMaxField, out), row.rejectMessage.c_str());
        QCOMPARE(bytes(row.value[index(Field::AccountId)]), QByteArray("acct-9"));
        QCOMPARE(bytes(row.value[index(Field::Ip)]), QByteArray("10.0.0.1"));
        QCOMPARE(bytes(row.value[index(Field::UserAgent)]), QByteArray("curl/8.0"));
        QVERIFY(!row.has(Field::Model));
        QCOMPARE(bytes(row.value[index(Field::ApiKeyId)]), QByteArray("k1"));
        QCOMPARE(bytes(row.value[index(Field::OrganizationId)]), QByteArray("org"));
        QCOMPARE(bytes(row.value[index(Field::Endpoint)]), QByteArray("/v1/chat"));
        QCOMPARE(bytes(row.value[index(Field::PaymentFingerprint)]), QByteArray("fp"));
        QCOMPARE(bytes(row.value[index(Field::Country)]), QByteArray("DE"));
        QCOMPARE(bytes(row.value[index(Field::Topic)]), QByteArray("coding"));
    }

    // ---- parseNumber --------------------------------------------------------------------

    void parseNumber_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("42") << QByteArray("42") << true << qint64(42);
        QTest::newRow("0") << QByteArray("0") << true << qint64(0);
        QTest::newRow("leading zeros") << QByteArray("007") << true << qint64(7);
        QTest::newRow("padded") << QByteArray(" 42 ") << true << qint64(42);
        QTest::newRow("tabs and newline") << QByteArray("\t42\r\n") << true << qint64(42);
        QTest::newRow("-3") << QByteArray("-3") << true << qint64(-3);
        QTest::newRow("+3") << QByteArray("+3") << true << qint64(3);
        QTest::newRow("12.0") << QByteArray("12.0") << true << qint64(12);
        QTest::newRow("12.4 rounds down") << QByteArray("12.4") << true << qint64(12);
        QTest::newRow("12.5 rounds up") << QByteArray("12.5") << true << qint64(13);
        QTest::newRow("12.6 rounds up") << QByteArray("12.6") << true << qint64(13);
        QTest::newRow("12.49999 rounds down") << QByteArray("12.49999") << true << qint64(12);
        QTest::newRow("9.9 carries") << QByteArray("9.9") << true << qint64(10);
        QTest::newRow("-12.6 away from zero") << QByteArray("-12.6") << true << qint64(-13);
        QTest::newRow(".5") << QByteArray(".5") << true << qint64(1);
        QTest::newRow("5.") << QByteArray("5.") << true << qint64(5);
        QTest::newRow("large") << QByteArray("9000000000000000000") << true
                               << qint64(9000000000000000000LL);
        QTest::newRow("empty") << QByteArray("") << false << qint64(0);
        QTest::newRow("blank") << QByteArray("   ") << false << qint64(0);
        QTest::newRow("abc") << QByteArray("abc") << false << qint64(0);
        QTest::newRow("1e3") << QByteArray("1e3") << false << qint64(0);
        QTest::newRow("12abc") << QByteArray("12abc") << false << qint64(0);
        QTest::newRow("thousands separator") << QByteArray("1,000") << false << qint64(0);
        QTest::newRow("inner space") << QByteArray("1 2") << false << qint64(0);
        QTest::newRow("sign only") << QByteArray("-") << false << qint64(0);
        QTest::newRow("dot only") << QByteArray(".") << false << qint64(0);
        QTest::newRow("double sign") << QByteArray("--3") << false << qint64(0);
        QTest::newRow("two dots") << QByteArray("1.2.3") << false << qint64(0);
        QTest::newRow("hex") << QByteArray("0x10") << false << qint64(0);
        QTest::newRow("overflow") << QByteArray("99999999999999999999") << false << qint64(0);
        QTest::newRow("nan") << QByteArray("nan") << false << qint64(0);
    }
    void parseNumber() {
        QFETCH(QByteArray, text);
        QFETCH(bool, valid);
        QFETCH(qint64, expected);
        const auto got = quarry::parseNumber(view(text));
        QCOMPARE(got.has_value(), valid);
        if (valid) QCOMPARE(qint64(*got), expected);
    }

    void trimmed_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("none") << QByteArray("a b") << QByteArray("a b");
        QTest::newRow("both") << QByteArray(" \t\r\na b\n\r\t ") << QByteArray("a b");
        QTest::newRow("all blank") << QByteArray(" \t ") << QByteArray("");
        QTest::newRow("empty") << QByteArray("") << QByteArray("");
    }
    void trimmed() {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, expected);
        QCOMPARE(bytes(quarry::trimmed(view(text))), expected);
    }

    // ---- UTF-8 validation ---------------------------------------------------------------

    void utf8_data() {
        QTest::addColumn<QByteArray>("sequence");
        QTest::addColumn<bool>("valid");
        QTest::newRow("ascii") << QByteArray("plain") << true;
        QTest::newRow("U+0080") << QByteArray("\xC2\x80") << true;
        QTest::newRow("e acute") << QByteArray("\xC3\xA9") << true;
        QTest::newRow("U+07FF") << QByteArray("\xDF\xBF") << true;
        QTest::newRow("U+0800") << QByteArray("\xE0\xA0\x80") << true;
        QTest::newRow("euro") << QByteArray("\xE2\x82\xAC") << true;
        QTest::newRow("CJK") << QByteArray("\xE4\xB8\xAD\xE6\x96\x87") << true;
        QTest::newRow("U+D7FF") << QByteArray("\xED\x9F\xBF") << true;
        QTest::newRow("U+E000") << QByteArray("\xEE\x80\x80") << true;
        QTest::newRow("U+FFFF") << QByteArray("\xEF\xBF\xBF") << true;
        QTest::newRow("U+10000") << QByteArray("\xF0\x90\x80\x80") << true;
        QTest::newRow("emoji") << QByteArray("\xF0\x9F\x98\x80") << true;
        QTest::newRow("U+10FFFF") << QByteArray("\xF4\x8F\xBF\xBF") << true;
        QTest::newRow("overlong 2-byte slash") << QByteArray("\xC0\xAF") << false;
        QTest::newRow("overlong 2-byte C1") << QByteArray("\xC1\xBF") << false;
        QTest::newRow("overlong 3-byte slash") << QByteArray("\xE0\x80\xAF") << false;
        QTest::newRow("overlong 3-byte U+07FF") << QByteArray("\xE0\x9F\xBF") << false;
        QTest::newRow("overlong 4-byte slash") << QByteArray("\xF0\x80\x80\xAF") << false;
        QTest::newRow("overlong 4-byte U+FFFF") << QByteArray("\xF0\x8F\xBF\xBF") << false;
        QTest::newRow("surrogate U+D800") << QByteArray("\xED\xA0\x80") << false;
        QTest::newRow("surrogate U+DBFF") << QByteArray("\xED\xAF\xBF") << false;
        QTest::newRow("surrogate U+DC00") << QByteArray("\xED\xB0\x80") << false;
        QTest::newRow("surrogate U+DFFF") << QByteArray("\xED\xBF\xBF") << false;
        QTest::newRow("surrogate pair (CESU-8)") << QByteArray("\xED\xA0\xBD\xED\xB8\x80") << false;
        QTest::newRow("U+110000") << QByteArray("\xF4\x90\x80\x80") << false;
        QTest::newRow("F5 lead") << QByteArray("\xF5\x80\x80\x80") << false;
        QTest::newRow("F8 lead") << QByteArray("\xF8\x88\x80\x80\x80") << false;
        QTest::newRow("FE") << QByteArray("\xFE") << false;
        QTest::newRow("FF") << QByteArray("\xFF") << false;
        QTest::newRow("lone continuation 80") << QByteArray("\x80") << false;
        QTest::newRow("lone continuation BF") << QByteArray("\xBF") << false;
        QTest::newRow("truncated 2-byte") << QByteArray("\xC3") << false;
        QTest::newRow("truncated 3-byte") << QByteArray("\xE2\x82") << false;
        QTest::newRow("truncated 4-byte") << QByteArray("\xF0\x9F\x98") << false;
        QTest::newRow("lead then ASCII") << QByteArray("\xC3" "A") << false;
        QTest::newRow("3-byte lead, bad second") << QByteArray("\xE2" "A\xAC") << false;
        QTest::newRow("4-byte lead, bad third") << QByteArray("\xF0\x9F" "A\x80") << false;
        QTest::newRow("extra continuation") << QByteArray("\xC3\xA9\xA9") << false;
    }
    void utf8() {
        QFETCH(QByteArray, sequence);
        QFETCH(bool, valid);
        // The same sequence after every prefix length 0..17, so it is met both by the
        // byte-at-a-time path and straight after an 8-byte ASCII block, and followed by text.
        for (int pre = 0; pre < 18; ++pre) {
            const QByteArray prefix(pre, 'a');
            for (const QByteArray& suffix : {QByteArray(), QByteArray("tail text here!")}) {
                const QByteArray text = prefix + sequence + suffix;
                const size_t got = firstInvalidUtf8(view(text));
                if (valid) {
                    if (got != std::string_view::npos)
                        QFAIL(qPrintable(QStringLiteral("prefix %1: invalid at %2").arg(pre).arg(got)));
                } else {
                    // The first bad byte is inside the sequence, never in the ASCII prefix.
                    if (got == std::string_view::npos || got < size_t(pre) ||
                        got >= size_t(pre + sequence.size()))
                        QFAIL(qPrintable(QStringLiteral("prefix %1: got %2").arg(pre).arg(qint64(got))));
                }
            }
        }
    }

    void utf8InvalidOffsetIsExact() {
        QCOMPARE(firstInvalidUtf8("\xFF"), size_t(0));
        QCOMPARE(firstInvalidUtf8("abc\xC3\xA9" "d\x80"), size_t(6));
        QCOMPARE(firstInvalidUtf8("0123456789\xED\xA0\x80"), size_t(10));
        QCOMPARE(firstInvalidUtf8("\xF0\x9F\x98\x80\xF0\x9F\x98"), size_t(4));
        QCOMPARE(firstInvalidUtf8(std::string_view()), std::string_view::npos);
        // Invalid byte hidden in the eighth position of an otherwise ASCII block.
        QCOMPARE(firstInvalidUtf8("abcdefg\x80" "abcdefgh"), size_t(7));
    }

    void utf8AgreesWithQtDecoder() {
        // Random short byte strings built from UTF-8-ish pieces, checked against Qt's strict
        // decoder as an independent oracle.
        const char* pieces[] = {
            // whole characters
            "a", " ", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\xED\x9F\xBF",
            "\xF4\x8F\xBF\xBF", "\xE0\xA0\x80", "\xC2\x80", "\xEF\xBF\xBD",
            // lead bytes that may or may not be completed by what follows
            "\xC2", "\xDF", "\xE0", "\xED", "\xEF", "\xF0", "\xF4", "\xF5", "\xC0", "\xFF",
            // continuation bytes at the edges of the ranges that matter
            "\x80", "\x8F", "\x90", "\x9F", "\xA0", "\xBF"};
        quint32 state = 1;
        int validCount = 0, invalidCount = 0;
        for (int iter = 0; iter < 200000; ++iter) {
            QByteArray text;
            state = state * 1664525u + 1013904223u;
            const int n = 1 + int((state >> 8) % 6);
            for (int k = 0; k < n; ++k) {
                state = state * 1664525u + 1013904223u;
                text += pieces[(state >> 8) % (sizeof pieces / sizeof *pieces)];
            }
            QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
            const QString decoded = decoder.decode(text);
            Q_UNUSED(decoded);
            const bool qtValid = !decoder.hasError();
            const bool ours = firstInvalidUtf8(view(text)) == std::string_view::npos;
            ++(ours ? validCount : invalidCount);
            if (ours != qtValid)
                QFAIL(qPrintable(QStringLiteral("%1: ours %2, Qt %3")
                                     .arg(QString::fromLatin1(text.toHex(' ')))
                                     .arg(ours)
                                     .arg(qtValid)));
        }
        // Both outcomes must be well represented for the comparison to mean anything.
        QVERIFY2(validCount > 10000 && invalidCount > 10000,
                 qPrintable(QStringLiteral("%1 valid, %2 invalid").arg(validCount).arg(invalidCount)));
    }
};

QTEST_GUILESS_MAIN(TestRowConverter)
#include "tst_rowconverter.moc"
