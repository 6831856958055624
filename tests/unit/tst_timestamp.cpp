// SPDX-License-Identifier: GPL-3.0-or-later
#include <QDateTime>
#include <QTimeZone>
#include <QtTest>

#include <string>

#include "core/timestamp.h"

using namespace quarry;

namespace {

// Expected values come from Qt's calendar, not from the code under test.
qint64 utcMs(int y, int mo, int d, int h = 0, int mi = 0, int s = 0, int ms = 0) {
    const QDateTime dt(QDate(y, mo, d), QTime(h, mi, s, ms), QTimeZone::utc());
    Q_ASSERT(dt.isValid());
    return dt.toMSecsSinceEpoch();
}

constexpr qint64 kHour = 3600 * 1000;
constexpr qint64 kMinute = 60 * 1000;

std::optional<int64_t> parse(const QByteArray& text) {
    return parseTimestampMs(std::string_view(text.constData(), static_cast<size_t>(text.size())));
}

}  // namespace

class TestTimestamp final : public QObject {
    Q_OBJECT
private slots:
    void valid_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<qint64>("expected");
        const qint64 base = utcMs(2026, 9, 1, 13, 4, 5);

        // Zones.
        QTest::newRow("Z") << QByteArray("2026-09-01T13:04:05Z") << base;
        QTest::newRow("lowercase z") << QByteArray("2026-09-01T13:04:05z") << base;
        QTest::newRow("lowercase t") << QByteArray("2026-09-01t13:04:05Z") << base;
        QTest::newRow("no zone is UTC") << QByteArray("2026-09-01T13:04:05") << base;
        QTest::newRow("+02:00") << QByteArray("2026-09-01T13:04:05+02:00") << base - 2 * kHour;
        QTest::newRow("-0700") << QByteArray("2026-09-01T13:04:05-0700") << base + 7 * kHour;
        QTest::newRow("+05") << QByteArray("2026-09-01T13:04:05+05") << base - 5 * kHour;
        QTest::newRow("+05:30") << QByteArray("2026-09-01T13:04:05+05:30")
                                << base - 5 * kHour - 30 * kMinute;
        QTest::newRow("-09:30") << QByteArray("2026-09-01T13:04:05-09:30")
                                << base + 9 * kHour + 30 * kMinute;
        QTest::newRow("+00:00") << QByteArray("2026-09-01T13:04:05+00:00") << base;
        QTest::newRow("offset crosses midnight")
            << QByteArray("2026-09-01T01:00:00+02:00") << utcMs(2026, 8, 31, 23, 0, 0);
        QTest::newRow("offset crosses year")
            << QByteArray("2026-12-31T22:30:00-03:00") << utcMs(2027, 1, 1, 1, 30, 0);

        // Fractions: 1 to 9 digits, truncated (not rounded) to milliseconds.
        QTest::newRow("frac 1") << QByteArray("2026-09-01T13:04:05.1Z") << base + 100;
        QTest::newRow("frac 2") << QByteArray("2026-09-01T13:04:05.12Z") << base + 120;
        QTest::newRow("frac 3") << QByteArray("2026-09-01T13:04:05.123Z") << base + 123;
        QTest::newRow("frac 4 truncates") << QByteArray("2026-09-01T13:04:05.1239Z") << base + 123;
        QTest::newRow("frac 6") << QByteArray("2026-09-01T13:04:05.123456Z") << base + 123;
        QTest::newRow("frac 9 truncates") << QByteArray("2026-09-01T13:04:05.999999999Z")
                                          << base + 999;
        QTest::newRow("frac 9 small") << QByteArray("2026-09-01T13:04:05.000000001Z") << base;
        QTest::newRow("frac leading zeros") << QByteArray("2026-09-01T13:04:05.007Z") << base + 7;
        QTest::newRow("frac with offset") << QByteArray("2026-09-01T13:04:05.123456+02:00")
                                          << base + 123 - 2 * kHour;
        QTest::newRow("frac without zone") << QByteArray("2026-09-01 13:04:05.5") << base + 500;
        QTest::newRow("comma fraction") << QByteArray("2026-09-01T13:04:05,25Z") << base + 250;

