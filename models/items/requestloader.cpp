// SPDX-License-Identifier: GPL-3.0-or-later
#include "requestloader.h"

#include <sqlite3.h>

#include <algorithm>
#include <string>

#include "casequeries.h"
#include "store/casefile.h"
#include "store/sqlite.h"

namespace quarry::gui {
namespace {

bool hasRequestTopics(sqlite3* db) {
    return tableExists(db, "request_topics");
}

int64_t lowerBound(const RequestQuery& q) {
    return q.fromMs < 0 ? INT64_MIN : q.fromMs;
}
int64_t upperBound(const RequestQuery& q) {
    return q.toMs < 0 ? INT64_MAX : q.toMs;
}

// Topics come from the analysis (request_topics) when there is one, else from the log's column.
std::string topicJoin(bool analysed, int64_t topic) {
    if (!analysed) return topic >= 0 ? " AND r.topic_id = ?6" : "";
    return topic >= 0 ? " JOIN request_topics rt ON rt.id = r.id AND rt.topic_id = ?6"
                      : " LEFT JOIN request_topics rt ON rt.id = r.id";
}

constexpr int kPreviewChars = 160;

}  // namespace

std::vector<RequestRow> fetchRequestPage(sqlite3* db, const RequestQuery& q, RequestCursor& cursor,
                                         int limit) {
    std::vector<RequestRow> out;
    if (cursor.done || limit <= 0) return out;
    const bool analysed = hasRequestTopics(db);
    const bool whole = q.accounts.empty();
    const std::string join = topicJoin(analysed, q.topic);
    std::string sqlText =
        std::string("SELECT r.id, r.ts, r.account_id, ") +
        (analysed ? "rt.topic_id" : "r.topic_id") +
        ", r.prompt_tokens, r.completion_tokens, a.value, m.value, i.value, u.value, "
        "substr(t.prompt, 1, " +
        std::to_string(kPreviewChars) + ") FROM requests r" + (analysed ? join : std::string()) +
        " LEFT JOIN accounts a ON a.id = r.account_id LEFT JOIN models m ON m.id = r.model_id"
        " LEFT JOIN ips i ON i.id = r.ip_id LEFT JOIN user_agents u ON u.id = r.ua_id"
        " LEFT JOIN request_text t ON t.id = r.id WHERE ";
    // The (account_id, ts) index holds the rowid, so (account_id, ts, id) is its order and the
    // row-value comparison seeks straight to the page start.
    sqlText += whole ? "(r.account_id, r.ts, r.id) > (?1, ?2, ?3)"
                     : "r.account_id = ?1 AND (r.ts, r.id) > (?2, ?3)";
    sqlText += " AND r.ts BETWEEN ?4 AND ?5";
    if (!analysed) sqlText += join;
    sqlText +=
        whole ? " ORDER BY r.account_id, r.ts, r.id LIMIT ?7" : " ORDER BY r.ts, r.id LIMIT ?7";
    sql::Statement s(db, sqlText);
    if (!s.valid()) {
        cursor.done = true;
        return out;
    }
    while (static_cast<int>(out.size()) < limit) {
        if (!whole) {
            if (cursor.accountIndex >= q.accounts.size()) break;
            if (cursor.account != q.accounts[cursor.accountIndex]) {  // entering the next account
                cursor.account = q.accounts[cursor.accountIndex];
                cursor.ts = cursor.id = INT64_MIN;
            }
        }
        s.reset();
        s.bind(1, cursor.account);
        s.bind(2, cursor.ts);
        s.bind(3, cursor.id);
        s.bind(4, lowerBound(q));
        s.bind(5, upperBound(q));
        if (q.topic >= 0) s.bind(6, q.topic);
        s.bind(7, limit - static_cast<int64_t>(out.size()));
        const size_t before = out.size();
        while (s.step()) {
            RequestRow r;
            r.id = s.int64(0);
            r.ts = s.int64(1);
            r.account = s.int64(2);
            r.topic = s.isNull(3) ? -1 : s.int64(3);
            r.promptTokens = s.isNull(4) ? -1 : s.int64(4);
            r.completionTokens = s.isNull(5) ? -1 : s.int64(5);
            r.accountName = s.text(6);
            r.model = s.text(7);
            r.ip = s.text(8);
            r.userAgent = s.text(9);
            r.preview = s.text(10);
            cursor.account = r.account;
            cursor.ts = r.ts;
            cursor.id = r.id;
            out.push_back(std::move(r));
        }
        if (s.resultCode() != SQLITE_DONE) {  // interrupted (the caller drops the page) or failed
            cursor.done = true;
            return out;
        }
        const bool filled = static_cast<int>(out.size()) >= limit;
        if (whole) {
            if (!filled) cursor.done = true;
            break;
        }
        if (!filled || out.size() == before) ++cursor.accountIndex;  // this account is exhausted
    }
    if (!whole && cursor.accountIndex >= q.accounts.size()) cursor.done = true;
    return out;
}

namespace {

// Counts the analysis already holds: when nothing narrows the selection in time, the per-account
// totals and the case's hour and day x topic aggregates answer in milliseconds what a count
// over the requests (16 million at the scale of the public campaigns) answers in minutes.
// -2 when the aggregates cannot answer.
int64_t countFromAggregates(sqlite3* db, const RequestQuery& q) {
    if (q.fromMs >= 0 || q.toMs >= 0 || !hasAggregates(db)) return -2;
    if (q.accounts.empty()) {
        if (q.topic < 0) return sql::queryInt(db, "SELECT coalesce(sum(n), 0) FROM case_hourly");
        sql::Statement s(db, "SELECT coalesce(sum(n), 0) FROM case_day_topics WHERE topic_id = ?");
        s.bind(1, q.topic);
        return s.step() ? s.int64(0) : -1;
    }
    // One statement over the ids, not one per account: a 7,064-member cluster was 7,064
    // statements summing its members' day rows, as long on a worker as the cluster graph's own
    // read beside it. account_features.requests is the count analysis wrote account_daily from.
    // CROSS JOIN keeps the ids outermost (SQLite does not reorder it): each is one key lookup.
    std::string ids = "[";
    for (int64_t account : q.accounts) {
        if (ids.size() > 1) ids += ',';
        ids += std::to_string(account);
    }
    ids += ']';
    sql::Statement s(db, q.topic < 0 ? "SELECT coalesce(sum(f.requests), 0) FROM json_each(?1) j "
                                       "CROSS JOIN account_features f ON f.account_id = j.value"
                                     : "SELECT coalesce(sum(t.n), 0) FROM json_each(?1) j "
                                       "CROSS JOIN account_topics t ON t.account_id = j.value "
                                       "AND t.topic_id = ?2");
    s.bindText(1, ids);
    if (q.topic >= 0) s.bind(2, q.topic);
    return s.step() ? s.int64(0) : -1;
}

}  // namespace

int64_t countRequests(sqlite3* db, const RequestQuery& q) {
    const int64_t known = countFromAggregates(db, q);
    if (known != -2) return known;
    const bool analysed = hasRequestTopics(db);
    // Without a topic filter the topic join adds nothing to a count but a lookup per request.
    const std::string join = q.topic >= 0 ? topicJoin(analysed, q.topic) : std::string();
    std::string sqlText = "SELECT count(*) FROM requests r";
    if (analysed) sqlText += join;
    sqlText += q.accounts.empty() ? " WHERE ?1 IS NULL" : " WHERE r.account_id = ?1";
    sqlText += " AND r.ts BETWEEN ?4 AND ?5";
    if (!analysed) sqlText += join;
    sql::Statement s(db, sqlText);
    int64_t total = 0;
    const size_t passes = q.accounts.empty() ? 1 : q.accounts.size();
    for (size_t i = 0; i < passes; ++i) {
        s.reset();
        if (q.accounts.empty())
            s.bindNull(1);
        else
            s.bind(1, q.accounts[i]);
        s.bind(4, lowerBound(q));
        s.bind(5, upperBound(q));
        if (q.topic >= 0) s.bind(6, q.topic);
        if (!s.step()) return -1;
        total += s.int64(0);
    }
    return total;
}

RequestLoader::RequestLoader(Generation current) : current_(std::move(current)) {}

RequestLoader::~RequestLoader() = default;

int RequestLoader::onProgress(void* self) {
    auto* loader = static_cast<RequestLoader*>(self);
    return loader->working_ != loader->current_->load() ? 1
                                                        : 0;  // non-zero interrupts the statement
}

void RequestLoader::open(const QString& casePath) {
    file_.reset();
    if (casePath.isEmpty()) return;
    file_ = openReadOnly(casePath);
    if (file_) sqlite3_progress_handler(file_->db(), 2000, &RequestLoader::onProgress, this);
}

// A case that failed to open, or a failed statement, reads as "no requests" rather than leaving
// the table waiting forever.
bool RequestLoader::count(int generation, const RequestQuery& q, int64_t* n) {
    *n = 0;
    if (generation != current_->load()) return false;
    if (!file_) return true;
    working_ = generation;
    *n = std::max<int64_t>(countRequests(file_->db(), q), 0);
    working_ = -1;
    return generation == current_->load();
}

bool RequestLoader::fetch(int generation, const RequestQuery& q, RequestCursor* cursor, int limit,
                          std::vector<RequestRow>* rows) {
    if (generation != current_->load()) return false;
    if (!file_) {
        cursor->done = true;
        return true;
    }
    working_ = generation;
    *rows = fetchRequestPage(file_->db(), q, *cursor, limit);
    working_ = -1;
    return generation == current_->load();
}

RequestDetail RequestLoader::detail(qint64 requestId) {
    if (!file_) return {};
    working_ = current_->load();  // a detail is never stale by generation; let it finish
    RequestDetail d = requestDetail(file_->db(), requestId, 1 << 30);
    working_ = -1;
    return d;
}

}  // namespace quarry::gui
