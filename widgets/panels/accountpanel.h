// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The account table with its search bar. The whole table loads once on a worker thread with its
// own connection; sorting and filtering then run on the in-memory rows.

#include <QFutureWatcher>
#include <QWidget>

#include <vector>

#include "items/accounttablemodel.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

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

signals:
    void loaded(int accounts);
    void currentAccountChanged(qint64 accountId, const QString& name);
    void selectionChanged();

private:
    void applySearch();
    int selectRows(const std::vector<int>& rows);  // sorted table rows
    void onLoaded();
    void updateStatus();

    QString path_;
    TopicTable topics_;
    AccountTableModel* model_;
    QTableView* view_;
    QLineEdit* search_;
    QComboBox* searchMode_;
    QCheckBox* flaggedOnly_;
    QLabel* status_;
    QFutureWatcher<std::vector<AccountRecord>> accountsWatcher_;
    QFutureWatcher<std::vector<int64_t>> searchWatcher_;
    bool loading_ = false;
};

}  // namespace quarry::gui
