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
        "Check an evidence bundle: member names are safe, every file matches the SHA-256 and size in "
        "manifest.json, nothing is missing or extra, the signature verifies when present and the audit "
        "chain is intact. Exit 1 naming every failure."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("FILE.zip"), QStringLiteral("The bundle."));
    if (const int rc = parseCommandLine(p, args); rc >= 0) return rc;
    if (p.positionalArguments().size() != 1) return fail(QStringLiteral("verify: expected one FILE.zip"));
    const QString path = p.positionalArguments().first();
    const auto v = evidence::verifyBundle(path);
    if (!v.ok) {
        for (int i = 1; i < v.problems.size(); ++i)
            std::fprintf(stderr, "quarry-cli: %s: %s\n", qPrintable(path), v.problems[i].toUtf8().constData());
        return fail(QStringLiteral("%1: verification FAILED: %2").arg(path, v.problems.value(0)));
    }
    std::printf("%s: OK: %lld files match manifest.json, audit chain of %lld entries intact, %s\n"
                "bundle %s, case %s, created %s by %s\n",
                qPrintable(path), static_cast<long long>(v.files), static_cast<long long>(v.auditEntries),
                v.signedBundle ? qPrintable(QStringLiteral("Ed25519 signature valid (public key %1)").arg(v.publicKeyHex))
                               : "unsigned",
                qPrintable(v.manifest.value(QStringLiteral("bundle_id")).toString()),
                qPrintable(v.manifest.value(QStringLiteral("case_id")).toString()),
                qPrintable(v.manifest.value(QStringLiteral("created_at")).toString()),
                v.manifest.value(QStringLiteral("analyst")).toString().toUtf8().constData());
    return 0;
}

}  // namespace quarry::cli
