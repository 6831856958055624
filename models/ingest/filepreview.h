// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace quarry {

// The first records of a log file as the importer's own reader parses them, so the import
// wizard can show the data and let the analyst map columns before anything is written.
struct PreviewColumn {
    QString name;        // CSV header name, flattened JSON key or access-log pseudo-column
    int autoField = -1;  // what the importer maps it to without any override (-1: ignored)
};

struct PreviewRow {
    int64_t line = 0;
    QStringList values;  // one per column of FilePreview::columns; empty where absent
    QString problem;     // why the importer quarantines the row whatever the mapping, if it does
};

struct FilePreview {
    QString path;
    QString format;  // "csv", "jsonl" or "combined": the reader that parsed it
    std::vector<PreviewColumn> columns;
    std::vector<PreviewRow> rows;
    bool endOfFile = false;  // the whole file fit in the preview
};

// Reads at most maxRows records of path with the reader `format` (or "auto") picks. A file whose
// required columns are not mapped automatically still previews: mapping them is the point.
bool previewFile(const QString& path, const QString& format, int maxRows, FilePreview& out,
                 QString* error);

}  // namespace quarry
