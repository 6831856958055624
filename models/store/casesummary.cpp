// SPDX-License-Identifier: GPL-3.0-or-later
#include "casesummary.h"

#include <QFileInfo>
#include <QJsonArray>

#include <sqlite3.h>

#include "casefile.h"
#include "core/timestamp.h"
#include "sqlite.h"

namespace quarry {
namespace {

QString isoOrNull(int64_t ms, bool any) {
    return any ? QString::fromStdString(formatTimestampMs(ms)) : QString();
}

}  // namespace

bool summarize(const CaseFile& file, CaseSummary& out, QString* error) {
    sqlite3* db = file.db();
    out = CaseSummary();
    out.caseId = file.caseId();
    out.schemaVersion = static_cast<int>(sql::queryInt(db, "PRAGMA user_version"));
    out.fileBytes = QFileInfo(file.path()).size();
    sql::Statement s(db,
                     "SELECT id, path, sha256, format, size, rows_read, rows_imported, "
                     "rows_quarantined, imported_at, first_ts, last_ts, rows_skipped FROM sources "
                     "ORDER BY id");
    bool any = false;
    while (s.step()) {
        SourceSummary src;
        src.id = s.int64(0);
        src.path = s.text(1);
        src.sha256 = s.text(2);
        src.format = s.text(3);
        src.size = s.int64(4);
        src.rowsRead = s.int64(5);
        src.rowsImported = s.int64(6);
        src.rowsQuarantined = s.int64(7);
        src.importedAt = s.int64(8);
        src.rowsSkipped = s.int64(11);
        out.requests += src.rowsImported;
        out.quarantined += src.rowsQuarantined;
        out.skipped += src.rowsSkipped;
        if (!s.isNull(9)) {
            out.firstTs = any ? std::min(out.firstTs, s.int64(9)) : s.int64(9);
            out.lastTs = any ? std::max(out.lastTs, s.int64(10)) : s.int64(10);
            any = true;
        }
        out.sources.push_back(src);
    }
    if (s.resultCode() != SQLITE_DONE) {
        if (error) *error = file.describeError(s.resultCode(), QStringLiteral("read the case"));
        return false;
    }
    out.accounts = sql::queryInt(db, "SELECT count(*) FROM accounts");
    sql::Statement q(db, "SELECT kind, count(*) FROM quarantine GROUP BY kind ORDER BY 2 DESC");
    while (q.step()) out.quarantineByKind.push_back({q.text(0), q.int64(1)});
    return true;
}

QJsonObject CaseSummary::toJson() const {
    QJsonObject o;
    const bool any = firstTs != 0 || lastTs != 0;
    o.insert(QStringLiteral("case_id"), caseId);
    o.insert(QStringLiteral("schema_version"), schemaVersion);
    o.insert(QStringLiteral("requests"), static_cast<qint64>(requests));
    o.insert(QStringLiteral("accounts"), static_cast<qint64>(accounts));
    o.insert(QStringLiteral("first_ts"), any ? QJsonValue(isoOrNull(firstTs, true)) : QJsonValue());
    o.insert(QStringLiteral("last_ts"), any ? QJsonValue(isoOrNull(lastTs, true)) : QJsonValue());
    o.insert(QStringLiteral("first_ts_ms"), any ? QJsonValue(static_cast<qint64>(firstTs)) : QJsonValue());
    o.insert(QStringLiteral("last_ts_ms"), any ? QJsonValue(static_cast<qint64>(lastTs)) : QJsonValue());
    o.insert(QStringLiteral("sources"), static_cast<int>(sources.size()));
    o.insert(QStringLiteral("quarantined"), static_cast<qint64>(quarantined));
    QJsonObject kinds;
    for (const auto& [kind, n] : quarantineByKind) kinds.insert(kind, static_cast<qint64>(n));
    o.insert(QStringLiteral("quarantined_by_reason"), kinds);
    o.insert(QStringLiteral("skipped"), static_cast<qint64>(skipped));
    QJsonArray files;
    for (const SourceSummary& src : sources) {
        QJsonObject f;
        f.insert(QStringLiteral("id"), static_cast<qint64>(src.id));
        f.insert(QStringLiteral("path"), src.path);
        f.insert(QStringLiteral("sha256"), src.sha256);
        f.insert(QStringLiteral("format"), src.format);
        f.insert(QStringLiteral("size"), static_cast<qint64>(src.size));
        f.insert(QStringLiteral("rows_read"), static_cast<qint64>(src.rowsRead));
        f.insert(QStringLiteral("rows_imported"), static_cast<qint64>(src.rowsImported));
        f.insert(QStringLiteral("rows_quarantined"), static_cast<qint64>(src.rowsQuarantined));
        f.insert(QStringLiteral("rows_skipped"), static_cast<qint64>(src.rowsSkipped));
        f.insert(QStringLiteral("imported_at"), isoOrNull(src.importedAt, true));
        files.append(f);
    }
    o.insert(QStringLiteral("source_files"), files);
    o.insert(QStringLiteral("file_bytes"), static_cast<qint64>(fileBytes));
    return o;
}

QString CaseSummary::toText() const {
    const bool any = firstTs != 0 || lastTs != 0;
    QString t;
    t += QStringLiteral("case        %1 (schema v%2, %3 MB)\n")
             .arg(caseId)
             .arg(schemaVersion)
             .arg(fileBytes / 1e6, 0, 'f', 1);
    t += QStringLiteral("requests    %1\n").arg(requests);
    t += QStringLiteral("accounts    %1\n").arg(accounts);
    t += QStringLiteral("time span   %1 .. %2\n")
             .arg(any ? isoOrNull(firstTs, true) : QStringLiteral("-"),
                  any ? isoOrNull(lastTs, true) : QStringLiteral("-"));
    t += QStringLiteral("quarantined %1").arg(quarantined);
    if (!quarantineByKind.isEmpty()) {
        QStringList parts;
        for (const auto& [kind, n] : quarantineByKind) parts << QStringLiteral("%1 %2").arg(n).arg(kind);
        t += QStringLiteral(" (") + parts.join(QStringLiteral(", ")) + QLatin1Char(')');
    }
    t += QStringLiteral("\nskipped     %1 (source rows that are not requests)").arg(skipped);
    t += QStringLiteral("\nsources     %1\n").arg(sources.size());
    for (const SourceSummary& s : sources)
        t += QStringLiteral("  #%1 %2  %3 rows, %4 quarantined, %5 skipped, sha256 %6\n")
                 .arg(s.id)
                 .arg(s.path)
                 .arg(s.rowsImported)
                 .arg(s.rowsQuarantined)
                 .arg(s.rowsSkipped)
                 .arg(s.sha256.left(16));
    return t;
}

}  // namespace quarry
