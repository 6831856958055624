// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands.h"

namespace quarry::cli {

int cmdImport(const QStringList&) { return fail(QStringLiteral("import: not built yet")); }

}  // namespace quarry::cli
