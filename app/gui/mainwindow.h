// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The dashboard window. Split by feature: layout and panels (mainwindow.cpp), menus, settings,
// palettes and drag and drop (mainwindow_actions.cpp), the open case and the selection that
// links the panels (mainwindow_case.cpp), import / analysis / demo tasks (mainwindow_tasks.cpp).

#include <QFutureWatcher>
#include <QMainWindow>
#include <QVector>

#include <memory>
#include <vector>

#include "casequeries.h"
#include "evidence/tags.h"
#include "workflowqueries.h"

class QAction;
class QComboBox;
class QDockWidget;
class QLabel;
class QMenu;
class QUndoStack;
class QTabWidget;

namespace quarry {
class CaseFile;
class CaseWatcher;
}

namespace quarry::gui {

class AccountPanel;
class AuditPanel;
class CaseEditor;
class ClusterGraph;
class CompareTimeline;
class PunchcardPlot;
class TopicMatrixPlot;
class ViewTasks;
class ClusterPanel;
class EditCommand;
class ExportDialog;
class ImportWizard;
class NotesPanel;
class OverviewPanel;
class RequestPanel;
class TagPanel;
class TimelinePlot;
class TopicHeatmap;

class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    // restoreSettings=false keeps the default layout (screenshots, tests).
    explicit MainWindow(bool restoreSettings = true);
    ~MainWindow() override;

    bool openCase(const QString& path, QString* error = nullptr);
    void closeCase();
    QString casePath() const;
    // True while accounts or a heatmap are still loading on a worker thread.
    bool busy() const;

    bool selectAccount(int64_t accountId);
    bool selectAccountByName(const QString& name);
    bool selectCluster(int64_t clusterId);

    // Opens the import wizard (window-modal) with these files chosen; returns it so a caller can
    // script it. When it closes after an import, the case is analysed (if asked) and reopened.
    ImportWizard* importLogs(const QStringList& files);
    void openDemo();
    void setDarkPalette(bool dark);

    AccountPanel* accountPanel() const { return accounts_; }
    ClusterPanel* clusterPanel() const { return clusters_; }
    TimelinePlot* timeline() const { return timeline_; }
    TopicHeatmap* heatmap() const { return heatmap_; }
    OverviewPanel* overview() const { return overview_; }

