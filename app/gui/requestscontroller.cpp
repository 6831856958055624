// SPDX-License-Identifier: GPL-3.0-or-later
#include "requestscontroller.h"

#include <QDockWidget>
#include <QMainWindow>
#include <QTimer>

#include "casesession.h"
#include "graph/clustergraph.h"
#include "mainframe.h"
#include "panels/accountpanel.h"
#include "panels/requestpanel.h"
#include "selectioncontroller.h"
#include "viewscontroller.h"

namespace quarry::gui {

RequestsController::RequestsController(CaseSession* session, SelectionController* selection,
                                       ViewsController* views, MainFrame* frame)
    : QObject(frame->mainWindow()), session_(session), selection_(selection) {
    QMainWindow* w = frame->mainWindow();
    requests_ = new RequestPanel(w);
    graph_ = new ClusterGraph(w);
    graph_->setObjectName(QStringLiteral("clusterGraph"));
    QDockWidget* requestDock = frame->addPanel(
        requests_, tr("Requests"), QStringLiteral("requestDock"), Qt::BottomDockWidgetArea);
    // Beside the account table (and whatever is tabbed with it), not behind a tab: picking
    // accounts and reading their requests go together.
    w->addDockWidget(Qt::BottomDockWidgetArea, requestDock, Qt::Horizontal);
    views->addViewTab(graph_, tr("Cluster graph"));

    connect(session_, &CaseSession::caseOpened, this, &RequestsController::setCase);
    connect(session_, &CaseSession::caseClosed, this, &RequestsController::setCase);
    connect(session_, &CaseSession::requestsFilterRequested, requests_,
            &RequestPanel::setSelection);
    // A cluster pick selects its members one row range at a time; follow once it settles.
    const auto follow = [this] {
        if (followPending_) return;
        followPending_ = true;
        QTimer::singleShot(0, this, [this] { followAccountSelection(); });
    };
    connect(selection_, &SelectionController::accountSelectionChanged, this, follow);
    connect(selection_->accountPanel(), &AccountPanel::currentAccountChanged, this, follow);
    connect(session_, &CaseSession::clusterChanged, this, [this](qint64 id) {
        graph_->setCluster(id);
        if (!session_->isOpen()) return;
        const std::vector<int64_t> members = clusterMembers(session_->db(), id);
        session_->requestRequests(QVector<qint64>(members.begin(), members.end()), -1, -1, -1);
    });
    connect(graph_, &ClusterGraph::accountsSelected, this, [this](const QVector<qint64>& ids) {
        const int n = selection_->accountPanel()->selectAccounts(
            std::vector<int64_t>(ids.begin(), ids.end()));
        session_->showStatus(tr("%n account(s) selected from the cluster graph", nullptr, n), 4000);
    });
}

void RequestsController::setCase() {
    requests_->setCase(session_->path(), session_->topics());
    graph_->setCase(session_->path());
}

bool RequestsController::busy() const {
    return requests_->model()->loading() || graph_->loading();
}

void RequestsController::followAccountSelection() {
    followPending_ = false;
    if (!session_->isOpen()) return;
    std::vector<int64_t> ids = selection_->selectedAccounts();
    if (ids.empty() && session_->currentAccount() >= 0) ids.push_back(session_->currentAccount());
    if (ids.empty()) return;  // nothing picked yet: keep what the table shows
    session_->requestRequests(QVector<qint64>(ids.begin(), ids.end()), -1, -1, -1);
}

}  // namespace quarry::gui
