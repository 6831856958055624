// SPDX-License-Identifier: GPL-3.0-or-later
// LiteLLM's spend log (LiteLLM_SpendLogs) as analysts get it: PostgreSQL CSV exports of two
// versions of the table, the proxy's /spend/logs JSON, row_to_json lines and /spend/logs/v2
// pages. Fixtures in tests/data/formats/litellm/ follow BerriAI/litellm schema.prisma and
// spend_tracking_utils.py. Each is imported with no --map into a real case file.
#include <QDateTime>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QtTest>

#include "ingest/importer.h"
#include "store/casefile.h"
#include "store/sqlite.h"
#include "storedrequests.h"
#include "testutil.h"

using namespace quarry;
using test::Stored;

namespace {

QString fixture(const QString& name) {
    return test::dataPath(QStringLiteral("formats/litellm/") + name);
}

int64_t utcMs(const char* iso) {
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs).toMSecsSinceEpoch();
}

struct Imported {
    bool ok = false;
    QString error;
    ImportResult result;
    QVector<Stored> rows;
    QVector<QPair<int64_t, QString>> quarantine;  // line, reason
    int64_t skippedInSources = -1;
};

Imported importInto(const QString& dir, const QString& path, ImportOptions options = {}) {
    Imported out;
    auto file = CaseFile::open(dir + QStringLiteral("/c.quarry"), CaseFile::Access::CreateIfMissing,
                               &out.error);
    if (!file) return out;
    Importer importer(*file);
    out.ok = importer.run(path, options, out.result, &out.error);
    out.rows = test::storedRequests(file->db());
    sql::Statement q(file->db(), "SELECT line, reason FROM quarantine ORDER BY line");
    while (q.step()) out.quarantine.push_back({q.int64(0), q.text(1)});
    out.skippedInSources = sql::queryInt(file->db(), "SELECT sum(rows_skipped) FROM sources", -1);
    return out;
}

const char* const kKey1 = "88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b";
const char* const kKey2 = "5b9e1a0f2c7d3e4a6b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c";

// The 2025-03 rows, whichever container they came in.
void checkBaselineRows(const QVector<Stored>& rows) {
    QCOMPARE(rows.size(), 4);
    const Stored& a = rows[0];
    QCOMPARE(a.account, QStringLiteral("alice"));
    QCOMPARE(a.ts, utcMs("2025-03-30T10:00:00.000Z"));
    QCOMPARE(a.apiKey, QLatin1String(kKey1));
    QCOMPARE(a.org, QStringLiteral("team-red"));
    QCOMPARE(a.ip, QStringLiteral("203.0.113.7"));
    // Both "User-Agent: OpenAI" and the full string are tagged: the full one is kept.
    QCOMPARE(a.userAgent, QStringLiteral("OpenAI/Python 1.54.3"));
    QCOMPARE(a.model, QStringLiteral("gpt-4o"));
    QCOMPARE(a.endpoint, QStringLiteral("acompletion"));
    QCOMPARE(a.promptTokens, std::optional<int64_t>(25));
    QCOMPARE(a.completionTokens, std::optional<int64_t>(300));
    QCOMPARE(a.latency, std::optional<int64_t>(2500));  // endTime - startTime
    // The user's turn only, not the system prompt.
    QCOMPARE(a.prompt, QStringLiteral("Explain step by step how RSA key generation works"));
    QCOMPARE(a.requestUid, QStringLiteral("chatcmpl-a1"));

    const Stored& b = rows[1];
    QCOMPARE(b.account, QStringLiteral("cust-42"));  // user empty: the end user
    QCOMPARE(b.ip, QStringLiteral("198.51.100.9"));  // only in metadata
    QVERIFY(b.prompt.isEmpty());                     // messages "{}": prompts not stored
    QVERIFY(b.userAgent.isEmpty());
    QCOMPARE(b.latency, std::optional<int64_t>(700));

    const Stored& c = rows[2];
    QCOMPARE(c.account, QStringLiteral("team-blue"));        // no user, no end user: the team
    QCOMPARE(c.model, QStringLiteral("claude-3-5-sonnet"));  // model empty: model_group
    QCOMPARE(c.userAgent, QStringLiteral("curl/8.5.0"));

    const Stored& e = rows[3];
    QCOMPARE(e.account, QLatin1String(kKey2));  // nothing else: the hashed key
    QCOMPARE(e.endpoint, QStringLiteral("aembedding"));
    QCOMPARE(e.completionTokens, std::optional<int64_t>(0));
}

