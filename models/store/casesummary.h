// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>
#include <QVector>

#include <cstdint>

namespace quarry {

class CaseFile;

struct SourceSummary {
    int64_t id = 0;
    QString path, sha256, format;
    int64_t size = 0, rowsRead = 0, rowsImported = 0, rowsQuarantined = 0, rowsSkipped = 0;
    int64_t importedAt = 0;
};

// What `quarry-cli stats` prints and the overview shows first. Reads only the small tables
// (sources, dictionaries, quarantine counts), never scans the requests.
struct CaseSummary {
    QString caseId;
    int schemaVersion = 0;
    int64_t requests = 0;
    int64_t accounts = 0;
    int64_t firstTs = 0, lastTs = 0;  // UTC epoch ms; 0 when the case is empty
    int64_t quarantined = 0;
    int64_t skipped = 0;  // source rows that are not requests (top-up rows, non-LLM spans)
    QVector<QPair<QString, int64_t>> quarantineByKind;
    QVector<SourceSummary> sources;
    int64_t fileBytes = 0;

    QJsonObject toJson() const;
    QString toText() const;
};

bool summarize(const CaseFile& file, CaseSummary& out, QString* error);

}  // namespace quarry
