// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportevidence.h"

#include <QFile>

#include "report/reportmembers.h"
#include "store/casefile.h"

namespace quarry::jobs {

bool exportEvidence(const QString& casePath, const evidence::BundleOptions& options,
                    const QString& outPath, evidence::BundleResult& result, QString* error) {
    auto file = CaseFile::open(casePath, CaseFile::Access::ReadWrite, error);
    if (!file) return false;
    // report.pdf and charts/ (QPainter on QImage/QPdfWriter is fine off the GUI thread).
    evidence::BundleOptions withReport = options;
    if (!withReport.extraMembers) report::addReportMembers(withReport);
    if (evidence::exportBundle(*file, withReport, outPath, result, error)) return true;
    // exportBundle cleans up after itself; this guards the promise against a failure between
    // the .part file and its rename.
    QFile::remove(outPath + QStringLiteral(".part"));
    return false;
}

}  // namespace quarry::jobs
