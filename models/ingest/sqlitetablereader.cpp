// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlitetablereader.h"

#include <QFileInfo>
#include <QStringList>

#include <sqlite3.h>

#include "inputfile.h"
#include "store/schema.h"

namespace quarry {

SqliteTableReader::SqliteTableReader(std::unique_ptr<TableMapping> mapping)
    : DatabaseTableReader(std::move(mapping), "sqlite") {}

SqliteTableReader::~SqliteTableReader() {
    rows_ = sql::Statement();
    if (db_) sqlite3_close(db_);
}

bool SqliteTableReader::sniff(const QByteArray& head) {
    return head.startsWith(QByteArray("SQLite format 3\0", 16));
}

QString SqliteTableReader::sourcePath() const {
    return QFileInfo(path_).absoluteFilePath();
}

std::string SqliteTableReader::sha256Hex() const {
    QString e;
    return sha256OfFile(path_, &e);
}

bool SqliteTableReader::openInput(const QString& path, QString* error) {
    path_ = path;
    size_ = QFileInfo(path).size();
    auto fail = [&](const QString& message) {
        if (error) *error = QStringLiteral("%1: %2").arg(path, message);
        return false;
    };
    // Read-only: the tool may still be writing to its database; Quarry never changes it.
    if (sqlite3_open_v2(path.toUtf8().constData(), &db_, SQLITE_OPEN_READONLY, nullptr) !=
        SQLITE_OK)
        return fail(QStringLiteral("cannot open the SQLite database: %1")
                        .arg(QString::fromUtf8(db_ ? sqlite3_errmsg(db_) : "out of memory")));
    sqlite3_busy_timeout(db_, 5000);
    if (sql::queryInt(db_, "PRAGMA application_id") == schema::kApplicationId)
        return fail(QStringLiteral("this is a Quarry case, not a log database"));
    sql::Statement t(db_, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?");
    const std::string table = tool_->tableName();
    t.bindText(1, table);
    if (!t.step()) {
        if (t.resultCode() != SQLITE_DONE)
            return fail(QStringLiteral("cannot read the database: %1").arg(t.error()));
        QStringList tables;
        sql::Statement all(db_,
                           "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
        while (all.step() && tables.size() < 20) tables << all.text(0);
        return fail(
            QStringLiteral("a SQLite database without a '%1' table (%2 has one); its tables: %3")
                .arg(
                    QLatin1String(tool_->tableName()), QLatin1String(tool_->tool()),
                    tables.isEmpty() ? QStringLiteral("none") : tables.join(QStringLiteral(", "))));
    }
    return true;
}

bool SqliteTableReader::readHeader(QString* error) {
    const std::string quoted = std::string("\"") + tool_->tableName() + "\"";
    rowsTotal_ = sql::queryInt(db_, "SELECT count(*) FROM " + quoted);
    rows_ = sql::Statement(db_, "SELECT * FROM " + quoted + " ORDER BY rowid");
    if (!rows_.valid()) {
        if (error)
            *error = QStringLiteral("%1: cannot read table '%2': %3")
                         .arg(path_, QLatin1String(tool_->tableName()), sql::lastError(db_));
        return false;
    }
    std::vector<std::string> names;
    const int n = sqlite3_column_count(rows_.handle());
    for (int c = 0; c < n; ++c) names.emplace_back(sqlite3_column_name(rows_.handle(), c));
    table_.cells.resize(names.size());
    return setColumns(names, path_, error);
}

bool SqliteTableReader::next(SourceRow& row) {
    row.clear();
    if (!rows_.step()) {
        if (rows_.resultCode() != SQLITE_DONE)
            error_ = QStringLiteral("%1: reading table '%2' failed: %3")
                         .arg(path_, QLatin1String(tool_->tableName()), rows_.error());
        return false;
    }
    for (size_t c = 0; c < table_.cells.size(); ++c)
        table_.cells[c] = rows_.textView(static_cast<int>(c));
    mapRow(row);
    return true;
}

}  // namespace quarry
