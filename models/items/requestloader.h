// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The request table's worker (DB4S's RowLoader): a QObject on its own thread with its own
// read-only connection. It counts and pages the requests of a selection with keyset paging on
// (account_id, ts, id) — never OFFSET, so the millionth page costs what the first does. Every
// job carries the generation it was asked for; a newer generation interrupts the running
// statement (sqlite3_progress_handler) and older results are dropped by the model.

#include <QObject>
#include <QString>

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "casequeries.h"

namespace quarry::gui {

struct RequestQuery {
    std::vector<int64_t> accounts;   // sorted, unique; empty = whole case
    int64_t fromMs = -1, toMs = -1;  // < 0 = unbounded
    int64_t topic = -1;              // -1 = any
    bool operator==(const RequestQuery& o) const {
        return accounts == o.accounts && fromMs == o.fromMs && toMs == o.toMs && topic == o.topic;
    }
    bool operator!=(const RequestQuery& o) const { return !(*this == o); }
};

// Where the next page starts: after (account, ts, id); accountIndex walks query.accounts.
struct RequestCursor {
    size_t accountIndex = 0;
    int64_t account = INT64_MIN, ts = INT64_MIN, id = INT64_MIN;
    bool done = false;
};

struct RequestRow {
    int64_t id = 0, ts = 0, account = 0, topic = -1;
    int64_t promptTokens = -1, completionTokens = -1;
    QString accountName, model, ip, userAgent, preview;
};

// One page of the selection after `cursor`: at most `limit` rows, and the cursor after them.
std::vector<RequestRow> fetchRequestPage(sqlite3* db, const RequestQuery& q, RequestCursor& cursor,
                                         int limit);
int64_t countRequests(sqlite3* db, const RequestQuery& q);

class RequestLoader final : public QObject {
    Q_OBJECT
public:
    using Generation = std::shared_ptr<std::atomic<int>>;
    explicit RequestLoader(Generation current);
    ~RequestLoader() override;

    // All run on the loader's thread (queued through QMetaObject::invokeMethod).
    void open(const QString& casePath);
    // Each returns false when `generation` went stale before or during the work.
    bool count(int generation, const RequestQuery& q, int64_t* n);
    bool fetch(int generation, const RequestQuery& q, RequestCursor* cursor, int limit,
               std::vector<RequestRow>* rows);
    RequestDetail detail(qint64 requestId);

private:
    Generation current_;
    std::unique_ptr<CaseFile> file_;
    int working_ =
        -1;  // the generation of the statement running now (read by the progress handler)
    static int onProgress(void* self);
};

}  // namespace quarry::gui
