// SPDX-License-Identifier: GPL-3.0-or-later
#include "scoring.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace quarry {
namespace {

using baseline::clamp01;

QString pct(double share) { return QString::number(qRound(share * 100)) + QLatin1Char('%'); }

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    const size_t m = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(m), v.end());
    return v[m];
}

// What the members of one cluster share among themselves, per link type.
struct Shared {
    std::array<std::set<int64_t>, kLinkTypes> members;  // accounts with an in-cluster link of the type
    std::array<double, kLinkTypes> strengthSum{};
    std::array<int64_t, kLinkTypes> links{};
    std::set<int32_t> subnets, payments;
    const std::set<int64_t>& of(LinkType t) const { return members[static_cast<size_t>(t)]; }
    double meanStrength(int t) const {
        return links[static_cast<size_t>(t)] ? strengthSum[static_cast<size_t>(t)] / links[static_cast<size_t>(t)] : 0;
    }
};

// Coordination of a set of accounts: each kind of shared evidence counts by how many members
// carry it and how rare its keys are in this case; independent kinds reinforce (noisy-OR).
double coordinationOf(const Shared& e, double n) {
    double none = 1;
    for (int t = 0; t < kLinkTypes; ++t) none *= 1.0 - (e.members[static_cast<size_t>(t)].size() / n) * e.meanStrength(t);
    return 1.0 - none;
}

// What some kinds of a link's evidence say together about one operator (noisy-OR of strengths).
double evidenceOf(const Link& l, std::initializer_list<LinkType> types) {
    double none = 1;
    for (LinkType t : types) none *= 1.0 - l.strengthOf(t);
    return 1.0 - none;
}

void describeShared(const Shared& e, int size, const std::vector<QString>& subnetNames, QStringList& r) {
    auto count = [&](LinkType t) { return static_cast<int>(e.of(t).size()); };
    if (count(LinkType::Template) >= 2)
        r << QStringLiteral("%1 of %2 accounts send near-duplicate prompts (shared templates)")
                 .arg(count(LinkType::Template))
                 .arg(size);
    if (count(LinkType::StartStop) >= 2)
        r << QStringLiteral("%1 accounts started and stopped within a day of each other").arg(count(LinkType::StartStop));
    if (count(LinkType::Subnet) >= 2) {
        QStringList names;
        for (int32_t s : e.subnets)
            if (s >= 0 && static_cast<size_t>(s) < subnetNames.size() && names.size() < 3)
                names << subnetNames[static_cast<size_t>(s)];
        r << QStringLiteral("%1 accounts share %2 subnets (%3%4)")
                 .arg(count(LinkType::Subnet))
                 .arg(e.subnets.size())
                 .arg(names.join(QStringLiteral(", ")))
                 .arg(e.subnets.size() > 3 ? QStringLiteral(", ...") : QString());
    }
    if (count(LinkType::Ip) >= 2) r << QStringLiteral("%1 accounts share IP addresses").arg(count(LinkType::Ip));
    if (count(LinkType::Payment) >= 2)
        r << QStringLiteral("%1 accounts share %2 payment fingerprints").arg(count(LinkType::Payment)).arg(e.payments.size());
    if (count(LinkType::Organization) >= 2)
        r << QStringLiteral("%1 accounts belong to one organisation (weak evidence: companies group their own "
                            "accounts)")
                 .arg(count(LinkType::Organization));
    if (count(LinkType::CreationBurst) >= 2)
        r << QStringLiteral("%1 accounts were created in bursts of sign-ups").arg(count(LinkType::CreationBurst));
    if (count(LinkType::Sync) >= 2) r << QStringLiteral("%1 accounts are active in the same hours").arg(count(LinkType::Sync));
    if (count(LinkType::UserAgent) >= 2)
        r << QStringLiteral("%1 accounts share an uncommon user agent").arg(count(LinkType::UserAgent));
}

// Medians of the members' families and the traits behind them, for a verdict and its words.
struct MemberSummary {
    double automation = 0, harvest = 0, lifecycle = 0, behaviour = 0;
    bool contentHarvest = false;
    double requests = 0, cotShare = 0, medQuiet = 0, topShare = 0;
    int topTopic = -1, pivoted = 0, rhythmKnown = 0;
};

