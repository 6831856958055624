// SPDX-License-Identifier: GPL-3.0-or-later
#include "templatecontroller.h"

#include <QMainWindow>

#include "casesession.h"
#include "mainframe.h"
#include "panels/templatepanel.h"
#include "store/casefile.h"

namespace quarry::gui {

TemplateController::TemplateController(CaseSession* session, MainFrame* frame)
    : QObject(frame->mainWindow()),
      session_(session),
      panel_(new TemplatePanel(frame->mainWindow())),
      task_([this](const ClusterTemplates& t) { panel_->setTemplates(cluster_, t); }) {
    // Where it goes: defaultlayout.cpp (tabbed with the notes on the right).
    frame->addPanel(panel_, tr("Templates"), QStringLiteral("templateDock"),
                    Qt::RightDockWidgetArea);
    connect(session_, &CaseSession::clusterChanged, this, &TemplateController::clusterChanged);
    connect(session_, &CaseSession::caseClosing, this, [this] {
        task_.cancel();
        cluster_ = -1;
        panel_->showMessage(tr("Select a cluster to see the prompt templates its members share."));
    });
}

void TemplateController::clusterChanged(qint64 clusterId) {
    if (!session_->isOpen() || clusterId < 0) return;
    cluster_ = clusterId;
    panel_->showMessage(tr("Reading the prompts of cluster %1…").arg(clusterId));
    task_.run([path = session_->path(), clusterId] {
        auto file = openReadOnly(path);
        return file ? clusterTemplates(file->db(), clusterId) : ClusterTemplates{};
    });
}

}  // namespace quarry::gui
