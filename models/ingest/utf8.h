// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <string_view>

namespace quarry {

// Offset of the first byte that is not part of well-formed UTF-8 (no overlongs, no
// surrogates, nothing above U+10FFFF), or npos when the whole text is valid. ASCII runs are
// skipped eight bytes at a time because log text is mostly ASCII.
size_t firstInvalidUtf8(std::string_view text);

// The encoding of text that is not UTF-8 (or ASCII) judged from its first bytes: a UTF-16 or
// UTF-32 byte order mark, or NUL bytes in the pattern such text has without one ("UTF-16LE"),
// or "binary" when NULs are frequent in no pattern. nullptr for text Quarry can read; a stray
// NUL in one field is left to the row checks.
const char* foreignEncoding(std::string_view head);

}  // namespace quarry
