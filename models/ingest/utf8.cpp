// SPDX-License-Identifier: GPL-3.0-or-later
#include "utf8.h"

#include <cstdint>
#include <cstring>

namespace quarry {

size_t firstInvalidUtf8(std::string_view text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const size_t n = text.size();
    size_t i = 0;
    while (i < n) {
        if (i + 8 <= n) {
            uint64_t word;
            std::memcpy(&word, s + i, 8);
            if ((word & 0x8080808080808080ULL) == 0) {
                i += 8;
                continue;
            }
        }
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        size_t len;
        uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return i;
        }
        if (i + len > n) return i;
        for (size_t k = 1; k < len; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
            return i;
        i += len;
    }
    return std::string_view::npos;
}

}  // namespace quarry

namespace quarry {

const char* foreignEncoding(std::string_view head) {
    const auto* s = reinterpret_cast<const unsigned char*>(head.data());
    const size_t n = head.size();
    auto starts = [&](const char* bom, size_t len) {
        return n >= len && std::memcmp(s, bom, len) == 0;
    };
    // UTF-32 first: its little-endian mark begins with UTF-16LE's.
    if (starts("\xFF\xFE\x00\x00", 4)) return "UTF-32LE";
    if (starts("\x00\x00\xFE\xFF", 4)) return "UTF-32BE";
    if (starts("\xFF\xFE", 2)) return "UTF-16LE";
    if (starts("\xFE\xFF", 2)) return "UTF-16BE";
    const size_t sample = n < 4096 ? n : 4096;
    if (sample < 4) return nullptr;
    size_t nul[4] = {0, 0, 0, 0};
    size_t total = 0;
    for (size_t i = 0; i < sample; ++i)
        if (s[i] == 0) {
            ++nul[i % 4];
            ++total;
        }
    // ASCII in UTF-16 is every other byte NUL; in UTF-32 three bytes of four.
    if (total * 8 < sample) return nullptr;  // under 1 in 8: stray NULs, not an encoding
    const size_t quarter = sample / 4;
    const size_t even = nul[0] + nul[2], odd = nul[1] + nul[3];
    if (nul[1] + nul[2] + nul[3] > 3 * quarter * 9 / 10 && nul[0] < quarter / 10) return "UTF-32LE";
    if (nul[0] + nul[1] + nul[2] > 3 * quarter * 9 / 10 && nul[3] < quarter / 10) return "UTF-32BE";
    if (odd > 2 * quarter * 9 / 10 && even < quarter / 5) return "UTF-16LE";
    if (even > 2 * quarter * 9 / 10 && odd < quarter / 5) return "UTF-16BE";
    return "binary";
}

}  // namespace quarry
