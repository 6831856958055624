// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QStringList>

#include <vector>

#include "ingest/filepreview.h"
#include "ingest/recordreader.h"

namespace quarry::gui {

// The import wizard's column mapping: one row per source column of the previewed file, with the
// canonical field it goes to (editable; "ignore" drops the column). Starts from the importer's
// automatic mapping and keeps one column per field, as the importer does: giving a field to a
// column takes it away from the column that had it.
class ColumnMappingModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Source, Field, Sample, ColumnCount };
    enum Role { FieldRole = Qt::UserRole + 1 };  // int: the field's index, -1 for ignore

    explicit ColumnMappingModel(QObject* parent = nullptr);

    void setPreview(const FilePreview& preview);
    void clear();

    int fieldAt(int row) const;
    int autoFieldAt(int row) const;
    int rowOfColumn(const QString& name) const;
    // Maps the column at row to field (-1: ignore). False for an unknown row or field.
    bool setField(int row, int field);
    // The analyst's changes as the importer's overrides, exactly what "--map SRC=FIELD" (and
    // "SRC=-") gives on the command line; unchanged columns keep their automatic mapping.
    ColumnMapping mapping() const;
    // Canonical names of the required fields no column maps to.
    QStringList missingRequired() const;

    // The choices of the field combo: "ignore" then every canonical field in schema order.
    static QStringList choices();
    static int choiceOfField(int field) { return field + 1; }
    static int fieldOfChoice(int choice) { return choice - 1; }
    // A canonical name, "ignore" or "-" to a field index (-1 ignore); -2 when it is neither.
    static int fieldFromText(const QString& text);
    static QString fieldText(int field);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

signals:
    void mappingChanged();

private:
    struct Row {
        QString name, sample;
        int autoField = -1, field = -1;
    };
    std::vector<Row> rows_;
    bool accountFromIp_ = false;  // access logs: the client IP stands in for a missing user
};

}  // namespace quarry::gui
