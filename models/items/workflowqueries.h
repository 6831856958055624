// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Reads behind the workflow panels (tags, notes) that the evidence core does not offer in the
// shape a view wants: notes with their author and time, every account's tags at once.

#include <QColor>
#include <QHash>
#include <QString>
#include <QVector>

#include <cstdint>
#include <vector>

#include "evidence/tags.h"

struct sqlite3;

namespace quarry::gui {

struct TagChip {
    QString name;
    QColor color;
};
using AccountTagMap = QHash<int64_t, QVector<TagChip>>;

// Every tagged account with its tags (in tag order). Scans tag_assignments: run it off the GUI
// thread on the worker's own connection.
AccountTagMap loadAccountTags(sqlite3* db);

struct NoteRecord {
    evidence::Target target;
    QString subject;  // "Account alice@example.com", "Cluster 3"
    QString text, analyst;
    int64_t updatedAt = 0;  // UTC epoch ms
};
struct NoteSubject {
    evidence::Target target;
    QString subject;
};
// The notes on these subjects that exist, in the order given.
std::vector<NoteRecord> loadNotes(sqlite3* db, const std::vector<NoteSubject>& subjects);

}  // namespace quarry::gui
