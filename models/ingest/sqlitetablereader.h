// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

#include "dbtablereader.h"
#include "store/sqlite.h"

struct sqlite3;

namespace quarry {

// A tool's SQLite database file read in place, read-only (new-api and one-api keep their
// `logs` table in one-api.db by default).
class SqliteTableReader final : public DatabaseTableReader {
public:
    explicit SqliteTableReader(std::unique_ptr<TableMapping> mapping);
    ~SqliteTableReader() override;
    // The SQLite file header.
    static bool sniff(const QByteArray& head);
    bool next(SourceRow& row) override;
    QString sourcePath() const override;
    int64_t sourceBytes() const override { return size_; }
    std::string sha256Hex() const override;

protected:
    bool openInput(const QString& path, QString* error) override;
    bool readHeader(QString* error) override;

private:
    QString path_;
    int64_t size_ = 0;
    sqlite3* db_ = nullptr;
    sql::Statement rows_;
};

}  // namespace quarry
