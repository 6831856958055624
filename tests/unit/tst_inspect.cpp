// SPDX-License-Identifier: GPL-3.0-or-later
// `quarry-cli inspect`: what a source would become before it is imported — the reader that
// takes it, the use of every column, what is missing and what that costs, and the first
// records exactly as import stores them.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "store/casefile.h"
#include "storedrequests.h"
#include "testutil.h"

using namespace quarry;

namespace {

QString fixture(const QString& name) {
    return test::dataPath(QStringLiteral("formats/") + name);
}

QJsonObject inspectJson(const QStringList& args) {
    const auto r = test::runCli(QStringList{QStringLiteral("inspect")} + args +
                                QStringList{QStringLiteral("--json")});
    if (r.exitCode != 0) return {};
    return QJsonDocument::fromJson(r.out).object();
}

}  // namespace

class TestInspect final : public QObject {
    Q_OBJECT
private slots:
    void recordsAreWhatImportStores() {
        const QString source = fixture(QStringLiteral("litellm/spendlogs-2025-11.csv"));
        const QJsonObject j = inspectJson({source, QStringLiteral("--rows"), QStringLiteral("3")});
        QCOMPARE(j.value(QStringLiteral("format")).toString(), QStringLiteral("litellm-csv"));
        const QJsonArray records = j.value(QStringLiteral("records")).toArray();
        QCOMPARE(records.size(), 3);

        QTemporaryDir dir;
        const QString c = dir.filePath(QStringLiteral("c.quarry"));
        QCOMPARE(test::runCli({QStringLiteral("import"), c, source}).exitCode, 0);
        QString e;
        auto file = CaseFile::open(c, CaseFile::Access::ReadOnly, &e);
        QVERIFY2(file, qPrintable(e));
        const auto stored = test::storedRequests(file->db());
        QCOMPARE(stored.size(), 3);
        for (int i = 0; i < 3; ++i) {
            const QJsonObject rec = records[i].toObject();
            QCOMPARE(rec.value(QStringLiteral("status")).toString(), QStringLiteral("imported"));
            QCOMPARE(rec.value(QStringLiteral("line")).toInteger(), stored[i].line);
            const QJsonObject f = rec.value(QStringLiteral("fields")).toObject();
            QCOMPARE(f.value(QStringLiteral("timestamp_ms")).toInteger(), stored[i].ts);
            QCOMPARE(f.value(QStringLiteral("account_id")).toString(), stored[i].account);
            QCOMPARE(f.value(QStringLiteral("ip")).toString(), stored[i].ip);
            QCOMPARE(f.value(QStringLiteral("user_agent")).toString(), stored[i].userAgent);
            QCOMPARE(f.value(QStringLiteral("model")).toString(), stored[i].model);
            QCOMPARE(f.value(QStringLiteral("prompt")).toString(), stored[i].prompt);
            QCOMPARE(f.value(QStringLiteral("latency_ms")).toString().toLongLong(),
                     stored[i].latency.value_or(-1));
            QCOMPARE(f.value(QStringLiteral("status_code")).toString().toLongLong(),
                     stored[i].status.value_or(-1));
        }
        // Every source column is listed with what it feeds; unused ones as unmapped.
        QStringList unmapped;
        for (const auto& v : j.value(QStringLiteral("unmapped")).toArray())
            unmapped << v.toString();
        QVERIFY(unmapped.contains(QStringLiteral("spend")));
        QVERIFY(unmapped.contains(QStringLiteral("session_id")));
        QCOMPARE(j.value(QStringLiteral("columns")).toArray().size(), 32);
        bool userSeen = false;
        for (const auto& v : j.value(QStringLiteral("columns")).toArray()) {
            const QJsonObject col = v.toObject();
            if (col.value(QStringLiteral("column")).toString() != QLatin1String("user")) continue;
            userSeen = true;
            QCOMPARE(col.value(QStringLiteral("field")).toString(), QStringLiteral("account_id"));
            QVERIFY(
                col.value(QStringLiteral("note")).toString().contains(QLatin1String("end_user")));
        }
        QVERIFY(userSeen);
    }

