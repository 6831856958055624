// SPDX-License-Identifier: GPL-3.0-or-later
#include "tablereaders.h"

#include <QFile>

#include <simdjson.h>

#include <charconv>
#include <cstring>

#include "jsontext.h"
#include "postgrestablereader.h"
#include "sqlitetablereader.h"

namespace quarry {
namespace {

constexpr size_t kRawKeep = 4096;

std::string containerName(const TableMapping& m, const char* container) {
    return std::string(m.tool()) + "-" + container;
}

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

}  // namespace

bool isDatabaseUrl(const QString& path) {
    return path.startsWith(QLatin1String("postgresql://")) ||
           path.startsWith(QLatin1String("postgres://"));
}

// ---- CSV ------------------------------------------------------------------------------------

TableCsvReader::TableCsvReader(std::unique_ptr<TableMapping> mapping)
    : tool_(std::move(mapping)), name_(containerName(*tool_, "csv")) {}

QString TableCsvReader::missingNote(Field f) const {
    return tool_->missingNoteOrColumns(f);
}

bool TableCsvReader::mapHeader(QString* error) {
    std::vector<std::string> names;
    for (const QString& h : header()) names.push_back(h.toStdString());
    if (!tool_->acceptsOverrides(mapping_, input_.path(), error)) return false;
    tool_->setColumns(names);
    noteColumns(tool_->sourceColumnFields());
    return preview_ || tool_->checkColumns(input_.path(), error);
}

void TableCsvReader::mapFields(const std::vector<std::string_view>& fields, SourceRow& row) {
    table_.line = row.line;
    table_.raw = row.raw;
    table_.cells = fields;
    tool_->map(table_, row);
}

// ---- JSON -----------------------------------------------------------------------------------

struct TableJsonReader::Impl {
    simdjson::dom::parser parser;
    // Rows of an API page ({"data": [...]}) still to hand out; they live in the parser.
    simdjson::dom::array pending;
    size_t pendingNext = 0, pendingSize = 0;
    int64_t pendingLine = 0;
};

TableJsonReader::TableJsonReader(std::unique_ptr<TableMapping> mapping)
    : tool_(std::move(mapping)),
      d(std::make_unique<Impl>()),
      name_(containerName(*tool_, "json")) {}

TableJsonReader::~TableJsonReader() = default;

QString TableJsonReader::missingNote(Field f) const {
    return tool_->missingNoteOrColumns(f);
}

bool TableJsonReader::readHeader(QString* error) {
    if (!tool_->acceptsOverrides(mapping_, input_.path(), error)) return false;
    input_.fill();
    if (input_.failed()) {
        if (error) *error = input_.error();
        return false;
    }
    if (input_.available() >= 3 && std::memcmp(input_.begin(), "\xEF\xBB\xBF", 3) == 0)
        input_.consume(3);
    // A top-level array is read element by element; anything else is a stream of objects.
    for (;;) {
        while (input_.available() > 0 && isSpace(*input_.begin())) {
            if (*input_.begin() == '\n') ++line_;
            input_.consume(1);
        }
        if (input_.available() > 0 || !input_.fill()) break;
    }
    if (input_.available() > 0 && *input_.begin() == '[') {
        inArray_ = true;
        input_.consume(1);
    }
    return true;
}

int TableJsonReader::columnFor(std::string_view key) {
    auto it = keyIndex_.find(std::string(key));
    if (it != keyIndex_.end()) return it->second;
    const int column = static_cast<int>(keys_.size());
    keys_.emplace_back(key);
    keyIndex_.emplace(keys_.back(), column);
    cellText_.emplace_back();
    return column;
}

// Finds the end of the value at the window's start: a balanced object or array (strings
// respected), or a scalar up to the next separator. A value over the size cap is consumed
// without being buffered; its first bytes stay in raw_.
TableJsonReader::Scan TableJsonReader::scanValue(size_t& length) {
    const bool object =
        input_.available() > 0 && (*input_.begin() == '{' || *input_.begin() == '[');
    size_t i = 0, skipped = 0;
    int depth = 0;
    bool inString = false, escaped = false;
    int64_t newlines = 0;
    for (;;) {
        const char* b = input_.begin();
        const size_t n = input_.available();
        for (; i < n; ++i) {
            const char c = b[i];
            if (c == '\n') ++newlines;
            if (inString) {
                if (escaped)
                    escaped = false;
                else if (c == '\\')
                    escaped = true;
                else if (c == '"')
                    inString = false;
                continue;
            }
            if (!object) {
                if (c == ',' || c == ']' || c == '}' || isSpace(c)) {
                    length = i;
                    line_ += newlines;
                    return Scan::NotObject;
                }
                if (c == '"') inString = true;
                continue;
            }
            if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                length = i + 1;
                const int64_t start = line_;
                line_ += newlines;
                table_.line = start;
                // The cap holds wherever the value falls, also whole in one window.
                if (skipped == 0 && length > limits_.maxRecordBytes) {
                    raw_.assign(b, std::min(length, kRawKeep));
                    skipped = length;
                }
                if (skipped > 0) {
                    input_.consume(length);
                    length = 0;
                    return Scan::TooLarge;
                }
                return Scan::Found;
            }
        }
        if (skipped + i > limits_.maxRecordBytes) {
            if (skipped == 0) raw_.assign(b, std::min(n, kRawKeep));
            skipped += i;
            input_.consume(i);
            i = 0;
        }
        if (!input_.fill()) {
            length = input_.available();
            line_ += newlines;
            if (skipped > 0) {
                input_.consume(length);
                length = 0;
                return Scan::TooLarge;
            }
            return length == 0 ? Scan::Eof : Scan::Found;  // an unclosed value fails to parse
        }
    }
}

