// SPDX-License-Identifier: GPL-3.0-or-later
#include "linesplitter.h"

#include <algorithm>
#include <cstring>

namespace quarry {

bool isBlank(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t'; });
}

void LineSplitter::skipUtf8Bom() {
    if (input_.available() < 3) input_.fill();
    if (input_.available() >= 3 && std::memcmp(input_.begin(), "\xEF\xBB\xBF", 3) == 0)
        input_.consume(3);
}

std::string LineSplitter::tooLongMessage() const {
    return "line is over the " + std::to_string(maxLineBytes_) + "-byte size cap";
}

bool LineSplitter::next(Line& line) {
    // Find the end of the line, reading more while the window holds no newline and the line
    // could still be within the cap.
    size_t scanned = 0;
    const char* nl = nullptr;
    for (;;) {
        const size_t n = input_.available();
        nl = static_cast<const char*>(std::memchr(input_.begin() + scanned, '\n', n - scanned));
        if (nl) break;
        scanned = n;
        if (n > maxLineBytes_ || !input_.fill()) break;
    }
    const size_t n = input_.available();
    if (n == 0) return false;
    line.number = nextLine_++;
    const char* data = input_.begin();
    const size_t lineBytes = nl ? static_cast<size_t>(nl - data) : n;
    if (lineBytes > maxLineBytes_) {
        longLineHead_.assign(data, std::min(lineBytes, kKeepOfLongLine));
        // Skip to just past the newline, reading on without keeping what was read.
        for (;;) {
            const char* p =
                static_cast<const char*>(std::memchr(input_.begin(), '\n', input_.available()));
            if (p) {
                input_.consume(static_cast<size_t>(p - input_.begin()) + 1);
                break;
            }
            input_.consume(input_.available());
            if (!input_.fill()) break;
        }
        line.text = longLineHead_;
        line.tooLong = true;
        return true;
    }
    input_.consume(nl ? lineBytes + 1 : lineBytes);
    size_t len = lineBytes;
    if (len > 0 && data[len - 1] == '\r') --len;
    line.text = std::string_view(data, len);
    line.tooLong = false;
    return true;
}

}  // namespace quarry
