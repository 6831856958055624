// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonvaluesplitter.h"

#include <algorithm>

namespace quarry {

std::string JsonValueSplitter::tooLongMessage() const {
    return "record is over the " + std::to_string(maxValueBytes_) + "-byte size cap";
}

bool JsonValueSplitter::skipSeparators() {
    for (;;) {
        if (input_.available() == 0 && !input_.fill()) return false;
        const char c = *input_.begin();
        if (c == '\n') {
            ++line_;
        } else if (c == '[' && !started_) {
            inArray_ = true;
        } else if (c == ']' && inArray_) {
            ended_ = true;
            return false;
        } else if (c != ' ' && c != '\t' && c != '\r' && c != ',') {
            started_ = true;
            return true;
        }
        started_ = started_ || c == '[';
        input_.consume(1);
    }
}

bool JsonValueSplitter::next(Value& value) {
    if (ended_ || !skipSeparators()) return false;
    value.line = line_;
    int depth = 0;
    bool inString = false, escaped = false, tooLong = false;
    size_t i = 0;       // scan position in the window
    int64_t lines = 0;  // newlines inside the record
    for (;;) {
        if (i == input_.available()) {
            if (i > maxValueBytes_) {
                // Over the cap: keep the head, drop what was scanned and scan on.
                if (!tooLong) head_.assign(input_.begin(), std::min(i, kKeepOfLongValue));
                tooLong = true;
                input_.consume(i);
                i = 0;
            }
            if (!input_.fill()) break;  // the document ends inside the record
            continue;
        }
        const char c = input_.begin()[i++];
        if (!inString && depth == 0 && (c == ',' || c == '\n') && i > 1) {
            --i;  // a bare scalar ends at a separator; the parser rejects it
            break;
        }
        if (c == '\n') ++lines;
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (--depth <= 0) break;
        }
    }
    line_ += lines;
    if (tooLong || i > maxValueBytes_) {
        if (!tooLong) head_.assign(input_.begin(), std::min(i, kKeepOfLongValue));
        input_.consume(i);
        value.text = head_;
        value.tooLong = true;
        return true;
    }
    value.text = std::string_view(input_.begin(), i);
    value.tooLong = false;
    input_.consume(i);
    return true;
}

}  // namespace quarry
