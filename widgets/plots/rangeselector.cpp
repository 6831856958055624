// SPDX-License-Identifier: GPL-3.0-or-later
#include "plots/rangeselector.h"

#include <QKeyEvent>
#include <QMouseEvent>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace quarry::gui {

RangeSelector::RangeSelector(QCustomPlot* plot) : QObject(plot), plot_(plot) {
    plot_->installEventFilter(this);
    if (plot_->focusPolicy() == Qt::NoFocus) plot_->setFocusPolicy(Qt::ClickFocus);
}

void RangeSelector::setRects(const std::vector<QCPAxisRect*>& rects) {
    for (QCPItemRect* band : bands_) plot_->removeItem(band);
    bands_.clear();
    rects_ = rects;
    for (QCPAxisRect* rect : rects_) {
        auto* band = new QCPItemRect(plot_);
        band->setClipAxisRect(rect);
        band->topLeft->setType(QCPItemPosition::ptPlotCoords);
        band->topLeft->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        band->bottomRight->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        // Full height whatever the y range: x in plot coordinates, y relative to the rect.
        band->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
        band->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
        band->topLeft->setAxisRect(rect);
        band->bottomRight->setAxisRect(rect);
        band->setPen(QPen(QColor(0xff, 0x9f, 0x1c), 1));
        band->setBrush(QColor(0xff, 0x9f, 0x1c, 60));
        band->setSelectable(false);
        band->setVisible(false);
        bands_.push_back(band);
    }
    if (selected_) drawBand();
}

void RangeSelector::drawBand() {
    for (QCPItemRect* band : bands_) {
        band->topLeft->setCoords(static_cast<double>(from_) / 1000.0, 0);
        band->bottomRight->setCoords(static_cast<double>(to_) / 1000.0, 1);
        band->setVisible(dragging_ || selected_);
    }
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void RangeSelector::select(qint64 fromMs, qint64 toMs) {
    from_ = std::min(fromMs, toMs);
    to_ = std::max(fromMs, toMs);
    selected_ = true;
    drawBand();
    emit rangeSelected(from_, to_);
}

void RangeSelector::clear() {
    if (!selected_ && !dragging_) return;
    selected_ = dragging_ = false;
    drawBand();
    emit cleared();
}

QCPAxisRect* RangeSelector::rectAt(const QPoint& pos) const {
    for (QCPAxisRect* rect : rects_)
        if (rect->rect().contains(pos)) return rect;
    return nullptr;
}

qint64 RangeSelector::msAt(double x) const {
    return static_cast<qint64>(
        std::llround(dragRect_->axis(QCPAxis::atBottom)->pixelToCoord(x) * 1000.0));
}

bool RangeSelector::eventFilter(QObject* watched, QEvent* event) {
    if (watched != plot_) return false;
    switch (event->type()) {
        case QEvent::MouseButtonPress: {
            auto* e = static_cast<QMouseEvent*>(event);
            if (e->button() != Qt::LeftButton || !(e->modifiers() & Qt::ShiftModifier))
                return false;
            dragRect_ = rectAt(e->pos());
            if (!dragRect_) return false;
            plot_->setFocus(Qt::MouseFocusReason);
            dragging_ = true;
            selected_ = false;
            anchor_ = from_ = to_ = msAt(e->position().x());
            drawBand();
            return true;  // no pan while selecting
        }
        case QEvent::MouseMove: {
            if (!dragging_) return false;
            auto* e = static_cast<QMouseEvent*>(event);
            const qint64 at = msAt(e->position().x());
            from_ = std::min(anchor_, at);
            to_ = std::max(anchor_, at);
            drawBand();
            return true;
        }
        case QEvent::MouseButtonRelease: {
            if (!dragging_) return false;
            auto* e = static_cast<QMouseEvent*>(event);
            dragging_ = false;
            const qint64 at = msAt(e->position().x());
            if (at == anchor_) {  // a shift-click, not a drag
                drawBand();
                return true;
            }
            select(anchor_, at);
            return true;
        }
        case QEvent::KeyPress:
            if (static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape &&
                (selected_ || dragging_)) {
                clear();
                return true;
            }
            return false;
        default:
            return false;
    }
}

}  // namespace quarry::gui
