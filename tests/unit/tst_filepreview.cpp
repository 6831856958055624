// SPDX-License-Identifier: GPL-3.0-or-later
// previewFile: the import wizard's first rows, read by the importer's own readers in preview
// mode, with every source column, its automatic mapping and each row's values.
#include <QTemporaryDir>
#include <QtTest>

#include "ingest/filepreview.h"
#include "ingest/importer.h"
#include "store/casefile.h"
#include "testutil.h"

using namespace quarry;

namespace {

int column(const FilePreview& p, const char* name) {
    for (size_t c = 0; c < p.columns.size(); ++c)
        if (p.columns[c].name == QLatin1String(name)) return static_cast<int>(c);
    return -1;
}

QString value(const FilePreview& p, int row, const char* name) {
    const int c = column(p, name);
    return c < 0 ? QStringLiteral("<no column>") : p.rows[static_cast<size_t>(row)].values.value(c);
}

int autoField(const FilePreview& p, const char* name) {
    const int c = column(p, name);
    return c < 0 ? -2 : p.columns[static_cast<size_t>(c)].autoField;
}

}  // namespace

class TestFilePreview final : public QObject {
    Q_OBJECT
private slots:
    void csvWithoutRequiredColumnsStillPreviews();
    void csvStopsAtMaxRows();
    void jsonlFlattensKeysAsTheyAppear();
    void combinedAccessLog();
    void gatewayTablesPreviewWithTheirMapping();
    void unreadableFile();

private:
    QTemporaryDir dir_;
};

void TestFilePreview::csvWithoutRequiredColumnsStillPreviews() {
    // No column is called anything like a timestamp: an import refuses the file, the preview
    // shows it so the analyst can say which column holds the time.
    const QString path = dir_.filePath(QStringLiteral("odd.csv"));
    QVERIFY(test::writeFile(path,
                            "when,user_id,note\n"
                            "2026-01-01T00:00:00Z,alice,\"hello, world\"\n"
                            "2026-01-01T00:01:00Z,bob\n"
                            "\n"
                            "2026-01-01T00:02:00Z,carol,x\xff\n"));
    QString error;
    auto reader = createReader(QStringLiteral("auto"), path, &error);
    QVERIFY(reader);
    QVERIFY(!reader->open(path, ColumnMapping(), RecordReader::Limits(), &error));
    QVERIFY(error.contains(QStringLiteral("timestamp")));

    FilePreview p;
    QVERIFY2(previewFile(path, QStringLiteral("auto"), 50, p, &error), qPrintable(error));
    QCOMPARE(p.format, QStringLiteral("csv"));
    QVERIFY(p.endOfFile);
    QCOMPARE(p.columns.size(), size_t(3));
    QCOMPARE(p.columns[0].name, QStringLiteral("when"));
    QCOMPARE(autoField(p, "when"), -1);
    QCOMPARE(autoField(p, "user_id"), index(Field::AccountId));
    QCOMPARE(autoField(p, "note"), -1);
    QCOMPARE(p.rows.size(), size_t(3));  // the blank line is no record
    QCOMPARE(p.rows[0].line, int64_t(2));
    QCOMPARE(value(p, 0, "note"), QStringLiteral("hello, world"));
    QVERIFY(p.rows[0].problem.isEmpty());
    QCOMPARE(value(p, 1, "user_id"), QStringLiteral("bob"));
    QVERIFY(p.rows[1].problem.contains(QStringLiteral("wrong column count")));
    QCOMPARE(p.rows[2].line, int64_t(5));
    QVERIFY(p.rows[2].problem.contains(QStringLiteral("invalid UTF-8")));

    // With the mapping the analyst then gives, the importer takes the file.
    ImportOptions o;
    o.mapping.add(QStringLiteral("when"), index(Field::Timestamp));
    auto file = CaseFile::open(dir_.filePath(QStringLiteral("odd.quarry")),
                               CaseFile::Access::CreateIfMissing, &error);
    QVERIFY(file);
    ImportResult r;
    QVERIFY2(Importer(*file).run(path, o, r, &error), qPrintable(error));
    QCOMPARE(r.rowsImported, int64_t(1));
    QCOMPARE(r.rowsQuarantined, int64_t(2));
}

void TestFilePreview::csvStopsAtMaxRows() {
    const QString path = dir_.filePath(QStringLiteral("many.csv"));
    QByteArray csv = "timestamp,account_id\n";
    for (int i = 0; i < 500; ++i)
        csv += QByteArray::number(1700000000 + i) + ",a" + QByteArray::number(i) + "\n";
    QVERIFY(test::writeFile(path, csv));
    FilePreview p;
    QString error;
    QVERIFY(previewFile(path, QStringLiteral("csv"), 50, p, &error));
    QCOMPARE(p.rows.size(), size_t(50));
    QVERIFY(!p.endOfFile);
    QCOMPARE(value(p, 49, "account_id"), QStringLiteral("a49"));
    QCOMPARE(p.rows[49].line, int64_t(51));
}

