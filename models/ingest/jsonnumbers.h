// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <simdjson.h>

#include <string>
#include <string_view>

namespace quarry::json {

// Copies text to out with every number simdjson cannot hold (an integer outside int64/uint64,
// such as a 2^64 span id, or an exponent that overflows a double) written as a string, so the
// record is read rather than quarantined; a mapped numeric field then gets its own "out of
// range" reason. Invalid numbers stay invalid. False when there was none.
bool quoteOverflowingNumbers(std::string_view text, std::string& out);

// Parses text with parser; when simdjson refuses a number it cannot hold, parses the text
// again with those numbers quoted. The rewrite goes to `rewritten`, and text then points at it,
// so a caller that parses again (with a deeper parser) parses what succeeded here. Every
// reader of JSON records parses through this, so all read the same records.
simdjson::error_code parseQuotingOverflow(simdjson::dom::parser& parser, std::string_view& text,
                                          std::string& rewritten, simdjson::dom::element& doc);

}  // namespace quarry::json
