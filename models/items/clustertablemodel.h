// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>

#include <vector>

#include "casequeries.h"

namespace quarry::gui {

// The clusters of a case, most suspicious first, each with the reasons that explain its score.
class ClusterTableModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Id, Size, Score, Flagged, TopReason, ColumnCount };
    enum Role { ClusterIdRole = Qt::UserRole + 1 };

    explicit ClusterTableModel(QObject* parent = nullptr);
    void setClusters(std::vector<ClusterRecord> clusters);
    const ClusterRecord* clusterAt(int row) const;
    int rowOfCluster(int64_t id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<ClusterRecord> clusters_;
};

// The reason an analyst reads first: the first one past the size line ("121 accounts, ...").
QString topReason(const ClusterRecord& c);

}  // namespace quarry::gui
