// SPDX-License-Identifier: GPL-3.0-or-later
#include "plots/punchcardplot.h"

namespace quarry::gui {

PunchcardPlot::PunchcardPlot(QWidget* parent) : ColorGridPlot(tr("Hour of week"), parent) {
    setRowLabels({tr("Mon"), tr("Tue"), tr("Wed"), tr("Thu"), tr("Fri"), tr("Sat"), tr("Sun")});
    QSharedPointer<QCPAxisTickerFixed> hours(new QCPAxisTickerFixed);
    hours->setTickStep(3);
    hours->setScaleStrategy(QCPAxisTickerFixed::ssNone);
    xAxis->setTicker(hours);
    xAxis->setLabel(tr("hour of day (UTC)"));
    connect(this, &ColorGridPlot::gridCellClicked, this,
            [this](int col, int row) { emit cellClicked(row, col); });
    connect(this, &ColorGridPlot::gridCellContextMenuRequested, this,
            [this](int col, int row, QPoint pos) { emit cellContextMenuRequested(row, col, pos); });
}

void PunchcardPlot::clearData(const QString& message) {
    data_ = Punchcard{};
    clearGrid(message);
}

void PunchcardPlot::setData(const Punchcard& counts, const QString& title) {
    data_ = counts;
    setGrid(
        24, 7, 0, 1,
        [&counts](int hour, int weekday) { return static_cast<double>(counts.at(weekday, hour)); },
        title);
}

}  // namespace quarry::gui
