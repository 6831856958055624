// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidenceexport.h"

#include <QFile>

#include "report/reportmembers.h"
#include "store/casefile.h"

namespace quarry::gui {

bool runExport(const QString& casePath, const evidence::BundleOptions& options,
               const QString& outPath, evidence::BundleResult& result, QString* error) {
    QString why;
    auto file = CaseFile::open(casePath, CaseFile::Access::ReadWrite, &why);
    if (!file) {
        if (error) *error = QStringLiteral("Cannot open %1 for writing: %2").arg(casePath, why);
        return false;
    }
    // The same report.pdf and charts/ as quarry-cli export (QPainter on QImage/QPdfWriter is
    // fine off the GUI thread).
    evidence::BundleOptions withReport = options;
    if (!withReport.extraMembers) report::addReportMembers(withReport);
    if (evidence::exportBundle(*file, withReport, outPath, result, error)) return true;
    // exportBundle cleans up after itself; this guards the dialog's promise against a failure
    // between the .part file and its rename.
    QFile::remove(outPath + QStringLiteral(".part"));
    return false;
}

}  // namespace quarry::gui