// The 2025-11 rows (prompt in proxy_server_request, status, request_duration_ms).
void checkCurrentRows(const QVector<Stored>& rows, int expected) {
    QCOMPARE(rows.size(), expected);
    const Stored& a = rows[0];
    QCOMPARE(a.account, QStringLiteral("bob"));
    QCOMPARE(a.ts, utcMs("2025-11-20T08:00:00.100Z"));
    QCOMPARE(a.org, QStringLiteral("org-acme"));  // organization_id before team_id
    QCOMPARE(a.userAgent, QStringLiteral("claude-cli/1.0.61 (external, cli)"));
    QCOMPARE(a.model, QStringLiteral("claude-sonnet-4-20250514"));
    QCOMPARE(a.latency, std::optional<int64_t>(8900));  // request_duration_ms, not endTime
    QCOMPARE(a.status, std::optional<int64_t>(200));
    QCOMPARE(a.prompt,
             QStringLiteral("Grade this answer against the rubric and show your reasoning."));

    const Stored& b = rows[1];
    QCOMPARE(b.status, std::optional<int64_t>(429));  // failure: metadata.error_information
    QCOMPARE(b.org, QStringLiteral("team-red"));
    QCOMPARE(b.userAgent, QStringLiteral("OpenAI/JS 4.77.0"));
    QVERIFY(b.prompt.isEmpty());
    if (expected < 3) return;
    const Stored& c = rows[2];
    QCOMPARE(c.account, QStringLiteral("carol"));
    QCOMPARE(c.prompt, QStringLiteral("Translate to French: good morning"));  // Responses API input
    QCOMPARE(c.endpoint, QStringLiteral("aresponses"));
}

}  // namespace

