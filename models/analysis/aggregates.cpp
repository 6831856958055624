// SPDX-License-Identifier: GPL-3.0-or-later
#include "aggregates.h"

#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "contentpass.h"

namespace quarry::aggregates {
namespace {

constexpr int64_t kHourMs = 3600000;
constexpr int64_t kDayMs = 86400000;

int64_t floorDiv(int64_t a, int64_t b) {
    return a >= 0 ? a / b : (a - b + 1) / b;
}

// aggregates_run names the analysis run the tables belong to (see available()).
const char kDropAndCreate[] = R"sql(
DROP TABLE IF EXISTS aggregates_run;
DROP TABLE IF EXISTS account_hourly;
DROP TABLE IF EXISTS account_day_topics;
DROP TABLE IF EXISTS case_hourly;
DROP TABLE IF EXISTS case_day_topics;
DROP TABLE IF EXISTS cluster_day_topics;
DROP TABLE IF EXISTS account_ips;
DROP TABLE IF EXISTS account_user_agents;
CREATE TABLE aggregates_run(started_at INTEGER NOT NULL);
CREATE TABLE account_hourly(account_id INTEGER, hour INTEGER, n INTEGER,
                            PRIMARY KEY(account_id, hour)) WITHOUT ROWID;
CREATE TABLE account_day_topics(account_id INTEGER, day INTEGER, topic_id INTEGER, n INTEGER,
                                PRIMARY KEY(account_id, day, topic_id)) WITHOUT ROWID;
CREATE TABLE case_hourly(hour INTEGER PRIMARY KEY, n INTEGER);
CREATE TABLE case_day_topics(day INTEGER, topic_id INTEGER, n INTEGER,
                             PRIMARY KEY(day, topic_id)) WITHOUT ROWID;
CREATE TABLE cluster_day_topics(cluster_id INTEGER, day INTEGER, topic_id INTEGER, n INTEGER,
                                PRIMARY KEY(cluster_id, day, topic_id)) WITHOUT ROWID;
CREATE TABLE account_ips(ip_id INTEGER, account_id INTEGER, PRIMARY KEY(ip_id, account_id)) WITHOUT ROWID;
CREATE TABLE account_user_agents(ua_id INTEGER, account_id INTEGER,
                                 PRIMARY KEY(ua_id, account_id)) WITHOUT ROWID;
)sql";

}  // namespace

bool reset(sqlite3* db, QString* error) {
    return sql::exec(db, kDropAndCreate, error);
}

