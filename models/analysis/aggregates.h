// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Pre-computed counts the dashboard draws its overviews from, so that selecting an account, a
// cluster or the whole case reads a few hundred rows instead of scanning millions of requests.
// Analysis writes them in the same transaction as everything else it derives, while the temporal
// pass walks each account's requests in time order (no extra pass over the requests):
//   account_hourly(account_id, hour, n)               requests per account and UTC hour
//   account_day_topics(account_id, day, topic_id, n)  per account, UTC day and topic
//   case_hourly(hour, n)                              the whole case per hour
//   case_day_topics(day, topic_id, n)                 the whole case per day and topic
//   cluster_day_topics(cluster_id, day, topic_id, n)  per cluster (account_features.cluster_id)
//   account_ips(ip_id, account_id), account_user_agents(ua_id, account_id)
//                                                     who sent from which address / client, for
//                                                     the account search (content pass)
// hour = floor(ts / 3600000), day = floor(ts / 86400000), topic_id as in request_topics.

#include <QString>

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "store/sqlite.h"

namespace quarry::aggregates {

// Drops and recreates the aggregate tables (inside the caller's transaction).
bool reset(sqlite3* db, QString* error);

// True when every aggregate table is there and was written by the case's latest analysis run.
// False for cases analysed before the tables existed, or re-analysed since by a build that does
// not write them: readers then fall back to querying requests directly.
bool available(sqlite3* db);

// Distinct (key, account) pairs seen while streaming requests. Appended as they come, sorted and
// deduplicated whenever the list doubles, so memory stays near twice the distinct count; once
// stream() names the table they go to, a full batch is written there instead and memory stays at
// one batch however many pairs the case has (the pairs grow with the requests: issue 15 item 10).
class PairSet {
public:
    explicit PairSet(size_t batch = size_t(1) << 18) : batch_(batch) {}
    // From now on a full batch goes to `insert` (two parameters: key, account; INSERT OR IGNORE,
    // as a pair may come again in a later batch). The table must exist.
    void stream(sqlite3* db, const char* insert);
    bool streaming() const { return db_ != nullptr; }
    void add(int32_t key, int32_t account);
    // Writes the pairs not written yet; false (and *error) when this or an earlier write failed.
    bool flush(QString* error);

private:
    void compact();
    bool write();
    std::vector<uint64_t> pairs_;  // (key << 32 | account)
    size_t compacted_ = 0;
    size_t batch_;
    sqlite3* db_ = nullptr;
    sql::Statement insert_;
    bool failed_ = false;
};

// Inserts every pair of the set with `insert` (INSERT OR IGNORE, two parameters: key, account).
bool writePairs(sqlite3* db, PairSet& set, const char* insert, QString* error);

// account_ips and account_user_agents take their pairs as the content pass streams them.
void streamSearchPairs(sqlite3* db, PairSet& ipAccounts, PairSet& uaAccounts);

// Writes account_ips and account_user_agents (after the content pass).
bool writeSearchPairs(sqlite3* db, PairSet& ipAccounts, PairSet& uaAccounts, QString* error);

class Builder {
public:
    // requestFlags: the content pass's byte per request id, taxonomy index in its low bits
    // (contentpass.h); topicDictIds: taxonomy index -> topics dictionary id. Both must outlive
    // the builder.
    Builder(sqlite3* db, const std::vector<uint8_t>& requestFlags,
            const std::vector<int64_t>& topicDictIds);

    // The requests of one account, in time order, then endAccount(); accounts one after another.
    void add(int64_t requestId, int64_t ts);
    bool endAccount(int64_t account);

    // Writes the case-wide and per-cluster tables. clusterOfAccount: cluster id by account id
    // (negative: none). runStartedAt ties the aggregates to the analysis_runs row of this run.
    bool finish(const std::vector<int32_t>& clusterOfAccount, int64_t runStartedAt, QString* error);

    int64_t rowsWritten() const { return rowsWritten_; }

private:
    struct Cell {  // one (day, topic) count of the current account
        int32_t day;
        uint16_t topic;  // taxonomy index
        uint32_t n;
    };
    void closeHour();
    void closeDay();
    bool fail(QString* error, const char* what);

    sqlite3* db_;
    const std::vector<uint8_t>& requestFlags_;
    const std::vector<int64_t>& topicDictIds_;
    bool ok_ = true;
    int64_t curHour_ = INT64_MIN, hourN_ = 0;
    int64_t curDay_ = INT64_MIN;
    std::vector<uint32_t> dayTopics_;                  // by taxonomy index, for the current day
    std::vector<std::pair<int64_t, uint32_t>> hours_;  // the current account's (hour, n)
    std::vector<Cell> cells_;                          // the current account's cells
    std::unordered_map<int64_t, int64_t> caseHours_;
    sql::Statement insertHour_, insertDayTopic_;
    int64_t rowsWritten_ = 0;
};

}  // namespace quarry::aggregates
