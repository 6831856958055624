// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>

#include <vector>

#include "workflowqueries.h"

namespace quarry::gui {

// The notes on the current account and cluster, with who wrote them and when.
class NoteTableModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Subject, Text, Analyst, Updated, ColumnCount };

    explicit NoteTableModel(QObject* parent = nullptr);
    void setNotes(std::vector<NoteRecord> notes);
    const NoteRecord* noteAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::vector<NoteRecord> notes_;
};

}  // namespace quarry::gui
