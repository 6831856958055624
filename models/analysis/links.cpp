// SPDX-License-Identifier: GPL-3.0-or-later
#include "links.h"

#include <algorithm>
#include <cmath>
#include <tuple>
#include <unordered_map>

#include "baseline.h"
#include "core/chunkedvector.h"
#include "core/flatpairindex.h"

namespace quarry {
namespace {

class LinkSet {
public:
    LinkSet(const LinkParams& p, size_t population) : params_(p), population_(population) {}

    void add(int32_t x, int32_t y, LinkType type, int32_t key, double strength) {
        if (x == y) return;
        const int32_t a = std::min(x, y), b = std::max(x, y);
        const uint64_t k = (static_cast<uint64_t>(static_cast<uint32_t>(a)) << 32) |
                           static_cast<uint32_t>(b);
        bool inserted = false;
        const uint32_t at = index_.findOrInsert(k, static_cast<uint32_t>(links_.size()), inserted);
        if (inserted) {
            Link& l = links_.emplace_back();
            l.a = a;
            l.b = b;
            l.key.fill(-1);
        }
        Link& l = links_[at];
        const int t = static_cast<int>(type);
        if (l.count[t] < UINT16_MAX) ++l.count[t];
        const uint8_t q = static_cast<uint8_t>(std::lround(baseline::clamp01(strength) * 255));
        if (l.key[t] < 0 || q > l.strength[t]) l.key[t] = key;
        l.strength[t] = std::max(l.strength[t], q);
    }

    // Links every member of a group to its next few members in a permutation drawn from the
    // group's key: connected, bounded degree, and different neighbours in every group.
    // Every link of the group carries the key's strength: its type's weight times its rarity
    // among the `population` active accounts (squared for templates: stock phrasing is common).
    template <typename Accept>
    void addGroup(std::vector<int32_t>& members, LinkType type, int32_t key, uint64_t salt,
                  Accept accept) {
        const size_t m = members.size();
        if (m < 2) return;
        // Template pairs are judged against the case's own baseline instead (buildLinks).
        const double rarity = type == LinkType::Template ? 1.0 : baseline::keyRarity(m, population_);
        const double strength = params_.informativeWeight[static_cast<size_t>(type)] * rarity;
        const uint64_t seed = minhash::mix64(salt * 0x9E3779B97F4A7C15ULL + static_cast<uint64_t>(key) + 1);
        std::sort(members.begin(), members.end(), [&](int32_t x, int32_t y) {
            return minhash::mix64(static_cast<uint64_t>(x) ^ seed) <
                   minhash::mix64(static_cast<uint64_t>(y) ^ seed);
        });
        const size_t k = std::min<size_t>(static_cast<size_t>(params_.neighboursPerGroup), m - 1);
        for (size_t i = 0; i < m; ++i)
            for (size_t j = 1; j <= k; ++j) {
                const size_t other = (i + j) % m;
                if (m <= k + 1 && other < i) continue;  // small groups: each pair once
                const double pair = accept(members[i], members[other]);  // 0 rejects; else scales
                if (pair > 0) add(members[i], members[other], type, key, strength * pair);
            }
    }
    void addGroup(std::vector<int32_t>& members, LinkType type, int32_t key, uint64_t salt) {
        addGroup(members, type, key, salt, [](int32_t, int32_t) { return 1.0; });
    }

