// SPDX-License-Identifier: GPL-3.0-or-later
#include "story.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <climits>
#include <map>
#include <optional>

#include <sqlite3.h>

#include "core/timestamp.h"
#include "store/auditlog.h"
#include "store/casefile.h"
#include "store/casereads.h"
#include "store/sqlite.h"

namespace quarry::evidence {
namespace {

constexpr int kPromptExcerpt = 200;
constexpr int kNamesShown = 10;

void bindUtf8(sql::Statement& s, int i, const QString& v) {
    const QByteArray b = v.toUtf8();
    s.bindTextCopy(i, {b.constData(), size_t(b.size())});
}

int64_t latestRun(sqlite3* db) {
    if (!reads::tableExists(db, "analysis_runs")) return -1;
    return sql::queryInt(db, "SELECT max(id) FROM analysis_runs", -1);
}

// When an account, cluster or request first shows in the logs: the story's clock. An analysed
// account's first request is in its features (first_ts); otherwise one probe of the
// (account_id, ts) index. Cached for the many items naming one subject. A flagged cluster of
// 24,000 accounts made the probes of the 16 million request index cost most of a second at
// open; the features of one cluster are one indexed read.
class Clock {
public:
    explicit Clock(sqlite3* db)
        : db_(db),
          first_(db, "SELECT min(ts) FROM requests WHERE account_id = ?"),
          request_(db, "SELECT ts, account_id FROM requests WHERE id = ?") {
        if (reads::tableExists(db, "account_features")) {
            featureFirst_.emplace(db, "SELECT first_ts FROM account_features WHERE account_id = ?");
            clusterFirst_.emplace(db,
                                  "SELECT min(first_ts), count(*), count(first_ts) FROM "
                                  "account_features WHERE cluster_id = ?");
        }
    }

