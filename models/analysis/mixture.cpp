// SPDX-License-Identifier: GPL-3.0-or-later
#include "mixture.h"

#include <sqlite3.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "minhash.h"
#include "store/sqlite.h"

namespace quarry {
namespace {

// Bounds on the extra reading: candidates are few (they already share a rare template key with
// a flagged cluster), but a case full of look-alike phrasing must not turn this into a second
// full pass.
constexpr size_t kMaxCandidates = 5000;
constexpr int64_t kMaxPrompts = 5000000;
constexpr int64_t kMaxLinkedPrompts = 1000000;  // of which for accounts found by their links only
// Bands of one prompt that must hit one cluster's keys: one band can be a common phrase.
constexpr int kMinBandHits = 2;

}  // namespace

bool findMixtures(sqlite3* db, std::vector<AccountFeatures>& features, std::vector<ClusterVerdict>& verdicts,
                  const LinkOutput& links, const LinkParams& linkParams, const ScoringParams& p,
                  const std::atomic<bool>* cancel, MixtureOutput& out, QString* error) {
    // Template keys of each flagged cluster: keys its members hold far more often than the rest
    // of the case (ten times the rate, at least 10% of members, and few holders outside). Phrasing everyone uses is
    // as common outside the cluster as inside, so it never marks a request as harvest.
    const auto& ak = links.accountTemplateKeys;
    const size_t n = std::min(features.size(), ak.size());
    auto inFlagged = [&](size_t a) {
        const AccountFeatures& f = features[a];
        return f.flagged && f.clusterId >= 0 && verdicts[static_cast<size_t>(f.clusterId)].flagged;
    };
    std::unordered_map<int64_t, std::unordered_map<int32_t, int32_t>> inside;  // key -> cluster -> members
    std::unordered_map<int32_t, int32_t> clusterMembers;
    int64_t withKeys = 0;
    for (size_t a = 0; a < n; ++a) {
        if (ak[a].empty()) continue;
        ++withKeys;
        if (!inFlagged(a)) continue;
        ++clusterMembers[features[a].clusterId];
        for (int64_t k : ak[a]) ++inside[k][features[a].clusterId];
    }
    for (auto it = inside.begin(); it != inside.end();) {
        for (auto c = it->second.begin(); c != it->second.end();)
            c = c->second >= 3 && c->second * 10 >= clusterMembers[c->first] ? std::next(c) : it->second.erase(c);
        it = it->second.empty() ? inside.erase(it) : std::next(it);
    }
    std::unordered_map<int64_t, int32_t> outside;
    for (size_t a = 0; a < n; ++a)
        if (!inFlagged(a))
            for (int64_t k : ak[a])
                if (inside.count(k)) ++outside[k];
    std::unordered_map<int64_t, int32_t> keyCluster;
    std::unordered_set<int64_t> publicKeys;
    int64_t flaggedWithKeys = 0;
    for (const auto& [c, m] : clusterMembers) flaggedWithKeys += m;
    const double others = std::max<int64_t>(1, withKeys - flaggedWithKeys);
    for (const auto& [key, byCluster] : inside) {
        const double outRate = (outside[key] + 1) / others;
        double best = 0;
        for (const auto& [c, m] : byCluster) {
            const double inRate = static_cast<double>(m) / clusterMembers[c];
            // A template also held by more than a quarter as many accounts outside the cluster
            // as inside is a shared tool's or a public prompt, not the operator's own.
            if (inRate >= 10 * outRate && outside[key] * 4 <= m && inRate > best) {
                best = inRate;
                keyCluster[key] = c;
            }
        }
        // The cluster's phrasing that is just as common outside: kept to tell a public
        // template's requests from the operator's own below.
        if (!keyCluster.count(key)) publicKeys.insert(key);
    }
    if (keyCluster.empty()) return true;

    std::vector<int64_t> candidates;
    for (size_t a = 0; a < n; ++a) {
        const AccountFeatures& f = features[a];
        if (f.flagged || f.requests < p.mixtureMinRequests) continue;
        for (int64_t k : ak[a])
            if (keyCluster.count(k)) {
                candidates.push_back(static_cast<int64_t>(a));
                break;
            }
    }
    // Accounts tied to a flagged cluster by any link come next: a reseller's sample of prompts
    // can miss a small harvest share, its addresses, hours or user agent rarely do.
    const size_t keyHits = candidates.size();
    {
        std::vector<char> seen(features.size(), 0);
        for (int64_t a : candidates) seen[static_cast<size_t>(a)] = 1;
        for (const Link& l : links.links)
            for (int side = 0; side < 2; ++side) {
                const size_t x = static_cast<size_t>(side ? l.b : l.a), y = static_cast<size_t>(side ? l.a : l.b);
                if (seen[x] || !inFlagged(y) || inFlagged(x) || features[x].requests < p.mixtureMinRequests ||
                    features[x].promptShare < 0.5)
                    continue;
                seen[x] = 1;
                candidates.push_back(static_cast<int64_t>(x));
            }
        // Heaviest first: a reseller carries much traffic.
        std::sort(candidates.begin() + static_cast<std::ptrdiff_t>(keyHits), candidates.end(),
                  [&](int64_t x, int64_t y) { return features[static_cast<size_t>(x)].requests > features[static_cast<size_t>(y)].requests; });
    }
    if (candidates.size() > kMaxCandidates) {
        out.capped = true;
        candidates.resize(kMaxCandidates);
    }

    // Each template key the scan may meet, numbered, so a matched request can keep which keys it
    // hit in four bytes apiece.
    std::unordered_map<int64_t, uint32_t> keyIndex;
    keyIndex.reserve(keyCluster.size());
    for (const auto& kc : keyCluster)
        keyIndex.emplace(kc.first, static_cast<uint32_t>(keyIndex.size()));

    sql::Statement s(db, "SELECT r.id, t.prompt FROM requests r JOIN request_text t ON t.id = r.id "
                         "WHERE r.account_id = ? ORDER BY r.ts");
    std::vector<uint64_t> keys;
    // A matched request, the keys it hit of its cluster's (`keyIds[first, first + count)`) and
    // how many of its keys are the cluster's public phrasing.
    struct Match {
        int64_t request;
        int32_t cluster;
        uint32_t first, count, publicHits;
    };
    std::vector<Match> matches;
    std::vector<uint32_t> keyIds, promptKeys;
    struct Tentative {
        int64_t account;
        int32_t cluster;
        int64_t prompts;
        std::vector<Match> hits;
        std::vector<uint32_t> keyIds;
    };
    std::vector<Tentative> tentative;
    for (const int64_t& a : candidates) {
        if (cancel && cancel->load()) {
            if (error) *error = QStringLiteral("analysis cancelled");
            return false;
        }
        const bool byLink = static_cast<size_t>(&a - candidates.data()) >= keyHits;
        if (out.promptsScanned >= (byLink ? kMaxLinkedPrompts : kMaxPrompts)) {
            out.capped = true;
            break;
        }
        ++out.accountsScanned;
        s.bind(1, a);
        int64_t prompts = 0;
        std::unordered_map<int32_t, int64_t> perCluster;
        matches.clear();
        keyIds.clear();
        while (s.step()) {
            ++prompts;
            minhash::Signature sig;
            if (!minhash::promptSignature(s.textView(1), sig)) continue;
            minhash::bandKeys(sig, linkParams.templateBandRows, keys);
            std::unordered_map<int32_t, int> bandHits;
            int32_t matched = -1;
            for (uint64_t k : keys) {
                const auto it = keyCluster.find(templateKey(k));
                if (it != keyCluster.end() && ++bandHits[it->second] >= kMinBandHits) matched = it->second;
            }
            if (matched < 0) continue;
            ++perCluster[matched];
            const auto first = static_cast<uint32_t>(keyIds.size());
            promptKeys.clear();
            uint32_t publicHits = 0;
            for (uint64_t k : keys) {
                const int64_t key = templateKey(k);
                const auto it = keyCluster.find(key);
                if (it != keyCluster.end() && it->second == matched)
                    promptKeys.push_back(keyIndex.at(key));
                else if (publicKeys.count(key))
                    ++publicHits;
            }
            std::sort(promptKeys.begin(), promptKeys.end());
            promptKeys.erase(std::unique(promptKeys.begin(), promptKeys.end()), promptKeys.end());
            keyIds.insert(keyIds.end(), promptKeys.begin(), promptKeys.end());
            matches.push_back(
                {s.int64(0), matched, first, static_cast<uint32_t>(promptKeys.size()), publicHits});
        }
        if (s.resultCode() != SQLITE_DONE) {
            if (error) *error = QStringLiteral("reading prompts for the mixture check failed: %1").arg(sql::lastError(db));
            return false;
        }
        s.reset();
        out.promptsScanned += prompts;
        AccountFeatures& f = features[static_cast<size_t>(a)];
        int32_t best = -1;
        int64_t bestHits = 0;
        for (const auto& [c, h] : perCluster)
            if (h > bestHits) {
                best = c;
                bestHits = h;
            }
        f.mixtureShare = prompts > 0 ? static_cast<double>(bestHits) / static_cast<double>(prompts) : 0;
        f.mixtureRequests = bestHits;
        if (best < 0 || bestHits < p.mixtureMinRequests || f.mixtureShare < p.mixtureMinShare) continue;
        Tentative t{a, best, prompts, {}, {}};
        for (const Match& m : matches)
            if (m.cluster == best) {
                t.hits.push_back({m.request, m.cluster, static_cast<uint32_t>(t.keyIds.size()),
                                  m.count, m.publicHits});
                t.keyIds.insert(t.keyIds.end(), keyIds.begin() + m.first,
                                keyIds.begin() + m.first + m.count);
            }
        tentative.push_back(std::move(t));
    }
    // A crowd is not a reseller: a template key carried by more accounts outside a flagged
    // cluster than a quarter of its size is a public prompt's or a popular tool's, shared by
    // independent users, and marks no request as harvest. Judged key by key, because an operator
    // can use a public tool template beside its own: the crowd on the one must not hide a
    // reseller on the other. An account carries a key when two of its matched requests hit it.
    // Counting a holder too many only costs a reseller; counting one too few could flag a crowd.
    std::vector<int32_t> crowd(keyIndex.size(), 0);
    for (const Tentative& t : tentative) {
        std::unordered_map<uint32_t, int64_t> uses;
        for (uint32_t k : t.keyIds) ++uses[k];
        for (const auto& [k, times] : uses)
            if (times >= 2) ++crowd[k];
    }
    for (Tentative& t : tentative) {
        AccountFeatures& f = features[static_cast<size_t>(t.account)];
        const ClusterVerdict& v = verdicts[static_cast<size_t>(t.cluster)];
        auto isPublic = [&](uint32_t k) { return crowd[k] * 4 > v.size; };
        std::vector<MixtureOutput::Hit> own;
        int32_t widestCrowd = 0;
        for (const Match& m : t.hits) {
            uint32_t privateKeys = 0, publicHits = m.publicHits;
            for (uint32_t i = m.first; i < m.first + m.count; ++i) {
                const uint32_t k = t.keyIds[i];
                if (isPublic(k)) {
                    widestCrowd = std::max(widestCrowd, crowd[k]);
                    ++publicHits;
                } else {
                    ++privateKeys;
                }
            }
            // The operator's own template, not a public one that shares a few bands with it.
            if (privateKeys >= kMinBandHits && privateKeys > publicHits)
                own.push_back({m.request, t.account, t.cluster});
        }
        const auto matched = static_cast<int64_t>(own.size());
        const double share =
            t.prompts > 0 ? static_cast<double>(matched) / static_cast<double>(t.prompts) : 0;
        const double before = f.mixtureShare;
        // What is left once public keys are set aside is the account's share of harvest.
        f.mixtureShare = share;
        f.mixtureRequests = matched;
        if (matched < p.mixtureMinRequests || share < p.mixtureMinShare) {
            f.reasons.prepend(
                QStringLiteral(
                    "%1% of its requests match the templates of flagged cluster %2, but so do %3 "
                    "other accounts outside it: a public or tool template, not counted")
                    .arg(before * 100, 0, 'f', 1)
                    .arg(t.cluster)
                    .arg(std::max(0, widestCrowd - 1)));
            continue;
        }
        f.flagged = true;
        f.score = std::max(f.score, 0.5 + 0.5 * share);
        f.reasons.prepend(
            QStringLiteral(
                "mixed traffic: %1% of its requests (%2 of %3) match the templates of flagged "
                "cluster %4 (%5 accounts): harvest carried inside ordinary traffic, as "
                "through a reseller or a leaked key")
                .arg(share * 100, 0, 'f', 1)
                .arg(matched)
                .arg(t.prompts)
                .arg(t.cluster)
                .arg(v.size));
        out.requests.insert(out.requests.end(), own.begin(), own.end());
    }
    return true;
}

}  // namespace quarry
