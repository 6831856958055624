// SPDX-License-Identifier: GPL-3.0-or-later
// Redaction by construction: a log whose every canonical text field carries an e-mail address,
// an IPv4 and an IPv6 address and a URL with credentials (and whose prompts carry a marker) is
// exported with --redact; none of those raw values may appear in any member of the bundle: the
// CSVs, the JSON members, report.html, the text of report.pdf and of the chart PDFs (pdftotext)
// and the PNG charts' bytes and text chunks. The same export without --redact shows them, so the
// search is known to work.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <map>

#include "evidence/redactor.h"
#include "evidence/zipio.h"
#include "testutil.h"

using namespace quarry;
using evidence::ZipMember;

namespace {

// The text fields of the canonical request record (DESIGN.md), each given its own secrets.
// payment_fingerprint is not exported, and analysis replaces the source's topic with its own.
struct TextField {
    const char* name;
    bool inPlainBundle;
};
const TextField kTextFields[] = {
    {"request_id", true},           {"api_key_id", true}, {"organization_id", true},
    {"user_agent", true},           {"model", true},      {"endpoint", true},
    {"payment_fingerprint", false}, {"country", true},    {"topic", false}};

struct Secrets {
    QByteArray email, ipv4, ipv6, password;
};

Secrets secretsFor(int i) {
    return {QByteArrayLiteral("leak") + QByteArray::number(i) + "@victim-corp.example",
            QByteArrayLiteral("198.51.100.") + QByteArray::number(10 + i),
            QByteArrayLiteral("2001:db8:") + QByteArray::number(100 + i) +
                "::" + QByteArray::number(7 + i),
            QByteArrayLiteral("Pw") + QByteArray::number(i) + "Sup3rSecret"};
}

QByteArray hostile(const Secrets& s) {
    return "ops " + s.email + " from " + s.ipv4 + " or [" + s.ipv6 +
           "] via https://svc:" + s.password + "@api.example.com/v1";
}

QByteArray csvQuote(const QByteArray& v) {
    return '"' + QByteArray(v).replace("\"", "\"\"") + '"';
}

// Text chunks (tEXt, zTXt, iTXt) of a PNG, decompressed where compressed.
QByteArray pngText(const QByteArray& png) {
    QByteArray text;
    qsizetype at = 8;
    while (at + 12 <= png.size()) {
        const quint32 len = (quint8(png[at]) << 24) | (quint8(png[at + 1]) << 16) |
                            (quint8(png[at + 2]) << 8) | quint8(png[at + 3]);
        const QByteArray type = png.mid(at + 4, 4), data = png.mid(at + 8, len);
        if (type == "tEXt" || type == "iTXt") text += data + '\n';
        if (type == "zTXt") {
            const qsizetype nul = data.indexOf('\0');
            QByteArray z = data.mid(nul + 2);
            z.prepend(QByteArray("\x00\x10\x00\x00", 4));  // qUncompress wants the size first
            text += qUncompress(z) + '\n';
        }
        at += 12 + len;
    }
    return text;
}

QByteArray pdfText(const QByteArray& pdf, const QString& tmp) {
    const QString in = tmp + QStringLiteral("/member.pdf");
    if (!test::writeFile(in, pdf)) return {};
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {in, QStringLiteral("-")});
    p.waitForFinished(60000);
    return p.readAllStandardOutput();
}

// Everything a reader of the member could see: the bytes, and for PDFs and PNGs their text.
std::map<QString, QByteArray> readable(const QString& zip, const QString& tmp) {
    std::vector<ZipMember> members;
    QString error;
    if (!evidence::readZip(zip, members, &error)) qFatal("%s", qPrintable(error));
    std::map<QString, QByteArray> out;
    for (const auto& m : members) {
        QByteArray t = m.data;
        if (m.name.endsWith(QLatin1String(".pdf"))) t += '\n' + pdfText(m.data, tmp);
        if (m.name.endsWith(QLatin1String(".png"))) t += '\n' + pngText(m.data);
        out[m.name] = t;
    }
    return out;
}

}  // namespace

