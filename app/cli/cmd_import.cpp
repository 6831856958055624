// SPDX-License-Identifier: GPL-3.0-or-later
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <atomic>
#include <csignal>
#include <cstdio>

#include "commands.h"
#include "ingest/formatregistry.h"
#include "jobs/importfiles.h"
#include "ingest/importer.h"
#include "ingest/tablereaders.h"
#include "store/casefile.h"
#include "store/casesummary.h"

namespace quarry::cli {
namespace {

std::atomic<bool> g_cancel{false};

extern "C" void onInterrupt(int) { g_cancel.store(true); }

QString describe(const ImportResult& r) {
    QString reasons;
    if (!r.quarantineByReason.empty()) {
        QStringList parts;
        for (const auto& [kind, n] : r.quarantineByReason)
            parts << QStringLiteral("%1 %2").arg(n).arg(QString::fromStdString(kind));
        reasons = QStringLiteral(" (") + parts.join(QStringLiteral(", ")) + QLatin1Char(')');
    }
    QString skipped;
    if (r.rowsSkipped > 0) {
        QStringList parts;
        for (const auto& [reason, n] : r.skippedByReason)
            parts << QStringLiteral("%1 %2").arg(n).arg(QString::fromStdString(reason));
        skipped = QStringLiteral(", %1 skipped as not requests (%2)")
                      .arg(r.rowsSkipped)
                      .arg(parts.join(QStringLiteral(", ")));
    }
    QString text = QStringLiteral(
                       "imported %1 as source #%2 (%3, %4 MB) in %5 s: %6 rows read, %7 imported, "
                       "%8 quarantined%9%10; %11 new accounts\n")
                       .arg(r.path)
                       .arg(r.sourceId)
                       .arg(r.format)
                       .arg(r.bytes / 1e6, 0, 'f', 1)
                       .arg(r.seconds, 0, 'f', 1)
                       .arg(r.rowsRead)
                       .arg(r.rowsImported)
                       .arg(r.rowsQuarantined)
                       .arg(reasons, skipped)
                       .arg(r.newAccounts);
    text += QStringLiteral("  sha256 %1\n").arg(QString::fromStdString(r.sha256));
    text += QStringLiteral("  mapped  %1\n").arg(r.mapping.join(QStringLiteral(", ")));
    if (!r.ignoredColumns.isEmpty())
        text += QStringLiteral("  ignored %1\n").arg(r.ignoredColumns.join(QStringLiteral(", ")));
    for (const QString& w : r.warnings) text += QStringLiteral("  warning: %1\n").arg(w);
    return text;
}

}  // namespace

int cmdImport(const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(
        QStringLiteral("Stream log files into a case (created when absent). Rows that cannot be "
                       "read go to quarantine with their line and reason; each file is one "
                       "transaction, so an interrupted import leaves the case as it was.\n\n"
                       "Formats (--format NAME):\n") +
        formatsHelp());
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("CASE"), QStringLiteral("The .quarry case file."));
    p.addPositionalArgument(
        QStringLiteral("FILE"),
        QStringLiteral("Log files (CSV, JSON Lines, access logs or a gateway's own export; plain, gzip or zstd), a "
                       "new-api/one-api SQLite database, or a LiteLLM PostgreSQL database as "
                       "postgresql://USER@HOST:PORT/DB."),
        QStringLiteral("FILE..."));
    p.addOption({QStringLiteral("format"),
                 QStringLiteral("auto (default: the format the file's first bytes show) or "
                                "one of the formats listed above."),
                 QStringLiteral("FORMAT"), QStringLiteral("auto")});
    p.addOption({QStringLiteral("map"),
                 QStringLiteral("Map source column SRC to canonical FIELD (or - to ignore it); "
                                "repeatable."),
                 QStringLiteral("SRC=FIELD")});
    p.addOption({QStringLiteral("force"),
                 QStringLiteral("Import a file even if the case already holds one with the same "
                                "SHA-256.")});
    p.addOption({QStringLiteral("max-field-bytes"),
                 QStringLiteral("Longest accepted field; longer rows are quarantined "
                                "(default 1048576)."),
                 QStringLiteral("N"), QStringLiteral("1048576")});
    if (const int rc = parseCommandLine(p, args); rc >= 0) return rc;
    const QStringList pos = p.positionalArguments();
    if (pos.size() < 2) return fail(QStringLiteral("import: expected CASE and at least one FILE"));

