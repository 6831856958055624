// SPDX-License-Identifier: GPL-3.0-or-later
// report.pdf and charts/ in evidence bundles, read back with poppler (pdftotext, pdfimages): the
// members are in the manifest and verify; the PDF names the cluster, its accounts and its reasons
// (taken from the case by SQL, not from program output); hostile account ids and notes are printed
// literally; a redacted report holds no raw IP, e-mail or prompt; charts are vector graphics.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <set>

#include "evidence/bundle.h"
#include "evidence/zipio.h"
#include "store/casefile.h"
#include "store/sqlite.h"
#include "testutil.h"

using namespace quarry;
using evidence::ZipMember;

namespace {

const QStringList kChartMembers = {
    QStringLiteral("charts/1-timeline.png"), QStringLiteral("charts/1-timeline.pdf"),
    QStringLiteral("charts/1-heatmap.png"), QStringLiteral("charts/1-heatmap.pdf")};

// Runs a poppler tool on bytes written to a file; returns its stdout.
QByteArray poppler(const QString& tool, const QByteArray& pdf, const QStringList& extraArgs,
                   const QString& dir) {
    const QString file = dir + QStringLiteral("/in.pdf");
    if (!test::writeFile(file, pdf)) return {};
    QProcess p;
    QStringList args = extraArgs;
    args << file;
    if (tool == QLatin1String("pdftotext")) args << QStringLiteral("-");
    p.start(tool, args);
    p.waitForFinished(60000);
    return p.readAllStandardOutput();
}

// Text with all white space removed: a wrapped cell or a reflowed line still matches.
QString squeeze(const QString& s) {
    QString out;
    for (const QChar c : s)
        if (!c.isSpace()) out += c;
    return out;
}

QByteArray member(const std::vector<ZipMember>& members, const QString& name) {
    for (const auto& m : members)
        if (m.name == name) return m.data;
    return {};
}

}  // namespace

class TestReport final : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString case_, hostileCase_;
    int64_t cluster_ = -1;

    QString path(const QString& name) const { return dir_.filePath(name); }
    test::CliResult cli(const QStringList& args) { return test::runCli(args); }

    std::vector<ZipMember> exportAndRead(const QStringList& args, const QString& out) {
        std::vector<ZipMember> members;
        auto r = cli(QStringList{QStringLiteral("export")} + args +
                     QStringList{QStringLiteral("--out"), out});
        if (r.exitCode != 0) {
            qWarning("%s", r.err.constData());
            return members;
        }
        QString error;
        if (!evidence::readZip(out, members, &error)) qWarning("%s", qPrintable(error));
        return members;
    }
    QString pdfText(const QByteArray& pdf) {
        return QString::fromUtf8(poppler(QStringLiteral("pdftotext"), pdf,
                                         {QStringLiteral("-enc"), QStringLiteral("UTF-8")},
                                         dir_.path()));
    }

