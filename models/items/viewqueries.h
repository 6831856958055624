// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The reads behind the dashboard views (topic x time grids, the hour-of-week punchcard, the
// cluster's accounts x topics matrix, the case's requests per hour). Each view reads through
// exactly one function here, so a faster source (pre-aggregated tables) only changes that
// function. Most of them scan requests: call them on a worker thread with its own connection.

#include <QString>
#include <QStringList>

#include <array>
#include <cstdint>
#include <vector>

#include "casequeries.h"

struct sqlite3;

namespace quarry::gui {

using ViewScope = HeatmapData::Scope;

// topic x time-bucket counts for one account, one cluster's members or the whole case.
struct TopicTimeGrid {
    ViewScope scope = ViewScope::Case;
    int64_t scopeId = -1;
    int64_t bucketMs = kDayMs;  // kDayMs or kHourMs
    int64_t firstBucket = 0;    // floor(ts / bucketMs)
    int buckets = 0;
    std::vector<int64_t> counts;  // [row * buckets + (bucket - firstBucket)], rows as in TopicTable
    int64_t total = 0;
    int64_t at(int row, int64_t bucket) const {
        return counts[static_cast<size_t>(row) * static_cast<size_t>(buckets) +
                      static_cast<size_t>(bucket - firstBucket)];
    }
};
TopicTimeGrid topicTimeCounts(sqlite3* db, const TopicTable& topics, ViewScope scope, int64_t id,
                              int64_t bucketMs);
TopicTimeGrid fromHeatmapData(const HeatmapData& days);

// Requests by UTC weekday (0 = Monday) and hour.
struct Punchcard {
    ViewScope scope = ViewScope::Case;
    int64_t scopeId = -1;
    std::array<int64_t, 7 * 24> counts{};  // [weekday * 24 + hour]
    int64_t total = 0;
    int64_t firstTs = 0, lastTs = -1;  // the scope's span
    int64_t at(int weekday, int hour) const {
        return counts[static_cast<size_t>(weekday * 24 + hour)];
    }
};
Punchcard hourOfWeekCounts(sqlite3* db, ViewScope scope, int64_t id);
// UTC weekday of a time, 0 = Monday (1970-01-01 was a Thursday).
inline int weekdayOf(int64_t ms) {
    return static_cast<int>((ms / kDayMs + 3) % 7);
}
// The hour [from, from + kHourMs) of the last `weekday` `hour` at or before lastTs; -1 if none
// falls inside [firstTs, lastTs].
int64_t lastOccurrence(const Punchcard& p, int weekday, int hour);

// A cluster's members (the `cap` with most requests, most first) x topics.
struct AccountTopicMatrix {
    int64_t cluster = -1;
    int64_t members = 0;  // all members, shown or not
    std::vector<int64_t> accounts;
    QStringList names;
    std::vector<int64_t> counts;  // [accountRow * topics + topicRow]
    int topics = 0;
    int64_t at(int accountRow, int topicRow) const {
        return counts[static_cast<size_t>(accountRow) * static_cast<size_t>(topics) +
                      static_cast<size_t>(topicRow)];
    }
};
AccountTopicMatrix clusterTopicMatrix(sqlite3* db, const TopicTable& topics, int64_t cluster,
                                      int cap);

QString accountName(sqlite3* db, int64_t account);

}  // namespace quarry::gui
