// SPDX-License-Identifier: GPL-3.0-or-later
#include "plots/colorgridplot.h"

#include <QHelpEvent>
#include <QLocale>
#include <QToolTip>

#include <algorithm>
#include <cmath>

#include "plots/fittedtextticker.h"
#include "plots/plottheme.h"

namespace quarry::gui {

ColorGridPlot::ColorGridPlot(const QString& title, QWidget* parent) : QCustomPlot(parent) {
    setMinimumSize(160, 120);  // usable size: app/gui/usablesizes.cpp
    title_ = new QCPTextElement(this, title, QFont(font().family(), 10, QFont::Bold));
    plotLayout()->insertRow(0);
    plotLayout()->addElement(0, 0, title_);
    QCPAxisRect* rect = axisRect();
    map_ = new QCPColorMap(xAxis, yAxis);
    scale_ = new QCPColorScale(this);
    plotLayout()->addElement(1, 1, scale_);
    scale_->setType(QCPAxis::atRight);
    scale_->axis()->setLabel(tr("requests"));
    map_->setColorScale(scale_);
    map_->setGradient(QCPColorGradient(QCPColorGradient::gpThermal));
    map_->setInterpolate(false);
    map_->setTightBoundary(false);  // cells centered on their coordinates, edges half a cell out
    auto* margins = new QCPMarginGroup(this);
    rect->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    scale_->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    yAxis->setRangeReversed(true);
    xAxis->grid()->setVisible(false);
    yAxis->grid()->setVisible(false);

    mark_ = new QCPItemRect(this);
    mark_->setPen(QPen(QColor(0x00, 0xc8, 0xff), 2));
    mark_->setBrush(Qt::NoBrush);
    mark_->setVisible(false);
    mark_->topLeft->setAxes(xAxis, yAxis);
    mark_->bottomRight->setAxes(xAxis, yAxis);
    followPalette(this);
}

QString ColorGridPlot::title() const {
    return title_->text();
}

void ColorGridPlot::setLoading(const QString& message) {
    loading_ = true;
    title_->setText(message);
    replot(rpQueuedReplot);
}

void ColorGridPlot::clearGrid(const QString& message) {
    loading_ = false;
    cols_ = rows_ = 0;
    map_->data()->clear();
    mark_->setVisible(false);
    title_->setText(message);
    replot(rpQueuedReplot);
}

namespace {

QSharedPointer<FittedTextTicker> namedTicks(const QStringList& labels) {
    QSharedPointer<FittedTextTicker> names(new FittedTextTicker);
    for (int i = 0; i < labels.size(); ++i) names->addTick(i, labels.at(i));
    return names;
}

// The full name an axis gives `coord` (empty for an axis of numbers or dates).
QString fullName(const QCPAxis* axis, double coord) {
    const auto* names = dynamic_cast<const FittedTextTicker*>(axis->ticker().data());
    return names ? names->fullLabel(coord) : QString();
}

}  // namespace

void ColorGridPlot::setRowLabels(const QStringList& labels) {
    yAxis->setTicker(namedTicks(labels));
}

void ColorGridPlot::setColumnLabels(const QStringList& labels) {
    xAxis->setTicker(namedTicks(labels));
}

void ColorGridPlot::setGrid(int cols, int rows, double x0, double dx,
                            const std::function<double(int, int)>& value, const QString& title) {
    loading_ = false;
    mark_->setVisible(false);
    title_->setText(title);
    if (cols <= 0 || rows <= 0) {
        cols_ = rows_ = 0;
        map_->data()->clear();
        replot(rpQueuedReplot);
        return;
    }
    cols_ = cols;
    rows_ = rows;
    x0_ = x0;
    dx_ = dx;
    // QCPColorMap sizes a cell from the distance between cell centers, so a single column or
    // row is stored as two half-width copies that together cover the one cell.
    const int keys = std::max(cols, 2), values = std::max(rows, 2);
    map_->data()->setSize(keys, values);
    map_->data()->setRange(
        cols > 1 ? QCPRange(x0, x0 + (cols - 1) * dx) : QCPRange(x0 - dx / 4, x0 + dx / 4),
        rows > 1 ? QCPRange(0, rows - 1) : QCPRange(-0.25, 0.25));
    for (int r = 0; r < values; ++r)
        for (int c = 0; c < keys; ++c)
            map_->data()->setCell(c, r, value(std::min(c, cols - 1), std::min(r, rows - 1)));
    // Counts start at nothing: a scale from the smallest cell would paint a half-busy day as
    // an empty one.
    map_->rescaleDataRange(true);
    map_->setDataRange(QCPRange(0, std::max(map_->dataRange().upper, 1e-9)));
    xAxis->setRange(x0 - dx / 2, x0 + (cols - 0.5) * dx);
    yAxis->setRange(-0.5, rows - 0.5);
    replot(rpQueuedReplot);
}

QCPRange ColorGridPlot::colorRange() const {
    return map_->dataRange();
}

QPoint ColorGridPlot::cellPoint(int col, int row) const {
    if (col < 0 || col >= cols_ || row < 0 || row >= rows_) return {};
    return QPoint(qRound(xAxis->coordToPixel(x0_ + col * dx_)), qRound(yAxis->coordToPixel(row)));
}

void ColorGridPlot::markCell(int col, int row) {
    const double x = x0_ + col * dx_;
    mark_->topLeft->setCoords(x - dx_ / 2, row - 0.5);
    mark_->bottomRight->setCoords(x + dx_ / 2, row + 0.5);
    mark_->setVisible(true);
    replot(rpQueuedReplot);
}

bool ColorGridPlot::cellAt(const QPointF& pos, int* col, int* row) const {
    if (cols_ <= 0 || !axisRect()->rect().contains(pos.toPoint())) return false;
    *col = static_cast<int>(std::floor((xAxis->pixelToCoord(pos.x()) - x0_) / dx_ + 0.5));
    *row = static_cast<int>(std::floor(yAxis->pixelToCoord(pos.y()) + 0.5));
    return *col >= 0 && *col < cols_ && *row >= 0 && *row < rows_;
}

void ColorGridPlot::mousePressEvent(QMouseEvent* event) {
    QCustomPlot::mousePressEvent(event);
    int col = 0, row = 0;
    if (event->button() != Qt::LeftButton || !cellAt(event->position(), &col, &row)) return;
    markCell(col, row);
    emit gridCellClicked(col, row);
}

QString ColorGridPlot::toolTipAt(const QPoint& pos, QRect* area) const {
    if (cols_ <= 0) return {};
    const QRect rect = axisRect()->rect();
    // Pixels from coordinate a to b on each axis (either way round).
    const auto span = [](const QCPAxis* axis, double a, double b) {
        const double p = axis->coordToPixel(a), q = axis->coordToPixel(b);
        return std::make_pair(qRound(std::min(p, q)), qRound(std::max(p, q)));
    };
    int col = 0, row = 0;
    if (cellAt(pos, &col, &row)) {
        // The cell: its row's and column's names as far as they are names, and its count.
        const double x = x0_ + col * dx_;
        const auto [left, right] = span(xAxis, x - dx_ / 2, x + dx_ / 2);
        const auto [top, bottom] = span(yAxis, row - 0.5, row + 0.5);
        *area = QRect(QPoint(left, top), QPoint(right, bottom));
        QStringList where;
        for (const QString& name : {fullName(yAxis, row), fullName(xAxis, x)})
            if (!name.isEmpty()) where << name;
        const QString count =
            tr("%1 requests").arg(QLocale().toString(map_->data()->cell(col, row), 'f', 0));
        return where.isEmpty() ? count : tr("%1: %2").arg(where.join(QStringLiteral(" · ")), count);
    }
    // The tick labels beside the grid: the name under the pointer, whole.
    if (pos.x() < rect.left() && pos.y() >= rect.top() && pos.y() <= rect.bottom()) {
        const double at = std::round(yAxis->pixelToCoord(pos.y()));
        const auto [top, bottom] = span(yAxis, at - 0.5, at + 0.5);
        *area = QRect(QPoint(0, top), QPoint(rect.left(), bottom));
        return fullName(yAxis, at);
    }
    if (pos.y() > rect.bottom() && pos.x() >= rect.left() && pos.x() <= rect.right()) {
        const double at = std::round(xAxis->pixelToCoord(pos.x()));
        const auto [left, right] = span(xAxis, at - 0.5, at + 0.5);
        *area = QRect(QPoint(left, rect.bottom()), QPoint(right, height()));
        return fullName(xAxis, at);
    }
    return {};
}

bool ColorGridPlot::event(QEvent* event) {
    if (event->type() != QEvent::ToolTip) return QCustomPlot::event(event);
    auto* help = static_cast<QHelpEvent*>(event);
    QRect area;
    const QString text = toolTipAt(help->pos(), &area);
    if (text.isEmpty()) {
        // Elsewhere (the title, the colour scale): the widget's own tooltip, if it has one.
        QToolTip::hideText();
        return QCustomPlot::event(event);
    }
    // Shown until the pointer leaves the cell or the name it is about.
    QToolTip::showText(help->globalPos(), text, this, area);
    return true;
}

void ColorGridPlot::contextMenuEvent(QContextMenuEvent* event) {
    int col = 0, row = 0;
    if (!cellAt(event->pos(), &col, &row)) return QCustomPlot::contextMenuEvent(event);
    emit gridCellContextMenuRequested(col, row, event->globalPos());
}

}  // namespace quarry::gui
