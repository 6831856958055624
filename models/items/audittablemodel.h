// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

#include "store/auditlog.h"
#include "recordtablemodel.h"

namespace quarry::gui {

// The case's audit trail, oldest first.
class AuditTableModel final : public RecordTableModel<evidence::AuditEntry> {
    Q_OBJECT
public:
    enum Column { Seq, Time, Analyst, Action, Details, ColumnCount };

    explicit AuditTableModel(QObject* parent = nullptr);
    // Replaces the entries and forgets the last verification's mark.
    void setEntries(std::vector<evidence::AuditEntry> entries);
    // Marks the entry the last verification found broken (-1: none); it is shown in red.
    void setBrokenSeq(int64_t seq);
    int rowOfSeq(int64_t seq) const;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    int64_t brokenSeq_ = -1;
};

}  // namespace quarry::gui
