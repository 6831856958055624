// SPDX-License-Identifier: GPL-3.0-or-later
#include "storycontroller.h"

#include <QAction>
#include <QDockWidget>
#include <QInputDialog>
#include <QMainWindow>
#include <QMenu>
#include <QTableView>
#include <QTimer>

#include <algorithm>
#include <set>

#include "casesession.h"
#include "editing/caseeditor.h"
#include "editing/storycommands.h"
#include "evidence/story.h"
#include "items/casequeries.h"
#include "mainframe.h"
#include "panels/accountpanel.h"
#include "panels/requestpanel.h"
#include "panels/storypanel.h"
#include "panelshown.h"
#include "plots/timelineplot.h"
#include "requestscontroller.h"
#include "selectioncontroller.h"
#include "store/casefile.h"
#include "workflowcontroller.h"

namespace quarry::gui {

StoryController::StoryController(CaseSession* session, SelectionController* selection,
                                 WorkflowController* workflow, RequestsController* requests,
                                 MainFrame* frame)
    : QObject(frame->mainWindow()),
      session_(session),
      selection_(selection),
      workflow_(workflow),
      requests_(requests),
      task_([this](const StoryRead& story) { panel_->setStory(story); }) {
    QMainWindow* w = frame->mainWindow();
    panel_ = new StoryPanel(w);
    QDockWidget* dock =
        frame->addPanel(panel_, tr("Story"), QStringLiteral("storyDock"), Qt::RightDockWidgetArea);
    if (auto* notes = w->findChild<QDockWidget*>(QStringLiteral("notesDock"))) {
        w->tabifyDockWidget(notes, dock);
        notes->raise();
    }
    connect(dock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible && stale_) loadInBackground();
    });

    star_ = new QAction(tr("&Star as Evidence"), this);
    star_->setObjectName(QStringLiteral("starAction"));
    star_->setShortcut(QKeySequence(Qt::Key_S));
    star_->setToolTip(tr("Star the selected requests as evidence for the story (again: unstar)"));
    connect(star_, &QAction::triggered, this, [this] { toggleStarOnSelection(); });
    pinNote_ = new QAction(tr("&Note at This Request's Time…"), this);
    pinNote_->setObjectName(QStringLiteral("pinNoteAction"));
    connect(pinNote_, &QAction::triggered, this, [this] { pinNoteAtCurrentRequest(); });
    QMenu* edit = frame->menu(MainFrame::Menu::Edit);
    edit->addSeparator();
    edit->addAction(star_);
    edit->addAction(pinNote_);
    QTableView* view = requests_->requestPanel()->view();
    // Until the request table has a menu of its own, these two are its context menu.
    if (view->contextMenuPolicy() == Qt::DefaultContextMenu) {
        view->setContextMenuPolicy(Qt::ActionsContextMenu);
        view->addAction(star_);
        view->addAction(pinNote_);
    }

    connect(session_, &CaseSession::caseOpened, this, [this] {
        updateMarkers();
        // On screen, not merely visible: a Story tab behind the notes is "visible" to Qt and
        // read it at open (0.7 s of a worker at 16 million requests, beside the accounts).
        if (onScreen(panel_))
            loadInBackground();
        else
            stale_ = true;
    });
    connect(session_, &CaseSession::caseClosing, this, [this] {
        task_.cancel();
        stale_ = false;
        panel_->load(nullptr);
    });
    connect(workflow_->editor(), &CaseEditor::changed, this, &StoryController::refresh);
    connect(panel_, &StoryPanel::reorderRequested, this,
            [this](const QStringList& keys, const QString&) {
                const int row = panel_->currentRow();
                const int to = keys.indexOf(panel_->model()->keys().value(row));
                if (reorder(keys, tr("Move a story item"))) panel_->setCurrentRow(to);
            });
    connect(panel_, &StoryPanel::timeOrderRequested, this, [this] { useTimeOrder(); });
    connect(panel_, &StoryPanel::itemActivated, this,
            [this](const evidence::StoryItem& item) { showItem(item); });
}

void StoryController::addRequestActions(QMenu* menu) const {
    menu->addAction(star_);
    menu->addAction(pinNote_);
}

StoryPanel* StoryController::storyPanel() {
    if (stale_ || task_.pending()) load();
    return panel_;
}

void StoryController::refresh() {
    updateMarkers();
    if (session_->isOpen() && !panel_->isVisible()) {
        stale_ = true;
        return;
    }
    load();
}

void StoryController::load() {
    task_.cancel();  // a read still running saw the case before this edit
    stale_ = false;
    panel_->load(session_->isOpen() ? session_->db() : nullptr);
}

void StoryController::loadInBackground() {
    stale_ = false;
    if (!session_->isOpen()) return;
    task_.run([path = session_->path()] {
        auto file = openReadOnly(path);
        return file ? readStory(file->db()) : StoryRead{};
    });
}

