// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A cluster's members x topics: members harvesting the same topics share a row pattern.

#include "plots/colorgridplot.h"
#include "items/viewqueries.h"

namespace quarry::gui {

class TopicMatrixPlot final : public ColorGridPlot {
    Q_OBJECT
public:
    static constexpr int kMaxRows = 40;

    explicit TopicMatrixPlot(QWidget* parent = nullptr);
    void setTopics(const TopicTable& topics);
    void setData(const AccountTopicMatrix& matrix);
    void clearData(const QString& message);
    const AccountTopicMatrix& matrix() const { return data_; }
    QPoint cellCenter(int accountRow, int topicRow) const {
        return cellPoint(topicRow, accountRow);
    }
    // The account of a row and the topic of a column (both in range).
    qint64 accountAt(int row) const;
    qint64 topicAt(int col) const;
    const TopicTable& topics() const { return topics_; }

signals:
    void cellClicked(qint64 accountId, qint64 topicId);
    // A right-click on a cell, for its context menu.
    void cellContextMenuRequested(qint64 accountId, qint64 topicId, QPoint globalPos);

private:
    TopicTable topics_;
    AccountTopicMatrix data_;
};

}  // namespace quarry::gui
