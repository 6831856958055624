// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands.h"

namespace quarry::cli {

int cmdExport(const QStringList&) { return fail(QStringLiteral("export: not implemented yet")); }

}  // namespace quarry::cli