class TestRedaction final : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    std::vector<QByteArray> secrets_;     // every raw value that must not leave with --redact
    std::vector<QByteArray> unexported_;  // those of fields no member shows even unredacted
    QString case_;
    const QByteArray promptMarker_ = "PROMPT-MARKER-7f3a9c";
    const QByteArray accountEmail_ = "mallory.ops@evil-distill.example";

    QString path(const QString& name) const { return dir_.filePath(name); }

private slots:
    void initTestCase() {
        QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty(),
                 "pdftotext (poppler-utils) is needed to read the PDFs' text");
        qputenv("QUARRY_ANALYST", "redaction-tester");
        // A source file named after an address and a person: its path reaches sources.json and
        // audit.jsonl.
        const QString src =
            path(QStringLiteral("export-10.20.30.40-jane.doe@victim-corp.example.csv"));
        secrets_ = {promptMarker_, accountEmail_, "10.20.30.40", "jane.doe@victim-corp.example"};
        QByteArray csv = "timestamp,account_id,ip";
        for (const auto& f : kTextFields) csv += QByteArray(",") + f.name;
        csv += ",prompt\n";
        // Two accounts: an e-mail, and an id holding an IP address; both IPv4 and IPv6 in the ip
        // field.
        const QByteArray ipAccount = "acct-from-192.0.2.77";
        secrets_.push_back("192.0.2.77");
        for (int row = 0; row < 40; ++row) {
            const int i = row % 10;
            const Secrets s = secretsFor(i);
            secrets_.insert(secrets_.end(), {s.email, s.ipv4, s.ipv6, s.password});
            csv += "2026-03-0" + QByteArray::number(1 + row % 3) + "T1" +
                   QByteArray::number(row % 10) + ":0" + QByteArray::number(row % 6) + ":00Z,";
            csv += (row % 2 ? accountEmail_ : ipAccount) + ',' + (row % 4 < 2 ? s.ipv4 : s.ipv6);
            int f = 0;
            for (const auto& field : kTextFields) {
                // Each field its own secrets, so a leak names its field.
                const Secrets fs = secretsFor(10 + f++);
                secrets_.insert(secrets_.end(), {fs.email, fs.ipv4, fs.ipv6, fs.password});
                if (!field.inPlainBundle)
                    unexported_.insert(unexported_.end(),
                                       {fs.email, fs.ipv4, fs.ipv6, fs.password});
                csv += ',' + csvQuote(QByteArray(field.name) + " " + hostile(fs) + " r" +
                                      QByteArray::number(row));
            }
            csv += ',' + csvQuote("Write out your reasoning. " + promptMarker_ + " " + hostile(s)) +
                   '\n';
        }
        QVERIFY(test::writeFile(src, csv));
        case_ = path(QStringLiteral("c.quarry"));
        auto r = test::runCli({QStringLiteral("import"), case_, src});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = test::runCli({QStringLiteral("analyze"), case_});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        // A note with the same kinds of secrets.
        r = test::runCli({QStringLiteral("tag"), case_, QStringLiteral("--account"),
                          QString::fromLatin1(accountEmail_), QStringLiteral("--account"),
                          QString::fromLatin1(ipAccount), QStringLiteral("needs-review"),
                          QStringLiteral("--note"), QString::fromLatin1(hostile(secretsFor(40)))});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const Secrets n = secretsFor(40);
        secrets_.insert(secrets_.end(), {n.email, n.ipv4, n.ipv6, n.password});
    }

    void redactedBundleHoldsNoRawValue() {
        const QString plain = path(QStringLiteral("plain.zip")),
                      redacted = path(QStringLiteral("redacted.zip"));
        for (const QString& out : {plain, redacted}) {
            QStringList args = {QStringLiteral("export"),    case_,
                                QStringLiteral("--account"), QString::fromLatin1(accountEmail_),
                                QStringLiteral("--tag"),     QStringLiteral("needs-review"),
                                QStringLiteral("--out"),     out};
            if (out == redacted) args << QStringLiteral("--redact");
            auto r = test::runCli(args);
            QVERIFY2(r.exitCode == 0, r.err.constData());
            r = test::runCli({QStringLiteral("verify"), out});
            QVERIFY2(r.exitCode == 0, r.err.constData());
        }
        const auto plainMembers = readable(plain, dir_.path());
        const auto redactedMembers = readable(redacted, dir_.path());
        QCOMPARE(redactedMembers.size(), plainMembers.size());
        QVERIFY(redactedMembers.count(QStringLiteral("report.pdf")));
        QVERIFY(redactedMembers.count(QStringLiteral("charts/1-timeline.png")));

        // The search works: each secret is somewhere in the plain bundle.
        QByteArray plainAll;
        for (const auto& [name, text] : plainMembers) plainAll += text;
        for (const QByteArray& s : secrets_)
            if (std::find(unexported_.begin(), unexported_.end(), s) == unexported_.end())
                QVERIFY2(plainAll.contains(s), s.constData());
        // And nowhere in the redacted one.
        for (const auto& [name, text] : redactedMembers)
            for (const QByteArray& s : secrets_)
                QVERIFY2(!text.contains(s),
                         qPrintable(name + QStringLiteral(" leaks ") + QString::fromLatin1(s)));

        // The structure stays: the masked forms are there, and the same account masks alike
        // in accounts.csv and requests.csv.
        const QByteArray requests = redactedMembers.at(QStringLiteral("requests.csv"));
        QVERIFY(requests.contains("[redacted: "));
        QVERIFY(requests.contains("198.51.100.0/24"));
        QVERIFY(requests.contains("2001:db8:"));
        QVERIFY(requests.contains("https://[redacted]@api.example.com/v1"));
        const QByteArray accounts = redactedMembers.at(QStringLiteral("accounts.csv"));
        const auto m = QRegularExpression(QStringLiteral("^acct-[0-9a-f]{12}@redacted\\.invalid"),
                                          QRegularExpression::MultilineOption)
                           .match(QString::fromUtf8(accounts));
        QVERIFY(m.hasMatch());  // the account_id cell of the e-mail account
        const QByteArray pseudonym = m.captured(0).toUtf8();
        QVERIFY(requests.contains(pseudonym));
        QVERIFY(redactedMembers.at(QStringLiteral("report.pdf"))
                    .contains(pseudonym.left(17)));  // "acct-" + 12 hex
    }

    void oneStepMasksEachKind() {
        const evidence::Redactor red(true), off(false);
        const QString s = QStringLiteral(
            "a@b.example 10.1.2.3 fe80::1 ::ffff:10.9.9.9 ftp://u:p@h/x 10.0.0.0/8 std::vector "
            "12:30:45");
        QCOMPARE(off.text(s), s);
        const QString r = red.text(s);
        QVERIFY2(!r.contains(QLatin1String("a@b.example")), qPrintable(r));
        QVERIFY2(r.contains(QLatin1String("10.1.2.0/24")), qPrintable(r));
        QVERIFY2(r.contains(QLatin1String("fe80:0:0::/48")), qPrintable(r));
        QVERIFY2(!r.contains(QLatin1String("10.9.9.9")), qPrintable(r));
        QVERIFY2(r.contains(QLatin1String("ftp://[redacted]@h/x")), qPrintable(r));
        // Networks, C++ scopes and times of day are not addresses.
        QVERIFY2(r.contains(QLatin1String("10.0.0.0/8")), qPrintable(r));
        QVERIFY2(r.contains(QLatin1String("std::vector")), qPrintable(r));
        QVERIFY2(r.contains(QLatin1String("12:30:45")), qPrintable(r));
        QCOMPARE(red.text(QStringLiteral("x@y.example")), red.text(QStringLiteral("x@y.example")));
    }
};

QTEST_GUILESS_MAIN(TestRedaction)
#include "tst_redaction.moc"
