// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

#include "recordtablemodel.h"
#include "workflowqueries.h"

namespace quarry::gui {

// The notes on the current account and cluster, with who wrote them and when.
class NoteTableModel final : public RecordTableModel<NoteRecord> {
    Q_OBJECT
public:
    enum Column { Subject, Text, Analyst, Updated, ColumnCount };

    explicit NoteTableModel(QObject* parent = nullptr);
    void setNotes(std::vector<NoteRecord> notes) { setRecords(std::move(notes)); }
    const NoteRecord* noteAt(int row) const { return recordAt(row); }
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
};

}  // namespace quarry::gui
