// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "inputfile.h"

namespace quarry {

// Cuts an InputFile into physical lines, the same way for every line-based reader (JSONL, the
// access log, the gateway formats): LF or CRLF ends, a last line without a newline, and one size
// cap applied to every line whether it sits whole in the window or not. A line over the cap is
// skipped without being buffered; its first bytes are kept so quarantine can show them.
class LineSplitter {
public:
    struct Line {
        int64_t number = 0;     // 1-based physical line
        std::string_view text;  // without the line end; valid until the next call
        bool tooLong = false;   // over the cap: text holds only its first bytes
    };
    static constexpr size_t kKeepOfLongLine = 4096;

    explicit LineSplitter(InputFile& input, size_t maxLineBytes = 8 << 20)
        : input_(input), maxLineBytes_(maxLineBytes) {}
    void setMaxLineBytes(size_t n) { maxLineBytes_ = n; }
    size_t maxLineBytes() const { return maxLineBytes_; }

    // Skips a UTF-8 byte order mark at the start of the input.
    void skipUtf8Bom();
    // The next line, blank ones included; false at the end of the input or on a read error.
    bool next(Line& line);
    // The reason to give for a line that came back tooLong.
    std::string tooLongMessage() const;

private:
    InputFile& input_;
    size_t maxLineBytes_;
    int64_t nextLine_ = 1;
    std::string longLineHead_;
};

// True when the text holds only spaces and tabs.
bool isBlank(std::string_view text);

}  // namespace quarry
