// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The account table with its search bar. The whole table loads once on a worker thread with its
// own connection; sorting and filtering then run on the in-memory rows.

#include <QFutureWatcher>
#include <QWidget>

#include <memory>
#include <vector>

#include "items/accounttablemodel.h"
#include "items/pivotqueries.h"

class QBoxLayout;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace quarry::gui {
class FilterChip;
}

namespace quarry::gui {

class AccountPanel final : public QWidget {
    Q_OBJECT
public:
    explicit AccountPanel(QWidget* parent = nullptr);
    ~AccountPanel() override;

    // Starts loading the case's accounts (asynchronously); empty path clears.
    void load(const QString& casePath, const TopicTable& topics);
    bool loading() const { return loading_; }
    AccountTableModel* model() const { return model_; }
    QTableView* view() const { return view_; }

    // Selects one account (clearing filters that hide it) and makes it current.
    bool selectAccount(int64_t accountId);
    // Selects every member of a cluster; the highest-ranked member becomes current.
    int selectCluster(int64_t cluster);
    // Selects these accounts (those the filters show); the first in table order becomes current.
    int selectAccounts(const std::vector<int64_t>& accountIds);
    std::vector<int64_t> selectedAccounts() const;
    void focusSearch();
    // Back to no search, no "flagged only": what a newly opened case starts with.
    void resetFilters();

    // Search: "field:value" in the box, or the chooser's field for plain text (the account name
    // filters as you type; other fields search on Enter). Asynchronous except for names.
    void search(const QString& text, SearchField field = SearchField::Account);
    QLineEdit* searchBox() const { return search_; }
    QComboBox* searchField() const { return searchMode_; }
    QLabel* status() const { return status_; }
    bool searching() const { return searchPending_; }  // until the result is shown

    // Shows only these accounts under a removable chip saying why (a pivot's result).
    void setPivot(const QString& label, const std::vector<int64_t>& accountIds);
    void clearPivot();
    FilterChip* pivotChip() const { return chip_; }

signals:
    void loaded(int accounts);
    void currentAccountChanged(qint64 accountId, const QString& name);
    void selectionChanged();

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    // "Flagged only" and the count beside the search box when the panel is wide enough for the
    // box to stay readable, else on a row of their own under it.
    void placeFilters();
    void applySearch();
    int selectRows(const std::vector<int>& rows);  // sorted table rows
    void onLoaded();
    void updateStatus();
    void runFieldSearch(SearchField field, const QString& text, const QString& hint);

    QString path_;
    TopicTable topics_;
    AccountTableModel* model_;
    QTableView* view_;
    QLineEdit* search_;
    QComboBox* searchMode_;
    QCheckBox* flaggedOnly_;
    QLabel* status_;
    FilterChip* chip_;
    QBoxLayout* searchRow_ = nullptr;
    QBoxLayout* filterRow_ = nullptr;
    QString searchHint_;  // why the account search went to another field, until the next search
    // Shared so the records move into the model instead of being copied out of the future.
    QFutureWatcher<std::shared_ptr<std::vector<AccountRecord>>> accountsWatcher_;
    QFutureWatcher<std::vector<int64_t>> searchWatcher_;
    bool loading_ = false;
    bool searchPending_ = false;
};

}  // namespace quarry::gui
