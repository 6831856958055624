// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The small, indexed reads the dashboard draws from. Each function takes the sqlite3 handle of
// the calling thread's own connection (one connection per thread): the GUI thread keeps one for
// per-account slices, workers open their own for whole-table loads and case-wide aggregates.

#include <QColor>
#include <QHash>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <vector>

#include "store/casereads.h"

struct sqlite3;

namespace quarry {
class CaseFile;
}

namespace quarry::gui {

inline constexpr int64_t kDayMs = 86400000;

// Opens a case read-only for one thread; nullptr (and *error) when it cannot.
std::unique_ptr<CaseFile> openReadOnly(const QString& path, QString* error = nullptr);

struct Topic {
    int64_t id = -1;  // taxonomy.topic_id (the topics dictionary id)
    int row = 0;      // position in the taxonomy: the heatmap / lane row
    QString key, name;
    QColor color;
    bool highValue = false;
};

struct TopicTable {
    std::vector<Topic> topics;  // by position
    QHash<int64_t, int> rowById;
    const Topic* find(int64_t id) const {
        auto it = rowById.constFind(id);
        return it == rowById.cend() ? nullptr : &topics[static_cast<size_t>(*it)];
    }
};
TopicTable loadTopics(sqlite3* db);
// The one name a topic goes by on every view (timeline lanes, heatmaps, the topic matrix): its
// taxonomy name, else its key; "unclassified" for requests without a topic (id < 0 or unknown).
QString topicLabel(const TopicTable& topics, int64_t topicId);
// The labels of a topic axis, by row (taxonomy position).
QStringList topicRowLabels(const TopicTable& topics);
bool hasAnalysis(sqlite3* db);
// Whether the case has this table (analysis tables appear with the first analyze).
bool tableExists(sqlite3* db, const char* name);

struct AccountRecord {
    int64_t id = 0;
    QString name;
    double score = 0;
    int64_t cluster = -1;
    bool flagged = false;
    int64_t topTopic = -1;
    int64_t requests = 0;
    double cotShare = 0, quietShare = 0;
    int64_t firstTs = 0, lastTs = 0;
    // No reasons here: 84,000 of them (24 MB at 16 million requests) were most of the time to
    // open a case, for the few rows on screen. The table reads them per row (accountReasons).
};
// Every account: with its features after analysis, otherwise names and request counts only.
std::vector<AccountRecord> loadAccounts(sqlite3* db);
// An account's reasons as analysis stored them (a JSON array; reasonlist.h joins it); empty
// when the case is not analysed or the account has none.
QByteArray accountReasons(sqlite3* db, int64_t account);
// Every analysed account's stored reasons, for sorting the table by them.
QHash<int64_t, QByteArray> allAccountReasons(sqlite3* db);

// The cluster rows the CLI and bundles show too, in the same order (store/casereads.h).
using ClusterRecord = reads::ClusterRow;
std::vector<ClusterRecord> loadClusters(sqlite3* db);
std::vector<int64_t> clusterMembers(sqlite3* db, int64_t cluster);

struct DayCount {
    int64_t day = 0;  // floor(ts_ms / kDayMs)
    int64_t n = 0;
};
std::vector<DayCount> accountDaily(sqlite3* db, int64_t account);

inline constexpr int64_t kHourMs = 3600000;
struct HourCount {
    int64_t hour = 0;  // floor(ts_ms / kHourMs)
    int64_t n = 0;
};
// The account's requests per hour, for every hour that overlaps [fromMs, toMs] and has requests.
std::vector<HourCount> accountHourly(sqlite3* db, int64_t account, int64_t fromMs, int64_t toMs);
// The whole case per hour (hours with requests only).
std::vector<HourCount> caseHourly(sqlite3* db);
// True when the overviews come from the aggregate tables analysis writes (models/analysis/
// aggregates.h); false for a case analysed before they existed, which is then scanned instead.
bool hasAggregates(sqlite3* db);

struct RequestPoint {
    int64_t id = 0;
    int64_t ts = 0;
    int64_t topic = -1;
};
// The account's requests with fromMs <= ts <= toMs, by time, through the (account_id, ts) index.
// At most `limit` rows; *truncated tells whether there were more.
std::vector<RequestPoint> accountRequests(sqlite3* db, int64_t account, int64_t fromMs, int64_t toMs,
                                          int64_t limit, bool* truncated = nullptr);
int64_t countAccountRequests(sqlite3* db, int64_t account, int64_t fromMs, int64_t toMs,
                             int64_t topic = -1);

struct RequestDetail {
    bool found = false;
    int64_t id = 0, ts = 0, promptTokens = -1, completionTokens = -1;
    int64_t topic = -1;
    bool cot = false;
    QString model, ip, userAgent, prompt;
};
RequestDetail requestDetail(sqlite3* db, int64_t requestId, int previewChars = 280);

// topic x day counts. Scope: one account, one cluster's members, or the whole case.
struct HeatmapData {
    enum class Scope { Account, Cluster, Case };
    Scope scope = Scope::Case;
    int64_t scopeId = -1;
    int64_t firstDay = 0;
    int days = 0;
    std::vector<int64_t> counts;  // [row * days + (day - firstDay)], rows as in TopicTable
    int64_t total = 0;
    int64_t at(int row, int64_t day) const {
        return counts[static_cast<size_t>(row) * static_cast<size_t>(days) + static_cast<size_t>(day - firstDay)];
    }
};
// From the aggregate tables when the case has them (a few hundred rows), else from requests.
HeatmapData topicDayCounts(sqlite3* db, const TopicTable& topics, HeatmapData::Scope scope, int64_t id);

// The same answers computed from requests and request_topics alone: what a case analysed before
// the aggregates existed gets. Public so tests can compare both and the latency bench can time
// the scan the aggregates replace.
namespace rawscan {
std::vector<DayCount> accountDaily(sqlite3* db, int64_t account);
std::vector<HourCount> accountHourly(sqlite3* db, int64_t account, int64_t fromMs, int64_t toMs);
std::vector<HourCount> caseHourly(sqlite3* db);
HeatmapData topicDayCounts(sqlite3* db, const TopicTable& topics, HeatmapData::Scope scope, int64_t id);
std::vector<int64_t> accountsByIpOrAgent(sqlite3* db, const QString& needle);
}  // namespace rawscan

// Accounts that sent from an IP or with a user agent containing `needle`: from account_ips /
// account_user_agents when the case has aggregates, else a scan of every request (run it off
// the GUI thread).
std::vector<int64_t> accountsByIpOrAgent(sqlite3* db, const QString& needle);
int64_t accountIdByName(sqlite3* db, const QString& name);

QString formatUtc(int64_t ms);

}  // namespace quarry::gui
