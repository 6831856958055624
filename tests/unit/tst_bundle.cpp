// SPDX-License-Identifier: GPL-3.0-or-later
// Evidence bundles: export then verify; any changed byte in any member fails verification and
// names the member; unsafe, extra and missing members are refused; a redacted bundle holds no
// prompt, full IP or e-mail of the case; formula cells are neutralised and HTML is escaped.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <set>

#include "store/auditlog.h"
#include "evidence/bundle.h"
#include "evidence/csvwriter.h"
#include "evidence/zipio.h"
#include "store/casefile.h"
#include "store/sqlite.h"
#include "testutil.h"

using namespace quarry;
using evidence::ZipMember;

namespace {

QString joined(const evidence::BundleVerification& v) { return v.problems.join(QStringLiteral(" | ")); }

QByteArray allBytes(const std::vector<ZipMember>& members) {
    QByteArray all;
    for (const auto& m : members) all += m.data + '\n';
    return all;
}

// True when ip occurs as a whole address (not inside a longer number, not as a CIDR network).
bool containsWholeIp(const QByteArray& hay, const QByteArray& ip) {
    qsizetype from = 0;
    while ((from = hay.indexOf(ip, from)) >= 0) {
        const qsizetype end = from + ip.size();
        const char before = from > 0 ? hay[from - 1] : ' ';
        const char after = end < hay.size() ? hay[end] : ' ';
        if (!(std::isdigit(static_cast<unsigned char>(before)) || before == '.') &&
            !(std::isdigit(static_cast<unsigned char>(after)) || after == '/'))
            return true;
        from = end;
    }
    return false;
}

}  // namespace

class TestBundle final : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString case_;
    int cluster_ = -1;

    QString path(const QString& name) const { return dir_.filePath(name); }
    test::CliResult cli(const QStringList& args) { return test::runCli(args); }

