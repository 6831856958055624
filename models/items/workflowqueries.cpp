// SPDX-License-Identifier: GPL-3.0-or-later
#include "workflowqueries.h"

#include "store/sqlite.h"

namespace quarry::gui {

AccountTagMap loadAccountTags(sqlite3* db) {
    AccountTagMap out;
    sql::Statement s(
        db,
        "SELECT a.target_id, t.name, t.color FROM tag_assignments a JOIN tags t ON t.id = a.tag_id "
        "WHERE a.target_type = 'account' ORDER BY a.target_id, t.id");
    while (s.step()) out[s.int64(0)].push_back({s.text(1), QColor(s.text(2))});
    return out;
}

std::vector<NoteRecord> loadNotes(sqlite3* db, const std::vector<NoteSubject>& subjects) {
    std::vector<NoteRecord> out;
    sql::Statement s(
        db, "SELECT text, analyst, updated_at FROM notes WHERE target_type = ? AND target_id = ?");
    for (const NoteSubject& subject : subjects) {
        s.reset();
        s.bindText(1, evidence::targetTypeName(subject.target.type));
        s.bind(2, subject.target.id);
        if (!s.step()) continue;
        out.push_back({subject.target, subject.subject, s.text(0), s.text(1), s.int64(2)});
    }
    return out;
}

}  // namespace quarry::gui
