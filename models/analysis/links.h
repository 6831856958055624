// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <array>
#include <cstdint>
#include <vector>

#include "accountfeatures.h"
#include "contentpass.h"
#include "temporalpass.h"

namespace quarry {

enum class LinkType : int {
    Template,       // near-duplicate prompts (MinHash + LSH)
    Payment,        // same payment fingerprint
    Ip,             // same IP address
    Subnet,         // same /24 (IPv4) or /48 (IPv6)
    Organization,   // same organization id
    UserAgent,      // same user agent, weighted by its rarity
    Sync,           // active in the same hours
    CreationBurst,  // created in the same burst of sign-ups
    StartStop,      // first and last active on the same days, more often than the case explains
};
inline constexpr int kLinkTypes = 9;
const char* linkTypeName(LinkType t);

// All evidence between two accounts (a < b, account ids).
struct Link {
    int32_t a = 0, b = 0;
    std::array<uint16_t, kLinkTypes> count{};  // shared keys seen, per type
    std::array<int32_t, kLinkTypes> key{};     // one shared key per type (subnet id, ip id, ...)
    // How much the strongest shared key of each type says about a common operator, 0..255:
    // its type's base weight times its rarity in this case (a subnet shared by hundreds of
    // accounts says little).
    std::array<uint8_t, kLinkTypes> strength{};
    float weight = 0;                          // graph weight for clustering
    float informative = 0;                     // 0..1: all types together (noisy-OR of strengths)
    bool has(LinkType t) const { return count[static_cast<int>(t)] > 0; }
    double strengthOf(LinkType t) const { return strength[static_cast<int>(t)] / 255.0; }
};

struct LinkParams {
    int neighboursPerGroup = 3;      // each account links to this many others per shared key
    int templateBandRows = 3;        // MinHash buckets per LSH band for prompts
    int templateKeysPerAccount = 16; // band keys per account that become links
    int syncBandRows = 4;
    double syncMinSimilarity = 0.5;
    int syncMinActiveHours = 48;
    int burstMinAccounts = 5;
    double burstFactor = 5.0;        // a burst is this many times the typical sign-up hour
    double popularUserAgentShare = 0.05;
    // Graph weight per link type. Prompt templates are the commonest evidence and can be shared
    // by unrelated operators (public prompt collections); payment, addresses and sign-up
    // bursts tie accounts to one operator, so they weigh more when networks are told apart.
    std::array<float, kLinkTypes> typeWeight = {0.35f, 1.0f, 0.6f, 0.4f, 0.3f, 0.3f, 0.2f, 0.3f, 0.4f};
    // How strongly one rare shared key of each type ties two accounts to one operator, before
    // rarity. Payments and addresses are operator infrastructure; an organisation is how
    // legitimate companies group their own accounts, so it says little; templates say much
    // unless the phrasing is common in the case (judged against the case's baseline). Being active
    // in the same hours is weak: every round-the-clock client is active in every hour.
    std::array<float, kLinkTypes> informativeWeight = {0.7f, 0.9f, 0.6f, 0.45f, 0.1f, 0.3f, 0.1f, 0.5f, 0.6f};
    int startStopMinAccounts = 5;
    double startStopFactor = 4.0;    // accounts sharing a start and stop, vs. what the case explains
    int startStopMinSpanDays = 3;
};

struct LinkOutput {
    std::vector<Link> links;
    std::vector<double> sharedTemplateShare;  // by account id
    std::vector<double> templateReuse;        // by account id
    // Size of the largest group of accounts sharing one key, per account and type (for reasons).
    std::vector<int32_t> templateGroupSize;   // by account id: accounts sharing its commonest band
    // Band keys of each account's sampled prompts, sorted: what template pairs and the mixture
    // check compare.
    std::vector<std::vector<int64_t>> accountTemplateKeys;
    // Share of band keys two random accounts of this case have in common (mean, spread).
    double templateBaseline = 0, templateBaselineSpread = 0;
};

// Builds links from grouped keys without ever enumerating all pairs: inside each group every
// member links to a few others chosen by a group-specific permutation, which keeps a group
// connected (and densely so when its members share many keys) at linear cost.
LinkOutput buildLinks(const std::vector<AccountFeatures>& features,
                      const ContentPassOutput& content, const TemporalPassOutput& temporal,
                      const LinkParams& params);

// The band-key form used for template grouping (non-negative, so it sorts with int64).
inline int64_t templateKey(uint64_t bandKey) { return static_cast<int64_t>(bandKey & 0x7FFFFFFFFFFFFFFFULL); }

}  // namespace quarry
