// SPDX-License-Identifier: GPL-3.0-or-later
#include "casequeries.h"

#include <QCoreApplication>
#include <QDateTime>

#include <algorithm>

#include "analysis/aggregates.h"
#include "store/casefile.h"
#include "store/casereads.h"
#include "store/sqlite.h"

namespace quarry::gui {
bool tableExists(sqlite3* db, const char* name) { return reads::tableExists(db, name); }

namespace {

int64_t floorDiv(int64_t a, int64_t b) { return a >= 0 ? a / b : (a - b + 1) / b; }

std::vector<DayCount> dayCounts(sql::Statement& s) {
    std::vector<DayCount> out;
    while (s.step()) out.push_back({s.int64(0), s.int64(1)});
    return out;
}

std::vector<HourCount> hourCounts(sql::Statement& s) {
    std::vector<HourCount> out;
    while (s.step()) out.push_back({s.int64(0), s.int64(1)});
    return out;
}

// Shapes (day, topic id, n) rows into the topic x day grid; ?1 is bound to id unless scope is Case.
HeatmapData heatmapFrom(sqlite3* db, const char* query, const TopicTable& topics, HeatmapData::Scope scope,
                        int64_t id) {
    HeatmapData h;
    h.scope = scope;
    h.scopeId = id;
    if (topics.topics.empty() || !tableExists(db, "request_topics")) return h;
    struct Cell {
        int64_t day, topic, n;
    };
    std::vector<Cell> cells;
    sql::Statement s(db, query);
    if (scope != HeatmapData::Scope::Case) s.bind(1, id);
    int64_t lo = INT64_MAX, hi = INT64_MIN;
    while (s.step()) {
        Cell c{s.int64(0), s.int64(1), s.int64(2)};
        lo = std::min(lo, c.day);
        hi = std::max(hi, c.day);
        cells.push_back(c);
    }
    if (cells.empty()) return h;
    h.firstDay = lo;
    h.days = static_cast<int>(hi - lo + 1);
    h.counts.assign(topics.topics.size() * static_cast<size_t>(h.days), 0);
    for (const Cell& c : cells) {
        auto row = topics.rowById.constFind(c.topic);
        if (row == topics.rowById.cend()) continue;
        h.counts[static_cast<size_t>(*row) * static_cast<size_t>(h.days) + static_cast<size_t>(c.day - lo)] += c.n;
        h.total += c.n;
    }
    return h;
}

// Account ids from a query whose ?1 is bound to '%needle%', sorted.
std::vector<int64_t> accountsLike(sqlite3* db, const QString& needle, const char* query) {
    std::vector<int64_t> out;
    const QByteArray like = QByteArray("%") + needle.toUtf8() + "%";
    sql::Statement s(db, query);
    s.bindText(1, std::string_view(like.constData(), static_cast<size_t>(like.size())));
    while (s.step()) out.push_back(s.int64(0));
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

std::unique_ptr<CaseFile> openReadOnly(const QString& path, QString* error) {
    return CaseFile::open(path, CaseFile::Access::ReadOnly, error);
}

bool hasAnalysis(sqlite3* db) { return reads::hasAnalysis(db); }

QString topicLabel(const TopicTable& topics, int64_t topicId) {
    const Topic* t = topicId < 0 ? nullptr : topics.find(topicId);
    if (!t) return QCoreApplication::translate("quarry::gui::Topics", "unclassified");
    return t->name.isEmpty() ? t->key : t->name;
}

QStringList topicRowLabels(const TopicTable& topics) {
    QStringList out;
    for (const Topic& t : topics.topics) out << topicLabel(topics, t.id);
    return out;
}

TopicTable loadTopics(sqlite3* db) {
    TopicTable t;
    if (!tableExists(db, "taxonomy")) return t;
    sql::Statement s(db, "SELECT topic_id, key, name, color, high_value FROM taxonomy ORDER BY position");
    while (s.step()) {
        Topic topic;
        topic.id = s.int64(0);
        topic.row = static_cast<int>(t.topics.size());
        topic.key = s.text(1);
        topic.name = s.text(2);
        topic.color = QColor(s.text(3));
        if (!topic.color.isValid()) topic.color = QColor::fromHsv((topic.row * 47) % 360, 160, 200);
        topic.highValue = s.int64(4) != 0;
        t.rowById.insert(topic.id, topic.row);
        t.topics.push_back(topic);
    }
    return t;
}

std::vector<AccountRecord> loadAccounts(sqlite3* db) {
    std::vector<AccountRecord> out;
    const bool analysed = hasAnalysis(db);
    out.reserve(static_cast<size_t>(sql::queryInt(db, "SELECT count(*) FROM accounts")));
    if (analysed) {
        sql::Statement s(
            db,
            "SELECT a.id, a.value, f.score, f.cluster_id, f.flagged, f.top_topic_id, f.requests, "
            "f.cot_share, f.quiet_share, f.first_ts, f.last_ts "
            "FROM account_features f JOIN accounts a ON a.id = f.account_id");
        while (s.step()) {
            AccountRecord r;
            r.id = s.int64(0);
            r.name = s.text(1);
            r.score = s.real(2);
            r.cluster = s.isNull(3) ? -1 : s.int64(3);
            r.flagged = s.int64(4) != 0;
            r.topTopic = s.isNull(5) ? -1 : s.int64(5);
            r.requests = s.int64(6);
            r.cotShare = s.real(7);
            r.quietShare = s.real(8);
            r.firstTs = s.int64(9);
            r.lastTs = s.int64(10);
            out.push_back(std::move(r));
        }
        return out;
    }
    // Not analysed yet: names and volumes straight from the index (one pass over it).
    sql::Statement s(db,
                     "SELECT a.id, a.value, count(r.account_id), min(r.ts), max(r.ts) FROM accounts a "
                     "LEFT JOIN requests r ON r.account_id = a.id GROUP BY a.id");
    while (s.step()) {
        AccountRecord r;
        r.id = s.int64(0);
        r.name = s.text(1);
        r.requests = s.int64(2);
        r.firstTs = s.int64(3);
        r.lastTs = s.int64(4);
        out.push_back(std::move(r));
    }
    return out;
}

// A case not analysed yet has no account_features: the statement fails to prepare and steps to
// nothing, so neither read asks sqlite_schema first (the table calls this per row drawn).
QByteArray accountReasons(sqlite3* db, int64_t account) {
    sql::Statement s(db, "SELECT reasons FROM account_features WHERE account_id = ?");
    s.bind(1, account);
    if (!s.step()) return {};
    const std::string_view json = s.textView(0);
    return QByteArray(json.data(), static_cast<qsizetype>(json.size()));
}

QHash<int64_t, QByteArray> allAccountReasons(sqlite3* db) {
    QHash<int64_t, QByteArray> out;
    sql::Statement s(db, "SELECT account_id, reasons FROM account_features");
    while (s.step()) {
        const std::string_view json = s.textView(1);
        out.insert(s.int64(0), QByteArray(json.data(), static_cast<qsizetype>(json.size())));
    }
    return out;
}

std::vector<ClusterRecord> loadClusters(sqlite3* db) { return reads::clusters(db); }

std::vector<int64_t> clusterMembers(sqlite3* db, int64_t cluster) { return reads::clusterMembers(db, cluster); }

std::vector<DayCount> accountDaily(sqlite3* db, int64_t account) {
    // account_daily predates the other aggregates: every analysed case has it.
    if (!tableExists(db, "account_daily")) return rawscan::accountDaily(db, account);
    sql::Statement s(db, "SELECT day, n FROM account_daily WHERE account_id = ? ORDER BY day");
    s.bind(1, account);
    return dayCounts(s);
}

std::vector<HourCount> accountHourly(sqlite3* db, int64_t account, int64_t fromMs, int64_t toMs) {
    if (!hasAggregates(db)) return rawscan::accountHourly(db, account, fromMs, toMs);
    sql::Statement s(db, "SELECT hour, n FROM account_hourly WHERE account_id = ? AND hour BETWEEN ? AND ? "
                         "ORDER BY hour");
    s.bind(1, account);
    s.bind(2, floorDiv(fromMs, kHourMs));
    s.bind(3, floorDiv(toMs, kHourMs));
    return hourCounts(s);
}

std::vector<HourCount> caseHourly(sqlite3* db) {
    if (!hasAggregates(db)) return rawscan::caseHourly(db);
    sql::Statement s(db, "SELECT hour, n FROM case_hourly ORDER BY hour");
    return hourCounts(s);
}

bool hasAggregates(sqlite3* db) { return aggregates::available(db); }

std::vector<RequestPoint> accountRequests(sqlite3* db, int64_t account, int64_t fromMs, int64_t toMs,
                                          int64_t limit, bool* truncated) {
    std::vector<RequestPoint> out;
    const bool topics = tableExists(db, "request_topics");
    sql::Statement s(db, topics ? "SELECT r.id, r.ts, rt.topic_id FROM requests r LEFT JOIN request_topics rt "
                                  "ON rt.id = r.id WHERE r.account_id = ? AND r.ts BETWEEN ? AND ? "
                                  "ORDER BY r.ts LIMIT ?"
                                : "SELECT r.id, r.ts, r.topic_id FROM requests r WHERE r.account_id = ? "
                                  "AND r.ts BETWEEN ? AND ? ORDER BY r.ts LIMIT ?");
    s.bind(1, account);
    s.bind(2, fromMs);
    s.bind(3, toMs);
    s.bind(4, limit + 1);
    while (s.step()) out.push_back({s.int64(0), s.int64(1), s.isNull(2) ? -1 : s.int64(2)});
    const bool more = static_cast<int64_t>(out.size()) > limit;
    if (more) out.pop_back();
    if (truncated) *truncated = more;
    return out;
}

int64_t countAccountRequests(sqlite3* db, int64_t account, int64_t fromMs, int64_t toMs, int64_t topic) {
    sql::Statement s(db, topic < 0 ? "SELECT count(*) FROM requests WHERE account_id = ?1 AND ts BETWEEN ?2 AND ?3"
                                   : "SELECT count(*) FROM requests r JOIN request_topics rt ON rt.id = r.id "
                                     "WHERE r.account_id = ?1 AND r.ts BETWEEN ?2 AND ?3 AND rt.topic_id = ?4");
    s.bind(1, account);
    s.bind(2, fromMs);
    s.bind(3, toMs);
    if (topic >= 0) s.bind(4, topic);
    return s.step() ? s.int64(0) : 0;
}

RequestDetail requestDetail(sqlite3* db, int64_t requestId, int previewChars) {
    RequestDetail d;
    const bool topics = tableExists(db, "request_topics");
    sql::Statement s(db, std::string("SELECT r.id, r.ts, r.prompt_tokens, r.completion_tokens, m.value, i.value, "
                                     "u.value, substr(t.prompt, 1, ?2), ") +
                             (topics ? "rt.topic_id, rt.cot " : "r.topic_id, 0 ") +
                             "FROM requests r LEFT JOIN models m ON m.id = r.model_id "
                             "LEFT JOIN ips i ON i.id = r.ip_id LEFT JOIN user_agents u ON u.id = r.ua_id "
                             "LEFT JOIN request_text t ON t.id = r.id " +
                             (topics ? "LEFT JOIN request_topics rt ON rt.id = r.id " : "") + "WHERE r.id = ?1");
    s.bind(1, requestId);
    s.bind(2, previewChars);
    if (!s.step()) return d;
    d.found = true;
    d.id = s.int64(0);
    d.ts = s.int64(1);
    d.promptTokens = s.isNull(2) ? -1 : s.int64(2);
    d.completionTokens = s.isNull(3) ? -1 : s.int64(3);
    d.model = s.text(4);
    d.ip = s.text(5);
    d.userAgent = s.text(6);
    d.prompt = s.text(7);
    d.topic = s.isNull(8) ? -1 : s.int64(8);
    d.cot = s.int64(9) != 0;
    return d;
}

HeatmapData topicDayCounts(sqlite3* db, const TopicTable& topics, HeatmapData::Scope scope, int64_t id) {
    if (!hasAggregates(db)) return rawscan::topicDayCounts(db, topics, scope, id);
    const char* q = nullptr;
    switch (scope) {
    case HeatmapData::Scope::Account:
        q = "SELECT day, topic_id, n FROM account_day_topics WHERE account_id = ?1";
        break;
    case HeatmapData::Scope::Cluster:
        q = "SELECT day, topic_id, n FROM cluster_day_topics WHERE cluster_id = ?1";
        break;
    case HeatmapData::Scope::Case: q = "SELECT day, topic_id, n FROM case_day_topics"; break;
    }
    return heatmapFrom(db, q, topics, scope, id);
}

namespace rawscan {

std::vector<DayCount> accountDaily(sqlite3* db, int64_t account) {
    sql::Statement s(db, "SELECT ts / 86400000, count(*) FROM requests WHERE account_id = ? GROUP BY 1 ORDER BY 1");
    s.bind(1, account);
    return dayCounts(s);
}

std::vector<HourCount> accountHourly(sqlite3* db, int64_t account, int64_t fromMs, int64_t toMs) {
    // Whole hours, as account_hourly has them: from the start of fromMs's hour to the end of toMs's.
    const int64_t lastHour = floorDiv(toMs, kHourMs);
    sql::Statement s(db, "SELECT ts / 3600000, count(*) FROM requests WHERE account_id = ? AND ts BETWEEN ? AND ? "
                         "GROUP BY 1 ORDER BY 1");
    s.bind(1, account);
    s.bind(2, floorDiv(fromMs, kHourMs) * kHourMs);
    s.bind(3, lastHour >= INT64_MAX / kHourMs - 1 ? INT64_MAX : (lastHour + 1) * kHourMs - 1);
    return hourCounts(s);
}

std::vector<HourCount> caseHourly(sqlite3* db) {
    sql::Statement s(db, "SELECT ts / 3600000, count(*) FROM requests GROUP BY 1 ORDER BY 1");
    return hourCounts(s);
}

HeatmapData topicDayCounts(sqlite3* db, const TopicTable& topics, HeatmapData::Scope scope, int64_t id) {
    const char* q = nullptr;
    switch (scope) {
    case HeatmapData::Scope::Account:
        q = "SELECT r.ts / 86400000 AS day, rt.topic_id, count(*) FROM requests r "
            "JOIN request_topics rt ON rt.id = r.id WHERE r.account_id = ?1 GROUP BY 1, 2";
        break;
    case HeatmapData::Scope::Cluster:
        q = "SELECT r.ts / 86400000 AS day, rt.topic_id, count(*) FROM account_features f "
            "JOIN requests r ON r.account_id = f.account_id JOIN request_topics rt ON rt.id = r.id "
            "WHERE f.cluster_id = ?1 GROUP BY 1, 2";
        break;
    case HeatmapData::Scope::Case:
        q = "SELECT r.ts / 86400000 AS day, rt.topic_id, count(*) FROM requests r "
            "JOIN request_topics rt ON rt.id = r.id GROUP BY 1, 2";
        break;
    }
    return heatmapFrom(db, q, topics, scope, id);
}

}  // namespace rawscan

std::vector<int64_t> accountsByIpOrAgent(sqlite3* db, const QString& needle) {
    if (!hasAggregates(db)) return rawscan::accountsByIpOrAgent(db, needle);
    return accountsLike(db, needle,
                        "SELECT account_id FROM account_ips WHERE ip_id IN (SELECT id FROM ips WHERE value LIKE ?1) "
                        "UNION SELECT account_id FROM account_user_agents WHERE "
                        "ua_id IN (SELECT id FROM user_agents WHERE value LIKE ?1)");
}

std::vector<int64_t> rawscan::accountsByIpOrAgent(sqlite3* db, const QString& needle) {
    return accountsLike(db, needle,
                        "SELECT DISTINCT account_id FROM requests WHERE "
                        "ip_id IN (SELECT id FROM ips WHERE value LIKE ?1) OR "
                        "ua_id IN (SELECT id FROM user_agents WHERE value LIKE ?1)");
}

int64_t accountIdByName(sqlite3* db, const QString& name) { return reads::accountId(db, name).value_or(-1); }

QString formatUtc(int64_t ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

}  // namespace quarry::gui
