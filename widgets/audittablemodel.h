// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>

#include <vector>

#include "evidence/auditlog.h"

namespace quarry::gui {

// The case's audit trail, oldest first.
class AuditTableModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Seq, Time, Analyst, Action, Details, ColumnCount };

    explicit AuditTableModel(QObject* parent = nullptr);
    void setEntries(std::vector<evidence::AuditEntry> entries);
    // Marks the entry the last verification found broken (-1: none); it is shown in red.
    void setBrokenSeq(int64_t seq);
    int rowOfSeq(int64_t seq) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::vector<evidence::AuditEntry> entries_;
    int64_t brokenSeq_ = -1;
};

}  // namespace quarry::gui
