// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// An account's reasons as the account table shows them: the JSON array analysis stores,
// joined with "; ". What SQLite's json_each and group_concat gave, read in C++: at 84,000
// accounts the SQL functions were most of the time it took to load the account table.

#include <QString>

#include <string_view>

namespace quarry::gui {

// The array's values in order joined by `separator` (strings as they are, numbers and
// booleans as text, nested arrays and objects as JSON, nulls left out); an object's values in
// key order; an empty string for text that is not JSON.
QString joinReasons(std::string_view json, QStringView separator = u"; ");

}  // namespace quarry::gui
