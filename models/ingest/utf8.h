// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <string_view>

namespace quarry {

// Offset of the first byte that is not part of well-formed UTF-8 (no overlongs, no
// surrogates, nothing above U+10FFFF), or npos when the whole text is valid. ASCII runs are
// skipped eight bytes at a time because log text is mostly ASCII.
size_t firstInvalidUtf8(std::string_view text);

}  // namespace quarry
