// SPDX-License-Identifier: GPL-3.0-or-later
#include "tags.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

#include <sqlite3.h>

#include "store/auditlog.h"
#include "store/casefile.h"
#include "store/casereads.h"
#include "store/sqlite.h"

namespace quarry::evidence {
namespace {

QByteArray utf8(const QString& s) { return s.toUtf8(); }

void bindString(sql::Statement& s, int i, const QByteArray& b) { s.bindTextCopy(i, {b.constData(), size_t(b.size())}); }

int64_t latestRun(sqlite3* db) {
    if (sql::queryInt(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'analysis_runs'") == 0) return -1;
    return sql::queryInt(db, "SELECT max(id) FROM analysis_runs", -1);
}

}  // namespace

const char* targetTypeName(TargetType t) {
    switch (t) {
        case TargetType::Account: return "account";
        case TargetType::Cluster: return "cluster";
        case TargetType::Request: return "request";
    }
    return "account";
}

std::vector<TagInfo> TagStore::tags() const {
    std::vector<TagInfo> out;
    sql::Statement s(file_.db(),
                     "SELECT t.id, t.name, t.color, t.description, "
                     "(SELECT count(*) FROM tag_assignments a WHERE a.tag_id = t.id AND a.target_type = 'account'), "
                     "(SELECT count(*) FROM tag_assignments a WHERE a.tag_id = t.id AND a.target_type = 'cluster'), "
                     "(SELECT count(*) FROM tag_assignments a WHERE a.tag_id = t.id AND a.target_type = 'request') "
                     "FROM tags t ORDER BY t.id");
    while (s.step()) {
        TagInfo t;
        t.id = s.int64(0);
        t.name = s.text(1);
        t.color = s.text(2);
        t.description = s.text(3);
        t.accounts = s.int64(4);
        t.clusters = s.int64(5);
        t.requests = s.int64(6);
        out.push_back(t);
    }
    return out;
}

std::optional<TagInfo> TagStore::tag(const QString& name) const {
    for (const TagInfo& t : tags())
        if (t.name == name) return t;
    return std::nullopt;
}

bool TagStore::createTag(const QString& name, const QString& color, const QString& description, QString* error) {
    static const QRegularExpression kName(QStringLiteral("^[a-z0-9][a-z0-9._-]{0,63}$"));
    static const QRegularExpression kColor(QStringLiteral("^#[0-9A-Fa-f]{6}$"));
    auto setError = [&](const QString& e) {
        if (error) *error = e;
        return false;
    };
    if (!kName.match(name).hasMatch())
        return setError(QStringLiteral("invalid tag name '%1' (lower-case letters, digits, '-', '_', '.'; at most 64)").arg(name));
    const QString c = color.isEmpty() ? QStringLiteral("#3498db") : color;
    if (!kColor.match(c).hasMatch()) return setError(QStringLiteral("invalid tag color '%1' (expected #RRGGBB)").arg(c));
    if (tag(name)) return setError(QStringLiteral("the tag '%1' already exists").arg(name));
    QString e;
    if (!file_.beginWrite(&e)) return setError(e);
    sql::Statement s(file_.db(), "INSERT INTO tags(name, color, description, created_at) VALUES(?,?,?,?)");
    bindString(s, 1, utf8(name));
    bindString(s, 2, utf8(c));
    bindString(s, 3, utf8(description));
    s.bind(4, QDateTime::currentMSecsSinceEpoch());
    QJsonObject d;
    d.insert(QStringLiteral("tag"), name);
    d.insert(QStringLiteral("color"), c);
    d.insert(QStringLiteral("description"), description);
    if (!s.run() || !appendAudit(file_.db(), QStringLiteral("tag.create"), d, &e) || !file_.commit(&e)) {
        if (e.isEmpty()) e = s.error();
        file_.rollback();
        return setError(e);
    }
    return true;
}

bool TagStore::updateTag(const QString& name, const QString& color, const QString& description, QString* error) {
    static const QRegularExpression kColor(QStringLiteral("^#[0-9A-Fa-f]{6}$"));
    auto setError = [&](const QString& e) {
        if (error) *error = e;
        return false;
    };
    const auto before = tag(name);
    if (!before) return setError(QStringLiteral("no tag '%1' in this case").arg(name));
    if (!kColor.match(color).hasMatch()) return setError(QStringLiteral("invalid tag color '%1' (expected #RRGGBB)").arg(color));
    if (before->color == color && before->description == description) return true;
    QString e;
    if (!file_.beginWrite(&e)) return setError(e);
    sql::Statement s(file_.db(), "UPDATE tags SET color = ?, description = ? WHERE id = ?");
    const QByteArray c = utf8(color), d = utf8(description);
    bindString(s, 1, c);
    bindString(s, 2, d);
    s.bind(3, before->id);
    QJsonObject details;
    details.insert(QStringLiteral("tag"), name);
    details.insert(QStringLiteral("color"), color);
    details.insert(QStringLiteral("description"), description);
    details.insert(QStringLiteral("previous_color"), before->color);
    details.insert(QStringLiteral("previous_description"), before->description);
    if (!s.run() || !appendAudit(file_.db(), QStringLiteral("tag.edit"), details, &e) || !file_.commit(&e)) {
        if (e.isEmpty()) e = s.error();
        file_.rollback();
        return setError(e);
    }
    return true;
}

bool TagStore::deleteTag(const QString& name, QString* error) {
    auto setError = [&](const QString& e) {
        if (error) *error = e;
        return false;
    };
    const auto t = tag(name);
    if (!t) return setError(QStringLiteral("no tag '%1' in this case").arg(name));
    if (t->accounts + t->clusters + t->requests > 0)
        return setError(QStringLiteral("the tag '%1' is still on %2 targets; remove it from them first")
                            .arg(name)
                            .arg(t->accounts + t->clusters + t->requests));
    QString e;
    if (!file_.beginWrite(&e)) return setError(e);
    sql::Statement s(file_.db(), "DELETE FROM tags WHERE id = ?");
    s.bind(1, t->id);
    QJsonObject details;
    details.insert(QStringLiteral("tag"), name);
    details.insert(QStringLiteral("color"), t->color);
    details.insert(QStringLiteral("description"), t->description);
    if (!s.run() || !appendAudit(file_.db(), QStringLiteral("tag.delete"), details, &e) || !file_.commit(&e)) {
        if (e.isEmpty()) e = s.error();
        file_.rollback();
        return setError(e);
    }
    return true;
}

std::optional<int64_t> TagStore::accountId(const QString& accountName) const {
    return reads::accountId(file_.db(), accountName);
}

QString TagStore::accountName(int64_t id) const { return reads::accountName(file_.db(), id); }

bool TagStore::clusterExists(int64_t clusterId) const {
    if (latestRun(file_.db()) < 0) return false;
    return reads::cluster(file_.db(), clusterId).has_value();
}

std::vector<int64_t> TagStore::clusterMembers(int64_t clusterId) const {
    if (latestRun(file_.db()) < 0) return {};
    return reads::clusterMembers(file_.db(), clusterId);
}

QString TagStore::describe(const Target& t) const {
    if (t.type == TargetType::Account) return accountName(t.id);
    return QString::number(t.id);
}

bool TagStore::assign(const QString& tagName, const std::vector<Target>& targets, std::vector<Target>* changed,
                      QString* error) {
    return change(true, tagName, targets, changed, error);
}

bool TagStore::unassign(const QString& tagName, const std::vector<Target>& targets, std::vector<Target>* changed,
                        QString* error) {
    return change(false, tagName, targets, changed, error);
}

bool TagStore::change(bool add, const QString& tagName, const std::vector<Target>& targets,
                      std::vector<Target>* changed, QString* error) {
    auto setError = [&](const QString& e) {
        if (error) *error = e;
        return false;
    };
    const auto t = tag(tagName);
    if (!t) return setError(QStringLiteral("no tag '%1' in this case").arg(tagName));
    sqlite3* db = file_.db();
    QString e;
    if (!file_.beginWrite(&e)) return setError(e);
    const int64_t run = latestRun(db);
    const QByteArray analyst = utf8(currentAnalyst());
    sql::Statement ins(db, "INSERT OR IGNORE INTO tag_assignments(target_type, target_id, tag_id, analysis_run, "
                           "created_at, analyst) VALUES(?,?,?,?,?,?)");
    sql::Statement del(db, "DELETE FROM tag_assignments WHERE target_type = ? AND target_id = ? AND tag_id = ?");
    std::vector<Target> done;
    QJsonArray list;
    const int64_t now = QDateTime::currentMSecsSinceEpoch();
    for (const Target& target : targets) {
        sql::Statement& s = add ? ins : del;
        s.reset();
        s.bindText(1, targetTypeName(target.type));
        s.bind(2, target.id);
        s.bind(3, t->id);
        if (add) {
            s.bindOptional(4, target.type == TargetType::Cluster && run >= 0, run);
            s.bind(5, now);
            bindString(s, 6, analyst);
        }
        if (!s.run()) {
            e = s.error();
            file_.rollback();
            return setError(QStringLiteral("cannot %1: %2").arg(add ? QLatin1String("tag") : QLatin1String("untag"), e));
        }
        if (sqlite3_changes(db) == 0) continue;
        done.push_back(target);
        QJsonObject o;
        o.insert(QStringLiteral("type"), QLatin1String(targetTypeName(target.type)));
        o.insert(QStringLiteral("id"), target.type == TargetType::Account ? QJsonValue(describe(target))
                                                                          : QJsonValue(static_cast<qint64>(target.id)));
        list.append(o);
    }
    if (!done.empty()) {
        QJsonObject d;
        d.insert(QStringLiteral("tag"), tagName);
        d.insert(QStringLiteral("targets"), list);
        if (run >= 0) d.insert(QStringLiteral("analysis_run"), static_cast<qint64>(run));
        if (!appendAudit(db, add ? QStringLiteral("tag") : QStringLiteral("untag"), d, &e)) {
            file_.rollback();
            return setError(e);
        }
    }
    if (!file_.commit(&e)) {
        file_.rollback();
        return setError(e);
    }
    if (changed) *changed = std::move(done);
    return true;
}

bool TagStore::setNote(const Target& target, const QString& text, QString* previous, QString* error) {
    NoteState before;
    if (!setPinnedNote(target, {text, noteState(target).pinnedAt}, &before, error)) return false;
    if (previous) *previous = before.text;
    return true;
}

bool TagStore::setPinnedNote(const Target& target, const NoteState& note, NoteState* previous,
                             QString* error) {
    auto setError = [&](const QString& e) {
        if (error) *error = e;
        return false;
    };
    if (target.type == TargetType::Request) return setError(QStringLiteral("notes are kept on accounts and clusters"));
    sqlite3* db = file_.db();
    QString e;
    if (!file_.beginWrite(&e)) return setError(e);
    const NoteState before = noteState(target);
    const int64_t run = latestRun(db);
    bool ok;
    if (note.text.isEmpty()) {
        sql::Statement s(db, "DELETE FROM notes WHERE target_type = ? AND target_id = ?");
        s.bindText(1, targetTypeName(target.type));
        s.bind(2, target.id);
        ok = s.run();
        if (!ok) e = s.error();
    } else {
        sql::Statement s(db, "INSERT OR REPLACE INTO notes(target_type, target_id, text, analysis_run, updated_at, "
                             "analyst, pinned_at) VALUES(?,?,?,?,?,?,?)");
        s.bindText(1, targetTypeName(target.type));
        s.bind(2, target.id);
        bindString(s, 3, utf8(note.text));
        s.bindOptional(4, target.type == TargetType::Cluster && run >= 0, run);
        s.bind(5, QDateTime::currentMSecsSinceEpoch());
        bindString(s, 6, utf8(currentAnalyst()));
        s.bindOptional(7, note.pinnedAt.has_value(), note.pinnedAt.value_or(0));
        ok = s.run();
        if (!ok) e = s.error();
    }
    const NoteState after = note.text.isEmpty() ? NoteState{} : note;
    if (ok && before != after) {
        QJsonObject d;
        d.insert(QStringLiteral("type"), QLatin1String(targetTypeName(target.type)));
        d.insert(QStringLiteral("id"), target.type == TargetType::Account ? QJsonValue(describe(target))
                                                                          : QJsonValue(static_cast<qint64>(target.id)));
        d.insert(QStringLiteral("note"), note.text);
        d.insert(QStringLiteral("previous"), before.text);
        if (after.pinnedAt) d.insert(QStringLiteral("pinned_at"), static_cast<qint64>(*after.pinnedAt));
        if (before.pinnedAt) d.insert(QStringLiteral("previous_pinned_at"), static_cast<qint64>(*before.pinnedAt));
        ok = appendAudit(db, QStringLiteral("note"), d, &e);
    }
    if (!ok || !file_.commit(&e)) {
        file_.rollback();
        return setError(QStringLiteral("cannot save the note: %1").arg(e));
    }
    if (previous) *previous = before;
    return true;
}

QString TagStore::note(const Target& target) const { return noteState(target).text; }

NoteState TagStore::noteState(const Target& target) const {
    sql::Statement s(file_.db(), "SELECT text, pinned_at FROM notes WHERE target_type = ? AND target_id = ?");
    s.bindText(1, targetTypeName(target.type));
    s.bind(2, target.id);
    NoteState n;
    if (!s.step()) return n;
    n.text = s.text(0);
    if (!s.isNull(1)) n.pinnedAt = s.int64(1);
    return n;
}

std::vector<QString> TagStore::tagsOf(const Target& target) const {
    std::vector<QString> out;
    sql::Statement s(file_.db(), "SELECT t.name FROM tag_assignments a JOIN tags t ON t.id = a.tag_id "
                                 "WHERE a.target_type = ? AND a.target_id = ? ORDER BY t.id");
    s.bindText(1, targetTypeName(target.type));
    s.bind(2, target.id);
    while (s.step()) out.push_back(s.text(0));
    return out;
}

std::vector<int64_t> TagStore::targetsWithTag(const QString& tagName, TargetType type) const {
    std::vector<int64_t> out;
    sql::Statement s(file_.db(), "SELECT a.target_id FROM tag_assignments a JOIN tags t ON t.id = a.tag_id "
                                 "WHERE t.name = ? AND a.target_type = ? ORDER BY a.target_id");
    const QByteArray n = utf8(tagName);
    bindString(s, 1, n);
    s.bindText(2, targetTypeName(type));
    while (s.step()) out.push_back(s.int64(0));
    return out;
}

}  // namespace quarry::evidence
