// SPDX-License-Identifier: GPL-3.0-or-later
#include "plots/topicmatrixplot.h"

namespace quarry::gui {

TopicMatrixPlot::TopicMatrixPlot(QWidget* parent) : ColorGridPlot(tr("Select a cluster"), parent) {
    xAxis->setLabel(tr("topic"));
    xAxis->setTickLabelRotation(40);
    connect(this, &ColorGridPlot::gridCellClicked, this,
            [this](int col, int row) { emit cellClicked(accountAt(row), topicAt(col)); });
    connect(this, &ColorGridPlot::gridCellContextMenuRequested, this,
            [this](int col, int row, QPoint pos) {
                emit cellContextMenuRequested(accountAt(row), topicAt(col), pos);
            });
}

qint64 TopicMatrixPlot::accountAt(int row) const {
    return data_.accounts[static_cast<size_t>(row)];
}

qint64 TopicMatrixPlot::topicAt(int col) const {
    return topics_.topics[static_cast<size_t>(col)].id;
}

void TopicMatrixPlot::setTopics(const TopicTable& topics) {
    topics_ = topics;
    setColumnLabels(topicRowLabels(topics_));
    clearData(tr("Select a cluster"));
}

void TopicMatrixPlot::clearData(const QString& message) {
    data_ = AccountTopicMatrix{};
    clearGrid(message);
}

void TopicMatrixPlot::setData(const AccountTopicMatrix& matrix) {
    data_ = matrix;
    setRowLabels(matrix.names);
    QString title = tr("Cluster %1: members × topics").arg(matrix.cluster);
    if (static_cast<int64_t>(matrix.accounts.size()) < matrix.members)
        title +=
            tr(" — %1 of %2 shown (most requests)").arg(matrix.accounts.size()).arg(matrix.members);
    setGrid(
        matrix.topics, static_cast<int>(matrix.accounts.size()), 0, 1,
        [&matrix](int topic, int account) {
            return static_cast<double>(matrix.at(account, topic));
        },
        title);
}

}  // namespace quarry::gui
