// SPDX-License-Identifier: GPL-3.0-or-later
#include "accounttablemodel.h"

#include <QBrush>
#include <QColor>
#include <QPainter>

#include <algorithm>
#include <functional>
#include <numeric>

#include "core/displaytext.h"
#include "reasonlist.h"

namespace quarry::gui {
namespace {

QString reasonText(const QByteArray& json, QStringView separator) {
    return joinReasons(std::string_view(json.constData(), static_cast<size_t>(json.size())),
                       separator);
}

}  // namespace

AccountTableModel::AccountTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void AccountTableModel::setAccounts(std::vector<AccountRecord> accounts, TopicTable topics) {
    beginResetModel();
    records_ = std::move(accounts);
    topics_ = std::move(topics);
    reasons_.clear();
    sorted_.resize(records_.size());
    std::iota(sorted_.begin(), sorted_.end(), 0);
    rowOfRecord_.assign(records_.size(), -1);
    endResetModel();
    sort(sortColumn_, sortOrder_);
}

void AccountTableModel::clear() { setAccounts({}, {}); }

void AccountTableModel::setReasonSource(sqlite3* db) {
    reasonDb_ = db;
    reasons_.clear();
    if (!rows_.empty()) emit dataChanged(index(0, Reasons), index(rowCount() - 1, Reasons));
}

QByteArray AccountTableModel::reasonJson(int64_t accountId) const {
    if (!reasonDb_) return {};
    if (const QByteArray* cached = reasons_.object(accountId)) return *cached;
    QByteArray json = accountReasons(reasonDb_, accountId);
    reasons_.insert(accountId, new QByteArray(json));
    return json;
}

void AccountTableModel::setTextFilter(const QString& text) {
    if (text == text_) return;
    beginResetModel();
    text_ = text;
    rebuildRows();
    endResetModel();
}

void AccountTableModel::setIdFilter(const std::vector<int64_t>& ids) {
    beginResetModel();
    ids_ = std::unordered_set<int64_t>(ids.begin(), ids.end());
    idFilterOn_ = true;
    rebuildRows();
    endResetModel();
}

void AccountTableModel::clearIdFilter() {
    if (!idFilterOn_) return;
    beginResetModel();
    ids_.clear();
    idFilterOn_ = false;
    rebuildRows();
    endResetModel();
}

void AccountTableModel::setPivotFilter(const std::vector<int64_t>& ids) {
    beginResetModel();
    pivotIds_ = std::unordered_set<int64_t>(ids.begin(), ids.end());
    pivotOn_ = true;
    rebuildRows();
    endResetModel();
}

void AccountTableModel::clearPivotFilter() {
    if (!pivotOn_) return;
    beginResetModel();
    pivotIds_.clear();
    pivotOn_ = false;
    rebuildRows();
    endResetModel();
}

void AccountTableModel::setFlaggedOnly(bool on) {
    if (on == flaggedOnly_) return;
    beginResetModel();
    flaggedOnly_ = on;
    rebuildRows();
    endResetModel();
}

bool AccountTableModel::accepts(const AccountRecord& r) const {
    if (flaggedOnly_ && !r.flagged) return false;
    if (idFilterOn_ && !ids_.count(r.id)) return false;
    if (pivotOn_ && !pivotIds_.count(r.id)) return false;
    return text_.isEmpty() || r.name.contains(text_, Qt::CaseInsensitive);
}

void AccountTableModel::rebuildRows() {
    rows_.clear();
    rows_.reserve(sorted_.size());
    std::fill(rowOfRecord_.begin(), rowOfRecord_.end(), -1);
    for (int rec : sorted_) {
        if (!accepts(records_[static_cast<size_t>(rec)])) continue;
        rowOfRecord_[static_cast<size_t>(rec)] = static_cast<int>(rows_.size());
        rows_.push_back(rec);
    }
}

const AccountRecord* AccountTableModel::recordAt(int row) const {
    if (row < 0 || row >= static_cast<int>(rows_.size())) return nullptr;
    return &records_[static_cast<size_t>(rows_[static_cast<size_t>(row)])];
}

int AccountTableModel::rowOfAccount(int64_t accountId) const {
    for (size_t i = 0; i < records_.size(); ++i)
        if (records_[i].id == accountId) return rowOfRecord_[i];
    return -1;
}

std::vector<int> AccountTableModel::rowsOfCluster(int64_t cluster) const {
    std::vector<int> out;
    for (size_t row = 0; row < rows_.size(); ++row)
        if (records_[static_cast<size_t>(rows_[row])].cluster == cluster) out.push_back(static_cast<int>(row));
    return out;
}

void AccountTableModel::setAccountTags(AccountTagMap tags) {
    tags_ = std::move(tags);
    if (!rows_.empty()) emit dataChanged(index(0, Tags), index(rowCount() - 1, Tags));
}

QStringList AccountTableModel::tagsOf(int64_t accountId) const {
    QStringList names;
    for (const TagChip& t : tags_.value(accountId)) names << t.name;
    return names;
}

QString AccountTableModel::tagText(int64_t accountId) const { return tagsOf(accountId).join(QStringLiteral(", ")); }

int AccountTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int AccountTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant AccountTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const AccountRecord& r = *recordAt(index.row());
    const Topic* topic = topics_.find(r.topTopic);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Account: return displayText(r.name);  // bidi and invisible characters shown escaped
        case Score: return QString::number(r.score, 'f', 3);
        case Cluster: return r.cluster < 0 ? QString() : QString::number(r.cluster);
        case Flagged: return r.flagged ? tr("flagged") : QString();
        case Requests: return QVariant::fromValue<qlonglong>(r.requests);
        case TopTopic: return topic ? topic->name : QString();
        case CotShare: return QStringLiteral("%1%").arg(qRound(r.cotShare * 100));
        case QuietShare: return QStringLiteral("%1%").arg(qRound(r.quietShare * 100));
        case Tags: return tagText(r.id);
        case Reasons:
            return reasonText(reasonJson(r.id), u"; ");
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == Reasons) {
            const QString lines = reasonText(reasonJson(r.id), u"\n");  // one reason per line
            return lines.isEmpty() ? QVariant() : QVariant(lines);
        }
        if (index.column() == Tags && tags_.contains(r.id)) {
            QStringList names;  // tag names are restricted to [a-z0-9._-]; escaped all the same
            for (const TagChip& t : tags_.value(r.id))
                names << QStringLiteral("<span style='color:%1'>&#9632;</span> %2").arg(t.color.name(), t.name.toHtmlEscaped());
            return names.join(QStringLiteral("<br>"));
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() == TopTopic && topic) return topic->color;
        if (index.column() == Tags && tags_.contains(r.id)) {
            // One square per tag, so the colors read at a glance beside the names.
            const QVector<TagChip> chips = tags_.value(r.id);
            QString key;
            for (const TagChip& t : chips) key += t.color.name();
            auto it = swatches_.find(key);
            if (it == swatches_.end()) {
                QPixmap pm(12 * static_cast<int>(chips.size()), 12);
                pm.fill(Qt::transparent);
                QPainter p(&pm);
                for (int i = 0; i < chips.size(); ++i) p.fillRect(i * 12 + 1, 1, 10, 10, chips[i].color);
                it = swatches_.insert(key, pm);
            }
            return *it;
        }
        return {};
    case Qt::ForegroundRole:
        if (index.column() == Flagged && r.flagged) return QBrush(QColor(0xd6, 0x45, 0x45));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Score || index.column() == Requests || index.column() == CotShare ||
            index.column() == QuietShare || index.column() == Cluster)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case AccountIdRole: return QVariant::fromValue<qlonglong>(r.id);
    case ClusterIdRole: return QVariant::fromValue<qlonglong>(r.cluster);
    case SortRole: return index.column() == Score ? QVariant(r.score) : data(index, Qt::DisplayRole);
    }
    return {};
}

