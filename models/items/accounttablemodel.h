// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Every account of a case in one vector, shown through its own sorted and filtered index so
// sorting and filtering 100,000 accounts compare plain fields, never QVariants.

#include <QAbstractTableModel>
#include <QCache>
#include <QHash>
#include <QPixmap>
#include <QString>

#include <unordered_set>
#include <vector>

#include "casequeries.h"
#include "workflowqueries.h"

namespace quarry::gui {

class AccountTableModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Account, Score, Cluster, Flagged, Requests, TopTopic, CotShare, QuietShare, Tags, Reasons, ColumnCount };
    enum Role { AccountIdRole = Qt::UserRole + 1, ClusterIdRole, SortRole };

    explicit AccountTableModel(QObject* parent = nullptr);

    void setAccounts(std::vector<AccountRecord> accounts, TopicTable topics);
    void clear();
    const std::vector<AccountRecord>& accounts() const { return records_; }

    // Substring of the account name (case-insensitive); empty shows all.
    void setTextFilter(const QString& text);
    // Only these account ids (e.g. the accounts behind an IP); cleared by clearIdFilter().
    void setIdFilter(const std::vector<int64_t>& ids);
    void clearIdFilter();
    // A pivot's accounts ("accounts sharing this subnet"): applies on top of the search.
    void setPivotFilter(const std::vector<int64_t>& ids);
    void clearPivotFilter();
    bool hasPivotFilter() const { return pivotOn_; }
    void setFlaggedOnly(bool on);
    // Where the Reasons column reads from: the GUI thread's connection to the open case, or
    // nullptr (no reasons shown). Read per row drawn and cached (casequeries.h says why).
    void setReasonSource(sqlite3* db);
    // The analyst's tags per account (the Tags column); kept across setAccounts().
    void setAccountTags(AccountTagMap tags);
    QStringList tagsOf(int64_t accountId) const;
    bool hasIdFilter() const { return idFilterOn_; }

    const AccountRecord* recordAt(int row) const;
    int rowOfAccount(int64_t accountId) const;  // -1 when filtered out or unknown
    std::vector<int> rowsOfCluster(int64_t cluster) const;
    int totalCount() const { return static_cast<int>(records_.size()); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    void rebuildRows();  // filter over the sorted order; callers wrap it in a reset
    bool accepts(const AccountRecord& r) const;
    QString tagText(int64_t accountId) const;
    QByteArray reasonJson(int64_t accountId) const;  // as stored; cached

    std::vector<AccountRecord> records_;
    AccountTagMap tags_;
    sqlite3* reasonDb_ = nullptr;
    mutable QCache<qint64, QByteArray> reasons_{4096};  // by account id: the rows lately drawn
    mutable QHash<QString, QPixmap> swatches_;  // by the tags' joined colors
    TopicTable topics_;
    std::vector<int> sorted_;  // record indexes in sort order
    std::vector<int> rows_;    // the visible subset of sorted_
    std::vector<int> rowOfRecord_;
    QString text_;
    std::unordered_set<int64_t> ids_;
    bool idFilterOn_ = false;
    std::unordered_set<int64_t> pivotIds_;
    bool pivotOn_ = false;
    bool flaggedOnly_ = false;
    int sortColumn_ = Score;
    Qt::SortOrder sortOrder_ = Qt::DescendingOrder;
};

}  // namespace quarry::gui
