// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

#include "evidence/tags.h"
#include "recordtablemodel.h"

namespace quarry::gui {

// The case's tags with a color swatch and how many accounts and clusters carry each.
class TagTableModel final : public RecordTableModel<evidence::TagInfo> {
    Q_OBJECT
public:
    enum Column { Name, Accounts, Clusters, Description, ColumnCount };
    enum Role { TagNameRole = Qt::UserRole + 1 };

    explicit TagTableModel(QObject* parent = nullptr);
    void setTags(std::vector<evidence::TagInfo> tags) { setRecords(std::move(tags)); }
    const evidence::TagInfo* tagAt(int row) const { return recordAt(row); }
    int rowOfTag(const QString& name) const;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
};

}  // namespace quarry::gui
