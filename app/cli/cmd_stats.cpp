// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands.h"

namespace quarry::cli {

int cmdStats(const QStringList&) { return fail(QStringLiteral("stats: not built yet")); }

}  // namespace quarry::cli
