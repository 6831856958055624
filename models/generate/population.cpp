// SPDX-License-Identifier: GPL-3.0-or-later
// The non-campaign population: benign users and the five kinds of hard negatives.
#include "population.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>
#include <unordered_set>

#include "accountbuilder.h"
#include "textbank.h"

namespace quarry::gen {

namespace {

constexpr std::int64_t kDayMs = 86400000;
constexpr std::int64_t kHourMs = 3600000;

// Volumes are "natural" (before --requests scaling): tuned so the defaults give ~200k-400k rows
// and the public-campaign scale lands campaigns at roughly half of all traffic.
struct BenignKnobs {
    // share of benign accounts per kind: casual, developer, student, writer, analyst
    double kindShare[5] = {45, 25, 12, 8, 10};
    double medianRate[5] = {3.0, 6.2, 3.6, 3.6, 5.5};  // requests on an active day
    double rateSigma = 0.8;
    double heavyTailAlpha = 2.4;  // Pareto multiplier: a few power users 10-30x the median
    double heavyTailCap = 30;
    double newAccountShare = 0.08;  // created inside the window
    double orgGroupShare = 0.12;    // accounts sharing an org with others
    double adoptNewModelShare = 0.5;
    double adoptMeanDays = 4;
};

struct HardNegativeKnobs {
    int accountsPerSupportOrg = 1500;  // one support org per this many accounts
    double supportRate[2] = {300, 900};
    int accountsPerBenchmark = 600;
    double benchBurst[2] = {300, 1200};
    int accountsPerSdkHeavy = 100;
    double sdkMedianRate = 60;
    int accountsPerOfficeTeam = 1500;
    int officeSize[2] = {10, 30};
    int accountsPerClassroom = 1500;
    int classSize[2] = {15, 60};
};

const char* const kFirstNames[] = {"john", "maria", "wei",   "li",     "anna",  "david", "sofia",
                                   "raj",  "yuki",  "chen",  "ahmed",  "laura", "mike",  "nina",
                                   "omar", "paul",  "sara",  "tom",    "kim",   "alex",  "ivan",
                                   "lucas", "emma", "noah",  "fatima", "diego", "hana",  "jin"};
const char* const kLastNames[] = {"smith",  "garcia", "wang",  "kumar",  "mueller", "rossi",
                                  "silva",  "tanaka", "nguyen", "kowalski", "ali",  "johnson",
                                  "brown",  "lee",    "martin", "zhang",  "patel",  "kim",
                                  "lopez",  "dubois", "sato",   "ivanov", "okafor", "haddad"};
const char* const kMailDomains[] = {"gmail.com",   "outlook.com", "yahoo.com",   "proton.me",
                                    "hotmail.com", "qq.com",      "163.com",     "icloud.com",
                                    "gmx.de",      "mail.ru",     "naver.com",   "yandex.com"};

// Topic weights per row: Coding Debug Math Writing Translation Knowledge Business Chitchat
// Agentic Data Health Travel Cooking Legal Sensitive.
const double kTopicWeights[][static_cast<int>(Topic::Count)] = {
    {1, 0.5, 1, 4, 2, 5, 1, 5, 0.3, 0.2, 2, 2, 2, 1, 1},          // 0 casual
    {8, 6, 1, 1, 0.5, 1, 0.5, 0.5, 2, 2, 0, 0.2, 0.2, 0.2, 0.1},  // 1 developer
    {3, 2, 6, 3, 2, 4, 0.3, 1, 0.2, 1, 0.5, 0.5, 0.5, 0.5, 0.7},  // 2 student
    {0.2, 0, 0.2, 10, 2, 2, 2, 1, 0, 0, 0.5, 1, 0.5, 0.5, 1},     // 3 writer
    {2, 1, 2, 2, 0.5, 2, 4, 0.3, 1, 6, 0.2, 0.2, 0.2, 1, 0.3},    // 4 analyst
    {0.5, 0.2, 0.5, 3, 2, 4, 1, 3, 6, 0.5, 1, 2, 1, 0.5, 0.5},    // 5 agent app
};

}  // namespace

std::uint8_t nativeLanguageOf(std::string_view country) {
    if (country == "DE") return 1;
    if (country == "ES" || country == "MX" || country == "AR") return 2;
    if (country == "FR") return 3;
    if (country == "BR") return 4;
    if (country == "CN" || country == "TW" || country == "HK") return 5;
    if (country == "JP") return 6;
    return 0;
}

int topicProfileCount() { return static_cast<int>(std::size(kTopicWeights)); }
const double* topicWeights(int profile) { return kTopicWeights[profile]; }

const char* labelName(Label l) {
    switch (l) {
        case Label::Benign: return "benign";
        case Label::HardNegative: return "hard_negative";
        case Label::Campaign: return "campaign";
    }
    return "";
}

const char* kindName(Kind k) {
    static const char* const names[] = {
        "casual",         "developer",           "student",        "writer",
        "analyst",        "support_bot",         "benchmark_run",  "sdk_heavy",
        "office_team",    "classroom",           "agentic_coding", "reasoning_traces",
        "rubric_grading", "censorship_rewrites", "cron_job",       "agentic_power_user",
        "campus_nat",     "saas_template",       "sdk_crowd"};
    return names[static_cast<int>(k)];
}

namespace {
const char* const kStyleNames[] = {"hydra", "mimic", "reseller", "successor"};
}

const char* styleName(Style s) {
    return kStyleNames[static_cast<int>(s)];
}

bool styleFromName(const std::string& name, Style& out) {
    for (std::size_t i = 0; i < std::size(kStyleNames); ++i)
        if (name == kStyleNames[i]) {
            out = static_cast<Style>(i);
            return true;
        }
    return false;
}

std::string randomToken(Rng& rng, const char* prefix, int length) {
    static const char kAlphabet[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    std::string s(prefix);
    for (int i = 0; i < length; ++i) s += kAlphabet[rng.below(36)];
    return s;
}

std::string randomAccountId(Rng& rng) {
    // Most platforms key accounts by an opaque id; some logs carry the sign-up e-mail instead.
    if (!rng.chance(0.18)) return randomToken(rng, "acct_", 10);
    std::string s = rng.pick(kFirstNames);
    switch (rng.below(3)) {
        case 0: s += '.'; s += rng.pick(kLastNames); break;
        case 1: s += rng.pick(kLastNames); break;
        default: s += '_'; s += rng.pick(kLastNames); break;
    }
    if (rng.chance(0.7)) s += std::to_string(rng.below(rng.chance(0.5) ? 100 : 10000));
    s += '@';
    s += rng.pick(kMailDomains);
    return s;
}

std::string AccountBuilder::uniqueId() {
    while (true) {
        std::string id = randomAccountId(rng);
        if (ids.insert(id).second) return id;
    }
}

AccountSpec AccountBuilder::base(Label label, Kind kind) {
    AccountSpec a;
    a.label = label;
    a.kind = kind;
    a.id = uniqueId();
    a.org = randomToken(rng, "org_", 12);
    a.payment = randomToken(rng, "pmfp_", 14);
    a.keyCount = rng.chance(0.2) ? 2 : 1;
    for (int k = 0; k < a.keyCount; ++k) a.keys[k] = randomToken(rng, "key_", 16);
    a.country = static_cast<std::uint8_t>(pop.world.pickCountry(rng));
    a.tzMinutes = World::countries()[a.country].tzMinutes;
    a.ua = pop.world.pickPopularUa(rng);
    a.ua2 = rng.chance(0.3) ? pop.world.pickPopularUa(rng) : a.ua;
    a.apiStyle = static_cast<std::uint8_t>(pop.world.apiStyleForUa(a.ua, rng));
    const double modelPick = rng.uniform();
    a.model = modelPick < 0.45   ? kFrontier1
              : modelPick < 0.75 ? kFrontier1Mini
              : modelPick < 0.9  ? kSwift
                                 : kCoder;
    a.createdMs = o.startMs - kDayMs -
                  static_cast<std::int64_t>(std::min(rng.exponential(250), 1000.0) * kDayMs) -
                  rng.below(static_cast<std::uint32_t>(kDayMs));
    a.firstDay = 0;
    a.lastDay = static_cast<std::int16_t>(o.days - 1);
    a.adoptNewModelMs = std::numeric_limits<std::int64_t>::max();
    a.ips[0] = pop.world.residentialIp(rng, a.country);
    a.tokenScale = static_cast<float>(rng.uniform(0.8, 1.25));
    return a;
}

void AccountBuilder::createdInside(AccountSpec& a, int day, std::int64_t offsetMs) {
    a.createdMs = o.startMs + day * kDayMs + offsetMs;
    a.firstDay = static_cast<std::int16_t>(day);
}

void AccountBuilder::finish(AccountSpec& a) {
    if (a.lastDay < a.firstDay) a.lastDay = a.firstDay;
    if (a.burstDay[0] >= 0)
        a.guaranteedDay = a.burstDay[0];
    else
        a.guaranteedDay = static_cast<std::int16_t>(rng.range(a.firstDay, a.lastDay));
    pop.accounts.push_back(std::move(a));
}

namespace {

struct Builder : AccountBuilder {
    void benign(int n) {
        const BenignKnobs k;
        static const Kind kinds[] = {Kind::Casual, Kind::Developer, Kind::Student, Kind::Writer,
                                     Kind::Analyst};
        std::size_t orgStart = pop.accounts.size();
        for (int i = 0; i < n; ++i) {
            const std::size_t ki = rng.weighted(k.kindShare, 5);
            AccountSpec a = base(Label::Benign, kinds[ki]);
            a.topicProfile = static_cast<std::uint8_t>(ki);
            a.rate = static_cast<float>(rng.lognormal(k.medianRate[ki], k.rateSigma) *
                                        std::min(rng.pareto(1, k.heavyTailAlpha), k.heavyTailCap));
            switch (a.kind) {
                case Kind::Casual:
                    a.rhythm = Rhythm::Evening;
                    a.activeDayProb = static_cast<float>(rng.uniform(0.1, 0.5));
                    a.weekendFactor = 1.3f;
                    if (rng.chance(0.35)) a.ua = a.ua2 = pop.world.pickBrowserUa(rng);
                    if (rng.chance(0.25)) a.ipMode = IpMode::Mobile;
                    if (rng.chance(0.4)) a.payment.clear();
                    break;
                case Kind::Developer:
                    a.rhythm = Rhythm::WorkHours;
                    a.activeDayProb = static_cast<float>(rng.uniform(0.4, 0.9));
                    a.weekendFactor = 0.3f;
                    if (rng.chance(0.5))  // a cloud VM next to the laptop
                        a.ips[a.ipCount++] = pop.world.datacenterSubnet(rng) + 1 + rng.below(250);
                    a.embedShare = rng.chance(0.2) ? 0.2f : 0.f;
                    if (rng.chance(0.2)) a.model = kCoder;
                    break;
                case Kind::Student:
                    a.rhythm = Rhythm::Student;
                    a.activeDayProb = static_cast<float>(rng.uniform(0.2, 0.6));
                    a.weekendFactor = 0.9f;
                    if (rng.chance(0.5)) a.ua = a.ua2 = pop.world.pickBrowserUa(rng);
                    if (rng.chance(0.3)) a.ipMode = IpMode::Mobile;
                    if (rng.chance(0.7)) a.payment.clear();
                    break;
                case Kind::Writer:
                    a.rhythm = rng.chance(0.5) ? Rhythm::Evening : Rhythm::WorkHours;
                    a.activeDayProb = static_cast<float>(rng.uniform(0.3, 0.7));
                    a.weekendFactor = 0.7f;
                    if (rng.chance(0.5)) a.ua = a.ua2 = pop.world.pickBrowserUa(rng);
                    break;
                default:
                    a.rhythm = Rhythm::WorkHours;
                    a.activeDayProb = static_cast<float>(rng.uniform(0.4, 0.8));
                    a.weekendFactor = 0.2f;
                    break;
            }
            // Many people outside the English-speaking world ask in their own language.
            if (rng.chance(0.35)) a.nativeLanguage = nativeLanguageOf(World::countries()[a.country].code);
            if (a.ipMode == IpMode::Fixed && rng.chance(0.3))
                a.ips[a.ipCount++] = pop.world.residentialIp(rng, a.country);
            a.apiStyle = static_cast<std::uint8_t>(pop.world.apiStyleForUa(a.ua, rng));
            if (rng.chance(k.newAccountShare))
                createdInside(a, rng.range(0, o.days - 1), rng.below(kDayMs));
            if (rng.chance(k.adoptNewModelShare))
                a.adoptNewModelMs = pop.newModelReleaseMs +
                                    static_cast<std::int64_t>(rng.exponential(k.adoptMeanDays) * kDayMs);
            // Small companies and families: a few accounts behind one org, often one card.
            if (i > 0 && rng.chance(k.orgGroupShare) && pop.accounts.size() > orgStart) {
                const AccountSpec& prev = pop.accounts.back();
                a.org = prev.org;
                if (rng.chance(0.5) && !prev.payment.empty()) a.payment = prev.payment;
            } else {
                orgStart = pop.accounts.size();
            }
            finish(a);
        }
    }

    int supportBots(int maxAccounts) {
        const HardNegativeKnobs k;
        const TextBank& tb = TextBank::builtin();
        const int orgs = std::max(1, o.accounts / k.accountsPerSupportOrg);
        int made = 0;
        for (int g = 0; g < orgs && made < maxAccounts; ++g) {
            SupportOrg org;
            tb.expand(tb.rule("hn_support_preamble"), rng, org.preamble);
            pop.supportOrgs.push_back(org);
            // Vendor connectors announce themselves; the crowd's SDK strings cover the rest.
            const std::uint8_t customUa =
                pop.world.addUa("helpdesk-connector/" + std::to_string(rng.range(1, 4)) + "." +
                                std::to_string(rng.range(0, 12)) + " (" +
                                randomToken(rng, "tenant-", 6) + ")");
            const std::string orgId = randomToken(rng, "org_", 12);
            const std::string pay = randomToken(rng, "pmfp_", 14);
            const std::uint32_t subnet = pop.world.datacenterSubnet(rng);
            const int n = std::min(rng.range(1, 3), maxAccounts - made);
            const std::uint8_t country = static_cast<std::uint8_t>(pop.world.pickCountry(rng));
            for (int j = 0; j < n; ++j, ++made) {
                AccountSpec a = base(Label::HardNegative, Kind::SupportBot);
                a.org = orgId;
                a.payment = pay;
                a.country = country;
                a.tzMinutes = World::countries()[country].tzMinutes;
                a.rhythm = Rhythm::Bot24x7;
                a.rate = static_cast<float>(rng.uniform(k.supportRate[0], k.supportRate[1]));
                a.ipCount = 2;
                a.ips[0] = subnet + 10 + rng.below(20);
                a.ips[1] = subnet + 40 + rng.below(20);
                if (rng.chance(0.7)) a.ua = a.ua2 = customUa;
                a.apiStyle = static_cast<std::uint8_t>(pop.world.apiStyleForUa(a.ua, rng));
                a.model = rng.chance(0.5) ? kFrontier1Mini : kSwift;
                a.group = static_cast<std::uint16_t>(pop.supportOrgs.size() - 1);
                a.errorRate = 0.005f;
                finish(a);
            }
        }
        return made;
    }

    int benchmarks(int maxAccounts) {
        const HardNegativeKnobs k;
        const int n = std::min(maxAccounts, std::max(1, o.accounts / k.accountsPerBenchmark));
        for (int i = 0; i < n; ++i) {
            AccountSpec a = base(Label::HardNegative, Kind::BenchmarkRun);
            a.rhythm = Rhythm::Bursts;
            a.rate = static_cast<float>(rng.uniform(k.benchBurst[0], k.benchBurst[1]));
            a.backgroundRate = 3;
            a.activeDayProb = 0.3f;
            a.weekendFactor = 0.2f;
            a.topicProfile = 1;
            a.group = static_cast<std::uint16_t>(rng.below(2));  // 0 MMLU-like, 1 GSM8K-like
            const std::uint32_t subnet = pop.world.datacenterSubnet(rng);
            a.ipCount = 2;
            a.ips[0] = subnet + 1 + rng.below(100);
            a.ips[1] = subnet + 101 + rng.below(100);
            a.ua = a.ua2 = static_cast<std::uint8_t>(rng.below(2));  // openai-python
            a.apiStyle = 0;
            const int bursts = std::min(o.days, rng.range(2, 4));
            // Labs evaluate a new model the day it ships: one burst right after the release.
            const int releaseDay = static_cast<int>((pop.newModelReleaseMs - o.startMs) / kDayMs);
            for (int b = 0; b < bursts; ++b) {
                int d = rng.range(0, o.days - 1);
                if (b == 0 && rng.chance(0.6) && releaseDay + 1 < o.days) {
                    d = releaseDay + 1;
                    a.adoptNewModelMs = pop.newModelReleaseMs + rng.below(20) * kHourMs;
                }
                a.burstDay[b] = static_cast<std::int16_t>(d);
                a.burstHour[b] = static_cast<std::uint8_t>(rng.range(0, 20));
            }
            a.burstHours = static_cast<std::uint8_t>(rng.range(2, 5));
            finish(a);
        }
        return n;
    }

    int sdkHeavy(int maxAccounts) {
        const HardNegativeKnobs k;
        const int n = std::min(maxAccounts, std::max(1, o.accounts / k.accountsPerSdkHeavy));
        for (int i = 0; i < n; ++i) {
            AccountSpec a = base(Label::HardNegative, Kind::SdkHeavy);
            a.rhythm = Rhythm::App;
            a.rate = static_cast<float>(rng.lognormal(k.sdkMedianRate, 0.7));
            // The most popular strings: this is where "shared user agent" evidence must not bite.
            a.ua = a.ua2 = static_cast<std::uint8_t>(rng.chance(0.6) ? 0 : rng.below(5));
            a.apiStyle = static_cast<std::uint8_t>(pop.world.apiStyleForUa(a.ua, rng));
            const std::uint32_t subnet = pop.world.datacenterSubnet(rng);
            a.ipCount = static_cast<std::uint8_t>(rng.range(1, 3));
            for (int j = 0; j < a.ipCount; ++j) a.ips[j] = subnet + 1 + rng.below(250);
            static const std::uint8_t profiles[] = {0, 1, 5, 3};
            a.topicProfile = rng.pick(profiles);
            a.embedShare = rng.chance(0.3) ? 0.3f : 0.f;
            finish(a);
        }
        return n;
    }

    int officeTeams(int maxAccounts) {
        const HardNegativeKnobs k;
        const int teams = std::max(1, o.accounts / k.accountsPerOfficeTeam);
        int made = 0;
        for (int t = 0; t < teams; ++t) {
            const int size = std::min({rng.range(k.officeSize[0], k.officeSize[1]),
                                       std::max(2, o.accounts / 10), maxAccounts - made});
            if (size < 2) break;
            const std::string orgId = randomToken(rng, "org_", 12);
            const std::string pay = randomToken(rng, "pmfp_", 14);
            const std::uint8_t country = static_cast<std::uint8_t>(pop.world.pickCountry(rng));
            const std::uint32_t nat = pop.world.residentialIp(rng, country) & 0xFFFFFF00u;
            for (int j = 0; j < size; ++j, ++made) {
                AccountSpec a = base(Label::HardNegative, Kind::OfficeTeam);
                a.org = orgId;
                a.payment = pay;
                a.country = country;
                a.tzMinutes = World::countries()[country].tzMinutes;
                a.rhythm = Rhythm::WorkHours;
                a.rate = static_cast<float>(rng.lognormal(7, 0.6));
                a.activeDayProb = static_cast<float>(rng.uniform(0.6, 0.95));
                a.weekendFactor = 0.08f;
                a.topicProfile = 1;
                a.group = static_cast<std::uint16_t>(t);
                a.ips[0] = nat + 1 + (j % 2);  // one office NAT
                a.ipCount = 1;
                if (rng.chance(0.3)) a.ips[a.ipCount++] = pop.world.residentialIp(rng, country);
                finish(a);
            }
        }
        return made;
    }

    int classrooms(int maxAccounts) {
        const HardNegativeKnobs k;
        const TextBank& tb = TextBank::builtin();
        static const char* const assignments[] = {"hn_hw_cs101", "hn_hw_stats", "hn_hw_calc"};
        const int classes = std::max(1, o.accounts / k.accountsPerClassroom);
        int made = 0;
        for (int c = 0; c < classes; ++c) {
            const int size = std::min({rng.range(k.classSize[0], k.classSize[1]),
                                       std::max(2, o.accounts / 8), maxAccounts - made});
            if (size < 2) break;
            pop.classrooms.push_back(ClassroomSpec{tb.rule(rng.pick(assignments))});
            const std::uint8_t country = static_cast<std::uint8_t>(pop.world.pickCountry(rng));
            const std::uint32_t campus = pop.world.residentialIp(rng, country) & 0xFFFFFF00u;
            const int day = rng.range(0, std::max(0, o.days - 3));
            // Everyone signs up during the first lab session (local 9:00 - 19:00).
            const std::int64_t sessionStart =
                9 * kHourMs - std::int64_t{World::countries()[country].tzMinutes} * 60000;
            for (int j = 0; j < size; ++j, ++made) {
                AccountSpec a = base(Label::HardNegative, Kind::Classroom);
                a.country = country;
                a.tzMinutes = World::countries()[country].tzMinutes;
                createdInside(a, day, 0);
                a.createdMs += std::clamp<std::int64_t>(
                    sessionStart + rng.below(static_cast<std::uint32_t>(10 * kHourMs)), 0,
                    kDayMs - kHourMs);
                a.lastDay = static_cast<std::int16_t>(std::min(o.days - 1, day + rng.range(2, 6)));
                a.rhythm = Rhythm::Student;
                a.rate = static_cast<float>(rng.lognormal(6, 0.5));
                a.activeDayProb = 0.8f;
                a.topicProfile = 2;
                a.group = static_cast<std::uint16_t>(pop.classrooms.size() - 1);
                a.ips[0] = campus + 1 + rng.below(6);
                a.ipCount = 1;
                if (rng.chance(0.4)) a.ips[a.ipCount++] = pop.world.residentialIp(rng, country);
                if (rng.chance(0.6)) a.ua = a.ua2 = pop.world.pickBrowserUa(rng);
                a.apiStyle = static_cast<std::uint8_t>(pop.world.apiStyleForUa(a.ua, rng));
                if (rng.chance(0.8)) a.payment.clear();
                finish(a);
            }
        }
        return made;
    }
};

}  // namespace

Population buildPopulation(const PopulationOptions& o) {
    Population pop;
    pop.startMs = o.startMs;
    pop.days = o.days;
    pop.newModelReleaseMs = o.startMs + (o.days / 2) * kDayMs + 17 * kHourMs;
    Rng rng(subKey(o.seed, 0xB0B));
    Builder b{{pop, o, rng, {}}};
    // Hard negatives take at most a quarter of the non-campaign accounts; benign gets the rest.
    int budget = o.accounts / 4;
    if (o.accounts >= 8) {
        budget -= b.supportBots(budget);
        budget -= b.benchmarks(budget);
        budget -= b.sdkHeavy(budget);
        budget -= b.officeTeams(budget);
        budget -= b.classrooms(budget);
        // The look-alikes of the careful styles; opt-in so default datasets keep their bytes.
        if (o.extraNegatives) plantExtraNegatives(b, budget + o.accounts * 3 / 20);
    }
    b.benign(o.accounts - static_cast<int>(pop.accounts.size()));
    Rng campaignRng(subKey(o.seed, 0xCA3));
    plantCampaigns(pop, o, campaignRng);
    // Campaign ids must not collide with anyone else's.
    for (std::size_t i = 0; i < pop.accounts.size(); ++i)
        if (pop.accounts[i].label == Label::Campaign && !b.ids.insert(pop.accounts[i].id).second)
            pop.accounts[i].id = b.uniqueId();
    return pop;
}

}  // namespace quarry::gen
