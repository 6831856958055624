// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QStatusBar>
#include <QTimer>

#include "casesession.h"
#include "graph/clustergraph.h"
#include "englishplurals.h"
#include "importcontroller.h"
#include "panels/templatepanel.h"
#include "pivotcontroller.h"
#include "presentationcontroller.h"
#include "requestscontroller.h"
#include "selectioncontroller.h"
#include "store/casewatcher.h"
#include "templatecontroller.h"
#include "storycontroller.h"
#include "viewscontroller.h"
#include "workflowcontroller.h"

namespace quarry::gui {

MainWindow::MainWindow(bool restoreSettings)
    : session_(new CaseSession(this)), restoreSettings_(restoreSettings) {
    installEnglishPlurals();  // "1 account", "2 accounts" in every counted text
    setObjectName(QStringLiteral("MainWindow"));
    setWindowTitle(tr("Quarry"));
    setAcceptDrops(true);
    setDockOptions(AnimatedDocks | AllowNestedDocks | AllowTabbedDocks);
    createMenus();
    // The order the controllers are made in is the order they hear the session's signals.
    imports_ = new ImportController(session_, this);
    selection_ = new SelectionController(session_, this);
    views_ = new ViewsController(session_, selection_, this);
    workflow_ = new WorkflowController(session_, selection_, this);
    requests_ = new RequestsController(session_, selection_, views_, this);
    workflow_->followRequests(requests_);
    templates_ = new TemplateController(session_, this);
    pivots_ = new PivotController(session_, selection_, views_, requests_, workflow_, this);
    pivots_->installOn(templates_->panel()->view());
    // Nodes and shared-key hubs of the cluster graph open the same pivots as the tables.
    connect(requests_->clusterGraph(), &ClusterGraph::accountContextMenuRequested, pivots_, &PivotController::showAccountMenu);
    connect(requests_->clusterGraph(), &ClusterGraph::keyContextMenuRequested, pivots_, &PivotController::showKeyMenu);
    story_ = new StoryController(session_, selection_, workflow_, requests_, this);
    story_->followTimeline(views_->timeline());
    pivots_->setRequestMenuExtension([this](QMenu* menu) { story_->addRequestActions(menu); });
    // Last: it scales and exports the plots the other controllers made.
    presentation_ = new PresentationController(this, restoreSettings_);
    presentation_->attachChartMenus();
    finishMenus();
    setUpLayout();

    statusCase_ = new QLabel(this);
    // A long path must not set the window's minimum width: elided, whole in the tool tip.
    statusCase_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    statusCase_->setMinimumWidth(160);
    statusBar()->addPermanentWidget(statusCase_);
    caseWatcher_ = new CaseWatcher(this);
    connect(caseWatcher_, &CaseWatcher::changed, this, &MainWindow::reloadChangedCase);
    connect(session_, &CaseSession::caseOpened, this, &MainWindow::caseOpened);
    connect(session_, &CaseSession::caseClosed, this, [this] {
        caseWatcher_->watch(QString());
        statusCase_->clear();
        updateWindowTitle();
    });
    connect(session_, &CaseSession::statusMessage, statusBar(), &QStatusBar::showMessage);
    if (restoreSettings_) restoreLayout();
    updateWindowTitle();
}

MainWindow::~MainWindow() = default;

QDockWidget* MainWindow::addPanel(QWidget* widget, const QString& title, const QString& objectName,
                                  Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(widget);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                      QDockWidget::DockWidgetClosable);
    addDockWidget(area, dock);
    return dock;
}

bool MainWindow::openCase(const QString& path, QString* error) {
    return session_->open(path, error);
}

void MainWindow::closeCase() {
    session_->close();
}

QString MainWindow::casePath() const {
    return session_->path();
}

bool MainWindow::busy() const {
    return selection_->loading() || views_->busy() || requests_->busy() || templates_->busy() ||
           story_->busy() || session_->runningJobs() > 0;
}

void MainWindow::caseOpened(const QString& path) {
    addRecent(path);
    updateWindowTitle();
    const QString abs = QFileInfo(path).absoluteFilePath();
    statusCase_->setText(statusCase_->fontMetrics().elidedText(abs, Qt::ElideMiddle, 420));
    statusCase_->setToolTip(abs);
    caseWatcher_->watch(QFileInfo(path).absoluteFilePath());
}

void MainWindow::reloadChangedCase() {
    if (!session_->isOpen()) return;
    // Never under the feet of a load in flight: look again once the panels are idle.
    if (busy()) {
        QTimer::singleShot(300, this, [this] {
            if (session_->isOpen()) reloadChangedCase();
        });
        return;
    }
    const QString path = session_->path(), account = session_->currentAccountName();
    QString error;
    if (!session_->open(path, &error)) {
        statusBar()->showMessage(tr("The case changed on disk and could not be reloaded: %1").arg(error), 10000);
        return;
    }
    // The account stays selected; cluster ids are renumbered by a new analysis, so not those.
    if (!account.isEmpty()) selection_->selectAccountByName(account);
    statusBar()->showMessage(tr("Another program changed the case (import or analysis); reloaded"), 10000);
    emit caseReloaded(path);
}

void MainWindow::updateWindowTitle() {
    setWindowTitle(session_->isOpen()
                       ? tr("%1 — Quarry").arg(QFileInfo(session_->path()).fileName())
                       : tr("Quarry"));
}

}  // namespace quarry::gui
