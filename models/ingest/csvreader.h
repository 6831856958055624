// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "recordreader.h"

namespace quarry {

// RFC 4180 CSV: a header row, quoted fields with commas, doubled quotes and line breaks, an
// optional UTF-8 BOM, LF or CRLF line ends. Records without quotes (nearly all log rows) are
// split in place; only quoted records are copied while unescaping.
class CsvReader final : public RecordReader {
public:
    const char* formatName() const override { return "csv"; }
    const char* description() const override {
        return "CSV with a header row: canonical column names or their aliases (--map for others)";
    }
    // A fallback for any text; a .csv/.tsv name makes it the choice over generic JSON Lines.
    int confidence(const FileHead& head) const override;
    bool next(SourceRow& row) override;
    const QStringList& header() const { return header_; }

protected:
    bool readHeader(QString* error) override;

private:
    enum class Scan { Found, NeedMore, TooLarge, Eof };
    // Finds the end of the record starting at the window's start: the newline outside quotes.
    Scan findRecordEnd(size_t& length, size_t& newlines);
    bool skipOversizedRecord(SourceRow& row);
    // Splits [data, data+len) into fields_; returns false with a message for malformed quoting.
    bool split(const char* data, size_t len, bool hasQuotes, std::string& message);

    QStringList header_;
    std::vector<int> columnField_;  // per column: canonical field or -1
    std::vector<std::string_view> fields_;
    std::string unescaped_;
    std::string rawCopy_;
    int64_t nextLine_ = 1;
    size_t scanned_ = 0;  // bytes of the current record already scanned
    bool scanInQuotes_ = false;
    size_t scanNewlines_ = 0;
    bool scanSawQuote_ = false;
};

}  // namespace quarry
