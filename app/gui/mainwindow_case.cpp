// SPDX-License-Identifier: GPL-3.0-or-later
// The open case and the selection that links the panels: account -> timeline and heatmap,
// cluster -> its members in the account table, heatmap cell -> timeline day and topic.
#include <QComboBox>
#include <QFileInfo>
#include <QLabel>
#include <QStatusBar>
#include <QTimer>

#include "accountpanel.h"
#include "clusterpanel.h"
#include "mainwindow.h"
#include "overviewpanel.h"
#include "store/casefile.h"
#include "store/casewatcher.h"
#include "timelineplot.h"
#include "topicheatmap.h"

namespace quarry::gui {

bool MainWindow::openCase(const QString& path, QString* error) {
    QString why;
    std::unique_ptr<CaseFile> file = openReadOnly(path, &why);
    if (!file) {
        if (error) *error = tr("Cannot open %1: %2").arg(path, why);
        return false;
    }
    closeCase();
    case_ = std::move(file);
    topics_ = loadTopics(case_->db());
    std::vector<ClusterRecord> clusters = loadClusters(case_->db());
    overview_->setCase(case_.get(), clusters);
    clusters_->setClusters(std::move(clusters));
    timeline_->setCase(case_->db(), topics_);
    heatmap_->setTopics(topics_);
    accounts_->load(case_->path(), topics_);
    setRequestPanelsCase();
    if (!hasAnalysis(case_->db())) {
        heatmap_->clearData(tr("No analysis yet — run Case › Analyze (Ctrl+Shift+A)"));
    } else {
        refreshHeatmap();
    }
    openCaseViews();
    addRecent(path);
    updateWindowTitle();
    statusCase_->setText(QFileInfo(path).absoluteFilePath());
    caseWatcher_->watch(QFileInfo(path).absoluteFilePath());
    emit caseOpened(path);
    return true;
}

void MainWindow::reloadChangedCase() {
    if (!case_) return;
    // Never under the feet of a load in flight: look again once the panels are idle.
    if (busy()) {
        QTimer::singleShot(300, this, [this] {
            if (case_) reloadChangedCase();
        });
        return;
    }
    const QString path = case_->path(), account = currentAccountName_;
    QString error;
    if (!openCase(path, &error)) {
        statusBar()->showMessage(tr("The case changed on disk and could not be reloaded: %1").arg(error), 10000);
        return;
    }
    // The account stays selected; cluster ids are renumbered by a new analysis, so not those.
    if (!account.isEmpty()) selectAccountByName(account);
    statusBar()->showMessage(tr("Another program changed the case (import or analysis); reloaded"), 10000);
    emit caseReloaded(path);
}

void MainWindow::closeCase() {
    if (caseWatcher_) caseWatcher_->watch(QString());
    closeCaseViews();
    accounts_->load(QString(), {});
    timeline_->setCase(nullptr, {});
    heatmap_->setTopics({});
    clusters_->setClusters({});
    overview_->setCase(nullptr, {});
    case_.reset();
    setRequestPanelsCase();
    topics_ = {};
    currentAccount_ = currentCluster_ = -1;
    currentAccountName_.clear();
    if (statusCase_) statusCase_->clear();
    updateWindowTitle();
    workflowCaseClosed();
}

QString MainWindow::casePath() const { return case_ ? case_->path() : QString(); }

bool MainWindow::busy() const { return accounts_->loading() || viewsBusy() || requestPanelsBusy(); }

void MainWindow::updateWindowTitle() {
    setWindowTitle(case_ ? tr("%1 — Quarry").arg(QFileInfo(case_->path()).fileName()) : tr("Quarry"));
}

bool MainWindow::selectAccount(int64_t accountId) { return accounts_->selectAccount(accountId); }

bool MainWindow::selectAccountByName(const QString& name) {
    if (!case_) return false;
    int64_t id = accountIdByName(case_->db(), name);
    bool numeric = false;
    const int64_t asNumber = name.toLongLong(&numeric);
    if (id < 0 && numeric) id = asNumber;  // a dictionary id
    return id >= 0 && selectAccount(id);
}

bool MainWindow::selectCluster(int64_t clusterId) { return clusters_->selectCluster(clusterId); }

void MainWindow::onCurrentAccount(int64_t accountId, const QString& name) {
    if (accountId == currentAccount_) return;
    currentAccount_ = accountId;
    currentAccountName_ = name;
    timeline_->setTopicFilter(-1);
    timeline_->setAccount(accountId, name);
    if (heatmapScope_->currentIndex() == 0) refreshHeatmap();
}

void MainWindow::onClusterSelected(int64_t clusterId) {
    currentCluster_ = clusterId;
    const int n = accounts_->selectCluster(clusterId);
    statusBar()->showMessage(tr("Cluster %1: %2 member accounts selected").arg(clusterId).arg(n), 5000);
    if (heatmapScope_->currentIndex() == 1) refreshHeatmap();
}

void MainWindow::onHeatmapCell(int64_t day, int64_t topicId) {
    timeline_->setTopicFilter(topicId);
    timeline_->showDay(day);
    timeline_->refreshNow();
    const Topic* t = topics_.find(topicId);
    statusBar()->showMessage(tr("Timeline filtered to %1, topic %2 (double-click the timeline to show the whole account)")
                                 .arg(formatUtc(day * kDayMs).left(10), t ? t->name : QString::number(topicId)),
                             6000);
}

}  // namespace quarry::gui
