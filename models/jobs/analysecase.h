// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The one way to run an analysis on a case file, for quarry-cli analyze, the dashboard's
// Case › Analyze and the demo case. Progress and cancel are AnalysisOptions::progress/cancel.

#include <QString>

#include "analysis/analyzer.h"

namespace quarry::jobs {

// Opens the case for writing on the calling thread (run it on a worker) and analyses it in one
// transaction. A cancelled run fails and leaves the previous analysis as it was.
bool analyseCase(const QString& casePath, const AnalysisOptions& options, AnalysisSummary& summary,
                 QString* error);

}  // namespace quarry::jobs
