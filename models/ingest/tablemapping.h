// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "recordreader.h"

namespace quarry {

// One row of a table-shaped log: the cell text of every column in the source's column order
// (a CSV export's header, a database table's columns, the keys of JSON objects). JSON and
// jsonb cells hold their JSON text. A NULL or empty cell is an empty view.
struct TableRow {
    int64_t line = 0;      // line or row number for quarantine
    std::string_view raw;  // the record as read, for quarantine
    std::vector<std::string_view> cells;

    std::string_view cell(int column) const {
        return column >= 0 && static_cast<size_t>(column) < cells.size() ? cells[column]
                                                                         : std::string_view();
    }
};

// One tool's table mapped to canonical fields. The same mapping serves every container the
// table comes in — a CSV export, a JSON export, the database itself — so a row maps the same
// whichever way the analyst got it (readers in tablereaders.h, sqlitetablereader.h,
// postgrestablereader.h).
class TableMapping {
public:
    // How one source column is used: the canonical field it feeds (-1: read but not mapped)
    // and a note for inspect ("else end_user, team_id, api_key").
    struct Column {
        const char* name;
        int field;
        const char* note;
    };

    virtual ~TableMapping() = default;
    virtual const char* tool() const = 0;       // "litellm"
    virtual const char* tableName() const = 0;  // "LiteLLM_SpendLogs", as in the tool's schema
    // Every column the tool's table has had, in the tool's order.
    virtual const std::vector<Column>& columns() const = 0;
    // True when column names look like this tool's table (for --format auto).
    virtual bool matches(const std::vector<std::string>& names) const = 0;
    // Why the tool leaves field f empty, for inspect and import warnings.
    virtual QString missingNote(Field f) const = 0;
    // Columns a database read orders by (indexed by the tool), so the same rows always come
    // in the same order.
    virtual std::vector<int> orderColumns() const { return {}; }

    // The source's column names in order. A JSON source calls it again when new keys appear.
    void setColumns(const std::vector<std::string>& names);
    const std::vector<std::string>& sourceColumns() const { return names_; }
    // A column the tool always writes is absent: the source is not this tool's table.
    bool checkColumns(const QString& source, QString* error) const;
    // Maps one row into out (which the caller cleared). A non-request row comes back with
    // out.skip set; the views stay valid until the next call.
    virtual void map(const TableRow& row, SourceRow& out) = 0;
    // missingNote(f), else which of the tool's columns are empty or absent.
    QString missingNoteOrColumns(Field f) const;
    // A tool's table maps by the tool's schema; --map overrides are for generic CSV and JSONL.
    bool acceptsOverrides(const ColumnMapping& overrides, const QString& source,
                          QString* error) const;
    // The note for a source column, empty for a column the tool does not have.
    QString noteFor(const QString& column) const;
    // Per source column from index `from` on: the field it feeds, or -1. The readers record
    // this as their mapping description (RecordReader::columnFields()).
    std::vector<std::pair<QString, int>> sourceColumnFields(size_t from = 0) const;

protected:
    // Index in the source of the tool's column `c` (an index into columns()), or -1.
    int at(int c) const { return static_cast<size_t>(c) < index_.size() ? index_[c] : -1; }
    std::string_view cell(const TableRow& row, int c) const { return row.cell(at(c)); }
    // Columns the tool has always written; checkColumns() requires them.
    virtual std::vector<int> requiredColumns() const = 0;
    // Text a mapping computes (a latency from two times, the user's text of a request body)
    // lives here until the next row, one slot per field so the views stay valid.
    std::string_view keep(Field f, std::string text) {
        owned_[index(f)] = std::move(text);
        return owned_[index(f)];
    }

private:
    std::vector<std::string> names_;
    std::vector<int> index_;  // per tool column: source index or -1
    std::array<std::string, kFieldCount> owned_;
};

// The mapping for a tool named by --format ("litellm", "newapi"), or null.
std::unique_ptr<TableMapping> createTableMapping(const QString& tool);
// The mapping whose table has these column names, or null.
std::unique_ptr<TableMapping> detectTableMapping(const std::vector<std::string>& names);

}  // namespace quarry
