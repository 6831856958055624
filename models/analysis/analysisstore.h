// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The tables analysis writes into a case. They are derived data: every analysis run replaces
// them inside its own transaction, so a case never mixes two runs.

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <vector>

#include "accountfeatures.h"
#include "links.h"
#include "mixture.h"
#include "scoring.h"

struct sqlite3;

namespace quarry::analysisstore {

// Drops and recreates the analysis tables (inside the caller's transaction).
bool reset(sqlite3* db, QString* error);
bool hasAnalysis(sqlite3* db);

bool writeTaxonomy(sqlite3* db, const std::vector<TopicInfo>& topics, const std::vector<QString>& colors,
                   const std::vector<int64_t>& topicDictIds, QString* error);
bool writeRequestTopics(sqlite3* db, const std::vector<uint8_t>& topic, const std::vector<uint8_t>& flags,
                        const std::vector<int64_t>& topicDictIds, QString* error);
bool writeAccountTopics(sqlite3* db, const std::vector<ContentAccumulator>& acc,
                        const std::vector<int64_t>& topicDictIds, int topicCount, QString* error);
bool writeFeatures(sqlite3* db, const std::vector<AccountFeatures>& features,
                   const std::vector<int64_t>& topicDictIds, QString* error);
// Links at or above minWeight (the edges the clustering used); lighter ones only feed features.
bool writeLinks(sqlite3* db, const std::vector<Link>& links, const std::vector<QString>& subnetNames,
                float minWeight, QString* error);
bool writeClusters(sqlite3* db, const std::vector<ClusterVerdict>& clusters, QString* error);
bool writeHarvestRequests(sqlite3* db, const std::vector<MixtureOutput::Hit>& hits, QString* error);
bool writeRun(sqlite3* db, int64_t startedAt, const QJsonObject& params, const QJsonObject& totals,
              QString* error);

// Reading back, for the CLI and the dashboard.
struct AccountRow {
    QString account;
    double score = 0;
    int cluster = -1;
    bool flagged = false;
    QJsonArray reasons;
};
std::vector<AccountRow> accounts(sqlite3* db, bool flaggedOnly);
QJsonArray clusters(sqlite3* db);
// Evidence the latest analysis could not measure on these logs, in words.
QJsonArray unavailableEvidence(sqlite3* db);
// Everything about one account: features, topics, links, reasons. Empty when unknown.
QJsonObject account(sqlite3* db, const QString& accountName);

}  // namespace quarry::analysisstore
