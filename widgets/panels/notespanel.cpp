// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/notespanel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include "panels/tableviewsetup.h"

namespace quarry::gui {

NotesPanel::NotesPanel(QWidget* parent) : QWidget(parent) {
    model_ = new NoteTableModel(this);
    view_ = new QTableView(this);
    view_->setObjectName(QStringLiteral("noteTable"));
    view_->setModel(model_);
    setupTableView(view_, QAbstractItemView::SingleSelection);
    subject_ = new QComboBox(this);
    subject_->setObjectName(QStringLiteral("noteSubject"));
    editor_ = new QPlainTextEdit(this);
    editor_->setObjectName(QStringLiteral("noteEditor"));
    editor_->setPlaceholderText(tr("Select an account or a cluster, then write its note here"));
    save_ = new QPushButton(tr("Save Note"), this);
    save_->setObjectName(QStringLiteral("saveNote"));
    delete_ = new QPushButton(tr("Delete Note"), this);
    delete_->setObjectName(QStringLiteral("deleteNote"));

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Note on:"), this));
    bar->addWidget(subject_, 1);
    bar->addWidget(save_);
    bar->addWidget(delete_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(view_, 2);
    layout->addLayout(bar);
    layout->addWidget(editor_, 1);

    connect(subject_, qOverload<int>(&QComboBox::currentIndexChanged), this,
            &NotesPanel::showSubjectNote);
    connect(view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& cur) {
                const NoteRecord* n = model_->noteAt(cur.row());
                if (!n) return;
                for (size_t i = 0; i < subjects_.size(); ++i)
                    if (subjects_[i].target == n->target)
                        subject_->setCurrentIndex(static_cast<int>(i));
            });
    connect(save_, &QPushButton::clicked, this, [this] {
        if (const NoteSubject* s = currentSubject())
            emit saveRequested(s->target, editor_->toPlainText().trimmed(), s->subject);
    });
    connect(delete_, &QPushButton::clicked, this, [this] {
        if (const NoteSubject* s = currentSubject())
            emit saveRequested(s->target, QString(), s->subject);
    });
    setSubjects(-1, QString(), -1);
}

void NotesPanel::setDatabase(sqlite3* db) {
    db_ = db;
    refresh();
}

void NotesPanel::setSubjects(int64_t accountId, const QString& accountName, int64_t clusterId,
                             evidence::TargetType show) {
    std::vector<NoteSubject> subjects;
    if (accountId >= 0)
        subjects.push_back(
            {{evidence::TargetType::Account, accountId}, tr("Account %1").arg(accountName)});
    if (clusterId >= 0)
        subjects.push_back(
            {{evidence::TargetType::Cluster, clusterId}, tr("Cluster %1").arg(clusterId)});
    subjects_ = std::move(subjects);
    const QSignalBlocker block(subject_);
    subject_->clear();
    int index = 0;
    for (size_t i = 0; i < subjects_.size(); ++i) {
        subject_->addItem(subjects_[i].subject);
        if (subjects_[i].target.type == show) index = static_cast<int>(i);
    }
    subject_->setCurrentIndex(subjects_.empty() ? -1 : index);
    const bool any = !subjects_.empty();
    for (QWidget* w : std::initializer_list<QWidget*>{subject_, editor_, save_, delete_})
        w->setEnabled(any);
    refresh();
}

void NotesPanel::refresh() {
    model_->setNotes(db_ ? loadNotes(db_, subjects_) : std::vector<NoteRecord>{});
    fitTableColumns(view_);
    showSubjectNote();
}

const NoteSubject* NotesPanel::currentSubject() const {
    const int i = subject_->currentIndex();
    return i >= 0 && i < static_cast<int>(subjects_.size()) ? &subjects_[static_cast<size_t>(i)]
                                                            : nullptr;
}

void NotesPanel::showSubjectNote() {
    const NoteSubject* s = currentSubject();
    QString text;
    for (int row = 0; s && row < model_->rowCount(); ++row)
        if (model_->noteAt(row)->target == s->target) text = model_->noteAt(row)->text;
    editor_->setPlainText(text);
}

}  // namespace quarry::gui
