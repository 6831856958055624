// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The evidence bundle's rendered members: report.pdf (A4) and, per chart,
// charts/<n>-timeline.png|pdf and charts/<n>-heatmap.png|pdf (n = 1, 2, ... in the report's cluster
// order). Names are fixed; nothing from the logs ever becomes a file name. Needs a QGuiApplication
// (offscreen is fine).

#include <QByteArray>
#include <QString>

#include <vector>

#include "evidence/bundle.h"

namespace quarry::report {

QByteArray reportPdf(const evidence::BundleContext& ctx);

bool renderReportMembers(const evidence::BundleContext& ctx,
                         std::vector<evidence::ExtraMember>& out, QString* error);

// Sets BundleOptions::extraMembers to renderReportMembers.
void addReportMembers(evidence::BundleOptions& options);

}  // namespace quarry::report
