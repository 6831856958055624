// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/accountpanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelection>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

#include "panels/filterchip.h"
#include "store/casefile.h"

namespace quarry::gui {

AccountPanel::AccountPanel(QWidget* parent)
    : QWidget(parent),
      model_(new AccountTableModel(this)),
      view_(new QTableView(this)),
      search_(new QLineEdit(this)),
      searchMode_(new QComboBox(this)),
      flaggedOnly_(new QCheckBox(tr("Flagged only"), this)),
      status_(new QLabel(this)),
      chip_(new FilterChip(this)) {
    search_->setPlaceholderText(tr("Search accounts…  field:value, e.g. ip:203.0.113.7  (Ctrl+F)"));
    search_->setClearButtonEnabled(true);
    searchMode_->setObjectName(QStringLiteral("searchField"));
    for (int i = 0; i < kSearchFieldCount; ++i) {
        QString label = fieldLabel(static_cast<SearchField>(i));
        if (label.at(0).isLower()) label[0] = label.at(0).toUpper();
        searchMode_->addItem(label, i);
    }
    QStringList keywords;
    for (int i = 0; i < kSearchFieldCount; ++i)
        keywords << fieldKeyword(static_cast<SearchField>(i)) + QLatin1Char(':');
    searchMode_->setToolTip(
        tr("Account: name contains the text (as you type).\n"
           "Any other field: accounts whose value contains the text (press Enter).\n"
           "Or type field:value in the box: %1")
            .arg(keywords.join(QLatin1Char(' '))));
    status_->setObjectName(QStringLiteral("accountStatus"));
    // The search box keeps room for a typical field:value query: beside the check box and the
    // count it was squeezed to a letter in the 1366x768 layout's left column. In a narrow panel
    // those go to a row of their own (placeFilters) and the count wraps rather than widen it.
    search_->setMinimumWidth(
        fontMetrics().horizontalAdvance(QStringLiteral("subnet:203.0.113.0/24")) +
        fontMetrics().averageCharWidth() * 6);
    status_->setWordWrap(true);
    status_->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    searchRow_ = new QHBoxLayout;
    searchRow_->addWidget(searchMode_);
    searchRow_->addWidget(search_, 1);
    filterRow_ = new QHBoxLayout;
    filterRow_->addWidget(flaggedOnly_);
    filterRow_->addWidget(status_, 1);

    view_->setModel(model_);
    view_->setSortingEnabled(true);
    view_->sortByColumn(AccountTableModel::Score, Qt::DescendingOrder);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view_->setAlternatingRowColors(true);
    view_->verticalHeader()->setVisible(false);
    view_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    view_->horizontalHeader()->setStretchLastSection(true);
    view_->setWordWrap(false);
    view_->setColumnWidth(AccountTableModel::Account, 210);
    view_->setColumnWidth(AccountTableModel::Score, 60);
    view_->setColumnWidth(AccountTableModel::Cluster, 60);
    view_->setColumnWidth(AccountTableModel::Flagged, 60);
    view_->setColumnWidth(AccountTableModel::Requests, 75);
    view_->setColumnWidth(AccountTableModel::TopTopic, 190);
    view_->setColumnWidth(AccountTableModel::CotShare, 50);
    view_->setColumnWidth(AccountTableModel::QuietShare, 70);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(searchRow_);
    layout->addLayout(filterRow_);
    layout->addWidget(chip_);
    layout->addWidget(view_, 1);

    connect(search_, &QLineEdit::textChanged, this, [this] {
        const SearchQuery q =
            parseSearch(search_->text(), SearchField(searchMode_->currentData().toInt()));
        if (q.text.isEmpty() || (q.field == SearchField::Account && !q.fieldGiven)) applySearch();
    });
    connect(chip_, &FilterChip::cleared, this, [this] {
        model_->clearPivotFilter();
        updateStatus();
    });
    connect(search_, &QLineEdit::returnPressed, this, &AccountPanel::applySearch);
    connect(searchMode_, qOverload<int>(&QComboBox::currentIndexChanged), this, &AccountPanel::applySearch);
    connect(flaggedOnly_, &QCheckBox::toggled, this, [this](bool on) {
        model_->setFlaggedOnly(on);
        updateStatus();
    });
    connect(&accountsWatcher_,
            &QFutureWatcher<std::shared_ptr<std::vector<AccountRecord>>>::finished, this,
            &AccountPanel::onLoaded);
    connect(&searchWatcher_, &QFutureWatcher<std::vector<int64_t>>::finished, this, [this] {
        searchPending_ = false;
        model_->setIdFilter(searchWatcher_.result());
        updateStatus();
    });
    connect(view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& cur) {
        if (const AccountRecord* r = model_->recordAt(cur.row())) emit currentAccountChanged(r->id, r->name);
    });
    connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &AccountPanel::selectionChanged);
    updateStatus();
}

