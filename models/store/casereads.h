// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Reads of the facts a case holds that more than one part of Quarry shows: the CLI (`clusters`,
// `tag`), evidence bundles and the dashboard's item models all list clusters and resolve
// accounts through these functions, so every one of them shows the same rows in the same order.
// They live at the store layer (the case's tables) so analysis, evidence and models/items may all
// call them; see docs/architecture.md.

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

struct sqlite3;

namespace quarry::reads {

// Whether the case has this table (the analysis tables appear with the first analyze).
bool tableExists(sqlite3* db, const char* name);
// Whether an analysis has run on the case (its tables hold a finished run).
bool hasAnalysis(sqlite3* db);

struct ClusterRow {
    int64_t id = 0;
    int64_t size = 0;
    double score = 0, coordination = 0, automation = 0, harvest = 0;
    bool flagged = false;
    QStringList reasons;  // in the words analysis wrote them
};
// Every cluster in the one order Quarry lists them: flagged first, then highest score, then the
// larger, then by id. Empty before the first analysis.
std::vector<ClusterRow> clusters(sqlite3* db);
std::optional<ClusterRow> cluster(sqlite3* db, int64_t id);
// A cluster's member accounts by account id.
std::vector<int64_t> clusterMembers(sqlite3* db, int64_t cluster);
// The same members by name, sorted by name (what a reader of a list wants).
QStringList clusterMemberNames(sqlite3* db, int64_t cluster);

std::optional<int64_t> accountId(sqlite3* db, const QString& name);
QString accountName(sqlite3* db, int64_t id);  // empty when unknown

}  // namespace quarry::reads
