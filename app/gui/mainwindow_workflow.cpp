// SPDX-License-Identifier: GPL-3.0-or-later
// The analyst's workflow: the Tags, Notes, Audit and History panels, tagging the selection,
// undo/redo of every edit, the analyst name and Case › Export Evidence. Edits go through a
// read-write connection of their own (CaseEditor); the panels read through case_ and refresh
// after each change.
#include <QAction>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QInputDialog>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTableView>
#include <QUndoStack>
#include <QUndoView>
#include <QtConcurrent/QtConcurrentRun>

#include "accountpanel.h"
#include "auditpanel.h"
#include "caseeditor.h"
#include "clusterpanel.h"
#include "store/auditlog.h"
#include "exportdialog.h"
#include "mainwindow.h"
#include "notespanel.h"
#include "requestpanel.h"
#include "store/casefile.h"
#include "tagdialog.h"
#include "tagpanel.h"
#include "workflowcommands.h"

namespace quarry::gui {
namespace {

// Messages quote account names and note text from the logs: never let Qt guess they are HTML.
void warnPlain(QWidget* parent, const QString& message) {
    QMessageBox box(QMessageBox::Warning, QObject::tr("Quarry"), message, QMessageBox::Ok, parent);
    box.setTextFormat(Qt::PlainText);
    box.exec();
}

}  // namespace

void MainWindow::createWorkflowPanels() {
    editor_ = new CaseEditor(this);
    undo_ = new QUndoStack(this);
    tagPanel_ = new TagPanel(this);
    notesPanel_ = new NotesPanel(this);
    auditPanel_ = new AuditPanel(this);
    auto* history = new QUndoView(undo_, this);
    history->setEmptyLabel(tr("<case opened>"));
    QDockWidget* tagDock =
        addPanel(tagPanel_, tr("Tags"), QStringLiteral("tagDock"), Qt::RightDockWidgetArea);
    QDockWidget* notesDock =
        addPanel(notesPanel_, tr("Notes"), QStringLiteral("notesDock"), Qt::RightDockWidgetArea);
    QDockWidget* historyDock =
        addPanel(history, tr("History"), QStringLiteral("historyDock"), Qt::RightDockWidgetArea);
    QDockWidget* auditDock =
        addPanel(auditPanel_, tr("Audit"), QStringLiteral("auditDock"), Qt::BottomDockWidgetArea);
    tabifyDockWidget(notesDock, historyDock);
    notesDock->raise();
    if (auto* accountDock = findChild<QDockWidget*>(QStringLiteral("accountDock"))) {
        tabifyDockWidget(accountDock, auditDock);
        accountDock->raise();
    }
    // The right column takes its width from the central plots, not from the left column.
    QList<QDockWidget*> docks{tagDock};
    QList<int> widths{340};
    for (const char* name : {"overviewDock", "clusterDock"})
        if (auto* d = findChild<QDockWidget*>(QLatin1String(name))) {
            docks << d;
            widths << 430;
        }
    resizeDocks(docks, widths, Qt::Horizontal);

    connect(this, &MainWindow::caseOpened, this, [this] { workflowCaseOpened(); });
    connect(editor_, &CaseEditor::changed, this, [this] { refreshWorkflowViews(); });
    connect(editor_, &CaseEditor::failed, this,
            [this](const QString& message) { warnPlain(this, message); });
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
    connect(accounts_, &AccountPanel::currentAccountChanged, this, [this] {
        notesPanel_->setSubjects(currentAccount_, currentAccountName_, currentCluster_,
                                 evidence::TargetType::Account);
    });
    connect(accounts_->view(), &QTableView::pressed, this,
            [this] { tagScope_ = TagScope::Accounts; });
    connect(clusters_, &ClusterPanel::clusterSelected, this, [this] {
        tagScope_ = TagScope::Cluster;
        notesPanel_->setSubjects(currentAccount_, currentAccountName_, currentCluster_,
                                 evidence::TargetType::Cluster);
    });
    connect(&tagsWatcher_, &QFutureWatcher<AccountTagMap>::finished, this, [this] {
        if (tagsStale_) {
            tagsStale_ = false;
            refreshAccountTags();
            return;
        }
        if (case_) accounts_->model()->setAccountTags(tagsWatcher_.result());
    });
}

void MainWindow::createWorkflowActions() {
    auto* edit = new QMenu(tr("&Edit"), this);
    menuBar()->insertMenu(viewMenu_->menuAction(), edit);
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

    QMenu* caseMenu = nullptr;
    for (QObject* o : analyzeAction_->associatedObjects())
        if (auto* m = qobject_cast<QMenu*>(o)) caseMenu = m;
    if (caseMenu) {
        caseMenu->addSeparator();
        exportAction_ =
            caseMenu->addAction(tr("&Export Evidence…"), this, [this] { exportEvidence(); });
        exportAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
        exportAction_->setEnabled(false);
    }

    auto* settings = new QMenu(tr("&Settings"), this);
    menuBar()->insertMenu(menuBar()->actions().constLast(), settings);  // before Help
    settings->addAction(tr("Analyst &Name…"), this, [this] { chooseAnalystName(); });
}

void MainWindow::workflowCaseOpened() {
    editor_->setCasePath(case_->path());
    undo_->clear();
    tagPanel_->setCase(case_.get());
    notesPanel_->setDatabase(case_->db());
    notesPanel_->setSubjects(-1, QString(), -1);
    auditPanel_->setCase(case_.get());
    tagScope_ = TagScope::Accounts;
    if (exportAction_) exportAction_->setEnabled(true);
    refreshAccountTags();
}

void MainWindow::workflowCaseClosed() {
    if (!editor_) return;
    tagsWatcher_.waitForFinished();
    tagsStale_ = false;
    undo_->clear();
    editor_->setCasePath(QString());
    tagPanel_->setCase(nullptr);
    notesPanel_->setDatabase(nullptr);
    notesPanel_->setSubjects(-1, QString(), -1);
    auditPanel_->setCase(nullptr);
    accounts_->model()->setAccountTags({});
    if (exportAction_) exportAction_->setEnabled(false);
}

void MainWindow::refreshWorkflowViews() {
    if (!case_) return;
    tagPanel_->refresh();
    notesPanel_->refresh();
    auditPanel_->refresh();
    refreshAccountTags();
}

// On a worker: a case-wide tag can sit on tens of thousands of accounts.
void MainWindow::refreshAccountTags() {
    if (!case_) return;
    if (tagsWatcher_.isRunning()) {
        tagsStale_ = true;
        return;
    }
    const QString path = case_->path();
    tagsWatcher_.setFuture(QtConcurrent::run([path] {
        auto file = openReadOnly(path);
        return file ? loadAccountTags(file->db()) : AccountTagMap{};
    }));
}

bool MainWindow::pushEdits(const QString& macroText,
                           std::vector<std::unique_ptr<EditCommand>> commands) {
    std::vector<std::unique_ptr<EditCommand>> done;
    for (auto& c : commands) {
        QString error;
        if (!c->perform(&error)) {
            warnPlain(this, error);
            break;  // the ones already done stay done, and undoable
        }
        if (c->changedAnything()) done.push_back(std::move(c));
    }
    if (done.empty()) {
        statusBar()->showMessage(tr("Nothing changed"), 4000);
        return false;
    }
    if (done.size() > 1) undo_->beginMacro(macroText);
    for (auto& c : done) {
        statusBar()->showMessage(c->text(), 4000);
        undo_->push(c.release());
    }
    if (done.size() > 1) undo_->endMacro();
    return true;
}

bool MainWindow::tagSelectedAccounts(const QString& tag, bool add) {
    const std::vector<int64_t> ids = accounts_->selectedAccounts();
    if (!case_ || tag.isEmpty() || ids.empty()) {
        statusBar()->showMessage(tr("Select accounts in the account table first"), 4000);
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

bool MainWindow::tagCurrentCluster(const QString& tag, bool add) {
    if (!case_ || tag.isEmpty() || currentCluster_ < 0) {
        statusBar()->showMessage(tr("Select a cluster first"), 4000);
        return false;
    }
    const int64_t cluster = currentCluster_;
    const std::vector<int64_t> members = clusterMembers(case_->db(), cluster);
    bool withMembers = false;
    if (!members.empty()) {
        const int n = static_cast<int>(members.size());
        const auto answer = QMessageBox::question(
            this, add ? tr("Tag Cluster") : tr("Untag Cluster"),
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

bool MainWindow::saveNote(const evidence::Target& target, const QString& text,
                          const QString& subject) {
    if (!case_) return false;
    std::vector<std::unique_ptr<EditCommand>> commands;
    commands.push_back(std::make_unique<NoteCommand>(editor_, target, text, subject));
    return pushEdits(QString(), std::move(commands));
}

void MainWindow::followRequestPicks() {
    connect(requests_->view(), &QTableView::pressed, this,
            [this] { tagScope_ = TagScope::Requests; });
}

bool MainWindow::tagSelectedRequests(const QString& tag, bool add) {
    const std::vector<int64_t> ids =
        requests_ ? requests_->selectedRequests() : std::vector<int64_t>();
    if (!case_ || tag.isEmpty() || ids.empty()) {
        statusBar()->showMessage(tr("Select requests in the request table first"), 4000);
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

void MainWindow::tagSelection(bool add) {
    if (!case_) return;
    QStringList names;
    for (const evidence::TagInfo& t : evidence::TagStore(*case_).tags()) names << t.name;
    TagScope scope = tagScope_;
    if (scope == TagScope::Cluster && currentCluster_ < 0) scope = TagScope::Accounts;
    const int count = scope == TagScope::Requests
                          ? static_cast<int>(requests_ ? requests_->selectedRequests().size() : 0)
                          : static_cast<int>(accounts_->selectedAccounts().size());
    if (names.isEmpty() || (scope != TagScope::Cluster && count == 0)) {
        statusBar()->showMessage(names.isEmpty()
                                     ? tr("The case has no tags yet")
                                     : tr("Select accounts, requests or a cluster first"),
                                 4000);
        return;
    }
    QString what;
    switch (scope) {
        case TagScope::Cluster:
            what = tr("cluster %1").arg(currentCluster_);
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
        this, add ? tr("Tag Selection") : tr("Remove Tag from Selection"),
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

void MainWindow::createTag() {
    if (!case_) return;
    TagDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted) return;
    std::vector<std::unique_ptr<EditCommand>> commands;
    commands.push_back(std::make_unique<TagDefinitionCommand>(
        editor_, TagDefinitionCommand::Kind::Create, dialog.name(), dialog.color(),
        dialog.description()));
    if (pushEdits(QString(), std::move(commands))) tagPanel_->selectTag(dialog.name());
}

void MainWindow::editTag(const QString& name) {
    if (!case_ || name.isEmpty()) return;
    const auto tag = evidence::TagStore(*case_).tag(name);
    if (!tag) return;
    TagDialog dialog(this);
    dialog.setTag(tag->name, tag->color, tag->description);
    if (dialog.exec() != QDialog::Accepted) return;
    std::vector<std::unique_ptr<EditCommand>> commands;
    commands.push_back(std::make_unique<TagDefinitionCommand>(
        editor_, TagDefinitionCommand::Kind::Edit, name, dialog.color(), dialog.description()));
    pushEdits(QString(), std::move(commands));
}

void MainWindow::deleteTag(const QString& name) {
    if (!case_ || name.isEmpty()) return;
    if (QMessageBox::question(this, tr("Delete Tag"), tr("Delete the tag %1?").arg(name)) !=
        QMessageBox::Yes)
        return;
    std::vector<std::unique_ptr<EditCommand>> commands;
    commands.push_back(
        std::make_unique<TagDefinitionCommand>(editor_, TagDefinitionCommand::Kind::Delete, name));
    pushEdits(QString(), std::move(commands));
}

void MainWindow::chooseAnalystName() {
    bool ok = false;
    const QString name =
        QInputDialog::getText(this, tr("Analyst Name"),
                              tr("Your name as the audit trail records it with every action\n(the "
                                 "QUARRY_ANALYST environment variable "
                                 "overrides it; empty: the OS user):"),
                              QLineEdit::Normal, evidence::configuredAnalyst(), &ok);
    if (!ok) return;
    evidence::setConfiguredAnalyst(name);
    statusBar()->showMessage(tr("Actions are recorded as %1").arg(evidence::currentAnalyst()),
                             5000);
}

ExportDialog* MainWindow::exportEvidence() {
    if (!case_) return nullptr;
    ExportChoices choices;
    choices.casePath = case_->path();
    choices.clusters = loadClusters(case_->db());
    for (int64_t id : accounts_->selectedAccounts()) {
        const AccountRecord* r = accounts_->model()->recordAt(accounts_->model()->rowOfAccount(id));
        if (r) choices.selectedAccounts << r->name;
    }
    choices.tags = evidence::TagStore(*case_).tags();
    const QFileInfo info(case_->path());
    choices.suggestedOutput = info.dir().filePath(
        QStringLiteral("%1-evidence-%2.zip")
            .arg(info.completeBaseName(),
                 QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmm"))));
    auto* dialog = new ExportDialog(choices, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &ExportDialog::exportFinished, this,
            [this] { refreshWorkflowViews(); });  // the "export" audit entry
    dialog->show();
    return dialog;
}

}  // namespace quarry::gui
