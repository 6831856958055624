// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <vector>

#include "accountfeatures.h"
#include "links.h"

namespace quarry {

// Default thresholds. They follow what gives campaigns away in public reports, not one data
// set: a campaign is several accounts that are coordinated (shared templates, infrastructure,
// sign-up bursts) AND behave like harvesters (round the clock, steady pacing, reasoning
// elicitation, narrow focus on high-value capabilities). Either half alone is a known benign
// pattern: an office shares a subnet, a classroom signs up at once, a support bot runs 24x7.
struct ScoringParams {
    int minClusterSize = 5;
    double flagScore = 0.5;
    double minCoordination = 0.4;
    double minBehaviour = 0.45;
    double memberBehaviour = 0.35;  // a member of a flagged cluster is flagged from here
    int minRequestsForRhythm = 30;  // fewer requests say nothing about daily rhythm
    QJsonObject toJson() const;
};

struct TopicInfo {
    QString id, name;
    bool highValue = false;
};

struct ClusterVerdict {
    int id = -1;
    int size = 0;
    double score = 0, coordination = 0, behaviour = 0, automation = 0, harvest = 0;
    bool flagged = false;
    QStringList reasons;  // most telling first
    std::vector<int64_t> members;
};

// Behaviour score of one account in [0, 1] with its reasons; fills f.score, f.reasons.
double scoreAccountBehaviour(AccountFeatures& f, const std::vector<TopicInfo>& topics,
                             const ScoringParams& p);

// Scores every cluster, flags clusters and their members, and writes plain-language reasons.
std::vector<ClusterVerdict> scoreClusters(std::vector<AccountFeatures>& features,
                                          const std::vector<Link>& links,
                                          const std::vector<TopicInfo>& topics,
                                          const std::vector<QString>& subnetNames,
                                          const ScoringParams& p);

}  // namespace quarry
