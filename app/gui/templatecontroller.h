// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Templates dock: the selected cluster's shared prompt templates with each member's slot
// values, read on a worker thread (its own connection) whenever the cluster changes, or, while
// the dock sits behind another tab, once it is shown.

#include <QObject>

#include "items/latesttask.h"
#include "items/templateslots.h"

namespace quarry::gui {

class CaseSession;
class MainFrame;
class TemplatePanel;

class TemplateController final : public QObject {
    Q_OBJECT
public:
    TemplateController(CaseSession* session, MainFrame* frame);

    TemplatePanel* panel() const { return panel_; }
    bool busy() const { return task_.pending(); }

private:
    void clusterChanged(qint64 clusterId);
    void load();  // the current cluster's templates, on a worker

    CaseSession* session_;
    TemplatePanel* panel_;
    int64_t cluster_ = -1;
    bool stale_ = false;  // cluster_ changed while the dock was hidden
    LatestTask<ClusterTemplates> task_;
};

}  // namespace quarry::gui
