// SPDX-License-Identifier: GPL-3.0-or-later
#include <QCoreApplication>
#include <QGuiApplication>

#include <unistd.h>
#include <cstdio>
#include <cstring>
#include <memory>

#include "commands.h"
#include "core/runtimedir.h"
#include "ingest/formatregistry.h"

namespace quarry::cli {

int fail(const QString& message) {
    progressDone();
    std::fprintf(stderr, "quarry-cli: %s\n", message.toUtf8().constData());
    return 1;
}

int parseCommandLine(QCommandLineParser& parser, const QStringList& args) {
    if (!parser.parse(args)) return fail(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }
    return -1;
}

static bool g_progressOpen = false;

void progress(const QString& line) {
    static const bool tty = isatty(fileno(stderr));
    const QByteArray text = line.toUtf8();
    if (tty) {
        std::fprintf(stderr, "\r%s\x1b[K", text.constData());
        g_progressOpen = true;
    } else {
        std::fprintf(stderr, "%s\n", text.constData());
    }
    std::fflush(stderr);
}

void progressDone() {
    if (g_progressOpen) {
        std::fputc('\n', stderr);
        g_progressOpen = false;
    }
}

}  // namespace quarry::cli

namespace {

const char kUsage[] =
    "Usage: quarry-cli <command> [options]\n"
    "\n"
    "Commands:\n"
    "  generate --out DIR [--accounts N] [--days D] [--campaigns K]\n"
    "           [--campaign-accounts N] [--seed S] [--requests N]\n"
    "           [--styles hydra,mimic,reseller,successor] [--negatives classic|all]\n"
    "           [--drop FIELD,...] [--metadata-only]\n"
    "      Write a seeded synthetic request log (requests.csv) with planted distillation\n"
    "      campaigns and hard negatives, and its ground truth (truth.csv).\n"
    "  import CASE SOURCE... [--format %FORMATS%]\n"
    "         [--map SRC=FIELD]... [--force]\n"
    "      Stream log files (plain, gzip or zstd; or a new-api SQLite database, or a LiteLLM PostgreSQL database\n"
    "      as postgresql://USER@HOST:PORT/DB) into the case (created when absent). Unreadable\n"
    "      rows go to quarantine with line and reason. One source is one transaction.\n"
    "  inspect SOURCE [--rows N] [--json] [--format F] [--map SRC=FIELD]...\n"
    "      Show the detected format, the mapping of every source column, what is missing and\n"
    "      what that costs, and the first records as import would store them.\n"
    "  stats CASE [--json]\n"
    "      Print the case summary: requests, accounts, time span, sources, quarantine.\n"
    "  analyze CASE [--taxonomy FILE] [--json]\n"
    "      Topics, account features, cross-account links, clusters and explained scores.\n"
    "  accounts CASE [--flagged] [--format csv|json]\n"
    "      Per account: account_id, score, cluster_id, flagged, reasons.\n"
    "  clusters CASE [--format text|json] [--min-size N]\n"
    "      Per cluster: id, size, score, flagged, members, reasons.\n"
    "  account CASE ACCOUNT_ID [--json]\n"
    "      One account's features, topics, links and reasons.\n"
    "  tag CASE (--account ID | --cluster ID)... TAG [--note TEXT] [--members] [--remove]\n"
    "          [--create [--color #RRGGBB] [--description TEXT]]\n"
    "      Tag accounts or clusters (--members: also the cluster's accounts); --remove untags.\n"
    "      Each change is committed at once and written to the audit trail.\n"
    "  tag CASE --list\n"
    "      The case's tags and how many accounts, clusters and requests carry each.\n"
    "  audit CASE [--verify] [--json]\n"
    "      Print the hash-chained audit trail, or verify it (exit 1 naming the first broken "
    "entry).\n"
    "  export CASE (--cluster ID | --account ID | --tag TAG)... --out FILE.zip [--redact] "
    "[--sign]\n"
    "      Write an evidence bundle (report.html, report.pdf, charts/, CSVs, audit chain, "
    "sources,\n"
    "      manifest with SHA-256s).\n"
    "  verify FILE.zip [--require-signature] [--trusted-key FILE|FINGERPRINT]\n"
    "      Check an evidence bundle: the archive's layout, every file's hash and size, the\n"
    "      manifest, the signature (and whose it is) and the audit chain; exit 1 naming what failed.\n"
    "\n"
    "Run 'quarry-cli <command> --help' for the options of one command.\n"
    "Exit status: 0 on success; non-zero with a one-line reason on stderr on any failure.\n";

}  // namespace

int main(int argc, char** argv) {
    // Only export renders (report.pdf, charts/); it gets a headless QGuiApplication, every other
    // command stays Qt Core only and runs without any platform plugin.
    std::unique_ptr<QCoreApplication> app;
    if (argc > 1 && std::strcmp(argv[1], "export") == 0) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
        quarry::ensureRuntimeDir();
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication::setApplicationName(QStringLiteral("quarry-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("Quarry"));
    QCoreApplication::setApplicationVersion(QStringLiteral(QUARRY_VERSION));

    QStringList args = QCoreApplication::arguments();
    if (args.size() < 2 || args[1] == QLatin1String("--help") || args[1] == QLatin1String("-h") ||
        args[1] == QLatin1String("help")) {
        // The format names come from the reader registry, so a new reader shows up here.
        const QByteArray usage = QByteArray(kUsage).replace(
            "%FORMATS%", quarry::formatNames().join(QLatin1Char('|')).toUtf8());
        std::fputs(usage.constData(), stdout);
        return args.size() < 2 ? 2 : 0;
    }
    if (args[1] == QLatin1String("--version")) {
        std::printf("quarry-cli %s\n", QUARRY_VERSION);
        return 0;
    }
    const QString command = args[1];
    QStringList rest = args.mid(2);
    rest.prepend(QStringLiteral("quarry-cli ") + command);

    using namespace quarry::cli;
    if (command == QLatin1String("generate")) return cmdGenerate(rest);
    if (command == QLatin1String("import")) return cmdImport(rest);
    if (command == QLatin1String("inspect")) return cmdInspect(rest);
    if (command == QLatin1String("stats")) return cmdStats(rest);
    if (command == QLatin1String("analyze")) return cmdAnalyze(rest);
    if (command == QLatin1String("accounts")) return cmdAccounts(rest);
    if (command == QLatin1String("clusters")) return cmdClusters(rest);
    if (command == QLatin1String("account")) return cmdAccount(rest);
    if (command == QLatin1String("tag")) return cmdTag(rest);
    if (command == QLatin1String("audit")) return cmdAudit(rest);
    if (command == QLatin1String("export")) return cmdExport(rest);
    if (command == QLatin1String("verify")) return cmdVerify(rest);
    return fail(QStringLiteral("unknown command '%1' (see quarry-cli --help)").arg(command));
}
