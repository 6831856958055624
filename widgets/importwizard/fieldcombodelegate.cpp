// SPDX-License-Identifier: GPL-3.0-or-later
#include "importwizard/fieldcombodelegate.h"

#include <QComboBox>
#include <QSignalBlocker>

#include "items/columnmappingmodel.h"

namespace quarry::gui {

QWidget* FieldComboDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem&,
                                          const QModelIndex&) const {
    auto* combo = new QComboBox(parent);
    combo->addItems(ColumnMappingModel::choices());
    combo->setMaxVisibleItems(20);
    connect(combo, &QComboBox::currentIndexChanged, this,
            [this, combo] { emit const_cast<FieldComboDelegate*>(this)->commitData(combo); });
    return combo;
}

void FieldComboDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const {
    auto* combo = static_cast<QComboBox*>(editor);
    // The model changing a field (taking it from this column) must not echo back as an edit.
    const QSignalBlocker block(combo);
    combo->setCurrentIndex(
        ColumnMappingModel::choiceOfField(index.data(ColumnMappingModel::FieldRole).toInt()));
}

void FieldComboDelegate::setModelData(QWidget* editor, QAbstractItemModel* model,
                                      const QModelIndex& index) const {
    const auto* combo = static_cast<const QComboBox*>(editor);
    model->setData(index, ColumnMappingModel::fieldOfChoice(combo->currentIndex()),
                   ColumnMappingModel::FieldRole);
}

}  // namespace quarry::gui
