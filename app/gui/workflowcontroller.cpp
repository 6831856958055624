// SPDX-License-Identifier: GPL-3.0-or-later
#include "workflowcontroller.h"

#include <QAction>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>
#include <QTableView>
#include <QUndoStack>
#include <QUndoView>
#include <QtConcurrent/QtConcurrentRun>

#include "casesession.h"
#include "dialogs/custodyprompts.h"
#include "dialogs/exportdialog.h"
#include "dialogs/tagdialog.h"
#include "editing/caseeditor.h"
#include "editing/workflowcommands.h"
#include "mainframe.h"
#include "panels/accountpanel.h"
#include "panels/auditpanel.h"
#include "panels/notespanel.h"
#include "panels/requestpanel.h"
#include "panels/tagpanel.h"
#include "requestscontroller.h"
#include "selectioncontroller.h"
#include "store/auditlog.h"
#include "store/casefile.h"

namespace quarry::gui {

WorkflowController::WorkflowController(CaseSession* session, SelectionController* selection,
                                       MainFrame* frame)
    : QObject(frame->mainWindow()),
      session_(session),
      selection_(selection),
      window_(frame->mainWindow()) {
    createPanels(frame);
    createActions(frame);
    analystLabel_ = new QLabel(window_);
    analystLabel_->setObjectName(QStringLiteral("analystLabel"));
    analystLabel_->setToolTip(tr("Who the audit trail records (Settings › Analyst Name)"));
    window_->statusBar()->addPermanentWidget(analystLabel_);
    showAnalyst();
}

void WorkflowController::showAnalyst() {
    const bool named =
        !qEnvironmentVariableIsEmpty("QUARRY_ANALYST") || !evidence::configuredAnalyst().isEmpty();
    analystLabel_->setText(named ? tr("Analyst: %1").arg(evidence::currentAnalyst())
                                 : tr("Analyst: not set"));
}

WorkflowController::~WorkflowController() {
    tagsWatcher_.waitForFinished();
}

void WorkflowController::followRequests(RequestsController* requests) {
    requests_ = requests;
    connect(requests_->requestPanel()->view(), &QTableView::pressed, this,
            [this] { tagScope_ = TagScope::Requests; });
}

// Messages quote account names and note text from the logs: never let Qt guess they are HTML.
void WorkflowController::warnPlain(const QString& message) {
    QMessageBox box(QMessageBox::Warning, tr("Quarry"), message, QMessageBox::Ok, window_);
    box.setTextFormat(Qt::PlainText);
    box.exec();
}

void WorkflowController::createPanels(MainFrame* frame) {
    editor_ = new CaseEditor(this);
    undo_ = new QUndoStack(this);
    tagPanel_ = new TagPanel(window_);
    notesPanel_ = new NotesPanel(window_);
    auditPanel_ = new AuditPanel(window_);
    auto* history = new QUndoView(undo_, window_);
    history->setEmptyLabel(tr("<case opened>"));
    // Where the docks go and how big they are: defaultlayout.cpp.
    frame->addPanel(tagPanel_, tr("Tags"), QStringLiteral("tagDock"), Qt::RightDockWidgetArea);
    frame->addPanel(notesPanel_, tr("Notes"), QStringLiteral("notesDock"),
                    Qt::RightDockWidgetArea);
    frame->addPanel(history, tr("History"), QStringLiteral("historyDock"),
                    Qt::RightDockWidgetArea);
    frame->addPanel(auditPanel_, tr("Audit"), QStringLiteral("auditDock"),
                    Qt::BottomDockWidgetArea);

    connect(session_, &CaseSession::caseOpened, this, &WorkflowController::caseOpened);
    connect(session_, &CaseSession::caseClosing, this, &WorkflowController::caseClosing);
    connect(editor_, &CaseEditor::changed, this, [this] { refreshViews(); });
    connect(editor_, &CaseEditor::failed, this,
            [this](const QString& message) { warnPlain(message); });
    connect(tagPanel_, &TagPanel::createRequested, this, [this] { createTag(); });
    connect(tagPanel_, &TagPanel::editRequested, this,
            [this](const QString& tag) { editTag(tag); });
    connect(tagPanel_, &TagPanel::deleteRequested, this,
            [this](const QString& tag) { deleteTag(tag); });
    connect(tagPanel_, &TagPanel::applyRequested, this,
            [this](const QString& tag, TagPanel::Scope scope, bool add) {
                if (scope == TagPanel::Scope::Accounts)
                    tagSelectedAccounts(tag, add);
                else
                    tagCurrentCluster(tag, add);
            });
    connect(notesPanel_, &NotesPanel::saveRequested, this,
            [this](const evidence::Target& target, const QString& text, const QString& subject) {
                saveNote(target, text, subject);
            });
    // Ctrl+T tags what the analyst picked last: a cluster row, or rows of the account table.
    connect(session_, &CaseSession::accountChanged, this, [this] {
        notesPanel_->setSubjects(session_->currentAccount(), session_->currentAccountName(),
                                 session_->currentCluster(), evidence::TargetType::Account);
    });
    connect(selection_->accountPanel()->view(), &QTableView::pressed, this,
            [this] { tagScope_ = TagScope::Accounts; });
    connect(session_, &CaseSession::clusterChanged, this, [this] {
        tagScope_ = TagScope::Cluster;
        notesPanel_->setSubjects(session_->currentAccount(), session_->currentAccountName(),
                                 session_->currentCluster(), evidence::TargetType::Cluster);
    });
    connect(&tagsWatcher_, &QFutureWatcher<AccountTagMap>::finished, this, [this] {
        if (tagsStale_) {
            tagsStale_ = false;
            refreshAccountTags();
            return;
        }
        if (session_->isOpen())
            selection_->accountPanel()->model()->setAccountTags(tagsWatcher_.result());
    });
}

void WorkflowController::createActions(MainFrame* frame) {
    QMenu* edit = frame->menu(MainFrame::Menu::Edit);
    QAction* undo = undo_->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
    QAction* redo = undo_->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    QAction* tag = edit->addAction(tr("&Tag Selection…"), this, [this] { tagSelection(true); });
    tag->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    QAction* untag =
        edit->addAction(tr("&Remove Tag from Selection…"), this, [this] { tagSelection(false); });
    untag->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    edit->addAction(tr("&New Tag…"), this, [this] { createTag(); });

    QMenu* caseMenu = frame->menu(MainFrame::Menu::Case);
    caseMenu->addSeparator();
    exportAction_ =
        caseMenu->addAction(tr("&Export Evidence…"), this, [this] { exportEvidence(); });
    exportAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    exportAction_->setEnabled(false);

    frame->menu(MainFrame::Menu::Settings)->addAction(tr("Analyst &Name…"), this, [this] {
        chooseAnalystName();
    });
}

void WorkflowController::caseOpened() {
    editor_->setCasePath(session_->path());
    undo_->clear();
    tagPanel_->setCase(session_->file());
    notesPanel_->setDatabase(session_->db());
    notesPanel_->setSubjects(-1, QString(), -1);
    auditPanel_->setCase(session_->file());
    tagScope_ = TagScope::Accounts;
    exportAction_->setEnabled(true);
    refreshAccountTags();
}

void WorkflowController::caseClosing() {
    tagsWatcher_.waitForFinished();
    tagsStale_ = false;
    undo_->clear();
    editor_->setCasePath(QString());
    tagPanel_->setCase(nullptr);
    notesPanel_->setDatabase(nullptr);
    notesPanel_->setSubjects(-1, QString(), -1);
    auditPanel_->setCase(nullptr);
    selection_->accountPanel()->model()->setAccountTags({});
    exportAction_->setEnabled(false);
}

void WorkflowController::refreshViews() {
    if (!session_->isOpen()) return;
    tagPanel_->refresh();
    notesPanel_->refresh();
    auditPanel_->refresh();
    refreshAccountTags();
}

// On a worker: a case-wide tag can sit on tens of thousands of accounts.
void WorkflowController::refreshAccountTags() {
    if (!session_->isOpen()) return;
    if (tagsWatcher_.isRunning()) {
        tagsStale_ = true;
        return;
    }
    const QString path = session_->path();
    tagsWatcher_.setFuture(QtConcurrent::run([path] {
        auto file = openReadOnly(path);
        return file ? loadAccountTags(file->db()) : AccountTagMap{};
    }));
}

bool WorkflowController::pushEdits(const QString& macroText,
                                   std::vector<std::unique_ptr<EditCommand>> commands) {
    if (!ensureAnalystName(window_)) {
        session_->showStatus(tr("Nothing was recorded: the audit trail needs your name"), 6000);
        return false;
    }
    showAnalyst();
    std::vector<std::unique_ptr<EditCommand>> done;
    for (auto& c : commands) {
        QString error;
        if (!c->perform(&error)) {
            warnPlain(error);
            break;  // the ones already done stay done, and undoable
        }
        if (c->changedAnything()) done.push_back(std::move(c));
    }
    if (done.empty()) {
        session_->showStatus(tr("Nothing changed"), 4000);
        return false;
    }
    if (done.size() > 1) undo_->beginMacro(macroText);
    for (auto& c : done) {
        session_->showStatus(c->text(), 4000);
        undo_->push(c.release());
    }
    if (done.size() > 1) undo_->endMacro();
    return true;
}

bool WorkflowController::tagSelectedAccounts(const QString& tag, bool add) {
    const std::vector<int64_t> ids = selection_->selectedAccounts();
    if (!session_->isOpen() || tag.isEmpty() || ids.empty()) {
        session_->showStatus(tr("Select accounts in the account table first"), 4000);
        return false;
    }
    std::vector<evidence::Target> targets;
    for (int64_t id : ids) targets.push_back({evidence::TargetType::Account, id});
    const int n = static_cast<int>(ids.size());
    const QString text = add ? tr("Tag %n account(s) %1", nullptr, n).arg(tag)
                             : tr("Untag %n account(s) %1", nullptr, n).arg(tag);
    std::vector<std::unique_ptr<EditCommand>> commands;
    commands.push_back(
        std::make_unique<TagAssignCommand>(editor_, tag, std::move(targets), add, text));
    return pushEdits(text, std::move(commands));
}

bool WorkflowController::tagCurrentCluster(const QString& tag, bool add) {
    if (!session_->isOpen() || tag.isEmpty() || session_->currentCluster() < 0) {
        session_->showStatus(tr("Select a cluster first"), 4000);
        return false;
    }
    const int64_t cluster = session_->currentCluster();
    const std::vector<int64_t> members = clusterMembers(session_->db(), cluster);
    bool withMembers = false;
    if (!members.empty()) {
        const int n = static_cast<int>(members.size());
        const auto answer = QMessageBox::question(
            window_, add ? tr("Tag Cluster") : tr("Untag Cluster"),
            add ? tr("Tag cluster %1 with %2.\n\nAlso tag its %n member account(s)?", nullptr, n)
                      .arg(cluster)
                      .arg(tag)
                : tr("Remove %2 from cluster %1.\n\nAlso remove it from its %n member account(s)?",
                     nullptr, n)
                      .arg(cluster)
                      .arg(tag),
            QMessageBox::Yes | QMessageBox::No | QMessageBox::Cancel, QMessageBox::Yes);
        if (answer == QMessageBox::Cancel) return false;
        withMembers = answer == QMessageBox::Yes;
    }
    std::vector<std::unique_ptr<EditCommand>> commands;
    const QString clusterText = add ? tr("Tag cluster %1 %2").arg(cluster).arg(tag)
                                    : tr("Untag cluster %1 %2").arg(cluster).arg(tag);
    commands.push_back(std::make_unique<TagAssignCommand>(
        editor_, tag, std::vector<evidence::Target>{{evidence::TargetType::Cluster, cluster}}, add,
        clusterText));
    if (withMembers) {
        std::vector<evidence::Target> targets;
        for (int64_t id : members) targets.push_back({evidence::TargetType::Account, id});
        const int n = static_cast<int>(members.size());
        commands.push_back(std::make_unique<TagAssignCommand>(
            editor_, tag, std::move(targets), add,
            add ? tr("Tag %n member(s) of cluster %1 %2", nullptr, n).arg(cluster).arg(tag)
                : tr("Untag %n member(s) of cluster %1 %2", nullptr, n).arg(cluster).arg(tag)));
    }
    return pushEdits(withMembers ? tr("%1 and its members").arg(clusterText) : clusterText,
                     std::move(commands));
}

bool WorkflowController::saveNote(const evidence::Target& target, const QString& text,
                                  const QString& subject) {
    if (!session_->isOpen()) return false;
    std::vector<std::unique_ptr<EditCommand>> commands;
    commands.push_back(std::make_unique<NoteCommand>(editor_, target, text, subject));
    return pushEdits(QString(), std::move(commands));
}

bool WorkflowController::tagSelectedRequests(const QString& tag, bool add) {
    const std::vector<int64_t> ids =
        requests_ ? requests_->requestPanel()->selectedRequests() : std::vector<int64_t>();
    if (!session_->isOpen() || tag.isEmpty() || ids.empty()) {
        session_->showStatus(tr("Select requests in the request table first"), 4000);
        return false;
    }
    std::vector<evidence::Target> targets;
    for (int64_t id : ids) targets.push_back({evidence::TargetType::Request, id});
    const int n = static_cast<int>(ids.size());
    const QString text = add ? tr("Tag %n request(s) %1", nullptr, n).arg(tag)
                             : tr("Untag %n request(s) %1", nullptr, n).arg(tag);
    std::vector<std::unique_ptr<EditCommand>> commands;
    commands.push_back(
        std::make_unique<TagAssignCommand>(editor_, tag, std::move(targets), add, text));
    return pushEdits(text, std::move(commands));
}

void WorkflowController::askTag(TagScope scope) {
    tagScope_ = scope;
    tagSelection(true);
}

void WorkflowController::tagSelection(bool add) {
    if (!session_->isOpen()) return;
    QStringList names;
    for (const evidence::TagInfo& t : evidence::TagStore(*session_->file()).tags()) names << t.name;
    TagScope scope = tagScope_;
    if (scope == TagScope::Cluster && session_->currentCluster() < 0) scope = TagScope::Accounts;
    const int count =
        scope == TagScope::Requests
            ? static_cast<int>(requests_ ? requests_->requestPanel()->selectedRequests().size() : 0)
            : static_cast<int>(selection_->selectedAccounts().size());
    if (names.isEmpty() || (scope != TagScope::Cluster && count == 0)) {
        session_->showStatus(names.isEmpty() ? tr("The case has no tags yet")
                                             : tr("Select accounts, requests or a cluster first"),
                             4000);
        return;
    }
    QString what;
    switch (scope) {
        case TagScope::Cluster:
            what = tr("cluster %1").arg(session_->currentCluster());
            break;
        case TagScope::Requests:
            what = tr("the %n selected request(s)", nullptr, count);
            break;
        case TagScope::Accounts:
            what = tr("the %n selected account(s)", nullptr, count);
            break;
    }
    bool ok = false;
    const QString tag = QInputDialog::getItem(
        window_, add ? tr("Tag Selection") : tr("Remove Tag from Selection"),
        add ? tr("Tag %1 with:").arg(what) : tr("Remove from %1:").arg(what), names,
        std::max(0, static_cast<int>(names.indexOf(tagPanel_->currentTag()))), false, &ok);
    if (!ok || tag.isEmpty()) return;
    tagPanel_->selectTag(tag);
    switch (scope) {
        case TagScope::Cluster:
            tagCurrentCluster(tag, add);
            break;
        case TagScope::Requests:
            tagSelectedRequests(tag, add);
            break;
        case TagScope::Accounts:
            tagSelectedAccounts(tag, add);
            break;
    }
}

void WorkflowController::createTag() {
    if (!session_->isOpen()) return;
    TagDialog dialog(window_);
    if (dialog.exec() != QDialog::Accepted) return;
    std::vector<std::unique_ptr<EditCommand>> commands;
    commands.push_back(std::make_unique<TagDefinitionCommand>(
        editor_, TagDefinitionCommand::Kind::Create, dialog.name(), dialog.color(),
        dialog.description()));
    if (pushEdits(QString(), std::move(commands))) tagPanel_->selectTag(dialog.name());
}

void WorkflowController::editTag(const QString& name) {
    if (!session_->isOpen() || name.isEmpty()) return;
    const auto tag = evidence::TagStore(*session_->file()).tag(name);
    if (!tag) return;
    TagDialog dialog(window_);
    dialog.setTag(tag->name, tag->color, tag->description);
    if (dialog.exec() != QDialog::Accepted) return;
    std::vector<std::unique_ptr<EditCommand>> commands;
    commands.push_back(std::make_unique<TagDefinitionCommand>(
        editor_, TagDefinitionCommand::Kind::Edit, name, dialog.color(), dialog.description()));
    pushEdits(QString(), std::move(commands));
}

void WorkflowController::deleteTag(const QString& name) {
    if (!session_->isOpen() || name.isEmpty()) return;
    if (QMessageBox::question(window_, tr("Delete Tag"), tr("Delete the tag %1?").arg(name)) !=
        QMessageBox::Yes)
        return;
    std::vector<std::unique_ptr<EditCommand>> commands;
    commands.push_back(
        std::make_unique<TagDefinitionCommand>(editor_, TagDefinitionCommand::Kind::Delete, name));
    pushEdits(QString(), std::move(commands));
}

void WorkflowController::chooseAnalystName() {
    const std::optional<QString> name = askAnalystName(
        window_, tr("Your name as the audit trail records it with every action\n(the "
                    "QUARRY_ANALYST environment variable overrides it):"));
    if (!name) return;
    evidence::setConfiguredAnalyst(*name);
    showAnalyst();
    session_->showStatus(tr("Actions are recorded as %1").arg(evidence::currentAnalyst()), 5000);
}

ExportDialog* WorkflowController::exportEvidence() {
    if (!session_->isOpen()) return nullptr;
    if (!ensureAnalystName(window_)) {
        session_->showStatus(tr("No export: the bundle and the audit trail need your name"), 6000);
        return nullptr;
    }
    showAnalyst();
    ExportChoices choices;
    choices.casePath = session_->path();
    choices.clusters = loadClusters(session_->db());
    const AccountTableModel* accounts = selection_->accountPanel()->model();
    for (int64_t id : selection_->selectedAccounts()) {
        const AccountRecord* r = accounts->recordAt(accounts->rowOfAccount(id));
        if (r) choices.selectedAccounts << r->name;
    }
    choices.tags = evidence::TagStore(*session_->file()).tags();
    const QFileInfo info(session_->path());
    choices.suggestedOutput = info.dir().filePath(
        QStringLiteral("%1-evidence-%2.zip")
            .arg(info.completeBaseName(),
                 QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmm"))));
    auto* dialog = new ExportDialog(choices, window_);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &ExportDialog::exportFinished, this,
            [this] { refreshViews(); });  // the "export" audit entry
    dialog->show();
    return dialog;
}

}  // namespace quarry::gui