bool TableJsonReader::rowFromObject(const void* objectPtr, SourceRow& row) {
    const auto& object = *static_cast<const simdjson::dom::object*>(objectPtr);
    const size_t known = keys_.size();
    std::vector<std::pair<int, simdjson::dom::element>> values;
    for (auto [key, value] : object) values.emplace_back(columnFor(key), value);
    if (keys_.size() != known) {
        tool_->setColumns(keys_);
        noteColumns(tool_->sourceColumnFields(known));
    }
    table_.cells.assign(keys_.size(), std::string_view());
    for (auto& [column, v] : values) {
        std::string& text = cellText_[column];
        switch (v.type()) {
            case simdjson::dom::element_type::STRING:
                table_.cells[column] = v.get_string().value_unsafe();
                continue;
            case simdjson::dom::element_type::NULL_VALUE:
                continue;
            case simdjson::dom::element_type::BOOL:
                table_.cells[column] = v.get_bool().value_unsafe() ? "true" : "false";
                continue;
            case simdjson::dom::element_type::INT64:
            case simdjson::dom::element_type::UINT64:
            case simdjson::dom::element_type::DOUBLE:
            case simdjson::dom::element_type::ARRAY:
            case simdjson::dom::element_type::OBJECT:
                text = json::minified(v);
                break;
        }
        table_.cells[column] = text;
    }
    if (preview_)
        for (const auto& [column, v] : values) noteSourceValue(keys_[column], table_.cells[column]);
    tool_->map(table_, row);
    return true;
}

