// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Requests by UTC weekday x hour of day: working-hours campaigns and round-the-clock scripts
// look different at a glance.

#include "plots/colorgridplot.h"
#include "items/viewqueries.h"

namespace quarry::gui {

class PunchcardPlot final : public ColorGridPlot {
    Q_OBJECT
public:
    explicit PunchcardPlot(QWidget* parent = nullptr);
    void setData(const Punchcard& counts, const QString& title);
    void clearData(const QString& message);
    const Punchcard& punchcard() const { return data_; }
    QPoint cellCenter(int weekday, int hour) const { return cellPoint(hour, weekday); }

signals:
    void cellClicked(int weekday, int hour);
    // A right-click on a cell, for its context menu.
    void cellContextMenuRequested(int weekday, int hour, QPoint globalPos);

private:
    Punchcard data_;
};

}  // namespace quarry::gui
