// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Story dock: the case's findings, tags, notes and starred requests in one list, in time
// order or the analyst's own (Move Up / Move Down). Activating an item asks to show what it is
// about; the edits themselves are the controller's (undoable commands).

#include <QWidget>

#include "items/storytablemodel.h"

class QLabel;
class QPushButton;
class QTableView;

namespace quarry::gui {

class StoryPanel final : public QWidget {
    Q_OBJECT
public:
    explicit StoryPanel(QWidget* parent = nullptr);
    // Re-reads the story (nullptr: no case), keeping the current item where it still exists.
    void load(sqlite3* db);
    // What a worker read (readStory), shown as load() shows it.
    void setStory(StoryRead story);

    StoryTableModel* model() const { return model_; }
    QTableView* view() const { return view_; }
    QPushButton* upButton() const { return up_; }
    QPushButton* downButton() const { return down_; }
    QPushButton* timeOrderButton() const { return timeOrder_; }
    QLabel* orderLabel() const { return orderLabel_; }
    int currentRow() const;
    void setCurrentRow(int row);

signals:
    // The story in a new order: `keys` with the item `moved` (its key) shifted.
    void reorderRequested(const QStringList& keys, const QString& moved);
    void timeOrderRequested();
    void itemActivated(const evidence::StoryItem& item);

private:
    void move(int delta);
    void updateButtons();

    StoryTableModel* model_;
    QTableView* view_;
    QPushButton* up_;
    QPushButton* down_;
    QPushButton* timeOrder_;
    QLabel* orderLabel_;
};

}  // namespace quarry::gui
