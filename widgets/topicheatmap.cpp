// SPDX-License-Identifier: GPL-3.0-or-later
#include "topicheatmap.h"

#include "plottheme.h"

namespace quarry::gui {
namespace {

double dayCenter(int64_t day) { return static_cast<double>(day * kDayMs + kDayMs / 2) / 1000.0; }

}  // namespace

TopicHeatmap::TopicHeatmap(QWidget* parent) : QCustomPlot(parent) {
    setMinimumHeight(200);
    title_ = new QCPTextElement(this, tr("Topics by day"), QFont(font().family(), 10, QFont::Bold));
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
    map_->setTightBoundary(true);
    auto* margins = new QCPMarginGroup(this);
    rect->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    scale_->setMarginGroup(QCP::msBottom | QCP::msTop, margins);

    QSharedPointer<QCPAxisTickerDateTime> dates(new QCPAxisTickerDateTime);
    dates->setDateTimeSpec(Qt::UTC);
    dates->setDateTimeFormat(QStringLiteral("MMM d"));
    xAxis->setTicker(dates);
    xAxis->setLabel(tr("day (UTC)"));
    yAxis->setRangeReversed(true);
    xAxis->grid()->setVisible(false);
    yAxis->grid()->setVisible(false);

    mark_ = new QCPItemRect(this);
    mark_->setPen(QPen(QColor(0x00, 0xc8, 0xff), 2));
    mark_->setBrush(Qt::NoBrush);
    mark_->setVisible(false);
    mark_->topLeft->setAxes(xAxis, yAxis);
    mark_->bottomRight->setAxes(xAxis, yAxis);
    applyPlotTheme(this, palette());
}

void TopicHeatmap::setTopics(const TopicTable& topics) {
    topics_ = topics;
    QSharedPointer<QCPAxisTickerText> names(new QCPAxisTickerText);
    for (const Topic& t : topics_.topics) names->addTick(t.row, t.name);
    yAxis->setTicker(names);
    clearData(tr("No analysis in this case"));
}

void TopicHeatmap::clearData(const QString& message) {
    data_ = HeatmapData{};
    map_->data()->clear();
    mark_->setVisible(false);
    title_->setText(message);
    replot(rpQueuedReplot);
}

void TopicHeatmap::setData(const HeatmapData& counts, const QString& title) {
    data_ = counts;
    mark_->setVisible(false);
    title_->setText(title);
    const int rows = static_cast<int>(topics_.topics.size());
    if (counts.days <= 0 || rows == 0) {
        map_->data()->clear();
        replot(rpQueuedReplot);
        return;
    }
    map_->data()->setSize(counts.days, rows);
    map_->data()->setRange(QCPRange(dayCenter(counts.firstDay), dayCenter(counts.firstDay + counts.days - 1)),
                           QCPRange(0, rows - 1));
    for (int row = 0; row < rows; ++row)
        for (int d = 0; d < counts.days; ++d)
            map_->data()->setCell(d, row, static_cast<double>(counts.at(row, counts.firstDay + d)));
    map_->rescaleDataRange(true);
    xAxis->setRange(dayCenter(counts.firstDay) - 43200.0, dayCenter(counts.firstDay + counts.days - 1) + 43200.0);
    yAxis->setRange(-0.5, rows - 0.5);
    replot(rpQueuedReplot);
}

QPoint TopicHeatmap::cellCenter(int64_t day, int row) const {
    if (data_.days <= 0 || day < data_.firstDay || day >= data_.firstDay + data_.days || row < 0 ||
        row >= static_cast<int>(topics_.topics.size()))
        return {};
    return QPoint(qRound(xAxis->coordToPixel(dayCenter(day))), qRound(yAxis->coordToPixel(row)));
}

void TopicHeatmap::markCell(int64_t day, int row) {
    mark_->topLeft->setCoords(dayCenter(day) - 43200.0, row - 0.5);
    mark_->bottomRight->setCoords(dayCenter(day) + 43200.0, row + 0.5);
    mark_->setVisible(true);
    replot(rpQueuedReplot);
}

void TopicHeatmap::mousePressEvent(QMouseEvent* event) {
    QCustomPlot::mousePressEvent(event);
    if (event->button() != Qt::LeftButton || data_.days <= 0 || !axisRect()->rect().contains(event->pos())) return;
    int col = -1, row = -1;
    map_->data()->coordToCell(xAxis->pixelToCoord(event->position().x()),
                              yAxis->pixelToCoord(event->position().y()), &col, &row);
    if (col < 0 || col >= data_.days || row < 0 || row >= static_cast<int>(topics_.topics.size())) return;
    const int64_t day = data_.firstDay + col;
    markCell(day, row);
    emit cellClicked(day, topics_.topics[static_cast<size_t>(row)].id);
}

void TopicHeatmap::changeEvent(QEvent* event) {
    QCustomPlot::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPlotTheme(this, palette());
        replot(rpQueuedReplot);
    }
}

}  // namespace quarry::gui