MemberSummary summarise(const std::vector<int64_t>& members, const std::vector<AccountFeatures>& features,
                        const std::vector<double>& own, const CaseContext& ctx, const ScoringParams& p) {
    MemberSummary s;
    std::vector<double> a, h, l, b, quiet;
    double cotRequests = 0;
    int content = 0;
    std::map<int, double> topicRequests;
    for (int64_t m : members) {
        const AccountFeatures& f = features[static_cast<size_t>(m)];
        a.push_back(f.automation);
        h.push_back(f.harvest);
        l.push_back(f.lifecycle);
        b.push_back(own[static_cast<size_t>(m)]);
        s.requests += static_cast<double>(f.requests);
        cotRequests += f.cotShare * static_cast<double>(f.requests);
        if (f.topTopic >= 0) topicRequests[f.topTopic] += f.topTopicShare * static_cast<double>(f.requests);
        if (f.requests >= p.minRequestsForRhythm) {
            quiet.push_back(f.quietShare);
            ++s.rhythmKnown;
        }
        s.pivoted += f.pivotHours >= 0 && f.pivotHours <= 48 && f.newModelShare >= 0.6;
        content += harvestFromContent(f, ctx) && f.harvest >= p.strong;
    }
    s.automation = median(a);
    s.harvest = median(h);
    s.lifecycle = median(l);
    s.behaviour = median(b);
    s.contentHarvest = content * 2 > static_cast<int>(members.size());
    s.cotShare = s.requests > 0 ? cotRequests / s.requests : 0;
    s.medQuiet = median(quiet);
    double best = 0;
    for (const auto& [t, r] : topicRequests)
        if (r > best) {
            best = r;
            s.topTopic = t;
        }
    s.topShare = s.requests > 0 ? best / s.requests : 0;
    return s;
}

int32_t findRoot(std::vector<int32_t>& parent, int32_t x) {
    while (parent[static_cast<size_t>(x)] != x) {
        parent[static_cast<size_t>(x)] = parent[static_cast<size_t>(parent[static_cast<size_t>(x)])];
        x = parent[static_cast<size_t>(x)];
    }
    return x;
}

// Cores: connected groups of suspects. A group is split only where Leiden finds parts of
// campaign size that hardly touch (two operators that share a prompt style but nothing else);
// a sparse but single network stays whole.
std::vector<int32_t> findCores(size_t n, const std::vector<Link>& suspectLinks, const ClusteringParams& clustering,
                               int minPart, QString* error) {
    std::vector<int32_t> parent(n);
    for (size_t i = 0; i < n; ++i) parent[i] = static_cast<int32_t>(i);
    std::vector<char> onEdge(n, 0);
    for (const Link& l : suspectLinks) {
        onEdge[static_cast<size_t>(l.a)] = onEdge[static_cast<size_t>(l.b)] = 1;
        const int32_t ra = findRoot(parent, l.a), rb = findRoot(parent, l.b);
        if (ra != rb) parent[static_cast<size_t>(std::max(ra, rb))] = std::min(ra, rb);
    }
    std::vector<int32_t> core(n, -1);
    for (size_t a = 0; a < n; ++a)
        if (onEdge[a]) core[a] = findRoot(parent, static_cast<int32_t>(a));
    const std::vector<int32_t> parts = clusterAccounts(n, suspectLinks, clustering, error);
    if (parts.size() != n) return {};
    // Per component: weight inside and across Leiden parts, and part sizes.
    std::map<int32_t, double> within, across;
    std::map<int32_t, std::map<int32_t, int>> partSize;
    for (size_t a = 0; a < n; ++a)
        if (core[a] >= 0) ++partSize[core[a]][parts[a]];
    for (const Link& l : suspectLinks)
        (parts[static_cast<size_t>(l.a)] == parts[static_cast<size_t>(l.b)] ? within : across)[core[static_cast<size_t>(l.a)]] +=
            l.weight;
    int32_t next = static_cast<int32_t>(n);  // new ids above every account id
    std::map<std::pair<int32_t, int32_t>, int32_t> splitId;
    for (size_t a = 0; a < n; ++a) {
        const int32_t c = core[a];
        if (c < 0) continue;
        const auto& sizes = partSize[c];
        int major = 0;
        for (const auto& [part, size] : sizes) major += size >= minPart;
        if (major < 2 || across[c] > 0.1 * within[c]) continue;
        const int32_t part = parts[a];
        if (sizes.at(part) < minPart) continue;  // small parts stay with the component's id
        auto [it, inserted] = splitId.try_emplace({c, part}, next);
        if (inserted) ++next;
        core[a] = it->second;
    }
    return core;
}

}  // namespace

