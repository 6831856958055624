// SPDX-License-Identifier: GPL-3.0-or-later
#include "notetablemodel.h"

#include "casequeries.h"
#include "tooltiptext.h"

namespace quarry::gui {

NoteTableModel::NoteTableModel(QObject* parent)
    : RecordTableModel({tr("On"), tr("Note"), tr("Author"), tr("Updated (UTC)")}, parent) {}

QVariant NoteTableModel::data(const QModelIndex& index, int role) const {
    const NoteRecord* n = recordOf(index);
    if (!n) return {};
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
            case Subject:
                return n->subject;
            case Text:
                return QString(n->text).replace(QLatin1Char('\n'), QLatin1Char(' '));
            case Analyst:
                return n->analyst;
            case Updated:
                return formatUtc(n->updatedAt);
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Text) return logTextToolTip(n->text);
    return {};
}

}  // namespace quarry::gui