    void missingFieldsAndTheirCost() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("spend.csv"));
        QVERIFY(test::writeFile(
            path,
            "request_id,call_type,api_key,startTime,endTime,user,request_tags,messages\n"
            "r1,acompletion,k1,2025-01-01 00:00:00,2025-01-01 00:00:01,u1,[],{}\n"
            "r2,acreate_file,k1,2025-01-01 00:00:02,2025-01-01 00:00:03,u1,[],{}\n"
            "r3,acompletion,k1,not a time,2025-01-01 00:00:03,u1,[],{}\n"));
        const auto r = test::runCli({QStringLiteral("inspect"), path});
        QCOMPARE(r.exitCode, 0);
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(out.contains(QLatin1String(
                     "no prompt text: LiteLLM stores none unless store_prompts_in_spend_logs "
                     "is on; topics, templates and reasoning share cannot be measured")),
                 qPrintable(out));
        QVERIFY2(out.contains(QLatin1String(
                     "no IP address: requester_ip_address is empty in every LiteLLM row")) ||
                     out.contains(QLatin1String(
                         "no IP address: litellm's LiteLLM_SpendLogs table has no column")),
                 qPrintable(out));
        QVERIFY2(out.contains(QLatin1String("no user agent: LiteLLM keeps it only as")),
                 qPrintable(out));
        QVERIFY2(
            out.contains(QLatin1String("line 3: skipped (LiteLLM file or batch management call)")),
            qPrintable(out));
        QVERIFY2(out.contains(QLatin1String("line 4: quarantined (bad timestamp")),
                 qPrintable(out));
        // Nothing was written anywhere: no case exists.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);
    }

    void genericCsvSuggestsMap() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("x.csv"));
        QVERIFY(test::writeFile(
            path, "timestamp,account_id,client_ip,note\n2026-01-01T00:00:00Z,a1,10.0.0.1,hi\n"));
        const QJsonObject j = inspectJson({path});
        QCOMPARE(j.value(QStringLiteral("format")).toString(), QStringLiteral("csv"));
        QCOMPARE(j.value(QStringLiteral("unmapped")).toArray().first().toString(),
                 QStringLiteral("note"));
        QString missing;
        for (const auto& m : j.value(QStringLiteral("missing")).toArray())
            missing += m.toObject().value(QStringLiteral("text")).toString() + QLatin1Char('\n');
        QVERIFY2(missing.contains(QLatin1String(
                     "no prompt text: no column maps to it (--map COLUMN=prompt names one)")),
                 qPrintable(missing));
        QVERIFY2(!missing.contains(QLatin1String("no IP address")), qPrintable(missing));
    }

    void rowsLimitAndHostileText() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("x.jsonl"));
        QByteArray lines;
        for (int i = 0; i < 20; ++i)
            lines += "{\"timestamp\":\"2026-01-01T00:00:0" + QByteArray::number(i % 10) +
                     "Z\",\"account_id\":\"a\\u001b[31m" + QByteArray::number(i) +
                     "\",\"prompt\":\"p\"}\n";
        QVERIFY(test::writeFile(path, lines));
        const auto r = test::runCli(
            {QStringLiteral("inspect"), path, QStringLiteral("--rows"), QStringLiteral("4")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.count("    account_id"), 4);
        // Control characters from the log never reach the terminal.
        QVERIFY(!r.out.contains('\x1b'));
        QVERIFY2(r.out.contains("judged on the first 20 records"), r.out.constData());
    }

    void badSourceFailsWithOneLine() {
        const auto r =
            test::runCli({QStringLiteral("inspect"), QStringLiteral("/nonexistent/x.csv")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith("quarry-cli: /nonexistent/x.csv: cannot open"),
                 r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
        QCOMPARE(test::runCli({QStringLiteral("inspect"),
                               fixture(QStringLiteral("litellm/spendlogs-2025-03.csv")),
                               QStringLiteral("--rows"), QStringLiteral("x")})
                     .exitCode,
                 1);
    }
};

QTEST_GUILESS_MAIN(TestInspect)
#include "tst_inspect.moc"