void AccountPanel::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    placeFilters();
}

void AccountPanel::placeFilters() {
    const int spacing = searchRow_->spacing() * 3;
    const int oneRow = searchMode_->sizeHint().width() + search_->minimumWidth() +
                       flaggedOnly_->sizeHint().width() + spacing +
                       fontMetrics().horizontalAdvance(tr("%1 of %n account(s)", nullptr, 88888)
                                                           .arg(QStringLiteral("88,888"))) +
                       layout()->contentsMargins().left() + layout()->contentsMargins().right();
    const bool wide = width() >= oneRow;
    if (wide == (searchRow_->indexOf(status_) >= 0)) return;
    QBoxLayout* to = wide ? searchRow_ : filterRow_;
    (wide ? filterRow_ : searchRow_)->removeWidget(flaggedOnly_);
    (wide ? filterRow_ : searchRow_)->removeWidget(status_);
    to->addWidget(flaggedOnly_);
    to->addWidget(status_, wide ? 0 : 1);
}

AccountPanel::~AccountPanel() {
    accountsWatcher_.waitForFinished();
    searchWatcher_.waitForFinished();
}

void AccountPanel::load(const QString& casePath, const TopicTable& topics) {
    accountsWatcher_.waitForFinished();
    path_ = casePath;
    topics_ = topics;
    model_->clear();
    clearPivot();
    if (casePath.isEmpty()) {
        updateStatus();
        return;
    }
    loading_ = true;
    status_->setText(tr("loading accounts…"));
    accountsWatcher_.setFuture(QtConcurrent::run([casePath] {
        auto file = openReadOnly(casePath);
        return std::make_shared<std::vector<AccountRecord>>(file ? loadAccounts(file->db())
                                                                 : std::vector<AccountRecord>{});
    }));
}

void AccountPanel::onLoaded() {
    // Moved, not copied: 84,000 records with their reasons are a noticeable copy at open.
    const std::shared_ptr<std::vector<AccountRecord>> accounts = accountsWatcher_.result();
    model_->setAccounts(accounts ? std::move(*accounts) : std::vector<AccountRecord>{}, topics_);
    loading_ = false;
    updateStatus();
    emit loaded(model_->totalCount());
}

void AccountPanel::search(const QString& text, SearchField field) {
    const QSignalBlocker block(searchMode_);
    searchMode_->setCurrentIndex(static_cast<int>(field));
    search_->setText(text);
    applySearch();
}

void AccountPanel::applySearch() {
    searchHint_.clear();
    const SearchQuery q =
        parseSearch(search_->text(), SearchField(searchMode_->currentData().toInt()));
    if (q.field == SearchField::Account && !q.fieldGiven) {
        model_->clearIdFilter();
        model_->setTextFilter(q.text);
        // An address typed into the name search: nobody is named that, so look up who used it.
        if (model_->rowCount() == 0 && isAddress(q.text)) {
            model_->setTextFilter(QString());
            runFieldSearch(
                SearchField::Ip, q.text,
                tr("no account is named %1; accounts that used that IP (ip:)").arg(q.text));
            return;
        }
    } else {
        model_->setTextFilter(QString());
        if (q.text.isEmpty() || path_.isEmpty())
            model_->clearIdFilter();
        else {
            runFieldSearch(q.field, q.text, QString());
            return;
        }
    }
    updateStatus();
}

void AccountPanel::runFieldSearch(SearchField field, const QString& text, const QString& hint) {
    status_->setText(tr("searching %1…").arg(fieldLabel(field)));
    searchHint_ = hint;
    searchPending_ = true;
    const QString path = path_;
    searchWatcher_.setFuture(QtConcurrent::run([path, field, text] {
        auto file = openReadOnly(path);
        return file ? searchAccounts(file->db(), field, text) : std::vector<int64_t>{};
    }));
}

