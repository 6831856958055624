// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace quarry::json {

using Element = simdjson::dom::element;

// The member at a dotted path ("identity.arn"), or a null-typed miss. Keys that themselves
// hold dots (OpenTelemetry attribute names) are looked up with member().
std::optional<Element> at(Element e, std::string_view dottedPath);
std::optional<Element> member(Element e, std::string_view key);

// The text of the first of several dotted paths that is present.
std::optional<std::string> firstText(Element e, std::initializer_list<std::string_view> paths);

// The items of an array value, the members of an object value (empty for anything else). As
// copies: a range-for over get_array().value_unsafe() of a temporary would dangle, and a
// default-constructed simdjson array cannot be iterated.
std::vector<Element> items(std::optional<Element> e);
std::vector<std::pair<std::string_view, Element>> members(std::optional<Element> e);

// A value as text: strings as they are, numbers in decimal, booleans as true/false, objects and
// arrays as minified JSON; nullopt for null or a miss. Empty strings count as absent.
std::optional<std::string> text(std::optional<Element> e);
// A string value, or an empty view (no copy).
std::string_view string(std::optional<Element> e);
// A number, also when given as a numeric string (CSV cells, OTLP's int64 as string).
std::optional<double> number(std::optional<Element> e);

// Writes a number the way the importer parses it: integers exactly, others rounded. One past
// 64 bits is written with all its digits, so the row checks call it out of range.
std::string formatInteger(double v);
// A number as int64_t, truncated toward zero; nullopt for NaN, infinities and values outside
// int64_t, whose conversion is undefined behaviour (an OTLP time of 1e36 was, under UBSan).
std::optional<int64_t> toInt64(std::optional<double> v);

// Appends s as a JSON string literal (quotes, backslashes and control characters escaped).
void appendQuoted(std::string& out, std::string_view s);

// A JSON text that a cell or attribute may hold ("{...}" or "[...]"), parsed with its own
// parser; nullopt when the text is not JSON.
class Reparser {
public:
    std::optional<Element> parse(std::string_view text);

private:
    simdjson::dom::parser parser_;
    std::string rewritten_;  // the text with numbers too big for simdjson quoted
};

}  // namespace quarry::json
