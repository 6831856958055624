// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

#include "clustering.h"
#include "links.h"
#include "scoring.h"

namespace quarry {

class CaseFile;
class Taxonomy;

struct AnalysisOptions {
    const Taxonomy* taxonomy = nullptr;  // nullptr: the built-in taxonomy
    LinkParams links;
    ClusteringParams clustering;
    ScoringParams scoring;
    const std::atomic<bool>* cancel = nullptr;
    // Stage name and fraction done in [0, 1], from the analysing thread.
    std::function<void(const QString& stage, double fraction)> progress;
    QJsonObject toJson() const;
};

struct AnalysisSummary {
    int64_t requests = 0, accounts = 0, links = 0, clusters = 0;
    int64_t flaggedClusters = 0, flaggedAccounts = 0;
    QString newModel;  // the model whose release the pivot feature measures against
    int64_t mixtureAccounts = 0;  // flagged for harvest mixed into ordinary traffic
    QStringList unavailable;      // evidence these logs cannot show, in words
    double seconds = 0;
    QJsonObject stageSeconds;  // wall time per stage
    QJsonObject toJson() const;
};

// Topics, account features, cross-account links, clusters and explained scores, written into
// the case in one transaction: an interrupted analysis leaves the previous one in place.
bool analyzeCase(CaseFile& file, const AnalysisOptions& options, AnalysisSummary& summary,
                 QString* error);

}  // namespace quarry
