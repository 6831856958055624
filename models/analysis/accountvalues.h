// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Who holds which value, for the dashboard's pivots ("accounts sharing this payment
// fingerprint") and its search by field: one (value, account) table per field, written by
// analysis next to account_ips and account_user_agents (aggregates.h), so neither a pivot nor a
// search ever scans the request table.
//   account_api_keys(key_id, account_id)       account_orgs(org_id, account_id)
//   account_payments(payment_id, account_id)   account_models(model_id, account_id)
//   account_templates(template_key, account_id)  the analysis' prompt-template keys (the LSH
//                                                band keys template links are built from)
//   account_values_run(started_at)             the analysis run that wrote them
// Each has its (value, account) primary key and an index on account_id, which also serves
// account_ips and account_user_agents ("the values this account holds").

#include <QString>

#include <cstdint>
#include <vector>

#include "aggregates.h"

namespace quarry::accountvalues {

// Distinct (value, account) pairs the content pass collects, one set per field.
struct Pairs {
    aggregates::PairSet keys, orgs, payments, models;
};

// Drops and recreates the tables (inside the caller's transaction).
bool reset(sqlite3* db, QString* error);

// The pairs go to their tables as the content pass streams them (in bounded batches; see
// aggregates::PairSet), once reset() has made the tables.
void stream(sqlite3* db, Pairs& pairs);

// Writes the pairs not written yet, the first keysPerAccount template keys of each account (those
// template links are built from) and the run marker; indexes account_ips and account_user_agents by
// account too (call after aggregates::writeSearchPairs).
bool write(sqlite3* db, Pairs& pairs, const std::vector<std::vector<int64_t>>& templateKeys,
           int keysPerAccount, int64_t runStartedAt, QString* error);

// True when the tables are there and were written by the case's latest analysis run (a build
// that predates them re-analysing the case leaves stale ones behind: readers then scan).
bool available(sqlite3* db);

}  // namespace quarry::accountvalues
