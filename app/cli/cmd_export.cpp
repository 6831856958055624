// SPDX-License-Identifier: GPL-3.0-or-later
// export: write an evidence bundle for chosen clusters, accounts or tags.
#include <QCommandLineParser>

#include <cstdio>

#include "commands.h"
#include "jobs/exportevidence.h"

namespace quarry::cli {

int cmdExport(const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(
        QStringLiteral("Write an evidence bundle (ZIP): report.html, report.pdf, charts/ (timeline "
                       "and topic heatmap per cluster, "
                       "PNG and vector PDF), accounts.csv, requests.csv (with prompts), links.csv, "
                       "audit.jsonl, sources.json and manifest.json with the SHA-256 of every "
                       "file. The export is recorded "
                       "in the case's audit trail. Check a bundle with quarry-cli verify."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("CASE"), QStringLiteral("The .quarry case file."));
    p.addOption({QStringLiteral("cluster"), QStringLiteral("A cluster id of the latest analysis (repeatable)."), QStringLiteral("ID")});
    p.addOption({QStringLiteral("account"), QStringLiteral("An account id as in the logs (repeatable)."), QStringLiteral("ID")});
    p.addOption({QStringLiteral("tag"), QStringLiteral("Accounts and clusters carrying this tag (repeatable)."), QStringLiteral("TAG")});
    p.addOption({QStringLiteral("out"), QStringLiteral("The bundle to write (.zip)."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("redact"), QStringLiteral("Mask prompts, full IP addresses (keep the /24) and e-mail-like "
                                                           "account ids everywhere in the bundle.")});
    p.addOption({QStringLiteral("sign"), QStringLiteral("Sign manifest.json with your Ed25519 key (created on first use "
                                                         "in the user's config folder).")});
    if (const int rc = parseCommandLine(p, args); rc >= 0) return rc;
    if (p.positionalArguments().size() != 1) return fail(QStringLiteral("export: expected one CASE"));
    const QString out = p.value(QStringLiteral("out"));
    if (out.isEmpty()) return fail(QStringLiteral("export: --out FILE.zip is required"));
    evidence::BundleOptions options;
    for (const QString& c : p.values(QStringLiteral("cluster"))) {
        bool ok = false;
        const qlonglong id = c.toLongLong(&ok);
        if (!ok) return fail(QStringLiteral("export: --cluster expects a number, got '%1'").arg(c));
        options.clusters.push_back(id);
    }
    options.accounts = p.values(QStringLiteral("account"));
    options.tags = p.values(QStringLiteral("tag"));
    if (options.clusters.empty() && options.accounts.isEmpty() && options.tags.isEmpty())
        return fail(QStringLiteral("export: choose what to export with --cluster, --account or --tag"));
    options.redact = p.isSet(QStringLiteral("redact"));
    options.sign = p.isSet(QStringLiteral("sign"));
    options.progress = [](const QString& stage, double f) {
        progress(QStringLiteral("export: %1 %2%").arg(stage).arg(int(f * 100)));
    };
    QString error;
    evidence::BundleResult r;
    if (!jobs::exportEvidence(p.positionalArguments().first(), options, out, r, &error)) return fail(error);
    progressDone();
    std::printf("bundle %s: %lld accounts, %lld clusters, %lld requests, %lld links in %.1f s\nbundle id %s\nmanifest "
                "SHA-256 %s\n",
                qPrintable(out), static_cast<long long>(r.accounts), static_cast<long long>(r.clusters),
                static_cast<long long>(r.requests), static_cast<long long>(r.links), r.seconds, qPrintable(r.bundleId),
                qPrintable(r.manifestSha256));
    if (options.sign) std::printf("signed with Ed25519 public key %s\n", qPrintable(r.publicKeyHex));
    return 0;
}

}  // namespace quarry::cli
