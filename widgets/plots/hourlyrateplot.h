// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The whole case's requests per hour, small enough for the overview panel: bursts, night-time
// automation and idle gaps show at a glance.

#include <qcustomplot.h>

#include <vector>

#include "items/viewqueries.h"

namespace quarry::gui {

class HourlyRatePlot final : public QCustomPlot {
    Q_OBJECT
public:
    explicit HourlyRatePlot(QWidget* parent = nullptr);
    void setData(const std::vector<HourCount>& hours);
    void clearData(const QString& message);
    void setLoading();
    bool loading() const { return loading_; }
    int64_t total() const { return total_; }
    QString title() const;

private:
    QCPBars* bars_ = nullptr;
    QCPTextElement* title_ = nullptr;
    int64_t total_ = 0;
    bool loading_ = false;
};

}  // namespace quarry::gui
