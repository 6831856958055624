// SPDX-License-Identifier: GPL-3.0-or-later
#include "chatmessages.h"

#include <string_view>

namespace quarry {
namespace {

void appendPart(std::string_view text, std::string& out) {
    if (text.empty()) return;
    if (!out.empty()) out += "\n\n";
    out += text;
}

// A string, or an array of strings / parts with "text".
bool appendContent(simdjson::dom::element content, std::string& out) {
    const size_t before = out.size();
    std::string_view s;
    if (content.get(s) == simdjson::SUCCESS) {
        appendPart(s, out);
    } else {
        simdjson::dom::array parts;
        if (content.get(parts) != simdjson::SUCCESS) return false;
        for (simdjson::dom::element part : parts) {
            std::string_view t;
            if (part.get(t) == simdjson::SUCCESS || part["text"].get(t) == simdjson::SUCCESS)
                appendPart(t, out);
        }
    }
    return out.size() > before;
}

}  // namespace

bool appendUserText(simdjson::dom::array messages, std::string& out) {
    bool any = false;
    for (simdjson::dom::element m : messages) {
        if (!m.is_object()) continue;
        std::string_view role;
        if (m["role"].get(role) != simdjson::SUCCESS || role != "user") continue;
        simdjson::dom::element content;
        if (m["content"].get(content) == simdjson::SUCCESS)
            any = appendContent(content, out) || any;
    }
    return any;
}

bool appendRequestUserText(simdjson::dom::element body, std::string& out) {
    simdjson::dom::element inner;
    if (body.is_object() && body["body"].get(inner) == simdjson::SUCCESS && inner.is_object())
        body = inner;
    simdjson::dom::array messages;
    if (body.get(messages) == simdjson::SUCCESS) return appendUserText(messages, out);
    if (!body.is_object()) return false;
    if (body["messages"].get(messages) == simdjson::SUCCESS && appendUserText(messages, out))
        return true;
    simdjson::dom::element value;
    if (body["prompt"].get(value) == simdjson::SUCCESS && appendContent(value, out)) return true;
    if (body["input"].get(value) == simdjson::SUCCESS) {
        simdjson::dom::array items;
        // Responses API input: a string, or items of which user messages carry the text.
        if (value.get(items) == simdjson::SUCCESS) {
            simdjson::dom::element first;
            if (items.at(0).get(first) == simdjson::SUCCESS && first.is_object())
                return appendUserText(items, out);
        }
        return appendContent(value, out);
    }
    return false;
}

}  // namespace quarry
