// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonvalues.h"

#include <charconv>
#include <cmath>

#include "jsonnumbers.h"
#include "jsontext.h"

namespace quarry::json {

std::optional<Element> member(Element e, std::string_view key) {
    if (!e.is_object()) return std::nullopt;
    Element v;
    if (e.get_object().value_unsafe().at_key(key).get(v) != simdjson::SUCCESS) return std::nullopt;
    if (v.is_null()) return std::nullopt;
    return v;
}

std::optional<Element> at(Element e, std::string_view path) {
    std::optional<Element> cur = e;
    while (cur && !path.empty()) {
        const size_t dot = path.find('.');
        cur = member(*cur, path.substr(0, dot));
        path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
    }
    return cur;
}

std::string formatInteger(double v) {
    if (!std::isfinite(v)) return {};
    char buf[400];  // the longest double in fixed notation has 309 digits
    const auto whole = toInt64(std::round(v));
    const auto r = whole ? std::to_chars(buf, buf + sizeof buf, *whole)
                         : std::to_chars(buf, buf + sizeof buf, std::round(v),
                                         std::chars_format::fixed, 0);
    return std::string(buf, r.ptr);
}

std::optional<int64_t> toInt64(std::optional<double> v) {
    // -2^63 is exact as a double, 2^63 is the first value past INT64_MAX; NaN fails both.
    constexpr double kTwo63 = 9223372036854775808.0;
    if (!v || !(*v >= -kTwo63 && *v < kTwo63)) return std::nullopt;
    return static_cast<int64_t>(*v);
}

std::optional<std::string> text(std::optional<Element> e) {
    if (!e) return std::nullopt;
    using simdjson::dom::element_type;
    switch (e->type()) {
        case element_type::NULL_VALUE:
            return std::nullopt;
        case element_type::STRING: {
            const std::string_view s = e->get_string().value_unsafe();
            if (s.empty()) return std::nullopt;
            return std::string(s);
        }
        case element_type::INT64:
            return std::to_string(e->get_int64().value_unsafe());
        case element_type::UINT64:
            return std::to_string(e->get_uint64().value_unsafe());
        case element_type::DOUBLE: {
            char buf[64];
            const double d = e->get_double().value_unsafe();
            auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed);
            if (r.ec != std::errc()) r = std::to_chars(buf, buf + sizeof buf, d);
            return std::string(buf, r.ptr);
        }
        case element_type::BOOL:
            return std::string(e->get_bool().value_unsafe() ? "true" : "false");
        default:
            return json::minified(*e);
    }
}

std::vector<Element> items(std::optional<Element> e) {
    std::vector<Element> out;
    if (!e || !e->is_array()) return out;
    const simdjson::dom::array a = e->get_array().value_unsafe();
    for (Element x : a) out.push_back(x);
    return out;
}

std::vector<std::pair<std::string_view, Element>> members(std::optional<Element> e) {
    std::vector<std::pair<std::string_view, Element>> out;
    if (!e || !e->is_object()) return out;
    const simdjson::dom::object o = e->get_object().value_unsafe();
    for (auto [k, v] : o) out.emplace_back(k, v);
    return out;
}

std::optional<std::string> firstText(Element e, std::initializer_list<std::string_view> paths) {
    for (const std::string_view p : paths)
        if (auto t = text(at(e, p))) return t;
    return std::nullopt;
}

std::string_view string(std::optional<Element> e) {
    if (!e || !e->is_string()) return {};
    return e->get_string().value_unsafe();
}

std::optional<double> number(std::optional<Element> e) {
    if (!e) return std::nullopt;
    if (e->is_number()) return e->get_double().value_unsafe();
    if (!e->is_string()) return std::nullopt;
    std::string_view s = e->get_string().value_unsafe();
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    if (s.empty()) return std::nullopt;
    double v = 0;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
    return v;
}

void appendQuoted(std::string& out, std::string_view s) {
    static const char kHex[] = "0123456789abcdef";
    out += '"';
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20) {
            out += "\\u00";
            out += kHex[u >> 4];
            out += kHex[u & 15];
        } else {
            out += c;
        }
    }
    out += '"';
}

std::optional<Element> Reparser::parse(std::string_view t) {
    size_t first = 0;
    while (first < t.size() && (t[first] == ' ' || t[first] == '\n' || t[first] == '\t')) ++first;
    if (first == t.size() || (t[first] != '{' && t[first] != '[')) return std::nullopt;
    Element e;
    if (parseQuotingOverflow(parser_, t, rewritten_, e) != simdjson::SUCCESS) return std::nullopt;
    return e;
}

}  // namespace quarry::json
