// SPDX-License-Identifier: GPL-3.0-or-later
#include "scoring.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace quarry {
namespace {

double clamp01(double x) { return std::max(0.0, std::min(1.0, x)); }
QString pct(double share) { return QString::number(qRound(share * 100)) + QLatin1Char('%'); }

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    const size_t m = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + m, v.end());
    return v[m];
}

// A daily rhythm needs some requests over more than a couple of (partial) days to show.
bool rhythmKnown(const AccountFeatures& f, const ScoringParams& p) {
    return f.requests >= p.minRequestsForRhythm && f.activeDays >= 3;
}

struct Behaviour {
    double automation = 0, content = 0, combined = 0;
    double roundClock = 0, steady = 0, templated = 0, cot = 0, focus = 0, pivot = 0, young = 0;
    bool rhythmKnown = false;
};

Behaviour behaviourOf(const AccountFeatures& f, const std::vector<TopicInfo>& topics,
                      const ScoringParams& p) {
    Behaviour b;
    b.rhythmKnown = rhythmKnown(f, p);
    if (b.rhythmKnown) {
        // A person's quietest six hours carry almost nothing; a flat 24x7 client's carry 25%.
        b.roundClock = clamp01((f.quietShare - 0.04) / 0.14);
        if (f.spanDays >= 3) b.steady = clamp01((1.2 - f.dailyCv) / 0.9);
    }
    b.templated = clamp01((f.sharedTemplateShare - 0.2) / 0.6);
    b.cot = clamp01(f.cotShare / 0.4);
    const bool highValue = f.topTopic >= 0 && f.topTopic < static_cast<int>(topics.size()) &&
                           topics[static_cast<size_t>(f.topTopic)].highValue;
    b.focus = highValue ? clamp01((f.topTopicShare - 0.3) / 0.5) : 0;
    b.pivot = (f.pivotHours >= 0 && f.pivotHours <= 48 && f.newModelShare >= 0.6) ? 1 : 0;
    b.young = (f.ageAtHeavyUseDays >= 0 && f.ageAtHeavyUseDays < 3) ? 1 : 0;
    // Automation: how the account sends; content: what it asks for. Harvesting needs both: a
    // support bot automates without asking for reasoning or code, a student asks for
    // step-by-step maths by hand. Shared templates are coordination, judged per cluster.
    // Round-the-clock activity dominates automation because steady daily volume alone is
    // common among people with a routine.
    b.automation = clamp01(0.75 * b.roundClock + 0.25 * b.steady + 0.15 * b.pivot + 0.1 * b.young);
    b.content = std::max(b.cot, b.focus);
    b.combined = std::sqrt(b.automation * b.content);
    return b;
}

}  // namespace

QJsonObject ScoringParams::toJson() const {
    QJsonObject o;
    o.insert(QStringLiteral("min_cluster_size"), minClusterSize);
    o.insert(QStringLiteral("flag_score"), flagScore);
    o.insert(QStringLiteral("min_coordination"), minCoordination);
    o.insert(QStringLiteral("min_behaviour"), minBehaviour);
    o.insert(QStringLiteral("member_behaviour"), memberBehaviour);
    o.insert(QStringLiteral("min_requests_for_rhythm"), minRequestsForRhythm);
    return o;
}

double scoreAccountBehaviour(AccountFeatures& f, const std::vector<TopicInfo>& topics,
                             const ScoringParams& p) {
    const Behaviour b = behaviourOf(f, topics, p);
    QStringList r;
    if (b.roundClock >= 0.5)
        r << QStringLiteral("active round the clock: its quietest 6 hours still carry %1 of its "
                            "requests (a person's carry almost none)")
                 .arg(pct(f.quietShare));
    if (b.steady >= 0.5)
        r << QStringLiteral("steady machine pacing: daily volume varies by only %1 over %2 days "
                            "(peak %3 requests in one day)")
                 .arg(pct(f.dailyCv))
                 .arg(f.spanDays)
                 .arg(f.peakDaily);
    if (f.cotShare >= 0.2)
        r << QStringLiteral("%1 of prompts ask for step-by-step reasoning").arg(pct(f.cotShare));
    if (b.focus >= 0.3)
        r << QStringLiteral("%1 of prompts on one high-value capability (%2)")
                 .arg(pct(f.topTopicShare), topics[static_cast<size_t>(f.topTopic)].name);
    if (f.sharedTemplateShare >= 0.4)
        r << QStringLiteral("%1 of sampled prompts near-duplicate other accounts' prompts (shared "
                            "templates)")
                 .arg(pct(f.sharedTemplateShare));
    if (b.pivot > 0)
        r << QStringLiteral("moved %1 of its traffic to a newly released model within %2 h")
                 .arg(pct(f.newModelShare))
                 .arg(f.pivotHours, 0, 'f', 0);
    if (b.young > 0)
        r << QStringLiteral("heavy use began %1 days after the account was created")
                 .arg(f.ageAtHeavyUseDays, 0, 'f', 1);
    if (!b.rhythmKnown)
        r << QStringLiteral("too few requests (%1) to judge its daily rhythm").arg(f.requests);
    f.reasons = r;
    f.score = b.combined;
    f.automation = b.automation;
    f.harvest = b.content;
    return b.combined;
}

