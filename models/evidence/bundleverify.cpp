// SPDX-License-Identifier: GPL-3.0-or-later
// verifyBundle: everything a recipient can check without the case.
#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <set>

#include "store/auditlog.h"
#include "bundle.h"
#include "signing.h"
#include "zipio.h"
#include "zipwalk.h"

namespace quarry::evidence {
namespace {

// "ab12cd34..." as publicKeyFingerprint prints it: "ab12 cd34 ...".
QString grouped(const QString& fingerprint) {
    QStringList groups;
    for (int i = 0; i < fingerprint.size(); i += 4) groups << fingerprint.mid(i, 4);
    return groups.join(QLatin1Char(' '));
}

}  // namespace

BundleVerification verifyBundle(const QString& zipPath, const VerifyPolicy& policy) {
    BundleVerification v;
    auto problem = [&](const QString& p) { v.problems << p; };
    // The layout first: every byte inside a listed member, read alike from the front and from the
    // end; only then does libzip (which trusts the central directory) read the members.
    std::vector<QString> walked;
    {
        QFile f(zipPath);
        const uchar* bytes = f.open(QIODevice::ReadOnly) && f.size() > 0 ? f.map(0, f.size()) : nullptr;
        if (!bytes) {
            problem(QStringLiteral("%1: cannot read the archive").arg(zipPath));
            return v;
        }
        const ZipWalk walk = walkZip(bytes, static_cast<uint64_t>(f.size()));
        if (!walk.ok) {
            problem(walk.error);
            return v;
        }
        for (const auto& entry : walk.entries) walked.push_back(QString::fromUtf8(entry.name));
    }

    ZipReader zip;
    QString e;
    if (!zip.open(zipPath, &e)) {
        problem(e);
        return v;
    }
    if (walked != zip.names()) {
        problem(QStringLiteral("ZIP structure: libzip and the byte walk list different members"));
        return v;
    }
    const QString kManifest = QStringLiteral("manifest.json"), kManifestSha = QStringLiteral("manifest.json.sha256"),
                  kSig = QStringLiteral("manifest.json.sig"), kPub = QStringLiteral("signing_key.pub");

    // Member names first: nothing unsafe, nothing twice.
    std::set<QString> names;
    for (const QString& n : zip.names()) {
        if (!isSafeMemberName(n)) problem(QStringLiteral("%1: unsafe member name (absolute, '..', or control characters); refused").arg(n));
        else if (!names.insert(n).second) problem(QStringLiteral("%1: appears twice in the archive").arg(n));
    }
    if (!v.problems.isEmpty()) return v;

    QByteArray manifestBytes, manifestSha;
    if (!zip.read(kManifest, manifestBytes, &e, 64 << 20)) {
        problem(QStringLiteral("manifest.json: %1").arg(e));
        return v;
    }
    if (!zip.read(kManifestSha, manifestSha, &e, 4096)) {
        problem(QStringLiteral("manifest.json.sha256: %1").arg(e));
        return v;
    }
    const QByteArray actual = QCryptographicHash::hash(manifestBytes, QCryptographicHash::Sha256).toHex();
    // Exactly as written (sha256sum format), so any changed byte is noticed.
    if (manifestSha != actual + "  manifest.json\n") {
        problem(QStringLiteral("manifest.json: its SHA-256 differs from manifest.json.sha256 (manifest.json or "
                               "manifest.json.sha256 was changed)"));
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(manifestBytes, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        problem(QStringLiteral("manifest.json: not valid JSON (%1)").arg(pe.errorString()));
        return v;
    }
    v.manifest = doc.object();
    if (v.manifest.value(QStringLiteral("format")).toString() != QLatin1String(kBundleFormat))
        problem(QStringLiteral("manifest.json: not a Quarry evidence bundle manifest"));

    // Signature.
    const QJsonObject sig = v.manifest.value(QStringLiteral("signature")).toObject();
    if (!sig.isEmpty()) {
        v.signedBundle = true;
        v.publicKeyHex = sig.value(QStringLiteral("public_key")).toString();
        v.fingerprint = publicKeyFingerprint(v.publicKeyHex);
        const QByteArray pk = QByteArray::fromHex(v.publicKeyHex.toLatin1());
        // Bundles since format 1.1 name the key's fingerprint too; it must be this key's.
        if (sig.contains(QStringLiteral("fingerprint")) && sig.value(QStringLiteral("fingerprint")).toString() != v.fingerprint)
            problem(QStringLiteral("manifest.json: the signature's fingerprint is not that of its public key"));
        QByteArray sigHex, pubHex;
        if (!zip.read(kSig, sigHex, &e, 4096)) problem(QStringLiteral("manifest.json.sig: the manifest is signed but %1").arg(e));
        else if (QByteArray::fromHex(sigHex).toHex() + '\n' != sigHex ||
                 !verifyDetached(manifestBytes, QByteArray::fromHex(sigHex), pk))
            problem(QStringLiteral("manifest.json.sig: the Ed25519 signature does not verify (manifest.json or the signature was changed)"));
        if (!zip.read(kPub, pubHex, &e, 4096)) problem(QStringLiteral("signing_key.pub: %1").arg(e));
        else if (pubHex != pk.toHex() + '\n')
            problem(QStringLiteral("signing_key.pub: differs from the public key in manifest.json"));
    } else {
        for (const QString& n : {kSig, kPub})
            if (names.count(n)) problem(QStringLiteral("%1: present but the manifest declares no signature").arg(n));
    }

    // Every listed file: present, same size, same SHA-256; nothing unlisted.
    std::set<QString> listed = {kManifest, kManifestSha};
    if (v.signedBundle) listed.insert({kSig, kPub});
    for (const auto& fv : v.manifest.value(QStringLiteral("files")).toArray()) {
        const QJsonObject f = fv.toObject();
        const QString path = f.value(QStringLiteral("path")).toString();
        if (!isSafeMemberName(path) || listed.count(path)) {
            problem(QStringLiteral("manifest.json: invalid or repeated file entry '%1'").arg(path));
            continue;
        }
        listed.insert(path);
        if (!names.count(path)) {
            problem(QStringLiteral("%1: listed in the manifest but missing from the bundle").arg(path));
            continue;
        }
        QCryptographicHash h(QCryptographicHash::Sha256);
        qint64 size = 0;
        if (!zip.stream(path, [&](const char* d, qint64 n) { h.addData(QByteArrayView(d, n)); size += n; }, &e)) {
            problem(e);
            continue;
        }
        ++v.files;
        if (size != f.value(QStringLiteral("size")).toInteger())
            problem(QStringLiteral("%1: size %2 differs from the manifest's %3").arg(path).arg(size).arg(f.value(QStringLiteral("size")).toInteger()));
        else if (QString::fromLatin1(h.result().toHex()) != f.value(QStringLiteral("sha256")).toString())
            problem(QStringLiteral("%1: SHA-256 differs from the manifest (the file was changed)").arg(path));
    }
    for (const QString& n : names)
        if (!listed.count(n)) problem(QStringLiteral("%1: not listed in the manifest").arg(n));

    // The audit chain inside the bundle.
    if (names.count(QStringLiteral("audit.jsonl"))) {
        QByteArray jsonl;
        if (zip.read(QStringLiteral("audit.jsonl"), jsonl, &e)) {
            std::vector<AuditEntry> entries;
            int line = 0;
            bool parsed = true;
            for (const QByteArray& l : jsonl.split('\n')) {
                ++line;
                if (l.trimmed().isEmpty()) continue;
                const QJsonDocument d = QJsonDocument::fromJson(l);
                AuditEntry a;
                QString why;
                if (!d.isObject() || !AuditEntry::fromJson(d.object(), a, &why)) {
                    problem(QStringLiteral("audit.jsonl: line %1 is not an audit entry %2").arg(line).arg(why));
                    parsed = false;
                    break;
                }
                entries.push_back(a);
            }
            if (parsed) {
                const auto chain = verifyAuditEntries(entries);
                v.auditEntries = chain.entries;
                const QJsonObject head = v.manifest.value(QStringLiteral("audit")).toObject();
                if (!chain.ok) problem(QStringLiteral("audit.jsonl: audit chain broken at %1").arg(chain.reason));
                else if (chain.headHash != head.value(QStringLiteral("head_hash")).toString() ||
                         chain.entries != head.value(QStringLiteral("entries")).toInteger())
                    problem(QStringLiteral("audit.jsonl: the chain ends at a different entry than manifest.json records"));
            }
        } else {
            problem(e);
        }
    } else if (!v.manifest.isEmpty()) {
        problem(QStringLiteral("audit.jsonl: missing from the bundle"));
    }
    // The recipient's demands, last: they matter only once the bundle is intact.
    QString trustError;
    const QString trusted = policy.trustedKey.isEmpty() ? QString() : trustedFingerprint(policy.trustedKey, &trustError);
    if (!policy.trustedKey.isEmpty() && trusted.isEmpty()) problem(trustError);
    if ((policy.requireSignature || !policy.trustedKey.isEmpty()) && !v.signedBundle)
        problem(QStringLiteral("UNSIGNED bundle, but a signature is required: nothing proves who made it"));
    if (!trusted.isEmpty() && v.signedBundle) {
        v.trustedKey = QString(v.fingerprint).remove(QLatin1Char(' ')) == trusted;
        if (!v.trustedKey)
            problem(QStringLiteral("manifest.json.sig: signed by key %1, not by the trusted key %2")
                        .arg(v.fingerprint, grouped(trusted)));
    }
    v.ok = v.problems.isEmpty();
    return v;
}

}  // namespace quarry::evidence
