// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsontext.h"

#include <vector>

namespace quarry::json {

namespace {

using simdjson::dom::element_type;

// One open array or object: where its walk stands and where it ends.
struct Open {
    bool isObject;
    bool first = true;
    simdjson::dom::array::iterator item{}, itemsEnd{};
    simdjson::dom::object::iterator member{}, membersEnd{};
};

}  // namespace

std::string minified(simdjson::dom::element value) {
    // simdjson's own formatter, so strings are escaped and numbers written exactly as
    // simdjson::minify() does; only the walk over the value is ours. (The formatter is in
    // simdjson's internal namespace; Debian's libsimdjson-dev pins the version we build with.)
    simdjson::internal::mini_formatter out;
    std::vector<Open> open;
    simdjson::dom::element next = value;
    bool haveNext = true;  // `next` is a value still to write
    for (;;) {
        if (haveNext) {
            haveNext = false;
            switch (next.type()) {
                case element_type::ARRAY: {
                    const simdjson::dom::array a = next.get_array().value_unsafe();
                    out.start_array();
                    Open o{false};
                    o.item = a.begin();
                    o.itemsEnd = a.end();
                    open.push_back(o);
                    break;
                }
                case element_type::OBJECT: {
                    const simdjson::dom::object obj = next.get_object().value_unsafe();
                    out.start_object();
                    Open o{true};
                    o.member = obj.begin();
                    o.membersEnd = obj.end();
                    open.push_back(o);
                    break;
                }
                case element_type::STRING:
                    out.string(next.get_string().value_unsafe());
                    break;
                case element_type::INT64:
                    out.number(next.get_int64().value_unsafe());
                    break;
                case element_type::UINT64:
                    out.number(next.get_uint64().value_unsafe());
                    break;
                case element_type::DOUBLE:
                    out.number(next.get_double().value_unsafe());
                    break;
                case element_type::BOOL:
                    if (next.get_bool().value_unsafe())
                        out.true_atom();
                    else
                        out.false_atom();
                    break;
                case element_type::NULL_VALUE:
                    out.null_atom();
                    break;
            }
        }
        if (open.empty()) break;
        Open& top = open.back();
        if (top.isObject ? top.member == top.membersEnd : top.item == top.itemsEnd) {
            if (top.isObject)
                out.end_object();
            else
                out.end_array();
            open.pop_back();
            continue;
        }
        if (!top.first) out.comma();
        top.first = false;
        if (top.isObject) {
            const simdjson::dom::key_value_pair kv = *top.member;
            ++top.member;
            out.key(kv.key);
            next = kv.value;
        } else {
            next = *top.item;
            ++top.item;
        }
        haveNext = true;
    }
    return std::string(out.str());
}

}  // namespace quarry::json
