// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// topic x time counts (by day or by hour). Clicking a cell reports its time span and topic so
// the window can filter the timeline and the request list to them.

#include "plots/colorgridplot.h"
#include "items/viewqueries.h"

namespace quarry::gui {

class TopicHeatmap final : public ColorGridPlot {
    Q_OBJECT
public:
    explicit TopicHeatmap(QWidget* parent = nullptr);

    void setTopics(const TopicTable& topics);
    void setData(const TopicTimeGrid& counts, const QString& title);
    void setData(const HeatmapData& counts, const QString& title) {
        setData(fromHeatmapData(counts), title);
    }
    void clearData(const QString& message);
    const TopicTimeGrid& heatmapData() const { return data_; }

    // Pixel center of the cell holding time bucket `bucket` (floor(ts / bucketMs)) and topic row.
    QPoint cellCenter(int64_t bucket, int row) const;

signals:
    // The clicked cell's day (its first ms's day) and topic.
    void cellClicked(qint64 day, qint64 topicId);
    // The clicked cell's span, fromMs <= ts < toMs.
    void cellRangeClicked(qint64 fromMs, qint64 toMs, qint64 topicId);
    // A right-click on a cell: its span and topic, for its context menu.
    void cellContextMenuRequested(qint64 fromMs, qint64 toMs, qint64 topicId, QPoint globalPos);

private:
    TopicTable topics_;
    TopicTimeGrid data_;
};

}  // namespace quarry::gui
