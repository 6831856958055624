// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands.h"

namespace quarry::cli {

int cmdVerify(const QStringList&) { return fail(QStringLiteral("verify: not implemented yet")); }

}  // namespace quarry::cli
