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

// Version 2: the analyst's work. The audit log is append-only (triggers refuse UPDATE and
// DELETE; the hash chain detects what gets past them); tags and notes point at accounts
// (accounts.id, stable), clusters (clusters.id of the analysis run in analysis_run) and
// requests (requests.id).
const char kV1ToV2[] = R"sql(
CREATE TABLE audit_log(
    seq       INTEGER PRIMARY KEY,
    ts        INTEGER NOT NULL,
    analyst   TEXT NOT NULL,
    action    TEXT NOT NULL,
    details   TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TABLE tags(
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    color       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);
INSERT INTO tags(name, color, description, created_at) VALUES
    ('suspected-distillation', '#e67e22', 'Looks like a distillation campaign; not yet confirmed', 0),
    ('confirmed-distillation', '#c0392b', 'Confirmed distillation campaign', 0),
    ('benign', '#27ae60', 'Reviewed and benign', 0),
    ('needs-review', '#f1c40f', 'Needs an analyst to look at it', 0),
    ('false-positive', '#7f8c8d', 'Flagged by Quarry but not a campaign', 0);

CREATE TABLE tag_assignments(
    target_type  TEXT NOT NULL CHECK(target_type IN ('account', 'cluster', 'request')),
    target_id    INTEGER NOT NULL,
    tag_id       INTEGER NOT NULL REFERENCES tags(id),
    analysis_run INTEGER,
    created_at   INTEGER NOT NULL,
    analyst      TEXT NOT NULL,
    PRIMARY KEY(target_type, target_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX tag_assignments_tag ON tag_assignments(tag_id, target_type, target_id);

CREATE TABLE notes(
    target_type  TEXT NOT NULL CHECK(target_type IN ('account', 'cluster')),
    target_id    INTEGER NOT NULL,
    text         TEXT NOT NULL,
    analysis_run INTEGER,
    updated_at   INTEGER NOT NULL,
    analyst      TEXT NOT NULL,
    PRIMARY KEY(target_type, target_id)
) WITHOUT ROWID;
)sql";

bool migrateV1ToV2(sqlite3* db, QString* error) { return sql::exec(db, kV1ToV2, error); }

// Version 3: rows a source holds that are not requests (a gateway's top-up and admin rows,
// spans that are no model call) are counted per source; they are not stored.
bool migrateV2ToV3(sqlite3* db, QString* error) {
    return sql::exec(db, "ALTER TABLE sources ADD COLUMN rows_skipped INTEGER NOT NULL DEFAULT 0;",
                     error);
}

// Version 4: the case story. Requests starred as evidence (one row per starred request), notes
// pinned to a moment of the logs (notes.pinned_at, UTC ms; NULL: not pinned) and the analyst's
// own order of the story's items (story_order; empty: the story runs in time order). Nothing of
// an older case changes: its notes keep their text and stay unpinned.
const char kV3ToV4[] = R"sql(
CREATE TABLE stars(
    request_id INTEGER PRIMARY KEY,
    created_at INTEGER NOT NULL,
    analyst    TEXT NOT NULL
);
ALTER TABLE notes ADD COLUMN pinned_at INTEGER;
CREATE TABLE story_order(
    item     TEXT PRIMARY KEY,
    position INTEGER NOT NULL
) WITHOUT ROWID;
)sql";

bool migrateV3ToV4(sqlite3* db, QString* error) { return sql::exec(db, kV3ToV4, error); }

}  // namespace

int dictionaryIndex(Field f) {
    for (size_t i = 0; i < kDictionaries.size(); ++i)
        if (kDictionaries[i].field == f) return static_cast<int>(i);
    return -1;
}

bool create(sqlite3* db, QString* error) {
    return createVersion1(db, error) && migrate(db, 1, error);
}

bool createVersion1(sqlite3* db, QString* error) {
    std::string ddl = kCreateV1;
    for (const Dictionary& d : kDictionaries) {
        ddl += "CREATE TABLE ";
        ddl += d.table;
        ddl += "(id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE);\n";
    }
    ddl += "PRAGMA application_id = " + std::to_string(kApplicationId) + ";\n";
    ddl += "PRAGMA user_version = 1;\n";
    return sql::exec(db, ddl, error) && createRequestIndexes(db, error);
}

bool migrate(sqlite3* db, int fromVersion, QString* error) {
    // Each step takes the schema from version v to v + 1 (version 1 is the first released
    // schema). A step appends here, and user_version follows it.
    using Step = bool (*)(sqlite3*, QString*);
    static const Step kSteps[] = {nullptr, migrateV1ToV2, migrateV2ToV3,
                                  migrateV3ToV4};  // kSteps[v] migrates v -> v + 1
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
