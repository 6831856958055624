// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "jsonvalues.h"
#include "jsonvaluesplitter.h"
#include "linesplitter.h"
#include "recordreader.h"

namespace quarry {

class CsvReader;

// One request a gateway reader has put together, owning its text until the importer has taken
// it (a joining reader emits a request lines after its first part was read).
class BuiltRow {
public:
    static constexpr size_t kRawKeep = 4096;  // what quarantine keeps of a record anyway

    int64_t line = 0;
    RejectKind reject = RejectKind::None;
    std::string rejectMessage;
    bool skip = false;
    std::string skipReason;

    // Empty values are absent, as in every reader.
    void set(Field f, std::string_view v);
    void setIfAbsent(Field f, std::string_view v) {
        if (!has(f)) set(f, v);
    }
    void set(Field f, const std::string& v) { set(f, std::string_view(v)); }
    void set(Field f, const std::optional<std::string>& v) {
        if (v) set(f, *v);
    }
    // A number in the unit the canonical field wants (scale 1000 turns seconds into ms).
    void setNumber(Field f, std::optional<double> v, double scale = 1);
    bool has(Field f) const { return present_ & (1u << index(f)); }
    const std::string& value(Field f) const { return value_[index(f)]; }
    void unset(Field f) {
        present_ &= ~(1u << index(f));
        value_[index(f)].clear();
    }
    // Bytes held, for joins that bound their buffers.
    size_t heldBytes() const;
    // Keeps the record's first bytes, cut on a UTF-8 character boundary.
    void setRaw(std::string_view raw);
    // Points row at this row's values; valid while this BuiltRow lives.
    void copyTo(SourceRow& row) const;

private:
    std::array<std::string, kFieldCount> value_;
    uint32_t present_ = 0;
    std::string raw_;
};

// Base of the readers of LLM gateways' own exports (Helicone, Langfuse, OpenTelemetry, Bedrock,
// Azure API Management, Cloudflare): each record is a JSON object, from a JSON Lines file, a
// JSON array or pretty-printed JSON (jsonvaluesplitter.h), or a CSV export's row (a cell holding
// JSON is parsed, so both exports of a tool read alike). The subclass turns a record into zero, one
// or more requests, or holds parts until a join completes; rows that are not requests are emitted
// as skipped, so they are counted.
class GatewayReader : public RecordReader {
public:
    GatewayReader();
    ~GatewayReader() override;
    bool next(SourceRow& row) final;
    InputFile& input() override;

protected:
    struct FieldSource {
        const char* source;  // the tool's name for it, as the sources table shows it
        Field field;
    };
    // What this tool's fields become, for the mapping description.
    virtual std::vector<FieldSource> fieldSources() const = 0;
    // One record; addRow() the requests it holds.
    virtual void readRecord(json::Element record) = 0;
    // End of input: emit whatever a join still holds.
    virtual void finish() {}

    // A new row for the record being read (its line and raw bytes filled in).
    BuiltRow& addRow();
    // A new row for an earlier record (joins).
    BuiltRow& addRowAt(int64_t line, std::string_view raw);
    // A row a join has built (its line and raw set by the join).
    void addBuiltRow(BuiltRow&& row) { pending_.push_back(std::move(row)); }
    int64_t currentLine() const { return currentLine_; }
    std::string_view currentRaw() const { return currentRaw_; }
    // For JSON held in a string (a CSV cell, an attribute, a log's JSON-encoded body).
    json::Reparser& reparser() { return *reparser_; }

    bool readHeader(QString* error) final;

private:
    bool readOne();
    bool readCsvRecord();
    void parseAndRead(std::string_view text);

    LineSplitter lines_{input_};
    std::unique_ptr<JsonValueSplitter> values_;  // set for a JSON array or pretty-printed JSON
    std::unique_ptr<CsvReader> csv_;             // set when the export is CSV
    // Behind pointers: simdjson's parser changes size with simdjson's compile definitions,
    // which only the library sees, and this class is also laid out by the code that includes it.
    std::unique_ptr<simdjson::dom::parser> parser_;
    std::unique_ptr<json::Reparser> reparser_;
    std::string csvJson_;  // a CSV row rewritten as a JSON object
    std::string rewritten_;  // a record with numbers too big for simdjson quoted
    std::deque<BuiltRow> pending_;
    BuiltRow current_;
    int64_t currentLine_ = 0;
    std::string_view currentRaw_;
    bool finished_ = false;
    std::array<std::string, kFieldCount> sourceName_;  // for the preview's columns
};

}  // namespace quarry
