// SPDX-License-Identifier: GPL-3.0-or-later
#include "chattext.h"

#include "jsontext.h"

namespace quarry {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;

constexpr int kMaxDepth = 8;  // message shapes nest a few levels; hostile input may nest more

void appendPiece(std::string_view piece, std::string& out) {
    if (piece.empty()) return;
    if (!out.empty()) out += "\n\n";
    out += piece;
}

// The text of one message's content: a string, or parts carrying "text" (OpenAI, Anthropic,
// Bedrock Converse, Gemini) or "content" (OpenTelemetry's {"type":"text","content":...}).
bool appendContent(element content, std::string& out, int depth) {
    if (depth > kMaxDepth) return false;
    std::string_view s;
    if (content.get(s) == simdjson::SUCCESS) {
        appendPiece(s, out);
        return !s.empty();
    }
    array parts;
    if (content.get(parts) != simdjson::SUCCESS) return false;
    bool found = false;
    for (element part : parts) {
        if (part.get(s) == simdjson::SUCCESS) {
            appendPiece(s, out);
            found = found || !s.empty();
            continue;
        }
        std::string_view type;
        if (part["type"].get(type) == simdjson::SUCCESS && type != "text" && type != "input_text")
            continue;  // images, tool calls, tool results
        for (const char* key : {"text", "content"}) {
            element v;
            if (part[key].get(v) != simdjson::SUCCESS) continue;
            if (appendContent(v, out, depth + 1)) found = true;
            break;
        }
    }
    return found;
}

bool appendUserTurns(array messages, std::string& out, int depth) {
    bool found = false;
    for (element m : messages) {
        if (!m.is_object()) continue;
        std::string_view role;
        if (m["role"].get(role) != simdjson::SUCCESS) continue;
        if (role != "user" && role != "human") continue;
        for (const char* key : {"content", "parts"}) {
            element v;
            if (m[key].get(v) != simdjson::SUCCESS) continue;
            if (appendContent(v, out, depth + 1)) found = true;
            break;
        }
    }
    return found;
}

bool appendRequest(element request, std::string& out, int depth) {
    if (depth > kMaxDepth) return false;
    array a;
    if (request.get(a) == simdjson::SUCCESS) return appendUserTurns(a, out, depth);
    if (!request.is_object()) return false;
    for (const char* key : {"messages", "contents", "input"}) {
        element v;
        if (request[key].get(v) != simdjson::SUCCESS) continue;
        std::string_view s;
        if (v.get(s) == simdjson::SUCCESS) {  // OpenAI Responses API: "input" as a string
            appendPiece(s, out);
            return !s.empty();
        }
        if (appendRequest(v, out, depth + 1)) return true;
    }
    // Completion-style bodies: OpenAI/Bedrock "prompt", Amazon Titan "inputText".
    for (const char* key : {"prompt", "inputText"}) {
        std::string_view s;
        if (request[key].get(s) == simdjson::SUCCESS && !s.empty()) {
            appendPiece(s, out);
            return true;
        }
    }
    return false;
}

}  // namespace

bool appendUserText(element request, std::string& out) {
    const size_t before = out.size();
    if (appendRequest(request, out, 0)) return true;
    out.resize(before);
    return false;
}

std::string userTextOrJson(element request) {
    std::string text;
    if (appendUserText(request, text)) return text;
    std::string_view s;
    if (request.get(s) == simdjson::SUCCESS) return std::string(s);
    return json::minified(request);
}

}  // namespace quarry
