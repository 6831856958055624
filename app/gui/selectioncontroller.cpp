// SPDX-License-Identifier: GPL-3.0-or-later
#include "selectioncontroller.h"

#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>

#include "casesession.h"
#include "mainframe.h"
#include "panels/accountpanel.h"
#include "panels/clusterpanel.h"
#include "analysis/analysisstore.h"
#include "panels/overviewpanel.h"

namespace quarry::gui {

SelectionController::SelectionController(CaseSession* session, MainFrame* frame)
    : QObject(frame->mainWindow()), session_(session) {
    QMainWindow* w = frame->mainWindow();
    overview_ = new OverviewPanel(w);
    clusters_ = new ClusterPanel(w);
    accounts_ = new AccountPanel(w);
    // Where the docks go and how big they are: defaultlayout.cpp.
    frame->addPanel(overview_, tr("Overview"), QStringLiteral("overviewDock"),
                    Qt::LeftDockWidgetArea);
    frame->addPanel(clusters_, tr("Clusters"), QStringLiteral("clusterDock"),
                    Qt::LeftDockWidgetArea);
    frame->addPanel(accounts_, tr("Accounts"), QStringLiteral("accountDock"),
                    Qt::BottomDockWidgetArea);

    QAction* find =
        frame->menu(MainFrame::Menu::Case)->addAction(tr("&Find Account"), this, [this] {
            accounts_->focusSearch();
        });
    find->setShortcut(QKeySequence::Find);

    connect(session_, &CaseSession::caseOpened, this, &SelectionController::caseOpened);
    connect(session_, &CaseSession::caseClosing, this, &SelectionController::caseClosing);
    // The next case starts unfiltered: a search typed for this one means nothing there.
    connect(session_, &CaseSession::caseClosed, accounts_, &AccountPanel::resetFilters);
    connect(accounts_, &AccountPanel::currentAccountChanged, session_,
            [this](qint64 id, const QString& name) { session_->setCurrentAccount(id, name); });
    connect(accounts_, &AccountPanel::selectionChanged, this,
            &SelectionController::accountSelectionChanged);
    connect(accounts_, &AccountPanel::loaded, this,
            [this](int n) { session_->showStatus(tr("%n account(s) loaded", nullptr, n), 4000); });
    connect(clusters_, &ClusterPanel::clusterSelected, this, [this](qint64 id) {
        // The members first, so every listener of clusterChanged sees them selected.
        const int n = accounts_->selectCluster(id);
        session_->showStatus(tr("Cluster %1: %2 member accounts selected").arg(id).arg(n), 5000);
        session_->setCurrentCluster(id);
    });
    connect(overview_, &OverviewPanel::clusterActivated, this,
            [this](qint64 id) { selectCluster(id); });
}

void SelectionController::caseOpened() {
    std::vector<ClusterRecord> clusters = loadClusters(session_->db());
    QStringList unavailable;
    for (const QJsonValue& u : analysisstore::unavailableEvidence(session_->db())) unavailable << u.toString();
    overview_->setCase(session_->file(), clusters, unavailable);
    clusters_->setClusters(std::move(clusters));
    accounts_->model()->setReasonSource(session_->db());
    accounts_->load(session_->path(), session_->topics());
}

void SelectionController::caseClosing() {
    accounts_->model()->setReasonSource(nullptr);  // the connection goes with the case
    accounts_->load(QString(), {});
    clusters_->setClusters({});
    overview_->setCase(nullptr, {});
}

bool SelectionController::selectAccount(int64_t accountId) {
    return accounts_->selectAccount(accountId);
}

bool SelectionController::selectAccountByName(const QString& name) {
    if (!session_->isOpen()) return false;
    int64_t id = accountIdByName(session_->db(), name);
    bool numeric = false;
    const int64_t asNumber = name.toLongLong(&numeric);
    if (id < 0 && numeric) id = asNumber;  // a dictionary id
    return id >= 0 && selectAccount(id);
}

bool SelectionController::selectCluster(int64_t clusterId) {
    return clusters_->selectCluster(clusterId);
}

std::vector<int64_t> SelectionController::selectedAccounts() const {
    return accounts_->selectedAccounts();
}

bool SelectionController::loading() const {
    return accounts_->loading();
}

}  // namespace quarry::gui
