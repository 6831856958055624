// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands.h"

namespace quarry::cli {

int cmdGenerate(const QStringList&) { return fail(QStringLiteral("generate: not built yet")); }

}  // namespace quarry::cli
