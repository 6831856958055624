// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "recordreader.h"

namespace quarry {

class CaseFile;

struct ImportOptions {
    QString format = QStringLiteral("auto");
    ColumnMapping mapping;
    bool force = false;  // import a file whose SHA-256 the case already holds
    RecordReader::Limits limits;
    size_t quarantineRawBytes = 4096;  // raw text kept per quarantined row
    // Called on the importing thread every batch: bytes read of total, rows so far.
    std::function<void(int64_t bytesDone, int64_t bytesTotal, int64_t rowsImported,
                       int64_t rowsQuarantined)>
        progress;
    const std::atomic<bool>* cancel = nullptr;
};

struct ImportResult {
    int64_t sourceId = 0;
    QString path;
    QString format;
    std::string sha256;
    int64_t bytes = 0;
    int64_t rowsRead = 0;
    int64_t rowsImported = 0;
    int64_t rowsQuarantined = 0;
    int64_t rowsSkipped = 0;  // rows that are not requests (top-up rows, non-LLM spans)
    int64_t firstTs = 0, lastTs = 0;
    int64_t newAccounts = 0;
    std::map<std::string, int64_t> quarantineByReason;
    std::map<std::string, int64_t> skippedByReason;
    FieldCounts fieldRows{};  // imported rows that carry each canonical field
    QStringList mapping;
    QStringList ignoredColumns;
    // "no user agent: ...; shared user agents cannot link accounts" for the prompt, IP and user
    // agent when no imported row had them.
    QStringList warnings;
    double seconds = 0;
};

// Streams one file into a case as one transaction: the case holds all of its rows (and the
// quarantined ones with their reasons) or, after an error, a cancel or a crash, none of them.
// A reader thread parses, validates and dictionary-encodes while the calling thread writes.
class Importer {
public:
    explicit Importer(CaseFile& file) : file_(file) {}
    bool run(const QString& path, const ImportOptions& options, ImportResult& result,
             QString* error);

private:
    CaseFile& file_;
};

}  // namespace quarry
