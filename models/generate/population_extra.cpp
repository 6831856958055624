// SPDX-License-Identifier: GPL-3.0-or-later
// Hard negatives that look like the careful campaign styles (--negatives all), each with one or
// two strong signals and nothing else, as issue 12 lists them:
// - cron jobs: metronome pacing, one report template, a cloud address;
// - agentic-coding power users: heavy days of long tool-loop sessions, coding focus, some
//   "plan first" reasoning, the coding-agent client strings many developers share;
// - a campus NAT: hundreds of unrelated students behind a few addresses of one /24, human hours;
// - SaaS apps: one template filled with thousands of end users' text, high volume, 24x7-ish;
// - an SDK crowd: many unrelated developers on the single most popular SDK string.
// (Company teams are population.cpp's office teams: one org, one NAT /24, one card, work hours.)
#include <algorithm>
#include <cmath>

#include "accountbuilder.h"
#include "textbank.h"

namespace quarry::gen {

namespace {

constexpr std::int64_t kDayMs = 86400000;

struct ExtraKnobs {
    int accountsPerCron = 400;
    int cronPeriods[5] = {5, 10, 15, 30, 60};  // minutes
    int accountsPerAgentUser = 120;
    double agentRate = 220;  // median requests on an active day
    int accountsPerCampus = 2000;
    int campusSize[2] = {120, 300};
    int accountsPerSaas = 1500;
    double saasRate = 2500;
    int accountsPerSdkCrowd = 40;
};

// Client strings of coding agents and IDE assistants: shared by every user of the tool.
const char* const kAgentUas[] = {"claude-cli/1.0.44 (external, cli)", "Cursor/0.42.3",
                                 "aider/0.62.1", "Cline/3.1.0", "opencode/0.3.12"};

int cronJobs(AccountBuilder& b, int budget) {
    const ExtraKnobs k;
    const TextBank& tb = TextBank::builtin();
    const int n = std::min(budget, std::max(1, b.o.accounts / k.accountsPerCron));
    for (int i = 0; i < n; ++i) {
        AccountSpec a = b.base(Label::HardNegative, Kind::CronJob);
        TemplateJob job;
        job.rule = tb.rule("hn_cron");
        tb.expand(tb.rule("hn_cron_preamble"), b.rng, job.preamble);
        b.pop.templateJobs.push_back(job);
        a.group = static_cast<std::uint16_t>(b.pop.templateJobs.size() - 1);
        a.rhythm = Rhythm::Metronome;
        a.periodMinutes = static_cast<std::uint16_t>(b.rng.pick(k.cronPeriods));
        a.rate = static_cast<float>(1440.0 / a.periodMinutes);
        a.ipCount = 1;
        a.ips[0] = b.pop.world.datacenterSubnet(b.rng) + 1 + b.rng.below(250);
        a.ua = a.ua2 = b.rng.chance(0.5) ? b.pop.world.addUa("python-requests/2.32.3")
                                         : static_cast<std::uint8_t>(b.rng.below(2));
        a.apiStyle = 0;
        a.model = b.rng.chance(0.6) ? kFrontier1Mini : kSwift;
        a.errorRate = 0.004f;
        b.finish(a);
    }
    return n;
}

int agentPowerUsers(AccountBuilder& b, int budget) {
    const ExtraKnobs k;
    const int n = std::min(budget, std::max(1, b.o.accounts / k.accountsPerAgentUser));
    for (int i = 0; i < n; ++i) {
        AccountSpec a = b.base(Label::HardNegative, Kind::AgenticPowerUser);
        a.rhythm = Rhythm::Marathon;
        a.rate = static_cast<float>(b.rng.lognormal(k.agentRate, 0.5));
        a.activeDayProb = static_cast<float>(b.rng.uniform(0.6, 0.9));
        a.weekendFactor = 0.5f;
        a.topicProfile = 1;  // developer
        a.ua = b.pop.world.addUa(b.rng.pick(kAgentUas));
        a.ua2 = b.rng.chance(0.5) ? a.ua : b.pop.world.pickPopularUa(b.rng);
        a.apiStyle = static_cast<std::uint8_t>(b.rng.chance(0.5) ? 1 : 0);
        a.model = b.rng.chance(0.5) ? kCoder : kFrontier1;
        // Early adopters: on the new model within a day or two of its release.
        a.adoptNewModelMs =
            b.pop.newModelReleaseMs + static_cast<std::int64_t>(b.rng.exponential(1.0) * kDayMs);
        if (b.rng.chance(0.5))  // a cloud dev box next to the laptop
            a.ips[a.ipCount++] = b.pop.world.datacenterSubnet(b.rng) + 1 + b.rng.below(250);
        b.finish(a);
    }
    return n;
}

int campusNat(AccountBuilder& b, int budget) {
    const ExtraKnobs k;
    const int campuses = std::max(1, b.o.accounts / k.accountsPerCampus);
    int made = 0;
    for (int c = 0; c < campuses; ++c) {
        const int size = std::min({b.rng.range(k.campusSize[0], k.campusSize[1]),
                                   std::max(2, b.o.accounts / 8), budget - made});
        if (size < 2) break;
        const std::uint8_t country = static_cast<std::uint8_t>(b.pop.world.pickCountry(b.rng));
        const std::uint32_t nat = b.pop.world.residentialIp(b.rng, country) & 0xFFFFFF00u;
        const int natAddresses = b.rng.range(2, 6);
        for (int j = 0; j < size; ++j, ++made) {
            AccountSpec a = b.base(Label::HardNegative, Kind::CampusNat);
            a.country = country;
            a.tzMinutes = World::countries()[country].tzMinutes;
            a.rhythm = Rhythm::Student;
            a.rate = static_cast<float>(b.rng.lognormal(3.5, 0.8));
            a.activeDayProb = static_cast<float>(b.rng.uniform(0.2, 0.6));
            a.weekendFactor = 0.7f;
            a.topicProfile = static_cast<std::uint8_t>(b.rng.chance(0.7) ? 2 : b.rng.below(5));
            a.ips[0] = nat + 1 + b.rng.below(static_cast<std::uint32_t>(natAddresses));
            a.ipCount = 1;
            if (b.rng.chance(0.3)) a.ips[a.ipCount++] = b.pop.world.residentialIp(b.rng, country);
            if (b.rng.chance(0.5)) a.ua = a.ua2 = b.pop.world.pickBrowserUa(b.rng);
            a.apiStyle = static_cast<std::uint8_t>(b.pop.world.apiStyleForUa(a.ua, b.rng));
            if (b.rng.chance(0.75)) a.payment.clear();
            if (b.rng.chance(0.35))
                a.nativeLanguage = nativeLanguageOf(World::countries()[country].code);
            b.finish(a);
        }
    }
    return made;
}

int saasApps(AccountBuilder& b, int budget) {
    const ExtraKnobs k;
    const TextBank& tb = TextBank::builtin();
    const int apps = std::max(1, b.o.accounts / k.accountsPerSaas);
    int made = 0;
    for (int s = 0; s < apps && made < budget; ++s) {
        TemplateJob job;
        job.rule = tb.rule("hn_saas");
        tb.expand(tb.rule("hn_saas_preamble"), b.rng, job.preamble);
        b.pop.templateJobs.push_back(job);
        const std::uint32_t subnet = b.pop.world.datacenterSubnet(b.rng);
        const std::string org = randomToken(b.rng, "org_", 12);
        const std::string pay = randomToken(b.rng, "pmfp_", 14);
        const int n = std::min(b.rng.range(1, 2), budget - made);
        for (int j = 0; j < n; ++j, ++made) {
            AccountSpec a = b.base(Label::HardNegative, Kind::SaasTemplate);
            a.org = org;
            a.payment = pay;
            a.group = static_cast<std::uint16_t>(b.pop.templateJobs.size() - 1);
            a.rhythm = Rhythm::App;
            a.rate = static_cast<float>(b.rng.lognormal(k.saasRate, 0.4) * (j == 0 ? 1.0 : 0.2));
            a.ipCount = static_cast<std::uint8_t>(b.rng.range(2, 3));
            for (int i = 0; i < a.ipCount; ++i) a.ips[i] = subnet + 1 + b.rng.below(250);
            a.ua = a.ua2 = static_cast<std::uint8_t>(b.rng.below(4));  // openai-python / NodeJS
            a.apiStyle = static_cast<std::uint8_t>(b.pop.world.apiStyleForUa(a.ua, b.rng));
            a.model = b.rng.chance(0.6) ? kFrontier1Mini : kSwift;
            a.errorRate = 0.006f;
            b.finish(a);
        }
    }
    return made;
}

int sdkCrowd(AccountBuilder& b, int budget) {
    const ExtraKnobs k;
    const int n = std::min(budget, std::max(2, b.o.accounts / k.accountsPerSdkCrowd));
    for (int i = 0; i < n; ++i) {
        AccountSpec a = b.base(Label::HardNegative, Kind::SdkCrowd);
        a.rhythm = Rhythm::WorkHours;
        a.rate = static_cast<float>(b.rng.lognormal(9, 0.7));
        a.activeDayProb = static_cast<float>(b.rng.uniform(0.4, 0.9));
        a.weekendFactor = 0.3f;
        a.topicProfile = static_cast<std::uint8_t>(b.rng.chance(0.6) ? 1 : 4);
        a.ua = a.ua2 = 0;  // the single most popular SDK string
        a.apiStyle = 0;
        b.finish(a);
    }
    return n;
}

}  // namespace

int plantExtraNegatives(AccountBuilder& b, int budget) {
    int made = 0;
    made += cronJobs(b, budget - made);
    made += agentPowerUsers(b, budget - made);
    made += campusNat(b, budget - made);
    made += saasApps(b, budget - made);
    made += sdkCrowd(b, budget - made);
    return made;
}

}  // namespace quarry::gen
