// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

#include "evidence/story.h"
#include "recordtablemodel.h"

struct sqlite3;

namespace quarry::gui {

// The story as read from a case, on any thread: its items in order and whether that order is
// the analyst's.
struct StoryRead {
    bool manual = false;
    std::vector<evidence::StoryItem> items;
};
StoryRead readStory(sqlite3* db);  // nullptr: empty

// The case story (evidence/story.h) as a table: when, what kind, what, the details.
class StoryTableModel final : public RecordTableModel<evidence::StoryItem> {
    Q_OBJECT
public:
    enum Column { Time, Kind, What, Details, ColumnCount };

    explicit StoryTableModel(QObject* parent = nullptr);
    // Reads the story in its order (nullptr: empty); remembers whether the order is manual.
    void load(sqlite3* db);
    void setStory(StoryRead story);
    bool manual() const { return manual_; }
    const evidence::StoryItem* itemAt(int row) const { return recordAt(row); }
    QStringList keys() const;
    int rowOfKey(const QString& key) const;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    bool manual_ = false;
};

}  // namespace quarry::gui