    std::vector<Link> take() {
        index_ = FlatPairIndex();  // freed before the links are handed over
        return links_.take();
    }

private:
    const LinkParams& params_;
    size_t population_;
    FlatPairIndex index_;  // (a, b) -> position in links_
    ChunkedVector<Link> links_;
};

// An entry of a group list: (key, account), or both packed in one word (key << 32 | account),
// half the size, for the lists of 32-bit ids that grow with the requests (addresses).
int64_t keyOf(const std::pair<int64_t, int32_t>& e) {
    return e.first;
}
int32_t accountOf(const std::pair<int64_t, int32_t>& e) {
    return e.second;
}
int64_t keyOf(uint64_t e) {
    return static_cast<int64_t>(e >> 32);
}
int32_t accountOf(uint64_t e) {
    return static_cast<int32_t>(e & 0xFFFFFFFFu);
}

// Groups (key, account) entries by key and hands each group of two or more accounts to fn.
// Packed entries sort as their pairs do (keys and accounts are non-negative).
template <typename Entry, typename Fn>
void forEachGroup(std::vector<Entry>& entries, Fn fn) {
    std::sort(entries.begin(), entries.end());
    entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
    std::vector<int32_t> members;
    for (size_t i = 0; i < entries.size();) {
        size_t j = i;
        members.clear();
        while (j < entries.size() && keyOf(entries[j]) == keyOf(entries[i]))
            members.push_back(accountOf(entries[j++]));
        if (members.size() >= 2) fn(keyOf(entries[i]), members);
        i = j;
    }
}

// `sharedKeys`, when given, counts per account its values that some other account holds too.
void groupBySet(const std::vector<ContentAccumulator>& acc, FlatIntSet ContentAccumulator::*set,
                LinkType type, LinkSet& links, size_t maxGroup = SIZE_MAX,
                std::vector<int32_t>* sharedKeys = nullptr) {
    // Sized exactly: a list grown by doubling would hold up to three times its entries at once,
    // and the address lists grow with the requests (issue 15 item 10).
    size_t total = 0;
    for (const auto& a : acc) total += (a.*set).size();
    std::vector<uint64_t> entries;
    entries.reserve(total);
    for (size_t a = 0; a < acc.size(); ++a)
        (acc[a].*set).forEach([&](int32_t v) {
            entries.push_back(static_cast<uint64_t>(static_cast<uint32_t>(v)) << 32 | a);
        });
    if (sharedKeys) sharedKeys->assign(acc.size(), 0);
    forEachGroup(entries, [&](int64_t key, std::vector<int32_t>& members) {
        if (sharedKeys)
            for (int32_t m : members) ++(*sharedKeys)[static_cast<size_t>(m)];
        if (members.size() > maxGroup) return;
        links.addGroup(members, type, static_cast<int32_t>(key), static_cast<uint64_t>(type) + 11);
    });
}

// How far an account's shared addresses (or subnets) can be more than chance, 0..1. An account
// on a residential proxy pool takes a fresh address for most requests and so meets someone's
// home or office subnet by chance now and then: one shared subnet among its hundreds. Accounts
// of one operator (one office, a data-centre block, the operator's own rotating pool) share a
// sizeable part of theirs. Below a tenth shared, the evidence fades in proportion.
float infrastructureShare(int32_t shared, size_t held) {
    if (held == 0) return 0;
    return std::min(1.0f, static_cast<float>(shared) / (0.1f * static_cast<float>(held)));
}

// The share of each account's sampled prompts that near-duplicate prompts of an account it is
// template-linked to beyond chance (bands both hold).
void sharedTemplateShares(const std::vector<ContentAccumulator>& acc, const LinkParams& params, LinkOutput& out) {
    const auto& ak = out.accountTemplateKeys;
    // The keys an account shares with its partners are some of its own sorted band keys, so one
    // flag per own key holds them: memory follows keys, not links (a campaign account has
    // thousands of template partners sharing the same few keys).
    std::vector<std::vector<bool>> shared(acc.size());
    for (const Link& l : out.links) {
        if (l.strengthOf(LinkType::Template) < 0.3 * params.informativeWeight[0]) continue;
        const auto &ka = ak[static_cast<size_t>(l.a)], &kb = ak[static_cast<size_t>(l.b)];
        auto &sa = shared[static_cast<size_t>(l.a)], &sb = shared[static_cast<size_t>(l.b)];
        sa.resize(ka.size());
        sb.resize(kb.size());
        for (size_t i = 0, j = 0; i < ka.size() && j < kb.size();) {
            if (ka[i] < kb[j]) ++i;
            else if (kb[j] < ka[i]) ++j;
            else {
                sa[i++] = true;
                sb[j++] = true;
            }
        }
    }
    std::vector<uint64_t> keys;
    for (size_t a = 0; a < acc.size(); ++a) {
        const auto& sk = shared[a];
        if (sk.empty() || acc[a].sample.empty()) continue;
        const auto& own = ak[a];
        int hits = 0;
        for (const auto& s : acc[a].sample) {
            minhash::bandKeys(s.sig, params.templateBandRows, keys);
            for (uint64_t k : keys) {
                const int64_t key = templateKey(k);
                const auto it = std::lower_bound(own.begin(), own.end(), key);
                if (it != own.end() && *it == key && sk[static_cast<size_t>(it - own.begin())]) {
                    ++hits;
                    break;
                }
            }
        }
        out.sharedTemplateShare[a] = static_cast<double>(hits) / acc[a].sample.size();
    }
}

// Start and stop together: accounts whose first and last active days coincide (within a day)
// far more often than this case's own start and stop days explain. An operator switches a
// ring on and off at once; people join and leave one by one. Starts at the case's first day
// and stops at its last are unknown (the logs cut them), not shared.
void addStartStopLinks(const std::vector<AccountFeatures>& features, const LinkParams& params,
                       LinkSet& links) {
    constexpr int64_t kDayMs = 86400000;
    int64_t caseFirst = INT64_MAX, caseLast = INT64_MIN;
    for (const auto& f : features)
        if (f.requests > 0) {
            caseFirst = std::min(caseFirst, f.firstTs / kDayMs);
            caseLast = std::max(caseLast, f.lastTs / kDayMs);
        }
    if (caseFirst == INT64_MAX || caseLast - caseFirst < 4) return;
    struct Entry {
        int64_t key;
        int32_t account;
        int first, last;  // bucket indexes into the per-offset tallies; -1 = cut by the logs
        int offset;       // 0..3: which pair of day offsets
    };
    std::vector<Entry> entries;
    const int buckets = static_cast<int>((caseLast - caseFirst) / 2 + 2);
    std::vector<std::array<int, 4>> firstCount(static_cast<size_t>(buckets + 1)), lastCount(static_cast<size_t>(buckets + 1));
    for (auto& c : firstCount) c.fill(0);
    for (auto& c : lastCount) c.fill(0);
    // Tallies over every account active long enough, cut ones included: they are what the case
    // looks like. Keys only for accounts with a start or a stop inside the logs.
    int population = 0;
    for (size_t a = 0; a < features.size(); ++a) {
        const AccountFeatures& f = features[a];
        if (f.requests == 0 || f.spanDays < params.startStopMinSpanDays) continue;
        const int64_t d1 = f.firstTs / kDayMs - caseFirst, d2 = f.lastTs / kDayMs - caseFirst;
        const bool cutStart = d1 <= 1, cutEnd = d2 >= caseLast - caseFirst - 1;
        ++population;
        for (int o = 0; o < 4; ++o) {
            const int b1 = cutStart ? -1 : static_cast<int>((d1 + (o & 1)) / 2);
            const int b2 = cutEnd ? -1 : static_cast<int>((d2 + (o >> 1)) / 2);
            ++firstCount[static_cast<size_t>(b1 + 1)][o];
            ++lastCount[static_cast<size_t>(b2 + 1)][o];
            if (cutStart && cutEnd) continue;
            const int64_t key = (static_cast<int64_t>(o) << 40) | (static_cast<int64_t>(b1 + 1) << 20) | (b2 + 1);
            entries.push_back({key, static_cast<int32_t>(a), b1 + 1, b2 + 1, o});
        }
    }
    if (population < params.startStopMinAccounts) return;
    std::vector<std::pair<int64_t, int32_t>> pairs;
    std::unordered_map<int64_t, std::array<int, 3>> tally;  // key -> first count, last count, offset
    for (const Entry& e : entries) {
        pairs.emplace_back(e.key, e.account);
        tally[e.key] = {firstCount[static_cast<size_t>(e.first)][e.offset], lastCount[static_cast<size_t>(e.last)][e.offset], e.offset};
    }
    forEachGroup(pairs, [&](int64_t key, std::vector<int32_t>& members) {
        // What the rest of the case explains: accounts outside the group that started in that
        // window times those that stopped in that window, over the rest of the population.
        const auto& t = tally[key];
        const double m = static_cast<double>(members.size());
        const double rest = std::max(1.0, population - m);
        const double expected = std::max(0.0, t[0] - m) * std::max(0.0, t[1] - m) / rest;
        const double needed = std::max<double>(params.startStopMinAccounts, params.startStopFactor * expected);
        if (m >= needed) links.addGroup(members, LinkType::StartStop, static_cast<int32_t>(key & 0x7FFFFFFF), 13);
    });
}

}  // namespace

const char* linkTypeName(LinkType t) {
    switch (t) {
        case LinkType::Template: return "template";
        case LinkType::Payment: return "payment";
        case LinkType::Ip: return "ip";
        case LinkType::Subnet: return "subnet";
        case LinkType::Organization: return "organization";
        case LinkType::UserAgent: return "user_agent";
        case LinkType::Sync: return "sync";
        case LinkType::CreationBurst: return "creation_burst";
        case LinkType::StartStop: return "start_stop";
    }
    return "?";
}

LinkOutput buildLinks(const std::vector<AccountFeatures>& features,
                      const ContentPassOutput& content, const TemporalPassOutput& temporal,
                      const LinkParams& params) {
    LinkOutput out;
    const auto& acc = content.accounts;
    const size_t n = acc.size();
    out.sharedTemplateShare.assign(n, 0);
    out.templateReuse.assign(n, 0);
    out.templateGroupSize.assign(n, 0);
    size_t activeAccounts = 0;
    for (const auto& a : acc) activeAccounts += a.n > 0;
    LinkSet links(params, activeAccounts);

    // Templates. Each account's sampled prompts give LSH band keys; only each account's smallest
    // few keys become candidate links (the same template gives the same keys in every account,
    // so a network stays connected with a fraction of the links). Whether two accounts really
    // send the same templates is then judged against this case's own baseline: how many band
    // keys two accounts picked at random share. Stock phrasing that everyone uses raises the
    // baseline and so says nothing; an operator's templates put a pair far above it.
    {
        std::vector<std::pair<int64_t, int32_t>> linkEntries;
        std::vector<uint64_t> keys;
        out.accountTemplateKeys.assign(n, {});
        std::vector<int32_t> prompted;
        for (size_t a = 0; a < n; ++a) {
            const auto& sample = acc[a].sample;
            int reused = 0;
            auto& accountKeys = out.accountTemplateKeys[a];
            for (size_t i = 0; i < sample.size(); ++i) {
                minhash::bandKeys(sample[i].sig, params.templateBandRows, keys);
                for (uint64_t k : keys) accountKeys.push_back(templateKey(k));
                for (size_t j = 0; j < sample.size(); ++j)
                    if (j != i && minhash::similarity(sample[i].sig, sample[j].sig) >= 0.5) {
                        ++reused;
                        break;
                    }
            }
            std::sort(accountKeys.begin(), accountKeys.end());
            accountKeys.erase(std::unique(accountKeys.begin(), accountKeys.end()), accountKeys.end());
            for (size_t i = 0; i < accountKeys.size() && i < static_cast<size_t>(params.templateKeysPerAccount); ++i)
                linkEntries.emplace_back(accountKeys[i], static_cast<int32_t>(a));
            if (!sample.empty()) out.templateReuse[a] = static_cast<double>(reused) / sample.size();
            if (accountKeys.size() >= 8) prompted.push_back(static_cast<int32_t>(a));
        }
        const auto& ak = out.accountTemplateKeys;
        auto overlap = [&](int32_t x, int32_t y) {
            const auto &kx = ak[static_cast<size_t>(x)], &ky = ak[static_cast<size_t>(y)];
            if (kx.empty() || ky.empty()) return 0.0;
            size_t i = 0, j = 0, common = 0;
            while (i < kx.size() && j < ky.size()) {
                if (kx[i] < ky[j]) ++i;
                else if (ky[j] < kx[i]) ++j;
                else {
                    ++common;
                    ++i;
                    ++j;
                }
            }
            return static_cast<double>(common) / static_cast<double>(std::min(kx.size(), ky.size()));
        };
        // The baseline: random pairs of accounts with prompts, drawn deterministically; median
        // and robust spread, so a campaign that is a sizeable part of the case does not move it.
        baseline::Robust chance;
        if (prompted.size() >= 2) {
            const size_t pairs = std::min<size_t>(20000, prompted.size() * 4);
            std::vector<double> v;
            v.reserve(pairs);
            for (size_t i = 0; i < pairs; ++i) {
                const uint64_t h = minhash::mix64(i * 0x9E3779B97F4A7C15ULL + 17);
                const int32_t x = prompted[h % prompted.size()], y = prompted[(h >> 32) % prompted.size()];
                if (x != y) v.push_back(overlap(x, y));
            }
            chance = baseline::robust(std::move(v), 0.02);
        }
        out.templateBaseline = chance.median;
        out.templateBaselineSpread = chance.spread;
        int32_t groupId = 0;
        forEachGroup(linkEntries, [&](int64_t, std::vector<int32_t>& members) {
            links.addGroup(members, LinkType::Template, groupId++, 1, [&](int32_t x, int32_t y) {
                // Three spreads above chance begins to count; seven is certain.
                return baseline::clamp01((chance.z(overlap(x, y)) - 3.0) / 4.0);
            });
        });
    }

    groupBySet(acc, &ContentAccumulator::payments, LinkType::Payment, links);
    std::vector<int32_t> sharedIps, sharedSubnets;
    groupBySet(acc, &ContentAccumulator::ips, LinkType::Ip, links, SIZE_MAX, &sharedIps);
    groupBySet(acc, &ContentAccumulator::subnets, LinkType::Subnet, links, SIZE_MAX,
               &sharedSubnets);
    groupBySet(acc, &ContentAccumulator::orgs, LinkType::Organization, links);
    // A user agent shared by a sizeable part of the population (an SDK default) links nobody.
    groupBySet(acc, &ContentAccumulator::userAgents, LinkType::UserAgent, links,
               std::max<size_t>(2, static_cast<size_t>(params.popularUserAgentShare * activeAccounts)));

    // Synchronised activity: similar sets of active hours, for accounts active long enough.
    {
        std::vector<std::pair<int64_t, int32_t>> entries;
        std::vector<uint64_t> keys;
        for (size_t a = 0; a < n && a < features.size(); ++a) {
            if (features[a].activeHours < params.syncMinActiveHours) continue;
            minhash::bandKeys(temporal.activeHours[a], params.syncBandRows, keys);
            for (uint64_t k : keys)
                entries.emplace_back(templateKey(k), static_cast<int32_t>(a));
        }
        int32_t groupId = 0;
        forEachGroup(entries, [&](int64_t, std::vector<int32_t>& members) {
            links.addGroup(members, LinkType::Sync, groupId++, 7, [&](int32_t x, int32_t y) {
                return minhash::similarity(temporal.activeHours[x], temporal.activeHours[y]) >=
                       params.syncMinSimilarity;
            });
        });
    }

    // Creation bursts: sign-up hours far busier than the typical sign-up hour.
    {
        std::vector<std::pair<int64_t, int32_t>> entries;
        for (size_t a = 0; a < n; ++a)
            if (acc[a].createdAt != 0) entries.emplace_back(acc[a].createdAt / 3600000, static_cast<int32_t>(a));
        std::sort(entries.begin(), entries.end());
        if (!entries.empty()) {
            // The typical sign-up hour is the average over the whole sign-up history, silent
            // hours included: a median over busy hours alone would call every burst typical in a
            // case with few sign-ups.
            const double spanHours = static_cast<double>(entries.back().first - entries.front().first + 1);
            const double typical = std::max(1.0, static_cast<double>(entries.size()) / spanHours);
            const double threshold = std::max<double>(params.burstMinAccounts, params.burstFactor * typical);
            forEachGroup(entries, [&](int64_t hour, std::vector<int32_t>& members) {
                if (members.size() >= threshold)
                    links.addGroup(members, LinkType::CreationBurst, static_cast<int32_t>(hour), 5);
            });
        }
    }

    addStartStopLinks(features, params, links);

    out.links = links.take();
    sharedTemplateShares(acc, params, out);
    for (Link& l : out.links) {
        // A shared address or subnet counts as far as neither account's sharing looks like
        // chance (infrastructureShare): a proxy-pool account's one chance subnet ties it to nobody.
        for (auto [type, set, shared] :
             {std::tuple{LinkType::Ip, &ContentAccumulator::ips, &sharedIps},
              std::tuple{LinkType::Subnet, &ContentAccumulator::subnets, &sharedSubnets}}) {
            const auto t = static_cast<size_t>(type);
            if (!l.count[t]) continue;
            const auto a = static_cast<size_t>(l.a), b = static_cast<size_t>(l.b);
            const float f = std::min(infrastructureShare((*shared)[a], (acc[a].*set).size()),
                                     infrastructureShare((*shared)[b], (acc[b].*set).size()));
            l.strength[t] = static_cast<uint8_t>(std::lround(l.strength[t] * f));
        }
        float w = 0;
        double none = 1;
        for (int t = 0; t < kLinkTypes; ++t) {
            if (!l.count[t]) continue;
            const float s = l.strength[t] / 255.0f;
            const float rarity = params.informativeWeight[t] > 0 ? std::min(1.0f, s / params.informativeWeight[t]) : 1.0f;
            // A common key still joins accounts in the graph, but lightly.
            w += params.typeWeight[t] * std::sqrt(static_cast<float>(std::min<int>(l.count[t], 4))) * (0.25f + 0.75f * rarity);
            none *= 1.0 - s;
        }
        l.weight = w;
        l.informative = static_cast<float>(1.0 - none);
    }
    return out;
}

}  // namespace quarry
