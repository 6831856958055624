// SPDX-License-Identifier: GPL-3.0-or-later
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonDocument>

#include <atomic>
#include <csignal>
#include <cstdio>

#include "analysis/analyzer.h"
#include "analysis/taxonomy.h"
#include "commands.h"
#include "store/casefile.h"

namespace quarry::cli {
namespace {

std::atomic<bool> g_cancel{false};
extern "C" void onAnalyzeInterrupt(int) { g_cancel.store(true); }

}  // namespace

int cmdAnalyze(const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(
        QStringLiteral("Analyse a case: topics, account features, cross-account links, clusters and "
                       "explained scores. Re-runnable; Ctrl-C stops it and keeps the previous analysis."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("CASE"), QStringLiteral("The .quarry case file."));
    p.addOption({QStringLiteral("taxonomy"), QStringLiteral("Topic taxonomy JSON (default: the built-in one)."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("json"), QStringLiteral("Print the summary as JSON.")});
    p.addOption({QStringLiteral("resolution"),
                 QStringLiteral("Leiden modularity resolution; higher splits clusters finer (default %1).")
                     .arg(ClusteringParams().resolution),
                 QStringLiteral("R")});
    if (const int rc = parseCommandLine(p, args); rc >= 0) return rc;
    if (p.positionalArguments().size() != 1) return fail(QStringLiteral("analyze: expected one CASE"));
    QString error;
    std::optional<Taxonomy> custom;
    if (p.isSet(QStringLiteral("taxonomy"))) {
        custom = Taxonomy::fromFile(p.value(QStringLiteral("taxonomy")), &error);
        if (!custom) return fail(error);
    }
    auto file = CaseFile::open(p.positionalArguments().first(), CaseFile::Access::ReadWrite, &error);
    if (!file) return fail(error);

    std::signal(SIGINT, onAnalyzeInterrupt);
    std::signal(SIGTERM, onAnalyzeInterrupt);
    AnalysisOptions options;
    options.taxonomy = custom ? &*custom : nullptr;
    options.cancel = &g_cancel;
    if (p.isSet(QStringLiteral("resolution"))) {
        bool ok = false;
        options.clustering.resolution = p.value(QStringLiteral("resolution")).toDouble(&ok);
        if (!ok || options.clustering.resolution <= 0)
            return fail(QStringLiteral("analyze: --resolution must be a positive number"));
    }
    QElapsedTimer tick;
    tick.start();
    QString lastStage;
    options.progress = [&](const QString& stage, double fraction) {
        if (stage == lastStage && tick.elapsed() < 500) return;
        lastStage = stage;
        tick.restart();
        progress(QStringLiteral("analyze: %1% %2").arg(fraction * 100, 0, 'f', 0).arg(stage));
    };
    AnalysisSummary summary;
    if (!analyzeCase(*file, options, summary, &error)) {
        if (g_cancel.load()) return fail(QStringLiteral("%1: analysis interrupted; the previous analysis is unchanged").arg(file->path()));
        return fail(error);
    }
    progressDone();
    if (p.isSet(QStringLiteral("json"))) {
        std::fputs(QJsonDocument(summary.toJson()).toJson().constData(), stdout);
    } else {
        std::printf("analysed %lld requests from %lld accounts in %.1f s: %lld links, %lld clusters; "
                    "flagged %lld clusters with %lld accounts%s\n",
                    static_cast<long long>(summary.requests), static_cast<long long>(summary.accounts),
                    summary.seconds, static_cast<long long>(summary.links),
                    static_cast<long long>(summary.clusters), static_cast<long long>(summary.flaggedClusters),
                    static_cast<long long>(summary.flaggedAccounts),
                    summary.newModel.isEmpty()
                        ? ""
                        : qPrintable(QStringLiteral(" (newest model: %1)").arg(summary.newModel)));
        if (summary.mixtureAccounts > 0)
            std::printf("%lld accounts flagged for harvest mixed into ordinary traffic\n",
                        static_cast<long long>(summary.mixtureAccounts));
        for (const QString& u : summary.unavailable)
            std::printf("not in these logs: %s\n", qPrintable(u));
    }
    return 0;
}

}  // namespace quarry::cli