QJsonObject ScoringParams::toJson() const {
    QJsonObject o;
    o.insert(QStringLiteral("min_cluster_size"), minClusterSize);
    o.insert(QStringLiteral("strong"), strong);
    o.insert(QStringLiteral("suspect"), suspect);
    o.insert(QStringLiteral("min_coordination"), minCoordination);
    o.insert(QStringLiteral("min_link_evidence"), minLinkEvidence);
    o.insert(QStringLiteral("min_requests_for_rhythm"), minRequestsForRhythm);
    o.insert(QStringLiteral("mixture_min_share"), mixtureMinShare);
    o.insert(QStringLiteral("mixture_min_requests"), mixtureMinRequests);
    return o;
}

namespace {

// Starting and stopping on the same days is operator evidence for accounts with nothing else in
// common (a ring on residential proxies without prompts), but on a short window it also bridges
// separate groups that each hold together by their own templates, payments or addresses: two
// campaigns, or a campaign and a class whose term happens to match. Such a core is split into the
// groups those links make (each judged on its own); members tied to no group by them go with the
// group their links weigh most towards. A core without two such groups of campaign size is left
// whole, so a ring held together by starting and stopping alone stays one.
//
// The same split on the other side (a prompt style shared by two operators, each holding together
// by start/stop or sign-up bursts) was tried and fragments one campaign into its sign-up cohorts:
// two rings that bought one phrasing bank stay merged (tests/bench/README.md, adversary matrix).
void splitAtBridges(std::vector<int32_t>& core, const std::vector<Link>& links, const ScoringParams& p,
                    std::initializer_list<LinkType> glue) {
    const size_t n = core.size();
    std::vector<int32_t> parent(n);
    for (size_t a = 0; a < n; ++a) parent[a] = static_cast<int32_t>(a);
    auto root = [&](int32_t x) {
        while (parent[static_cast<size_t>(x)] != x) x = parent[static_cast<size_t>(x)] = parent[static_cast<size_t>(parent[static_cast<size_t>(x)])];
        return x;
    };
    for (const Link& l : links) {
        const int32_t c = core[static_cast<size_t>(l.a)];
        if (c < 0 || c != core[static_cast<size_t>(l.b)]) continue;
        if (evidenceOf(l, glue) >= p.minLinkEvidence) parent[static_cast<size_t>(root(l.a))] = root(l.b);
    }
    // Groups of campaign size per core.
    std::vector<int32_t> groupSize(n, 0);
    for (size_t a = 0; a < n; ++a)
        if (core[a] >= 0) ++groupSize[static_cast<size_t>(root(static_cast<int32_t>(a)))];
    std::map<int32_t, int> bigGroups;  // core -> groups of campaign size
    for (size_t a = 0; a < n; ++a)
        if (core[a] >= 0 && root(static_cast<int32_t>(a)) == static_cast<int32_t>(a) && groupSize[a] >= p.minClusterSize)
            ++bigGroups[core[a]];
    bool any = false;
    for (const auto& [c, count] : bigGroups) any = any || count >= 2;
    if (!any) return;
    auto splits = [&](size_t a) {
        auto it = bigGroups.find(core[a]);
        return it != bigGroups.end() && it->second >= 2;
    };
    // Members outside every big group: the big group their links weigh most towards.
    std::map<std::pair<int32_t, int32_t>, double> pull;  // (member, group root) -> weight
    for (const Link& l : links) {
        const int32_t c = core[static_cast<size_t>(l.a)];
        if (c < 0 || c != core[static_cast<size_t>(l.b)] || !splits(static_cast<size_t>(l.a))) continue;
        for (int side = 0; side < 2; ++side) {
            const int32_t x = side ? l.b : l.a, y = side ? l.a : l.b;
            const int32_t gy = root(y);
            if (groupSize[static_cast<size_t>(root(x))] >= p.minClusterSize || groupSize[static_cast<size_t>(gy)] < p.minClusterSize) continue;
            pull[{x, gy}] += l.weight;
        }
    }
    std::vector<int32_t> target(n, -1);
    std::vector<double> best(n, 0);
    for (const auto& [key, w] : pull)
        if (w > best[static_cast<size_t>(key.first)]) {
            best[static_cast<size_t>(key.first)] = w;
            target[static_cast<size_t>(key.first)] = key.second;
        }
    // New core ids: one per big group, past every id in use.
    int32_t next = 0;
    for (int32_t c : core) next = std::max(next, c + 1);
    std::map<int32_t, int32_t> idOf;  // group root -> new core id
    for (size_t a = 0; a < n; ++a) {
        if (core[a] < 0 || !splits(a)) continue;
        int32_t g = root(static_cast<int32_t>(a));
        if (groupSize[static_cast<size_t>(g)] < p.minClusterSize) g = target[a];
        if (g < 0) {
            core[a] = -1;
            continue;
        }
        auto [it, inserted] = idOf.try_emplace(g, next);
        if (inserted) ++next;
        core[a] = it->second;
    }
}

}  // namespace

