// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The analyst's workflow: the Tags, Notes, Audit and History panels, tagging the selection,
// undo/redo of every edit, the analyst name and Case › Export Evidence. Edits go through a
// read-write connection of their own (CaseEditor); the panels read through the session's
// connection and refresh after each change.

#include <QFutureWatcher>
#include <QObject>

#include <memory>
#include <vector>

#include "evidence/tags.h"
#include "items/workflowqueries.h"

class QAction;
class QLabel;
class QMainWindow;
class QUndoStack;

namespace quarry::gui {

class AuditPanel;
class CaseEditor;
class CaseSession;
class EditCommand;
class ExportDialog;
class MainFrame;
class NotesPanel;
class RequestsController;
class SelectionController;
class TagPanel;

class WorkflowController final : public QObject {
    Q_OBJECT
public:
    WorkflowController(CaseSession* session, SelectionController* selection, MainFrame* frame);
    // Lets Ctrl+T and the request tags act on the request table (made after this controller, so
    // its dock comes after the workflow docks).
    void followRequests(RequestsController* requests);
    ~WorkflowController() override;

    TagPanel* tagPanel() const { return tagPanel_; }
    NotesPanel* notesPanel() const { return notesPanel_; }
    AuditPanel* auditPanel() const { return auditPanel_; }
    QUndoStack* undoStack() const { return undo_; }
    CaseEditor* editor() const { return editor_; }
    // Performs the commands (each commits at once) and pushes those that changed something on the
    // undo stack, as one step named macroText when there are several. Asks for the analyst's
    // name first when none is set (every edit is audited); false when nothing was done.
    bool pushEdits(const QString& macroText, std::vector<std::unique_ptr<EditCommand>> commands);
    // The analyst the audit trail records, as the status bar shows it.
    QLabel* analystLabel() const { return analystLabel_; }
    // Tag (add) or untag the accounts selected in the account table; false when nothing was done.
    bool tagSelectedAccounts(const QString& tag, bool add);
    // Tag or untag the selected cluster, asking whether its members should follow.
    bool tagCurrentCluster(const QString& tag, bool add);
    // Tag or untag the rows selected in the request table.
    bool tagSelectedRequests(const QString& tag, bool add);
    bool saveNote(const evidence::Target& target, const QString& text, const QString& subject);
    // Opens Case › Export Evidence (window-modal, not blocking) and returns it.
    ExportDialog* exportEvidence();
    // What a tag action applies to: rows of the account table, the selected cluster or rows of
    // the request table.
    enum class TagScope { Accounts, Cluster, Requests };
    // Asks for a tag (the Tag Selection dialog) and applies it to that scope's selection; the
    // context menus' "Tag…".
    void askTag(TagScope scope);
    // True while the account table's Tags column is being reloaded.
    bool tagsLoading() const { return tagsWatcher_.isRunning(); }

private:
    void createPanels(MainFrame* frame);
    void createActions(MainFrame* frame);
    void caseOpened();
    void caseClosing();
    void refreshViews();
    void refreshAccountTags();
    void tagSelection(bool add);
    void createTag();
    void editTag(const QString& name);
    void deleteTag(const QString& name);
    void chooseAnalystName();
    void warnPlain(const QString& message);
    void showAnalyst();

    CaseSession* session_;
    SelectionController* selection_;
    RequestsController* requests_ = nullptr;
    QMainWindow* window_;
    CaseEditor* editor_ = nullptr;
    QUndoStack* undo_ = nullptr;
    TagPanel* tagPanel_ = nullptr;
    NotesPanel* notesPanel_ = nullptr;
    AuditPanel* auditPanel_ = nullptr;
    QAction* exportAction_ = nullptr;
    QLabel* analystLabel_ = nullptr;
    QFutureWatcher<AccountTagMap> tagsWatcher_;
    bool tagsStale_ = false;  // a change arrived while the Tags column was loading
    // What Ctrl+T tags: the analyst's last pick among the account table, a cluster and the
    // request table.
    TagScope tagScope_ = TagScope::Accounts;
};

}  // namespace quarry::gui
