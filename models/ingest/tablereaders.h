// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

#include <memory>
#include <string>
#include <unordered_map>

#include "csvreader.h"
#include "tablemapping.h"

namespace quarry {

// A tool's table exported as CSV with a header (PostgreSQL `COPY ... TO ... CSV HEADER`,
// `sqlite3 -csv -header`, a database browser's export): the CSV reader's parsing, the tool's
// mapping.
class TableCsvReader final : public CsvReader {
public:
    explicit TableCsvReader(std::unique_ptr<TableMapping> mapping);
    const char* formatName() const override { return name_.c_str(); }
    QString missingNote(Field f) const override;
    QString columnNote(const QString& column) const override { return tool_->noteFor(column); }

protected:
    bool mapHeader(QString* error) override;
    void mapFields(const std::vector<std::string_view>& fields, SourceRow& row) override;

private:
    std::unique_ptr<TableMapping> tool_;
    std::string name_;
    TableRow table_;
};

// A tool's table exported as JSON: a top-level array of row objects (pretty-printed or not,
// streamed element by element), one object per line, or pages of an API ({"data": [rows]}).
// Nested objects and arrays (jsonb columns) reach the mapping as their JSON text, as they do
// from a CSV export.
class TableJsonReader final : public RecordReader {
public:
    explicit TableJsonReader(std::unique_ptr<TableMapping> mapping);
    ~TableJsonReader() override;
    const char* formatName() const override { return name_.c_str(); }
    bool next(SourceRow& row) override;
    QString missingNote(Field f) const override;
    QString columnNote(const QString& column) const override { return tool_->noteFor(column); }

protected:
    bool readHeader(QString* error) override;

private:
    struct Impl;
    enum class Scan { Found, TooLarge, NotObject, Eof };
    Scan scanValue(size_t& length);
    bool rowFromObject(const void* object, SourceRow& row);
    int columnFor(std::string_view key);

    std::unique_ptr<TableMapping> tool_;
    std::unique_ptr<Impl> d;
    std::string name_;
    TableRow table_;
    std::vector<std::string> keys_;
    std::unordered_map<std::string, int> keyIndex_;
    std::vector<std::string> cellText_;  // cells that are not plain strings, per column
    std::string raw_;
    bool inArray_ = false, arrayDone_ = false;
    int64_t line_ = 1;
};

// Column names of a CSV header line or of the first JSON objects in head, for sniffing.
std::vector<std::string> sniffColumnNames(const QByteArray& head);

// The reader for a tool's table when `format` names a tool ("litellm", "newapi") or is "auto"
// and the source looks like one: a PostgreSQL URL, a SQLite file with the tool's table, or a
// CSV/JSON export whose columns are the tool's. Null with no error when the source is no
// tool's table (the generic readers take it); null with an error when it cannot be read.
std::unique_ptr<RecordReader> createTableReader(const QString& format, const QString& path,
                                                const QByteArray& head, QString* error);

// "postgresql://..." or "postgres://...".
bool isDatabaseUrl(const QString& path);

}  // namespace quarry