void StoryController::followTimeline(TimelinePlot* timeline) {
    timeline_ = timeline;
    connect(session_, &CaseSession::accountChanged, this, &StoryController::updateMarkers);
    connect(timeline_, &TimelinePlot::noteRequested, this, [this](qint64 at) {
        askAndPin(session_->currentAccount(), session_->currentAccountName(), at);
    });
}

void StoryController::updateMarkers() {
    if (!timeline_) return;
    const int64_t account = session_->currentAccount();
    if (!session_->isOpen() || account < 0 || timeline_->account() != account) return;
    const evidence::NoteState note =
        evidence::TagStore(*session_->file()).noteState({evidence::TargetType::Account, account});
    std::vector<TimeMarker> markers;
    if (note.pinnedAt) markers.push_back({*note.pinnedAt, note.text});
    timeline_->setMarkers(markers);
}

bool StoryController::star(const std::vector<int64_t>& requests, bool add) {
    if (!session_->isOpen() || requests.empty()) {
        session_->showStatus(tr("Select requests in the request table first"), 4000);
        return false;
    }
    std::vector<std::unique_ptr<EditCommand>> commands;
    commands.push_back(std::make_unique<StarCommand>(workflow_->editor(), requests, add));
    return workflow_->pushEdits(QString(), std::move(commands));
}

bool StoryController::toggleStarOnSelection() {
    const std::vector<int64_t> ids = requests_->requestPanel()->selectedRequests();
    if (!session_->isOpen() || ids.empty()) return star(ids, true);
    const std::vector<int64_t> starred = evidence::StoryStore(*session_->file()).starred();
    const bool all = std::all_of(ids.begin(), ids.end(), [&](int64_t id) {
        return std::binary_search(starred.begin(), starred.end(), id);
    });
    return star(ids, !all);
}

bool StoryController::pinNote(int64_t accountId, const QString& accountName, int64_t atMs,
                              const QString& text) {
    if (!session_->isOpen() || accountId < 0) return false;
    std::vector<std::unique_ptr<EditCommand>> commands;
    commands.push_back(std::make_unique<PinnedNoteCommand>(
        workflow_->editor(), evidence::Target{evidence::TargetType::Account, accountId},
        evidence::NoteState{text, atMs}, tr("account %1").arg(accountName)));
    return workflow_->pushEdits(QString(), std::move(commands));
}

void StoryController::askAndPin(int64_t accountId, const QString& accountName, int64_t atMs) {
    if (!session_->isOpen() || accountId < 0) return;
    const QString before =
        evidence::TagStore(*session_->file()).note({evidence::TargetType::Account, accountId});
    bool ok = false;
    const QString text = QInputDialog::getMultiLineText(
        qobject_cast<QWidget*>(parent()), tr("Pinned Note"),
        tr("Note on account %1 at %2 UTC (replaces its note):").arg(accountName, formatUtc(atMs)),
        before, &ok);
    if (ok) pinNote(accountId, accountName, atMs, text);
}

void StoryController::pinNoteAtCurrentRequest() {
    const RequestPanel* panel = requests_->requestPanel();
    const QModelIndex current = panel->view()->currentIndex();
    const RequestRow* row = current.isValid() ? panel->model()->rowAt(current.row()) : nullptr;
    if (!session_->isOpen() || !row) {
        session_->showStatus(tr("Pick a request in the request table first"), 4000);
        return;
    }
    askAndPin(row->account, row->accountName, row->ts);
}

bool StoryController::reorder(const QStringList& keys, const QString& text) {
    if (!session_->isOpen()) return false;
    const QStringList before = evidence::StoryStore(*session_->file()).order();
    std::vector<std::unique_ptr<EditCommand>> commands;
    commands.push_back(
        std::make_unique<StoryOrderCommand>(workflow_->editor(), before, keys, text));
    return workflow_->pushEdits(QString(), std::move(commands));
}

bool StoryController::moveItem(int row, int delta) {
    const int to = row + delta;
    QStringList keys = storyPanel()->model()->keys();
    if (row < 0 || row >= keys.size() || to < 0 || to >= keys.size()) return false;
    keys.move(row, to);
    if (!reorder(keys, tr("Move a story item"))) return false;
    panel_->setCurrentRow(to);
    return true;
}

bool StoryController::useTimeOrder() {
    return reorder({}, tr("Story in time order"));
}

void StoryController::showItem(const evidence::StoryItem& item) {
    if (!session_->isOpen()) return;
    switch (item.target.type) {
        case evidence::TargetType::Cluster:
            selection_->selectCluster(item.target.id);
            return;
        case evidence::TargetType::Account:
            if (item.accounts.size() > 1)
                selection_->accountPanel()->selectAccounts(item.accounts);
            else
                selection_->selectAccount(item.target.id);
            return;
        case evidence::TargetType::Request: {
            if (item.accounts.empty()) return;
            const int64_t account = item.accounts.front(), at = item.time;
            selection_->selectAccount(account);
            // After the request table has followed the account pick: just this request.
            QTimer::singleShot(
                0, this, [this, account, at] { session_->requestRequests({account}, at, at, -1); });
            return;
        }
    }
}

}  // namespace quarry::gui
