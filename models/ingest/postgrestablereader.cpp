// SPDX-License-Identifier: GPL-3.0-or-later
#include "postgrestablereader.h"

#include <QUrl>
#include <QUrlQuery>

#include <libpq-fe.h>

#include <algorithm>
#include <cstdlib>

namespace quarry {
namespace {

constexpr int kFetchRows = 2000;

QString firstLine(const char* message) {
    return QString::fromUtf8(message).section(QLatin1Char('\n'), 0, 0).trimmed();
}

// "LiteLLM_SpendLogs" as a quoted identifier: Prisma keeps the table's mixed case.
std::string quotedIdentifier(const char* name) {
    std::string q = "\"";
    for (const char* p = name; *p; ++p) {
        if (*p == '"') q += '"';
        q += *p;
    }
    return q + "\"";
}

// A catalog query about one table, the table name bound as its only parameter.
PGresult* queryTable(PGconn* conn, const char* sql, const std::string& table) {
    const char* params[] = {table.c_str()};
    return PQexecParams(conn, sql, 1, nullptr, params, nullptr, nullptr, 0);
}

}  // namespace

PostgresTableReader::PostgresTableReader(std::unique_ptr<TableMapping> mapping)
    : DatabaseTableReader(std::move(mapping), "postgresql") {}

PostgresTableReader::~PostgresTableReader() {
    if (batch_) PQclear(batch_);
    if (conn_) PQfinish(conn_);
}

QString PostgresTableReader::redactedUrl(const QString& url) {
    QUrl u(url);
    if (!u.isValid()) return QStringLiteral("postgresql://(unparsable URL)");
    u.setPassword(QString());
    QUrlQuery q(u);
    if (q.hasQueryItem(QStringLiteral("password"))) {
        q.removeAllQueryItems(QStringLiteral("password"));
        u.setQuery(q);
    }
    return u.toString();
}

bool PostgresTableReader::command(const char* sql, QString* error) {
    PGresult* r = PQexec(conn_, sql);
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
    if (!ok && error)
        *error = QStringLiteral("%1: %2").arg(label_, firstLine(PQerrorMessage(conn_)));
    PQclear(r);
    return ok;
}

bool PostgresTableReader::openInput(const QString& path, QString* error) {
    url_ = redactedUrl(path);
    label_ = url_ + QStringLiteral("#") + QLatin1String(tool_->tableName());
    const QByteArray url = path.toUtf8();
    // Keywords before dbname are defaults the URL may override.
    const char* keys[] = {"connect_timeout", "application_name", "dbname", nullptr};
    const char* values[] = {"10", "quarry", url.constData(), nullptr};
    conn_ = PQconnectdbParams(keys, values, 1);
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
        if (error)
            *error = QStringLiteral("%1: cannot connect: %2")
                         .arg(url_, conn_ ? firstLine(PQerrorMessage(conn_))
                                          : QStringLiteral("out of memory"));
        return false;
    }
    return true;
}

bool PostgresTableReader::readHeader(QString* error) {
    const std::string table = quotedIdentifier(tool_->tableName());
    {
        // The table's size and row estimate, for progress; a missing table is named here.
        PGresult* r = queryTable(conn_,
                                 "SELECT c.reltuples::bigint, pg_table_size(c.oid) FROM pg_class c "
                                 "WHERE c.oid = to_regclass($1)",
                                 table);
        const bool found = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1;
        if (found) {
            rowsTotal_ = std::atoll(PQgetvalue(r, 0, 0));
            tableBytes_ = std::atoll(PQgetvalue(r, 0, 1));
        }
        PQclear(r);
        if (!found) {
            if (error)
                *error =
                    QStringLiteral("%1: the database has no table %2 (the %3 table)")
                        .arg(url_, QString::fromStdString(table), QLatin1String(tool_->tool()));
            return false;
        }
    }
    // One snapshot for the whole read; UTC and ISO dates whatever the server's settings.
    if (!command("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", error) ||
        !command("SET LOCAL TimeZone = 'UTC'", error) ||
        !command("SET LOCAL DateStyle = 'ISO, YMD'", error))
        return false;
    // Ordered by startTime when the table has it (LiteLLM indexes it), else by the table order.
    std::string order;
    {
        PGresult* r =
            queryTable(conn_,
                       "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass($1) "
                       "AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
                       table);
        std::vector<std::string> names;
        for (int i = 0; PQresultStatus(r) == PGRES_TUPLES_OK && i < PQntuples(r); ++i)
            names.emplace_back(PQgetvalue(r, i, 0));
        PQclear(r);
        const std::vector<int> keys = tool_->orderColumns();
        for (int k : keys) {
            const char* name = tool_->columns()[k].name;
            if (std::find(names.begin(), names.end(), name) == names.end()) continue;
            order += order.empty() ? " ORDER BY " : ", ";
            order += quotedIdentifier(name);
        }
    }
    const std::string declare =
        "DECLARE quarry_rows NO SCROLL CURSOR FOR SELECT * FROM " + table + order;
    if (!command(declare.c_str(), error)) return false;
    if (!fetch()) {
        if (error) *error = error_;
        return false;
    }
    std::vector<std::string> names;
    for (int c = 0; c < PQnfields(batch_); ++c) names.emplace_back(PQfname(batch_, c));
    table_.cells.resize(names.size());
    return setColumns(names, label_, error);
}

bool PostgresTableReader::fetch() {
    if (batch_) PQclear(batch_);
    batch_ = PQexec(conn_,
                    ("FETCH FORWARD " + std::to_string(kFetchRows) + " FROM quarry_rows").c_str());
    if (PQresultStatus(batch_) != PGRES_TUPLES_OK) {
        error_ = QStringLiteral("%1: reading rows failed: %2")
                     .arg(label_, firstLine(PQerrorMessage(conn_)));
        done_ = true;
        return false;
    }
    batchRow_ = 0;
    batchRows_ = PQntuples(batch_);
    return true;
}

bool PostgresTableReader::next(SourceRow& row) {
    row.clear();
    if (done_) return false;
    if (batchRow_ >= batchRows_) {
        if (batchRows_ < kFetchRows && batch_) {
            done_ = true;
            command("COMMIT", nullptr);
            return false;
        }
        if (!fetch()) return false;
        if (batchRows_ == 0) {
            done_ = true;
            command("COMMIT", nullptr);
            return false;
        }
    }
    for (size_t c = 0; c < table_.cells.size(); ++c) {
        const int col = static_cast<int>(c);
        const bool null = PQgetisnull(batch_, batchRow_, col);
        table_.cells[c] =
            null ? std::string_view()
                 : std::string_view(PQgetvalue(batch_, batchRow_, col),
                                    static_cast<size_t>(PQgetlength(batch_, batchRow_, col)));
        // The digest tells NULL from empty, and each cell from the next.
        digest_.addData(null ? QByteArrayView("\x01", 1) : QByteArrayView("\x02", 1));
        digest_.addData(
            QByteArrayView(table_.cells[c].data(), static_cast<qsizetype>(table_.cells[c].size())));
        digest_.addData(QByteArrayView("\x1f", 1));
    }
    digest_.addData(QByteArrayView("\x1e", 1));
    ++batchRow_;
    mapRow(row);
    return true;
}

std::string PostgresTableReader::sha256Hex() const {
    return digest_.result().toHex().toStdString();
}

}  // namespace quarry
