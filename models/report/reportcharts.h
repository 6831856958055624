// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The report's charts, painted with plain QPainter calls so that on a PDF device they stay vector
// graphics: a daily request timeline and a topic x day heatmap for one group of accounts (one
// chosen cluster, or the chosen accounts when no cluster was chosen).

#include <QRectF>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <utility>
#include <vector>

#include "evidence/bundlecontext.h"

class QPainter;

namespace quarry::report {

struct ChartGroup {
    QString title;  // "Cluster 12" or "Chosen accounts"
    int64_t firstDay = 0;
    std::vector<int64_t> totalPerDay;                                   // index: day - firstDay
    std::vector<std::pair<QString, std::vector<int64_t>>> topAccounts;  // the busiest few, per day
    QStringList topics;                      // heatmap rows, busiest first ("other topics" last)
    std::vector<std::vector<int64_t>> heat;  // [topic][day - firstDay]
    int64_t days() const { return static_cast<int64_t>(totalPerDay.size()); }
};

std::vector<ChartGroup> chartGroups(const evidence::BundleContext& ctx);

// Both paint inside rect, in logical units where a font pixel size of 10 reads well at 500 wide.
void paintTimeline(QPainter& p, const QRectF& rect, const ChartGroup& g);
void paintHeatmap(QPainter& p, const QRectF& rect, const ChartGroup& g);

// Text from the logs made safe to draw: line breaks become spaces, other control, format and
// bidi-override characters are shown escaped (displayText), and very long strings are cut (the
// CSVs hold the full text).
QString plain(const QString& s, int maxChars = 600);

}  // namespace quarry::report
