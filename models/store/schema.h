// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <array>

#include "core/fields.h"

struct sqlite3;

namespace quarry::schema {

// PRAGMA application_id of every case file: "QRRY". A SQLite file without it is not a case.
inline constexpr int kApplicationId = 0x51525259;
// PRAGMA user_version. Bump it and append a migration when the schema changes.
inline constexpr int kCurrentVersion = 4;

// Strings that repeat across requests live once in a dictionary table (id, value) and the
// requests table stores the id.
struct Dictionary {
    Field field;
    const char* table;          // dictionary table
    const char* requestColumn;  // integer column in `requests`
};
inline constexpr std::array<Dictionary, 10> kDictionaries = {{
    {Field::AccountId, "accounts", "account_id"},
    {Field::ApiKeyId, "api_keys", "api_key_id"},
    {Field::OrganizationId, "organizations", "org_id"},
    {Field::Ip, "ips", "ip_id"},
    {Field::UserAgent, "user_agents", "ua_id"},
    {Field::Model, "models", "model_id"},
    {Field::Endpoint, "endpoints", "endpoint_id"},
    {Field::PaymentFingerprint, "payments", "payment_id"},
    {Field::Country, "countries", "country_id"},
    {Field::Topic, "topics", "topic_id"},
}};
// Index into kDictionaries for a field, or -1 when the field is not dictionary-encoded.
int dictionaryIndex(Field f);

// Creates the current schema in an empty database (inside the caller's transaction): the
// version 1 schema followed by every forward migration, so each new case runs the migrations.
bool create(sqlite3* db, QString* error);
// The version 1 schema alone (user_version 1), as released; kept for create() and for tests
// that check a version 1 case upgrades.
bool createVersion1(sqlite3* db, QString* error);
// Runs the forward migrations from `fromVersion` to kCurrentVersion.
bool migrate(sqlite3* db, int fromVersion, QString* error);

// Secondary indexes on `requests`; the importer drops them before a large bulk load and
// builds them again after it, which is several times faster than maintaining them row by row.
bool dropRequestIndexes(sqlite3* db, QString* error);
bool createRequestIndexes(sqlite3* db, QString* error);

}  // namespace quarry::schema