        // Separators and partial forms.
        QTest::newRow("space separator") << QByteArray("2026-09-01 13:04:05") << base;
        QTest::newRow("space then offset")
            << QByteArray("2026-09-01 13:04:05 +0200") << base - 2 * kHour;
        QTest::newRow("no seconds") << QByteArray("2026-09-01T13:04Z") << utcMs(2026, 9, 1, 13, 4);
        QTest::newRow("date only") << QByteArray("2026-09-01") << utcMs(2026, 9, 1);
        QTest::newRow("midnight") << QByteArray("2026-09-01T00:00:00Z") << utcMs(2026, 9, 1);
        QTest::newRow("last second of day")
            << QByteArray("2026-09-01T23:59:59.999Z") << utcMs(2026, 9, 1, 23, 59, 59, 999);
        QTest::newRow("leap second clamps to :59")
            << QByteArray("2016-12-31T23:59:60Z") << utcMs(2016, 12, 31, 23, 59, 59);

        // Calendar edges.
        QTest::newRow("leap year Feb 29") << QByteArray("2024-02-29T12:00:00Z")
                                          << utcMs(2024, 2, 29, 12);
        QTest::newRow("2000 is leap") << QByteArray("2000-02-29") << utcMs(2000, 2, 29);
        QTest::newRow("Mar 1 after leap day") << QByteArray("2024-03-01") << utcMs(2024, 3, 1);
        QTest::newRow("Dec 31") << QByteArray("2026-12-31T23:59:59Z")
                                << utcMs(2026, 12, 31, 23, 59, 59);
        QTest::newRow("epoch as ISO") << QByteArray("1970-01-01T00:00:00Z") << qint64(0);
        QTest::newRow("before 1970") << QByteArray("1969-12-31T23:59:59.500Z") << qint64(-500);
        QTest::newRow("1900") << QByteArray("1900-03-01") << utcMs(1900, 3, 1);

        // Surrounding whitespace.
        QTest::newRow("spaces around ISO") << QByteArray("  2026-09-01T13:04:05Z  ") << base;
        QTest::newRow("tabs around ISO") << QByteArray("\t2026-09-01T13:04:05Z\t") << base;
        QTest::newRow("spaces around epoch") << QByteArray(" 1788267845 ")
                                             << qint64(1788267845) * 1000;