std::vector<ClusterVerdict> scoreClusters(std::vector<AccountFeatures>& features,
                                          const std::vector<Link>& links,
                                          const std::vector<TopicInfo>& topics,
                                          const std::vector<QString>& subnetNames,
                                          const ScoringParams& p) {
    int clusterCount = 0;
    for (const auto& f : features) clusterCount = std::max(clusterCount, f.clusterId + 1);
    std::vector<ClusterVerdict> verdicts(static_cast<size_t>(clusterCount));
    for (int c = 0; c < clusterCount; ++c) verdicts[static_cast<size_t>(c)].id = c;
    std::vector<double> behaviour(features.size(), 0);
    for (size_t a = 0; a < features.size(); ++a) {
        AccountFeatures& f = features[a];
        if (f.requests == 0) continue;
        behaviour[a] = scoreAccountBehaviour(f, topics, p);
        if (f.clusterId >= 0) verdicts[static_cast<size_t>(f.clusterId)].members.push_back(static_cast<int64_t>(a));
    }

    // Per cluster, which members have in-cluster evidence of each kind, and the shared keys.
    struct Evidence {
        std::set<int64_t> byType[kLinkTypes];
        std::set<int32_t> subnets, payments;
    };
    std::vector<Evidence> ev(verdicts.size());
    for (const Link& l : links) {
        const int ca = features[static_cast<size_t>(l.a)].clusterId;
        if (ca < 0 || ca != features[static_cast<size_t>(l.b)].clusterId) continue;
        Evidence& e = ev[static_cast<size_t>(ca)];
        for (int t = 0; t < kLinkTypes; ++t)
            if (l.count[t]) {
                e.byType[t].insert(l.a);
                e.byType[t].insert(l.b);
            }
        if (l.has(LinkType::Subnet)) e.subnets.insert(l.key[static_cast<int>(LinkType::Subnet)]);
        if (l.has(LinkType::Payment)) e.payments.insert(l.key[static_cast<int>(LinkType::Payment)]);
    }

    for (ClusterVerdict& v : verdicts) {
        v.size = static_cast<int>(v.members.size());
        if (v.size == 0) continue;
        const Evidence& e = ev[static_cast<size_t>(v.id)];
        const double n = v.size;
        auto share = [&](LinkType t) { return e.byType[static_cast<int>(t)].size() / n; };
        int templated = 0;
        double requests = 0, cotRequests = 0;
        std::vector<double> quiet, cv, memberScores, automation, harvest;
        std::map<int, double> topicRequests;
        int pivoted = 0;
        for (int64_t a : v.members) {
            const AccountFeatures& f = features[static_cast<size_t>(a)];
            templated += f.sharedTemplateShare >= 0.5;
            requests += f.requests;
            cotRequests += f.cotShare * f.requests;
            if (f.topTopic >= 0) topicRequests[f.topTopic] += f.topTopicShare * f.requests;
            if (f.requests >= p.minRequestsForRhythm) {
                quiet.push_back(f.quietShare);
                if (f.spanDays >= 3) cv.push_back(f.dailyCv);
            }
            memberScores.push_back(behaviour[static_cast<size_t>(a)]);
            automation.push_back(f.automation);
            harvest.push_back(f.harvest);
            pivoted += f.pivotHours >= 0 && f.pivotHours <= 48 && f.newModelShare >= 0.6;
        }
        const double templateShare = templated / n;
        const double infraShare = std::max({share(LinkType::Ip), share(LinkType::Subnet), share(LinkType::Payment)});
        const double burstShare = share(LinkType::CreationBurst);
        const double syncShare = share(LinkType::Sync);
        // Noisy-OR: independent kinds of coordination reinforce each other.
        v.coordination = 1.0 - (1.0 - 0.85 * templateShare) * (1.0 - 0.6 * infraShare) *
                                   (1.0 - 0.5 * burstShare) * (1.0 - 0.3 * syncShare);
        v.automation = median(automation);
        v.harvest = median(harvest);
        v.behaviour = median(memberScores);
        const double sizeFactor = clamp01((n - 2.0) / 8.0);
        v.score = sizeFactor * (v.coordination + v.automation + v.harvest) / 3.0;
        v.flagged = v.size >= p.minClusterSize && v.coordination >= p.minCoordination &&
                    v.automation >= p.minBehaviour && v.harvest >= p.minBehaviour &&
                    v.score >= p.flagScore;

        const double cotShare = requests > 0 ? cotRequests / requests : 0;
        int topTopic = -1;
        double topTopicReq = 0;
        for (const auto& [t, r] : topicRequests)
            if (r > topTopicReq) {
                topTopic = t;
                topTopicReq = r;
            }
        const double topShare = requests > 0 ? topTopicReq / requests : 0;
        const double medQuiet = median(quiet);

        QStringList r;
        r << QStringLiteral("%1 accounts, %2 requests").arg(v.size).arg(static_cast<qint64>(requests));
        if (templated >= 2)
            r << QStringLiteral("%1 of %2 accounts send near-duplicate prompts (shared templates)")
                     .arg(templated)
                     .arg(v.size);
        if (e.byType[static_cast<int>(LinkType::Subnet)].size() >= 2) {
            QStringList names;
            for (int32_t s : e.subnets)
                if (s >= 0 && static_cast<size_t>(s) < subnetNames.size() && names.size() < 3)
                    names << subnetNames[static_cast<size_t>(s)];
            r << QStringLiteral("%1 accounts share %2 subnets (%3%4)")
                     .arg(e.byType[static_cast<int>(LinkType::Subnet)].size())
                     .arg(e.subnets.size())
                     .arg(names.join(QStringLiteral(", ")))
                     .arg(e.subnets.size() > 3 ? QStringLiteral(", ...") : QString());
        }
        if (e.byType[static_cast<int>(LinkType::Ip)].size() >= 2)
            r << QStringLiteral("%1 accounts share IP addresses").arg(e.byType[static_cast<int>(LinkType::Ip)].size());
        if (e.byType[static_cast<int>(LinkType::Payment)].size() >= 2)
            r << QStringLiteral("%1 accounts share %2 payment fingerprints")
                     .arg(e.byType[static_cast<int>(LinkType::Payment)].size())
                     .arg(e.payments.size());
        if (e.byType[static_cast<int>(LinkType::CreationBurst)].size() >= 2)
            r << QStringLiteral("%1 accounts were created in bursts of sign-ups")
                     .arg(e.byType[static_cast<int>(LinkType::CreationBurst)].size());
        if (e.byType[static_cast<int>(LinkType::Sync)].size() >= 2)
            r << QStringLiteral("%1 accounts are active in the same hours")
                     .arg(e.byType[static_cast<int>(LinkType::Sync)].size());
        if (e.byType[static_cast<int>(LinkType::UserAgent)].size() >= 2)
            r << QStringLiteral("%1 accounts share an uncommon user agent")
                     .arg(e.byType[static_cast<int>(LinkType::UserAgent)].size());
        if (!quiet.empty() && medQuiet >= 0.12)
            r << QStringLiteral("traffic flat across 24 hours (median account's quietest 6 h carry %1)")
                     .arg(pct(medQuiet));
        if (!cv.empty() && median(cv) <= 0.5)
            r << QStringLiteral("steady pacing (median daily variation %1)").arg(pct(median(cv)));
        if (cotShare >= 0.2) r << QStringLiteral("%1 of prompts ask for step-by-step reasoning").arg(pct(cotShare));
        if (topTopic >= 0 && static_cast<size_t>(topTopic) < topics.size() && topShare >= 0.4)
            r << QStringLiteral("%1 of prompts on %2%3")
                     .arg(pct(topShare), topics[static_cast<size_t>(topTopic)].name,
                          topics[static_cast<size_t>(topTopic)].highValue
                              ? QStringLiteral(" (a high-value capability)")
                              : QString());
        if (pivoted >= 2)
            r << QStringLiteral("%1 accounts moved to a newly released model within 48 h").arg(pivoted);

        if (!v.flagged) {
            QStringList why;
            if (v.size < p.minClusterSize)
                why << QStringLiteral("only %1 accounts (a campaign needs at least %2)").arg(v.size).arg(p.minClusterSize);
            if (v.coordination < p.minCoordination)
                why << QStringLiteral("little coordination (%1 < %2)")
                           .arg(v.coordination, 0, 'f', 2)
                           .arg(p.minCoordination, 0, 'f', 2);
            if (v.automation < p.minBehaviour)
                why << QStringLiteral("members' traffic does not look automated (median %1 < %2: %3)")
                           .arg(v.automation, 0, 'f', 2)
                           .arg(p.minBehaviour, 0, 'f', 2)
                           .arg(quiet.size() * 2 < v.members.size()
                                    ? QStringLiteral("too few requests per account to judge their rhythm")
                                    : QStringLiteral("human daily rhythm, median quietest-6h share %1").arg(pct(medQuiet)));
            if (v.harvest < p.minBehaviour)
                why << QStringLiteral("no harvesting focus (median %1 < %2: %3 of prompts ask for reasoning, "
                                      "top topic %4 at %5)")
                           .arg(v.harvest, 0, 'f', 2)
                           .arg(p.minBehaviour, 0, 'f', 2)
                           .arg(pct(cotShare))
                           .arg(topTopic >= 0 && static_cast<size_t>(topTopic) < topics.size()
                                    ? topics[static_cast<size_t>(topTopic)].name
                                    : QStringLiteral("-"))
                           .arg(pct(topShare));
            if (why.isEmpty()) why << QStringLiteral("score %1 below %2").arg(v.score, 0, 'f', 2).arg(p.flagScore, 0, 'f', 2);
            r << QStringLiteral("not flagged: ") + why.join(QStringLiteral("; "));
        }
        v.reasons = r;

        for (int64_t a : v.members) {
            AccountFeatures& f = features[static_cast<size_t>(a)];
            const double own = behaviour[static_cast<size_t>(a)];
            f.score = 0.5 * own + 0.5 * v.score;
            // A member is flagged for its own harvesting behaviour, or for sharing the cluster's
            // infrastructure while asking for what the cluster harvests. Look-alike prompts alone
            // do not carry a verdict over to an account that sends like a person or a batch job.
            bool sharesInfrastructure = false;
            for (LinkType t : {LinkType::Payment, LinkType::Ip, LinkType::Subnet, LinkType::Organization})
                sharesInfrastructure = sharesInfrastructure || e.byType[static_cast<int>(t)].count(a) > 0;
            const bool shortHistory = !rhythmKnown(f, p);
            f.flagged = v.flagged && f.harvest >= p.memberBehaviour &&
                        (f.automation >= p.memberBehaviour || (sharesInfrastructure && shortHistory));
            if (v.flagged && !f.flagged) {
                QString why;
                if (f.harvest < p.memberBehaviour)
                    why = QStringLiteral("its prompts show no harvesting focus (%1)").arg(f.harvest, 0, 'f', 2);
                else if (shortHistory)
                    why = QStringLiteral("too little history to judge its rhythm and it shares no payment, "
                                         "address or organisation with the cluster");
                else
                    why = QStringLiteral("its own traffic does not look automated (%1)").arg(f.automation, 0, 'f', 2);
                f.reasons.prepend(QStringLiteral("in flagged cluster %1, but not flagged: %2").arg(v.id).arg(why));
            } else if (f.flagged && f.automation < p.memberBehaviour) {
                f.reasons.prepend(QStringLiteral("flagged with cluster %1 (%2 accounts, score %3): shares its payment, "
                                                 "addresses or organisation; too little history to judge its own rhythm")
                                      .arg(v.id)
                                      .arg(v.size)
                                      .arg(v.score, 0, 'f', 2));
            }
            else
                f.reasons.prepend(QStringLiteral("member of %1cluster %2 (%3 accounts, score %4)")
                                      .arg(v.flagged ? QStringLiteral("flagged ") : QString())
                                      .arg(v.id)
                                      .arg(v.size)
                                      .arg(v.score, 0, 'f', 2));
        }
    }
    for (AccountFeatures& f : features)
        if (f.requests > 0 && f.clusterId < 0) {
            f.score = 0.5 * behaviour[static_cast<size_t>(&f - features.data())];
            f.reasons.prepend(QStringLiteral("no links to other accounts"));
        }
    return verdicts;
}

}  // namespace quarry
