// SPDX-License-Identifier: GPL-3.0-or-later
// Verify cannot be fooled: ZIPs forged byte by byte (a hidden local entry the central directory
// leaves out, data prepended, between members or appended, a comment) fail, though libzip, which
// reads only the central directory, opens them; a stripped signature is reported plainly and
// refused by --require-signature / --trusted-key; a bundle signed by another key is refused by
// --trusted-key; the manifest records the signer's fingerprint.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdint>

#include "evidence/bundle.h"
#include "evidence/signing.h"
#include "evidence/zipio.h"
#include "evidence/zipwalk.h"
#include "testutil.h"

using namespace quarry;
using evidence::ZipMember;

namespace {

// A stand-alone ZIP writer (stored entries, APPNOTE 4.3.7 / 4.3.12 / 4.3.16), independent of
// libzip and of the walk under test, so forgeries can put any byte anywhere.
uint32_t crc32(const QByteArray& data) {
    uint32_t c = 0xFFFFFFFFu;
    for (const char ch : data) {
        c ^= static_cast<uint8_t>(ch);
        for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return ~c;
}
void le16(QByteArray& b, uint32_t v) {
    b += char(v & 0xff);
    b += char((v >> 8) & 0xff);
}
void le32(QByteArray& b, uint32_t v) {
    le16(b, v & 0xffff);
    le16(b, v >> 16);
}
QByteArray localEntry(const ZipMember& m) {
    QByteArray b;
    const QByteArray name = m.name.toUtf8();
    le32(b, 0x04034b50);
    le16(b, 20);
    le16(b, 0x0800);  // UTF-8 names
    le16(b, 0);       // stored
    le16(b, 0);
    le16(b, 0x21);
    le32(b, crc32(m.data));
    le32(b, uint32_t(m.data.size()));
    le32(b, uint32_t(m.data.size()));
    le16(b, uint32_t(name.size()));
    le16(b, 0);
    return b + name + m.data;
}

struct Forgery {
    QByteArray prefix;  // before the first local entry (offsets account for it)
    int gapAfter = -1;  // index of the member followed by gap
    QByteArray gap;
    int hiddenAfter = -2;  // -1: before the first member; i: after member i
    ZipMember hidden;      // a local entry the central directory does not list
    QByteArray suffix;     // after the end record
    QByteArray comment;    // the end record's comment
};

QByteArray buildZip(const std::vector<ZipMember>& members, const Forgery& f = {}) {
    QByteArray out = f.prefix;
    std::vector<uint32_t> offsets;
    if (f.hiddenAfter == -1) out += localEntry(f.hidden);
    for (size_t i = 0; i < members.size(); ++i) {
        offsets.push_back(uint32_t(out.size()));
        out += localEntry(members[i]);
        if (int(i) == f.gapAfter) out += f.gap;
        if (int(i) == f.hiddenAfter) out += localEntry(f.hidden);
    }
    const uint32_t cdOffset = uint32_t(out.size());
    for (size_t i = 0; i < members.size(); ++i) {
        const QByteArray name = members[i].name.toUtf8();
        le32(out, 0x02014b50);
        le16(out, 0x031e);
        le16(out, 20);
        le16(out, 0x0800);
        le16(out, 0);
        le16(out, 0);
        le16(out, 0x21);
        le32(out, crc32(members[i].data));
        le32(out, uint32_t(members[i].data.size()));
        le32(out, uint32_t(members[i].data.size()));
        le16(out, uint32_t(name.size()));
        le16(out, 0);
        le16(out, 0);
        le16(out, 0);
        le16(out, 0);
        le32(out, 0);
        le32(out, offsets[i]);
        out += name;
    }
    const uint32_t cdSize = uint32_t(out.size()) - cdOffset;
    le32(out, 0x06054b50);
    le16(out, 0);
    le16(out, 0);
    le16(out, uint32_t(members.size()));
    le16(out, uint32_t(members.size()));
    le32(out, cdSize);
    le32(out, cdOffset);
    le16(out, uint32_t(f.comment.size()));
    return out + f.comment + f.suffix;
}

QString joined(const evidence::BundleVerification& v) {
    return v.problems.join(QStringLiteral(" | "));
}

ZipMember* member(std::vector<ZipMember>& ms, const char* name) {
    for (auto& m : ms)
        if (m.name == QLatin1String(name)) return &m;
    return nullptr;
}

}  // namespace

class TestBundleForgery final : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString case_, signed_, keyFile_, fingerprint_;
    std::vector<ZipMember> members_;

