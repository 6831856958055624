// SPDX-License-Identifier: GPL-3.0-or-later
#include "plots/hourlyrateplot.h"

#include <algorithm>

#include "plots/plottheme.h"
#include "plots/visiblerequests.h"

namespace quarry::gui {

HourlyRatePlot::HourlyRatePlot(QWidget* parent) : QCustomPlot(parent) {
    setMinimumSize(120, 80);  // usable size: app/gui/usablesizes.cpp
    title_ =
        new QCPTextElement(this, tr("Requests per hour"), QFont(font().family(), 9, QFont::Bold));
    plotLayout()->insertRow(0);
    plotLayout()->addElement(0, 0, title_);
    bars_ = new QCPBars(xAxis, yAxis);
    bars_->setWidth(3600.0);
    bars_->setPen(Qt::NoPen);
    bars_->setBrush(QColor(0x2b, 0x7b, 0xd6, 200));
    xAxis->setTicker(utcTicker(QStringLiteral("MMM d")));
    yAxis->setLabel(tr("requests / h"));
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    axisRect()->setRangeDrag(Qt::Horizontal);
    axisRect()->setRangeZoom(Qt::Horizontal);
    followPalette(this);
}

QString HourlyRatePlot::title() const {
    return title_->text();
}

void HourlyRatePlot::setLoading() {
    loading_ = true;
    title_->setText(tr("Requests per hour — loading…"));
    replot(rpQueuedReplot);
}

void HourlyRatePlot::clearData(const QString& message) {
    loading_ = false;
    total_ = 0;
    bars_->data()->clear();
    title_->setText(message);
    replot(rpQueuedReplot);
}

void HourlyRatePlot::setData(const std::vector<HourCount>& hours) {
    loading_ = false;
    QVector<double> keys, values;
    total_ = 0;
    double top = 1;
    for (const HourCount& h : hours) {
        keys.push_back(toPlotKey(h.hour * kHourMs + kHourMs / 2));
        values.push_back(static_cast<double>(h.n));
        top = std::max(top, static_cast<double>(h.n));
        total_ += h.n;
    }
    bars_->setData(keys, values, true);
    title_->setText(tr("Requests per hour (UTC), whole case: %1").arg(total_));
    if (!hours.empty())
        xAxis->setRange(toPlotKey(hours.front().hour * kHourMs),
                        toPlotKey((hours.back().hour + 1) * kHourMs));
    yAxis->setRange(0, top * 1.1);
    replot(rpQueuedReplot);
}

}  // namespace quarry::gui
