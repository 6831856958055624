// SPDX-License-Identifier: GPL-3.0-or-later
#include "links.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace quarry {
namespace {

class LinkSet {
public:
    explicit LinkSet(const LinkParams& p) : params_(p) { index_.reserve(1 << 20); }

    void add(int32_t x, int32_t y, LinkType type, int32_t key) {
        if (x == y) return;
        const int32_t a = std::min(x, y), b = std::max(x, y);
        const uint64_t k = (static_cast<uint64_t>(static_cast<uint32_t>(a)) << 32) |
                           static_cast<uint32_t>(b);
        auto [it, inserted] = index_.try_emplace(k, static_cast<uint32_t>(links_.size()));
        if (inserted) {
            links_.emplace_back();
            links_.back().a = a;
            links_.back().b = b;
            links_.back().key.fill(-1);
        }
        Link& l = links_[it->second];
        const int t = static_cast<int>(type);
        if (l.count[t] < UINT16_MAX) ++l.count[t];
        if (l.key[t] < 0) l.key[t] = key;
    }

    // Links every member of a group to its next few members in a permutation drawn from the
    // group's key: connected, bounded degree, and different neighbours in every group.
    template <typename Accept>
    void addGroup(std::vector<int32_t>& members, LinkType type, int32_t key, uint64_t salt,
                  Accept accept) {
        const size_t m = members.size();
        if (m < 2) return;
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
                if (accept(members[i], members[other])) add(members[i], members[other], type, key);
            }
    }
    void addGroup(std::vector<int32_t>& members, LinkType type, int32_t key, uint64_t salt) {
        addGroup(members, type, key, salt, [](int32_t, int32_t) { return true; });
    }

    std::vector<Link> take() { return std::move(links_); }

private:
    const LinkParams& params_;
    std::unordered_map<uint64_t, uint32_t> index_;
    std::vector<Link> links_;
};

// Groups (key, account) pairs by key and hands each group of two or more accounts to fn.
template <typename Fn>
void forEachGroup(std::vector<std::pair<int64_t, int32_t>>& entries, Fn fn) {
    std::sort(entries.begin(), entries.end());
    entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
    std::vector<int32_t> members;
    for (size_t i = 0; i < entries.size();) {
        size_t j = i;
        members.clear();
        while (j < entries.size() && entries[j].first == entries[i].first)
            members.push_back(entries[j++].second);
        if (members.size() >= 2) fn(entries[i].first, members);
        i = j;
    }
}

void groupBySet(const std::vector<ContentAccumulator>& acc,
                std::unordered_set<int32_t> ContentAccumulator::*set, LinkType type,
                LinkSet& links, size_t maxGroup = SIZE_MAX) {
    std::vector<std::pair<int64_t, int32_t>> entries;
    for (size_t a = 0; a < acc.size(); ++a)
        for (int32_t v : acc[a].*set) entries.emplace_back(v, static_cast<int32_t>(a));
    forEachGroup(entries, [&](int64_t key, std::vector<int32_t>& members) {
        if (members.size() > maxGroup) return;
        links.addGroup(members, type, static_cast<int32_t>(key), static_cast<uint64_t>(type) + 11);
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
    LinkSet links(params);
    size_t activeAccounts = 0;
    for (const auto& a : acc) activeAccounts += a.n > 0;

    // Templates: LSH band keys of each account's sampled prompts. Every key counts towards how
    // shared an account's prompts are; only each account's smallest few keys become links. The
    // same template gives the same keys in every account, so the smallest ones coincide and a
    // network stays connected with a fraction of the links.
    {
        std::vector<std::pair<int64_t, int32_t>> entries, linkEntries;
        std::vector<uint64_t> keys;
        std::vector<int64_t> accountKeys;
        for (size_t a = 0; a < n; ++a) {
            const auto& sample = acc[a].sample;
            int reused = 0;
            accountKeys.clear();
            for (size_t i = 0; i < sample.size(); ++i) {
                minhash::bandKeys(sample[i].sig, params.templateBandRows, keys);
                for (uint64_t k : keys) accountKeys.push_back(static_cast<int64_t>(k & 0x7FFFFFFFFFFFFFFFULL));
                for (size_t j = 0; j < sample.size(); ++j)
                    if (j != i && minhash::similarity(sample[i].sig, sample[j].sig) >= 0.5) {
                        ++reused;
                        break;
                    }
            }
            std::sort(accountKeys.begin(), accountKeys.end());
            accountKeys.erase(std::unique(accountKeys.begin(), accountKeys.end()), accountKeys.end());
            for (size_t i = 0; i < accountKeys.size(); ++i) {
                entries.emplace_back(accountKeys[i], static_cast<int32_t>(a));
                if (i < static_cast<size_t>(params.templateKeysPerAccount))
                    linkEntries.emplace_back(accountKeys[i], static_cast<int32_t>(a));
            }
            if (!sample.empty()) out.templateReuse[a] = static_cast<double>(reused) / sample.size();
        }
        // Which band keys are shared across accounts, to rate each sample afterwards.
        std::unordered_map<int64_t, int32_t> groupSize;
        forEachGroup(entries, [&](int64_t key, std::vector<int32_t>& members) {
            groupSize[key] = static_cast<int32_t>(members.size());
        });
        int32_t groupId = 0;
        forEachGroup(linkEntries, [&](int64_t, std::vector<int32_t>& members) {
            links.addGroup(members, LinkType::Template, groupId++, 1);
        });
        for (size_t a = 0; a < n; ++a) {
            const auto& sample = acc[a].sample;
            int shared = 0;
            for (const auto& s : sample) {
                minhash::bandKeys(s.sig, params.templateBandRows, keys);
                bool any = false;
                for (uint64_t k : keys) {
                    auto it = groupSize.find(static_cast<int64_t>(k & 0x7FFFFFFFFFFFFFFFULL));
                    if (it != groupSize.end()) {
                        any = true;
                        out.templateGroupSize[a] = std::max(out.templateGroupSize[a], it->second);
                    }
                }
                shared += any;
            }
            if (!sample.empty()) out.sharedTemplateShare[a] = static_cast<double>(shared) / sample.size();
        }
    }

    groupBySet(acc, &ContentAccumulator::payments, LinkType::Payment, links);
    groupBySet(acc, &ContentAccumulator::ips, LinkType::Ip, links);
    groupBySet(acc, &ContentAccumulator::subnets, LinkType::Subnet, links);
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
                entries.emplace_back(static_cast<int64_t>(k & 0x7FFFFFFFFFFFFFFFULL), static_cast<int32_t>(a));
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

    out.links = links.take();
    for (Link& l : out.links) {
        float w = 0;
        for (int t = 0; t < kLinkTypes; ++t)
            if (l.count[t]) w += params.typeWeight[t] * std::sqrt(static_cast<float>(std::min<int>(l.count[t], 4)));
        l.weight = w;
    }
    return out;
}

}  // namespace quarry
