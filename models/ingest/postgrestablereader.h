// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCryptographicHash>

#include "dbtablereader.h"

struct pg_conn;
struct pg_result;

namespace quarry {

// A tool's table on a PostgreSQL server (LiteLLM's store), named by a libpq URL
// ("postgresql://USER@HOST:PORT/DB"). Reads in one read-only snapshot through a server-side
// cursor, a few thousand rows at a time, so memory stays flat whatever the table's size.
// Rows come in startTime order, so the same rows always give the same SHA-256: a second
// import of unchanged rows is refused like a second import of the same file.
class PostgresTableReader final : public DatabaseTableReader {
public:
    explicit PostgresTableReader(std::unique_ptr<TableMapping> mapping);
    ~PostgresTableReader() override;
    bool next(SourceRow& row) override;
    QString sourcePath() const override { return label_; }
    int64_t sourceBytes() const override { return tableBytes_; }
    std::string sha256Hex() const override;
    bool isFile() const override { return false; }

    // The URL without its password (also a "password=" query parameter).
    static QString redactedUrl(const QString& url);

protected:
    bool openInput(const QString& path, QString* error) override;
    bool readHeader(QString* error) override;

private:
    bool fetch();
    bool command(const char* sql, QString* error);

    QString url_;    // without the password
    QString label_;  // url_#table: what the sources table records
    pg_conn* conn_ = nullptr;
    pg_result* batch_ = nullptr;
    int batchRow_ = 0, batchRows_ = 0;
    bool done_ = false;
    int64_t tableBytes_ = 0;
    mutable QCryptographicHash digest_{QCryptographicHash::Sha256};
};

}  // namespace quarry