bool TableJsonReader::next(SourceRow& row) {
    for (;;) {
        row.clear();
        if (d->pendingNext < d->pendingSize) {
            simdjson::dom::element e;
            if (d->pending.at(d->pendingNext++).get(e) != simdjson::SUCCESS) continue;
            raw_ = json::minified(e);
            table_.raw = raw_;
            table_.line = d->pendingLine;
            simdjson::dom::object o;
            if (e.get(o) != simdjson::SUCCESS) {
                row.line = table_.line;
                row.raw = raw_;
                row.reject = RejectKind::MalformedJson;
                row.rejectMessage = "malformed JSON: a row of \"data\" is not an object";
                return true;
            }
            return rowFromObject(&o, row);
        }
        if (arrayDone_) return false;
        // Whitespace, and the commas between array elements.
        for (;;) {
            while (input_.available() > 0 &&
                   (isSpace(*input_.begin()) || (inArray_ && *input_.begin() == ','))) {
                if (*input_.begin() == '\n') ++line_;
                input_.consume(1);
            }
            if (input_.available() > 0 || !input_.fill()) break;
        }
        if (input_.available() == 0) return false;
        if (inArray_ && *input_.begin() == ']') {
            arrayDone_ = true;
            input_.consume(1);
            return false;
        }
        size_t length = 0;
        const int64_t startLine = line_;
        const Scan s = scanValue(length);
        row.line = startLine;
        if (s == Scan::Eof) return false;
        if (s == Scan::TooLarge) {
            row.raw = raw_;
            row.reject = RejectKind::RecordTooLarge;
            row.rejectMessage = "JSON value is over the " + std::to_string(limits_.maxRecordBytes) +
                                "-byte size cap";
            return true;
        }
        const char* data = input_.begin();
        input_.consume(length);
        row.raw = std::string_view(data, length);
        if (s == Scan::NotObject) {
            if (length == 0) input_.consume(1);  // a stray separator
            row.reject = RejectKind::MalformedJson;
            row.rejectMessage = "malformed JSON: expected a row object";
            return true;
        }
        table_.line = startLine;
        table_.raw = row.raw;
        simdjson::dom::element doc;
        const auto err = d->parser.parse(data, length, true).get(doc);
        if (err) {
            row.reject = RejectKind::MalformedJson;
            row.rejectMessage = std::string("malformed JSON: ") + simdjson::error_message(err);
            return true;
        }
        simdjson::dom::object object;
        if (doc.get(object) != simdjson::SUCCESS) {
            row.reject = RejectKind::MalformedJson;
            row.rejectMessage = "malformed JSON: expected a row object";
            return true;
        }
        // An API page: {"data": [rows], "total": ...} without the table's own columns.
        simdjson::dom::array data_;
        if (object["data"].get(data_) == simdjson::SUCCESS &&
            object[tool_->columns()[0].name].error() == simdjson::NO_SUCH_FIELD) {
            d->pending = data_;
            d->pendingNext = 0;
            d->pendingSize = data_.size();
            d->pendingLine = startLine;
            continue;
        }
        return rowFromObject(&object, row);
    }
}

// ---- detection ------------------------------------------------------------------------------

std::vector<std::string> sniffColumnNames(const QByteArray& head) {
    std::vector<std::string> names;
    QByteArray body = head.startsWith("\xEF\xBB\xBF") ? head.mid(3) : head;
    const QByteArray trimmedBody = body.trimmed();
    if (trimmedBody.startsWith('{') || trimmedBody.startsWith('[')) {
        // Keys: a string followed by a colon. Good enough to recognise a table's columns.
        int i = 0;
        while ((i = body.indexOf('"', i)) >= 0) {
            const int end = body.indexOf('"', i + 1);
            if (end < 0) break;
            int j = end + 1;
            while (j < body.size() && isSpace(body[j])) ++j;
            if (j < body.size() && body[j] == ':')
                names.emplace_back(body.constData() + i + 1, static_cast<size_t>(end - i - 1));
            i = end + 1;
        }
        return names;
    }
    const int nl = body.indexOf('\n');
    const QByteArray line = (nl < 0 ? body : body.left(nl)).trimmed();
    for (QByteArray cell : line.split(',')) {
        cell = cell.trimmed();
        if (cell.size() >= 2 && cell.startsWith('"') && cell.endsWith('"'))
            cell = cell.mid(1, cell.size() - 2);
        names.push_back(cell.toStdString());
    }
    return names;
}

std::unique_ptr<RecordReader> createTableReader(const QString& format, const QString& path,
                                                const QByteArray& head, QString* error) {
    const bool automatic =
        format.isEmpty() || format.compare(QLatin1String("auto"), Qt::CaseInsensitive) == 0;
    std::unique_ptr<TableMapping> mapping;
    if (!automatic) {
        mapping = createTableMapping(format);
        if (!mapping) return nullptr;  // a generic format
    }
    if (isDatabaseUrl(path)) {
        if (!mapping) mapping = createTableMapping(QStringLiteral("litellm"));
        return std::make_unique<PostgresTableReader>(std::move(mapping));
    }
    if (SqliteTableReader::sniff(head)) {
        if (!mapping) mapping = createTableMapping(QStringLiteral("newapi"));
        return std::make_unique<SqliteTableReader>(std::move(mapping));
    }
    const std::vector<std::string> names = sniffColumnNames(head);
    if (!mapping) mapping = detectTableMapping(names);
    if (!mapping) return nullptr;
    const QByteArray t = head.trimmed();
    const bool json = t.startsWith('{') || t.startsWith('[') || t.startsWith("\xEF\xBB\xBF{") ||
                      t.startsWith("\xEF\xBB\xBF[");
    (void)error;
    if (json) return std::make_unique<TableJsonReader>(std::move(mapping));
    return std::make_unique<TableCsvReader>(std::move(mapping));
}

}  // namespace quarry
