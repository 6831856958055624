// SPDX-License-Identifier: GPL-3.0-or-later
#include "plots/timemarkers.h"

#include <qcustomplot.h>

#include "plots/visiblerequests.h"

namespace quarry::gui {
namespace {

constexpr int kLabelChars = 40;

}  // namespace

TimeMarkers::TimeMarkers(QCustomPlot* plot, std::vector<QCPAxisRect*> rects)
    : plot_(plot), rects_(std::move(rects)) {}

void TimeMarkers::clear() {
    for (QCPItemStraightLine* l : lines_) plot_->removeItem(l);
    for (QCPItemText* t : labels_) plot_->removeItem(t);
    lines_.clear();
    labels_.clear();
}

void TimeMarkers::set(const std::vector<TimeMarker>& markers) {
    clear();
    markers_ = markers;
    const QColor colour = plot_->palette().color(QPalette::Link);
    for (const TimeMarker& m : markers_) {
        const double key = toPlotKey(m.ms);
        for (QCPAxisRect* rect : rects_) {
            auto* line = new QCPItemStraightLine(plot_);
            line->setClipAxisRect(rect);
            for (QCPItemPosition* p : {line->point1, line->point2}) {
                p->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
                p->setTypeY(QCPItemPosition::ptAxisRectRatio);
                p->setAxisRect(rect);
            }
            line->point1->setCoords(key, 0);
            line->point2->setCoords(key, 1);
            line->setPen(QPen(colour, 1.5, Qt::DashLine));
            lines_.push_back(line);
        }
        if (rects_.empty()) continue;
        QCPAxisRect* top = rects_.front();
        auto* label = new QCPItemText(plot_);
        label->setClipAxisRect(top);
        label->position->setAxes(top->axis(QCPAxis::atBottom), top->axis(QCPAxis::atLeft));
        label->position->setAxisRect(top);
        label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        label->position->setCoords(key, 0.02);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        QString text = m.label.simplified();
        if (text.size() > kLabelChars) text = text.left(kLabelChars - 1) + QChar(0x2026);
        label->setText(QStringLiteral("✎ ") + text);
        label->setColor(colour);
        label->setPadding(QMargins(3, 1, 3, 1));
        labels_.push_back(label);
    }
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace quarry::gui
