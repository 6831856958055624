// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "fieldcoverage.h"
#include "recordreader.h"

namespace quarry {

// What `quarry-cli inspect` tells an analyst about a source before importing it: the reader
// that takes it, what every source column becomes, what the source lacks and what that costs,
// and its first records exactly as the importer would store them (same reader, same checks).
struct SourceInspection {
    struct Column {
        QString name;
        int field = -1;  // canonical field, -1 when the column is not used
        QString note;    // how the reader uses it ("else end_user, team_id, api_key")
    };
    struct Record {
        enum class Status { Imported, Quarantined, Skipped };
        int64_t line = 0;
        Status status = Status::Imported;
        QString reason;  // quarantine kind and message, or the skip reason
        // Per canonical field the value as stored (text trimmed, time as ISO 8601 UTC, numbers
        // as integers); nullopt for NULL.
        std::array<std::optional<QString>, kFieldCount> values;
        int64_t timestampMs = 0;
    };

    QString source;  // path, or URL without its password
    QString format;  // the reader's name
    std::vector<Column> columns;
    int64_t sampled = 0;  // records read to judge what is missing
    int64_t sampledImported = 0;
    std::vector<MissingField> missing;
    std::vector<Record> records;  // the first N

    QJsonObject toJson() const;
    QString toText() const;
};

// Reads the first max(rows, sampleRows) records of a source with the importer's reader.
bool inspectSource(const QString& path, const QString& format, const ColumnMapping& mapping,
                   int rows, SourceInspection& out, QString* error, int sampleRows = 1000);

}  // namespace quarry
