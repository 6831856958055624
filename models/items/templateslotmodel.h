// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One shared template as a table: a row per member, its account, how many of its sampled prompts
// follow the template, then one column per slot with the member's values (plain text).

#include <QAbstractTableModel>

#include "templateslots.h"

namespace quarry::gui {

class TemplateSlotModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum { AccountColumn, PromptsColumn, FirstSlotColumn };
    enum Role { AccountIdRole = Qt::UserRole + 1 };

    explicit TemplateSlotModel(QObject* parent = nullptr);
    void setTemplate(TemplateSlots t);
    const TemplateSlots& templateSlots() const { return t_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    TemplateSlots t_;
};

}  // namespace quarry::gui