    // workflow: tags, notes, undo/redo, audit, evidence export (mainwindow_workflow.cpp) -----
    TagPanel* tagPanel() const { return tagPanel_; }
    NotesPanel* notesPanel() const { return notesPanel_; }
    AuditPanel* auditPanel() const { return auditPanel_; }
    QUndoStack* undoStack() const { return undo_; }
    // Tag (add) or untag the accounts selected in the account table; false when nothing was done.
    bool tagSelectedAccounts(const QString& tag, bool add);
    // Tag or untag the selected cluster, asking whether its members should follow.
    bool tagCurrentCluster(const QString& tag, bool add);
    // Tag or untag the rows selected in the request table.
    bool tagSelectedRequests(const QString& tag, bool add);
    bool saveNote(const evidence::Target& target, const QString& text, const QString& subject);
    // Opens Case › Export Evidence (window-modal, not blocking) and returns it.
    ExportDialog* exportEvidence();
    // True while the account table's Tags column is being reloaded.
    bool tagsLoading() const { return tagsWatcher_.isRunning(); }

private:
    void createWorkflowPanels();
    void createWorkflowActions();
    void workflowCaseOpened();
    void workflowCaseClosed();
    void followRequestPicks();  // called once the request table exists
    void refreshWorkflowViews();
    void refreshAccountTags();
    // Performs the commands (each commits at once) and pushes those that changed something on the
    // undo stack, as one step named macroText when there are several.
    bool pushEdits(const QString& macroText, std::vector<std::unique_ptr<EditCommand>> commands);
    void tagSelection(bool add);
    void createTag();
    void editTag(const QString& name);
    void deleteTag(const QString& name);
    void chooseAnalystName();
    CaseEditor* editor_ = nullptr;
    QUndoStack* undo_ = nullptr;
    TagPanel* tagPanel_ = nullptr;
    NotesPanel* notesPanel_ = nullptr;
    AuditPanel* auditPanel_ = nullptr;
    QAction* exportAction_ = nullptr;
    QFutureWatcher<AccountTagMap> tagsWatcher_;
    bool tagsStale_ = false;     // a change arrived while the Tags column was loading
    // What Ctrl+T tags: the analyst's last pick among the account table, a cluster and the
    // request table.
    enum class TagScope { Accounts, Cluster, Requests };
    TagScope tagScope_ = TagScope::Accounts;
    // ----- end of workflow

public:
    // views (mainwindow_views.cpp): the central tabs, heatmap granularity, patterns, compare
    enum ViewTab { AccountTab = 0, CompareTab = 1, PatternsTab = 2 };
    QTabWidget* viewTabs() const { return viewTabs_; }
    CompareTimeline* compareTimeline() const { return compare_; }
    PunchcardPlot* punchcard() const { return punchcard_; }
    TopicMatrixPlot* topicMatrix() const { return matrix_; }
    void showViewTab(ViewTab tab);
    // overview | account | cluster | compare (the screenshot's --view); false if unknown.
    bool showNamedView(const QString& name);
    void setHeatmapScope(HeatmapData::Scope scope);
    void setHeatmapHourly(bool hourly);
    bool heatmapHourly() const;
    // Stacks these accounts in the Compare tab (the first CompareTimeline::kMaxRows).
    void compareAccounts(const std::vector<int64_t>& accounts, const QString& what = QString());
    void compareSelectedAccounts();
    bool compareClusterMembers(int64_t clusterId);
    void selectVisibleRange();

signals:
    void caseOpened(const QString& path);
    // The open case was reloaded because another process committed an import or analysis to it.
    void caseReloaded(const QString& path);
    // A view asks the request list to show these requests: accountIds (empty: the whole case),
    // fromMs <= ts <= toMs, topicId (-1: any topic).
    void requestsFilterRequested(QVector<qint64> accountIds, qint64 fromMs, qint64 toMs, qint64 topicId);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    // mainwindow.cpp
    void createPanels();
    QDockWidget* addPanel(QWidget* widget, const QString& title, const QString& objectName, Qt::DockWidgetArea area);
    // mainwindow_actions.cpp
    void createActions();
    void restoreLayout();
    void saveLayout();
    void addRecent(const QString& path);
    void rebuildRecentMenu();
    void chooseCase();
    void chooseLogs();
    // mainwindow_case.cpp
    void onCurrentAccount(int64_t accountId, const QString& name);
    void onClusterSelected(int64_t clusterId);
    void onHeatmapCell(int64_t day, int64_t topicId);
    void refreshHeatmap();
    void updateWindowTitle();
    // mainwindow_tasks.cpp
    void analyzeAndOpen(const QString& casePath);
    // views (mainwindow_views.cpp)
    void createViewPanels();
    void createViewActions();
    void openCaseViews();
    void closeCaseViews();
    bool viewsBusy() const;
    void refreshPatterns();
    QVector<qint64> scopeAccounts() const;
    void onHeatmapRange(int64_t fromMs, int64_t toMs, int64_t topicId);
    void onPunchcardCell(int weekday, int hour);
    void onMatrixCell(int64_t accountId, int64_t topicId);
    HeatmapData::Scope heatmapScope() const;
    int64_t heatmapScopeId() const;
    QTabWidget* viewTabs_ = nullptr;
    CompareTimeline* compare_ = nullptr;
    PunchcardPlot* punchcard_ = nullptr;
    TopicMatrixPlot* matrix_ = nullptr;
    QComboBox* heatmapGranularity_ = nullptr;
    QLabel* compareNote_ = nullptr;
    ViewTasks* viewTasks_ = nullptr;  // child QObject: the views' worker queries

    std::unique_ptr<CaseFile> case_;  // the GUI thread's read-only connection
    CaseWatcher* caseWatcher_ = nullptr;  // other processes' commits to case_ (mainwindow_case.cpp)
    void reloadChangedCase();
    TopicTable topics_;
    int64_t currentAccount_ = -1;
    int64_t currentCluster_ = -1;
    QString currentAccountName_;

    OverviewPanel* overview_ = nullptr;
    AccountPanel* accounts_ = nullptr;
    ClusterPanel* clusters_ = nullptr;
    TimelinePlot* timeline_ = nullptr;
    TopicHeatmap* heatmap_ = nullptr;
    QComboBox* heatmapScope_ = nullptr;
    QLabel* statusCase_ = nullptr;
    QMenu* viewMenu_ = nullptr;
    QMenu* recentMenu_ = nullptr;
    QAction* darkAction_ = nullptr;
    QAction* analyzeAction_ = nullptr;
    bool restoreSettings_ = true;

    // requests and cluster graph (mainwindow_reqgraph.cpp)
public:
    RequestPanel* requestPanel() const { return requests_; }
    ClusterGraph* clusterGraph() const { return graph_; }
private:
    void createRequestPanels();
    void setRequestPanelsCase();  // follows case_ (open or closed)
    void followAccountSelection();
    bool requestPanelsBusy() const;
    RequestPanel* requests_ = nullptr;
    ClusterGraph* graph_ = nullptr;
    bool followPending_ = false;
};

}  // namespace quarry::gui
