// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <simdjson.h>

#include <string>

namespace quarry {

// The user's text of an LLM request, whatever shape the gateway logged it in, joined with blank
// lines: the user turns of a chat "messages" array (OpenAI, Anthropic, Bedrock Converse: content
// as a string or as parts with "text"; OpenTelemetry gen_ai.input.messages: parts with
// "content"; Gemini "contents" with "parts"), a request body holding one of those ("messages",
// "contents", "input"), or a completion body's "prompt"/"inputText". Appends to `out` and returns
// true when it found user text; false leaves `out` as it was.
bool appendUserText(simdjson::dom::element request, std::string& out);

// appendUserText, else the value as minified JSON (or the string itself): a prompt is kept even
// when its shape is unknown.
std::string userTextOrJson(simdjson::dom::element request);

}  // namespace quarry