    QString path(const QString& name) const { return dir_.filePath(name); }
    evidence::BundleVerification verifyBytes(const QByteArray& zip,
                                             const QString& name = QStringLiteral("forged.zip")) {
        [&] { QVERIFY(test::writeFile(path(name), zip)); }();
        return evidence::verifyBundle(path(name));
    }

private slots:
    void initTestCase() {
        qputenv("QUARRY_ANALYST", "forgery-tester");
        qputenv("XDG_CONFIG_HOME", path(QStringLiteral("config")).toUtf8());
        QVERIFY(test::writeFile(path(QStringLiteral("log.csv")),
                                "timestamp,account_id,ip,prompt\n"
                                "2026-03-01T10:00:00Z,acct-1,203.0.113.5,hello\n"
                                "2026-03-01T10:05:00Z,acct-1,203.0.113.5,again\n"
                                "2026-03-01T11:00:00Z,acct-2,198.51.100.7,other\n"));
        case_ = path(QStringLiteral("c.quarry"));
        auto r = test::runCli({QStringLiteral("import"), case_, path(QStringLiteral("log.csv"))});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        signed_ = path(QStringLiteral("signed.zip"));
        r = test::runCli({QStringLiteral("export"), case_, QStringLiteral("--account"),
                          QStringLiteral("acct-1"), QStringLiteral("--out"), signed_,
                          QStringLiteral("--sign")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const int at = r.out.indexOf("key fingerprint ");
        QVERIFY2(at >= 0, r.out.constData());
        fingerprint_ = QString::fromLatin1(r.out.mid(at + 16).split('\n').first());
        keyFile_ = path(QStringLiteral("config/Quarry/signing/ed25519.pub"));
        QVERIFY(QFile::exists(keyFile_));
        QString error;
        QVERIFY2(evidence::readZip(signed_, members_, &error), qPrintable(error));
    }

    void manifestNamesTheSigner() {
        const QJsonObject m =
            QJsonDocument::fromJson(member(members_, "manifest.json")->data).object();
        const QJsonObject sig = m.value(QStringLiteral("signature")).toObject();
        QCOMPARE(sig.value(QStringLiteral("fingerprint")).toString(), fingerprint_);
        QCOMPARE(evidence::publicKeyFingerprint(sig.value(QStringLiteral("public_key")).toString()),
                 fingerprint_);
    }

    void exactLayoutVerifies() {
        // The hand-built archive of the same members verifies: the writer below is a fair baseline.
        const auto v = verifyBytes(buildZip(members_), QStringLiteral("rebuilt.zip"));
        QVERIFY2(v.ok, qPrintable(joined(v)));
        const QByteArray bytes = buildZip(members_);
        const auto walk = evidence::walkZip(
            reinterpret_cast<const unsigned char*>(bytes.constData()), uint64_t(bytes.size()));
        QVERIFY2(walk.ok, qPrintable(walk.error));
        QCOMPARE(walk.entries.size(), members_.size());
    }

    void forgedLayoutsFail_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("hidden accounts.csv after the last member")
            << 0 << QStringLiteral("belong to no listed member");
        QTest::newRow("hidden accounts.csv before the first member")
            << 1 << QStringLiteral("belong to no listed member");
        QTest::newRow("prepended data") << 2 << QStringLiteral("belong to no listed member");
        QTest::newRow("data between members") << 3 << QStringLiteral("belong to no listed member");
        QTest::newRow("appended data") << 4 << QStringLiteral("after the archive's end record");
        QTest::newRow("archive comment") << 5 << QStringLiteral("comment");
    }
    void forgedLayoutsFail() {
        QFETCH(int, kind);
        QFETCH(QString, expected);
        Forgery f;
        const ZipMember forged{QStringLiteral("accounts.csv"),
                               QByteArray("account_id\nsomeone-innocent\n")};
        switch (kind) {
            case 0:
                f.hiddenAfter = int(members_.size()) - 1, f.hidden = forged;
                break;
            case 1:
                f.hiddenAfter = -1, f.hidden = forged;
                break;
            case 2:
                f.prefix = QByteArray("MZ\x90\x00 self-extractor stub", 24);
                break;
            case 3:
                f.gapAfter = 1, f.gap = QByteArray(37, '\x55');
                break;
            case 4:
                f.suffix = QByteArray("trailing bytes");
                break;
            case 5:
                f.comment = QByteArray("a comment");
                break;
        }
        const QByteArray zip = buildZip(members_, f);
        const QString name = QStringLiteral("forged-%1.zip").arg(kind);
        // libzip, reading the central directory only, takes these archives as sound (for the
        // hidden entry this is the attack: streaming extractors unpack the forged accounts.csv).
        if (kind <= 3) {
            std::vector<ZipMember> seen;
            QString error;
            QVERIFY(test::writeFile(path(name), zip));
            QVERIFY2(evidence::readZip(path(name), seen, &error), qPrintable(error));
            QCOMPARE(seen.size(), members_.size());
        }
        const auto v = verifyBytes(zip, name);
        QVERIFY2(!v.ok, "a forged archive verified");
        QVERIFY2(joined(v).contains(expected), qPrintable(joined(v)));
        // Through the CLI: exit 1, naming the structure.
        const auto r = test::runCli({QStringLiteral("verify"), path(name)});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("ZIP structure"), r.err.constData());
    }