    ImportOptions options;
    options.format = p.value(QStringLiteral("format"));
    if (!formatNames().contains(options.format, Qt::CaseInsensitive))
        return fail(QStringLiteral("import: --format must be one of %1, not '%2'")
                        .arg(formatNames().join(QStringLiteral(", ")), options.format));
    options.force = p.isSet(QStringLiteral("force"));
    bool ok = false;
    const qlonglong maxField = p.value(QStringLiteral("max-field-bytes")).toLongLong(&ok);
    if (!ok || maxField < 16)
        return fail(QStringLiteral("import: --max-field-bytes must be a number >= 16"));
    options.limits.maxFieldBytes = static_cast<size_t>(maxField);
    options.limits.maxRecordBytes =
        std::max(options.limits.maxRecordBytes, static_cast<size_t>(maxField) * 4);
    QString error;
    for (const QString& spec : p.values(QStringLiteral("map")))
        if (!options.mapping.add(spec, &error)) return fail(error);

    const QStringList files = pos.mid(1);
    for (const QString& f : files) {
        if (isDatabaseUrl(f)) continue;
        const QFileInfo info(f);
        if (!info.exists()) return fail(QStringLiteral("%1: no such file").arg(f));
        if (!info.isFile() || !info.isReadable())
            return fail(QStringLiteral("%1: not a readable file").arg(f));
    }

    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    options.cancel = &g_cancel;
    QElapsedTimer tick;
    tick.start();
    jobs::ImportJobCallbacks callbacks;
    callbacks.progress = [&](const jobs::ImportProgress& at) {
        if (tick.elapsed() < 500) return;
        tick.restart();
        progress(QStringLiteral("%1: %2% (%3 of %4 MB), %5 rows imported, %6 quarantined")
                     .arg(QFileInfo(files[at.file]).fileName())
                     .arg(at.bytesTotal > 0 ? 100.0 * at.bytesDone / at.bytesTotal : 100.0, 0, 'f', 1)
                     .arg(at.bytesDone / 1e6, 0, 'f', 0)
                     .arg(at.bytesTotal / 1e6, 0, 'f', 0)
                     .arg(at.rows)
                     .arg(at.quarantined));
    };
    callbacks.fileDone = [&](const jobs::ImportFileOutcome& o) {
        if (o.status != jobs::ImportFileOutcome::Status::Imported) {
            fail(o.message);
            return;
        }
        progressDone();
        std::fputs(describe(o.result).toUtf8().constData(), stdout);
        std::fflush(stdout);
    };
    const jobs::ImportJobResult result = jobs::importFiles(pos.first(), files, options, callbacks);
    if (!result.caseError.isEmpty()) return fail(result.caseError);
    const int failures = static_cast<int>(files.size()) - result.imported();
    if (result.removedCase) return 1;
    auto file = CaseFile::open(pos.first(), CaseFile::Access::ReadOnly, &error);
    CaseSummary summary;
    if (file && summarize(*file, summary, &error))
        std::printf("case %s: %lld requests, %lld accounts, %d sources, %lld quarantined\n",
                    qPrintable(file->path()), static_cast<long long>(summary.requests),
                    static_cast<long long>(summary.accounts), static_cast<int>(summary.sources.size()),
                    static_cast<long long>(summary.quarantined));
    return failures == 0 ? 0 : 1;
}

}  // namespace quarry::cli
