// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The dashboard's one way into evidence bundles: every export (the Export Evidence dialog, and
// later hooks such as the PDF report) goes through runExport.

#include <QString>

#include "evidence/bundle.h"

namespace quarry::gui {

// Opens the case for writing on the calling thread (run it on a worker), writes the bundle and
// records the export in the audit trail. On failure or cancel nothing is left at outPath, nor
// its .part file.
bool runExport(const QString& casePath, const evidence::BundleOptions& options,
               const QString& outPath, evidence::BundleResult& result, QString* error);

}  // namespace quarry::gui
