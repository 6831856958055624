// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The dashboard window: only the frame, its menus and docks. What the window shows and does
// lives in the CaseSession (the open case, the selection, running jobs) and one controller per
// feature: selection (overview, clusters, accounts), views (timeline, heatmaps, compare,
// patterns), requests (request table, cluster graph), workflow (tags, notes, audit, undo,
// export), import (import wizard, analysis, demo case) and presentation (UI scale, focus panel,
// chart export). Where the docks go: defaultlayout.h; the window's size and saved layout:
// mainwindow_layout.cpp.

#include <QMainWindow>

#include "mainframe.h"

class QAction;
class QLabel;
class QMenu;
class QSettings;

namespace quarry::gui {

class CaseSession;
class ImportController;
class PivotController;
class PresentationController;
class RequestsController;
class SelectionController;
class TemplateController;
class StoryController;
class ViewsController;
class WorkflowController;

}  // namespace quarry::gui
namespace quarry {
class CaseWatcher;
}
namespace quarry::gui {

class MainWindow final : public QMainWindow, public MainFrame {
    Q_OBJECT
public:
    // restoreSettings=false keeps the default layout (screenshots, tests).
    explicit MainWindow(bool restoreSettings = true);
    ~MainWindow() override;

    CaseSession* session() const { return session_; }
    SelectionController* selection() const { return selection_; }
    ViewsController* views() const { return views_; }
    RequestsController* requests() const { return requests_; }
    WorkflowController* workflow() const { return workflow_; }
    ImportController* imports() const { return imports_; }
    PivotController* pivots() const { return pivots_; }
    TemplateController* templates() const { return templates_; }
    PresentationController* presentation() const { return presentation_; }
    StoryController* story() const { return story_; }

    bool openCase(const QString& path, QString* error = nullptr);
    void closeCase();
    QString casePath() const;
    // True while accounts, a view or the request table are still loading on a worker thread.
    bool busy() const;
    void setDarkPalette(bool dark);
    // Shows the window: the saved geometry if there is one, else maximised on its screen.
    void showInitial();
    // View › Reset Layout: the default docks, tabs and sizes for the window's size now; the
    // saved layout is forgotten.
    void resetLayout();
    // The version saveState() writes; a saved layout of another version is ignored.
    static constexpr int kLayoutVersion = 2;

    // MainFrame
    QMainWindow* mainWindow() override { return this; }
    QDockWidget* addPanel(QWidget* widget, const QString& title, const QString& objectName,
                          Qt::DockWidgetArea area) override;
    QMenu* menu(Menu which) override;

signals:
    // The open case was reloaded because another process committed an import or analysis to it.
    void caseReloaded(const QString& path);

protected:
    void closeEvent(QCloseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    // mainwindow_menus.cpp
    void createMenus();
    void finishMenus();  // once every controller has added its actions and docks
    void restoreLayout();
    // Toolbar icons in the palette's text colour (visible on the light and the dark palette).
    void tintToolbar();
    void saveLayout();
    void addRecent(const QString& path);
    void rebuildRecentMenu();
    void chooseCase();
    void openOrWarn(const QString& path);
    // mainwindow_layout.cpp
    void setUpLayout();
    void applyLayout();
    void scheduleFit();
    bool restoreSavedLayout();  // true if a saved geometry was restored
    void saveWindowLayout(QSettings& s) const;
    // mainwindow.cpp
    void caseOpened(const QString& path);
    void updateWindowTitle();
    // Another process committed to the open case: reopen it once the panels are idle.
    void reloadChangedCase();

    CaseSession* session_;
    ImportController* imports_ = nullptr;
    SelectionController* selection_ = nullptr;
    ViewsController* views_ = nullptr;
    RequestsController* requests_ = nullptr;
    WorkflowController* workflow_ = nullptr;
    TemplateController* templates_ = nullptr;
    PivotController* pivots_ = nullptr;
    PresentationController* presentation_ = nullptr;
    StoryController* story_ = nullptr;

    QMenu* fileMenu_ = nullptr;
    QMenu* caseMenu_ = nullptr;
    QMenu* editMenu_ = nullptr;
    QMenu* viewMenu_ = nullptr;
    QMenu* panelsMenu_ = nullptr;
    QMenu* settingsMenu_ = nullptr;
    QMenu* recentMenu_ = nullptr;
    QAction* openAction_ = nullptr;
    QAction* darkAction_ = nullptr;
    QLabel* statusCase_ = nullptr;
    CaseWatcher* caseWatcher_ = nullptr;
    bool restoreSettings_ = true;
    bool restoredGeometry_ = false;
    bool layoutFollowsSize_ = true;  // until the user moves a dock or a saved layout is restored
    bool applyingLayout_ = false;
    bool fitPending_ = false;
    int appliedShape_ = -1;
};

}  // namespace quarry::gui
