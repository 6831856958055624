// SPDX-License-Identifier: GPL-3.0-or-later
#include <QCommandLineParser>
#include <QJsonDocument>

#include <cstdio>

#include "commands.h"
#include "store/casefile.h"
#include "store/casesummary.h"

namespace quarry::cli {

int cmdStats(const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Print the summary of a case."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("CASE"), QStringLiteral("The .quarry case file."));
    p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON (keys requests, accounts, "
                                                         "first_ts, last_ts, sources, quarantined, ...).")});
    if (const int rc = parseCommandLine(p, args); rc >= 0) return rc;
    if (p.positionalArguments().size() != 1) return fail(QStringLiteral("stats: expected one CASE"));
    QString error;
    auto file = CaseFile::open(p.positionalArguments().first(), CaseFile::Access::ReadOnly, &error);
    if (!file) return fail(error);
    CaseSummary summary;
    if (!summarize(*file, summary, &error)) return fail(error);
    if (p.isSet(QStringLiteral("json")))
        std::fputs(QJsonDocument(summary.toJson()).toJson(QJsonDocument::Indented).constData(), stdout);
    else
        std::fputs(summary.toText().toUtf8().constData(), stdout);
    return 0;
}

}  // namespace quarry::cli
