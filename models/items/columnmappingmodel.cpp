// SPDX-License-Identifier: GPL-3.0-or-later
#include "columnmappingmodel.h"

#include <QBrush>
#include <QFont>
#include <QPalette>

#include "core/fields.h"
#include "tooltiptext.h"

namespace quarry::gui {
namespace {

const QString kIgnore = QStringLiteral("ignore");

bool isRequired(int field) {
    return field == quarry::index(quarry::Field::Timestamp) ||
           field == quarry::index(quarry::Field::AccountId);
}

}  // namespace

ColumnMappingModel::ColumnMappingModel(QObject* parent) : QAbstractTableModel(parent) {}

QStringList ColumnMappingModel::choices() {
    QStringList out{kIgnore};
    for (int f = 0; f < kFieldCount; ++f) out << fieldText(f);
    return out;
}

QString ColumnMappingModel::fieldText(int field) {
    if (field < 0 || field >= kFieldCount) return kIgnore;
    const auto n = fieldName(static_cast<quarry::Field>(field));
    return QString::fromLatin1(n.data(), static_cast<qsizetype>(n.size()));
}

int ColumnMappingModel::fieldFromText(const QString& text) {
    const QString t = text.trimmed();
    if (t == kIgnore || t == QLatin1String("-")) return -1;
    const QByteArray u = t.toUtf8();
    const auto f = fieldFromName(std::string_view(u.constData(), static_cast<size_t>(u.size())));
    return f ? quarry::index(*f) : -2;
}

void ColumnMappingModel::setPreview(const FilePreview& preview) {
    beginResetModel();
    rows_.clear();
    for (size_t c = 0; c < preview.columns.size(); ++c) {
        Row r;
        r.name = preview.columns[c].name;
        r.autoField = r.field = preview.columns[c].autoField;
        for (const PreviewRow& pr : preview.rows) {
            const QString& v = pr.values.at(static_cast<qsizetype>(c));
            if (!v.isEmpty()) {
                r.sample = v;
                break;
            }
        }
        rows_.push_back(std::move(r));
    }
    accountFromIp_ = preview.format == QLatin1String("combined");
    endResetModel();
    emit mappingChanged();
}

void ColumnMappingModel::clear() {
    beginResetModel();
    rows_.clear();
    endResetModel();
    emit mappingChanged();
}

int ColumnMappingModel::fieldAt(int row) const {
    return row >= 0 && row < rowCount() ? rows_[static_cast<size_t>(row)].field : -1;
}

int ColumnMappingModel::autoFieldAt(int row) const {
    return row >= 0 && row < rowCount() ? rows_[static_cast<size_t>(row)].autoField : -1;
}

int ColumnMappingModel::rowOfColumn(const QString& name) const {
    for (size_t r = 0; r < rows_.size(); ++r)
        if (rows_[r].name == name) return static_cast<int>(r);
    return -1;
}

bool ColumnMappingModel::setField(int row, int field) {
    if (row < 0 || row >= rowCount() || field < -1 || field >= kFieldCount) return false;
    if (rows_[static_cast<size_t>(row)].field == field) return true;
    auto changed = [this](size_t r) {
        const QModelIndex i = index(static_cast<int>(r), Field);
        emit dataChanged(i, i);
    };
    for (size_t r = 0; field >= 0 && r < rows_.size(); ++r) {
        if (static_cast<int>(r) != row && rows_[r].field == field) {
            rows_[r].field = -1;
            changed(r);
        }
    }
    rows_[static_cast<size_t>(row)].field = field;
    changed(static_cast<size_t>(row));
    emit mappingChanged();
    return true;
}

ColumnMapping ColumnMappingModel::mapping() const {
    ColumnMapping m;
    for (const Row& r : rows_)
        if (r.field != r.autoField) m.add(r.name, r.field);
    return m;
}

QStringList ColumnMappingModel::missingRequired() const {
    bool have[kFieldCount] = {};
    for (const Row& r : rows_)
        if (r.field >= 0) have[r.field] = true;
    if (accountFromIp_ && have[quarry::index(quarry::Field::Ip)])
        have[quarry::index(quarry::Field::AccountId)] = true;
    QStringList out;
    for (quarry::Field f : {quarry::Field::Timestamp, quarry::Field::AccountId})
        if (!have[quarry::index(f)]) out << fieldText(quarry::index(f));
    return out;
}

int ColumnMappingModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int ColumnMappingModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ColumnMappingModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& r = rows_[static_cast<size_t>(index.row())];
    switch (role) {
        case Qt::DisplayRole:
        case Qt::EditRole:
            switch (index.column()) {
                case Source:
                    return r.name;
                case Field:
                    return fieldText(r.field);
                case Sample:
                    return r.sample.left(200).simplified();
            }
            break;
        case FieldRole:
            return r.field;
        case Qt::ToolTipRole:
            if (index.column() == Sample) return logTextToolTip(r.sample);
            if (index.column() == Field && r.field != r.autoField)
                return tr("Changed from the automatic mapping (%1)").arg(fieldText(r.autoField));
            break;
        case Qt::FontRole:
            if (index.column() == Field && r.field != r.autoField) {
                QFont f;
                f.setBold(true);
                return f;
            }
            break;
        case Qt::ForegroundRole:
            if (index.column() == Field && r.field < 0)
                return QPalette().brush(QPalette::PlaceholderText);
            if (index.column() == Field && isRequired(r.field))
                return QPalette().brush(QPalette::Link);
            break;
    }
    return {};
}

QVariant ColumnMappingModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case Source:
            return tr("Source column");
        case Field:
            return tr("Maps to");
        case Sample:
            return tr("First value");
    }
    return {};
}

Qt::ItemFlags ColumnMappingModel::flags(const QModelIndex& index) const {
    if (!index.isValid() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (index.column() == Field) f |= Qt::ItemIsEditable;
    return f;
}

bool ColumnMappingModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) ||
        index.column() != Field || (role != Qt::EditRole && role != FieldRole))
        return false;
    const int field =
        value.typeId() == QMetaType::QString ? fieldFromText(value.toString()) : value.toInt();
    return setField(index.row(), field);
}

}  // namespace quarry::gui
