// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The one way into evidence bundles, for quarry-cli export and the dashboard's Export Evidence
// dialog: both write the same members, report.pdf and charts/ included. Progress and cancel are
// BundleOptions::progress/cancel.

#include <QString>

#include "evidence/bundle.h"

namespace quarry::jobs {

// Opens the case for writing on the calling thread (run it on a worker), writes the bundle and
// records the export in the audit trail. On failure or cancel nothing is left at outPath, nor
// its .part file.
bool exportEvidence(const QString& casePath, const evidence::BundleOptions& options,
                    const QString& outPath, evidence::BundleResult& result, QString* error);

}  // namespace quarry::jobs