private slots:
    void initTestCase() {
        QVERIFY(!QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty());
        QVERIFY(!QStandardPaths::findExecutable(QStringLiteral("pdfimages")).isEmpty());
        qputenv("QUARRY_ANALYST", "report-tester");
        const QString gen = path(QStringLiteral("gen"));
        case_ = path(QStringLiteral("c.quarry"));
        auto r = cli({QStringLiteral("generate"), QStringLiteral("--out"), gen,
                      QStringLiteral("--seed"), QStringLiteral("5"), QStringLiteral("--accounts"),
                      QStringLiteral("120"), QStringLiteral("--campaigns"), QStringLiteral("1"),
                      QStringLiteral("--campaign-accounts"), QStringLiteral("12"),
                      QStringLiteral("--days"), QStringLiteral("4")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = cli({QStringLiteral("import"), case_, gen + QStringLiteral("/requests.csv")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = cli({QStringLiteral("analyze"), case_});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        // The largest cluster, chosen by SQL on the case.
        auto file = CaseFile::open(case_, CaseFile::Access::ReadOnly, nullptr);
        QVERIFY(file);
        cluster_ =
            sql::queryInt(file->db(), "SELECT id FROM clusters ORDER BY size DESC, id LIMIT 1");
        QVERIFY(cluster_ >= 0);
    }

    void membersAreInTheManifestAndVerify() {
        const QString out = path(QStringLiteral("plain.zip"));
        const auto members =
            exportAndRead({case_, QStringLiteral("--cluster"), QString::number(cluster_)}, out);
        QVERIFY(!members.empty());
        const QJsonObject manifest = QJsonDocument::fromJson(members[0].data).object();
        std::set<QString> listed;
        for (const auto& f : manifest.value(QStringLiteral("files")).toArray())
            listed.insert(f.toObject().value(QStringLiteral("path")).toString());
        QVERIFY(listed.count(QStringLiteral("report.pdf")));
        for (const QString& c : kChartMembers) QVERIFY2(listed.count(c), qPrintable(c));
        QVERIFY(member(members, QStringLiteral("report.pdf")).startsWith("%PDF-"));
        QVERIFY(member(members, QStringLiteral("charts/1-timeline.png")).startsWith("\x89PNG"));
        QVERIFY(member(members, QStringLiteral("charts/1-heatmap.pdf")).startsWith("%PDF-"));
        const auto r = cli({QStringLiteral("verify"), out});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(evidence::verifyBundle(out).ok);
    }

    void pdfNamesClusterAccountsAndReasons() {
        const auto members =
            exportAndRead({case_, QStringLiteral("--cluster"), QString::number(cluster_)},
                          path(QStringLiteral("p2.zip")));
        const QString text = squeeze(pdfText(member(members, QStringLiteral("report.pdf"))));
        QVERIFY(!text.isEmpty());
        QVERIFY(text.contains(squeeze(QStringLiteral("Cluster %1").arg(cluster_))));
        QVERIFY(text.contains(QStringLiteral("report-tester")));
        auto file = CaseFile::open(case_, CaseFile::Access::ReadOnly, nullptr);
        sql::Statement s(
            file->db(),
            "SELECT a.value FROM account_features f JOIN accounts a ON a.id = f.account_id "
            "WHERE f.cluster_id = ?");
        s.bind(1, cluster_);
        int names = 0;
        while (s.step()) {
            QVERIFY2(text.contains(squeeze(s.text(0))), qPrintable(s.text(0)));
            ++names;
        }
        QVERIFY(names >= 5);
        sql::Statement c(file->db(), "SELECT reasons FROM clusters WHERE id = ?");
        c.bind(1, cluster_);
        QVERIFY(c.step());
        const QJsonArray reasons = QJsonDocument::fromJson(c.text(0).toUtf8()).array();
        QVERIFY(!reasons.isEmpty());
        for (const auto& reason : reasons)
            QVERIFY2(text.contains(squeeze(reason.toString())), qPrintable(reason.toString()));
        // The timeline chart's PDF names the cluster too.
        QVERIFY(squeeze(pdfText(member(members, QStringLiteral("charts/1-timeline.pdf"))))
                    .contains(squeeze(QStringLiteral("Cluster %1").arg(cluster_))));
    }

    void hostileTextIsPrintedLiterally() {
        QTemporaryDir d;
        const QString src = d.filePath(QStringLiteral("evil.csv"));
        hostileCase_ = d.filePath(QStringLiteral("e.quarry"));
        const QByteArray longId = QByteArray("x").repeated(300);
        QVERIFY(test::writeFile(
            src,
            "timestamp,account_id,ip,user_agent,prompt\n"
            "1788220800,=cmd|' /C calc'!A0,10.0.0.1,ua,+SUM(A1:A9)\n"
            "1788307200,=cmd|' /C calc'!A0,10.0.0.2,ua,hello\n"
            "1788220802,<script>alert(1)</script>,10.0.0.3,ua,<img src=x onerror=alert(2)>\n"
            "1788220803," +
                longId +
                ",10.0.0.4,ua,p\n"
                "1788220804,zz-last-account,10.0.0.5,ua,p\n"));
        auto r = cli({QStringLiteral("import"), hostileCase_, src});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = cli({QStringLiteral("tag"), hostileCase_, QStringLiteral("--account"),
                 QStringLiteral("=cmd|' /C calc'!A0"), QStringLiteral("--account"),
                 QStringLiteral("<script>alert(1)</script>"), QStringLiteral("--account"),
                 QString::fromLatin1(longId), QStringLiteral("--account"),
                 QStringLiteral("zz-last-account"), QStringLiteral("needs-review"),
                 QStringLiteral("--note"), QStringLiteral("<b>see</b> =HYPERLINK(\"x\")")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString out = d.filePath(QStringLiteral("e.zip"));
        const auto members = exportAndRead(
            {hostileCase_, QStringLiteral("--tag"), QStringLiteral("needs-review")}, out);
        QVERIFY(!members.empty());
        const QByteArray pdf = member(members, QStringLiteral("report.pdf"));
        const QString text = pdfText(pdf);
        const QString flat = squeeze(text);
        QVERIFY2(flat.contains(QStringLiteral("<script>alert(1)</script>")), qPrintable(text));
        QVERIFY(flat.contains(squeeze(QStringLiteral("=cmd|' /C calc'!A0"))));
        QVERIFY(flat.contains(squeeze(QStringLiteral("<b>see</b> =HYPERLINK(\"x\")"))));
        // The 300-character id is wrapped, not cut or spilled: all of it is there, and the
        // account after it in the table still is.
        QVERIFY(flat.contains(QString::fromLatin1(longId)));
        QVERIFY(flat.contains(QStringLiteral("zz-last-account")));
        // Every page stays A4.
        const QString info =
            QString::fromUtf8(poppler(QStringLiteral("pdfinfo"), pdf, {}, d.path()));
        QVERIFY2(
            info.contains(QRegularExpression(QStringLiteral("Page size:\\s+595(\\.\\d+)? x 842"))),
            qPrintable(info));
        // Without clusters the charts show the chosen accounts.
        QVERIFY(!member(members, QStringLiteral("charts/1-timeline.pdf")).isEmpty());
        QVERIFY(evidence::verifyBundle(out).ok);
    }

    void redactedReportHoldsNoRawData() {
        const auto members = exportAndRead({case_, QStringLiteral("--cluster"),
                                            QString::number(cluster_), QStringLiteral("--redact")},
                                           path(QStringLiteral("red.zip")));
        QVERIFY(!members.empty());
        QString text;
        for (const auto& m : members)
            if (m.name.endsWith(QLatin1String(".pdf"))) text += pdfText(m.data);
        QVERIFY(squeeze(text).contains(squeeze(QStringLiteral("Cluster %1").arg(cluster_))));
        auto file = CaseFile::open(case_, CaseFile::Access::ReadOnly, nullptr);
        const char* members_ = "SELECT account_id FROM account_features WHERE cluster_id = ?";
        int checked = 0;
        auto each = [&](const std::string& q, auto check) {
            sql::Statement s(file->db(), q);
            s.bind(1, cluster_);
            while (s.step()) check(s.text(0));
        };
        // Whole IPs (a /24 prefix like 10.0.0.0/24 is allowed).
        each(std::string("SELECT DISTINCT ip.value FROM requests r JOIN ips ip ON ip.id = r.ip_id "
                         "WHERE r.account_id IN (") +
                 members_ + ")",
             [&](const QString& ip) {
                 const QRegularExpression whole(QStringLiteral("(?<![\\d.])") +
                                                QRegularExpression::escape(ip) +
                                                QStringLiteral("(?![\\d/])"));
                 QVERIFY2(!text.contains(whole), qPrintable(ip));
                 ++checked;
             });
        // The same search finds the e-mail-like account ids in the report that is not redacted.
        std::vector<ZipMember> plainMembers;
        QString error;
        QVERIFY(evidence::readZip(path(QStringLiteral("plain.zip")), plainMembers, &error));
        const QString plainText =
            squeeze(pdfText(member(plainMembers, QStringLiteral("report.pdf"))));
        int emails = 0, plainEmails = 0;
        each(std::string("SELECT value FROM accounts WHERE value LIKE '%@%' AND id IN (") +
                 members_ + ")",
             [&](const QString& e) {
                 QVERIFY2(!squeeze(text).contains(squeeze(e)), qPrintable(e));
                 ++emails;
                 plainEmails += plainText.contains(squeeze(e));
                 ++checked;
             });
        QVERIFY(emails > 0);
        QCOMPARE(plainEmails, emails);
        QVERIFY(squeeze(text).contains(QStringLiteral("@redacted.invalid")));
        each(std::string("SELECT substr(t.prompt, 1, 40) FROM requests r JOIN request_text t ON "
                         "t.id = r.id WHERE length(t.prompt) > 40 "
                         "AND r.account_id IN (") +
                 members_ + ") LIMIT 200",
             [&](const QString& p) {
                 QVERIFY2(!squeeze(text).contains(squeeze(p)), qPrintable(p));
                 ++checked;
             });
        QVERIFY(checked > 10);
    }

    void changedReportByteFailsVerify() {
        std::vector<ZipMember> members;
        QString error;
        QVERIFY(evidence::readZip(path(QStringLiteral("plain.zip")), members, &error));
        for (const QString& name : QStringList{QStringLiteral("report.pdf")} + kChartMembers) {
            auto tampered = members;
            bool found = false;
            for (auto& m : tampered)
                if (m.name == name) {
                    m.data[m.data.size() / 2] = static_cast<char>(m.data[m.data.size() / 2] ^ 0x20);
                    found = true;
                }
            QVERIFY(found);
            const QString out = path(QStringLiteral("tampered.zip"));
            QVERIFY(evidence::writeZip(out, tampered, &error));
            const auto r = cli({QStringLiteral("verify"), out});
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains(name.toUtf8()), r.err.constData());
        }
    }

    void chartsAreVector() {
        std::vector<ZipMember> members;
        QString error;
        QVERIFY(evidence::readZip(path(QStringLiteral("plain.zip")), members, &error));
        for (const QString& name :
             {QStringLiteral("report.pdf"), QStringLiteral("charts/1-timeline.pdf"),
              QStringLiteral("charts/1-heatmap.pdf")}) {
            const QByteArray list = poppler(QStringLiteral("pdfimages"), member(members, name),
                                            {QStringLiteral("-list")}, dir_.path());
            // A header and a rule, no image rows.
            QVERIFY2(list.startsWith("page"), list.constData());
            QCOMPARE(list.trimmed().split('\n').size(), 2);
        }
    }
};

QTEST_GUILESS_MAIN(TestReport)
#include "tst_report.moc"
