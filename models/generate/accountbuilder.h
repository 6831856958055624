// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The identity every non-campaign account starts from (unique id, own org, card and keys, a
// country, a crowd user agent, a residential address), shared by population.cpp and the extra
// hard negatives in population_extra.cpp so all of them look alike where they should.

#include <string>
#include <unordered_set>

#include "population.h"

namespace quarry::gen {

struct AccountBuilder {
    Population& pop;
    const PopulationOptions& o;
    Rng& rng;
    std::unordered_set<std::string> ids;

    std::string uniqueId();
    // Identity and defaults shared by every account kind.
    AccountSpec base(Label label, Kind kind);
    void createdInside(AccountSpec& a, int day, std::int64_t offsetMs);
    // Picks the guaranteed day and appends the account to the population.
    void finish(AccountSpec& a);
};

// 1 de, 2 es, 3 fr, 4 pt, 5 zh, 6 ja (the t_native_* rules); 0 when we have no pool.
std::uint8_t nativeLanguageOf(std::string_view country);

// The hard negatives of --negatives all: cron jobs, agentic-coding power users, a campus NAT,
// SaaS apps with one template and an SDK crowd. Returns the accounts made (at most budget).
int plantExtraNegatives(AccountBuilder& b, int budget);

}  // namespace quarry::gen
