// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Moments marked on a time plot: a vertical line through the plot's axis rects and a short
// label at the top, e.g. the analyst's notes pinned to a time on the account timeline. Colours
// follow the palette (Link), so a marker reads on the light and the dark palette alike.

#include <QString>

#include <cstdint>
#include <vector>

class QCPAxisRect;
class QCPItemStraightLine;
class QCPItemText;
class QCustomPlot;

namespace quarry::gui {

struct TimeMarker {
    int64_t ms = 0;  // UTC epoch ms
    QString label;   // plain text (shown as is, elided)
};

class TimeMarkers {
public:
    // Lines span every rect in `rects` (one plot); the label sits in the first.
    TimeMarkers(QCustomPlot* plot, std::vector<QCPAxisRect*> rects);
    void set(const std::vector<TimeMarker>& markers);
    const std::vector<TimeMarker>& markers() const { return markers_; }

private:
    void clear();
    QCustomPlot* plot_;
    std::vector<QCPAxisRect*> rects_;
    std::vector<TimeMarker> markers_;
    std::vector<QCPItemStraightLine*> lines_;
    std::vector<QCPItemText*> labels_;
};

}  // namespace quarry::gui
