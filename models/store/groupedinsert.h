// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include "store/sqlite.h"

namespace quarry::sql {

// A bulk INSERT that binds many rows per statement. One statement per row spends much of a
// bulk write in sqlite3_step/reset and in starting the VDBE program; a multi-row VALUES list
// pays that once per group. Used by the import writer (requests, request_text) and by the
// analysis (request topics, links). kRowsPerInsert x parameters per row stays far below
// SQLITE_MAX_VARIABLE_NUMBER (32,766 since SQLite 3.32).
class GroupedInsert {
public:
    static constexpr int kRowsPerInsert = 64;

    GroupedInsert() = default;
    // target: "t(a, b, c)"; params: parameters per row (the column count).
    // OR FAIL: a statement that inserts many rows and may abort needs a statement journal, a
    // copy of every page it touches (in a temporary file), so that an abort can undo its own
    // rows. With indexes in random order that doubled the time of writing the analysis' links.
    // Every caller rolls the whole transaction back on any error, so keeping a failed
    // statement's earlier rows until then changes nothing.
    GroupedInsert(sqlite3* db, const std::string& target, int params)
        : params_(params),
          one_(db, "INSERT OR FAIL INTO " + target + " VALUES" + valuesList(params, 1)),
          group_(db, "INSERT OR FAIL INTO " + target + " VALUES" +
                         valuesList(params, kRowsPerInsert)) {}

    bool valid() const { return one_.valid() && group_.valid(); }

    // Inserts `count` rows in order: full groups through the grouped statement, the rest one by
    // one. bind(statement, first parameter of the row, row index) binds one row. Returns the
    // statement that failed (its error() says why), or nullptr.
    template <class Bind>
    Statement* insert(size_t count, Bind bind) {
        for (size_t i = 0; i < count;) {
            const bool group = count - i >= static_cast<size_t>(kRowsPerInsert);
            Statement& s = group ? group_ : one_;
            const size_t rows = group ? static_cast<size_t>(kRowsPerInsert) : 1;
            for (size_t k = 0; k < rows; ++k, ++i) bind(s, 1 + static_cast<int>(k) * params_, i);
            if (!s.run()) return &s;
        }
        return nullptr;
    }

private:
    static std::string valuesList(int params, int rows) {
        std::string one = "(?";
        for (int i = 1; i < params; ++i) one += ",?";
        one += ")";
        std::string all = one;
        for (int r = 1; r < rows; ++r) all += "," + one;
        return all;
    }
    int params_ = 0;
    Statement one_, group_;
};

}  // namespace quarry::sql
