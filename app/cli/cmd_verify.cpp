// SPDX-License-Identifier: GPL-3.0-or-later
// verify: check an evidence bundle without the case.
#include <QCommandLineParser>

#include <cstdio>

#include "commands.h"
#include "evidence/bundle.h"

namespace quarry::cli {

int cmdVerify(const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Check an evidence bundle: every byte of the archive belongs to a listed member (read from "
        "the front and from the end alike), member names are safe, every file matches the SHA-256 "
        "and size in manifest.json, nothing is missing or extra, the signature verifies when "
        "present "
        "and the audit chain is intact. An unsigned bundle proves nothing about who made it: name "
        "the sender's key with --trusted-key. Exit 1 naming every failure."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("FILE.zip"), QStringLiteral("The bundle."));
    p.addOption(
        {QStringLiteral("require-signature"), QStringLiteral("Fail unless the bundle is signed.")});
    p.addOption(
        {QStringLiteral("trusted-key"),
         QStringLiteral(
             "Fail unless the bundle is signed by this key: a public key file (signing_key.pub, "
             "ed25519.pub), its 64 hex digits, or its fingerprint as export prints it."),
         QStringLiteral("FILE|FINGERPRINT")});
    if (const int rc = parseCommandLine(p, args); rc >= 0) return rc;
    if (p.positionalArguments().size() != 1)
        return fail(QStringLiteral("verify: expected one FILE.zip"));
    const QString path = p.positionalArguments().first();
    evidence::VerifyPolicy policy;
    policy.requireSignature = p.isSet(QStringLiteral("require-signature"));
    policy.trustedKey = p.value(QStringLiteral("trusted-key"));
    const auto v = evidence::verifyBundle(path, policy);
    if (!v.ok) {
        for (int i = 1; i < v.problems.size(); ++i)
            std::fprintf(stderr, "quarry-cli: %s: %s\n", qPrintable(path),
                         v.problems[i].toUtf8().constData());
        return fail(QStringLiteral("%1: verification FAILED: %2").arg(path, v.problems.value(0)));
    }
    const QString signature =
        !v.signedBundle
            ? QStringLiteral(
                  "UNSIGNED: nothing proves who made this bundle (use --trusted-key to require "
                  "the sender's signature)")
        : v.trustedKey
            ? QStringLiteral("Ed25519 signature valid, by the trusted key %1").arg(v.fingerprint)
            : QStringLiteral(
                  "Ed25519 signature valid (key fingerprint %1; compare it with the sender's, "
                  "or pass --trusted-key)")
                  .arg(v.fingerprint);
    std::printf(
        "%s: OK: %lld files match manifest.json, audit chain of %lld entries intact\n%s\n"
        "bundle %s, case %s, created %s by %s\n",
        qPrintable(path), static_cast<long long>(v.files), static_cast<long long>(v.auditEntries),
        signature.toUtf8().constData(),
        qPrintable(v.manifest.value(QStringLiteral("bundle_id")).toString()),
        qPrintable(v.manifest.value(QStringLiteral("case_id")).toString()),
        qPrintable(v.manifest.value(QStringLiteral("created_at")).toString()),
        v.manifest.value(QStringLiteral("analyst")).toString().toUtf8().constData());
    if (!v.signedBundle)
        std::fprintf(stderr, "quarry-cli: %s: warning: the bundle is UNSIGNED\n", qPrintable(path));
    return 0;
}

}  // namespace quarry::cli