    void walkSurvivesTruncationAndNoise() {
        // Every prefix of a sound archive is refused without reading out of bounds.
        const QByteArray zip = buildZip(members_);
        for (qsizetype n = 0; n < zip.size(); n += 97) {
            const auto w = evidence::walkZip(
                reinterpret_cast<const unsigned char*>(zip.constData()), uint64_t(n));
            QVERIFY(!w.ok);
            QVERIFY(!w.error.isEmpty());
        }
    }

    void signedBundleAndTrustedKey() {
        auto r = test::runCli(
            {QStringLiteral("verify"), signed_, QStringLiteral("--require-signature")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains(fingerprint_.toLatin1()), r.out.constData());
        for (const QString& key :
             {keyFile_, fingerprint_, QString(fingerprint_).remove(QLatin1Char(' ')),
              QString::fromLatin1(member(members_, "signing_key.pub")->data.trimmed())}) {
            r = test::runCli(
                {QStringLiteral("verify"), signed_, QStringLiteral("--trusted-key"), key});
            QVERIFY2(r.exitCode == 0,
                     qPrintable(key + QStringLiteral(": ") + QString::fromUtf8(r.err)));
            QVERIFY2(r.out.contains("by the trusted key"), r.out.constData());
        }
        r = test::runCli({QStringLiteral("verify"), signed_, QStringLiteral("--trusted-key"),
                          QStringLiteral("not-a-key")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("not-a-key: not an Ed25519 public key"), r.err.constData());
    }

    void strippedSignatureIsPlainAndRefused() {
        // The attack: change a member, fix its hash in the manifest, drop the signature from the
        // manifest, re-hash the manifest, delete manifest.json.sig and signing_key.pub.
        std::vector<ZipMember> forged;
        QJsonObject manifest =
            QJsonDocument::fromJson(member(members_, "manifest.json")->data).object();
        const QByteArray accounts = "account_id,cluster_id\nsomeone-else,\n";
        QJsonArray files;
        for (const auto& fv : manifest.value(QStringLiteral("files")).toArray()) {
            QJsonObject f = fv.toObject();
            if (f.value(QStringLiteral("path")).toString() == QLatin1String("accounts.csv")) {
                f.insert(
                    QStringLiteral("sha256"),
                    QString::fromLatin1(
                        QCryptographicHash::hash(accounts, QCryptographicHash::Sha256).toHex()));
                f.insert(QStringLiteral("size"), accounts.size());
            }
            files.append(f);
        }
        manifest.insert(QStringLiteral("files"), files);
        manifest.remove(QStringLiteral("signature"));
        const QByteArray manifestBytes = QJsonDocument(manifest).toJson();
        for (const auto& m : members_) {
            if (m.name == QLatin1String("manifest.json.sig") ||
                m.name == QLatin1String("signing_key.pub"))
                continue;
            ZipMember copy = m;
            if (m.name == QLatin1String("manifest.json")) copy.data = manifestBytes;
            if (m.name == QLatin1String("manifest.json.sha256"))
                copy.data =
                    QCryptographicHash::hash(manifestBytes, QCryptographicHash::Sha256).toHex() +
                    "  manifest.json\n";
            if (m.name == QLatin1String("accounts.csv")) copy.data = accounts;
            forged.push_back(copy);
        }
        const QString out = path(QStringLiteral("stripped.zip"));
        QVERIFY(test::writeFile(out, buildZip(forged)));
        // Without a demand the bundle is intact, and the output says plainly that it is unsigned.
        auto r = test::runCli({QStringLiteral("verify"), out});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("UNSIGNED: nothing proves who made this bundle"),
                 r.out.constData());
        QVERIFY2(r.err.contains("UNSIGNED"), r.err.constData());
        for (const QStringList& demand : {QStringList{QStringLiteral("--require-signature")},
                                          QStringList{QStringLiteral("--trusted-key"), keyFile_}}) {
            r = test::runCli(QStringList{QStringLiteral("verify"), out} + demand);
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains("UNSIGNED bundle, but a signature is required"),
                     r.err.constData());
        }
        evidence::VerifyPolicy policy;
        policy.requireSignature = true;
        QVERIFY(!evidence::verifyBundle(out, policy).ok);
    }

    void otherKeyIsRefused() {
        // Someone else's key (another config folder): the signature is valid, the signer is not
        // trusted.
        qputenv("XDG_CONFIG_HOME", path(QStringLiteral("config-other")).toUtf8());
        const QString other = path(QStringLiteral("other.zip"));
        auto r = test::runCli({QStringLiteral("export"), case_, QStringLiteral("--account"),
                               QStringLiteral("acct-2"), QStringLiteral("--out"), other,
                               QStringLiteral("--sign")});
        qputenv("XDG_CONFIG_HOME", path(QStringLiteral("config")).toUtf8());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = test::runCli({QStringLiteral("verify"), other});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = test::runCli(
            {QStringLiteral("verify"), other, QStringLiteral("--trusted-key"), fingerprint_});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("not by the trusted key " + fingerprint_.toLatin1()),
                 r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestBundleForgery)
#include "tst_bundleforgery.moc"
