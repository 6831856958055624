// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include <QComboBox>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QStatusBar>
#include <QVBoxLayout>

#include "accountpanel.h"
#include "clusterpanel.h"
#include "overviewpanel.h"
#include "store/casefile.h"
#include "store/casewatcher.h"
#include "timelineplot.h"
#include "topicheatmap.h"

namespace quarry::gui {

MainWindow::MainWindow(bool restoreSettings) : restoreSettings_(restoreSettings) {
    setObjectName(QStringLiteral("MainWindow"));
    setWindowTitle(tr("Quarry"));
    setAcceptDrops(true);
    setDockOptions(AnimatedDocks | AllowNestedDocks | AllowTabbedDocks);
    createPanels();
    createActions();
    statusCase_ = new QLabel(this);
    statusBar()->addPermanentWidget(statusCase_);
    caseWatcher_ = new CaseWatcher(this);
    connect(caseWatcher_, &CaseWatcher::changed, this, &MainWindow::reloadChangedCase);
    resize(1600, 1000);
    if (restoreSettings_) restoreLayout();
    updateWindowTitle();
}

MainWindow::~MainWindow() { tagsWatcher_.waitForFinished(); }

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

void MainWindow::createPanels() {
    timeline_ = new TimelinePlot(this);
    timeline_->setObjectName(QStringLiteral("timeline"));
    heatmap_ = new TopicHeatmap(this);
    heatmap_->setObjectName(QStringLiteral("heatmap"));
    heatmapScope_ = new QComboBox(this);
    heatmapScope_->addItem(tr("Selected account"));
    heatmapScope_->addItem(tr("Selected cluster"));
    heatmapScope_->addItem(tr("Whole case"));
    heatmapScope_->setToolTip(tr("Whose requests the topic × day heatmap counts. Click a cell to show that "
                                 "day and topic in the timeline."));

    auto* heatBox = new QWidget(this);
    auto* heatBar = new QHBoxLayout;
    heatBar->addWidget(new QLabel(tr("Topic heatmap of:"), heatBox));
    heatBar->addWidget(heatmapScope_);
    heatmapGranularity_ = new QComboBox(this);
    heatBar->addWidget(heatmapGranularity_);
    heatBar->addStretch(1);
    auto* heatLayout = new QVBoxLayout(heatBox);
    heatLayout->setContentsMargins(4, 2, 4, 2);
    heatLayout->addLayout(heatBar);
    heatLayout->addWidget(heatmap_, 1);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("centralSplit"));
    split->addWidget(timeline_);
    split->addWidget(heatBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({340, 300});
    setCentralWidget(split);

    overview_ = new OverviewPanel(this);
    clusters_ = new ClusterPanel(this);
    accounts_ = new AccountPanel(this);
    QDockWidget* overviewDock = addPanel(overview_, tr("Overview"), QStringLiteral("overviewDock"), Qt::LeftDockWidgetArea);
    QDockWidget* clusterDock = addPanel(clusters_, tr("Clusters"), QStringLiteral("clusterDock"), Qt::LeftDockWidgetArea);
    QDockWidget* accountDock = addPanel(accounts_, tr("Accounts"), QStringLiteral("accountDock"), Qt::BottomDockWidgetArea);
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    resizeDocks({overviewDock, clusterDock}, {430, 430}, Qt::Horizontal);
    resizeDocks({overviewDock, clusterDock}, {380, 520}, Qt::Vertical);
    resizeDocks({accountDock}, {250}, Qt::Vertical);

    connect(accounts_, &AccountPanel::currentAccountChanged, this,
            [this](qint64 id, const QString& name) { onCurrentAccount(id, name); });
    connect(accounts_, &AccountPanel::loaded, this, [this](int n) {
        statusBar()->showMessage(tr("%1 accounts loaded").arg(n), 4000);
    });
    connect(clusters_, &ClusterPanel::clusterSelected, this, [this](qint64 id) { onClusterSelected(id); });
    connect(overview_, &OverviewPanel::clusterActivated, this, [this](qint64 id) { selectCluster(id); });
    connect(heatmap_, &TopicHeatmap::cellClicked, this, [this](qint64 day, qint64 topic) { onHeatmapCell(day, topic); });
    connect(heatmapScope_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] { refreshHeatmap(); });
    createViewPanels();
    createWorkflowPanels();
    createRequestPanels();
    // The account table is where an investigation starts: give it room for a dozen rows once
    // every dock has claimed its place.
    resizeDocks({accountDock}, {320}, Qt::Vertical);
}

}  // namespace quarry::gui
