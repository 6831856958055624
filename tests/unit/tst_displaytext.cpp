// SPDX-License-Identifier: GPL-3.0-or-later
// Ids that hide what they are: a right-to-left override makes "acct\u202egpj.exe" read
// "acctexe.jpg", a zero-width space makes two ids look alike. displayText shows such characters
// as <U+XXXX>; quarry-cli's text output, report.html and report.pdf use it, JSON keeps the
// exact id. Also: CLI messages without Qt's XDG_RUNTIME_DIR noise and a locked case named once.
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "core/displaytext.h"
#include "evidence/zipio.h"
#include "store/casefile.h"
#include "store/sqlite.h"
#include "testutil.h"

using namespace quarry;

namespace {

const QString kBidi = QStringLiteral("acct\u202egpj.exe");
const QString kZeroWidth = QStringLiteral("acct\u200b7");
const QByteArray kRawRlo = "\xe2\x80\xae", kRawZwsp = "\xe2\x80\x8b";

}  // namespace

class TestDisplayText final : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString case_;

    QString path(const QString& name) const { return dir_.filePath(name); }

private slots:
    void initTestCase() { qunsetenv("XDG_RUNTIME_DIR"); }  // as under cron or ssh

    void escapesHiddenCharacters() {
        QCOMPARE(displayText(kBidi), QStringLiteral("acct<U+202E>gpj.exe"));
        QCOMPARE(displayText(kZeroWidth), QStringLiteral("acct<U+200B>7"));
        QCOMPARE(displayText(QStringLiteral("a\u2066b\u2069c\u200ed\u061c")),
                 QStringLiteral("a<U+2066>b<U+2069>c<U+200E>d<U+061C>"));
        QCOMPARE(displayText(QString::fromUtf8("a\0b\x1b[31m", 8)),
                 QStringLiteral("a<U+0000>b<U+001B>[31m"));
        QCOMPARE(displayText(QStringLiteral("\ufeffx\u2028y\u00adz")),
                 QStringLiteral("<U+FEFF>x<U+2028>y<U+00AD>z"));
        QCOMPARE(displayText(QStringLiteral("tag\U000E0041")), QStringLiteral("tag<U+E0041>"));
        QString lone = QStringLiteral("a");
        lone += QChar(0xd800);
        QCOMPARE(displayText(lone), QStringLiteral("a<U+D800>"));
        // Visible text of any script stays as it is.
        for (const QString& ok :
             {QStringLiteral("user@example.com"), QStringLiteral("\u05e9\u05dc\u05d5\u05dd"),
              QStringLiteral("\u0645\u0631\u062d\u0628\u0627"),
              QStringLiteral("caf\u00e9 \U0001F600"), QStringLiteral("\u4f60\u597d")}) {
            QCOMPARE(displayText(ok), ok);
            QVERIFY(!needsEscaping(ok));
        }
    }

    void cliAndReportShowIdsEscaped() {
        QByteArray csv = "timestamp,account_id,ip,prompt\n";
        for (int i = 0; i < 30; ++i)
            for (const QString& a : {kBidi, kZeroWidth, QStringLiteral("plain-account")})
                csv += "2026-03-01T1" + QByteArray::number(i % 10) + ":" +
                       QByteArray::number(10 + i) + ":00Z," + a.toUtf8() + ",203.0.113.9,hello\n";
        QVERIFY(test::writeFile(path(QStringLiteral("ids.csv")), csv));
        case_ = path(QStringLiteral("ids.quarry"));
        auto r = test::runCli({QStringLiteral("import"), case_, path(QStringLiteral("ids.csv"))});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = test::runCli({QStringLiteral("analyze"), case_});
        QVERIFY2(r.exitCode == 0, r.err.constData());

        r = test::runCli(
            {QStringLiteral("accounts"), case_, QStringLiteral("--format"), QStringLiteral("csv")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("acct<U+202E>gpj.exe"), r.out.constData());
        QVERIFY2(r.out.contains("acct<U+200B>7"), r.out.constData());
        QVERIFY(!r.out.contains(kRawRlo) && !r.out.contains(kRawZwsp));
        // JSON is for programs: the exact id.
        r = test::runCli({QStringLiteral("accounts"), case_, QStringLiteral("--format"),
                          QStringLiteral("json")});
        QStringList ids;
        for (const auto& v : QJsonDocument::fromJson(r.out).array())
            ids << v.toObject().value(QStringLiteral("account_id")).toString();
        QVERIFY(ids.contains(kBidi));
        r = test::runCli({QStringLiteral("account"), case_, kBidi});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith("account acct<U+202E>gpj.exe "), r.out.constData());
        QVERIFY(!r.out.contains(kRawRlo));

        const QString out = path(QStringLiteral("ids.zip"));
        r = test::runCli({QStringLiteral("export"), case_, QStringLiteral("--account"), kBidi,
                          QStringLiteral("--account"), kZeroWidth, QStringLiteral("--out"), out});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        // No Qt noise on stderr without XDG_RUNTIME_DIR (the test environment has none set).
        QVERIFY2(!r.err.contains("XDG_RUNTIME_DIR"), r.err.constData());
        std::vector<evidence::ZipMember> members;
        QString error;
        QVERIFY(evidence::readZip(out, members, &error));
        for (const auto& m : members) {
            if (m.name == QLatin1String("report.html")) {
                QVERIFY2(m.data.contains("acct&lt;U+202E&gt;gpj.exe"),
                         "report.html shows the id escaped");
                QVERIFY(!m.data.contains(kRawRlo) && !m.data.contains(kRawZwsp));
            }
            if (m.name == QLatin1String("report.pdf")) {
                QVERIFY(test::writeFile(path(QStringLiteral("r.pdf")), m.data));
                QProcess p;
                p.start(QStringLiteral("pdftotext"),
                        {path(QStringLiteral("r.pdf")), QStringLiteral("-")});
                QVERIFY(p.waitForFinished(60000));
                const QByteArray text = p.readAllStandardOutput();
                QVERIFY2(text.contains("acct<U+202E>gpj.exe"), text.constData());
                QVERIFY(!text.contains(kRawRlo));
            }
            // The data members keep the exact id.
            if (m.name == QLatin1String("accounts.csv")) QVERIFY(m.data.contains(kBidi.toUtf8()));
        }
    }

    void lockedCaseIsNamedOnce() {
        QVERIFY(!case_.isEmpty());
        // Another writer holds the case.
        auto holder = CaseFile::open(case_, CaseFile::Access::ReadWrite, nullptr);
        QVERIFY(holder);
        QString e;
        QVERIFY2(holder->beginWrite(&e), qPrintable(e));
        const auto r =
            test::runCli({QStringLiteral("tag"), case_, QStringLiteral("--account"),
                          QStringLiteral("plain-account"), QStringLiteral("needs-review")});
        holder->rollback();
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("locked"), r.err.constData());
        QCOMPARE(r.err.count(case_.toUtf8()), 1);
    }
};

QTEST_GUILESS_MAIN(TestDisplayText)
#include "tst_displaytext.moc"
