// SPDX-License-Identifier: GPL-3.0-or-later
#include "templateslotmodel.h"

#include "core/displaytext.h"

namespace quarry::gui {

TemplateSlotModel::TemplateSlotModel(QObject* parent) : QAbstractTableModel(parent) {}

void TemplateSlotModel::setTemplate(TemplateSlots t) {
    beginResetModel();
    t_ = std::move(t);
    endResetModel();
}

int TemplateSlotModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(t_.rows.size());
}

int TemplateSlotModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() || t_.rows.empty()
               ? 0
               : FirstSlotColumn + static_cast<int>(t_.slotNames.size());
}

QVariant TemplateSlotModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TemplateSlots::Row& r = t_.rows[static_cast<size_t>(index.row())];
    if (role == AccountIdRole) return QVariant::fromValue<qlonglong>(r.account);
    if (role != Qt::DisplayRole) return {};  // no tooltips: Qt would guess log text is HTML
    switch (index.column()) {
        case AccountColumn:
            return displayText(r.name);
        case PromptsColumn:
            return r.prompts;
        default:
            return r.values.value(index.column() - FirstSlotColumn);
    }
}

QVariant TemplateSlotModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
        case AccountColumn:
            return tr("Account");
        case PromptsColumn:
            return tr("Prompts");
        default:
            return tr("Slot %1").arg(t_.slotNames.value(section - FirstSlotColumn));
    }
}

}  // namespace quarry::gui
