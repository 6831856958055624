// SPDX-License-Identifier: GPL-3.0-or-later
// The planted distillation campaigns: hydra account networks created in waves, proxy
// infrastructure, shared payment instruments, pinned templates, capped 24x7 pacing and the
// pivot to the newly released model.
#include <algorithm>
#include <cmath>
#include <limits>

#include "population.h"
#include "textbank.h"

namespace quarry::gen {

namespace {

constexpr std::int64_t kDayMs = 86400000;
constexpr std::int64_t kHourMs = 3600000;

struct CampaignKnobs {
    int caps[5] = {20, 25, 30, 36, 42};  // natural per-account daily caps
    double sizeSpread[2] = {0.4, 1.6};   // relative campaign sizes
    int waves[2] = {2, 4};
    double firstWaveShare = 0.5;
    double waveSpreadHours = 6;          // accounts of one wave appear within this many hours
    double banShare = 0.35;              // of accounts not in the last wave
    double residentialShare[2] = {0.15, 0.4};
    int dcSubnets[2] = {3, 6};
    int accountsPerPayment[2] = {4, 15};
    double smallOrgShare = 0.2;
    double customUaShare = 0.4;          // campaigns that run one non-crowd client string
    double pivotHours[2] = {2, 18};      // release -> campaign switches within a day
};

const char* const kFocusRules[] = {"c_agentic", "c_reason", "c_rubric", "c_censor"};
const Kind kFocusKinds[] = {Kind::AgenticCoding, Kind::ReasoningTraces, Kind::RubricGrading,
                            Kind::CensorshipRewrites};
// Real client libraries benign developers use too; a campaign standing on one is a weak signal.
const char* const kCampaignUas[] = {"Python/3.11 aiohttp/3.10.5", "okhttp/4.12.0",
                                    "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)"};
// Hosting geographies campaign datacenter accounts appear from.
const char* const kHostingCountries[] = {"US", "SG", "DE", "NL", "JP", "GB", "HK"};

std::uint8_t countryIndex(const char* code) {
    const auto& cs = World::countries();
    for (std::size_t i = 0; i < cs.size(); ++i)
        if (std::string_view(cs[i].code) == code) return static_cast<std::uint8_t>(i);
    return 0;
}

std::vector<int> splitSizes(int total, int k, Rng& rng, const CampaignKnobs& kn) {
    std::vector<double> w(static_cast<std::size_t>(k));
    double sum = 0;
    for (double& x : w) sum += (x = rng.uniform(kn.sizeSpread[0], kn.sizeSpread[1]));
    std::vector<int> sizes(static_cast<std::size_t>(k), 1);
    int left = total - k;
    for (int i = 0; i < k && left > 0; ++i) {
        const int extra = std::min(left, static_cast<int>(std::floor((total - k) * w[i] / sum)));
        sizes[i] += extra;
        left -= extra;
    }
    for (int i = 0; left > 0; i = (i + 1) % k, --left) ++sizes[i];
    return sizes;
}

void pinTemplates(CampaignSpec& cs, int rule, Rng& rng) {
    // A few pinned templates, unevenly used: the operator's favourite prompt dominates.
    pickTemplates(cs, rule, 3, 4, 0.3, 2.5, rng);
    const TextBank& tb = TextBank::builtin();
    tb.expand(tb.rule("house_style"), rng, cs.houseStyle);
}

void focusOf(CampaignSpec& cs, int index, Rng& rng) {
    cs.focus = kFocusKinds[index % 4];
    pinTemplates(cs, TextBank::builtin().rule(kFocusRules[index % 4]), rng);
}

// Campaign sizes: resellers are a handful of relay accounts (3-8); the others share the rest.
std::vector<int> campaignSizes(const PopulationOptions& o, Rng& rng, const CampaignKnobs& kn) {
    auto styleOf = [&](int c) { return o.styles[static_cast<std::size_t>(c) % o.styles.size()]; };
    int resellers = 0;
    for (int c = 0; c < o.campaigns; ++c) resellers += styleOf(c) == Style::Reseller;
    if (resellers == 0) return splitSizes(o.campaignAccounts, o.campaigns, rng, kn);
    const int others = o.campaigns - resellers;
    std::vector<int> sizes(static_cast<std::size_t>(o.campaigns), 0);
    int left = o.campaignAccounts;
    int resellersLeft = resellers;
    for (int c = 0; c < o.campaigns; ++c) {
        if (styleOf(c) != Style::Reseller) continue;
        --resellersLeft;
        // Keep 3 for every later reseller and 1 for every other campaign (validate() ensures it).
        const int room = left - 3 * resellersLeft - others;
        sizes[c] = std::clamp(rng.range(3, 8), 3, std::max(3, room));
        if (others == 0 && resellersLeft == 0) sizes[c] = left;  // only resellers: use them all
        left -= sizes[c];
    }
    if (others > 0) {
        const std::vector<int> rest = splitSizes(left, others, rng, kn);
        for (int c = 0, k = 0; c < o.campaigns; ++c)
            if (styleOf(c) != Style::Reseller) sizes[c] = rest[k++];
    }
    return sizes;
}

}  // namespace

void pickTemplates(CampaignSpec& cs, int rule, int minPinned, int maxPinned, double lowWeight,
                   double favourite, Rng& rng) {
    const TextBank& tb = TextBank::builtin();
    cs.rule = rule;
    const int available = tb.alternativeCount(cs.rule);
    std::vector<int> all(static_cast<std::size_t>(available));
    for (int i = 0; i < available; ++i) all[i] = i;
    for (int i = available - 1; i > 0; --i) std::swap(all[i], all[rng.below(i + 1)]);
    const int pinned = std::min(available, rng.range(minPinned, maxPinned));
    for (int i = 0; i < pinned; ++i) {
        cs.templates.push_back(all[i]);
        cs.templateWeights.push_back(rng.uniform(lowWeight, 1.0) * (i == 0 ? favourite : 1.0));
    }
}

void plantOperator(Population& pop, const PopulationOptions& o, CampaignSpec& cs, Rng& rng,
                   bool successor);

void plantCampaigns(Population& pop, const PopulationOptions& o, Rng& rng) {
    if (o.campaigns <= 0 || o.campaignAccounts <= 0) return;
    const CampaignKnobs kn;
    const std::vector<int> sizes = campaignSizes(o, rng, kn);
    int mimics = 0;
    for (int c = 0; c < o.campaigns; ++c) {
        CampaignSpec cs;
        cs.id = "C" + std::to_string(c + 1);
        cs.style = o.styles[static_cast<std::size_t>(c) % o.styles.size()];
        cs.accounts = sizes[c];
        switch (cs.style) {
            case Style::Mimic:
                plantMimic(pop, o, cs, mimics++, rng);
                continue;
            case Style::Reseller:
                focusOf(cs, c, rng);
                plantReseller(pop, o, cs, rng);
                continue;
            case Style::Successor:
                focusOf(cs, c, rng);
                plantSuccessor(pop, o, cs, rng);
                continue;
            case Style::Hydra:
                break;
        }
        focusOf(cs, c, rng);
        plantOperator(pop, o, cs, rng, false);
    }
}

void plantSuccessor(Population& pop, const PopulationOptions& o, CampaignSpec& cs, Rng& rng) {
    plantOperator(pop, o, cs, rng, true);
}

// A hydra operator. With successor set, its accounts come in two generations instead of waves:
// the first is banned in one sweep and the second signs up within hours to carry on, with the
// same templates and pacing and either the same payment pool or the same subnet pool.
void plantOperator(Population& pop, const PopulationOptions& o, CampaignSpec& cs, Rng& rng,
                   bool successor) {
    const CampaignKnobs kn;
    cs.houseStyleShare = rng.uniform(0.5, 0.9);
    cs.coverShare = rng.uniform(0.03, 0.1);
    cs.dailyCap = rng.pick(kn.caps);
    // Pacing: evenly spaced per account, synchronised batches across accounts, or random.
    const double pacing = rng.uniform();
    cs.stratified = pacing < 0.35;
    if (pacing >= 0.35 && pacing < 0.7) cs.batchMinutes = rng.range(3, 15);
    cs.pacingKey = rng.next();
    const int subnets = rng.range(kn.dcSubnets[0], kn.dcSubnets[1]);
    for (int i = 0; i < subnets; ++i) cs.dcSubnets.push_back(pop.world.datacenterSubnet(rng));
    const int pool = std::clamp(cs.accounts * 2, 50, 5000);
    for (int i = 0; i < pool; ++i) {
        const std::size_t country = pop.world.pickCountry(rng);
        cs.proxyPool.push_back(pop.world.residentialIp(rng, country));
        cs.proxyCountry.push_back(static_cast<std::uint8_t>(country));
    }
    cs.adoptMs =
        pop.newModelReleaseMs +
        static_cast<std::int64_t>(rng.uniform(kn.pivotHours[0], kn.pivotHours[1]) * kHourMs);
    const bool customUa = rng.chance(kn.customUaShare);
    const std::uint8_t campaignUa = pop.world.addUa(rng.pick(kCampaignUas));
    const double residential = rng.uniform(kn.residentialShare[0], kn.residentialShare[1]);

    // Hydra waves: a big first wave just before the window, replacements later.
    const int waves = successor
                          ? std::min(2, o.days)
                          : std::min(rng.range(kn.waves[0], kn.waves[1]), std::max(1, o.days));
    std::vector<std::int64_t> waveStart(static_cast<std::size_t>(waves));
    waveStart[0] = o.startMs - rng.range(1, 6) * kDayMs + rng.below(18) * kHourMs;
    for (int w = 1; w < waves && successor; ++w)  // the sweep: 35-60% into the window
        waveStart[w] = o.startMs +
                       std::max(1, static_cast<int>(o.days * rng.uniform(0.35, 0.6))) * kDayMs +
                       rng.below(12) * kHourMs;
    for (int w = 1; w < waves && !successor; ++w) {
        const int lo = std::max(1, static_cast<int>(o.days * 0.15));
        const int hi = std::max(lo, static_cast<int>(o.days * 0.8));
        waveStart[w] =
            o.startMs + rng.range(lo, std::min(hi, o.days - 1)) * kDayMs + rng.below(18) * kHourMs;
    }
    std::sort(waveStart.begin() + 1, waveStart.end());

    std::vector<std::string> payments;
    const int paymentCount =
        std::max(1, cs.accounts / rng.range(kn.accountsPerPayment[0], kn.accountsPerPayment[1]));
    for (int i = 0; i < paymentCount; ++i) payments.push_back(randomToken(rng, "pmfp_", 14));
    // Successors keep one pool and rotate the other: new cards, or new hosting.
    const bool keepPayments = successor && rng.chance(0.5);
    std::vector<std::string> newPayments;
    std::vector<std::uint32_t> newSubnets;
    if (successor && keepPayments)
        for (std::size_t i = 0; i < cs.dcSubnets.size(); ++i)
            newSubnets.push_back(pop.world.datacenterSubnet(rng));
    if (successor && !keepPayments)
        for (int i = 0; i < paymentCount; ++i) newPayments.push_back(randomToken(rng, "pmfp_", 14));

    const int campaignIndex = static_cast<int>(pop.campaigns.size());
    std::string smallOrg;
    int smallOrgLeft = 0;
    for (int i = 0; i < cs.accounts; ++i) {
        AccountSpec a;
        a.label = Label::Campaign;
        a.kind = cs.focus;
        a.campaign = static_cast<std::int8_t>(campaignIndex);
        a.id = randomAccountId(rng);
        if (smallOrgLeft > 0) {
            a.org = smallOrg;
            --smallOrgLeft;
        } else {
            a.org = randomToken(rng, "org_", 12);
            if (rng.chance(kn.smallOrgShare)) {
                smallOrg = a.org;
                smallOrgLeft = rng.range(1, 3);
            }
        }
        // A successor's generation decides its pools, so it is drawn first.
        int wave = successor && waves == 2 && !rng.chance(0.5) ? 1 : 0;
        const auto& payPool = wave == 1 && !newPayments.empty() ? newPayments : payments;
        const auto& subnetPool = wave == 1 && !newSubnets.empty() ? newSubnets : cs.dcSubnets;
        a.generation = static_cast<std::uint8_t>(wave);
        a.payment = payPool[rng.below(static_cast<std::uint32_t>(payPool.size()))];
        a.keyCount = rng.chance(0.3) ? 2 : 1;
        for (int k = 0; k < a.keyCount; ++k) a.keys[k] = randomToken(rng, "key_", 16);
        a.rhythm = Rhythm::Flat;
        a.rate = static_cast<float>(cs.dailyCap);
        a.errorRate = 0.035f;  // running at the limit trips 429s now and then
        a.tokenScale = static_cast<float>(rng.uniform(0.9, 1.1));
        a.model = kFrontier1;
        a.apiStyle = 0;
        // Wave membership: half in the first wave, the rest spread over the replacements.
        if (!successor)
            wave = (waves == 1 || rng.chance(kn.firstWaveShare)) ? 0 : rng.range(1, waves - 1);
        a.createdMs = waveStart[wave] +
                      static_cast<std::int64_t>(rng.uniform() * kn.waveSpreadHours * kHourMs);
        if (successor && wave == 1)  // sign-ups trickle in over the day and a half after the sweep
            a.createdMs += static_cast<std::int64_t>(rng.uniform(2, 30) * kHourMs);
        a.firstDay = static_cast<std::int16_t>(
            std::max<std::int64_t>(0, (a.createdMs - o.startMs) / kDayMs));
        if (a.firstDay > o.days - 1) a.firstDay = static_cast<std::int16_t>(o.days - 1);
        a.lastDay = static_cast<std::int16_t>(o.days - 1);
        if (successor && wave == 0 && waves == 2) {
            // The sweep bans the whole first generation on one day.
            a.lastDay = static_cast<std::int16_t>(
                std::clamp(static_cast<int>((waveStart[1] - o.startMs) / kDayMs), int{a.firstDay},
                           o.days - 1));
        } else if (!successor && wave < waves - 1 && rng.chance(kn.banShare)) {
            // Banned around when the next wave shows up to replace it.
            const int next = static_cast<int>((waveStart[wave + 1] - o.startMs) / kDayMs);
            a.lastDay = static_cast<std::int16_t>(
                std::clamp(next + rng.range(-2, 1), int{a.firstDay}, o.days - 1));
        }
        a.adoptNewModelMs = cs.adoptMs + rng.below(4) * kHourMs + rng.below(3600000);
        if (rng.chance(residential)) {
            a.ipMode = IpMode::Residential;
            a.country = cs.proxyCountry[0];
        } else {
            a.ipMode = IpMode::Fixed;
            a.ipCount = static_cast<std::uint8_t>(rng.range(1, 2));
            for (int j = 0; j < a.ipCount; ++j)
                a.ips[j] = subnetPool[rng.below(static_cast<std::uint32_t>(subnetPool.size()))] +
                           2 + rng.below(250);
            a.country = countryIndex(rng.pick(kHostingCountries));
        }
        a.tzMinutes = World::countries()[a.country].tzMinutes;
        if (customUa && rng.chance(0.85)) {
            a.ua = a.ua2 = campaignUa;
        } else {
            a.ua = pop.world.pickPopularUa(rng);
            a.ua2 = a.ua;
        }
        a.apiStyle = static_cast<std::uint8_t>(pop.world.apiStyleForUa(a.ua, rng));
        a.guaranteedDay = static_cast<std::int16_t>(rng.range(a.firstDay, a.lastDay));
        pop.accounts.push_back(std::move(a));
    }
    pop.campaigns.push_back(std::move(cs));
}

}  // namespace quarry::gen
