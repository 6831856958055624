// SPDX-License-Identifier: GPL-3.0-or-later
// The careful campaign styles public reports describe next to the round-the-clock hydra
// (DESIGN.md, "Once one style is caught, operators change it"):
// - mimic: a human-paced ring. Office hours of one time zone with a weekday rhythm, per-account
//   volumes of a benign power user, sticky residential-proxy exits with no /24 shared by two
//   accounts, the popular SDK user agents, a card of its own or the free tier, 10-20% ordinary
//   prompts, but one phrasing bank of slot-filled templates, one high-value capability,
//   reasoning requested in most prompts and every account starting and stopping together
//   inside a campaign window.
// - reseller: a few relay accounts of a reseller business that carry real end-user traffic
//   (several time zones, human hours) with 5-50% of a campaign's harvest mixed in (the
//   traffic-window setting of arXiv 2606.05725).
// The successor style is the hydra operator with a ban sweep (campaigns.cpp).
#include <algorithm>
#include <unordered_set>

#include "population.h"
#include "textbank.h"

namespace quarry::gen {

namespace {

constexpr std::int64_t kDayMs = 86400000;
constexpr std::int64_t kHourMs = 3600000;

struct MimicKnobs {
    double rateMedian = 28;  // requests on an active weekday: a benign power user
    double rateSigma = 0.45;
    double weekendFactor = 0.04;     // nearly silent on Saturday and Sunday
    double cover[2] = {0.10, 0.20};  // ordinary prompts mixed in
    double cot[2] = {0.90, 0.98};    // reasoning requested on harvest prompts
    double freeTier = 0.4;
    double windowShare[2] = {0.5, 0.75};  // campaign window, as a share of the case
    double newModelShare = 0.7;
};

struct ResellerKnobs {
    double rate[2] = {150, 700};       // relayed requests per day per account
    double harvest[2] = {0.05, 0.50};  // share of those that are the campaign's
};

// Mimic focus banks; the first two mimic campaigns share one, as two operators copying one
// public recipe would.
const char* const kMimicRules[] = {"m_reason", "m_code"};
const Kind kMimicKinds[] = {Kind::ReasoningTraces, Kind::AgenticCoding};

std::uint32_t subnetOf(std::uint32_t ip) {
    return ip & 0xFFFFFF00u;
}

// Every /24 any account already uses: a mimic exit must not share one.
std::unordered_set<std::uint32_t> usedSubnets(const Population& pop) {
    std::unordered_set<std::uint32_t> used;
    for (const AccountSpec& a : pop.accounts)
        for (int j = 0; j < a.ipCount; ++j) used.insert(subnetOf(a.ips[j]));
    return used;
}

AccountSpec campaignAccount(const Population& pop, const CampaignSpec& cs, Rng& rng) {
    AccountSpec a;
    a.label = Label::Campaign;
    a.kind = cs.focus;
    a.campaign = static_cast<std::int8_t>(pop.campaigns.size());
    a.id = randomAccountId(rng);
    a.org = randomToken(rng, "org_", 12);
    a.keyCount = rng.chance(0.25) ? 2 : 1;
    for (int k = 0; k < a.keyCount; ++k) a.keys[k] = randomToken(rng, "key_", 16);
    a.tokenScale = static_cast<float>(rng.uniform(0.85, 1.15));
    a.errorRate = 0.012f;
    a.model = kFrontier1;
    return a;
}

// The SDKs benign developers use most (world.cpp's first entries), by popularity.
std::uint8_t pickSdkUa(const Population& pop, Rng& rng) {
    return static_cast<std::uint8_t>(
        rng.weighted(pop.world.popularWeights.data(),
                     std::min<std::size_t>(7, pop.world.popularWeights.size())));
}

bool isWeekend(const PopulationOptions& o, int day) {
    const std::int64_t epochDay = o.startMs / kDayMs + day;
    const int weekday = static_cast<int>((epochDay + 4) % 7);  // 1970-01-01 was a Thursday
    return weekday == 0 || weekday == 6;
}

// A country whose 9:00-18:45 shift falls inside one UTC day (UTC-5 to UTC+9), so the shift's
// local date is the log's date and a weekend in the log is the ring's weekend.
std::size_t shiftCountry(const Population& pop, Rng& rng) {
    const auto& cs = World::countries();
    std::vector<double> w(cs.size(), 0.0);
    for (std::size_t i = 0; i < cs.size(); ++i)
        if (cs[i].tzMinutes >= -300 && cs[i].tzMinutes <= 540) w[i] = pop.world.countryWeights[i];
    return rng.weighted(w.data(), w.size());
}

}  // namespace

void plantMimic(Population& pop, const PopulationOptions& o, CampaignSpec& cs, int mimicIndex,
                Rng& rng) {
    const MimicKnobs k;
    const TextBank& tb = TextBank::builtin();
    const int focus = (mimicIndex / 2) % 2;
    cs.focus = kMimicKinds[focus];
    // A larger pinned set than hydra's, evenly used: the ring rotates its templates.
    pickTemplates(cs, tb.rule(kMimicRules[focus]), 4, 6, 0.6, 1.0, rng);
    cs.cotRule = tb.rule("m_cot");
    cs.cotShare = rng.uniform(k.cot[0], k.cot[1]);
    cs.coverShare = rng.uniform(k.cover[0], k.cover[1]);
    cs.houseStyleShare = 0;
    cs.newModelShare = k.newModelShare;
    cs.adoptMs = pop.newModelReleaseMs + static_cast<std::int64_t>(rng.uniform(10, 60) * kHourMs);

    // The window: start and stop days, inside the case when it is long enough.
    const int length =
        std::clamp(static_cast<int>(o.days * rng.uniform(k.windowShare[0], k.windowShare[1])),
                   std::min(o.days, 3), o.days);
    int start = o.days > length + 1 ? rng.range(1, o.days - length - 1) : 0;
    int stop = std::min(o.days - 1, start + length - 1);
    // Start on Monday to Thursday and stop on Tuesday to Friday, as an office would.
    while (start < stop && (isWeekend(o, start) || isWeekend(o, start + 1))) ++start;
    while (stop > start && (isWeekend(o, stop) || isWeekend(o, stop - 1))) --stop;
    // One time zone: the country whose office hours it keeps and whose home ISPs its proxies use.
    const std::size_t country = shiftCountry(pop, rng);
    std::unordered_set<std::uint32_t> used = usedSubnets(pop);
    for (int i = 0; i < cs.accounts; ++i) {
        AccountSpec a = campaignAccount(pop, cs, rng);
        a.rhythm = Rhythm::Office;
        a.country = static_cast<std::uint8_t>(country);
        a.tzMinutes = World::countries()[country].tzMinutes;
        a.rate = static_cast<float>(rng.lognormal(k.rateMedian, k.rateSigma));
        a.activeDayProb = static_cast<float>(rng.uniform(0.85, 0.97));
        a.weekendFactor = static_cast<float>(k.weekendFactor);
        if (!rng.chance(k.freeTier)) a.payment = randomToken(rng, "pmfp_", 14);
        a.ipMode = IpMode::Fixed;
        a.ipCount = static_cast<std::uint8_t>(rng.range(1, 3));
        for (int j = 0; j < a.ipCount; ++j) {
            std::uint32_t ip = 0;
            do ip = pop.world.residentialIp(rng, country);
            while (!used.insert(subnetOf(ip)).second);
            a.ips[j] = ip;
        }
        a.ua = pickSdkUa(pop, rng);
        a.ua2 = a.ua;
        a.apiStyle = static_cast<std::uint8_t>(pop.world.apiStyleForUa(a.ua, rng));
        // Sign-ups over the day or two before the window, during local office hours.
        const int signupDay = start - rng.range(0, 1);
        a.createdMs = o.startMs + signupDay * kDayMs + (9 + rng.below(9)) * kHourMs -
                      std::int64_t{a.tzMinutes} * 60000 +
                      rng.below(static_cast<std::uint32_t>(kHourMs));
        a.firstDay = static_cast<std::int16_t>(std::min(stop, start + rng.range(0, 1)));
        a.lastDay = static_cast<std::int16_t>(std::max<int>(a.firstDay, stop - rng.range(0, 1)));
        if (a.createdMs > o.startMs + a.firstDay * kDayMs)
            a.createdMs = o.startMs + a.firstDay * kDayMs -
                          rng.below(static_cast<std::uint32_t>(6 * kHourMs));
        a.adoptNewModelMs = cs.adoptMs + rng.below(static_cast<std::uint32_t>(12 * kHourMs));
        a.guaranteedDay = static_cast<std::int16_t>(rng.range(a.firstDay, a.lastDay));
        pop.accounts.push_back(std::move(a));
    }
    pop.campaigns.push_back(std::move(cs));
}

void plantReseller(Population& pop, const PopulationOptions& o, CampaignSpec& cs, Rng& rng) {
    const ResellerKnobs k;
    cs.houseStyleShare = rng.uniform(0.3, 0.7);
    cs.coverShare = 0;  // the cover is the end users' own traffic
    cs.adoptMs = pop.newModelReleaseMs + static_cast<std::int64_t>(rng.uniform(2, 24) * kHourMs);
    // One business: one org, one or two cards, relay servers in one hosting /24.
    const std::string org = randomToken(rng, "org_", 12);
    const std::string cards[2] = {randomToken(rng, "pmfp_", 14), randomToken(rng, "pmfp_", 14)};
    const std::uint32_t subnet = pop.world.datacenterSubnet(rng);
    // Its customers: a home market and two more time zones.
    static const std::int16_t kMarkets[] = {480, 480, -300, -480, 60, 330, 540, 0};
    std::array<std::int16_t, 3> tz{};
    for (auto& t : tz) t = rng.pick(kMarkets);
    const std::uint8_t relayUa = pop.world.addUa("Go-http-client/2.0");
    const std::int64_t createdMs = o.startMs - rng.range(40, 400) * kDayMs;
    for (int i = 0; i < cs.accounts; ++i) {
        AccountSpec a = campaignAccount(pop, cs, rng);
        a.org = org;
        a.payment = cards[rng.below(2)];
        a.rhythm = Rhythm::Relay;
        a.relayTz = tz;
        a.tzMinutes = tz[0];
        a.country = 0;
        for (std::size_t c = 0; c < World::countries().size(); ++c)
            if (World::countries()[c].tzMinutes == tz[0]) {
                a.country = static_cast<std::uint8_t>(c);
                break;
            }
        a.rate = static_cast<float>(rng.uniform(k.rate[0], k.rate[1]));
        a.harvestShare = static_cast<float>(rng.uniform(k.harvest[0], k.harvest[1]));
        a.ipCount = static_cast<std::uint8_t>(rng.range(1, 2));
        for (int j = 0; j < a.ipCount; ++j) a.ips[j] = subnet + 2 + rng.below(250);
        a.ua = relayUa;
        a.ua2 = pickSdkUa(pop, rng);  // some customers' own SDK strings pass through
        a.apiStyle = 0;
        a.model = rng.chance(0.5) ? kFrontier1 : kFrontier1Mini;
        a.createdMs = createdMs + rng.range(0, 30) * kDayMs;
        a.firstDay = 0;
        a.lastDay = static_cast<std::int16_t>(o.days - 1);
        a.adoptNewModelMs = cs.adoptMs;
        a.guaranteedDay = static_cast<std::int16_t>(rng.range(a.firstDay, a.lastDay));
        pop.accounts.push_back(std::move(a));
    }
    pop.campaigns.push_back(std::move(cs));
}

}  // namespace quarry::gen
