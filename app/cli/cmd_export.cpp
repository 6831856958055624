// SPDX-License-Identifier: GPL-3.0-or-later
// export: write an evidence bundle for chosen clusters, accounts or tags.
#include <QCommandLineParser>

#include <atomic>
#include <csignal>
#include <cstdio>

#include "commands.h"
#include "evidence/signing.h"
#include "jobs/exportevidence.h"

namespace quarry::cli {
namespace {

// Ctrl-C, kill, a closed terminal: the export stops at its next check (at most a few thousand
// rows or one libzip block later), removes its work folder and its partial ZIP, and exits with
// 128 + the signal number. A second signal gets the default action; the next export then removes
// what that one left.
std::atomic<bool> g_cancel{false};
volatile std::sig_atomic_t g_signal = 0;

extern "C" void onStopSignal(int sig) {
    g_signal = sig;
    g_cancel.store(true);
    std::signal(sig, SIG_DFL);
}

void catchStopSignals() {
    struct sigaction sa = {};
    sa.sa_handler = onStopSignal;
    sigemptyset(&sa.sa_mask);
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaction(sig, &sa, nullptr);
}

}  // namespace

int cmdExport(const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(
        QStringLiteral("Write an evidence bundle (ZIP): report.html, report.pdf, charts/ (timeline "
                       "and topic heatmap per cluster, "
                       "PNG and vector PDF), accounts.csv, requests.csv (with prompts), links.csv, story.csv, "
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
    options.cancel = &g_cancel;
    catchStopSignals();
    if (!jobs::exportEvidence(p.positionalArguments().first(), options, out, r, &error)) {
        if (const int sig = g_signal) {
            fail(QStringLiteral("export: interrupted by %1; its work files were removed and %2 was not written")
                     .arg(QString::fromLatin1(sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "SIGHUP"), out));
            return 128 + sig;
        }
        return fail(error);
    }
    progressDone();
    std::printf("bundle %s: %lld accounts, %lld clusters, %lld requests, %lld links in %.1f s\nbundle id %s\nmanifest "
                "SHA-256 %s\n",
                qPrintable(out), static_cast<long long>(r.accounts), static_cast<long long>(r.clusters),
                static_cast<long long>(r.requests), static_cast<long long>(r.links), r.seconds, qPrintable(r.bundleId),
                qPrintable(r.manifestSha256));
    if (options.sign)
        std::printf("signed with Ed25519 public key %s\nkey fingerprint %s\n", qPrintable(r.publicKeyHex),
                    qPrintable(evidence::publicKeyFingerprint(r.publicKeyHex)));
    return 0;
}

}  // namespace quarry::cli
