// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The requests of a case as stored, with their dictionary values resolved, shared by the
// suites that check what a reader's rows became.
#include <QString>
#include <QVector>

#include <optional>

#include "store/casefile.h"
#include "store/sqlite.h"

namespace quarry::test {

struct Stored {
    int64_t line = 0, ts = 0;
    QString account, apiKey, org, ip, userAgent, model, endpoint, requestUid, prompt;
    std::optional<int64_t> promptTokens, completionTokens, status, latency;
};

inline QVector<Stored> storedRequests(sqlite3* db) {
    QVector<Stored> out;
    sql::Statement s(db,
                     "SELECT r.source_line, r.ts, a.value, k.value, o.value, i.value, u.value, "
                     "m.value, e.value, r.prompt_tokens, r.completion_tokens, r.status_code, "
                     "r.latency_ms, t.request_uid, t.prompt FROM requests r "
                     "JOIN accounts a ON a.id = r.account_id "
                     "LEFT JOIN api_keys k ON k.id = r.api_key_id "
                     "LEFT JOIN organizations o ON o.id = r.org_id "
                     "LEFT JOIN ips i ON i.id = r.ip_id "
                     "LEFT JOIN user_agents u ON u.id = r.ua_id "
                     "LEFT JOIN models m ON m.id = r.model_id "
                     "LEFT JOIN endpoints e ON e.id = r.endpoint_id "
                     "LEFT JOIN request_text t ON t.id = r.id ORDER BY r.id");
    auto opt = [&](int c) {
        return s.isNull(c) ? std::nullopt : std::optional<int64_t>(s.int64(c));
    };
    while (s.step()) {
        Stored r;
        r.line = s.int64(0);
        r.ts = s.int64(1);
        r.account = s.text(2);
        r.apiKey = s.text(3);
        r.org = s.text(4);
        r.ip = s.text(5);
        r.userAgent = s.text(6);
        r.model = s.text(7);
        r.endpoint = s.text(8);
        r.promptTokens = opt(9);
        r.completionTokens = opt(10);
        r.status = opt(11);
        r.latency = opt(12);
        r.requestUid = s.text(13);
        r.prompt = s.text(14);
        out.push_back(r);
    }
    return out;
}

}  // namespace quarry::test