private slots:
    void initTestCase() {
        qputenv("QUARRY_ANALYST", "bundle-tester");
        qputenv("XDG_CONFIG_HOME", dir_.filePath(QStringLiteral("config")).toUtf8());  // the signing key
        const QString gen = path(QStringLiteral("gen"));
        case_ = path(QStringLiteral("c.quarry"));
        auto r = cli({QStringLiteral("generate"), QStringLiteral("--out"), gen, QStringLiteral("--seed"), QStringLiteral("3"),
                      QStringLiteral("--accounts"), QStringLiteral("150"), QStringLiteral("--campaigns"), QStringLiteral("1"),
                      QStringLiteral("--campaign-accounts"), QStringLiteral("15"), QStringLiteral("--days"), QStringLiteral("3")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = cli({QStringLiteral("import"), case_, gen + QStringLiteral("/requests.csv")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = cli({QStringLiteral("analyze"), case_});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = cli({QStringLiteral("clusters"), case_, QStringLiteral("--format"), QStringLiteral("json")});
        const QJsonArray clusters = QJsonDocument::fromJson(r.out).array();
        QVERIFY(!clusters.isEmpty());
        // The largest cluster holds e-mail-like accounts too (the generator mixes them in).
        int best = -1;
        for (const auto& c : clusters)
            if (c.toObject().value(QStringLiteral("size")).toInt() > best) {
                best = c.toObject().value(QStringLiteral("size")).toInt();
                cluster_ = c.toObject().value(QStringLiteral("id")).toInt();
            }
        r = cli({QStringLiteral("tag"), case_, QStringLiteral("--cluster"), QString::number(cluster_), QStringLiteral("--members"),
                 QStringLiteral("suspected-distillation"), QStringLiteral("--note"), QStringLiteral("see ticket <b>SEC-1</b>")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    void roundTrip() {
        for (const bool sign : {false, true}) {
            const QString out = path(sign ? QStringLiteral("signed.zip") : QStringLiteral("plain.zip"));
            QStringList args = {QStringLiteral("export"), case_, QStringLiteral("--cluster"), QString::number(cluster_),
                                QStringLiteral("--out"), out};
            if (sign) args << QStringLiteral("--sign");
            auto r = cli(args);
            QVERIFY2(r.exitCode == 0, r.err.constData());
            r = cli({QStringLiteral("verify"), out});
            QVERIFY2(r.exitCode == 0, r.err.constData());
            QVERIFY(r.out.contains(sign ? "Ed25519 signature valid" : "UNSIGNED"));
            std::vector<ZipMember> members;
            QString error;
            QVERIFY2(evidence::readZip(out, members, &error), qPrintable(error));
            std::set<QString> names;
            for (const auto& m : members) names.insert(m.name);
            std::set<QString> expected = {QStringLiteral("manifest.json"),
                                          QStringLiteral("manifest.json.sha256"),
                                          QStringLiteral("accounts.csv"),
                                          QStringLiteral("requests.csv"),
                                          QStringLiteral("links.csv"),
                                          QStringLiteral("audit.jsonl"),
                                          QStringLiteral("sources.json"),
                                          QStringLiteral("story.csv"),
                                          QStringLiteral("report.html"),
                                          QStringLiteral("report.pdf"),
                                          QStringLiteral("charts/1-timeline.png"),
                                          QStringLiteral("charts/1-timeline.pdf"),
                                          QStringLiteral("charts/1-heatmap.png"),
                                          QStringLiteral("charts/1-heatmap.pdf")};
            if (sign) expected.insert({QStringLiteral("manifest.json.sig"), QStringLiteral("signing_key.pub")});
            QCOMPARE(names, expected);
            const QJsonObject manifest = QJsonDocument::fromJson(members[0].data).object();
            QCOMPARE(manifest.value(QStringLiteral("analyst")).toString(), QStringLiteral("bundle-tester"));
            QVERIFY(manifest.value(QStringLiteral("thresholds")).toObject().contains(QStringLiteral("scoring")));
            QCOMPARE(manifest.value(QStringLiteral("files")).toArray().size(), 12);
            // The export is in the case's audit trail, naming this bundle; the bundle's chain ends just before it.
            auto file = CaseFile::open(case_, CaseFile::Access::ReadOnly, nullptr);
            const auto entries = evidence::auditEntries(file->db());
            QCOMPARE(entries.back().action, QStringLiteral("export"));
            const QJsonObject d = QJsonDocument::fromJson(entries.back().details).object();
            QCOMPARE(d.value(QStringLiteral("bundle_id")).toString(), manifest.value(QStringLiteral("bundle_id")).toString());
            QCOMPARE(manifest.value(QStringLiteral("audit")).toObject().value(QStringLiteral("head_hash")).toString(),
                     entries.back().prevHash);
            QVERIFY(evidence::verifyAudit(file->db()).ok);
        }
    }

    void everyChangedByteIsNamed() {
        for (const QString& name : {QStringLiteral("plain.zip"), QStringLiteral("signed.zip")}) {
            std::vector<ZipMember> members;
            QString error;
            QVERIFY2(evidence::readZip(path(name), members, &error), qPrintable(error));
            for (size_t i = 0; i < members.size(); ++i) {
                for (const double where : {0.0, 0.5, 1.0}) {
                    auto tampered = members;
                    QByteArray& data = tampered[i].data;
                    const qsizetype at = std::min<qsizetype>(data.size() - 1, qsizetype(where * double(data.size())));
                    data[at] = static_cast<char>(data[at] ^ 0x01);
                    const QString out = path(QStringLiteral("tampered.zip"));
                    QVERIFY(evidence::writeZip(out, tampered, &error));
                    const auto v = evidence::verifyBundle(out);
                    QVERIFY2(!v.ok, qPrintable(members[i].name));
                    QVERIFY2(joined(v).contains(members[i].name), qPrintable(members[i].name + QStringLiteral(": ") + joined(v)));
                }
            }
            // Through the CLI too: exit 1 naming the file.
            auto tampered = members;
            for (auto& m : tampered)
                if (m.name == QLatin1String("requests.csv")) m.data[m.data.size() / 2] = 'Z';
            QVERIFY(evidence::writeZip(path(QStringLiteral("t2.zip")), tampered, &error));
            auto r = cli({QStringLiteral("verify"), path(QStringLiteral("t2.zip"))});
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains("requests.csv"), r.err.constData());
        }
    }

    void unsafeExtraAndMissingMembers() {
        std::vector<ZipMember> members;
        QString error;
        QVERIFY(evidence::readZip(path(QStringLiteral("plain.zip")), members, &error));
        const QString out = path(QStringLiteral("bad.zip"));
        for (const QString& bad : {QStringLiteral("../evil.sh"), QStringLiteral("/etc/evil"), QStringLiteral("a/../../b"),
                                   QStringLiteral("C:\\evil")}) {
            auto m = members;
            m.push_back({bad, QByteArray("x")});
            QVERIFY(evidence::writeZip(out, m, &error));
            const auto v = evidence::verifyBundle(out);
            QVERIFY(!v.ok);
            QVERIFY2(joined(v).contains(QLatin1String("unsafe member name")), qPrintable(joined(v)));
        }
        auto extra = members;
        extra.push_back({QStringLiteral("extra.txt"), QByteArray("x")});
        QVERIFY(evidence::writeZip(out, extra, &error));
        QVERIFY(joined(evidence::verifyBundle(out)).contains(QLatin1String("extra.txt: not listed")));
        auto missing = members;
        missing.erase(std::remove_if(missing.begin(), missing.end(), [](const ZipMember& z) { return z.name == QLatin1String("links.csv"); }),
                      missing.end());
        QVERIFY(evidence::writeZip(out, missing, &error));
        QVERIFY(joined(evidence::verifyBundle(out)).contains(QLatin1String("links.csv: listed in the manifest but missing")));
        // A stripped signature is noticed (the manifest declares it).
        std::vector<ZipMember> signedMembers;
        QVERIFY(evidence::readZip(path(QStringLiteral("signed.zip")), signedMembers, &error));
        signedMembers.erase(std::remove_if(signedMembers.begin(), signedMembers.end(),
                                           [](const ZipMember& z) { return z.name == QLatin1String("manifest.json.sig"); }),
                            signedMembers.end());
        QVERIFY(evidence::writeZip(out, signedMembers, &error));
        QVERIFY(joined(evidence::verifyBundle(out)).contains(QLatin1String("manifest.json.sig")));
        // Not a ZIP at all.
        QVERIFY(test::writeFile(out, "not a zip"));
        QVERIFY(!evidence::verifyBundle(out).ok);
    }

    void redactedBundleLeaksNothing() {
        const QString plain = path(QStringLiteral("plain-r.zip")), redacted = path(QStringLiteral("redacted.zip"));
        for (const QString& out : {plain, redacted}) {
            QStringList args = {QStringLiteral("export"), case_, QStringLiteral("--tag"), QStringLiteral("suspected-distillation"),
                                QStringLiteral("--out"), out};
            if (out == redacted) args << QStringLiteral("--redact");
            auto r = cli(args);
            QVERIFY2(r.exitCode == 0, r.err.constData());
            r = cli({QStringLiteral("verify"), out});
            QVERIFY2(r.exitCode == 0, r.err.constData());
        }
        std::vector<ZipMember> pm, rm;
        QString error;
        QVERIFY(evidence::readZip(plain, pm, &error));
        QVERIFY(evidence::readZip(redacted, rm, &error));
        const QByteArray plainBytes = allBytes(pm), redactedBytes = allBytes(rm);

        auto file = CaseFile::open(case_, CaseFile::Access::ReadOnly, nullptr);
        // Every prompt, IP and e-mail-like account of the case.
        std::vector<QByteArray> prompts, ips, emails;
        {
            sql::Statement s(file->db(), "SELECT DISTINCT prompt FROM request_text WHERE length(prompt) >= 12");
            while (s.step()) {
                QByteArray p = s.text(0).toUtf8().left(40);
                if (!p.contains('"') && !p.contains('\n')) prompts.push_back(p);
            }
            sql::Statement i(file->db(), "SELECT value FROM ips");
            while (i.step()) ips.push_back(i.text(0).toUtf8());
            sql::Statement a(file->db(), "SELECT value FROM accounts WHERE value LIKE '%@%'");
            while (a.step()) emails.push_back(a.text(0).toUtf8());
        }
        QVERIFY(prompts.size() > 100);
        QVERIFY(ips.size() > 10);
        int plainPrompts = 0, plainIps = 0, plainEmails = 0;
        for (const auto& p : prompts) {
            plainPrompts += plainBytes.contains(p);
            QVERIFY2(!redactedBytes.contains(p), p.constData());
        }
        for (const auto& ip : ips) {
            plainIps += containsWholeIp(plainBytes, ip);
            QVERIFY2(!containsWholeIp(redactedBytes, ip), ip.constData());
        }
        for (const auto& e : emails) {
            plainEmails += plainBytes.contains(e);
            QVERIFY2(!redactedBytes.contains(e), e.constData());
        }
        // The search does find them in the bundle that is not redacted.
        QVERIFY(plainPrompts > 100);
        QVERIFY(plainIps > 0);
        if (!emails.empty()) QVERIFY(plainEmails > 0);
        // Same structure: same members, same number of request rows.
        QCOMPARE(rm.size(), pm.size());
        for (size_t i = 0; i < rm.size(); ++i)
            if (rm[i].name == QLatin1String("requests.csv")) QCOMPARE(rm[i].data.count('\n') > 100, true);
        QVERIFY(redactedBytes.contains("[redacted: "));
    }

    void formulaCellsAndHtmlAreNeutralised() {
        QCOMPARE(evidence::csvCell(QStringLiteral("=1+1")), QStringLiteral("'=1+1"));
        QCOMPARE(evidence::csvCell(QStringLiteral("+SUM(A1)")), QStringLiteral("'+SUM(A1)"));
        QCOMPARE(evidence::csvCell(QStringLiteral("-2")), QStringLiteral("'-2"));
        QCOMPARE(evidence::csvCell(QStringLiteral("@cmd")), QStringLiteral("'@cmd"));
        QCOMPARE(evidence::csvCell(QStringLiteral("=a,b")), QStringLiteral("\"'=a,b\""));
        QCOMPARE(evidence::csvCell(QStringLiteral("plain")), QStringLiteral("plain"));

        QTemporaryDir d;
        const QString src = d.filePath(QStringLiteral("evil.csv")), cas = d.filePath(QStringLiteral("e.quarry"));
        QVERIFY(test::writeFile(src, "timestamp,account_id,ip,user_agent,prompt\n"
                                     "1788220800,=cmd|' /C calc'!A0,10.0.0.1,@ua,+SUM(A1:A9)\n"
                                     "1788220801,=cmd|' /C calc'!A0,10.0.0.2,-ua,\"=HYPERLINK(\"\"http://x\"\")\"\n"
                                     "1788220802,<script>alert(1)</script>,10.0.0.3,ua,<img src=x onerror=alert(2)>\n"));
        auto r = cli({QStringLiteral("import"), cas, src});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = cli({QStringLiteral("tag"), cas, QStringLiteral("--account"), QStringLiteral("=cmd|' /C calc'!A0"),
                 QStringLiteral("--account"), QStringLiteral("<script>alert(1)</script>"), QStringLiteral("needs-review"),
                 QStringLiteral("--note"), QStringLiteral("@SUM(1) <i>n</i>")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString out = d.filePath(QStringLiteral("e.zip"));
        r = cli({QStringLiteral("export"), cas, QStringLiteral("--tag"), QStringLiteral("needs-review"), QStringLiteral("--out"), out});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        std::vector<ZipMember> members;
        QString error;
        QVERIFY(evidence::readZip(out, members, &error));
        for (const auto& m : members) {
            if (m.name.endsWith(QLatin1String(".csv"))) {
                // No cell may start with a formula character: check every cell start.
                for (const QByteArray& line : m.data.split('\n')) {
                    bool cellStart = true, quoted = false;
                    for (qsizetype i = 0; i < line.size(); ++i) {
                        const char c = line[i];
                        if (cellStart) {
                            cellStart = false;
                            if (c == '"') {
                                quoted = true;
                                if (i + 1 < line.size()) QVERIFY2(!QByteArray("=+-@").contains(line[i + 1]), line.constData());
                                continue;
                            }
                            QVERIFY2(!QByteArray("=+-@").contains(c), line.constData());
                        }
                        if (c == '"') quoted = !quoted;
                        else if (c == ',' && !quoted) cellStart = true;
                    }
                }
            }
            if (m.name == QLatin1String("report.html")) {
                QVERIFY(!m.data.contains("<script>alert"));
                QVERIFY(!m.data.contains("<i>n</i>"));
                QVERIFY(m.data.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
            }
            if (m.name == QLatin1String("requests.csv")) {
                QVERIFY(m.data.contains("'+SUM(A1:A9)"));
                QVERIFY(m.data.contains("'@ua"));
                QVERIFY(m.data.contains("'-ua"));
            }
        }
        r = cli({QStringLiteral("verify"), out});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestBundle)
#include "tst_bundle.moc"
