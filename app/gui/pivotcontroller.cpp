// SPDX-License-Identifier: GPL-3.0-or-later
#include "pivotcontroller.h"

#include <QApplication>
#include <QClipboard>
#include <QDockWidget>
#include <QLocale>
#include <QMainWindow>
#include <QMenu>
#include <QTableView>

#include <algorithm>

#include "casesession.h"
#include "evidence/csvwriter.h"
#include "items/accounttablemodel.h"
#include "items/clustertablemodel.h"
#include "items/requesttablemodel.h"
#include "items/templateslotmodel.h"
#include "mainframe.h"
#include "panels/accountpanel.h"
#include "panels/auditpanel.h"
#include "panels/clusterpanel.h"
#include "panels/notespanel.h"
#include "panels/requestpanel.h"
#include "panels/tablecopy.h"
#include "panels/tagpanel.h"
#include "plots/timelineplot.h"
#include "requestscontroller.h"
#include "selectioncontroller.h"
#include "viewscontroller.h"
#include "workflowcontroller.h"

namespace quarry::gui {

PivotController::PivotController(CaseSession* session, SelectionController* selection,
                                 ViewsController* views, RequestsController* requests,
                                 WorkflowController* workflow, MainFrame* frame)
    : QObject(frame->mainWindow()),
      session_(session),
      selection_(selection),
      views_(views),
      requests_(requests),
      workflow_(workflow),
      window_(frame->mainWindow()),
      counts_(new MenuCounts(session, this)) {
    for (QTableView* view : {selection_->accountPanel()->view(), selection_->clusterPanel()->view(),
                             requests_->requestPanel()->view(), workflow_->tagPanel()->view(),
                             workflow_->notesPanel()->view(), workflow_->auditPanel()->view()})
        installOn(view);
    connect(views_->timeline(), &TimelinePlot::requestContextMenuRequested, this,
            [this](qint64 id, QPoint pos) {
                requestMenu(views_->timeline()->account(), id)->popup(pos);
            });
    connectPlotCells();
}

void PivotController::installOn(QTableView* view) {
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(view, &QWidget::customContextMenuRequested, this, [this, view](const QPoint& pos) {
        const QModelIndex index = view->indexAt(pos);
        if (!index.isValid()) return;
        // The row under the pointer joins the selection the menu acts on (Copy rows, Tag…).
        if (!view->selectionModel()->isRowSelected(index.row(), index.parent()))
            view->selectionModel()->setCurrentIndex(
                index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        menuFor(view, index)->popup(view->viewport()->mapToGlobal(pos));
    });
}

PivotController::Kind PivotController::kindOf(const QTableView* view) const {
    if (qobject_cast<const AccountTableModel*>(view->model())) return Kind::Accounts;
    if (qobject_cast<const ClusterTableModel*>(view->model())) return Kind::Clusters;
    if (qobject_cast<const RequestTableModel*>(view->model())) return Kind::Requests;
    if (qobject_cast<const TemplateSlotModel*>(view->model())) return Kind::Templates;
    return Kind::Other;
}

QMenu* PivotController::newMenu() {
    auto* menu = new QMenu(window_);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->setToolTipsVisible(true);
    return menu;
}

QMenu* PivotController::menuFor(QTableView* view, const QModelIndex& index) {
    QMenu* menu = newMenu();
    const Kind kind = kindOf(view);
    addCopy(menu, view, index);
    addFilter(menu, view, index, kind);
    if (!session_->isOpen()) return menu;
    switch (kind) {
        case Kind::Accounts:
            menu->addAction(tr("Tag…"), this,
                            [this] { workflow_->askTag(WorkflowController::TagScope::Accounts); });
            addAccountPivots(menu, index.data(AccountTableModel::AccountIdRole).toLongLong());
            break;
        case Kind::Clusters:
            menu->addAction(tr("Tag…"), this,
                            [this, id = index.data(ClusterTableModel::ClusterIdRole).toLongLong()] {
                                selection_->selectCluster(id);
                                workflow_->askTag(WorkflowController::TagScope::Cluster);
                            });
            break;
        case Kind::Requests: {
            menu->addAction(tr("Tag…"), this,
                            [this] { workflow_->askTag(WorkflowController::TagScope::Requests); });
            if (const RequestRow* r = requests_->requestPanel()->model()->rowAt(index.row()))
                addRequestPivots(menu, r->account, r->ip, r->userAgent, r->model);
            if (extendRequestMenu_) {
                menu->addSeparator();
                extendRequestMenu_(menu);
            }
            break;
        }
        case Kind::Templates:
            addAccountPivots(menu, index.data(TemplateSlotModel::AccountIdRole).toLongLong());
            break;
        case Kind::Other:
            break;
    }
    return menu;
}

void PivotController::addCopy(QMenu* menu, QTableView* view, const QModelIndex& index) {
    menu->addAction(tr("Copy Value"), this,
                    [value = copyableValue(index)] { QApplication::clipboard()->setText(value); });
    menu->addAction(tr("Copy Rows"), this,
                    [view] { QApplication::clipboard()->setText(selectedRowsTsv(view)); });
}

void PivotController::addFilter(QMenu* menu, QTableView* view, const QModelIndex& index,
                                Kind kind) {
    // "Filter to this": the clicked cell's value, where it names something accounts hold.
    std::optional<SearchField> field;
    QString value;
    int64_t cluster = -1;
    if (kind == Kind::Accounts) {
        const auto* r = static_cast<const AccountTableModel*>(view->model())->recordAt(index.row());
        if (!r) return;
        if (index.column() == AccountTableModel::Account)
            field = SearchField::Account, value = r->name;
        if (index.column() == AccountTableModel::Cluster) cluster = r->cluster;
        if (index.column() == AccountTableModel::TopTopic)
            field = SearchField::Topic, value = index.data().toString();
    } else if (kind == Kind::Clusters) {
        cluster = index.data(ClusterTableModel::ClusterIdRole).toLongLong();
    } else if (kind == Kind::Requests) {
        const RequestRow* r = requests_->requestPanel()->model()->rowAt(index.row());
        if (!r) return;
        switch (index.column()) {
            case RequestTableModel::Account:
                field = SearchField::Account, value = r->accountName;
                break;
            case RequestTableModel::Model:
                field = SearchField::Model, value = r->model;
                break;
            case RequestTableModel::Ip:
                field = SearchField::Ip, value = r->ip;
                break;
            case RequestTableModel::UserAgent:
                field = SearchField::UserAgent, value = r->userAgent;
                break;
            default:
                break;
        }
    }
    if (cluster >= 0) {
        menu->addAction(tr("Filter to This Cluster"), this, [this, cluster] {
            showAccounts(tr("Accounts in cluster %1").arg(cluster),
                         clusterMembers(session_->db(), cluster));
        });
    } else if (field && !value.isEmpty()) {
        menu->addAction(tr("Filter to This"), this, [this, f = *field, value] { pivot(f, value); });
    }
}

void PivotController::addPivots(QMenu* menu, const std::vector<Pivot>& pivots) {
    if (pivots.empty()) return;
    menu->addSection(tr("Pivot"));
    for (const Pivot& p : pivots) {
        QAction* a = menu->addAction(pivotLabel(p), this, [this, p] { pivot(p.field, p.value); });
        a->setToolTip(p.value);
    }
}

void PivotController::addAccountPivots(QMenu* menu, int64_t accountId) {
    if (!session_->isOpen() || accountId < 0) return;
    addPivots(menu, accountPivots(session_->db(), accountId));
}

void PivotController::addRequestPivots(QMenu* menu, int64_t accountId, const QString& ip,
                                       const QString& userAgent, const QString& model) {
    std::vector<Pivot> pivots = valuePivots(
        session_->db(),
        {{SearchField::Ip, ip}, {SearchField::UserAgent, userAgent}, {SearchField::Model, model}});
    for (const Pivot& p : accountPivots(session_->db(), accountId))
        if (p.field != SearchField::Ip && p.field != SearchField::Subnet &&
            p.field != SearchField::UserAgent)
            pivots.push_back(p);
    addPivots(menu, pivots);
}

QMenu* PivotController::requestMenu(int64_t accountId, qint64 requestId) {
    QMenu* menu = newMenu();
    if (!session_->isOpen()) return menu;
    const RequestDetail d = requestDetail(session_->db(), requestId);
    if (!d.found) return menu;
    menu->addAction(tr("Show in Requests"), this, [this, accountId, ts = d.ts] {
        session_->requestRequests({accountId}, ts, ts, -1);
    });
    const QString fields =
        evidence::tsvLine({QString::number(d.id), formatUtc(d.ts), d.model, d.ip, d.userAgent});
    menu->addAction(tr("Copy Value"), this,
                    [fields] { QApplication::clipboard()->setText(fields); });
    addRequestPivots(menu, accountId, d.ip, d.userAgent, d.model);
    return menu;
}

QMenu* PivotController::accountMenu(qint64 accountId) {
    QMenu* menu = newMenu();
    if (!session_->isOpen()) return menu;
    const QString name = reads::accountName(session_->db(), accountId);
    menu->addAction(tr("Copy Value"), this,
                    [name] { QApplication::clipboard()->setText(copyableText(name)); });
    addAccountEntries(menu, accountId, name);
    return menu;
}

void PivotController::addAccountEntries(QMenu* menu, int64_t accountId, const QString& name) {
    menu->addAction(tr("Select Account"), this,
                    [this, accountId] { selection_->selectAccount(accountId); });
    menu->addAction(tr("Filter to This"), this, [this, accountId, name] {
        showAccounts(tr("Account %1").arg(name), {accountId});
    });
    menu->addAction(tr("Tag…"), this, [this, accountId] {
        if (selection_->selectAccount(accountId))
            workflow_->askTag(WorkflowController::TagScope::Accounts);
    });
    addAccountPivots(menu, accountId);
}

QMenu* PivotController::keyMenu(const QString& linkType, const QString& key) {
    QMenu* menu = newMenu();
    const auto field = fieldOfLinkType(linkType);
    if (!session_->isOpen() || !field) return menu;
    const QString value = valueOfKey(session_->db(), *field, key);
    // A key the case's tables cannot name (the graph's template group numbers) pivots nowhere.
    const std::vector<int64_t> sharing = accountsSharing(session_->db(), *field, value);
    if (!sharing.empty()) addPivots(menu, {{*field, value, static_cast<int64_t>(sharing.size())}});
    menu->addAction(tr("Copy Value"), this,
                    [value] { QApplication::clipboard()->setText(copyableText(value)); });
    return menu;
}

void PivotController::showAccountMenu(qint64 accountId, QPoint globalPos) {
    accountMenu(accountId)->popup(globalPos);
}

void PivotController::showKeyMenu(const QString& linkType, const QString& key, QPoint globalPos) {
    keyMenu(linkType, key)->popup(globalPos);
}

int PivotController::pivot(SearchField field, const QString& value) {
    if (!session_->isOpen()) return 0;
    const std::vector<int64_t> ids = accountsSharing(session_->db(), field, value);
    const QString label = field == SearchField::Account
                              ? tr("Account %1").arg(value)
                              : tr("Accounts sharing %1 %2").arg(fieldLabel(field), value);
    showAccounts(label, ids);
    return static_cast<int>(ids.size());
}

void PivotController::showAccounts(const QString& label, const std::vector<int64_t>& accountIds) {
    AccountPanel* panel = selection_->accountPanel();
    panel->setPivot(
        tr("%1: %2").arg(label, QLocale().toString(static_cast<qint64>(accountIds.size()))),
        accountIds);
    if (auto* dock = qobject_cast<QDockWidget*>(panel->parentWidget())) dock->raise();
    session_->showStatus(
        tr("%1: %n account(s)", nullptr, static_cast<int>(accountIds.size())).arg(label), 5000);
}

}  // namespace quarry::gui