std::vector<ClusterVerdict> scoreClusters(std::vector<AccountFeatures>& features, std::vector<int32_t>& cluster,
                                          const std::vector<Link>& links, const CaseContext& ctx,
                                          const std::vector<TopicInfo>& topics,
                                          const std::vector<QString>& subnetNames, const ScoringParams& p,
                                          const ClusteringParams& clustering, QString* error) {
    const size_t n = features.size();
    // 1. Each account's own evidence.
    std::vector<double> own(n, 0);
    std::vector<char> suspect(n, 0);
    for (size_t a = 0; a < n; ++a) {
        if (features[a].requests == 0) continue;
        own[a] = scoreFamilies(features[a], ctx, topics, p);
        suspect[a] = own[a] >= p.suspect;
    }

    // 2. Cores: communities of suspects over the links that say something about a common
    // operator. A campaign inside a larger community of ordinary accounts is found and judged on
    // its own, and the ordinary members are never judged with it.
    // Only evidence of one operator joins a core: templates, payments, addresses and starting
    // and stopping together. Sign-up hours, active hours and user agents are shared by separate
    // networks by coincidence; they count towards coordination, never as glue.
    std::vector<Link> suspectLinks;
    for (const Link& l : links) {
        if (!suspect[static_cast<size_t>(l.a)] || !suspect[static_cast<size_t>(l.b)]) continue;
        const double glue =
            evidenceOf(l, {LinkType::Template, LinkType::Payment, LinkType::Ip, LinkType::Subnet, LinkType::StartStop});
        if (glue < p.minLinkEvidence) continue;
        suspectLinks.push_back(l);
        suspectLinks.back().weight = static_cast<float>(glue);
    }
    ClusteringParams coreParams = clustering;
    coreParams.minLinkWeight = p.minLinkEvidence;
    std::vector<int32_t> core = findCores(n, suspectLinks, coreParams, p.minClusterSize, error);
    if (core.size() != n) return {};
    suspectLinks.clear();
    suspectLinks.shrink_to_fit();

    splitAtBridges(core, links, p, {LinkType::Template, LinkType::Payment, LinkType::Ip, LinkType::Subnet});

    // Each member is judged as a member: it stays in a core only when it is tied to it by more
    // than shared hours (every round-the-clock client is active in every hour) and, where the
    // core's harvest is read from prompts, asks for the same kind of thing.
    {
        std::map<int32_t, std::vector<int64_t>> groups;
        for (size_t a = 0; a < n; ++a)
            if (core[a] >= 0) groups[core[a]].push_back(static_cast<int64_t>(a));
        // tieTypes: the link types tying an account to its core; strongTie: one strong link of
        // any type but shared hours; operatorTie: one strong link of the operator's own making
        // (templates, payments, addresses, organisation, sign-up bursts), not shared start and
        // stop days.
        std::vector<uint16_t> tieTypes(n, 0);
        std::vector<uint8_t> strongTie(n, 0), operatorTie(n, 0);
        for (const Link& l : links) {
            if (core[static_cast<size_t>(l.a)] < 0 || core[static_cast<size_t>(l.a)] != core[static_cast<size_t>(l.b)]) continue;
            for (int t = 0; t < kLinkTypes; ++t) {
                const double st = l.strength[static_cast<size_t>(t)] / 255.0;
                if (!l.count[static_cast<size_t>(t)] || st < p.minLinkEvidence) continue;
                const bool strong = t != static_cast<int>(LinkType::Sync) && st >= 2 * p.minLinkEvidence;
                for (int32_t x : {l.a, l.b}) {
                    tieTypes[static_cast<size_t>(x)] |= static_cast<uint16_t>(1u << t);
                    if (strong) strongTie[static_cast<size_t>(x)] = 1;
                    if (strong && t != static_cast<int>(LinkType::StartStop)) operatorTie[static_cast<size_t>(x)] = 1;
                }
            }
        }
        // Starting and stopping on the same days is what a campaign's lifetime has in common with
        // anyone active then. In a core most of whose members are tied by the operator's own
        // evidence, it does not tie a member on its own; a ring held together by nothing else
        // (residential proxies, no prompts) keeps it.
        constexpr uint16_t kLifetimeTypes = (1u << static_cast<int>(LinkType::Sync)) | (1u << static_cast<int>(LinkType::StartStop));
        for (const auto& [id, members] : groups) {
            const bool contentCarried = summarise(members, features, own, ctx, p).contentHarvest;
            size_t operatorTied = 0;
            for (int64_t a : members) operatorTied += operatorTie[static_cast<size_t>(a)];
            const bool operatorHeld = operatorTied * 2 >= members.size();
            for (int64_t a : members) {
                const size_t x = static_cast<size_t>(a);
                // Starting and stopping together marks a lifetime only for an account seen on
                // enough days of its span: one seen on under a third of them (a weekday worker
                // is seen on about two thirds) could have started or stopped on any, and meets a
                // ring's days by chance (a student with 5 active days in 16, seen at 6,677
                // accounts without prompts).
                const bool lifetimeOnly = (tieTypes[x] & ~kLifetimeTypes) == 0;
                const bool sparse = features[x].activeDays * 3 < std::max(1, features[x].spanDays);
                const bool tied =
                    operatorHeld
                        ? operatorTie[x] || __builtin_popcount(tieTypes[x] & ~kLifetimeTypes) >= 2
                        : (strongTie[x] || __builtin_popcount(tieTypes[x]) >= 2) &&
                              !(lifetimeOnly && sparse);
                const bool asksAlike = !contentCarried || features[x].harvest >= 0.5 * p.strong;
                if (!tied || !asksAlike) core[x] = -1;
            }
        }
    }

    // 3. Final clusters: each core of two or more becomes a cluster of its own; everyone else
    // keeps the community they were found in.
    std::map<int32_t, int> coreSize;
    for (int32_t c : core)
        if (c >= 0) ++coreSize[c];
    int32_t base = 0;
    for (int32_t c : cluster) base = std::max(base, c + 1);
    std::vector<char> isCoreId;
    {
        std::map<int32_t, int32_t> ids;  // raw id -> dense id in order of smallest account
        std::vector<int32_t> raw(n, -1);
        for (size_t a = 0; a < n; ++a) {
            if (core[a] >= 0 && coreSize[core[a]] >= 2) raw[a] = base + core[a];
            else raw[a] = cluster[a];
        }
        for (size_t a = 0; a < n; ++a) {
            if (raw[a] < 0) {
                cluster[a] = -1;
                continue;
            }
            auto [it, inserted] = ids.try_emplace(raw[a], static_cast<int32_t>(ids.size()));
            if (inserted) isCoreId.push_back(raw[a] >= base);
            cluster[a] = it->second;
        }
    }
    const size_t clusterCount = isCoreId.size();
    std::vector<ClusterVerdict> verdicts(clusterCount);
    for (size_t c = 0; c < clusterCount; ++c) {
        verdicts[c].id = static_cast<int>(c);
        verdicts[c].core = isCoreId[c];
    }
    for (size_t a = 0; a < n; ++a) {
        features[a].clusterId = cluster[a];
        if (cluster[a] >= 0 && features[a].requests > 0) verdicts[static_cast<size_t>(cluster[a])].members.push_back(static_cast<int64_t>(a));
    }

    // 4. What each cluster's members share among themselves.
    std::vector<Shared> shared(clusterCount);
    for (const Link& l : links) {
        const int32_t ca = cluster[static_cast<size_t>(l.a)];
        if (ca < 0 || ca != cluster[static_cast<size_t>(l.b)]) continue;
        Shared& e = shared[static_cast<size_t>(ca)];
        for (int t = 0; t < kLinkTypes; ++t)
            if (l.count[static_cast<size_t>(t)]) {
                e.members[static_cast<size_t>(t)].insert(l.a);
                e.members[static_cast<size_t>(t)].insert(l.b);
                e.strengthSum[static_cast<size_t>(t)] += l.strength[static_cast<size_t>(t)] / 255.0;
                ++e.links[static_cast<size_t>(t)];
            }
        if (l.has(LinkType::Subnet)) e.subnets.insert(l.key[static_cast<int>(LinkType::Subnet)]);
        if (l.has(LinkType::Payment)) e.payments.insert(l.key[static_cast<int>(LinkType::Payment)]);
        for (int32_t x : {l.a, l.b})
            features[static_cast<size_t>(x)].coordination =
                std::max(features[static_cast<size_t>(x)].coordination, static_cast<double>(l.informative));
    }

    // 5. Verdicts.
    const QStringList unavailable = ctx.unavailable();
    for (ClusterVerdict& v : verdicts) {
        v.size = static_cast<int>(v.members.size());
        if (v.size == 0) continue;
        const Shared& e = shared[static_cast<size_t>(v.id)];
        const MemberSummary s = summarise(v.members, features, own, ctx, p);
        v.coordination = coordinationOf(e, v.size);
        v.automation = s.automation;
        v.harvest = s.harvest;
        v.lifecycle = s.lifecycle;
        v.behaviour = s.behaviour;
        // Accounts that switch on and off together over a sustained operation live one life:
        // that is lifecycle evidence of the cluster, and operator-grade coordination (a team or
        // a class persists; a hackathon is over in a weekend).
        std::vector<double> spans;
        for (int64_t m : v.members) spans.push_back(features[static_cast<size_t>(m)].spanDays);
        const bool liveTogether = e.of(LinkType::StartStop).size() * 10 >= static_cast<size_t>(v.size) * 6 &&
                                  e.meanStrength(static_cast<int>(LinkType::StartStop)) >= 2 * p.minLinkEvidence &&
                                  median(spans) >= 7;
        if (liveTogether) v.lifecycle = std::max(v.lifecycle, 1.0);
        if (s.automation >= p.strong) v.families << QStringLiteral("automation");
        if (s.harvest >= p.strong) v.families << QStringLiteral("harvest");
        if (v.lifecycle >= p.strong) v.families << QStringLiteral("lifecycle");
        // Coordination must be corroborated: two kinds of shared evidence, or the operator's own
        // payments or addresses. Many independent users of one agent tool send its template
        // and nothing else.
        int kinds = 0;
        for (int t = 0; t < kLinkTypes; ++t)
            kinds += e.members[static_cast<size_t>(t)].size() * 10 >= static_cast<size_t>(v.size) * 3 &&
                     e.meanStrength(t) >= p.minLinkEvidence;
        const bool infrastructure = (e.of(LinkType::Payment).size() * 2 >= static_cast<size_t>(v.size) &&
                                     e.meanStrength(static_cast<int>(LinkType::Payment)) >= 2 * p.minLinkEvidence) ||
                                    (e.of(LinkType::Ip).size() * 2 >= static_cast<size_t>(v.size) &&
                                     e.meanStrength(static_cast<int>(LinkType::Ip)) >= 2 * p.minLinkEvidence);
        const bool corroborated = kinds >= 2 || infrastructure || liveTogether;
        const bool coordinated = v.coordination >= p.minCoordination && corroborated;
        // A pool of payment instruments, each funding several of the cluster's accounts, is how an
        // operator spreads one fleet over many accounts to stay under per-account and per-card
        // limits: a company pays with one card, unrelated people each with their own. With
        // automated traffic it carries a verdict where harvest cannot be read (no prompt text).
        // It cannot tell a pool from several companies' cards joined by something else, so it
        // is a metadata-only rule.
        const bool cardPool = e.payments.size() >= 3 && e.of(LinkType::Payment).size() * 2 >= static_cast<size_t>(v.size) &&
                              e.meanStrength(static_cast<int>(LinkType::Payment)) >= 2 * p.minLinkEvidence;
        // Only where prompts are absent: where they are present and read as something other than
        // harvest (one support template of many companies' bots, each company on its own card),
        // they have said what the fleet asks for. Seen at 16M requests: 84 support bots of 23
        // companies joined by their common template and flagged as a pool, before this.
        const bool pooledFleet = cardPool && s.automation >= p.strong && !ctx.prompts;
        const bool enough = s.contentHarvest || v.families.size() >= 2 || pooledFleet;
        v.flagged = v.core && v.size >= p.minClusterSize && coordinated && enough;
        const double sizeFactor = clamp01((v.size - 1.0) / 4.0);
        const double raw = sizeFactor * (0.4 * v.coordination + 0.6 * v.behaviour);
        v.score = v.flagged ? 0.5 + 0.5 * raw : 0.5 * raw;

        QStringList r;
        r << QStringLiteral("%1 accounts, %2 requests").arg(v.size).arg(static_cast<qint64>(s.requests));
        describeShared(e, v.size, subnetNames, r);
        if (s.rhythmKnown && s.medQuiet >= 0.12)
            r << QStringLiteral("traffic flat across 24 hours (median account's quietest 6 h carry %1)").arg(pct(s.medQuiet));
        if (s.cotShare >= 0.2) r << QStringLiteral("%1 of prompts ask for step-by-step reasoning").arg(pct(s.cotShare));
        if (s.topTopic >= 0 && static_cast<size_t>(s.topTopic) < topics.size() && s.topShare >= 0.4)
            r << QStringLiteral("%1 of prompts on %2%3")
                     .arg(pct(s.topShare), topics[static_cast<size_t>(s.topTopic)].name,
                          topics[static_cast<size_t>(s.topTopic)].highValue ? QStringLiteral(" (a high-value capability)")
                                                                            : QString());
        if (s.pivoted >= 2) r << QStringLiteral("%1 accounts moved to a newly released model within 48 h").arg(s.pivoted);
        if (v.flagged) {
            QStringList carried = v.families;
            if (s.contentHarvest && !carried.contains(QStringLiteral("harvest"))) carried << QStringLiteral("harvest");
            if (!s.contentHarvest && v.families.size() < 2)
                carried << QStringLiteral("a pool of %1 shared payment instruments").arg(e.payments.size());
            r.insert(1, QStringLiteral("flagged: coordination %1 with %2 evidence from the members' own traffic")
                            .arg(v.coordination, 0, 'f', 2)
                            .arg(carried.join(QStringLiteral(" and "))));
        } else {
            QStringList why;
            if (!v.core)
                why << QStringLiteral("its members show no campaign evidence of their own (automation, harvest or "
                                      "lifecycle)");
            if (v.size < p.minClusterSize)
                why << QStringLiteral("only %1 accounts (a campaign needs at least %2)").arg(v.size).arg(p.minClusterSize);
            if (v.coordination < p.minCoordination)
                why << QStringLiteral("little coordination (%1 < %2)").arg(v.coordination, 0, 'f', 2).arg(p.minCoordination, 0, 'f', 2);
            else if (!corroborated)
                why << QStringLiteral("coordinated by one kind of evidence only and no shared payment or address (many "
                                      "independent users of one tool share its template)");
            if (s.automation < p.strong)
                why << QStringLiteral("members' traffic does not look automated (median %1: %2)")
                           .arg(s.automation, 0, 'f', 2)
                           .arg(s.rhythmKnown * 2 < v.size
                                    ? QStringLiteral("too few requests per account to judge their rhythm")
                                    : QStringLiteral("human daily rhythm, median quietest-6h share %1").arg(pct(s.medQuiet)));
            if (s.harvest < p.strong)
                why << QStringLiteral("no harvesting evidence (median %1: %2 of prompts ask for reasoning)")
                           .arg(s.harvest, 0, 'f', 2)
                           .arg(pct(s.cotShare));
            if (v.core && coordinated && v.size >= p.minClusterSize && !enough)
                why << QStringLiteral("only %1 of automation, harvest and lifecycle is strong, and harvest is not read "
                                      "from prompts")
                           .arg(v.families.isEmpty() ? QStringLiteral("none") : v.families.join(QStringLiteral(", ")));
            r << QStringLiteral("not flagged: ") + why.join(QStringLiteral("; "));
        }
        if (!unavailable.isEmpty()) r << QStringLiteral("not in these logs: ") + unavailable.join(QStringLiteral("; "));
        v.reasons = r;

        for (int64_t a : v.members) {
            AccountFeatures& f = features[static_cast<size_t>(a)];
            f.flagged = v.flagged;
            f.score = 0.5 * own[static_cast<size_t>(a)] + 0.5 * v.score;
            f.reasons.prepend(QStringLiteral("member of %1cluster %2 (%3 accounts, score %4)")
                                  .arg(v.flagged ? QStringLiteral("flagged ") : QString())
                                  .arg(v.id)
                                  .arg(v.size)
                                  .arg(v.score, 0, 'f', 2));
        }
    }

    // 6. Successors and new recruits: an account with too little history to show its own
    // rhythm, paying with a flagged cluster's card or sending from its addresses, and not
    // clearly asking for something else, is flagged with it. Subnets, sign-up hours and start
    // days are shared with short-lived ordinary accounts too often to carry this.
    // The card or address must be the cluster's: most of the account's payment and address ties
    // lead to members flagged before this step. A campus NAT address that one member also used
    // is the campus's, and the accounts flagged here never pass the tie on (seen at 6,677
    // accounts without prompts: 100 students chained in through one member's campus address).
    {
        struct Ties {
            int all = 0;
            std::map<int32_t, int> toCluster;  // flagged cluster -> ties to its members
        };
        std::map<int32_t, Ties> ties;
        for (const Link& l : links) {
            double tie = 0;
            for (LinkType t : {LinkType::Payment, LinkType::Ip})
                if (l.has(t)) tie = std::max(tie, l.strengthOf(t));
            if (tie < 0.3) continue;
            for (int side = 0; side < 2; ++side) {
                const int32_t x = side ? l.b : l.a, y = side ? l.a : l.b;
                const AccountFeatures& f = features[static_cast<size_t>(x)];
                if (f.flagged || f.requests == 0) continue;
                if (f.requests >= p.minRequestsForRhythm && f.activeDays >= 3) continue;
                if (harvestFromContent(f, ctx) && f.harvest < 0.35) continue;
                Ties& t = ties[x];
                ++t.all;
                const AccountFeatures& g = features[static_cast<size_t>(y)];
                if (g.flagged && g.clusterId >= 0) ++t.toCluster[g.clusterId];
            }
        }
        for (const auto& [x, t] : ties) {
            int32_t cy = -1;
            int most = 0;
            for (const auto& [c, k] : t.toCluster)
                if (k > most) {
                    most = k;
                    cy = c;
                }
            if (cy < 0 || most * 2 <= t.all) continue;
            AccountFeatures& f = features[static_cast<size_t>(x)];
            ClusterVerdict& v = verdicts[static_cast<size_t>(cy)];
            if (f.clusterId >= 0 && f.clusterId != cy) {
                auto& old = verdicts[static_cast<size_t>(f.clusterId)].members;
                old.erase(std::remove(old.begin(), old.end(), static_cast<int64_t>(x)), old.end());
                --verdicts[static_cast<size_t>(f.clusterId)].size;
            }
            f.clusterId = cy;
            cluster[static_cast<size_t>(x)] = cy;
            v.members.push_back(x);
            ++v.size;
            f.flagged = true;
            f.score = 0.5 * own[static_cast<size_t>(x)] + 0.5 * v.score;
            f.reasons.prepend(QStringLiteral("flagged with cluster %1 (%2 accounts, score %3): shares its payment, "
                                             "addresses; too little history to judge its own rhythm")
                                  .arg(v.id)
                                  .arg(v.size)
                                  .arg(v.score, 0, 'f', 2));
        }
    }
    for (AccountFeatures& f : features)
        if (f.requests > 0 && f.clusterId < 0) {
            f.score = 0.5 * own[static_cast<size_t>(&f - features.data())];
            f.reasons.prepend(QStringLiteral("no links to other accounts"));
        }
    return verdicts;
}

}  // namespace quarry
