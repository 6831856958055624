// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>

#include <vector>

#include "evidence/tags.h"

namespace quarry::gui {

// The case's tags with a color swatch and how many accounts, clusters and requests carry each.
class TagTableModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Accounts, Clusters, Description, ColumnCount };
    enum Role { TagNameRole = Qt::UserRole + 1 };

    explicit TagTableModel(QObject* parent = nullptr);
    void setTags(std::vector<evidence::TagInfo> tags);
    const evidence::TagInfo* tagAt(int row) const;
    int rowOfTag(const QString& name) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::vector<evidence::TagInfo> tags_;
};

}  // namespace quarry::gui
