// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QPointer>

#include "ingest/filepreview.h"

namespace quarry::gui {

class ColumnMappingModel;

// The first rows of a log file as the importer reads them: the line, one column per source
// column (headed by the field it currently maps to) and, last, why the importer would
// quarantine the row whatever the mapping.
class ImportPreviewModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role { LineRole = Qt::UserRole + 1 };

    explicit ImportPreviewModel(QObject* parent = nullptr);

    void setPreview(FilePreview preview);
    void clear();
    const FilePreview& preview() const { return preview_; }
    // Headers then show "column → field" and follow the analyst's edits.
    void setMappingModel(ColumnMappingModel* mapping);

    int sourceColumnCount() const { return static_cast<int>(preview_.columns.size()); }
    int lineColumn() const { return 0; }
    int problemColumn() const { return sourceColumnCount() + 1; }
    // The model column of a source column by name; -1 when the file has none such.
    int columnOf(const QString& sourceName) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    FilePreview preview_;
    QPointer<ColumnMappingModel> mapping_;
};

}  // namespace quarry::gui
