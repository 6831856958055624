// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// When requests happen: how many an account sends on a day and at which instants, following its
// rhythm in its local time zone. The same rules give the expected volume used by --requests.

#include <cstdint>
#include <vector>

#include "population.h"

namespace quarry::gen {

// One request before its text is rendered: 16 bytes, a day of them sorts in memory.
struct Event {
    std::int64_t ts;        // UTC epoch ms
    std::uint32_t account;  // index into Population::accounts
    std::uint32_t seq;      // n-th request of that account on that day: seeds the row's text

    bool operator<(const Event& o) const {
        if (ts != o.ts) return ts < o.ts;
        if (account != o.account) return account < o.account;
        return seq < o.seq;
    }
};

std::uint32_t requestsOnDay(const AccountSpec& a, const Population& pop, int day, Rng& rng);
double expectedOnDay(const AccountSpec& a, const Population& pop, int day);
double expectedRequests(const Population& pop);
// Multiplies every account's volume knobs (rates, caps) by factor.
void scaleVolumes(Population& pop, double factor);

// Appends count events of account `index` on `day`.
void scheduleDay(const Population& pop, std::uint32_t index, int day, std::uint32_t count,
                 Rng& rng, std::vector<Event>& out);

inline constexpr std::int64_t kMsPerDay = 86400000;
// Set on Event::seq for a reseller's harvest rows (seq itself stays far below it).
inline constexpr std::uint32_t kHarvestSeq = 0x80000000u;

}  // namespace quarry::gen
