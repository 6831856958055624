// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "recordreader.h"

namespace quarry {

// The start of a file as the readers' sniffers see it: decoded the way the readers will read it
// (InputFile), a UTF-8 byte order mark removed.
struct FileHead {
    static constexpr size_t kBytes = 64 << 10;

    QString path;
    QString suffix;     // lower-case extension; ".gz"/".zst" looked through ("x.jsonl.gz": jsonl)
    std::string bytes;  // at most kBytes

    // The first line that is not blank (cut at kBytes).
    std::string_view firstLine() const;
    // The first non-whitespace byte, or 0.
    char firstByte() const;
    // JSON records: JSON Lines, a JSON array or pretty-printed objects.
    bool isJson() const { return firstByte() == '{' || firstByte() == '['; }
    // True when `"key"` followed by a colon occurs in the bytes: a JSON object has that key
    // (at any depth; enough to tell tools apart, since each has its own spelling).
    bool hasJsonKey(std::string_view key) const;
    // True when the first line, read as a CSV header, has a column of exactly this name.
    bool hasCsvColumn(std::string_view name) const;
};

// Reads the head of a file. False with *error when it cannot be opened or read.
bool readFileHead(const QString& path, FileHead& head, QString* error);

// Every reader Quarry has, one of each, in the order `import --help` lists them.
std::vector<std::unique_ptr<RecordReader>> allReaders();
// A new reader for a format name (case-insensitive), or nullptr.
std::unique_ptr<RecordReader> readerForName(const QString& name);
// The reader most confident about the head (ties: the earlier in allReaders()).
std::unique_ptr<RecordReader> detectReader(const FileHead& head);
// "auto, csv, jsonl, ...".
QStringList formatNames();
// One line per format, "  name  description", for --help.
QString formatsHelp();

}  // namespace quarry
