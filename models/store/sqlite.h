// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Thin RAII over the sqlite3 C API. The import path needs prepared statements with bind/step/
// reset and nothing in between; the rest of the store uses the same helpers so there is one
// way to talk to a case file.

#include <QString>

#include <cstdint>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace quarry::sql {

class Statement {
public:
    Statement() = default;
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;

    bool valid() const { return stmt_ != nullptr; }
    // Binding indexes are 1-based, as in SQLite.
    void bindNull(int i);
    void bind(int i, int64_t v);
    void bindText(int i, std::string_view text);  // SQLITE_STATIC: the view must outlive step()
    void bindTextCopy(int i, std::string_view text);
    void bindReal(int i, double v);
    void bindOptional(int i, bool present, int64_t v) {
        if (present) bind(i, v); else bindNull(i);
    }
    // Returns true while a row is available; false when done. Errors set error().
    bool step();
    // step() for statements that return no rows; false on error.
    bool run();
    void reset();

    bool isNull(int col) const;
    int64_t int64(int col) const;
    double real(int col) const;
    QString text(int col) const;
    std::string_view textView(int col) const;

    int resultCode() const { return rc_; }
    sqlite3_stmt* handle() const { return stmt_; }
    QString error() const;

private:
    sqlite3* db_ = nullptr;
    sqlite3_stmt* stmt_ = nullptr;
    int rc_ = 0;
};

// Executes one or more statements; on failure fills *error (when given) and returns false.
bool exec(sqlite3* db, std::string_view sql, QString* error = nullptr);
// First column of the first row as an integer, or fallback when there is no row.
int64_t queryInt(sqlite3* db, std::string_view sql, int64_t fallback = 0);
QString lastError(sqlite3* db);
// SQLITE_BUSY/SQLITE_LOCKED, in any extended form.
bool isBusy(int rc);
bool isCorrupt(int rc);

}  // namespace quarry::sql
