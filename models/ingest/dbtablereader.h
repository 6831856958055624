// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <string>

#include "tablemapping.h"

namespace quarry {

// A tool's table read in place from its database, row by row, through the same TableMapping
// as the tool's CSV and JSON exports. Subclasses fetch the cells (SQLite file, PostgreSQL
// server); this part maps them and keeps the counts the importer shows.
class DatabaseTableReader : public RecordReader {
public:
    explicit DatabaseTableReader(std::unique_ptr<TableMapping> mapping, const char* container);
    const char* formatName() const override { return name_.c_str(); }
    QString error() const override { return error_; }
    int64_t bytesRead() const override;
    QString missingNote(Field f) const override;
    QString columnNote(const QString& column) const override { return tool_->noteFor(column); }

protected:
    // Called once the result's column names are known: maps them, checks the table is the
    // tool's (fails otherwise).
    bool setColumns(const std::vector<std::string>& names, const QString& source, QString* error);
    // Maps the row in table_.cells (the row number is counted here).
    void mapRow(SourceRow& row);

    std::unique_ptr<TableMapping> tool_;
    TableRow table_;
    QString error_;
    int64_t rowsDone_ = 0;
    int64_t rowsTotal_ = 0;  // exact or estimated, for progress only

private:
    std::string name_;
    std::string raw_;
};

}  // namespace quarry
