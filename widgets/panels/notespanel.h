// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include <vector>

#include "items/notetablemodel.h"

class QComboBox;
class QPlainTextEdit;
class QPushButton;
class QTableView;

struct sqlite3;

namespace quarry::gui {

// The notes on the current account and the current cluster (one note each, as the case keeps
// them), and an editor to write, change or delete them. Saving is the main window's job.
class NotesPanel final : public QWidget {
    Q_OBJECT
public:
    explicit NotesPanel(QWidget* parent = nullptr);
    void setDatabase(sqlite3* db);  // the GUI thread's read-only connection; nullptr clears
    // What can carry a note right now: the current account and/or cluster (id < 0: none); the
    // editor turns to the one of type `show` (the one just selected).
    void setSubjects(int64_t accountId, const QString& accountName, int64_t clusterId,
                     evidence::TargetType show = evidence::TargetType::Account);
    void refresh();

    NoteTableModel* model() const { return model_; }
    QTableView* view() const { return view_; }
    QComboBox* subjectBox() const { return subject_; }
    QPlainTextEdit* editor() const { return editor_; }
    QPushButton* saveButton() const { return save_; }
    QPushButton* deleteButton() const { return delete_; }

signals:
    void saveRequested(const evidence::Target& target, const QString& text, const QString& subject);

private:
    const NoteSubject* currentSubject() const;
    void showSubjectNote();

    sqlite3* db_ = nullptr;
    std::vector<NoteSubject> subjects_;
    NoteTableModel* model_;
    QTableView* view_;
    QComboBox* subject_;
    QPlainTextEdit* editor_;
    QPushButton* save_;
    QPushButton* delete_;
};

}  // namespace quarry::gui
