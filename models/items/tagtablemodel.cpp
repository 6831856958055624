// SPDX-License-Identifier: GPL-3.0-or-later
#include "tagtablemodel.h"

#include <QColor>

#include "tooltiptext.h"

namespace quarry::gui {

TagTableModel::TagTableModel(QObject* parent)
    : RecordTableModel({tr("Tag"), tr("Accounts"), tr("Clusters"), tr("Description")}, parent) {}

int TagTableModel::rowOfTag(const QString& name) const {
    for (size_t i = 0; i < records_.size(); ++i)
        if (records_[i].name == name) return static_cast<int>(i);
    return -1;
}

QVariant TagTableModel::data(const QModelIndex& index, int role) const {
    const evidence::TagInfo* t = recordOf(index);
    if (!t) return {};
    switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
                case Name:
                    return t->name;
                case Accounts:
                    return QVariant::fromValue<qlonglong>(t->accounts);
                case Clusters:
                    return QVariant::fromValue<qlonglong>(t->clusters);
                case Description:
                    return t->description;
            }
            break;
        case Qt::DecorationRole:
            if (index.column() == Name) return QColor(t->color);
            break;
        case Qt::ToolTipRole:
            if (index.column() == Description && !t->description.isEmpty())
                return logTextToolTip(t->description);
            break;
        case Qt::TextAlignmentRole:
            if (index.column() == Accounts || index.column() == Clusters)
                return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
            break;
        case TagNameRole:
            return t->name;
    }
    return {};
}

}  // namespace quarry::gui
