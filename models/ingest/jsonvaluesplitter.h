// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "inputfile.h"

namespace quarry {

// Cuts a JSON document that is not one record a line into its records: a top-level array
// (`[{...},{...}]`, as `az monitor log-analytics query -o json` or Helicone's `--format json`
// export write them, pretty-printed, with a trailing comma tolerated since that export writes
// one) or pretty-printed objects one after another (`jq` without -c). It tracks strings and
// nesting only; each record is then parsed on its own, so a broken record costs that record
// (one whose brackets never close runs on to the size cap, and is quarantined as too long).
// The size cap holds as for lines: a longer record is skipped without being buffered.
class JsonValueSplitter {
public:
    struct Value {
        int64_t line = 0;       // 1-based line where the record starts
        std::string_view text;  // valid until the next call
        bool tooLong = false;   // text holds only its first bytes
    };
    static constexpr size_t kKeepOfLongValue = 4096;

    JsonValueSplitter(InputFile& input, size_t maxValueBytes)
        : input_(input), maxValueBytes_(maxValueBytes) {}
    // The next record; false at the end of the document or of the input.
    bool next(Value& value);
    std::string tooLongMessage() const;

private:
    bool skipSeparators();  // whitespace, commas, the array's brackets; false at the end
    InputFile& input_;
    size_t maxValueBytes_;
    int64_t line_ = 1;
    bool started_ = false, inArray_ = false, ended_ = false;
    std::string head_;
};

}  // namespace quarry
