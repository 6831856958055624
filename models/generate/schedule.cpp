// SPDX-License-Identifier: GPL-3.0-or-later
#include "schedule.h"

#include <algorithm>
#include <cmath>

namespace quarry::gen {

namespace {

// Relative activity per local hour. Humans sleep; apps follow their users; bots barely swing.
const double kProfiles[][24] = {
    // Evening
    {0.5, 0.3, 0.15, 0.1, 0.08, 0.1, 0.25, 0.5, 0.7, 0.8, 0.9, 1,
     1.1, 1,   0.9,  0.9, 1,    1.2, 1.5,  1.8, 2,   2,   1.6, 1},
    // WorkHours
    {0.05, 0.03, 0.02, 0.02, 0.02, 0.04, 0.1, 0.3, 0.8, 1.6,  2,    2,
     1.4,  1.7,  2,    2,    1.8,  1.3,  0.7, 0.5, 0.4, 0.35, 0.25, 0.12},
    // Student
    {0.9, 0.6, 0.3, 0.1, 0.05, 0.05, 0.1, 0.3, 0.6, 0.8, 1,   1.1,
     1,   1.3, 1.6, 1.7, 1.5,  1.2,  1.1, 1.3, 1.6, 1.8, 1.6, 1.3},
    // App
    {0.45, 0.35, 0.3, 0.28, 0.3, 0.4, 0.6, 0.8,  1,    1.1, 1.2, 1.2,
     1.2,  1.2,  1.2, 1.2,  1.2, 1.2, 1.2, 1.25, 1.25, 1.1, 0.9, 0.6},
    // Bot24x7
    {0.7, 0.65, 0.6, 0.6, 0.62, 0.7, 0.8, 0.95, 1.1,  1.25, 1.3, 1.3,
     1.3, 1.3,  1.3, 1.3, 1.25, 1.2, 1.1, 1.0,  0.95, 0.9,  0.8, 0.75},
    // Office (mimic rings): a shift of 9 to 18 with a lunch dip, nothing outside it
    {0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1.3, 1.3, 0.5, 0.9, 1.3, 1.3, 1.2, 0.8, 0, 0, 0, 0, 0, 0},
};
enum ProfileIndex { kEvening, kWorkHours, kStudent, kApp, kBot, kOffice };

// Mimic sessions never run past this local time (the shift ends at 18:00).
constexpr std::int64_t kOfficeEndMs = 18 * 3600000 + 45 * 60000;

// Campaign schedulers keep every account between 85% and 99.5% of its daily cap.
constexpr double kCapLow = 0.85, kCapHigh = 0.995;

bool isWeekend(const Population& pop, int day) {
    const std::int64_t epochDay = pop.startMs / kMsPerDay + day;
    const int weekday = static_cast<int>((epochDay + 4) % 7);  // 1970-01-01 was a Thursday
    return weekday == 0 || weekday == 6;
}

bool isHuman(Rhythm r) {
    return r == Rhythm::Evening || r == Rhythm::WorkHours || r == Rhythm::Student;
}

bool isBurstDay(const AccountSpec& a, int day) {
    return std::find(a.burstDay.begin(), a.burstDay.end(), day) != a.burstDay.end();
}

double activeProb(const AccountSpec& a, bool weekend) {
    return std::min(1.0, double{a.activeDayProb} * (weekend ? a.weekendFactor : 1.0));
}

// Millisecond within the local day drawn from a profile.
std::int64_t sampleLocalMs(Rng& rng, const double* profile) {
    const auto hour = static_cast<std::int64_t>(rng.weighted(profile, 24));
    return hour * 3600000 + rng.below(3600000);
}

std::int64_t wrapDay(std::int64_t ms) { return ((ms % kMsPerDay) + kMsPerDay) % kMsPerDay; }

// A mimic ring's operators (or their script) work a shift in one time zone: sessions of a few
// requests a minute or two apart, each started inside the shift and cut off at its end.
template <typename Push>
void scheduleOffice(Rng& rng, std::uint32_t count, std::int64_t tz, Push&& push) {
    std::uint32_t seq = 0;
    while (seq < count) {
        const std::uint32_t session = std::min<std::uint32_t>(
            count - seq, 2 + static_cast<std::uint32_t>(rng.exponential(5)));
        std::int64_t local = sampleLocalMs(rng, kProfiles[kOffice]);
        for (std::uint32_t j = 0; j < session && local < kOfficeEndMs; ++j, ++seq) {
            push(local - tz, seq);
            local += 20000 + static_cast<std::int64_t>(rng.lognormal(70000, 0.6));
        }
    }
}

}  // namespace

double expectedOnDay(const AccountSpec& a, const Population& pop, int day) {
    if (day < a.firstDay || day > a.lastDay) return 0;
    const bool weekend = isWeekend(pop, day);
    switch (a.rhythm) {
        case Rhythm::App: return a.rate * (weekend ? 0.85 : 1.0);
        case Rhythm::Bot24x7: return a.rate * (weekend ? 0.9 : 1.0);
        case Rhythm::Relay:
            return a.rate * (weekend ? 0.9 : 1.0);
        case Rhythm::Metronome:
            return std::max(1.0, std::round(double{a.rate}));
        case Rhythm::Flat: return a.rate * (kCapLow + kCapHigh) / 2;
        case Rhythm::Bursts:
            if (isBurstDay(a, day)) return a.rate;
            return activeProb(a, weekend) * (a.backgroundRate + std::exp(-a.backgroundRate));
        default: return activeProb(a, weekend) * (a.rate + std::exp(-double{a.rate}));
    }
}

std::uint32_t requestsOnDay(const AccountSpec& a, const Population& pop, int day, Rng& rng) {
    if (day < a.firstDay || day > a.lastDay) return 0;
    const bool weekend = isWeekend(pop, day);
    std::uint32_t n = 0;
    switch (a.rhythm) {
        case Rhythm::App: n = rng.poisson(a.rate * (weekend ? 0.85 : 1.0)); break;
        case Rhythm::Relay:
            n = rng.poisson(a.rate * (weekend ? 0.9 : 1.0));
            break;
        case Rhythm::Metronome:
            n = static_cast<std::uint32_t>(std::max(1.0, std::round(double{a.rate})));
            break;
        case Rhythm::Bot24x7:
            // Ticket volume is steady: a few percent day-to-day, nothing like human swings.
            n = rng.stochasticRound(a.rate * (weekend ? 0.9 : 1.0) * (1 + 0.04 * rng.normal()));
            break;
        case Rhythm::Flat: n = rng.stochasticRound(a.rate * rng.uniform(kCapLow, kCapHigh)); break;
        case Rhythm::Bursts:
            if (isBurstDay(a, day)) {
                n = rng.poisson(a.rate);
                break;
            }
            if (rng.chance(activeProb(a, weekend)))
                n = std::max<std::uint32_t>(1, rng.poisson(a.backgroundRate));
            break;
        case Rhythm::Office:
            // The ring starts and stops on set days (weekdays); in between, a person's week.
            if (day == a.firstDay || day == a.lastDay || rng.chance(activeProb(a, weekend)))
                n = std::max<std::uint32_t>(1, rng.poisson(a.rate));
            break;
        default:
            if (rng.chance(activeProb(a, weekend)))
                n = std::max<std::uint32_t>(1, rng.poisson(a.rate));
            break;
    }
    if (day == a.guaranteedDay) n = std::max<std::uint32_t>(n, 1);
    return n;
}

double expectedRequests(const Population& pop) {
    double total = 0;
    for (const AccountSpec& a : pop.accounts)
        for (int d = a.firstDay; d <= a.lastDay; ++d) total += expectedOnDay(a, pop, d);
    return total;
}

void scaleVolumes(Population& pop, double factor) {
    for (AccountSpec& a : pop.accounts) {
        a.rate = static_cast<float>(a.rate * factor);
        a.backgroundRate = static_cast<float>(a.backgroundRate * factor);
    }
    for (CampaignSpec& c : pop.campaigns)
        c.dailyCap = std::max(1, static_cast<int>(std::lround(c.dailyCap * factor)));
}

void scheduleDay(const Population& pop, std::uint32_t index, int day, std::uint32_t count,
                 Rng& rng, std::vector<Event>& out) {
    const AccountSpec& a = pop.accounts[index];
    const std::int64_t dayStart = pop.startMs + day * kMsPerDay;
    // An account cannot send before it exists.
    std::int64_t earliest = 0;
    if (a.createdMs > dayStart) earliest = std::min(a.createdMs - dayStart + 60000, kMsPerDay - 1000);
    const std::int64_t tz = std::int64_t{a.tzMinutes} * 60000;
    auto push = [&](std::int64_t msInDay, std::uint32_t seq) {
        msInDay = wrapDay(msInDay);
        if (msInDay < earliest) msInDay = earliest + msInDay % (kMsPerDay - earliest);
        out.push_back(Event{dayStart + msInDay, index, seq});
    };

    if (a.rhythm == Rhythm::Office) {
        scheduleOffice(rng, count, tz, push);
        return;
    }
    if (a.rhythm == Rhythm::Marathon) {
        // Coding-agent sessions: a long run of tool-loop turns seconds apart, at work or at night.
        std::uint32_t seq = 0;
        while (seq < count) {
            const std::uint32_t session = std::min<std::uint32_t>(
                count - seq, 20 + static_cast<std::uint32_t>(rng.exponential(70)));
            std::int64_t t =
                sampleLocalMs(rng, kProfiles[rng.chance(0.6) ? kWorkHours : kEvening]) - tz;
            for (std::uint32_t j = 0; j < session; ++j, ++seq) {
                push(t, seq);
                t += 4000 + static_cast<std::int64_t>(rng.exponential(22000));
            }
        }
        return;
    }
    if (a.rhythm == Rhythm::Relay) {
        // A reseller's relay: its customers' requests follow their own day in one of its markets;
        // the harvest client it serves runs around the clock. Harvest rows carry kHarvestSeq.
        static const double kMarketWeights[] = {0.5, 0.3, 0.2};
        for (std::uint32_t s = 0; s < count; ++s) {
            if (rng.chance(a.harvestShare)) {
                push(static_cast<std::int64_t>(rng.uniform() * kMsPerDay), s | kHarvestSeq);
                continue;
            }
            const std::int64_t marketTz =
                std::int64_t{a.relayTz[rng.weighted(kMarketWeights, 3)]} * 60000;
            push(sampleLocalMs(rng, kProfiles[rng.chance(0.5) ? kEvening : kWorkHours]) - marketTz,
                 s);
        }
        return;
    }
    if (a.rhythm == Rhythm::Metronome) {
        // A timer: the same second of every period, a second or two of scheduler jitter.
        const std::int64_t period = kMsPerDay / std::max<std::uint32_t>(count, 1);
        const std::int64_t phase = static_cast<std::int64_t>(
            subKey(index, 0xC2011) % static_cast<std::uint64_t>(std::max<std::int64_t>(period, 1)));
        for (std::uint32_t s = 0; s < count; ++s) push(phase + period * s + rng.below(1500), s);
        return;
    }
    if (isHuman(a.rhythm) || (a.rhythm == Rhythm::Bursts && !isBurstDay(a, day))) {
        // People work in sessions: a start drawn from the rhythm, then follow-ups a minute or
        // two apart while they read the answer.
        const double* profile = kProfiles[a.rhythm == Rhythm::Evening     ? 0
                                          : a.rhythm == Rhythm::Student ? 2
                                                                        : 1];
        std::uint32_t seq = 0;
        while (seq < count) {
            const std::uint32_t session =
                std::min<std::uint32_t>(count - seq, 1 + static_cast<std::uint32_t>(rng.exponential(2.5)));
            std::int64_t t = sampleLocalMs(rng, profile) - tz;
            for (std::uint32_t j = 0; j < session; ++j, ++seq) {
                push(t, seq);
                t += 5000 + static_cast<std::int64_t>(rng.exponential(110000));
            }
        }
        return;
    }
    switch (a.rhythm) {
        case Rhythm::App:
        case Rhythm::Bot24x7: {
            const double* profile = kProfiles[a.rhythm == Rhythm::App ? 3 : 4];
            for (std::uint32_t s = 0; s < count; ++s) push(sampleLocalMs(rng, profile) - tz, s);
            break;
        }
        case Rhythm::Bursts: {
            // An eval harness at fixed concurrency: evenly paced inside the burst window.
            int b = 0;
            while (a.burstDay[b] != day) ++b;
            const std::int64_t start = std::int64_t{a.burstHour[b]} * 3600000;
            const std::int64_t len =
                std::min<std::int64_t>(std::int64_t{a.burstHours} * 3600000, kMsPerDay - start - 1);
            const double step = static_cast<double>(len) / std::max<std::uint32_t>(count, 1);
            for (std::uint32_t s = 0; s < count; ++s)
                push(start + static_cast<std::int64_t>(step * (s + rng.uniform(0.2, 0.8))), s);
            break;
        }
        default: {  // Flat: the campaign scheduler spreads load over all 24 hours
            const CampaignSpec* c = a.campaign >= 0 ? &pop.campaigns[a.campaign] : nullptr;
            const std::int64_t span = kMsPerDay - earliest;
            if (c && c->batchMinutes > 0) {
                // Dispatch ticks shared by the whole campaign: many accounts fire within seconds.
                const std::int64_t period = std::int64_t{c->batchMinutes} * 60000;
                const std::int64_t phase = static_cast<std::int64_t>(
                    subKey(c->pacingKey, static_cast<std::uint64_t>(day)) %
                    static_cast<std::uint64_t>(period));
                const auto ticks = static_cast<std::uint32_t>((kMsPerDay - phase) / period);
                for (std::uint32_t s = 0; s < count; ++s) {
                    const std::int64_t t =
                        phase + std::int64_t{rng.below(ticks)} * period + rng.below(25000);
                    push(t, s);
                }
                break;
            }
            const double step = static_cast<double>(span) / std::max<std::uint32_t>(count, 1);
            for (std::uint32_t s = 0; s < count; ++s) {
                const std::int64_t t =
                    c && c->stratified
                        ? earliest + static_cast<std::int64_t>(step * (s + rng.uniform()))
                        : earliest + static_cast<std::int64_t>(rng.uniform() * static_cast<double>(span));
                push(std::min(t, kMsPerDay - 1), s);
            }
            break;
        }
    }
}

}  // namespace quarry::gen
