// SPDX-License-Identifier: GPL-3.0-or-later
// The combined access-log reader on real traffic (tests/data/real) and on edge cases.
#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include "ingest/accesslogreader.h"
#include "readertestutil.h"
#include "testutil.h"

using namespace quarry;

namespace {

test::Result readLog(const QByteArray& content, const QStringList& maps = {}) {
    return test::readAll<AccessLogReader>(content, QStringLiteral("access.log"), maps, RecordReader::Limits());
}

}  // namespace

class TestAccessLogReader final : public QObject {
    Q_OBJECT
private slots:
    void parsesCombinedLines() {
        const auto r = readLog(
            "203.0.113.5 - alice [17/May/2015:10:05:03 +0200] \"POST /v1/chat/completions?x=1 HTTP/1.1\" 200 5120 "
            "\"-\" \"openai-python/1.51.0\"\n"
            "198.51.100.7 - - [17/May/2015:10:06:00 +0000] \"GET /v1/models HTTP/2.0\" 429 12 \"https://x\" "
            "\"curl/8.5.0 \\\"quoted\\\"\"\n"
            "\n"
            "192.0.2.1 - - [17/May/2015:10:07:00 +0000] \"GET /health HTTP/1.1\" 200 2\n");
        QVERIFY2(r.opened, qPrintable(r.error));
        QCOMPARE(r.rows.size(), 3);
        const auto& a = r.rows[0];
        QVERIFY(a.ok());
        QCOMPARE(a.value(Field::AccountId), QByteArray("alice"));
        QCOMPARE(a.value(Field::Ip), QByteArray("203.0.113.5"));
        QCOMPARE(a.value(Field::Timestamp), QByteArray("2015-05-17T08:05:03.000Z"));
        QCOMPARE(a.value(Field::Prompt), QByteArray("/v1/chat/completions?x=1"));
        QCOMPARE(a.value(Field::Endpoint), QByteArray("/v1/chat/completions"));
        QCOMPARE(a.value(Field::StatusCode), QByteArray("200"));
        QCOMPARE(a.value(Field::UserAgent), QByteArray("openai-python/1.51.0"));
        // No authenticated user: the client IP is the account.
        QCOMPARE(r.rows[1].value(Field::AccountId), QByteArray("198.51.100.7"));
        QCOMPARE(r.rows[1].value(Field::UserAgent), QByteArray("curl/8.5.0 \\\"quoted\\\""));
        QCOMPARE(r.rows[1].line, 2);
        // The common format (no referer or agent) and line numbers past a blank line.
        QCOMPARE(r.rows[2].line, 4);
        QVERIFY(r.rows[2].ok());
        QVERIFY(!r.rows[2].has(Field::UserAgent));
    }

    void sizeCapHoldsForLinesThatFitTheWindow() {
        // The shared line splitter applies the cap to every line: a 3 KiB line under a 1 KiB cap
        // is quarantined even though it sits whole in the first read window.
        RecordReader::Limits limits;
        limits.maxRecordBytes = 1024;
        const QByteArray good =
            "192.0.2.1 - - [17/May/2015:10:07:00 +0000] \"GET /a HTTP/1.1\" 200 2\n";
        const QByteArray big = "192.0.2.2 - - [17/May/2015:10:07:01 +0000] \"GET /" +
                               QByteArray(3072, 'x') + " HTTP/1.1\" 200 2\n";
        const auto r = test::readAll<AccessLogReader>(good + big + good,
                                                      QStringLiteral("access.log"), {}, limits);
        QVERIFY2(r.opened, qPrintable(r.error));
        QCOMPARE(r.rows.size(), 3);
        QVERIFY(r.rows[0].ok());
        QCOMPARE(r.rows[1].kind, test::kindName(RejectKind::RecordTooLarge));
        QCOMPARE(r.rows[1].line, 2);
        QVERIFY(r.rows[1].message.contains("1024"));
        QVERIFY(r.rows[2].ok());
        QCOMPARE(r.rows[2].line, 3);
    }

