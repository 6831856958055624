// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands.h"

namespace quarry::cli {

int cmdTag(const QStringList&) { return fail(QStringLiteral("tag: not implemented yet")); }

}  // namespace quarry::cli
