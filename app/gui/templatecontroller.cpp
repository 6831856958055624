// SPDX-License-Identifier: GPL-3.0-or-later
#include "templatecontroller.h"

#include <QDockWidget>
#include <QMainWindow>

#include "casesession.h"
#include "mainframe.h"
#include "panels/templatepanel.h"
#include "panelshown.h"
#include "store/casefile.h"

namespace quarry::gui {

TemplateController::TemplateController(CaseSession* session, MainFrame* frame)
    : QObject(frame->mainWindow()),
      session_(session),
      panel_(new TemplatePanel(frame->mainWindow())),
      task_([this](const ClusterTemplates& t) { panel_->setTemplates(cluster_, t); }) {
    // Where it goes: defaultlayout.cpp (tabbed with the notes on the right).
    QDockWidget* dock = frame->addPanel(panel_, tr("Templates"), QStringLiteral("templateDock"),
                                        Qt::RightDockWidgetArea);
    connect(session_, &CaseSession::clusterChanged, this, &TemplateController::clusterChanged);
    connect(session_, &CaseSession::caseClosing, this, [this] {
        task_.cancel();
        cluster_ = -1;
        stale_ = false;
        panel_->showMessage(tr("Select a cluster to see the prompt templates its members share."));
    });
    connect(dock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible && stale_) load();
    });
}

void TemplateController::clusterChanged(qint64 clusterId) {
    if (!session_->isOpen() || clusterId < 0) return;
    cluster_ = clusterId;
    // Behind another dock's tab the read waits until the dock is shown: a 7,000-member
    // cluster's prompts cost a worker a tenth of a second the graph and the requests need.
    if (hiddenByLayout(panel_)) {
        task_.cancel();
        stale_ = true;
        panel_->showMessage(
            tr("Cluster %1: its templates are read when this panel is shown.").arg(clusterId));
        return;
    }
    load();
}

void TemplateController::load() {
    stale_ = false;
    if (!session_->isOpen() || cluster_ < 0) return;
    const int64_t clusterId = cluster_;
    panel_->showMessage(tr("Reading the prompts of cluster %1…").arg(clusterId));
    task_.run([path = session_->path(), clusterId] {
        auto file = openReadOnly(path);
        return file ? clusterTemplates(file->db(), clusterId) : ClusterTemplates{};
    });
}

}  // namespace quarry::gui
