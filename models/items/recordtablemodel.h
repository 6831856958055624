// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QStringList>

#include <utility>
#include <vector>

namespace quarry::gui {

// A read-only table over a vector of records, replaced as a whole on refresh: what the tag,
// note and audit models share. Subclasses supply data(); the headers are given once.
template <typename Record>
class RecordTableModel : public QAbstractTableModel {
public:
    explicit RecordTableModel(QStringList headers, QObject* parent = nullptr)
        : QAbstractTableModel(parent), headers_(std::move(headers)) {}

    void setRecords(std::vector<Record> records) {
        beginResetModel();
        records_ = std::move(records);
        endResetModel();
    }
    const std::vector<Record>& records() const { return records_; }
    const Record* recordAt(int row) const {
        return row >= 0 && row < rowCount() ? &records_[static_cast<size_t>(row)] : nullptr;
    }

    int rowCount(const QModelIndex& parent = {}) const override {
        return parent.isValid() ? 0 : static_cast<int>(records_.size());
    }
    int columnCount(const QModelIndex& parent = {}) const override {
        return parent.isValid() ? 0 : static_cast<int>(headers_.size());
    }
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override {
        if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 &&
            section < headers_.size())
            return headers_[section];
        return QAbstractTableModel::headerData(section, orientation, role);
    }

protected:
    // The record behind a valid index of this model, or nullptr.
    const Record* recordOf(const QModelIndex& index) const {
        return checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
                   ? &records_[static_cast<size_t>(index.row())]
                   : nullptr;
    }

    std::vector<Record> records_;

private:
    QStringList headers_;
};

}  // namespace quarry::gui
