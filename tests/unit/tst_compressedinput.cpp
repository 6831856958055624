// SPDX-License-Identifier: GPL-3.0-or-later
// gzip and zstd input (issue 14 part 3): a compressed log reads exactly like the plain one,
// through the same readers, told by its magic bytes; quarantine lines count decompressed lines;
// the recorded SHA-256 and size are the stored (compressed) file's. Files are compressed by
// the real gzip(1) and zstd(1) programs.
#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
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

// Compresses data with the named program ("gzip" or "zstd") into path.
bool compress(const QString& program, const QByteArray& data, const QString& path) {
    QProcess p;
    p.setStandardOutputFile(path);
    p.start(program, {QStringLiteral("-c"), QStringLiteral("-q")});
    if (!p.waitForStarted()) return false;
    p.write(data);
    p.closeWriteChannel();
    return p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

QByteArray readBytes(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

const QByteArray kCsv =
    "timestamp,account_id,model,prompt_tokens,prompt\n"  // 1
    "2026-09-01T00:00:00Z,alice,m1,10,\"two\nlines\"\n"  // 2-3
    "2026-09-01T00:00:01Z,bob,m1,twelve,x\n"             // 4: not a number
    "\n"                                                 // 5
    "2026-09-01T00:00:02Z,carol,m2,7,plain\n";           // 6

const QByteArray kJsonl =
    "{\"timestamp\":1788220800,\"user\":\"alice\",\"model\":\"m1\"}\n"  // 1
    "{\"timestamp\":1788220801,\"user\":\n"                             // 2: malformed
    "{\"timestamp\":1788220802,\"user\":\"bob\"}\n";                    // 3

struct Case {
    QTemporaryDir dir;
    std::unique_ptr<CaseFile> file;
    Case() {
        QString e;
        file = CaseFile::open(dir.filePath(QStringLiteral("c.quarry")),
                              CaseFile::Access::CreateIfMissing, &e);
    }
};

}  // namespace

class TestCompressedInput final : public QObject {
    Q_OBJECT
private slots:
    void csvReadsLikeThePlainFile_data() {
        QTest::addColumn<QString>("program");
        QTest::newRow("gzip") << QStringLiteral("gzip");
        QTest::newRow("zstd") << QStringLiteral("zstd");
    }
    void csvReadsLikeThePlainFile() {
        QFETCH(QString, program);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("requests.csv.") + program);
        QVERIFY(compress(program, kCsv, path));
        const test::Result plain =
            test::readAll<CsvReader>(kCsv, QStringLiteral("plain.csv"), {}, {});
        QVERIFY(plain.opened);

        CsvReader reader;
        QString error;
        QVERIFY2(reader.open(path, ColumnMapping(), {}, &error), qPrintable(error));
        QList<test::Rec> rows;
        SourceRow row;
        while (reader.next(row)) rows << test::copy(row);
        QVERIFY2(reader.error().isEmpty(), qPrintable(reader.error()));
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows.size(), plain.rows.size());
        for (int i = 0; i < rows.size(); ++i) {
            QCOMPARE(rows[i].line, plain.rows[i].line);
            QCOMPARE(rows[i].values, plain.rows[i].values);
        }
        QCOMPARE(rows[0].value(Field::Prompt), QByteArray("two\nlines"));
        QCOMPARE(rows[2].line, qint64(6));
        // The digest is of the file as stored, as sha256sum would print it.
        QCOMPARE(QByteArray::fromStdString(reader.input().sha256Hex()),
                 QCryptographicHash::hash(readBytes(path), QCryptographicHash::Sha256).toHex());
    }

    void importRecordsStoredDigestAndDecompressedLines_data() {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QString>("name");
        QTest::newRow("gzip") << QStringLiteral("gzip") << QStringLiteral("log.jsonl.gz");
        QTest::newRow("zstd") << QStringLiteral("zstd") << QStringLiteral("log.jsonl.zst");
        // Named as plain text: the magic bytes decide, not the name.
        QTest::newRow("gzip named .jsonl") << QStringLiteral("gzip") << QStringLiteral("log.jsonl");
        QTest::newRow("zstd, no extension") << QStringLiteral("zstd") << QStringLiteral("log");
    }
    void importRecordsStoredDigestAndDecompressedLines() {
        QFETCH(QString, program);
        QFETCH(QString, name);
        Case c;
        QVERIFY(c.file);
        const QString path = c.dir.filePath(name);
        QVERIFY(compress(program, kJsonl, path));
        ImportResult result;
        QString error;
        QVERIFY2(Importer(*c.file).run(path, ImportOptions(), result, &error), qPrintable(error));
        QCOMPARE(result.format, QStringLiteral("jsonl"));
        QCOMPARE(result.rowsImported, int64_t(2));
        QCOMPARE(result.rowsQuarantined, int64_t(1));
        sql::Statement q(c.file->db(), "SELECT line, kind FROM quarantine");
        QVERIFY(q.step());
        QCOMPARE(q.int64(0), int64_t(2));
        QCOMPARE(q.text(1), QStringLiteral("malformed JSON"));
        const QByteArray stored = readBytes(path);
        sql::Statement s(c.file->db(), "SELECT sha256, size FROM sources");
        QVERIFY(s.step());
        QCOMPARE(s.text(0).toLatin1(),
                 QCryptographicHash::hash(stored, QCryptographicHash::Sha256).toHex());
        QCOMPARE(s.int64(1), int64_t(stored.size()));
        QCOMPARE(sql::queryInt(c.file->db(), "SELECT count(*) FROM accounts"), int64_t(2));
    }

    void concatenatedStreamsAreAllRead_data() {
        QTest::addColumn<QString>("program");
        QTest::newRow("gzip") << QStringLiteral("gzip");
        QTest::newRow("zstd") << QStringLiteral("zstd");
    }
    void concatenatedStreamsAreAllRead() {
        // `cat a.gz b.gz > c.gz` is a valid gzip file (RFC 1952 2.2); so is a zstd file of frames.
        QFETCH(QString, program);
        QTemporaryDir dir;
        const QString a = dir.filePath(QStringLiteral("a")), b = dir.filePath(QStringLiteral("b"));
        QVERIFY(compress(program, "{\"user\":\"u1\",\"ts\":1}\n", a));
        QVERIFY(compress(program, "{\"user\":\"u2\",\"ts\":2}\n{\"user\":\"u3\",\"ts\":3}\n", b));
        const QString both = dir.filePath(QStringLiteral("both.jsonl"));
        QVERIFY(test::writeFile(both, readBytes(a) + readBytes(b)));
        JsonlReader reader;
        QString error;
        QVERIFY2(reader.open(both, ColumnMapping(), {}, &error), qPrintable(error));
        QStringList users;
        QList<qint64> lines;
        SourceRow row;
        while (reader.next(row)) {
            users << QString::fromStdString(std::string(row.value[index(Field::AccountId)]));
            lines << row.line;
        }
        QVERIFY2(reader.error().isEmpty(), qPrintable(reader.error()));
        QCOMPARE(users,
                 (QStringList{QStringLiteral("u1"), QStringLiteral("u2"), QStringLiteral("u3")}));
        QCOMPARE(lines, (QList<qint64>{1, 2, 3}));
    }

    void largeFileAcrossManyChunks_data() {
        QTest::addColumn<QString>("program");
        QTest::newRow("gzip") << QStringLiteral("gzip");
        QTest::newRow("zstd") << QStringLiteral("zstd");
    }
    void largeFileAcrossManyChunks() {
        // ~20 MB of text, several of the reader's 4 MiB windows and hundreds of compressed reads.
        QFETCH(QString, program);
        QByteArray csv = "timestamp,account_id,prompt\n";
        const int n = 150000;
        for (int i = 0; i < n; ++i)
            csv += "2026-09-01T00:00:00Z,acct" + QByteArray::number(i % 97) + ",\"prompt " +
                   QByteArray::number(i) + " " + QByteArray(100, 'x') + "\"\n";
        Case c;
        const QString path = c.dir.filePath(QStringLiteral("big.csv.") + program);
        QVERIFY(compress(program, csv, path));
        ImportResult result;
        QString error;
        QVERIFY2(Importer(*c.file).run(path, ImportOptions(), result, &error), qPrintable(error));
        QCOMPARE(result.rowsImported, int64_t(n));
        QCOMPARE(result.rowsQuarantined, int64_t(0));
        // The last row's line number counts decompressed lines.
        QCOMPARE(sql::queryInt(c.file->db(), "SELECT max(source_line) FROM requests"),
                 int64_t(n + 1));
        sql::Statement s(
            c.file->db(),
            "SELECT prompt FROM request_text WHERE id = (SELECT max(id) FROM requests)");
        QVERIFY(s.step());
        QCOMPARE(s.text(0),
                 QStringLiteral("prompt %1 ").arg(n - 1) + QString(100, QLatin1Char('x')));
    }

    void truncatedFileFailsAndLeavesTheCase_data() {
        QTest::addColumn<QString>("program");
        QTest::newRow("gzip") << QStringLiteral("gzip");
        QTest::newRow("zstd") << QStringLiteral("zstd");
    }
    void truncatedFileFailsAndLeavesTheCase() {
        // A download cut short must not import half a file as if it were all of it.
        QFETCH(QString, program);
        QByteArray csv = "timestamp,account_id\n";
        for (int i = 0; i < 20000; ++i)
            csv += "2026-09-01T00:00:00Z,a" + QByteArray::number(i * 7919 % 100003) + "\n";
        Case c;
        const QString whole = c.dir.filePath(QStringLiteral("whole.gz"));
        QVERIFY(compress(program, csv, whole));
        const QByteArray bytes = readBytes(whole);
        const QString cut = c.dir.filePath(QStringLiteral("cut.csv"));
        QVERIFY(test::writeFile(cut, bytes.left(bytes.size() * 2 / 3)));
        ImportResult result;
        QString error;
        QVERIFY(!Importer(*c.file).run(cut, ImportOptions(), result, &error));
        QVERIFY2(error.contains(QStringLiteral("cut.csv")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("ends early")), qPrintable(error));
        QCOMPARE(sql::queryInt(c.file->db(), "SELECT count(*) FROM requests"), int64_t(0));
        QCOMPARE(sql::queryInt(c.file->db(), "SELECT count(*) FROM sources"), int64_t(0));
    }

    void corruptDataIsNamed_data() {
        QTest::addColumn<QString>("program");
        QTest::newRow("gzip") << QStringLiteral("gzip");
        QTest::newRow("zstd") << QStringLiteral("zstd");
    }
    void corruptDataIsNamed() {
        QFETCH(QString, program);
        QByteArray csv = "timestamp,account_id\n";
        for (int i = 0; i < 5000; ++i)
            csv += "2026-09-01T00:00:00Z,a" + QByteArray::number(i) + "\n";
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("x.csv"));
        QVERIFY(compress(program, csv, path));
        QByteArray bytes = readBytes(path);
        for (int i = bytes.size() / 3; i < bytes.size() / 3 + 64; ++i)
            bytes[i] = char(bytes[i] ^ 0x5A);
        QVERIFY(test::writeFile(path, bytes));
        const test::Result r = test::readAll<CsvReader>(bytes, QStringLiteral("x.csv"), {}, {});
        QVERIFY2(r.error.contains(program), qPrintable(r.error));
        QVERIFY2(r.error.contains(QStringLiteral("x.csv")), qPrintable(r.error));
    }
};

QTEST_GUILESS_MAIN(TestCompressedInput)
#include "tst_compressedinput.moc"
