// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Reading what `quarry-cli generate` wrote, for the generator suites: an RFC 4180 parser of its
// own (so the importer under test elsewhere is not what checks the generator) and a table that
// finds columns by header name (prompt-less files leave some out).
#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>

#include <map>

namespace quarry::test {

// Minimal RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks.
// Returns false on malformed input (stray quote, unterminated field).
inline bool parseCsv(const QByteArray& data, QList<QList<QByteArray>>& records) {
    QList<QByteArray> record;
    QByteArray field;
    bool quoted = false, inQuotes = false, fieldStarted = false;
    for (qsizetype i = 0; i < data.size(); ++i) {
        const char c = data[i];
        if (inQuotes) {
            if (c == '"') {
                if (i + 1 < data.size() && data[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                field += c;
            }
            continue;
        }
        if (c == '"') {
            if (fieldStarted) return false;  // quote in the middle of an unquoted field
            quoted = inQuotes = fieldStarted = true;
        } else if (c == ',') {
            record << field;
            field.clear();
            quoted = fieldStarted = false;
        } else if (c == '\n') {
            record << field;
            records << record;
            record.clear();
            field.clear();
            quoted = fieldStarted = false;
        } else if (c == '\r') {
            return false;  // the generator writes LF only
        } else {
            if (quoted) return false;  // text after a closing quote
            field += c;
            fieldStarted = true;
        }
    }
    return !inQuotes && record.isEmpty() && field.isEmpty();
}

inline QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// A parsed CSV file: its header and rows, columns looked up by name.
struct CsvTable {
    QList<QByteArray> header;
    QList<QList<QByteArray>> rows;
    std::map<QByteArray, int> column;

    bool load(const QString& path) {
        QList<QList<QByteArray>> records;
        if (!parseCsv(readAll(path), records) || records.isEmpty()) return false;
        header = records.first();
        rows = records.mid(1);
        for (int i = 0; i < header.size(); ++i) column[header[i]] = i;
        return true;
    }
    // Column index of name, -1 when the file has no such column.
    int col(const QByteArray& name) const {
        const auto it = column.find(name);
        return it == column.end() ? -1 : it->second;
    }
};

}  // namespace quarry::test
