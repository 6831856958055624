// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Qt's platform plugins ask for XDG_RUNTIME_DIR; where it is unset (a cron job, ssh, a container)
// Qt prints "QStandardPaths: XDG_RUNTIME_DIR not set, defaulting to ..." on stderr of every run,
// noise in front of quarry-cli's one-line errors. Call before the Q*Application is created.

namespace quarry {

// When XDG_RUNTIME_DIR is unset: uses (creating it) <tmp>/quarry-runtime-<uid>, a folder owned by
// this user with mode 0700 (the XDG Base Directory rules for it), and sets the variable. Leaves
// the variable unset (Qt then warns as before) when that folder exists but belongs to someone
// else or is not private.
void ensureRuntimeDir();

}  // namespace quarry
