// SPDX-License-Identifier: GPL-3.0-or-later
#include "schema.h"

#include <string>

#include "sqlite.h"

namespace quarry::schema {
namespace {

// Version 1. The requests table stays narrow (integers only): text that does not repeat —
// the prompt and the source's own request id — sits in request_text under the same id.
const char kCreateV1[] = R"sql(
CREATE TABLE case_meta(
    key   TEXT PRIMARY KEY,
    value TEXT
) WITHOUT ROWID;

CREATE TABLE sources(
    id               INTEGER PRIMARY KEY,
    path             TEXT NOT NULL,
    sha256           TEXT NOT NULL,
    size             INTEGER NOT NULL,
    format           TEXT NOT NULL,
    mapping          TEXT,
    rows_read        INTEGER NOT NULL,
    rows_imported    INTEGER NOT NULL,
    rows_quarantined INTEGER NOT NULL,
    first_ts         INTEGER,
    last_ts          INTEGER,
    imported_at      INTEGER NOT NULL,
    forced           INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sources_sha256 ON sources(sha256);

CREATE TABLE quarantine(
    id        INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id),
    line      INTEGER NOT NULL,
    kind      TEXT NOT NULL,
    reason    TEXT NOT NULL,
    raw       TEXT
);
CREATE INDEX quarantine_source ON quarantine(source_id, line);

CREATE TABLE requests(
    id                 INTEGER PRIMARY KEY,
    source_id          INTEGER NOT NULL,
    source_line        INTEGER NOT NULL,
    ts                 INTEGER NOT NULL,
    account_id         INTEGER NOT NULL,
    api_key_id         INTEGER,
    org_id             INTEGER,
    ip_id              INTEGER,
    ua_id              INTEGER,
    model_id           INTEGER,
    endpoint_id        INTEGER,
    prompt_tokens      INTEGER,
    completion_tokens  INTEGER,
    status_code        INTEGER,
    latency_ms         INTEGER,
    account_created_at INTEGER,
    payment_id         INTEGER,
    country_id         INTEGER,
    topic_id           INTEGER
);

CREATE TABLE request_text(
    id          INTEGER PRIMARY KEY,
    request_uid TEXT,
    prompt      TEXT
);
)sql";

}  // namespace

int dictionaryIndex(Field f) {
    for (size_t i = 0; i < kDictionaries.size(); ++i)
        if (kDictionaries[i].field == f) return static_cast<int>(i);
    return -1;
}

bool create(sqlite3* db, QString* error) {
    std::string ddl = kCreateV1;
    for (const Dictionary& d : kDictionaries) {
        ddl += "CREATE TABLE ";
        ddl += d.table;
        ddl += "(id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE);\n";
    }
    ddl += "PRAGMA application_id = " + std::to_string(kApplicationId) + ";\n";
    ddl += "PRAGMA user_version = " + std::to_string(kCurrentVersion) + ";\n";
    return sql::exec(db, ddl, error) && createRequestIndexes(db, error);
}

bool migrate(sqlite3* db, int fromVersion, QString* error) {
    // Each step takes the schema from version v to v + 1; none exist yet because version 1 is
    // the first released schema. A step appends here, and user_version follows it.
    using Step = bool (*)(sqlite3*, QString*);
    static const Step kSteps[] = {nullptr};  // kSteps[v] migrates v -> v + 1 (v >= 1)
    for (int v = fromVersion; v < kCurrentVersion; ++v) {
        if (v < 1 || v >= static_cast<int>(std::size(kSteps)) || !kSteps[v]) {
            if (error) *error = QStringLiteral("no migration from schema version %1").arg(v);
            return false;
        }
        if (!kSteps[v](db, error)) return false;
        if (!sql::exec(db, "PRAGMA user_version = " + std::to_string(v + 1), error)) return false;
    }
    return true;
}

bool dropRequestIndexes(sqlite3* db, QString* error) {
    return sql::exec(db, "DROP INDEX IF EXISTS requests_account_ts;", error);
}

bool createRequestIndexes(sqlite3* db, QString* error) {
    return sql::exec(db,
                     "CREATE INDEX IF NOT EXISTS requests_account_ts ON requests(account_id, ts);",
                     error);
}

}  // namespace quarry::schema