class TestLiteLlmReader final : public QObject {
    Q_OBJECT
private slots:
    void postgresCsvExportOfTheBaselineTable() {
        QTemporaryDir dir;
        const Imported r = importInto(dir.path(), fixture(QStringLiteral("spendlogs-2025-03.csv")));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.result.format, QStringLiteral("litellm-csv"));
        QCOMPARE(r.result.rowsRead, int64_t(5));
        QCOMPARE(r.result.rowsImported, int64_t(4));
        QCOMPARE(r.result.rowsQuarantined, int64_t(0));
        // The file upload is no model call: skipped, counted, recorded with the source.
        QCOMPARE(r.result.rowsSkipped, int64_t(1));
        QCOMPARE(r.skippedInSources, int64_t(1));
        QCOMPARE(r.result.skippedByReason.size(), size_t(1));
        checkBaselineRows(r.rows);
        // Prompt text and user agents exist in some rows: no warning about them.
        QVERIFY2(r.result.warnings.isEmpty(),
                 qPrintable(r.result.warnings.join(QLatin1Char('\n'))));
    }

    void postgresCsvExportOfTheCurrentTable() {
        QTemporaryDir dir;
        const Imported r = importInto(dir.path(), fixture(QStringLiteral("spendlogs-2025-11.csv")));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.result.rowsSkipped, int64_t(0));
        checkCurrentRows(r.rows, 3);
    }

    void spendLogsApiJsonArray() {
        QTemporaryDir dir;
        const Imported r = importInto(dir.path(), fixture(QStringLiteral("spend-logs-api.json")));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.result.format, QStringLiteral("litellm-json"));
        checkCurrentRows(r.rows, 3);
        // Elements of a pretty-printed array are quarantined by the line they start on.
        QCOMPARE(r.rows[0].line, int64_t(2));
    }

    void rowToJsonLines() {
        QTemporaryDir dir;
        const Imported r =
            importInto(dir.path(), fixture(QStringLiteral("spendlogs-row-to-json.jsonl")));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.result.format, QStringLiteral("litellm-json"));
        QCOMPARE(r.result.rowsSkipped, int64_t(1));
        checkBaselineRows(r.rows);
        QCOMPARE(r.rows[3].line, int64_t(5));
    }

    void spendLogsV2Page() {
        QTemporaryDir dir;
        const Imported r =
            importInto(dir.path(), fixture(QStringLiteral("spend-logs-v2-page.json")));
        QVERIFY2(r.ok, qPrintable(r.error));
        checkCurrentRows(r.rows, 2);
    }

    void badRowsGoToQuarantineAndTheRestImports() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("spend.json"));
        QVERIFY(test::writeFile(
            path,
            "[\n"
            " {\"request_id\":\"r1\",\"call_type\":\"acompletion\",\"api_key\":\"k\",\"startTime\":"
            "\"2025-01-01T00:00:00Z\",\"endTime\":\"2025-01-01T00:00:01Z\",\"user\":\"u1\"},\n"
            " 42,\n"
            " {\"request_id\":\"r2\",\"call_type\":\"acompletion\",\"api_key\":\"k\",\"startTime\":"
            "\"yesterday\",\"endTime\":\"\",\"user\":\"u2\"},\n"
            " {\"request_id\":\"r3\",\"call_type\":\"acompletion\",\"api_key\":\"k\",\"startTime\":"
            "\"2025-01-01T00:00:02Z\",\"endTime\":\"2025-01-01T00:00:03Z\",\"user\":\"u3\","
            "\"request_tags\":\"not json\",\"messages\":\"[oops\"},\n"
            " {\"request_id\":\"r4\",\"user\":\"u4\",\"startTime\":\"2025-01-01T00:00:04Z\" \n"
            "]\n"));
        const Imported r = importInto(dir.path(), path);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.rows.size(), 2);
        QCOMPARE(r.rows[0].account, QStringLiteral("u1"));
        // Unparsable JSON cells cost the fields they carry, not the row.
        QCOMPARE(r.rows[1].account, QStringLiteral("u3"));
        QVERIFY(r.rows[1].userAgent.isEmpty());
        QVERIFY(r.rows[1].prompt.isEmpty());
        QCOMPARE(r.quarantine.size(), 3);
        QCOMPARE(r.quarantine[0].first, int64_t(3));
        QVERIFY2(r.quarantine[0].second.contains(QLatin1String("expected a row object")),
                 qPrintable(r.quarantine[0].second));
        QCOMPARE(r.quarantine[1].first, int64_t(4));
        QVERIFY2(r.quarantine[1].second.contains(QLatin1String("bad timestamp")),
                 qPrintable(r.quarantine[1].second));
        QCOMPARE(r.quarantine[2].first, int64_t(6));
        QVERIFY2(r.quarantine[2].second.contains(QLatin1String("malformed JSON")),
                 qPrintable(r.quarantine[2].second));
    }

    void oversizedRowIsQuarantinedNotBuffered() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("spend.jsonl"));
        const QByteArray big(64 * 1024, 'x');
        QVERIFY(test::writeFile(
            path,
            "{\"request_id\":\"r1\",\"call_type\":\"acompletion\",\"api_key\":\"k\",\"startTime\":"
            "\"2025-01-01T00:00:00Z\",\"endTime\":\"2025-01-01T00:00:01Z\",\"user\":\"u1\","
            "\"messages\":\"" +
                big +
                "\"}\n"
                "{\"request_id\":\"r2\",\"call_type\":\"acompletion\",\"api_key\":\"k\","
                "\"startTime\":"
                "\"2025-01-01T00:00:05Z\",\"endTime\":\"2025-01-01T00:00:06Z\",\"user\":\"u2\"}"
                "\n"));
        ImportOptions options;
        options.limits.maxRecordBytes = 16 * 1024;
        const Imported r = importInto(dir.path(), path, options);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.rows.size(), 1);
        QCOMPARE(r.rows[0].account, QStringLiteral("u2"));
        QCOMPARE(r.rows[0].line, int64_t(2));
        QCOMPARE(r.quarantine.size(), 1);
        QCOMPARE(r.quarantine[0].first, int64_t(1));
        QVERIFY(r.quarantine[0].second.contains(QLatin1String("size cap")));
    }

    void mapIsRefusedForAToolTable() {
        QTemporaryDir dir;
        ImportOptions options;
        QString e;
        QVERIFY(options.mapping.add(QStringLiteral("spend=prompt_tokens"), &e));
        const Imported r =
            importInto(dir.path(), fixture(QStringLiteral("spendlogs-2025-03.csv")), options);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QLatin1String("--format csv")), qPrintable(r.error));
        QVERIFY(r.rows.isEmpty());
    }

    void partialLiteLlmLikeCsvStaysGeneric() {
        // A hand-made file with a few LiteLLM names is not the spend log: the aliases map it.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("x.csv"));
        QVERIFY(test::writeFile(path,
                                "request_id,startTime,user,spend,input_tokens\n"
                                "r1,2026-09-01T10:00:00Z,alice,0.01,12\n"));
        const Imported r = importInto(dir.path(), path);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.result.format, QStringLiteral("csv"));
        QCOMPARE(r.rows.size(), 1);
        QCOMPARE(r.rows[0].promptTokens, std::optional<int64_t>(12));
    }

    void cliSaysWhatTheExportLacks() {
        // Prompt storage off and no user-agent tags: import says what that costs.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("spend.csv"));
        QVERIFY(test::writeFile(
            path,
            "request_id,call_type,api_key,spend,startTime,endTime,user,requester_ip_address,"
            "request_tags,messages\n"
            "r1,acompletion,k1,0.1,2025-01-01 00:00:00.000,2025-01-01 "
            "00:00:01.000,u1,10.0.0.1,[],{}\n"));
        const auto r = test::runCli(
            {QStringLiteral("import"), dir.filePath(QStringLiteral("c.quarry")), path});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(
            r.out.contains("warning: no prompt text: LiteLLM stores none unless "
                           "store_prompts_in_spend_logs is on; topics, templates and reasoning "
                           "share cannot be measured"),
            r.out.constData());
        QVERIFY2(r.out.contains("warning: no user agent: LiteLLM keeps it only as a"),
                 r.out.constData());
        QVERIFY2(!r.out.contains("no IP address"), r.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestLiteLlmReader)
#include "tst_litellmreader.moc"
