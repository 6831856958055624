// SPDX-License-Identifier: GPL-3.0-or-later
// audit: print or verify the case's hash-chained audit trail.
#include <QCommandLineParser>
#include <QDateTime>
#include <QJsonDocument>

#include <cstdio>

#include "commands.h"
#include "store/auditlog.h"
#include "core/timestamp.h"
#include "store/casefile.h"

namespace quarry::cli {

int cmdAudit(const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Print the case's audit trail (every import, analysis, tag, note and export with time, analyst "
        "and details), or verify its hash chain."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("CASE"), QStringLiteral("The .quarry case file."));
    p.addOption({QStringLiteral("verify"), QStringLiteral("Verify the hash chain; exit 1 naming the first "
                                                           "broken entry.")});
    p.addOption({QStringLiteral("json"), QStringLiteral("Print one JSON object per line (JSON Lines).")});
    if (const int rc = parseCommandLine(p, args); rc >= 0) return rc;
    if (p.positionalArguments().size() != 1) return fail(QStringLiteral("audit: expected one CASE"));
    QString error;
    auto file = CaseFile::open(p.positionalArguments().first(), CaseFile::Access::ReadOnly, &error);
    if (!file) return fail(error);
    const auto entries = evidence::auditEntries(file->db());
    if (p.isSet(QStringLiteral("verify"))) {
        const auto v = evidence::verifyAuditEntries(entries);
        if (!v.ok) return fail(QStringLiteral("%1: audit chain broken at %2").arg(file->path(), v.reason));
        std::printf("audit chain OK: %lld entries, head %s\n", static_cast<long long>(v.entries),
                    v.headHash.toLatin1().constData());
        return 0;
    }
    const bool json = p.isSet(QStringLiteral("json"));
    for (const auto& e : entries) {
        QByteArray line;
        if (json) {
            line = QJsonDocument(e.toJson()).toJson(QJsonDocument::Compact);
        } else {
            line = QStringLiteral("%1  %2  %3  %4  %5")
                       .arg(e.seq, 4)
                       .arg(QString::fromStdString(formatTimestampMs(e.time)),
                            e.analyst, e.action, QString::fromUtf8(e.details))
                       .toUtf8();
        }
        line += '\n';
        std::fputs(line.constData(), stdout);
    }
    return 0;
}

}  // namespace quarry::cli