        // Unix epoch numbers told apart by magnitude.
        const qint64 s = utcMs(2026, 9, 1, 13, 4, 5) / 1000;  // 1788267845
        QTest::newRow("epoch seconds") << QByteArray::number(s) << s * 1000;
        QTest::newRow("epoch seconds frac")
            << (QByteArray::number(s) + ".25") << s * 1000 + 250;
        QTest::newRow("epoch seconds frac 9 digits truncates")
            << (QByteArray::number(s) + ".123999999") << s * 1000 + 123;
        QTest::newRow("epoch milliseconds") << QByteArray::number(s * 1000 + 123) << s * 1000 + 123;
        QTest::newRow("epoch microseconds")
            << QByteArray::number(s * 1000000 + 123456) << s * 1000 + 123;
        QTest::newRow("epoch nanoseconds")
            << QByteArray::number(s * 1000000000 + 123456789) << s * 1000 + 123;
        QTest::newRow("epoch zero") << QByteArray("0") << qint64(0);
        QTest::newRow("epoch small seconds") << QByteArray("86400") << qint64(86400000);
        QTest::newRow("largest seconds") << QByteArray("99999999999") << qint64(99999999999000);
        QTest::newRow("smallest milliseconds") << QByteArray("100000000000")
                                               << qint64(100000000000);
        QTest::newRow("largest milliseconds") << QByteArray("99999999999999")
                                              << qint64(99999999999999);
        QTest::newRow("smallest microseconds") << QByteArray("100000000000000")
                                               << qint64(100000000000);
        QTest::newRow("smallest nanoseconds") << QByteArray("100000000000000000")
                                              << qint64(100000000000);
        QTest::newRow("year 2262 nanoseconds") << QByteArray("9223372036854775807")
                                               << qint64(9223372036854);
        QTest::newRow("19-digit nanoseconds past int64")
            << QByteArray("9999999999999999999") << qint64(9999999999999);
        QTest::newRow("negative epoch seconds") << QByteArray("-86400") << qint64(-86400000);
        QTest::newRow("negative epoch frac") << QByteArray("-1.5") << qint64(-1500);
        QTest::newRow("negative epoch milliseconds")
            << QByteArray("-100000000000") << qint64(-100000000000);
        QTest::newRow("new-api created_at") << QByteArray("1767225600")
                                            << utcMs(2026, 1, 1);
    }
    void valid() {
        QFETCH(QByteArray, text);
        QFETCH(qint64, expected);
        const auto got = parse(text);
        QVERIFY2(got.has_value(), text.constData());
        QCOMPARE(qint64(*got), expected);
    }

    void invalid_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("empty") << QByteArray("");
        QTest::newRow("spaces only") << QByteArray("   ");
        QTest::newRow("abc") << QByteArray("abc");
        QTest::newRow("12abc") << QByteArray("12abc");
        QTest::newRow("1.2.3") << QByteArray("1.2.3");
        QTest::newRow("minus only") << QByteArray("-");
        QTest::newRow("dot only") << QByteArray(".");
        QTest::newRow("trailing dot") << QByteArray("1788267845.");
        QTest::newRow("leading dot") << QByteArray(".5");
        QTest::newRow("plus sign") << QByteArray("+1788267845");
        QTest::newRow("exponent") << QByteArray("1.7e9");
        QTest::newRow("20 digits") << QByteArray("17882678450000000000");
        QTest::newRow("inner space") << QByteArray("1788 267845");
        QTest::newRow("T without time") << QByteArray("2026-09-01T");
        QTest::newRow("hour only") << QByteArray("2026-09-01T10");
        QTest::newRow("hour colon") << QByteArray("2026-09-01T10:");
        QTest::newRow("seconds colon") << QByteArray("2026-09-01T10:00:");
        QTest::newRow("one-digit hour") << QByteArray("2026-09-01T1:00:00Z");
        QTest::newRow("one-digit month") << QByteArray("2026-9-01");
        QTest::newRow("slashes") << QByteArray("2026/09/01");
        QTest::newRow("Feb 30") << QByteArray("2026-02-30");
        QTest::newRow("Feb 29 non-leap") << QByteArray("2026-02-29T00:00:00Z");
        QTest::newRow("1900 not leap") << QByteArray("1900-02-29");
        QTest::newRow("Apr 31") << QByteArray("2026-04-31");
        QTest::newRow("day 0") << QByteArray("2026-09-00");
        QTest::newRow("day 32") << QByteArray("2026-01-32");
        QTest::newRow("month 13") << QByteArray("2026-13-01");
        QTest::newRow("month 0") << QByteArray("2026-00-10");
        QTest::newRow("hour 24") << QByteArray("2026-09-01T24:00:00Z");
        QTest::newRow("minute 60") << QByteArray("2026-09-01T10:60:00Z");
        QTest::newRow("second 61") << QByteArray("2026-09-01T10:00:61Z");
        QTest::newRow("empty fraction") << QByteArray("2026-09-01T10:00:00.Z");
        QTest::newRow("bad zone letter") << QByteArray("2026-09-01T10:00:00X");
        QTest::newRow("Z then text") << QByteArray("2026-09-01T10:00:00Zabc");
        QTest::newRow("Z then offset") << QByteArray("2026-09-01T10:00:00Z+02:00");
        QTest::newRow("one-digit offset") << QByteArray("2026-09-01T10:00:00+2");
        QTest::newRow("offset hour 24") << QByteArray("2026-09-01T10:00:00+24:00");
        QTest::newRow("offset minute 60") << QByteArray("2026-09-01T10:00:00+02:60");
        QTest::newRow("offset with seconds") << QByteArray("2026-09-01T10:00:00+02:00:00");
        QTest::newRow("offset colon only") << QByteArray("2026-09-01T10:00:00+02:");
        QTest::newRow("date then junk") << QByteArray("2026-09-01junk");
        QTest::newRow("trailing text") << QByteArray("2026-09-01T10:00:00Z trailing");
        QTest::newRow("letters in year") << QByteArray("20x6-09-01");
    }
    void invalid() {
        QFETCH(QByteArray, text);
        const auto got = parse(text);
        QVERIFY2(!got.has_value(),
                 qPrintable(QStringLiteral("'%1' parsed as %2")
                                .arg(QString::fromLatin1(text))
                                .arg(got ? *got : 0)));
    }

    void daysFromCivilMatchesQDate_data() {
        QTest::addColumn<int>("y");
        QTest::addColumn<int>("m");
        QTest::addColumn<int>("d");
        QTest::newRow("epoch") << 1970 << 1 << 1;
        QTest::newRow("day before epoch") << 1969 << 12 << 31;
        QTest::newRow("leap day 2024") << 2024 << 2 << 29;
        QTest::newRow("leap day 2000") << 2000 << 2 << 29;
        QTest::newRow("1900-03-01") << 1900 << 3 << 1;
        QTest::newRow("2026-09-01") << 2026 << 9 << 1;
        QTest::newRow("1600-01-01") << 1600 << 1 << 1;
        QTest::newRow("9999-12-31") << 9999 << 12 << 31;
    }
    void daysFromCivilMatchesQDate() {
        QFETCH(int, y);
        QFETCH(int, m);
        QFETCH(int, d);
        const qint64 expected = QDate(1970, 1, 1).daysTo(QDate(y, m, d));
        QCOMPARE(qint64(daysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d))),
                 expected);
    }
    void daysFromCivilEveryDayOfFourCenturies() {
        // Consecutive calendar days must be consecutive day numbers, 1900..2300.
        QDate day(1900, 1, 1);
        qint64 expected = QDate(1970, 1, 1).daysTo(day);
        for (; day.year() < 2300; day = day.addDays(1), ++expected) {
            const int64_t got = daysFromCivil(day.year(), static_cast<unsigned>(day.month()),
                                              static_cast<unsigned>(day.day()));
            if (got != expected)
                QFAIL(qPrintable(day.toString(Qt::ISODate)));
        }
    }

    void format_data() {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("expected");
        QTest::newRow("epoch") << qint64(0) << "1970-01-01T00:00:00.000Z";
        QTest::newRow("millis") << utcMs(2026, 9, 1, 13, 4, 5, 123) << "2026-09-01T13:04:05.123Z";
        QTest::newRow("leap day") << utcMs(2024, 2, 29, 23, 59, 59, 999)
                                  << "2024-02-29T23:59:59.999Z";
        QTest::newRow("minus 1 ms") << qint64(-1) << "1969-12-31T23:59:59.999Z";
        QTest::newRow("minus 1 day") << qint64(-86400000) << "1969-12-31T00:00:00.000Z";
        QTest::newRow("1900") << utcMs(1900, 3, 1, 6) << "1900-03-01T06:00:00.000Z";
    }
    void format() {
        QFETCH(qint64, ms);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(formatTimestampMs(ms)), expected);
    }
    void formatMatchesQDateTime() {
        // Pseudo-random instants across 1900..2400, compared with Qt's own formatting.
        const qint64 lo = utcMs(1900, 1, 1);
        const qint64 hi = utcMs(2400, 1, 1);
        quint64 state = 0x9E3779B97F4A7C15ULL;
        for (int i = 0; i < 20000; ++i) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            const qint64 ms = lo + static_cast<qint64>((state >> 11) % quint64(hi - lo));
            const QString expected =
                QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc())
                    .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
            const QString got = QString::fromStdString(formatTimestampMs(ms));
            if (got != expected) QCOMPARE(got, expected);
        }
    }

    void roundTrip_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("canonical");
        QTest::newRow("canonical") << QByteArray("2026-09-01T13:04:05.123Z")
                                   << QByteArray("2026-09-01T13:04:05.123Z");
        QTest::newRow("offset") << QByteArray("2026-09-01T01:04:05.5+02:00")
                                << QByteArray("2026-08-31T23:04:05.500Z");
        QTest::newRow("microseconds") << QByteArray("2026-09-01 13:04:05.123456")
                                      << QByteArray("2026-09-01T13:04:05.123Z");
        QTest::newRow("epoch seconds") << QByteArray("1788267845")
                                       << QByteArray("2026-09-01T13:04:05.000Z");
        QTest::newRow("pre-epoch") << QByteArray("1969-07-20T20:17:40Z")
                                   << QByteArray("1969-07-20T20:17:40.000Z");
    }
    void roundTrip() {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, canonical);
        const auto ms = parse(text);
        QVERIFY(ms.has_value());
        const std::string formatted = formatTimestampMs(*ms);
        QCOMPARE(QByteArray::fromStdString(formatted), canonical);
        // Parsing the formatted text gives the same instant back.
        QCOMPARE(parse(QByteArray::fromStdString(formatted)), ms);
    }
    void roundTripManyInstants() {
        quint64 state = 12345;
        const qint64 lo = utcMs(1950, 1, 1);
        const qint64 hi = utcMs(2100, 1, 1);
        for (int i = 0; i < 20000; ++i) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            const qint64 ms = lo + static_cast<qint64>((state >> 11) % quint64(hi - lo));
            const auto back = parse(QByteArray::fromStdString(formatTimestampMs(ms)));
            if (!back || *back != ms) QCOMPARE(back, std::optional<int64_t>(ms));
        }
    }
};

QTEST_GUILESS_MAIN(TestTimestamp)
#include "tst_timestamp.moc"
