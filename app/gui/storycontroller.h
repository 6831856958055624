// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The case story: the Story dock (findings, tags, notes and starred requests in one list, in
// time order or the analyst's), starring requests as evidence (S) and pinning a note to a
// request's time. Every edit is an undoable command on the workflow's undo stack, audited by
// the evidence core; picking an item shows its cluster, accounts or request.

#include <QObject>

#include <cstdint>
#include <vector>

#include "items/latesttask.h"
#include "items/storytablemodel.h"

class QAction;
class QMenu;

namespace quarry::evidence {
struct StoryItem;
}

namespace quarry::gui {

class CaseSession;
class MainFrame;
class RequestsController;
class SelectionController;
class StoryPanel;
class TimelinePlot;
class WorkflowController;

class StoryController final : public QObject {
    Q_OBJECT
public:
    StoryController(CaseSession* session, SelectionController* selection,
                    WorkflowController* workflow, RequestsController* requests, MainFrame* frame);

    // The story panel, read up to date first when it was left stale or is still being read.
    StoryPanel* storyPanel();
    bool busy() const { return task_.pending(); }
    QAction* starAction() const { return star_; }
    QAction* pinNoteAction() const { return pinNote_; }
    // The request table's entries of the story (star, pinned note), for its context menu.
    void addRequestActions(QMenu* menu) const;

    // Stars the requests selected in the request table, or unstars them when all carry a star.
    bool toggleStarOnSelection();
    bool star(const std::vector<int64_t>& requests, bool add);
    // Writes the note of an account pinned to atMs (a request's time, a point of the timeline).
    bool pinNote(int64_t accountId, const QString& accountName, int64_t atMs, const QString& text);
    // The story's order with the item at `row` moved by delta (-1 up, +1 down).
    bool moveItem(int row, int delta);
    bool useTimeOrder();
    // Shows what a story item is about: its cluster, its accounts or its request.
    void showItem(const evidence::StoryItem& item);
    // Marks the current account's pinned note on its timeline and pins notes from it
    // (right-click › Pin a Note Here).
    void followTimeline(TimelinePlot* timeline);

private:
    // After an edit: reads the story now when the panel is shown, else marks it stale.
    void refresh();
    // At open and when a stale panel is shown: read on a worker (a fifth of a second on a
    // large case, which the window used to spend frozen at open).
    void loadInBackground();
    void load();
    void updateMarkers();
    // Asks for the note's text (prefilled with the account's note) and pins it at atMs.
    void askAndPin(int64_t accountId, const QString& accountName, int64_t atMs);
    void pinNoteAtCurrentRequest();
    bool reorder(const QStringList& keys, const QString& text);

    CaseSession* session_;
    SelectionController* selection_;
    WorkflowController* workflow_;
    RequestsController* requests_;
    StoryPanel* panel_;
    QAction* star_;
    QAction* pinNote_;
    TimelinePlot* timeline_ = nullptr;
    bool stale_ = false;
    LatestTask<StoryRead> task_;
};

}  // namespace quarry::gui
