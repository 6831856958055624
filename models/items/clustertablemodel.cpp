// SPDX-License-Identifier: GPL-3.0-or-later
#include "clustertablemodel.h"

#include <QBrush>

namespace quarry::gui {

QString topReason(const ClusterRecord& c) {
    if (c.reasons.size() > 1) return c.reasons.at(1);
    return c.reasons.value(0);
}

ClusterTableModel::ClusterTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void ClusterTableModel::setClusters(std::vector<ClusterRecord> clusters) {
    beginResetModel();
    clusters_ = std::move(clusters);
    endResetModel();
}

const ClusterRecord* ClusterTableModel::clusterAt(int row) const {
    if (row < 0 || row >= static_cast<int>(clusters_.size())) return nullptr;
    return &clusters_[static_cast<size_t>(row)];
}

int ClusterTableModel::rowOfCluster(int64_t id) const {
    for (size_t i = 0; i < clusters_.size(); ++i)
        if (clusters_[i].id == id) return static_cast<int>(i);
    return -1;
}

int ClusterTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(clusters_.size());
}

int ClusterTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ClusterTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const ClusterRecord& c = clusters_[static_cast<size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Id: return QString::number(c.id);
        case Size: return QVariant::fromValue<qlonglong>(c.size);
        case Score: return QString::number(c.score, 'f', 3);
        case Flagged: return c.flagged ? tr("flagged") : QString();
        case TopReason: return topReason(c);
        }
        break;
    case Qt::ToolTipRole: return c.reasons.join(QLatin1Char('\n'));
    case Qt::ForegroundRole:
        if (index.column() == Flagged && c.flagged) return QBrush(QColor(0xd6, 0x45, 0x45));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() != TopReason && index.column() != Flagged)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case ClusterIdRole: return QVariant::fromValue<qlonglong>(c.id);
    }
    return {};
}

QVariant ClusterTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Id: return tr("Cluster");
    case Size: return tr("Accounts");
    case Score: return tr("Score");
    case Flagged: return tr("Flag");
    case TopReason: return tr("Top reason");
    }
    return {};
}

}  // namespace quarry::gui
