// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <simdjson.h>

#include <string>

namespace quarry {

// The user's text of a chat transcript: the content of every "user" turn, oldest first, joined
// by blank lines. Content is a string or an array of parts whose "text" is taken (OpenAI and
// Anthropic shapes). Appends to out; false when no user turn had text.
bool appendUserText(simdjson::dom::array messages, std::string& out);

// The user's text of a request body as gateways store it: its "messages" (chat), else its
// "prompt" (text completion: a string or an array of strings), else its "input" (Responses
// API and embeddings: a string, strings, or messages). A body wrapped as
// {"body": {...}} (older LiteLLM proxy_server_request) is unwrapped first. Appends to out.
bool appendRequestUserText(simdjson::dom::element body, std::string& out);

}  // namespace quarry
