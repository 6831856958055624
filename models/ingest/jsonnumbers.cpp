// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonnumbers.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>

namespace quarry::json {
namespace {

bool isNumberStart(char c) {
    return c == '-' || (c >= '0' && c <= '9');
}
bool isNumberChar(char c) {
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// The number grammar of RFC 8259 section 6: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
bool isJsonNumber(std::string_view t) {
    size_t i = 0;
    auto digits = [&] {
        const size_t from = i;
        while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
        return i > from;
    };
    if (i < t.size() && t[i] == '-') ++i;
    if (i < t.size() && t[i] == '0') {
        ++i;
    } else if (!digits()) {
        return false;
    }
    if (i < t.size() && t[i] == '.') {
        ++i;
        if (!digits()) return false;
    }
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
        if (!digits()) return false;
    }
    return i == t.size();
}

// True when simdjson cannot hold this valid JSON number: an integer outside int64/uint64 or
// a number whose exponent overflows a double.
bool overflows(std::string_view token) {
    if (!isJsonNumber(token)) return false;
    if (token.find_first_of(".eE") == std::string_view::npos) {
        const char* b = token.data();
        const char* e = b + token.size();
        if (token[0] == '-') {
            int64_t v;
            return std::from_chars(b, e, v).ec != std::errc();
        }
        uint64_t v;
        return std::from_chars(b, e, v).ec != std::errc();
    }
    const std::string copy(token);
    return std::isinf(std::strtod(copy.c_str(), nullptr));
}

}  // namespace

bool quoteOverflowingNumbers(std::string_view text, std::string& out) {
    out.clear();
    bool changed = false;
    bool inString = false;
    for (size_t i = 0; i < text.size();) {
        const char c = text[i];
        if (inString) {
            out += c;
            ++i;
            if (c == '\\' && i < text.size())
                out += text[i++];
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
            out += c;
            ++i;
            continue;
        }
        if (!isNumberStart(c)) {
            out += c;
            ++i;
            continue;
        }
        size_t j = i;
        while (j < text.size() && isNumberChar(text[j])) ++j;
        const std::string_view token = text.substr(i, j - i);
        if (overflows(token)) {
            out.append(1, '"').append(token).append(1, '"');
            changed = true;
        } else {
            out.append(token);
        }
        i = j;
    }
    return changed;
}

simdjson::error_code parseQuotingOverflow(simdjson::dom::parser& parser, std::string_view& text,
                                          std::string& rewritten, simdjson::dom::element& doc) {
    auto err = parser.parse(text.data(), text.size(), true).get(doc);
    // A text already rewritten has every overflowing number quoted (and must not be rewritten
    // into itself).
    if (err != simdjson::NUMBER_ERROR || text.data() == rewritten.data() ||
        !quoteOverflowingNumbers(text, rewritten))
        return err;
    text = rewritten;
    return parser.parse(text.data(), text.size(), true).get(doc);
}

}  // namespace quarry::json
