// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The shared surroundings: countries with their time zones and address space, the user-agent
// crowd, the model line-up and endpoints.

#include <cstdint>
#include <string>
#include <vector>

#include "rng.h"

namespace quarry::gen {

struct Country {
    const char* code;
    std::int16_t tzMinutes;
    double weight;                 // share of benign accounts
    std::uint8_t octets[3];        // first octets of its residential ISP space
    std::uint8_t mobile[2];        // a carrier /16 (first two octets)
};

enum ModelId : std::uint8_t {
    kFrontier1,
    kFrontier1Mini,
    kSwift,
    kCoder,
    kEmbed,
    kFrontier2,  // released mid-window
    kModelCount
};

struct World {
    World();
    static const std::vector<Country>& countries();
    static const char* modelName(int m);
    static const char* endpoint(int apiStyle, bool embeddings);

    std::size_t pickCountry(Rng& rng) const;
    std::uint32_t residentialIp(Rng& rng, std::size_t country) const;
    std::uint32_t mobileIp(Rng& rng, std::size_t country) const;
    std::uint32_t datacenterSubnet(Rng& rng) const;  // a /24 base, last octet 0

    // User agents: the popular ones first (the crowd), custom strings added by the population.
    std::uint8_t pickPopularUa(Rng& rng) const;
    std::uint8_t pickBrowserUa(Rng& rng) const;
    std::uint8_t addUa(const std::string& ua);
    int apiStyleForUa(std::uint8_t ua, Rng& rng) const;

    std::vector<std::string> userAgents;
    std::vector<double> popularWeights;  // for userAgents[0..popularWeights.size())
    std::size_t firstBrowser = 0;
    std::vector<double> countryWeights;
};

// Dotted quad into out.
void appendIp(std::string& out, std::uint32_t ip);

}  // namespace quarry::gen
