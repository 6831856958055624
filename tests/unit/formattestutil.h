// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The gateway format suites: import a fixture into a real case file with quarry-cli as an
// analyst would (no --map, --format auto) and read back what the case holds.
#include <QDateTime>
#include <QFile>
#include <QList>
#include <QMap>
#include <QStringList>
#include <QTemporaryDir>
#include <QVariant>

#include <sqlite3.h>

#include "readertestutil.h"
#include "testutil.h"

namespace quarry::test {

struct StoredRequest {
    qint64 line = 0, ts = 0;
    QString account, apiKey, org, ip, userAgent, model, endpoint, country, prompt, uid;
    QVariant promptTokens, completionTokens, status, latency;  // null when absent
};

struct ImportOutcome {
    CliResult cli;
    QString format;  // as the sources table records it
    qint64 rowsRead = 0;
    QString sha256;  // of the sources, comma-separated
    QList<StoredRequest> requests;
    QStringList quarantined;  // "line: kind: reason"
    StoredRequest byUid(const QString& uid) const {
        for (const StoredRequest& r : requests)
            if (r.uid == uid) return r;
        return {};
    }
    bool hasUid(const QString& uid) const { return !byUid(uid).uid.isEmpty(); }
};

// An ISO 8601 UTC time as epoch ms, as the case stores it (computed by Qt, not by Quarry).
inline qint64 utcMs(const char* iso) {
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs).toMSecsSinceEpoch();
}

inline QString formatFixture(const QString& name) {
    return dataPath(QStringLiteral("formats/") + name);
}

inline QVariant column(sqlite3_stmt* s, int i) {
    switch (sqlite3_column_type(s, i)) {
        case SQLITE_NULL:
            return {};
        case SQLITE_INTEGER:
            return QVariant(static_cast<qlonglong>(sqlite3_column_int64(s, i)));
        default:
            return QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(s, i)),
                                     sqlite3_column_bytes(s, i));
    }
}

// Imports the fixtures (paths under tests/data/formats/) into a new case in dir.
inline ImportOutcome importFixtures(const QTemporaryDir& dir, const QStringList& fixtures,
                                    const QStringList& extraArgs = {}) {
    ImportOutcome out;
    const QString casePath = dir.filePath(QStringLiteral("case.quarry"));
    QStringList args{QStringLiteral("import"), casePath};
    for (const QString& f : fixtures) args << formatFixture(f);
    out.cli = runCli(args + extraArgs);
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(casePath.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) !=
        SQLITE_OK) {
        sqlite3_close(db);
        return out;
    }
    auto query = [&](const char* sql, const std::function<void(sqlite3_stmt*)>& row) {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) == SQLITE_OK)
            while (sqlite3_step(s) == SQLITE_ROW) row(s);
        sqlite3_finalize(s);
    };
    query("SELECT group_concat(format), sum(rows_read), group_concat(sha256) FROM sources",
          [&](sqlite3_stmt* s) {
              out.format = column(s, 0).toString();
              out.rowsRead = column(s, 1).toLongLong();
              out.sha256 = column(s, 2).toString();
          });
    query(
        "SELECT r.source_line, r.ts, a.value, k.value, o.value, i.value, u.value, m.value, "
        "e.value, c.value, t.prompt, t.request_uid, r.prompt_tokens, r.completion_tokens, "
        "r.status_code, r.latency_ms FROM requests r JOIN accounts a ON a.id = r.account_id "
        "LEFT JOIN api_keys k ON k.id = r.api_key_id LEFT JOIN organizations o ON o.id = "
        "r.org_id LEFT JOIN ips i ON i.id = r.ip_id LEFT JOIN user_agents u ON u.id = r.ua_id "
        "LEFT JOIN models m ON m.id = r.model_id LEFT JOIN endpoints e ON e.id = "
        "r.endpoint_id LEFT JOIN countries c ON c.id = r.country_id LEFT JOIN request_text t "
        "ON t.id = r.id ORDER BY r.id",
        [&](sqlite3_stmt* s) {
            StoredRequest r;
            r.line = column(s, 0).toLongLong();
            r.ts = column(s, 1).toLongLong();
            QString* text[] = {&r.account, &r.apiKey,   &r.org,     &r.ip,     &r.userAgent,
                               &r.model,   &r.endpoint, &r.country, &r.prompt, &r.uid};
            for (int i = 0; i < 10; ++i) *text[i] = column(s, 2 + i).toString();
            r.promptTokens = column(s, 12);
            r.completionTokens = column(s, 13);
            r.status = column(s, 14);
            r.latency = column(s, 15);
            out.requests << r;
        });
    query("SELECT line, kind, reason FROM quarantine ORDER BY id", [&](sqlite3_stmt* s) {
        out.quarantined << QStringLiteral("%1: %2: %3")
                               .arg(column(s, 0).toLongLong())
                               .arg(column(s, 1).toString(), column(s, 2).toString());
    });
    sqlite3_close(db);
    return out;
}

// Every record of one fixture through the reader itself, for what the case does not keep
// (skipped rows and their reasons).
template <typename Reader>
Result readFixture(const QString& name) {
    QFile f(formatFixture(name));
    if (!f.open(QIODevice::ReadOnly)) return {};
    return readAll<Reader>(f.readAll(), QFileInfo(name).fileName(), {}, {});
}

inline int countSkipped(const Result& r) {
    int n = 0;
    for (const Rec& rec : r.rows) n += rec.skip ? 1 : 0;
    return n;
}

}  // namespace quarry::test

#define IMPORT_OK(o) QVERIFY2((o).cli.exitCode == 0, (o).cli.err.constData())