    int64_t account(int64_t id) {
        auto it = accounts_.find(id);
        if (it != accounts_.end()) return it->second;
        int64_t t = -1;
        if (featureFirst_) {
            featureFirst_->reset();
            featureFirst_->bind(1, id);
            if (featureFirst_->step() && !featureFirst_->isNull(0)) t = featureFirst_->int64(0);
        }
        if (t < 0) {
            first_.reset();
            first_.bind(1, id);
            t = first_.step() && !first_.isNull(0) ? first_.int64(0) : -1;
        }
        accounts_.emplace(id, t);
        return t;
    }
    int64_t accounts(const std::vector<int64_t>& ids) {
        int64_t best = -1;
        for (int64_t id : ids) {
            const int64_t t = account(id);
            if (t >= 0 && (best < 0 || t < best)) best = t;
        }
        return best;
    }
    // A cluster's first request: one read of its members' features when every member has one.
    int64_t cluster(int64_t id) {
        if (clusterFirst_) {
            clusterFirst_->reset();
            clusterFirst_->bind(1, id);
            if (clusterFirst_->step() && clusterFirst_->int64(1) > 0 &&
                clusterFirst_->int64(1) == clusterFirst_->int64(2))
                return clusterFirst_->int64(0);
        }
        return accounts(members(id));
    }
    std::vector<int64_t> members(int64_t cluster) {
        auto it = members_.find(cluster);
        if (it == members_.end())
            it = members_.emplace(cluster, reads::clusterMembers(db_, cluster)).first;
        return it->second;
    }
    // A request's time and account; false when it is not in the case.
    bool request(int64_t id, int64_t* ts, int64_t* account) {
        request_.reset();
        request_.bind(1, id);
        if (!request_.step()) return false;
        *ts = request_.int64(0);
        *account = request_.int64(1);
        return true;
    }

private:
    sqlite3* db_;
    sql::Statement first_, request_;
    std::optional<sql::Statement> featureFirst_, clusterFirst_;
    std::map<int64_t, int64_t> accounts_;
    std::map<int64_t, std::vector<int64_t>> members_;
};

QString accountLabel(sqlite3* db, int64_t id) {
    return QStringLiteral("Account %1").arg(reads::accountName(db, id));
}

void addFindings(sqlite3* db, Clock& clock, std::vector<StoryItem>& out) {
    for (const reads::ClusterRow& c : reads::clusters(db)) {
        if (!c.flagged) continue;
        StoryItem item;
        item.key = QStringLiteral("finding:cluster:%1").arg(c.id);
        item.kind = StoryKind::Finding;
        item.accounts = clock.members(c.id);
        item.time = clock.cluster(c.id);
        item.subject = QStringLiteral("Cluster %1").arg(c.id);
        item.title = QStringLiteral("Cluster %1 flagged: %2 accounts, score %3")
                         .arg(c.id)
                         .arg(c.size)
                         .arg(c.score, 0, 'f', 2);
        item.text = c.reasons.join(QStringLiteral("; "));
        item.target = {TargetType::Cluster, c.id};
        out.push_back(std::move(item));
    }
}

void addTags(sqlite3* db, Clock& clock, std::vector<StoryItem>& out) {
    const int64_t run = latestRun(db);
    // Cluster tags count on the analysis they were made on (a re-analysis renumbers clusters).
    sql::Statement s(db,
                     "SELECT t.name, a.target_type, a.target_id, a.analyst, a.analysis_run "
                     "FROM tag_assignments a JOIN tags t ON t.id = a.tag_id "
                     "ORDER BY t.id, a.target_type, a.target_id");
    // Account tags make one item per tag: a campaign tag may sit on thousands of accounts.
    std::map<QString, StoryItem> accountTags;
    std::map<QString, QStringList> analysts;
    while (s.step()) {
        const QString tag = s.text(0), type = s.text(1), analyst = s.text(3);
        const int64_t id = s.int64(2);
        StoryItem item;
        item.kind = StoryKind::Tag;
        item.analyst = analyst;
        if (type == QLatin1String("account")) {
            StoryItem& group = accountTags[tag];
            group.key = QStringLiteral("tag:%1:accounts").arg(tag);
            group.kind = StoryKind::Tag;
            if (group.accounts.empty()) group.target = {TargetType::Account, id};
            group.accounts.push_back(id);
            if (!analysts[tag].contains(analyst)) analysts[tag] << analyst;
            continue;
        }
        if (type == QLatin1String("cluster")) {
            if (s.isNull(4) || s.int64(4) != run) continue;
            item.key = QStringLiteral("tag:%1:cluster:%2").arg(tag).arg(id);
            item.accounts = clock.members(id);
            item.time = clock.cluster(id);
            item.subject = QStringLiteral("Cluster %1").arg(id);
            item.target = {TargetType::Cluster, id};
        } else {
            int64_t ts = -1, account = -1;
            if (!clock.request(id, &ts, &account)) continue;
            item.key = QStringLiteral("tag:%1:request:%2").arg(tag).arg(id);
            item.time = ts;
            item.accounts = {account};
            item.subject =
                QStringLiteral("Request %1 (%2)").arg(id).arg(reads::accountName(db, account));
            item.target = {TargetType::Request, id};
        }
        item.title = QStringLiteral("%1 tagged %2").arg(item.subject, tag);
        out.push_back(std::move(item));
    }
    for (auto& [tag, group] : accountTags) {
        const int n = static_cast<int>(group.accounts.size());
        QStringList names;
        for (int i = 0; i < std::min(n, kNamesShown); ++i)
            names << reads::accountName(db, group.accounts[static_cast<size_t>(i)]);
        if (n > kNamesShown) names << QStringLiteral("and %1 more").arg(n - kNamesShown);
        group.time = clock.accounts(group.accounts);
        group.subject = n == 1 ? accountLabel(db, group.accounts.front())
                               : QStringLiteral("%1 accounts").arg(n);
        group.title = QStringLiteral("%1 tagged %2").arg(group.subject, tag);
        group.text = names.join(QStringLiteral(", "));
        group.analyst = analysts[tag].join(QStringLiteral(", "));
        out.push_back(std::move(group));
    }
}

void addNotes(sqlite3* db, Clock& clock, std::vector<StoryItem>& out) {
    const int64_t run = latestRun(db);
    sql::Statement s(
        db,
        "SELECT target_type, target_id, text, analyst, pinned_at, analysis_run FROM notes "
        "ORDER BY target_type, target_id");
    while (s.step()) {
        const bool cluster = s.text(0) == QLatin1String("cluster");
        const int64_t id = s.int64(1);
        if (cluster && (s.isNull(5) || s.int64(5) != run)) continue;
        StoryItem item;
        item.kind = StoryKind::Note;
        item.key = QStringLiteral("note:%1:%2").arg(s.text(0)).arg(id);
        item.text = s.text(2);
        item.analyst = s.text(3);
        item.accounts = cluster ? clock.members(id) : std::vector<int64_t>{id};
        item.subject = cluster ? QStringLiteral("Cluster %1").arg(id) : accountLabel(db, id);
        item.time = !s.isNull(4) ? s.int64(4) : clock.accounts(item.accounts);
        item.title = !s.isNull(4) ? QStringLiteral("Note on %1 (pinned)").arg(item.subject)
                                  : QStringLiteral("Note on %1").arg(item.subject);
        item.target = {cluster ? TargetType::Cluster : TargetType::Account, id};
        out.push_back(std::move(item));
    }
}

void addStars(sqlite3* db, std::vector<StoryItem>& out) {
    sql::Statement s(db,
                     "SELECT s.request_id, r.ts, r.account_id, a.value, t.prompt, s.analyst "
                     "FROM stars s JOIN requests r ON r.id = s.request_id "
                     "JOIN accounts a ON a.id = r.account_id "
                     "LEFT JOIN request_text t ON t.id = s.request_id ORDER BY r.ts, s.request_id");
    while (s.step()) {
        StoryItem item;
        item.kind = StoryKind::Star;
        const int64_t id = s.int64(0);
        item.key = QStringLiteral("star:%1").arg(id);
        item.time = s.int64(1);
        item.accounts = {s.int64(2)};
        item.subject = QStringLiteral("Request %1 (%2)").arg(id).arg(s.text(3));
        item.title = QStringLiteral("Starred %1").arg(item.subject);
        const QString prompt = s.text(4);
        item.text = prompt.size() > kPromptExcerpt
                        ? prompt.left(kPromptExcerpt) + QStringLiteral("…")
                        : prompt;
        item.analyst = s.text(5);
        item.target = {TargetType::Request, id};
        out.push_back(std::move(item));
    }
}

// Ends a write begun with beginWrite: the audit entry (when there are details) and the change
// commit together, or neither does.
bool commitAudited(CaseFile& file, const QString& action, const QJsonObject* details,
                   QString* error) {
    QString e;
    if ((details && !appendAudit(file.db(), action, *details, &e)) || !file.commit(&e)) {
        file.rollback();
        if (error) *error = e;
        return false;
    }
    return true;
}

QStringList savedOrder(sqlite3* db) {
    QStringList keys;
    if (!reads::tableExists(db, "story_order")) return keys;
    sql::Statement s(db, "SELECT item FROM story_order ORDER BY position");
    while (s.step()) keys << s.text(0);
    return keys;
}

}  // namespace

const char* storyKindName(StoryKind kind) {
    switch (kind) {
        case StoryKind::Finding:
            return "finding";
        case StoryKind::Tag:
            return "tag";
        case StoryKind::Note:
            return "note";
        case StoryKind::Star:
            return "star";
    }
    return "finding";
}

std::vector<StoryItem> loadStory(sqlite3* db) {
    std::vector<StoryItem> items;
    // A case older than the story's tables is read as it is (read-only connections cannot
    // migrate it): it simply has no stars and no order yet.
    const bool v4 = reads::tableExists(db, "stars");
    Clock clock(db);
    if (reads::hasAnalysis(db)) addFindings(db, clock, items);
    if (reads::tableExists(db, "tag_assignments")) addTags(db, clock, items);
    if (v4) {
        addNotes(db, clock, items);
        addStars(db, items);
    }
    // Time order; what has no time goes last; the key keeps equal times in a fixed order.
    std::stable_sort(items.begin(), items.end(), [](const StoryItem& a, const StoryItem& b) {
        const bool ua = a.time < 0, ub = b.time < 0;
        if (ua != ub) return ub;
        if (a.time != b.time) return a.time < b.time;
        return a.key < b.key;
    });
    const QStringList order = savedOrder(db);
    if (order.isEmpty()) return items;
    std::map<QString, int> position;
    for (int i = 0; i < order.size(); ++i) position.emplace(order[i], i);
    // Ordered items first by their place; the rest keep time order after them.
    std::stable_sort(items.begin(), items.end(), [&](const StoryItem& a, const StoryItem& b) {
        const auto pa = position.find(a.key), pb = position.find(b.key);
        const int ia = pa == position.end() ? INT_MAX : pa->second;
        const int ib = pb == position.end() ? INT_MAX : pb->second;
        return ia < ib;
    });
    return items;
}

bool storyIsManual(sqlite3* db) {
    return !savedOrder(db).isEmpty();
}

std::vector<StoryItem> storyForSelection(sqlite3* db, const std::set<int64_t>& accounts,
                                         const std::set<int64_t>& clusters) {
    std::vector<StoryItem> out;
    for (StoryItem& item : loadStory(db)) {
        const bool cluster =
            item.target.type == TargetType::Cluster && clusters.count(item.target.id);
        const bool account = std::any_of(item.accounts.begin(), item.accounts.end(),
                                         [&](int64_t id) { return accounts.count(id) > 0; });
        if (cluster || account) out.push_back(std::move(item));
    }
    return out;
}

std::vector<BundleStoryRow> bundleStoryRows(const std::vector<StoryItem>& items) {
    std::vector<BundleStoryRow> rows;
    rows.reserve(items.size());
    for (const StoryItem& item : items) {
        BundleStoryRow r;
        r.kind = QLatin1String(storyKindName(item.kind));
        r.time = item.time < 0 ? QString() : QString::fromStdString(formatTimestampMs(item.time));
        r.subject = item.subject;
        r.title = item.title;
        r.text = item.text;
        r.analyst = item.analyst;
        rows.push_back(std::move(r));
    }
    return rows;
}

bool StoryStore::star(const std::vector<int64_t>& requests, bool add, std::vector<int64_t>* changed,
                      QString* error) {
    auto setError = [&](const QString& e) {
        if (error) *error = e;
        return false;
    };
    sqlite3* db = file_.db();
    QString e;
    if (!file_.beginWrite(&e)) return setError(e);
    sql::Statement ins(db,
                       "INSERT OR IGNORE INTO stars(request_id, created_at, analyst) "
                       "SELECT id, ?, ? FROM requests WHERE id = ?");
    sql::Statement del(db, "DELETE FROM stars WHERE request_id = ?");
    const int64_t now = QDateTime::currentMSecsSinceEpoch();
    const QString analyst = currentAnalyst();
    std::vector<int64_t> done;
    QJsonArray list;
    for (int64_t id : requests) {
        sql::Statement& s = add ? ins : del;
        s.reset();
        if (add) {
            s.bind(1, now);
            bindUtf8(s, 2, analyst);
            s.bind(3, id);
        } else {
            s.bind(1, id);
        }
        if (!s.run()) {
            e = s.error();
            file_.rollback();
            return setError(QStringLiteral("cannot %1: %2")
                                .arg(add ? QLatin1String("star") : QLatin1String("unstar"), e));
        }
        if (sqlite3_changes(db) == 0) continue;
        done.push_back(id);
        list.append(static_cast<qint64>(id));
    }
    QJsonObject d;
    d.insert(QStringLiteral("requests"), list);
    if (!commitAudited(file_, add ? QStringLiteral("star") : QStringLiteral("unstar"),
                       done.empty() ? nullptr : &d, error))
        return false;
    if (changed) *changed = std::move(done);
    return true;
}

std::vector<int64_t> StoryStore::starred() const {
    std::vector<int64_t> out;
    sql::Statement s(file_.db(), "SELECT request_id FROM stars ORDER BY request_id");
    while (s.step()) out.push_back(s.int64(0));
    return out;
}

QStringList StoryStore::order() const {
    return savedOrder(file_.db());
}

bool StoryStore::setOrder(const QStringList& keys, QString* error) {
    auto setError = [&](const QString& e) {
        if (error) *error = e;
        return false;
    };
    sqlite3* db = file_.db();
    QString e;
    if (!file_.beginWrite(&e)) return setError(e);
    bool ok = sql::exec(db, "DELETE FROM story_order", &e);
    sql::Statement ins(db, "INSERT OR IGNORE INTO story_order(item, position) VALUES(?, ?)");
    for (int i = 0; ok && i < keys.size(); ++i) {
        ins.reset();
        bindUtf8(ins, 1, keys[i]);
        ins.bind(2, i);
        ok = ins.run();
        if (!ok) e = ins.error();
    }
    if (!ok) file_.rollback();
    QJsonObject d;
    d.insert(QStringLiteral("order"), keys.isEmpty()
                                          ? QJsonValue(QStringLiteral("time"))
                                          : QJsonValue(QJsonArray::fromStringList(keys)));
    if (!ok || !commitAudited(file_, QStringLiteral("story.order"), &d, &e))
        return setError(QStringLiteral("cannot save the story's order: %1").arg(e));
    return true;
}

}  // namespace quarry::evidence
