// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Context menus and pivots, one piece of code for every table, plot point and graph node: copy
// the value or the rows, filter the account table to this, tag, and "accounts sharing this IP /
// subnet / payment fingerprint / API key / organisation / template / user agent" with counts.
// A pivot's result shows as a removable filter chip over the account table.

#include <QObject>
#include <QPoint>
#include <QString>

#include <cstdint>
#include <functional>
#include <vector>

#include "items/pivotqueries.h"
#include "menucounts.h"

class QMenu;
class QModelIndex;
class QTableView;

namespace quarry::gui {

class CaseSession;
class MainFrame;
class RequestsController;
class SelectionController;
class TemplatePanel;
class ViewsController;
class WorkflowController;

class PivotController final : public QObject {
    Q_OBJECT
public:
    PivotController(CaseSession* session, SelectionController* selection, ViewsController* views,
                    RequestsController* requests, WorkflowController* workflow, MainFrame* frame);

    // Gives a table the context menu (copy always; pivots, filter and tag where its rows have
    // them). The account, cluster, request, tag, notes and audit tables are installed already.
    void installOn(QTableView* view);
    // The menu a right-click on this cell opens; the caller pops it up (deleted when closed).
    QMenu* menuFor(QTableView* view, const QModelIndex& index);
    // The menu of one account (a graph node, a timeline's account) and of a link key.
    QMenu* accountMenu(qint64 accountId);
    QMenu* keyMenu(const QString& linkType, const QString& key);
    // A timeline point: the request's fields, showing it in the request table, its pivots.
    QMenu* requestMenu(int64_t accountId, qint64 requestId);
    // Plot cells (pivotcontroller_cells.cpp). Each menu is returned at once; the accounts behind
    // the cell are counted on a worker and their entries enabled when the count arrives
    // (MenuCounts). A heatmap cell: its requests, the accounts behind it, its count.
    QMenu* heatmapCellMenu(qint64 fromMs, qint64 toMs, qint64 topicId);
    // A punchcard cell (UTC weekday, 0 = Monday, and hour): the requests of its last
    // occurrence, the accounts active at that hour of the week and in that very hour.
    QMenu* punchcardCellMenu(int weekday, int hour);
    // A members x topics cell: the account's and the cluster's requests on the topic, the
    // members and accounts of the topic, then the account's own entries and pivots.
    QMenu* topicMatrixCellMenu(qint64 accountId, qint64 topicId);

    // Filters the account table to the accounts holding this value; returns how many.
    int pivot(SearchField field, const QString& value);
    // Filters the account table to these accounts under a chip reading "label: n".
    void showAccounts(const QString& label, const std::vector<int64_t>& accountIds);

    // More entries for a request row's menu from other features (the story's Star as Evidence
    // and Pin a Note), added after the pivots.
    void setRequestMenuExtension(std::function<void(QMenu*)> extend) {
        extendRequestMenu_ = std::move(extend);
    }

public slots:
    // For ClusterGraph::accountContextMenuRequested and keyContextMenuRequested.
    void showAccountMenu(qint64 accountId, QPoint globalPos);
    void showKeyMenu(const QString& linkType, const QString& key, QPoint globalPos);

private:
    enum class Kind { Accounts, Clusters, Requests, Templates, Other };
    Kind kindOf(const QTableView* view) const;
    QMenu* newMenu();
    void addCopy(QMenu* menu, QTableView* view, const QModelIndex& index);
    void addPivots(QMenu* menu, const std::vector<Pivot>& pivots);
    void addAccountPivots(QMenu* menu, int64_t accountId);
    // Select, Filter to This, Tag… and the pivots of one account (its menu and a matrix row's).
    void addAccountEntries(QMenu* menu, int64_t accountId, const QString& name);
    // "label (counting…)", disabled, until `read` has counted the accounts on a worker; then
    // "label (n)" showing them in the account table (disabled when there are none); `also`
    // gets the accounts too (another entry that waits for the same read).
    void addAccountsEntry(QMenu* menu, const QString& label, const QString& chip,
                          MenuCounts::Read read, MenuCounts::Fill also = {});
    void addCopyText(QMenu* menu, const QString& text);
    void connectPlotCells();
    // A request's own IP (and subnet), user agent and model, then what its account holds.
    void addRequestPivots(QMenu* menu, int64_t accountId, const QString& ip,
                          const QString& userAgent, const QString& model);
    void addFilter(QMenu* menu, QTableView* view, const QModelIndex& index, Kind kind);

    std::function<void(QMenu*)> extendRequestMenu_;
    CaseSession* session_;
    SelectionController* selection_;
    ViewsController* views_;
    RequestsController* requests_;
    WorkflowController* workflow_;
    QWidget* window_;
    MenuCounts* counts_;
};

}  // namespace quarry::gui
