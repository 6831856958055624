// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlite.h"

#include <sqlite3.h>

namespace quarry::sql {

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
    rc_ = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
    if (rc_ != SQLITE_OK) stmt_ = nullptr;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(other.stmt_), rc_(other.rc_) {
    other.stmt_ = nullptr;
}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(stmt_);
        db_ = other.db_;
        stmt_ = other.stmt_;
        rc_ = other.rc_;
        other.stmt_ = nullptr;
    }
    return *this;
}

void Statement::bindNull(int i) { sqlite3_bind_null(stmt_, i); }
void Statement::bind(int i, int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
void Statement::bindText(int i, std::string_view text) {
    sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
}
void Statement::bindTextCopy(int i, std::string_view text) {
    sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

void Statement::bindReal(int i, double v) { sqlite3_bind_double(stmt_, i, v); }

bool Statement::step() {
    if (!stmt_) return false;
    rc_ = sqlite3_step(stmt_);
    return rc_ == SQLITE_ROW;
}

bool Statement::run() {
    if (!stmt_) return false;
    rc_ = sqlite3_step(stmt_);
    const bool ok = rc_ == SQLITE_DONE || rc_ == SQLITE_ROW;
    if (ok) rc_ = SQLITE_OK;
    sqlite3_reset(stmt_);
    return ok;
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

bool Statement::isNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
int64_t Statement::int64(int col) const { return sqlite3_column_int64(stmt_, col); }
double Statement::real(int col) const { return sqlite3_column_double(stmt_, col); }
QString Statement::text(int col) const {
    auto v = textView(col);
    return QString::fromUtf8(v.data(), static_cast<qsizetype>(v.size()));
}
std::string_view Statement::textView(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    if (!p) return {};
    return {p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col))};
}

QString Statement::error() const {
    if (!db_) return QStringLiteral("no database");
    return lastError(db_);
}

bool exec(sqlite3* db, std::string_view sql, QString* error) {
    const std::string copy(sql);
    char* msg = nullptr;
    const int rc = sqlite3_exec(db, copy.c_str(), nullptr, nullptr, &msg);
    if (rc != SQLITE_OK) {
        if (error) *error = QString::fromUtf8(msg ? msg : sqlite3_errstr(rc));
        sqlite3_free(msg);
        return false;
    }
    return true;
}

int64_t queryInt(sqlite3* db, std::string_view sql, int64_t fallback) {
    Statement s(db, sql);
    if (s.step() && !s.isNull(0)) return s.int64(0);
    return fallback;
}

QString lastError(sqlite3* db) { return QString::fromUtf8(sqlite3_errmsg(db)); }

bool isBusy(int rc) {
    return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
}
bool isCorrupt(int rc) { return (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB; }

}  // namespace quarry::sql
