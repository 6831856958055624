// SPDX-License-Identifier: GPL-3.0-or-later
#include "tagtablemodel.h"

#include <QColor>

#include "tooltiptext.h"

namespace quarry::gui {

TagTableModel::TagTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void TagTableModel::setTags(std::vector<evidence::TagInfo> tags) {
    beginResetModel();
    tags_ = std::move(tags);
    endResetModel();
}

const evidence::TagInfo* TagTableModel::tagAt(int row) const {
    return row >= 0 && row < rowCount() ? &tags_[static_cast<size_t>(row)] : nullptr;
}

int TagTableModel::rowOfTag(const QString& name) const {
    for (size_t i = 0; i < tags_.size(); ++i)
        if (tags_[i].name == name) return static_cast<int>(i);
    return -1;
}

int TagTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(tags_.size());
}

int TagTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TagTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const evidence::TagInfo& t = tags_[static_cast<size_t>(index.row())];
    switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
                case Name:
                    return t.name;
                case Accounts:
                    return QVariant::fromValue<qlonglong>(t.accounts);
                case Clusters:
                    return QVariant::fromValue<qlonglong>(t.clusters);
                case Description:
                    return t.description;
            }
            break;
        case Qt::DecorationRole:
            if (index.column() == Name) return QColor(t.color);
            break;
        case Qt::ToolTipRole:
            if (index.column() == Description && !t.description.isEmpty())
                return logTextToolTip(t.description);
            break;
        case Qt::TextAlignmentRole:
            if (index.column() == Accounts || index.column() == Clusters)
                return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
            break;
        case TagNameRole:
            return t.name;
    }
    return {};
}

QVariant TagTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
        case Name:
            return tr("Tag");
        case Accounts:
            return tr("Accounts");
        case Clusters:
            return tr("Clusters");
        case Description:
            return tr("Description");
    }
    return {};
}

}  // namespace quarry::gui
