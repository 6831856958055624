// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/fields.h"
#include "fieldcoverage.h"
#include "inputfile.h"

namespace quarry {

struct FileHead;

// Why a row went to quarantine. The kind groups rows in summaries; the message says exactly
// what was wrong with this row.
enum class RejectKind {
    None,
    ColumnCount,
    MalformedCsv,
    MalformedJson,
    MalformedLogLine,
    InvalidUtf8,
    RecordTooLarge,
    FieldTooLarge,
    MissingAccount,
    BadTimestamp,
    BadTime,
    NotANumber,
    NumberOutOfRange,
    NulByte,
};
const char* rejectKindName(RejectKind k);

// One record as a reader found it: the source's values for the canonical fields, as views that
// stay valid until the reader's next call.
struct SourceRow {
    int64_t line = 0;       // 1-based physical line where the record starts
    std::string_view raw;   // the record's bytes (cut short for records over the size cap)
    std::array<std::string_view, kFieldCount> value{};
    uint32_t present = 0;   // bit index(Field) set when the source has a non-empty value
    RejectKind reject = RejectKind::None;
    std::string rejectMessage;
    bool skip = false; std::string skipReason; // not a request (top-up row, non-LLM span): counted, not stored

    bool has(Field f) const { return present & (1u << index(f)); }
    void set(Field f, std::string_view v) {
        value[index(f)] = v;
        present |= 1u << index(f);
    }
    void clear() {
        present = 0;
        reject = RejectKind::None;
        rejectMessage.clear();
        skip = false;
        skipReason.clear();
    }
};

// Explicit "--map SRC=FIELD" overrides; everything else maps by canonical name and alias.
class ColumnMapping {
public:
    // Parses "SRC=FIELD" (FIELD a canonical name, or "-" to ignore the source column).
    bool add(const QString& spec, QString* error);
    void add(const QString& source, int fieldOrMinusOne) { overrides_.emplace_back(source, fieldOrMinusOne); }
    // The field for a source column/key: -1 for ignored or unknown.
    int fieldFor(std::string_view sourceName) const;
    bool isOverridden(std::string_view sourceName) const;
    const std::vector<std::pair<QString, int>>& overrides() const { return overrides_; }

private:
    std::vector<std::pair<QString, int>> overrides_;
};

// Reader of one source format (Tiled's FileFormat, PlotJuggler's DataLoader): small, streaming,
// and tested on its own. Structural problems of one record come back as a rejected SourceRow
// so the importer can quarantine it and go on; only I/O failures end the stream.
class RecordReader {
public:
    struct Limits {
        size_t maxFieldBytes = 1 << 20;   // a longer value quarantines its row
        size_t maxRecordBytes = 8 << 20;  // a longer record is skipped without being buffered
    };

    virtual ~RecordReader() = default;
    // The name --format takes, and one line for `import --help`.
    virtual const char* formatName() const = 0;
    virtual const char* description() const { return ""; }
    // How sure this reader is that it can read a file that starts like `head` (Tiled's
    // supportsFile as a score, so `--format auto` can prefer a tool's own shape over generic
    // JSON Lines): 0 never, 10 a fallback, 50 the generic shape, 90+ the tool's own keys. The
    // default never claims a file: such a reader is used when --format names it.
    virtual int confidence(const FileHead& head) const {
        (void)head;
        return 0;
    }

    // Opens the file and reads what the format needs up front (the CSV header). Fails for a file
    // this format cannot take at all, e.g. a CSV without the required columns.
    bool open(const QString& path, const ColumnMapping& mapping, const Limits& limits,
              QString* error);
    // The next record; false at the end of the input or on a read error (see error()).
    virtual bool next(SourceRow& row) = 0;
    virtual QString error() const { return input().failed() ? input().error() : QString(); }

    // What the importer records and shows for the source. A file reader streams through
    // input(); a database reader (a SQLite file, a PostgreSQL server) overrides these.
    virtual QString sourcePath() const;  // absolute path, or the URL without its password
    virtual int64_t sourceBytes() const { return input().size(); }
    virtual int64_t bytesRead() const { return input().bytesConsumed(); }
    // SHA-256 of the source once every record was read.
    virtual std::string sha256Hex() const { return input().sha256Hex(); }
    // False for a database server: there is no file to hash up front, so a second import of
    // the same rows is recognised by the digest of the rows once they are read.
    virtual bool isFile() const { return true; }
    // Why no record carried field f (inspect and import say what that costs). A reader of one
    // tool knows what the tool stores; the default says which column was empty or absent.
    virtual QString missingNote(Field f) const;
    // A note on how one source column is used ("else end_user, team_id, api_key"), for inspect.
    virtual QString columnNote(const QString& column) const {
        (void)column;
        return QString();
    }

    // The file being read: its size, the bytes consumed so far and their SHA-256. A reader that
    // reads through another reader hands out that reader's input.
    virtual InputFile& input() { return input_; }
    const InputFile& input() const { return const_cast<RecordReader*>(this)->input(); }
    // How source columns were mapped, for the sources table and the summary:
    // "src->field" pairs and the source columns that were not used.
    QStringList mappingDescription() const { return mapped_; }
    QStringList ignoredColumns() const { return ignored_; }
    // The same, per source column in order of first appearance: the field or -1 (ignored).
    const std::vector<std::pair<QString, int>>& columnFields() const { return columnFields_; }

    // Preview mode, for the import wizard (see filepreview.h): open() accepts a file whose
    // required columns are not mapped yet (the analyst is about to map them), and every record's
    // source columns and values are kept, since the SourceRow only holds mapped fields.
    void setPreview(bool on) { preview_ = on; }
    using SourceValues = std::vector<std::pair<std::string, std::string>>;
    const SourceValues& sourceValues() const { return sourceValues_; }
    void clearSourceValues() { sourceValues_.clear(); }

protected:
    // Opens the source; database readers open their connection here instead of input_.
    virtual bool openInput(const QString& path, QString* error) { return input_.open(path, error); }
    virtual bool readHeader(QString* error) = 0;
    void noteMapped(const QString& source, int field);
    void noteIgnored(const QString& source);
    // noteMapped / noteIgnored for each (column, field or -1).
    void noteColumns(const std::vector<std::pair<QString, int>>& columns) {
        for (const auto& [column, field] : columns)
            field >= 0 ? noteMapped(column, field) : noteIgnored(column);
    }
    void noteSourceValue(std::string_view column, std::string_view value) {
        if (preview_) sourceValues_.emplace_back(column, value);
    }

    InputFile input_;
    ColumnMapping mapping_;
    Limits limits_;
    bool preview_ = false;

private:
    QStringList mapped_;
    QStringList ignored_;
    std::vector<std::pair<QString, int>> columnFields_;
    SourceValues sourceValues_;
};

// The reader --format names ("csv", "jsonl", "combined", a tool's name), or for "auto" the
// registered reader most confident about the file's first bytes (formatregistry.h).
std::unique_ptr<RecordReader> createReader(const QString& format, const QString& path,
                                           QString* error);

}  // namespace quarry
