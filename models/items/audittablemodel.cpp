// SPDX-License-Identifier: GPL-3.0-or-later
#include "audittablemodel.h"

#include <QBrush>
#include <QColor>
#include <QJsonDocument>

#include "casequeries.h"
#include "tooltiptext.h"

namespace quarry::gui {

AuditTableModel::AuditTableModel(QObject* parent)
    : RecordTableModel({tr("#"), tr("Time (UTC)"), tr("Analyst"), tr("Action"), tr("Details")},
                       parent) {}

void AuditTableModel::setEntries(std::vector<evidence::AuditEntry> entries) {
    brokenSeq_ = -1;
    setRecords(std::move(entries));
}

void AuditTableModel::setBrokenSeq(int64_t seq) {
    if (seq == brokenSeq_) return;
    brokenSeq_ = seq;
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::ForegroundRole});
}

int AuditTableModel::rowOfSeq(int64_t seq) const {
    for (size_t i = 0; i < records_.size(); ++i)
        if (records_[i].seq == seq) return static_cast<int>(i);
    return -1;
}

QVariant AuditTableModel::data(const QModelIndex& index, int role) const {
    const evidence::AuditEntry* e = recordOf(index);
    if (!e) return {};
    switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
                case Seq:
                    return QVariant::fromValue<qlonglong>(e->seq);
                case Time:
                    return formatUtc(e->time);
                case Analyst:
                    return e->analyst;
                case Action:
                    return e->action;
                case Details:
                    return QString::fromUtf8(e->details);
            }
            break;
        case Qt::ToolTipRole:
            if (index.column() ==
                Details)  // log content (account names, note text) reaches the details
                return logTextToolTip(QString::fromUtf8(
                    QJsonDocument::fromJson(e->details).toJson(QJsonDocument::Indented)));
            break;
        case Qt::ForegroundRole:
            if (e->seq == brokenSeq_) return QBrush(QColor(0xd6, 0x45, 0x45));
            break;
        case Qt::TextAlignmentRole:
            if (index.column() == Seq)
                return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
            break;
    }
    return {};
}

}  // namespace quarry::gui
