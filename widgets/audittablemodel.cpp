// SPDX-License-Identifier: GPL-3.0-or-later
#include "audittablemodel.h"

#include <QBrush>
#include <QColor>
#include <QJsonDocument>

#include "casequeries.h"
#include "tooltiptext.h"

namespace quarry::gui {

AuditTableModel::AuditTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void AuditTableModel::setEntries(std::vector<evidence::AuditEntry> entries) {
    beginResetModel();
    entries_ = std::move(entries);
    brokenSeq_ = -1;
    endResetModel();
}

void AuditTableModel::setBrokenSeq(int64_t seq) {
    if (seq == brokenSeq_) return;
    brokenSeq_ = seq;
    if (!entries_.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::ForegroundRole});
}

int AuditTableModel::rowOfSeq(int64_t seq) const {
    for (size_t i = 0; i < entries_.size(); ++i)
        if (entries_[i].seq == seq) return static_cast<int>(i);
    return -1;
}

int AuditTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(entries_.size());
}

int AuditTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const evidence::AuditEntry& e = entries_[static_cast<size_t>(index.row())];
    switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
                case Seq:
                    return QVariant::fromValue<qlonglong>(e.seq);
                case Time:
                    return formatUtc(e.time);
                case Analyst:
                    return e.analyst;
                case Action:
                    return e.action;
                case Details:
                    return QString::fromUtf8(e.details);
            }
            break;
        case Qt::ToolTipRole:
            if (index.column() ==
                Details)  // log content (account names, note text) reaches the details
                return logTextToolTip(QString::fromUtf8(
                    QJsonDocument::fromJson(e.details).toJson(QJsonDocument::Indented)));
            break;
        case Qt::ForegroundRole:
            if (e.seq == brokenSeq_) return QBrush(QColor(0xd6, 0x45, 0x45));
            break;
        case Qt::TextAlignmentRole:
            if (index.column() == Seq)
                return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
            break;
    }
    return {};
}

QVariant AuditTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
        case Seq:
            return tr("#");
        case Time:
            return tr("Time (UTC)");
        case Analyst:
            return tr("Analyst");
        case Action:
            return tr("Action");
        case Details:
            return tr("Details");
    }
    return {};
}

}  // namespace quarry::gui
