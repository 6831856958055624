// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target for one reader, chosen at build time (QUARRY_FUZZ_FORMAT, a name
// createReader() knows). The input goes to a file, because readers stream from files (and
// InputFile's decompression and encoding checks are part of what is fuzzed), and every record
// goes through the row checks the importer applies. Small size caps make the oversized-record
// and oversized-field paths reachable by short inputs.
#include <QDir>
#include <QString>

#include <unistd.h>
#include <cstdint>
#include <cstdio>

#include "ingest/recordreader.h"
#include "ingest/rowconverter.h"

namespace {

QString inputPath() {
    const QString dir = QDir::tempPath();
    return dir + QStringLiteral("/quarry-fuzz-%1-%2")
                     .arg(QStringLiteral(QUARRY_FUZZ_FORMAT))
                     .arg(getpid());
}

bool writeInput(const QString& path, const uint8_t* data, size_t size) {
    FILE* f = std::fopen(path.toLocal8Bit().constData(), "wb");
    if (!f) return false;
    const bool ok = std::fwrite(data, 1, size, f) == size;
    return std::fclose(f) == 0 && ok;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const QString path = inputPath();
    if (!writeInput(path, data, size)) return 0;
    QString error;
    auto reader = quarry::createReader(QStringLiteral(QUARRY_FUZZ_FORMAT), path, &error);
    if (!reader) return 0;
    // The import wizard's preview mode takes files without the required columns; let the
    // input's last byte choose, so both paths are fuzzed.
    reader->setPreview(size > 0 && (data[size - 1] & 1));
    quarry::RecordReader::Limits limits;
    limits.maxFieldBytes = 512;
    limits.maxRecordBytes = 4096;
    if (!reader->open(path, quarry::ColumnMapping(), limits, &error)) return 0;
    quarry::SourceRow row;
    quarry::TypedRow typed;
    while (reader->next(row)) {
        quarry::convertRow(row, limits.maxFieldBytes, typed);
        reader->clearSourceValues();
    }
    (void)reader->input().sha256Hex();
    return 0;
}
