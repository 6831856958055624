// SPDX-License-Identifier: GPL-3.0-or-later
#include "accountvalues.h"

#include <algorithm>

#include "store/sqlite.h"

namespace quarry::accountvalues {
namespace {

const char kDropAndCreate[] = R"sql(
DROP TABLE IF EXISTS account_values_run;
DROP TABLE IF EXISTS account_api_keys;
DROP TABLE IF EXISTS account_orgs;
DROP TABLE IF EXISTS account_payments;
DROP TABLE IF EXISTS account_models;
DROP TABLE IF EXISTS account_templates;
CREATE TABLE account_values_run(started_at INTEGER NOT NULL);
CREATE TABLE account_api_keys(key_id INTEGER, account_id INTEGER,
                              PRIMARY KEY(key_id, account_id)) WITHOUT ROWID;
CREATE TABLE account_orgs(org_id INTEGER, account_id INTEGER,
                          PRIMARY KEY(org_id, account_id)) WITHOUT ROWID;
CREATE TABLE account_payments(payment_id INTEGER, account_id INTEGER,
                              PRIMARY KEY(payment_id, account_id)) WITHOUT ROWID;
CREATE TABLE account_models(model_id INTEGER, account_id INTEGER,
                            PRIMARY KEY(model_id, account_id)) WITHOUT ROWID;
CREATE TABLE account_templates(template_key INTEGER, account_id INTEGER,
                               PRIMARY KEY(template_key, account_id)) WITHOUT ROWID;
)sql";

// Built after the rows are in: appending to one B-tree at a time is faster than two.
const char kIndexes[] = R"sql(
CREATE INDEX account_api_keys_account ON account_api_keys(account_id);
CREATE INDEX account_orgs_account ON account_orgs(account_id);
CREATE INDEX account_payments_account ON account_payments(account_id);
CREATE INDEX account_models_account ON account_models(account_id);
CREATE INDEX account_templates_account ON account_templates(account_id);
CREATE INDEX IF NOT EXISTS account_ips_account ON account_ips(account_id);
CREATE INDEX IF NOT EXISTS account_user_agents_account ON account_user_agents(account_id);
)sql";

// Where each field's pairs go (INSERT OR IGNORE: a streamed pair may come again in a later batch).
struct PairTable {
    aggregates::PairSet Pairs::*set;
    const char* insert;
};
const PairTable kPairTables[] = {
    {&Pairs::keys, "INSERT OR IGNORE INTO account_api_keys VALUES(?,?)"},
    {&Pairs::orgs, "INSERT OR IGNORE INTO account_orgs VALUES(?,?)"},
    {&Pairs::payments, "INSERT OR IGNORE INTO account_payments VALUES(?,?)"},
    {&Pairs::models, "INSERT OR IGNORE INTO account_models VALUES(?,?)"},
};

bool fail(sqlite3* db, QString* error, const char* what) {
    if (error) *error = QStringLiteral("%1: %2").arg(QLatin1String(what), sql::lastError(db));
    return false;
}

}  // namespace

bool reset(sqlite3* db, QString* error) {
    return sql::exec(db, kDropAndCreate, error);
}

void stream(sqlite3* db, Pairs& pairs) {
    for (const PairTable& t : kPairTables) (pairs.*t.set).stream(db, t.insert);
}

bool write(sqlite3* db, Pairs& pairs, const std::vector<std::vector<int64_t>>& templateKeys,
           int keysPerAccount, int64_t runStartedAt, QString* error) {
    for (const PairTable& t : kPairTables)
        if (!aggregates::writePairs(db, pairs.*t.set, t.insert, error)) return false;
    {
        // (key, account) in key order, so the rows append to the primary key's B-tree.
        std::vector<std::pair<int64_t, int64_t>> rows;
        for (size_t a = 0; a < templateKeys.size(); ++a) {
            const auto& keys = templateKeys[a];
            const size_t n =
                std::min(keys.size(), static_cast<size_t>(std::max(0, keysPerAccount)));
            for (size_t i = 0; i < n; ++i) rows.emplace_back(keys[i], static_cast<int64_t>(a));
        }
        std::sort(rows.begin(), rows.end());
        sql::Statement s(db, "INSERT INTO account_templates VALUES(?,?)");
        for (const auto& [key, account] : rows) {
            s.bind(1, key);
            s.bind(2, account);
            if (!s.run()) return fail(db, error, "write account templates");
        }
    }
    if (!sql::exec(db, kIndexes, error)) return false;
    sql::Statement run(db, "INSERT INTO account_values_run(started_at) VALUES(?)");
    run.bind(1, runStartedAt);
    return run.run() || fail(db, error, "write account_values_run");
}

bool available(sqlite3* db) {
    sql::Statement tables(db,
                          "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
                          "('account_values_run', 'account_api_keys', 'account_orgs', "
                          "'account_payments', 'account_models', 'account_templates', "
                          "'analysis_runs')");
    if (!tables.step() || tables.int64(0) != 7) return false;
    sql::Statement run(db,
                       "SELECT count(*) FROM account_values_run "
                       "WHERE started_at = (SELECT max(started_at) FROM analysis_runs)");
    return run.step() && run.int64(0) > 0;
}

}  // namespace quarry::accountvalues
