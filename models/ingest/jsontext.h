// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <simdjson.h>

#include <string>

namespace quarry::json {

// A parsed value written back as minified JSON, byte for byte what simdjson::minify() writes,
// but walking the value with a stack on the heap. simdjson's own serializer calls itself once
// every 16 levels, so a record nested 100,000 deep (which the JSONL reader accepts) took
// thousands of stack frames and overflowed the stack of a worker thread or a sanitizer build.
// Here the depth of a value costs heap memory only, whatever the stack or the frame size.
std::string minified(simdjson::dom::element value);

}  // namespace quarry::json
