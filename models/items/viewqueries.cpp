// SPDX-License-Identifier: GPL-3.0-or-later
#include "viewqueries.h"

#include <algorithm>
#include <string>

#include "store/casereads.h"
#include "store/sqlite.h"

namespace quarry::gui {
namespace {

// The FROM/WHERE part selecting a scope's requests as `r`; ?1 is the account or cluster id.
std::string scopeFrom(ViewScope scope) {
    switch (scope) {
        case ViewScope::Account:
            return " FROM requests r WHERE r.account_id = ?1";
        case ViewScope::Cluster:
            return " FROM account_features f JOIN requests r ON r.account_id = f.account_id WHERE "
                   "f.cluster_id = ?1";
        case ViewScope::Case:
            break;
    }
    return " FROM requests r WHERE 1";
}

}  // namespace

TopicTimeGrid topicTimeCounts(sqlite3* db, const TopicTable& topics, ViewScope scope, int64_t id,
                              int64_t bucketMs) {
    // By day: the analysis' day x topic aggregates (milliseconds at any scale). By hour there is
    // no topic aggregate, so the scope's requests are scanned: indexed for an account, a worker's
    // job for a cluster or the whole case.
    if (bucketMs == kDayMs) return fromHeatmapData(topicDayCounts(db, topics, scope, id));
    TopicTimeGrid g;
    g.scope = scope;
    g.scopeId = id;
    g.bucketMs = bucketMs;
    if (topics.topics.empty() || bucketMs <= 0 || !tableExists(db, "request_topics")) return g;
    std::string from = scopeFrom(scope);
    from.replace(from.find(" WHERE "), 7, " JOIN request_topics rt ON rt.id = r.id WHERE ");
    sql::Statement s(db, "SELECT r.ts / ?2, rt.topic_id, count(*)" + from + " GROUP BY 1, 2");
    if (scope != ViewScope::Case) s.bind(1, id);
    s.bind(2, bucketMs);
    struct Cell {
        int64_t bucket, topic, n;
    };
    std::vector<Cell> cells;
    int64_t lo = INT64_MAX, hi = INT64_MIN;
    while (s.step()) {
        const Cell c{s.int64(0), s.int64(1), s.int64(2)};
        lo = std::min(lo, c.bucket);
        hi = std::max(hi, c.bucket);
        cells.push_back(c);
    }
    if (cells.empty()) return g;
    g.firstBucket = lo;
    g.buckets = static_cast<int>(hi - lo + 1);
    g.counts.assign(topics.topics.size() * static_cast<size_t>(g.buckets), 0);
    for (const Cell& c : cells) {
        auto row = topics.rowById.constFind(c.topic);
        if (row == topics.rowById.cend()) continue;
        g.counts[static_cast<size_t>(*row) * static_cast<size_t>(g.buckets) +
                 static_cast<size_t>(c.bucket - lo)] += c.n;
        g.total += c.n;
    }
    return g;
}

TopicTimeGrid fromHeatmapData(const HeatmapData& days) {
    TopicTimeGrid g;
    g.scope = days.scope;
    g.scopeId = days.scopeId;
    g.bucketMs = kDayMs;
    g.firstBucket = days.firstDay;
    g.buckets = days.days;
    g.counts = days.counts;
    g.total = days.total;
    return g;
}

Punchcard hourOfWeekCounts(sqlite3* db, ViewScope scope, int64_t id) {
    Punchcard p;
    p.scope = scope;
    p.scopeId = id;
    if (scope == ViewScope::Cluster && !tableExists(db, "account_features")) return p;
    // Hourly counts fold into the week; they come from the aggregates when the analysis wrote
    // them, so a cluster or the whole case costs thousands of rows, not millions.
    int64_t first = INT64_MAX, last = INT64_MIN;
    const auto add = [&](int64_t hour, int64_t n) {
        first = std::min(first, hour);
        last = std::max(last, hour);
        if (hour < 0) return;  // times before 1970
        p.counts[static_cast<size_t>(weekdayOf(hour * kHourMs) * 24 + hour % 24)] += n;
        p.total += n;
    };
    switch (scope) {
        case ViewScope::Account:
            for (const HourCount& h : accountHourly(db, id, INT64_MIN / 2, INT64_MAX / 2))
                add(h.hour, h.n);
            break;
        case ViewScope::Case:
            for (const HourCount& h : caseHourly(db)) add(h.hour, h.n);
            break;
        case ViewScope::Cluster: {
            // The members' hours folded as they stream: a GROUP BY hour sorted the 2.4 million
            // hourly rows of a 7,000-member cluster first, three times the work of reading them.
            const bool agg = hasAggregates(db);
            sql::Statement s(
                db, agg ? "SELECT h.hour, h.n FROM account_features f JOIN account_hourly h "
                          "ON h.account_id = f.account_id WHERE f.cluster_id = ?1"
                        : "SELECT r.ts / 3600000, count(*) FROM account_features f JOIN requests r "
                          "ON r.account_id = f.account_id WHERE f.cluster_id = ?1 GROUP BY 1");
            s.bind(1, id);
            while (s.step()) add(s.int64(0), s.int64(1));
            break;
        }
    }
    if (first <= last) {
        p.firstTs = first * kHourMs;
        p.lastTs = last * kHourMs + kHourMs - 1;
    }
    return p;
}

int64_t lastOccurrence(const Punchcard& p, int weekday, int hour) {
    if (p.lastTs < p.firstTs) return -1;
    for (int64_t h = p.lastTs / kHourMs; h * kHourMs + kHourMs > p.firstTs; --h) {
        const int64_t from = h * kHourMs;
        if (h % 24 == hour && weekdayOf(from) == weekday) return from;
        if (p.lastTs / kHourMs - h > 24 * 7) break;
    }
    return -1;
}

AccountTopicMatrix clusterTopicMatrix(sqlite3* db, const TopicTable& topics, int64_t cluster,
                                      int cap) {
    AccountTopicMatrix m;
    m.cluster = cluster;
    m.topics = static_cast<int>(topics.topics.size());
    if (!tableExists(db, "account_features") || !tableExists(db, "account_topics")) return m;
    {
        sql::Statement n(db, "SELECT count(*) FROM account_features WHERE cluster_id = ?");
        n.bind(1, cluster);
        m.members = n.step() ? n.int64(0) : 0;
    }
    sql::Statement s(
        db,
        "SELECT f.account_id, a.value, (SELECT coalesce(sum(n), 0) FROM account_topics t "
        "WHERE t.account_id = f.account_id) AS total FROM account_features f "
        "LEFT JOIN accounts a ON a.id = f.account_id WHERE f.cluster_id = ? "
        "ORDER BY total DESC, f.account_id LIMIT ?");
    s.bind(1, cluster);
    s.bind(2, cap);
    while (s.step()) {
        m.accounts.push_back(s.int64(0));
        m.names << (s.isNull(1) ? QString::number(s.int64(0)) : s.text(1));
    }
    m.counts.assign(m.accounts.size() * static_cast<size_t>(m.topics), 0);
    sql::Statement t(db, "SELECT topic_id, n FROM account_topics WHERE account_id = ?");
    for (size_t row = 0; row < m.accounts.size(); ++row) {
        t.reset();
        t.bind(1, m.accounts[row]);
        while (t.step()) {
            auto col = topics.rowById.constFind(t.int64(0));
            if (col == topics.rowById.cend()) continue;
            m.counts[row * static_cast<size_t>(m.topics) + static_cast<size_t>(*col)] += t.int64(1);
        }
    }
    return m;
}

QString accountName(sqlite3* db, int64_t account) {
    const QString name = reads::accountName(db, account);
    return name.isEmpty() ? QString::number(account) : name;
}

}  // namespace quarry::gui
