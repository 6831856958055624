// SPDX-License-Identifier: GPL-3.0-or-later
#include "gatewayreader.h"

#include <QString>

#include "csvreader.h"
#include "jsonnumbers.h"

namespace quarry {
namespace {

std::string_view trimmedView(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// Some exporters escape a JSON cell's quotes twice (Helicone's export tool doubles them before
// its CSV quoting doubles them again), so after CSV unquoting the cell reads {""model"":...}.
std::string undoubleQuotes(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        out += s[i];
        if (s[i] == '"' && i + 1 < s.size() && s[i + 1] == '"') ++i;
    }
    return out;
}

}  // namespace

void BuiltRow::set(Field f, std::string_view v) {
    if (v.empty()) return;
    value_[index(f)].assign(v);
    present_ |= 1u << index(f);
}

void BuiltRow::setNumber(Field f, std::optional<double> v, double scale) {
    if (v) set(f, json::formatInteger(*v * scale));
}

size_t BuiltRow::heldBytes() const {
    size_t n = sizeof(BuiltRow) + raw_.size();
    for (const auto& v : value_) n += v.size();
    return n;
}

void BuiltRow::setRaw(std::string_view raw) {
    if (raw.size() > kRawKeep) {
        size_t n = kRawKeep;
        // Back off continuation bytes so the kept prefix is still valid UTF-8.
        while (n > 0 && (static_cast<unsigned char>(raw[n]) & 0xC0) == 0x80) --n;
        raw = raw.substr(0, n);
    }
    raw_.assign(raw);
}

void BuiltRow::copyTo(SourceRow& row) const {
    row.clear();
    row.line = line;
    row.raw = raw_;
    for (int f = 0; f < kFieldCount; ++f)
        if (present_ & (1u << f)) row.set(static_cast<Field>(f), value_[f]);
    row.reject = reject;
    row.rejectMessage = rejectMessage;
    row.skip = skip;
    row.skipReason = skipReason;
}

GatewayReader::GatewayReader()
    : parser_(std::make_unique<simdjson::dom::parser>()),
      reparser_(std::make_unique<json::Reparser>()) {}
GatewayReader::~GatewayReader() = default;

InputFile& GatewayReader::input() {
    return csv_ ? csv_->input() : input_;
}

bool GatewayReader::readHeader(QString* error) {
    if (!mapping_.overrides().empty()) {
        if (error)
            *error = QStringLiteral(
                         "%1: --map applies to the csv and jsonl readers; this file is "
                         "read as %2 (give --format csv or jsonl to map it by hand)")
                         .arg(input_.path(), QString::fromLatin1(formatName()));
        return false;
    }
    for (int f = 0; f < kFieldCount; ++f) sourceName_[f] = fieldName(static_cast<Field>(f));
    for (const FieldSource& s : fieldSources()) {
        noteMapped(QString::fromUtf8(s.source), index(s.field));
        sourceName_[index(s.field)] = s.source;
    }
    lines_.setMaxLineBytes(limits_.maxRecordBytes);
    lines_.skipUtf8Bom();
    if (input_.failed()) {
        if (error) *error = input_.error();
        return false;
    }
    const std::string_view window(input_.begin(), input_.available());
    const size_t first = window.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return true;
    // A JSON array, or an object whose first line is only its opening brace: not one record a
    // line, so records are cut by their nesting.
    const size_t eol = window.find('\n', first);
    const std::string_view firstLine =
        window.substr(first, eol == std::string_view::npos ? std::string_view::npos : eol - first);
    if (window[first] == '[' || firstLine.find_first_not_of(" \t\r", 1) == std::string_view::npos) {
        values_ = std::make_unique<JsonValueSplitter>(input_, limits_.maxRecordBytes);
        return true;
    }
    if (window[first] == '{') return true;
    // Not JSON Lines: the tool's CSV export. A CSV reader in preview mode hands out every cell.
    csv_ = std::make_unique<CsvReader>();
    csv_->setPreview(true);
    return csv_->open(input_.path(), ColumnMapping(), limits_, error);
}

BuiltRow& GatewayReader::addRowAt(int64_t line, std::string_view raw) {
    pending_.emplace_back();
    BuiltRow& r = pending_.back();
    r.line = line;
    r.setRaw(raw);
    return r;
}

BuiltRow& GatewayReader::addRow() {
    return addRowAt(currentLine_, currentRaw_);
}

void GatewayReader::parseAndRead(std::string_view text) {
    json::Element doc;
    const auto err = json::parseQuotingOverflow(*parser_, text, rewritten_, doc);
    if (err) {
        BuiltRow& r = addRow();
        r.reject = RejectKind::MalformedJson;
        r.rejectMessage = std::string("malformed JSON: ") + simdjson::error_message(err);
        return;
    }
    if (!doc.is_object()) {
        BuiltRow& r = addRow();
        r.reject = RejectKind::MalformedJson;
        r.rejectMessage = "malformed JSON: the line is not an object";
        return;
    }
    readRecord(doc);
}

bool GatewayReader::readCsvRecord() {
    SourceRow row;
    csv_->clearSourceValues();
    if (!csv_->next(row)) return false;
    currentLine_ = row.line;
    currentRaw_ = row.raw;
    if (row.reject != RejectKind::None) {
        BuiltRow& r = addRow();
        r.reject = row.reject;
        r.rejectMessage = row.rejectMessage;
        return true;
    }
    csvJson_.assign("{");
    for (const auto& [column, value] : csv_->sourceValues()) {
        if (csvJson_.size() > 1) csvJson_ += ',';
        json::appendQuoted(csvJson_, column);
        csvJson_ += ':';
        const std::string_view cell = trimmedView(value);
        if (!cell.empty() && (cell.front() == '{' || cell.front() == '[')) {
            if (reparser_->parse(cell)) {
                csvJson_ += cell;
                continue;
            }
            const std::string undoubled = undoubleQuotes(cell);
            if (reparser_->parse(undoubled)) {
                csvJson_ += undoubled;
                continue;
            }
        }
        json::appendQuoted(csvJson_, value);
    }
    csvJson_ += '}';
    parseAndRead(csvJson_);
    return true;
}

bool GatewayReader::readOne() {
    if (csv_) return readCsvRecord();
    if (values_) {
        JsonValueSplitter::Value v;
        if (!values_->next(v)) return false;
        currentLine_ = v.line;
        currentRaw_ = v.text;
        if (v.tooLong) {
            BuiltRow& r = addRow();
            r.reject = RejectKind::RecordTooLarge;
            r.rejectMessage = values_->tooLongMessage();
            return true;
        }
        parseAndRead(v.text);
        return true;
    }
    LineSplitter::Line line;
    if (!lines_.next(line)) return false;
    currentLine_ = line.number;
    currentRaw_ = line.text;
    if (line.tooLong) {
        BuiltRow& r = addRow();
        r.reject = RejectKind::RecordTooLarge;
        r.rejectMessage = lines_.tooLongMessage();
        return true;
    }
    if (isBlank(line.text)) return true;
    parseAndRead(line.text);
    return true;
}

bool GatewayReader::next(SourceRow& row) {
    while (pending_.empty()) {
        if (finished_) return false;
        if (!readOne()) {
            finish();
            finished_ = true;
        }
    }
    current_ = std::move(pending_.front());
    pending_.pop_front();
    current_.copyTo(row);
    // The import wizard previews what the reader took from each of the tool's fields.
    if (preview_)
        for (int f = 0; f < kFieldCount; ++f)
            if (row.present & (1u << f)) noteSourceValue(sourceName_[f], row.value[f]);
    return true;
}

}  // namespace quarry
