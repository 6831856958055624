// SPDX-License-Identifier: GPL-3.0-or-later
#include "cellqueries.h"

#include <algorithm>

#include "store/sqlite.h"

namespace quarry::gui {
namespace {

std::vector<int64_t> ids(sql::Statement& s) {
    std::vector<int64_t> out;
    while (s.step()) out.push_back(s.int64(0));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

// The accounts that may hold a request in [fromMs, toMs): the case's accounts active in those
// hours (the hourly aggregate, or one scan of the requests in a case not analysed yet).
std::vector<int64_t> caseCandidates(sqlite3* db, int64_t fromMs, int64_t toMs) {
    if (hasAggregates(db)) {
        sql::Statement s(db,
                         "SELECT DISTINCT account_id FROM account_hourly WHERE hour BETWEEN ?1 "
                         "AND ?2");
        s.bind(1, fromMs / kHourMs);
        s.bind(2, (toMs - 1) / kHourMs);
        return ids(s);
    }
    sql::Statement s(db, "SELECT DISTINCT account_id FROM requests WHERE ts >= ?1 AND ts < ?2");
    s.bind(1, fromMs);
    s.bind(2, toMs);
    return ids(s);
}

}  // namespace

std::vector<int64_t> accountsInSpan(sqlite3* db, ViewScope scope, int64_t scopeId, int64_t fromMs,
                                    int64_t toMs, int64_t topicId) {
    if (toMs <= fromMs) return {};
    if (topicId >= 0 && !tableExists(db, "request_topics")) return {};
    std::vector<int64_t> candidates;
    switch (scope) {
        case ViewScope::Account:
            candidates = {scopeId};
            break;
        case ViewScope::Cluster:
            candidates = clusterMembers(db, scopeId);
            break;
        case ViewScope::Case:
            candidates = caseCandidates(db, fromMs, toMs);
            break;
    }
    // One probe of the (account_id, ts) index per candidate; the topic as the heatmap counts it
    // (request_topics, what the analysis labelled).
    sql::Statement s(db, topicId >= 0
                             ? "SELECT 1 FROM requests r JOIN request_topics t ON t.id = r.id "
                               "WHERE r.account_id = ?1 AND r.ts >= ?2 AND r.ts < ?3 AND "
                               "t.topic_id = ?4 LIMIT 1"
                             : "SELECT 1 FROM requests r WHERE r.account_id = ?1 AND r.ts >= ?2 "
                               "AND r.ts < ?3 LIMIT 1");
    std::vector<int64_t> out;
    for (int64_t account : candidates) {
        s.bind(1, account);
        s.bind(2, fromMs);
        s.bind(3, toMs);
        if (topicId >= 0) s.bind(4, topicId);
        if (s.step()) out.push_back(account);
        s.reset();
    }
    return out;
}

std::vector<int64_t> accountsAtHourOfWeek(sqlite3* db, ViewScope scope, int64_t scopeId,
                                          int weekday, int hour) {
    const bool cluster = scope == ViewScope::Cluster;
    if (cluster && !tableExists(db, "account_features")) return {};
    // hour / 24 counts days since 1970-01-01, a Thursday: weekdayOf() in SQL. Hours before 1970
    // are left out, as the punchcard leaves them out.
    const std::string hours = hasAggregates(db)
                                  ? "SELECT h.account_id, h.hour FROM account_hourly h"
                                  : "SELECT h.account_id, h.ts / 3600000 AS hour FROM requests h";
    std::string sql = "SELECT DISTINCT account_id FROM (" + hours +
                      (cluster ? " JOIN account_features f ON f.account_id = h.account_id WHERE "
                                 "f.cluster_id = ?3"
                               : "") +
                      ") WHERE hour >= 0 AND hour % 24 = ?1 AND (hour / 24 + 3) % 7 = ?2";
    sql::Statement s(db, sql);
    s.bind(1, hour);
    s.bind(2, weekday);
    if (cluster) s.bind(3, scopeId);
    return ids(s);
}

std::vector<int64_t> clusterMembersOnTopic(sqlite3* db, int64_t cluster, int64_t topicId) {
    if (!tableExists(db, "account_features") || !tableExists(db, "account_topics")) return {};
    sql::Statement s(db,
                     "SELECT t.account_id FROM account_features f JOIN account_topics t ON "
                     "t.account_id = f.account_id WHERE f.cluster_id = ?1 AND t.topic_id = ?2 AND "
                     "t.n > 0");
    s.bind(1, cluster);
    s.bind(2, topicId);
    return ids(s);
}

}  // namespace quarry::gui