bool available(sqlite3* db) {
    sql::Statement tables(
        db,
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('aggregates_run', "
        "'account_hourly', 'account_day_topics', 'case_hourly', 'case_day_topics', "
        "'cluster_day_topics', 'account_ips', 'account_user_agents', 'analysis_runs')");
    if (!tables.step() || tables.int64(0) != 9) return false;
    // An older build re-analysing the case replaces analysis_runs but leaves these tables alone.
    sql::Statement run(db,
                       "SELECT count(*) FROM aggregates_run a "
                       "WHERE a.started_at = (SELECT max(started_at) FROM analysis_runs)");
    return run.step() && run.int64(0) > 0;
}

const char kInsertIp[] = "INSERT OR IGNORE INTO account_ips(ip_id, account_id) VALUES(?,?)";
const char kInsertUa[] = "INSERT OR IGNORE INTO account_user_agents(ua_id, account_id) VALUES(?,?)";

void PairSet::stream(sqlite3* db, const char* insert) {
    db_ = db;
    insert_ = sql::Statement(db, insert);
    failed_ = failed_ || !insert_.valid();
}

void PairSet::add(int32_t key, int32_t account) {
    pairs_.push_back(static_cast<uint64_t>(static_cast<uint32_t>(key)) << 32 |
                     static_cast<uint32_t>(account));
    if (db_) {
        // Streaming: one batch at most, reserved once so it never doubles past it.
        if (pairs_.capacity() < batch_) pairs_.reserve(batch_);
        if (pairs_.size() >= batch_) failed_ = !write() || failed_;
    } else if (pairs_.size() >= std::max(batch_, 2 * compacted_)) {
        compact();
    }
}

void PairSet::compact() {
    std::sort(pairs_.begin(), pairs_.end());
    pairs_.erase(std::unique(pairs_.begin(), pairs_.end()), pairs_.end());
    compacted_ = pairs_.size();
}

bool PairSet::write() {
    // Sorted, so each batch goes into the table's B-tree in key order.
    compact();
    bool ok = !failed_;
    for (uint64_t p : pairs_) {
        if (!ok) break;
        insert_.bind(1, static_cast<int64_t>(p >> 32));
        insert_.bind(2, static_cast<int64_t>(p & 0xFFFFFFFFu));
        ok = insert_.run();
    }
    pairs_.clear();
    compacted_ = 0;
    return ok;
}

bool PairSet::flush(QString* error) {
    if (write() && !failed_) return true;
    failed_ = true;
    if (error) *error = QStringLiteral("write account search pairs: %1").arg(sql::lastError(db_));
    return false;
}

bool writePairs(sqlite3* db, PairSet& set, const char* insert, QString* error) {
    if (!set.streaming()) set.stream(db, insert);
    return set.flush(error);
}

void streamSearchPairs(sqlite3* db, PairSet& ipAccounts, PairSet& uaAccounts) {
    ipAccounts.stream(db, kInsertIp);
    uaAccounts.stream(db, kInsertUa);
}

bool writeSearchPairs(sqlite3* db, PairSet& ipAccounts, PairSet& uaAccounts, QString* error) {
    return writePairs(db, ipAccounts, kInsertIp, error) &&
           writePairs(db, uaAccounts, kInsertUa, error);
}

Builder::Builder(sqlite3* db, const std::vector<uint8_t>& requestFlags,
                 const std::vector<int64_t>& topicDictIds)
    : db_(db),
      requestFlags_(requestFlags),
      topicDictIds_(topicDictIds),
      dayTopics_(topicDictIds.size(), 0),
      insertHour_(db, "INSERT INTO account_hourly(account_id, hour, n) VALUES(?,?,?)"),
      insertDayTopic_(
          db, "INSERT INTO account_day_topics(account_id, day, topic_id, n) VALUES(?,?,?,?)") {
    ok_ = insertHour_.valid() && insertDayTopic_.valid();
}

void Builder::closeHour() {
    if (hourN_ > 0) hours_.emplace_back(curHour_, static_cast<uint32_t>(hourN_));
    hourN_ = 0;
}

void Builder::closeDay() {
    for (size_t t = 0; t < dayTopics_.size(); ++t)
        if (dayTopics_[t]) {
            cells_.push_back({static_cast<int32_t>(curDay_), static_cast<uint16_t>(t), dayTopics_[t]});
            dayTopics_[t] = 0;
        }
}

void Builder::add(int64_t requestId, int64_t ts) {
    const int64_t hour = floorDiv(ts, kHourMs);
    if (hour != curHour_) {
        closeHour();
        curHour_ = hour;
    }
    ++hourN_;
    // Requests the content pass did not label have no request_topics row either: the topic
    // tables leave them out, as a join on request_topics would.
    if (requestId < 0 || static_cast<size_t>(requestId) >= requestFlags_.size()) return;
    const auto topic =
        static_cast<size_t>(requestTopic(requestFlags_[static_cast<size_t>(requestId)]));
    if (topic >= dayTopics_.size()) return;
    const int64_t day = floorDiv(ts, kDayMs);
    if (day != curDay_) {
        closeDay();
        curDay_ = day;
    }
    ++dayTopics_[topic];
}

bool Builder::endAccount(int64_t account) {
    closeHour();
    closeDay();
    curHour_ = curDay_ = INT64_MIN;
    for (const auto& [hour, n] : hours_) {
        caseHours_[hour] += n;
        insertHour_.bind(1, account);
        insertHour_.bind(2, hour);
        insertHour_.bind(3, n);
        ok_ = ok_ && insertHour_.run();
    }
    rowsWritten_ += static_cast<int64_t>(hours_.size());
    hours_.clear();
    // A day's topics come out in index order, not dictionary-id order; sort so the rows go in
    // primary-key order (appends to the B-tree).
    std::sort(cells_.begin(), cells_.end(), [this](const Cell& a, const Cell& b) {
        return std::make_pair(a.day, topicDictIds_[a.topic]) <
               std::make_pair(b.day, topicDictIds_[b.topic]);
    });
    for (const Cell& c : cells_) {
        insertDayTopic_.bind(1, account);
        insertDayTopic_.bind(2, c.day);
        insertDayTopic_.bind(3, topicDictIds_[c.topic]);
        insertDayTopic_.bind(4, c.n);
        ok_ = ok_ && insertDayTopic_.run();
    }
    rowsWritten_ += static_cast<int64_t>(cells_.size());
    cells_.clear();
    return ok_;
}

bool Builder::fail(QString* error, const char* what) {
    if (error) *error = QStringLiteral("%1: %2").arg(QLatin1String(what), sql::lastError(db_));
    return false;
}

bool Builder::finish(const std::vector<int32_t>& clusterOfAccount, int64_t runStartedAt,
                     QString* error) {
    if (!ok_) return fail(error, "write account aggregates");
    {
        std::vector<std::pair<int64_t, int64_t>> hours(caseHours_.begin(), caseHours_.end());
        std::sort(hours.begin(), hours.end());
        sql::Statement s(db_, "INSERT INTO case_hourly(hour, n) VALUES(?,?)");
        for (const auto& [hour, n] : hours) {
            s.bind(1, hour);
            s.bind(2, n);
            if (!s.run()) return fail(error, "write case_hourly");
        }
        rowsWritten_ += static_cast<int64_t>(hours.size());
    }
    {
        // The case and cluster totals, from the per-account cells written above: reading them
        // back costs a second or so, holding them all would cost memory that grows with the
        // case (issue 15 item 10). Both totals have a few thousand keys.
        std::map<std::pair<int64_t, int64_t>, int64_t> days;                 // (day, topic id)
        std::map<std::tuple<int32_t, int64_t, int64_t>, int64_t> clusters;  // (cluster, day, topic id)
        sql::Statement cells(db_, "SELECT account_id, day, topic_id, n FROM account_day_topics");
        while (cells.step()) {
            const int64_t day = cells.int64(1), topic = cells.int64(2), n = cells.int64(3);
            days[{day, topic}] += n;
            const auto a = static_cast<size_t>(cells.int64(0));
            if (a < clusterOfAccount.size() && clusterOfAccount[a] >= 0)
                clusters[{clusterOfAccount[a], day, topic}] += n;
        }
        if (cells.resultCode() != SQLITE_DONE) return fail(error, "read account_day_topics");
        sql::Statement s(db_, "INSERT INTO case_day_topics(day, topic_id, n) VALUES(?,?,?)");
        for (const auto& [key, n] : days) {
            s.bind(1, key.first);
            s.bind(2, key.second);
            s.bind(3, n);
            if (!s.run()) return fail(error, "write case_day_topics");
        }
        sql::Statement c(
            db_, "INSERT INTO cluster_day_topics(cluster_id, day, topic_id, n) VALUES(?,?,?,?)");
        for (const auto& [key, n] : clusters) {
            c.bind(1, std::get<0>(key));
            c.bind(2, std::get<1>(key));
            c.bind(3, std::get<2>(key));
            c.bind(4, n);
            if (!c.run()) return fail(error, "write cluster_day_topics");
        }
        rowsWritten_ += static_cast<int64_t>(days.size() + clusters.size());
    }
    sql::Statement run(db_, "INSERT INTO aggregates_run(started_at) VALUES(?)");
    run.bind(1, runStartedAt);
    return run.run() || fail(error, "write aggregates_run");
}

}  // namespace quarry::aggregates