void TestFilePreview::jsonlFlattensKeysAsTheyAppear() {
    const QString path = dir_.filePath(QStringLiteral("spans.jsonl"));
    QVERIFY(test::writeFile(
        path,
        "{\"startTime\":\"2026-02-01T10:00:00Z\",\"user\":{\"id\":\"u1\"},\"tokens\":12}\n"
        "not json\n"
        "{\"startTime\":\"2026-02-01T10:00:05Z\",\"user\":{\"id\":\"u2\"},\"gen_ai.request.model\":"
        "\"m-1\","
        "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}\n"));
    FilePreview p;
    QString error;
    QVERIFY2(previewFile(path, QStringLiteral("auto"), 50, p, &error), qPrintable(error));
    QCOMPARE(p.format, QStringLiteral("jsonl"));
    QCOMPARE(p.rows.size(), size_t(3));
    QCOMPARE(p.columns.size(),
             size_t(5));  // startTime, user.id, tokens, then the second row's keys
    QCOMPARE(p.columns[3].name, QStringLiteral("gen_ai.request.model"));
    QCOMPARE(autoField(p, "startTime"), index(Field::Timestamp));
    QCOMPARE(autoField(p, "gen_ai.request.model"), index(Field::Model));
    QCOMPARE(autoField(p, "messages"), index(Field::Prompt));
    QCOMPARE(autoField(p, "tokens"), -1);
    QCOMPARE(value(p, 0, "user.id"), QStringLiteral("u1"));
    QCOMPARE(value(p, 0, "tokens"), QStringLiteral("12"));
    QVERIFY(value(p, 0, "messages").isEmpty());
    QVERIFY(p.rows[1].problem.contains(QStringLiteral("malformed JSON")));
    QCOMPARE(value(p, 2, "gen_ai.request.model"), QStringLiteral("m-1"));
    QVERIFY(value(p, 2, "messages").contains(QStringLiteral("\"content\":\"hi\"")));
}

void TestFilePreview::combinedAccessLog() {
    const QString path = QStringLiteral(QUARRY_REAL_DATA "/apache_combined_2015.log");
    FilePreview p;
    QString error;
    QVERIFY2(previewFile(path, QStringLiteral("auto"), 20, p, &error), qPrintable(error));
    QCOMPARE(p.format, QStringLiteral("combined"));
    QCOMPARE(p.rows.size(), size_t(20));
    QCOMPARE(p.columns.size(), size_t(11));
    QCOMPARE(p.columns[0].name, QStringLiteral("ip"));
    QCOMPARE(autoField(p, "ip"), index(Field::Ip));
    QCOMPARE(autoField(p, "time"), index(Field::Timestamp));
    QCOMPARE(autoField(p, "referer"), -1);
    QCOMPARE(value(p, 0, "ip"), QStringLiteral("83.149.9.216"));
    QCOMPARE(value(p, 0, "time"), QStringLiteral("17/May/2015:10:05:03 +0000"));
    QCOMPARE(value(p, 0, "status"), QStringLiteral("200"));
    QVERIFY(value(p, 0, "user_agent").startsWith(QStringLiteral("Mozilla/5.0")));
}

void TestFilePreview::gatewayTablesPreviewWithTheirMapping() {
    // A LiteLLM export previews through its own reader: columns with the tool's mapping, rows
    // that are no request marked as skipped.
    FilePreview p;
    QString error;
    QVERIFY2(previewFile(test::dataPath(QStringLiteral("formats/litellm/spendlogs-2025-03.csv")),
                         QStringLiteral("auto"), 10, p, &error),
             qPrintable(error));
    QCOMPARE(p.format, QStringLiteral("litellm-csv"));
    QCOMPARE(autoField(p, "user"), index(Field::AccountId));
    QCOMPARE(autoField(p, "spend"), -1);
    QCOMPARE(value(p, 0, "user"), QStringLiteral("alice"));
    QCOMPARE(p.rows.size(), size_t(5));
    QVERIFY2(p.rows[3].problem.startsWith(QLatin1String("skipped, not a request")),
             qPrintable(p.rows[3].problem));
    QVERIFY(p.rows[0].problem.isEmpty());

    // new-api's admin JSON: keys as columns, the billing note shown but not mapped.
    QVERIFY2(previewFile(test::dataPath(QStringLiteral("formats/newapi/api-log-page.json")),
                         QStringLiteral("auto"), 10, p, &error),
             qPrintable(error));
    QCOMPARE(p.format, QStringLiteral("newapi-json"));
    QCOMPARE(autoField(p, "content"), -1);
    QCOMPARE(autoField(p, "username"), index(Field::AccountId));
    QCOMPARE(value(p, 1, "username"), QStringLiteral("dave"));
}

void TestFilePreview::unreadableFile() {
    FilePreview p;
    QString error;
    QVERIFY(!previewFile(dir_.filePath(QStringLiteral("missing.csv")), QStringLiteral("auto"), 50,
                         p, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!previewFile(dir_.filePath(QStringLiteral("missing.csv")), QStringLiteral("xml"), 50, p,
                         &error));
    QVERIFY(error.contains(QStringLiteral("unknown format")));
}

QTEST_MAIN(TestFilePreview)
#include "tst_filepreview.moc"
