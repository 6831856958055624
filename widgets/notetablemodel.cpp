// SPDX-License-Identifier: GPL-3.0-or-later
#include "notetablemodel.h"

#include "casequeries.h"
#include "tooltiptext.h"

namespace quarry::gui {

NoteTableModel::NoteTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void NoteTableModel::setNotes(std::vector<NoteRecord> notes) {
    beginResetModel();
    notes_ = std::move(notes);
    endResetModel();
}

const NoteRecord* NoteTableModel::noteAt(int row) const {
    return row >= 0 && row < rowCount() ? &notes_[static_cast<size_t>(row)] : nullptr;
}

int NoteTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(notes_.size());
}

int NoteTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NoteTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const NoteRecord& n = notes_[static_cast<size_t>(index.row())];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
            case Subject:
                return n.subject;
            case Text:
                return QString(n.text).replace(QLatin1Char('\n'), QLatin1Char(' '));
            case Analyst:
                return n.analyst;
            case Updated:
                return formatUtc(n.updatedAt);
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Text) return logTextToolTip(n.text);
    return {};
}

QVariant NoteTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
        case Subject:
            return tr("On");
        case Text:
            return tr("Note");
        case Analyst:
            return tr("Author");
        case Updated:
            return tr("Updated (UTC)");
    }
    return {};
}

}  // namespace quarry::gui
