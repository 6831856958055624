// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// topic x day counts as a QCPColorMap with a color scale beside it. Clicking a cell reports
// its day and topic so the window can filter the timeline to them.

#include <qcustomplot.h>

#include "casequeries.h"

namespace quarry::gui {

class TopicHeatmap final : public QCustomPlot {
    Q_OBJECT
public:
    explicit TopicHeatmap(QWidget* parent = nullptr);

    void setTopics(const TopicTable& topics);
    void setData(const HeatmapData& counts, const QString& title);
    void clearData(const QString& message);
    const HeatmapData& heatmapData() const { return data_; }

    // Pixel center of a cell (for tests and keyboard use); invalid when out of range.
    QPoint cellCenter(int64_t day, int row) const;

signals:
    void cellClicked(qint64 day, qint64 topicId);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void markCell(int64_t day, int row);

    TopicTable topics_;
    HeatmapData data_;
    QCPColorMap* map_ = nullptr;
    QCPColorScale* scale_ = nullptr;
    QCPTextElement* title_ = nullptr;
    QCPItemRect* mark_ = nullptr;
};

}  // namespace quarry::gui
