// SPDX-License-Identifier: GPL-3.0-or-later
// The Requests and Cluster graph docks and how they follow the selection: the account table's
// selection (or current account) and the selected cluster's members feed the request table;
// the selected cluster is drawn as a graph, and nodes picked there select those accounts in the
// account table (and so the timeline).
#include <QDockWidget>
#include <QStatusBar>
#include <QTimer>

#include "accountpanel.h"
#include "clustergraph.h"
#include "clusterpanel.h"
#include "mainwindow.h"
#include "requestpanel.h"
#include "store/casefile.h"

namespace quarry::gui {

void MainWindow::createRequestPanels() {
    requests_ = new RequestPanel(this);
    graph_ = new ClusterGraph(this);
    QDockWidget* requestDock = addPanel(requests_, tr("Requests"), QStringLiteral("requestDock"),
                                        Qt::BottomDockWidgetArea);
    QDockWidget* graphDock = addPanel(graph_, tr("Cluster graph"),
                                      QStringLiteral("clusterGraphDock"), Qt::RightDockWidgetArea);
    // Beside the account table (and whatever is tabbed with it), not behind a tab: picking
    // accounts and reading their requests go together.
    addDockWidget(Qt::BottomDockWidgetArea, requestDock, Qt::Horizontal);
    resizeDocks({graphDock}, {440}, Qt::Vertical);

    connect(this, &MainWindow::requestsFilterRequested, requests_, &RequestPanel::setSelection);
    // A cluster pick selects its members one row range at a time; follow once it settles.
    const auto follow = [this] {
        if (followPending_) return;
        followPending_ = true;
        QTimer::singleShot(0, this, [this] { followAccountSelection(); });
    };
    connect(accounts_, &AccountPanel::selectionChanged, this, follow);
    connect(accounts_, &AccountPanel::currentAccountChanged, this, follow);
    connect(clusters_, &ClusterPanel::clusterSelected, this, [this](qint64 id) {
        graph_->setCluster(id);
        if (!case_) return;
        const std::vector<int64_t> members = clusterMembers(case_->db(), id);
        emit requestsFilterRequested(QVector<qint64>(members.begin(), members.end()), -1, -1, -1);
    });
    connect(graph_, &ClusterGraph::accountsSelected, this, [this](const QVector<qint64>& ids) {
        const int n = accounts_->selectAccounts(std::vector<int64_t>(ids.begin(), ids.end()));
        statusBar()->showMessage(tr("%1 accounts selected from the cluster graph").arg(n), 4000);
    });
    followRequestPicks();
}

void MainWindow::setRequestPanelsCase() {
    const QString path = case_ ? case_->path() : QString();
    requests_->setCase(path, topics_);
    graph_->setCase(path);
}

bool MainWindow::requestPanelsBusy() const {
    return requests_->model()->loading() || graph_->loading();
}

void MainWindow::followAccountSelection() {
    followPending_ = false;
    if (!case_) return;
    std::vector<int64_t> ids = accounts_->selectedAccounts();
    if (ids.empty() && currentAccount_ >= 0) ids.push_back(currentAccount_);
    if (ids.empty()) return;  // nothing picked yet: keep what the table shows
    emit requestsFilterRequested(QVector<qint64>(ids.begin(), ids.end()), -1, -1, -1);
}

}  // namespace quarry::gui
