// SPDX-License-Identifier: GPL-3.0-or-later
#include "filepreview.h"

#include <QHash>

#include "recordreader.h"
#include "rowconverter.h"

namespace quarry {
namespace {

QString fromUtf8(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

bool dependsOnMapping(RejectKind kind) {
    switch (kind) {
        case RejectKind::MissingAccount:
        case RejectKind::BadTimestamp:
        case RejectKind::BadTime:
        case RejectKind::NotANumber:
        case RejectKind::NumberOutOfRange:
        case RejectKind::NulByte:
        case RejectKind::FieldTooLarge:
            return true;
        default:
            return false;
    }
}

}  // namespace

bool previewFile(const QString& path, const QString& format, int maxRows, FilePreview& out,
                 QString* error) {
    out = FilePreview();
    out.path = path;
    auto reader = createReader(format, path, error);
    if (!reader) return false;
    reader->setPreview(true);
    if (!reader->open(path, ColumnMapping(), RecordReader::Limits(), error)) return false;
    out.format = QString::fromLatin1(reader->formatName());

    // Columns known up front (CSV header, access-log pseudo-columns) keep the file's order;
    // JSON keys join as rows bring them.
    QHash<QString, int> columnOf;
    auto addColumn = [&](const QString& name) {
        auto it = columnOf.constFind(name);
        if (it != columnOf.cend()) return *it;
        const int c = static_cast<int>(out.columns.size());
        columnOf.insert(name, c);
        out.columns.push_back({name, -1});
        return c;
    };
    for (const auto& cf : reader->columnFields()) addColumn(cf.first);

    SourceRow row;
    for (;;) {
        if (static_cast<int>(out.rows.size()) >= maxRows) break;
        reader->clearSourceValues();
        if (!reader->next(row)) {
            if (!reader->error().isEmpty()) {
                if (error) *error = reader->error();
                return false;
            }
            out.endOfFile = true;
            break;
        }
        PreviewRow pr;
        pr.line = row.line;
        for (const auto& [name, value] : reader->sourceValues()) {
            const int c = addColumn(fromUtf8(name));
            if (pr.values.size() <= c) pr.values.resize(c + 1);
            pr.values[c] = fromUtf8(value);
        }
        // The importer's own check; only what does not depend on the mapping is shown, since
        // the analyst is about to change the mapping.
        TypedRow typed;
        if (row.skip)
            pr.problem = QStringLiteral("skipped, not a request: %1")
                             .arg(QString::fromStdString(row.skipReason));
        else if (!convertRow(row, RecordReader::Limits().maxFieldBytes, typed) &&
                 !dependsOnMapping(row.reject))
            pr.problem =
                QStringLiteral("%1: %2").arg(QString::fromLatin1(rejectKindName(row.reject)),
                                             QString::fromStdString(row.rejectMessage));
        out.rows.push_back(std::move(pr));
    }
    for (PreviewRow& r : out.rows) r.values.resize(static_cast<qsizetype>(out.columns.size()));
    // The reader has now seen every column of the previewed rows and mapped each one.
    for (const auto& [name, field] : reader->columnFields()) {
        auto it = columnOf.constFind(name);
        if (it != columnOf.cend()) out.columns[static_cast<size_t>(*it)].autoField = field;
    }
    return true;
}

}  // namespace quarry
