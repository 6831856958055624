// SPDX-License-Identifier: GPL-3.0-or-later
#include "importpreviewmodel.h"

#include <QBrush>
#include <QPalette>

#include "columnmappingmodel.h"
#include "tooltiptext.h"

namespace quarry::gui {
namespace {

constexpr int kShownChars = 120;  // a prompt can be pages long; the tooltip has more

}  // namespace

ImportPreviewModel::ImportPreviewModel(QObject* parent) : QAbstractTableModel(parent) {}

void ImportPreviewModel::setPreview(FilePreview preview) {
    beginResetModel();
    preview_ = std::move(preview);
    endResetModel();
}

void ImportPreviewModel::clear() {
    setPreview(FilePreview());
}

void ImportPreviewModel::setMappingModel(ColumnMappingModel* mapping) {
    if (mapping_) disconnect(mapping_, nullptr, this, nullptr);
    mapping_ = mapping;
    if (mapping_) {
        connect(mapping_, &ColumnMappingModel::mappingChanged, this, [this] {
            if (sourceColumnCount() > 0)
                emit headerDataChanged(Qt::Horizontal, 1, sourceColumnCount());
        });
    }
}

int ImportPreviewModel::columnOf(const QString& sourceName) const {
    for (size_t c = 0; c < preview_.columns.size(); ++c)
        if (preview_.columns[c].name == sourceName) return static_cast<int>(c) + 1;
    return -1;
}

int ImportPreviewModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(preview_.rows.size());
}

int ImportPreviewModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() || preview_.columns.empty() ? 0 : sourceColumnCount() + 2;
}

QVariant ImportPreviewModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PreviewRow& r = preview_.rows[static_cast<size_t>(index.row())];
    const int col = index.column();
    const QString text = col == lineColumn()      ? QString::number(r.line)
                         : col == problemColumn() ? r.problem
                                                  : r.values.value(col - 1);
    switch (role) {
        case Qt::DisplayRole:
            return text.size() > kShownChars
                       ? text.left(kShownChars).simplified() + QStringLiteral(" …")
                       : text.simplified();
        case LineRole:
            return static_cast<qlonglong>(r.line);
        case Qt::ToolTipRole:
            return text.isEmpty() ? QVariant() : QVariant(logTextToolTip(text));
        case Qt::ForegroundRole:
            if (!r.problem.isEmpty()) return QBrush(Qt::darkRed);
            break;
        case Qt::TextAlignmentRole:
            if (col == lineColumn()) return QVariant(Qt::AlignRight | Qt::AlignVCenter);
            break;
    }
    return {};
}

QVariant ImportPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount()) return {};
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
    if (section == lineColumn()) return tr("Line");
    if (section == problemColumn()) return tr("Quarantined because");
    const QString& name = preview_.columns[static_cast<size_t>(section - 1)].name;
    if (role == Qt::ToolTipRole) return logTextToolTip(name);
    const int row = mapping_ ? mapping_->rowOfColumn(name) : -1;
    if (row < 0) return name;
    return QStringLiteral("%1\n→ %2")
        .arg(name, ColumnMappingModel::fieldText(mapping_->fieldAt(row)));
}

}  // namespace quarry::gui
