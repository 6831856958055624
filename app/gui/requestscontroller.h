// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Requests dock and the Cluster graph tab (among the central view tabs: a graph needs the
// room) and how they follow the selection: the account table's selection (or the current
// account) and the selected cluster's members feed the request table; the selected cluster is
// drawn as a graph, and nodes picked there select those accounts in the account table (and so
// the timeline).

#include <QObject>

namespace quarry::gui {

class CaseSession;
class ClusterGraph;
class MainFrame;
class RequestPanel;
class SelectionController;
class ViewsController;

class RequestsController final : public QObject {
    Q_OBJECT
public:
    RequestsController(CaseSession* session, SelectionController* selection, ViewsController* views,
                       MainFrame* frame);

    RequestPanel* requestPanel() const { return requests_; }
    ClusterGraph* clusterGraph() const { return graph_; }
    bool busy() const;

private:
    void setCase();  // follows the session (open or closed)
    void followAccountSelection();

    CaseSession* session_;
    SelectionController* selection_;
    RequestPanel* requests_;
    ClusterGraph* graph_;
    bool followPending_ = false;
};

}  // namespace quarry::gui
