// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Reading a whole file through one RecordReader and copying every record out, shared by the
// reader suites (a SourceRow's views die on the reader's next call).
#include <QByteArray>
#include <QList>
#include <QMap>
#include <QStringList>
#include <QTemporaryDir>

#include <functional>

#include "ingest/recordreader.h"
#include "testutil.h"

namespace quarry::test {

inline QByteArray kindName(RejectKind k) { return QByteArray(rejectKindName(k)); }

inline QByteArray bytes(std::string_view v) {
    return QByteArray(v.data(), static_cast<qsizetype>(v.size()));
}

struct Rec {
    qint64 line = 0;
    QByteArray kind = kindName(RejectKind::None);
    QByteArray message;
    QByteArray raw;
    QMap<int, QByteArray> values;
    bool skip = false;  // not a request: counted, not stored
    QByteArray skipReason;

    bool has(Field f) const { return values.contains(index(f)); }
    QByteArray value(Field f) const { return values.value(index(f)); }
    bool ok() const { return kind == kindName(RejectKind::None); }
};

inline Rec copy(const SourceRow& row) {
    Rec r;
    r.line = row.line;
    r.kind = kindName(row.reject);
    r.message = QByteArray::fromStdString(row.rejectMessage);
    r.raw = bytes(row.raw);
    r.skip = row.skip;
    r.skipReason = QByteArray::fromStdString(row.skipReason);
    for (int f = 0; f < kFieldCount; ++f)
        if (row.has(static_cast<Field>(f))) r.values.insert(f, bytes(row.value[f]));
    return r;
}

struct Result {
    bool opened = false;
    QString error;
    QStringList header, mapped, ignored;
    QList<Rec> rows;
    QByteArray sha256;  // from the reader's InputFile after the last record
};

// Writes content to a file named fileName, opens it with a Reader and reads every record.
template <typename Reader>
Result readAll(const QByteArray& content, const QString& fileName, const QStringList& maps,
               const RecordReader::Limits& limits,
               const std::function<void(Reader&, Result&)>& afterOpen = {}) {
    Result res;
    QTemporaryDir dir;
    if (!dir.isValid()) {
        res.error = QStringLiteral("no temporary directory");
        return res;
    }
    const QString path = dir.filePath(fileName);
    if (!writeFile(path, content)) {
        res.error = QStringLiteral("cannot write ") + path;
        return res;
    }
    ColumnMapping mapping;
    for (const QString& m : maps)
        if (!mapping.add(m, &res.error)) return res;
    Reader reader;
    res.opened = reader.open(path, mapping, limits, &res.error);
    if (!res.opened) return res;
    if (afterOpen) afterOpen(reader, res);
    SourceRow row;
    while (reader.next(row)) res.rows << copy(row);
    if (!reader.error().isEmpty()) res.error = reader.error();
    res.mapped = reader.mappingDescription();
    res.ignored = reader.ignoredColumns();
    res.sha256 = QByteArray::fromStdString(reader.input().sha256Hex());
    return res;
}

}  // namespace quarry::test