void AccountPanel::setPivot(const QString& label, const std::vector<int64_t>& accountIds) {
    model_->setPivotFilter(accountIds);
    chip_->showFilter(label);
    updateStatus();
}

void AccountPanel::clearPivot() {
    chip_->hide();
    model_->clearPivotFilter();
    updateStatus();
}

void AccountPanel::resetFilters() {
    searchWatcher_.waitForFinished();
    const QSignalBlocker blockSearch(search_), blockMode(searchMode_), blockFlagged(flaggedOnly_);
    search_->clear();
    searchMode_->setCurrentIndex(0);
    flaggedOnly_->setChecked(false);
    model_->clearIdFilter();
    model_->setTextFilter(QString());
    model_->setFlaggedOnly(false);
    searchHint_.clear();
    searchPending_ = false;
    clearPivot();
    updateStatus();
}

void AccountPanel::updateStatus() {
    if (loading_) return;
    QString text = tr("%1 of %n account(s)", nullptr, static_cast<int>(model_->totalCount())).arg(model_->rowCount());
    if (!searchHint_.isEmpty()) text = tr("%1 — %2").arg(text, searchHint_);
    status_->setText(text);
}

bool AccountPanel::selectAccount(int64_t accountId) {
    int row = model_->rowOfAccount(accountId);
    if (row < 0) {
        search_->clear();
        flaggedOnly_->setChecked(false);
        model_->clearIdFilter();
        model_->setTextFilter(QString());
        clearPivot();
        row = model_->rowOfAccount(accountId);
    }
    if (row < 0) return false;
    const QModelIndex index = model_->index(row, 0);
    view_->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    view_->scrollTo(index, QAbstractItemView::PositionAtCenter);
    return true;
}

int AccountPanel::selectCluster(int64_t cluster) { return selectRows(model_->rowsOfCluster(cluster)); }

int AccountPanel::selectAccounts(const std::vector<int64_t>& accountIds) {
    std::vector<int> rows;
    for (int64_t id : accountIds) {
        const int row = model_->rowOfAccount(id);
        if (row >= 0) rows.push_back(row);
    }
    std::sort(rows.begin(), rows.end());
    return selectRows(rows);
}

int AccountPanel::selectRows(const std::vector<int>& rows) {
    if (rows.empty()) return 0;
    QItemSelection selection;
    for (size_t i = 0; i < rows.size();) {  // contiguous runs of rows, one range each
        size_t j = i;
        while (j + 1 < rows.size() && rows[j + 1] == rows[j] + 1) ++j;
        selection.select(model_->index(rows[i], 0), model_->index(rows[j], AccountTableModel::ColumnCount - 1));
        i = j + 1;
    }
    auto* sm = view_->selectionModel();
    const bool sameCurrent = sm->currentIndex().row() == rows.front();
    sm->setCurrentIndex(model_->index(rows.front(), 0), QItemSelectionModel::NoUpdate);
    sm->select(selection, QItemSelectionModel::ClearAndSelect);
    view_->scrollTo(model_->index(rows.front(), 0), QAbstractItemView::PositionAtTop);
    if (sameCurrent)
        if (const AccountRecord* r = model_->recordAt(rows.front())) emit currentAccountChanged(r->id, r->name);
    return static_cast<int>(rows.size());
}

std::vector<int64_t> AccountPanel::selectedAccounts() const {
    // Straight from the selection's row ranges: selectedRows() tests every row against every
    // range, which took half a second for a cluster of 6,500 members scattered over the table.
    // Whole rows are selected (SelectRows), so a range's rows are selected rows.
    std::vector<int> rows;
    for (const QItemSelectionRange& range : view_->selectionModel()->selection())
        for (int row = range.top(); row <= range.bottom(); ++row) rows.push_back(row);
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    std::vector<int64_t> out;
    out.reserve(rows.size());
    for (int row : rows)
        if (const AccountRecord* r = model_->recordAt(row)) out.push_back(r->id);
    return out;
}

void AccountPanel::focusSearch() {
    search_->setFocus();
    search_->selectAll();
}

}  // namespace quarry::gui
