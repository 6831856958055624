// SPDX-License-Identifier: GPL-3.0-or-later
// Input Quarry cannot read as it is must be refused with the reason, not imported as "every
// line malformed" (issue 15 item 7), and classic Mac (CR-only) line ends must be read as line
// ends, not as one enormous line that yields nothing (issue 15 item 6).
#include <QFileInfo>
#include <QProcess>
#include <QStringDecoder>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QtTest>

#include "ingest/csvreader.h"
#include "ingest/importer.h"
#include "ingest/jsonlreader.h"
#include "readertestutil.h"
#include "store/casefile.h"
#include "store/sqlite.h"
#include "testutil.h"

using namespace quarry;

namespace {

const QString kCsvText = QStringLiteral(
    "timestamp,account_id,prompt\n"
    "2026-09-01T00:00:00Z,alice,h\u00e9llo\n"
    "2026-09-01T00:00:01Z,bob,second\n");

QByteArray encode(const QString& text, QStringConverter::Encoding enc, bool bom) {
    QStringEncoder e(enc, bom ? QStringConverter::Flag::WriteBom : QStringConverter::Flag::Default);
    return e.encode(text);
}

}  // namespace

class TestInputEncoding final : public QObject {
    Q_OBJECT
private slots:
    void foreignEncodingIsNamed_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("named");
        using E = QStringConverter::Encoding;
        QTest::newRow("UTF-16LE BOM, csv") << encode(kCsvText, E::Utf16LE, true) << "auto"
                                           << "UTF-16LE encoded";
        QTest::newRow("UTF-16BE BOM, csv") << encode(kCsvText, E::Utf16BE, true) << "auto"
                                           << "UTF-16BE encoded";
        QTest::newRow("UTF-16LE no BOM, jsonl")
            << encode(QStringLiteral("{\"user\":\"a\",\"ts\":1}\n{\"user\":\"b\",\"ts\":2}\n"),
                      E::Utf16LE, false)
            << "jsonl"
            << "UTF-16LE encoded";
        QTest::newRow("UTF-16BE no BOM, csv") << encode(kCsvText, E::Utf16BE, false) << "csv"
                                              << "UTF-16BE encoded";
        QTest::newRow("UTF-32LE BOM") << encode(kCsvText, E::Utf32LE, true) << "auto"
                                      << "UTF-32LE encoded";
        QTest::newRow("UTF-32BE no BOM") << encode(kCsvText, E::Utf32BE, false) << "jsonl"
                                         << "UTF-32BE encoded";
        QTest::newRow("xz") << QByteArray(
                                   "\xFD"
                                   "7zXZ\x00\x00\x04\xE6\xD6\xB4\x46",
                                   12)
                            << "jsonl"
                            << "xz-compressed";
        QTest::newRow("bzip2") << QByteArray("BZh91AY&SY\x12\x34", 12) << "csv"
                               << "bzip2-compressed";
        QTest::newRow("zip") << QByteArray("PK\x03\x04\x14\x00\x00\x00", 8) << "auto"
                             << "ZIP archive";
        QByteArray binary(8192, '\0');
        for (int i = 0; i < binary.size(); i += 3) binary[i] = char(i * 37);
        QTest::newRow("binary") << binary << "jsonl"
                                << "binary data";
    }
    void foreignEncodingIsNamed() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, format);
        QFETCH(QString, named);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("file.jsonl"));
        QVERIFY(test::writeFile(path, bytes));
        const QString casePath = dir.filePath(QStringLiteral("new.quarry"));
        const auto r = test::runCli(
            {QStringLiteral("import"), casePath, path, QStringLiteral("--format"), format});
        QCOMPARE(r.exitCode, 1);
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(err.contains(named), qPrintable(err));
        QVERIFY2(err.contains(path), qPrintable(err));
        QCOMPARE(err.count(QLatin1Char('\n')), 1);  // one line
        QVERIFY2(!QFileInfo::exists(casePath), "a failed first import must not leave a case file");
    }

    void aStrayNulIsNotAnEncoding() {
        // One NUL inside one value is the row checks' business, not a reason to refuse the file.
        QByteArray csv = kCsvText.toUtf8();
        csv += QByteArray("2026-09-01T00:00:02Z,car\0ol,x\n", 30);
        QTemporaryDir dir;
        QString error;
        auto file = CaseFile::open(dir.filePath(QStringLiteral("c.quarry")),
                                   CaseFile::Access::CreateIfMissing, &error);
        const QString path = dir.filePath(QStringLiteral("in.csv"));
        QVERIFY(test::writeFile(path, csv));
        ImportResult result;
        QVERIFY2(Importer(*file).run(path, ImportOptions(), result, &error), qPrintable(error));
        QCOMPARE(result.rowsImported, int64_t(2));
        QCOMPARE(result.rowsQuarantined, int64_t(1));
    }

    void crOnlyLineEndsAreLineEnds_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("csv") << QStringLiteral("mac.csv")
                             << QByteArray(
                                    "timestamp,account_id,prompt\r"
                                    "2026-09-01T00:00:00Z,alice,one\r"
                                    "2026-09-01T00:00:01Z,bob,\"two\rlines\"\r"
                                    "\r"
                                    "2026-09-01T00:00:02Z,carol,three\r"
                                    "nonsense,,\r");
        QTest::newRow("jsonl")
            << QStringLiteral("mac.jsonl")
            << QByteArray(
                   "{\"ts\":1788220800,\"user\":\"alice\",\"prompt\":\"one\"}\r"
                   "{\"ts\":1788220801,\"user\":\"bob\",\"prompt\":\"two\\rlines\"}\r"
                   "\r\r"
                   "{\"ts\":1788220802,\"user\":\"carol\",\"prompt\":\"three\"}\r"
                   "{\"ts\":\r");
    }
    void crOnlyLineEndsAreLineEnds() {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QTemporaryDir dir;
        QString error;
        auto file = CaseFile::open(dir.filePath(QStringLiteral("c.quarry")),
                                   CaseFile::Access::CreateIfMissing, &error);
        const QString path = dir.filePath(name);
        QVERIFY(test::writeFile(path, content));
        ImportResult result;
        QVERIFY2(Importer(*file).run(path, ImportOptions(), result, &error), qPrintable(error));
        QCOMPARE(result.rowsImported, int64_t(3));
        QCOMPARE(result.rowsQuarantined, int64_t(1));
        QCOMPARE(sql::queryInt(file->db(), "SELECT count(*) FROM accounts"), int64_t(3));
        sql::Statement s(file->db(),
                         "SELECT a.value, t.prompt, r.source_line FROM requests r JOIN accounts a "
                         "ON a.id = r.account_id JOIN request_text t ON t.id = r.id ORDER BY r.id");
        QStringList got;
        while (s.step())
            got << QStringLiteral("%1:%2:%3").arg(s.text(0), s.text(1)).arg(s.int64(2));
        const bool csv = name.endsWith(QLatin1String(".csv"));
        // A CR inside a quoted CSV field of a CR-only file is that file's line break: LF.
        QCOMPARE(got,
                 (QStringList{
                     csv ? QStringLiteral("alice:one:2") : QStringLiteral("alice:one:1"),
                     csv ? QStringLiteral("bob:two\nlines:3") : QStringLiteral("bob:two\rlines:2"),
                     csv ? QStringLiteral("carol:three:6") : QStringLiteral("carol:three:5")}));
        sql::Statement q(file->db(), "SELECT line FROM quarantine");
        QVERIFY(q.step());
        QCOMPARE(q.int64(0), csv ? int64_t(7) : int64_t(6));
    }

    void crlfIsNotMistakenForCrOnly() {
        const test::Result r = test::readAll<CsvReader>(
            "timestamp,account_id,prompt\r\n2026-09-01T00:00:00Z,a,\"x\ry\"\r\n",
            QStringLiteral("in.csv"), {}, {});
        QVERIFY2(r.opened, qPrintable(r.error));
        QCOMPARE(r.rows.size(), 1);
        QCOMPARE(r.rows[0].value(Field::Prompt), QByteArray("x\ry"));
    }
};

QTEST_GUILESS_MAIN(TestInputEncoding)
#include "tst_inputencoding.moc"