QVariant AccountTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Account: return tr("Account");
    case Score: return tr("Score");
    case Cluster: return tr("Cluster");
    case Flagged: return tr("Flag");
    case Requests: return tr("Requests");
    case TopTopic: return tr("Top topic");
    case CotShare: return tr("CoT");
    case QuietShare: return tr("Quiet 6 h");
    case Tags: return tr("Tags");
    case Reasons: return tr("Reasons");
    }
    return {};
}

void AccountTableModel::sort(int column, Qt::SortOrder order) {
    if (column < 0 || column >= ColumnCount) return;
    sortColumn_ = column;
    sortOrder_ = order;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<int> records;
    records.reserve(static_cast<size_t>(before.size()));
    for (const QModelIndex& i : before) records.push_back(rows_[static_cast<size_t>(i.row())]);

    const auto& R = records_;
    auto key = [&](auto&& field) {
        return [&R, field](int a, int b) { return field(R[static_cast<size_t>(a)]) < field(R[static_cast<size_t>(b)]); };
    };
    std::function<bool(int, int)> less;
    std::vector<QString> textKeys;  // tags or reasons joined once, not per comparison
    switch (column) {
    case Account: less = [&R](int a, int b) { return R[size_t(a)].name.compare(R[size_t(b)].name) < 0; }; break;
    case Score: less = key([](const AccountRecord& r) { return r.score; }); break;
    case Cluster: less = key([](const AccountRecord& r) { return r.cluster; }); break;
    case Flagged: less = key([](const AccountRecord& r) { return r.flagged; }); break;
    case Requests: less = key([](const AccountRecord& r) { return r.requests; }); break;
    case TopTopic: {
        const TopicTable& t = topics_;
        less = key([&t](const AccountRecord& r) { return t.find(r.topTopic) ? t.find(r.topTopic)->row : -1; });
        break;
    }
    case CotShare: less = key([](const AccountRecord& r) { return r.cotShare; }); break;
    case QuietShare: less = key([](const AccountRecord& r) { return r.quietShare; }); break;
    case Tags:
        textKeys.reserve(R.size());
        for (const AccountRecord& r : R) textKeys.push_back(tagText(r.id));
        less = [&textKeys](int a, int b) { return textKeys[size_t(a)] < textKeys[size_t(b)]; };
        break;
    case Reasons: {
        // Every account's reasons in one read (the table holds only the rows lately drawn).
        const QHash<int64_t, QByteArray> all =
            reasonDb_ ? allAccountReasons(reasonDb_) : QHash<int64_t, QByteArray>();
        textKeys.reserve(R.size());
        for (const AccountRecord& r : R) textKeys.push_back(reasonText(all.value(r.id), u"; "));
        less = [&textKeys](int a, int b) { return textKeys[size_t(a)] < textKeys[size_t(b)]; };
        break;
    }
    }
    std::iota(sorted_.begin(), sorted_.end(), 0);
    if (order == Qt::AscendingOrder)
        std::stable_sort(sorted_.begin(), sorted_.end(), less);
    else
        std::stable_sort(sorted_.begin(), sorted_.end(), [&less](int a, int b) { return less(b, a); });
    rebuildRows();

    QModelIndexList after;
    after.reserve(before.size());
    for (int i = 0; i < before.size(); ++i) {
        const int row = rowOfRecord_[static_cast<size_t>(records[static_cast<size_t>(i)])];
        after.push_back(row < 0 ? QModelIndex() : index(row, before[i].column()));
    }
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

}  // namespace quarry::gui
