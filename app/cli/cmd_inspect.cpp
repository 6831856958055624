// SPDX-License-Identifier: GPL-3.0-or-later
#include <QCommandLineParser>
#include <QJsonDocument>

#include <cstdio>

#include "commands.h"
#include "ingest/sourceinspector.h"

namespace quarry::cli {

int cmdInspect(const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(
        QStringLiteral("Show how a log would import, without importing it: the detected format, "
                       "what every source column becomes and what is unused, what the source "
                       "lacks and what that costs the analysis, and the first records exactly as "
                       "the importer would store them."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("SOURCE"),
                            QStringLiteral("A log file, a new-api/one-api SQLite database, or a "
                                           "LiteLLM PostgreSQL database as "
                                           "postgresql://USER@HOST:PORT/DB."));
    p.addOption({QStringLiteral("rows"), QStringLiteral("Records to show (default 5)."),
                 QStringLiteral("N"), QStringLiteral("5")});
    p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
    p.addOption({QStringLiteral("format"),
                 QStringLiteral("auto (default), csv, jsonl, combined, litellm or newapi."),
                 QStringLiteral("FORMAT"), QStringLiteral("auto")});
    p.addOption({QStringLiteral("map"),
                 QStringLiteral("Map source column SRC to canonical FIELD, as import does."),
                 QStringLiteral("SRC=FIELD")});
    if (const int rc = parseCommandLine(p, args); rc >= 0) return rc;
    const QStringList pos = p.positionalArguments();
    if (pos.size() != 1) return fail(QStringLiteral("inspect: expected one SOURCE"));
    bool ok = false;
    const int rows = p.value(QStringLiteral("rows")).toInt(&ok);
    if (!ok || rows < 0 || rows > 100000)
        return fail(QStringLiteral("inspect: --rows must be a number from 0 to 100000"));
    QString error;
    ColumnMapping mapping;
    for (const QString& spec : p.values(QStringLiteral("map")))
        if (!mapping.add(spec, &error)) return fail(error);

    SourceInspection inspection;
    if (!inspectSource(pos.first(), p.value(QStringLiteral("format")), mapping, rows, inspection,
                       &error))
        return fail(error);
    if (p.isSet(QStringLiteral("json")))
        std::fputs(QJsonDocument(inspection.toJson()).toJson(QJsonDocument::Indented).constData(),
                   stdout);
    else
        std::fputs(inspection.toText().toUtf8().constData(), stdout);
    return 0;
}

}  // namespace quarry::cli
