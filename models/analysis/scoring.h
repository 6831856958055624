// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <vector>

#include "accountfeatures.h"
#include "clustering.h"
#include "families.h"
#include "links.h"

namespace quarry {

// Default thresholds, set from what gives campaigns away in public reports and checked across
// the adversary matrix (tests/bench/README.md), never fitted to one data set. A campaign is
// several accounts tied together (coordination) that each show their own evidence: either
// reasoning harvest read from their prompts, or two of automation, harvest and lifecycle. Each
// hard negative shows one family at most: a support bot automates, a classroom or a company
// team shares a network, an evaluation run bursts.
struct ScoringParams {
    int minClusterSize = 5;
    double strong = 0.5;            // a family at or above this is strong evidence
    double suspect = 0.45;          // own evidence that makes an account a campaign suspect
    double minCoordination = 0.4;   // a core's coordination needed for a verdict
    double minLinkEvidence = 0.15;  // a link's informative strength to join two suspects
    int minRequestsForRhythm = 30;  // fewer requests say nothing about daily rhythm
    double mixtureMinShare = 0.03;  // share of an account's requests on a flagged cluster's templates
    int mixtureMinRequests = 10;
    QJsonObject toJson() const;
};

struct TopicInfo {
    QString id, name;
    bool highValue = false;
};

struct ClusterVerdict {
    int id = -1;
    int size = 0;
    double score = 0, coordination = 0, automation = 0, harvest = 0, lifecycle = 0;
    double behaviour = 0;  // median own evidence of the members
    bool flagged = false;
    bool core = false;  // a core of suspects carved out of a larger community
    QStringList reasons;  // most telling first
    QStringList families; // the families that carried the verdict
    std::vector<int64_t> members;
};

// Judges every account and cluster: measures each account's families, carves the cores of
// suspects out of the communities in `cluster` (updated in place: a core becomes a cluster of its
// own), flags cores whose evidence adds up, and writes plain-language reasons, including the
// evidence these logs could not show.
std::vector<ClusterVerdict> scoreClusters(std::vector<AccountFeatures>& features, std::vector<int32_t>& cluster,
                                          const std::vector<Link>& links, const CaseContext& ctx,
                                          const std::vector<TopicInfo>& topics,
                                          const std::vector<QString>& subnetNames, const ScoringParams& p,
                                          const ClusteringParams& clustering, QString* error);

}  // namespace quarry
