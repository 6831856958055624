// SPDX-License-Identifier: GPL-3.0-or-later
#include "plots/topicheatmap.h"

namespace quarry::gui {

TopicHeatmap::TopicHeatmap(QWidget* parent) : ColorGridPlot(tr("Topics by day"), parent) {
    QSharedPointer<QCPAxisTickerDateTime> dates(new QCPAxisTickerDateTime);
    dates->setDateTimeSpec(Qt::UTC);
    dates->setDateTimeFormat(QStringLiteral("MMM d\nHH:mm"));
    xAxis->setTicker(dates);
    xAxis->setLabel(tr("time (UTC)"));
    const auto cell = [this](int col, int row) {
        return std::make_pair((data_.firstBucket + col) * data_.bucketMs,
                              topics_.topics[static_cast<size_t>(row)].id);
    };
    connect(this, &ColorGridPlot::gridCellClicked, this, [this, cell](int col, int row) {
        const auto [from, topic] = cell(col, row);
        emit cellClicked(from / kDayMs, topic);
        emit cellRangeClicked(from, from + data_.bucketMs, topic);
    });
    connect(this, &ColorGridPlot::gridCellContextMenuRequested, this,
            [this, cell](int col, int row, QPoint globalPos) {
                const auto [from, topic] = cell(col, row);
                emit cellContextMenuRequested(from, from + data_.bucketMs, topic, globalPos);
            });
}

void TopicHeatmap::setTopics(const TopicTable& topics) {
    topics_ = topics;
    setRowLabels(topicRowLabels(topics_));  // as the timeline's lanes name them
    clearData(tr("No analysis in this case"));
}

void TopicHeatmap::clearData(const QString& message) {
    data_ = TopicTimeGrid{};
    clearGrid(message);
}

void TopicHeatmap::setData(const TopicTimeGrid& counts, const QString& title) {
    data_ = counts;
    const int rows = static_cast<int>(topics_.topics.size());
    const double width = static_cast<double>(counts.bucketMs) / 1000.0;
    const double x0 =
        static_cast<double>(counts.firstBucket * counts.bucketMs) / 1000.0 + width / 2;
    setGrid(
        counts.buckets, counts.buckets > 0 ? rows : 0, x0, width,
        [&counts](int col, int row) {
            return static_cast<double>(counts.at(row, counts.firstBucket + col));
        },
        title);
}

QPoint TopicHeatmap::cellCenter(int64_t bucket, int row) const {
    return cellPoint(static_cast<int>(bucket - data_.firstBucket), row);
}

}  // namespace quarry::gui
