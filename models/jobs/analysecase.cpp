// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysecase.h"

#include "store/casefile.h"

namespace quarry::jobs {

bool analyseCase(const QString& casePath, const AnalysisOptions& options, AnalysisSummary& summary,
                 QString* error) {
    auto file = CaseFile::open(casePath, CaseFile::Access::ReadWrite, error);
    return file && analyzeCase(*file, options, summary, error);
}

}  // namespace quarry::jobs