    void rejectsBrokenLines() {
        const auto r = readLog("1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"cut off\n"
                               "1.2.3.4 - - [17/Mai/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"x\"\n"
                               "just some text\n");
        QCOMPARE(r.rows.size(), 3);
        QCOMPARE(r.rows[0].kind, QByteArray("malformed log line"));
        QCOMPARE(r.rows[1].kind, QByteArray("bad timestamp"));
        QCOMPARE(r.rows[2].kind, QByteArray("malformed log line"));
    }

    void remapsPseudoColumns() {
        const auto r = readLog("10.0.0.1 - - [17/May/2015:10:05:03 +0000] \"GET /a HTTP/1.1\" 200 1 \"-\" \"ua-1\"\n",
                               {QStringLiteral("user_agent=account_id"), QStringLiteral("user=-")});
        QVERIFY(r.opened);
        QCOMPARE(r.rows[0].value(Field::AccountId), QByteArray("ua-1"));
    }

    // Real traffic: every well-formed line imports; the accounts are the distinct client IPs and
    // the time span is that of the file, both computed here independently of the reader.
    void importsTheRealSample() {
        const QString log = QStringLiteral(QUARRY_REAL_DATA "/apache_combined_2015.log");
        if (!QFile::exists(log)) QFAIL("tests/data/real/apache_combined_2015.log is missing");
        QFile f(log);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QSet<QByteArray> ips;
        qint64 lines = 0, broken = 0, brokenLine = 0;
        QDateTime first, last;
        for (const QByteArray& line : f.readAll().split('\n')) {
            if (line.isEmpty()) continue;
            ++lines;
            if (line.count('"') % 2 != 0) {
                ++broken;
                brokenLine = lines;
                continue;
            }
            ips.insert(line.left(line.indexOf(' ')));
            const int open = line.indexOf('['), close = line.indexOf(']');
            QDateTime t = QDateTime::fromString(QString::fromLatin1(line.mid(open + 1, 20)), QStringLiteral("dd/MMM/yyyy:HH:mm:ss"));
            t.setTimeSpec(Qt::UTC);
            QVERIFY(close > open && t.isValid());
            if (!first.isValid() || t < first) first = t;
            if (!last.isValid() || t > last) last = t;
        }
        QTemporaryDir dir;
        const QString casePath = dir.filePath(QStringLiteral("web.quarry"));
        const auto r = test::runCli({QStringLiteral("import"), casePath, log});  // format detected
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("(combined,"));
        const auto s = test::runCli({QStringLiteral("stats"), casePath, QStringLiteral("--json")});
        const QJsonObject stats = QJsonDocument::fromJson(s.out).object();
        QCOMPARE(stats.value(QStringLiteral("requests")).toInteger(), lines - broken);
        QCOMPARE(stats.value(QStringLiteral("quarantined")).toInteger(), broken);
        QCOMPARE(stats.value(QStringLiteral("accounts")).toInteger(), qint64(ips.size()));
        QCOMPARE(stats.value(QStringLiteral("first_ts")).toString(), first.toString(Qt::ISODateWithMs));
        QCOMPARE(stats.value(QStringLiteral("last_ts")).toString(), last.toString(Qt::ISODateWithMs));
        QVERIFY(broken >= 1 && brokenLine > 0);
        // Crawlers are the automated clients here: analysis runs on real data without failing.
        QCOMPARE(test::runCli({QStringLiteral("analyze"), casePath}).exitCode, 0);
    }

    void clfTimestamps() {
        QCOMPARE(parseClfTimestampMs("17/May/2015:10:05:03 +0000"), std::optional<int64_t>(1431857103000));
        QCOMPARE(parseClfTimestampMs("01/Jan/2020:00:00:00 -0130"), std::optional<int64_t>(1577842200000));
        QVERIFY(!parseClfTimestampMs("17/Foo/2015:10:05:03 +0000"));
        QVERIFY(!parseClfTimestampMs("yesterday"));
    }
};

QTEST_GUILESS_MAIN(TestAccessLogReader)
#include "tst_accesslogreader.moc"
