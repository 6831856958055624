// SPDX-License-Identifier: GPL-3.0-or-later
#include "world.h"

namespace quarry::gen {

namespace {

// Time zones from UTC-8 to UTC+9; the weights roughly follow API developer populations.
const std::vector<Country> kCountries = {
    {"US", -480, 9, {24, 67, 73}, {172, 56}},  {"US", -360, 5, {96, 98, 99}, {174, 240}},
    {"US", -300, 9, {71, 108, 68}, {166, 137}}, {"CA", -300, 3, {142, 184, 70}, {70, 52}},
    {"MX", -360, 2, {187, 189, 201}, {200, 68}}, {"BR", -180, 4, {177, 179, 191}, {191, 13}},
    {"AR", -180, 1, {181, 186, 190}, {186, 60}}, {"GB", 0, 5, {81, 86, 90}, {92, 40}},
    {"IE", 0, 1, {86, 89, 109}, {188, 141}},    {"FR", 60, 4, {82, 90, 92}, {37, 165}},
    {"DE", 60, 5, {84, 87, 91}, {176, 0}},      {"ES", 60, 3, {83, 88, 95}, {85, 54}},
    {"IT", 60, 2, {79, 87, 93}, {5, 90}},       {"NL", 60, 2, {77, 83, 145}, {31, 20}},
    {"PL", 60, 2, {83, 89, 178}, {37, 47}},     {"SE", 60, 1, {78, 83, 90}, {90, 230}},
    {"NG", 60, 2, {102, 105, 197}, {105, 112}}, {"ZA", 120, 1, {41, 102, 105}, {41, 13}},
    {"EG", 120, 1, {41, 156, 197}, {197, 32}},  {"TR", 180, 2, {78, 85, 88}, {31, 142}},
    {"KE", 180, 1, {41, 102, 105}, {105, 160}}, {"AE", 240, 1, {2, 5, 94}, {5, 30}},
    {"PK", 300, 2, {39, 111, 119}, {39, 32}},   {"IN", 330, 9, {49, 103, 117}, {106, 193}},
    {"BD", 360, 1, {103, 114, 118}, {37, 111}}, {"VN", 420, 2, {14, 27, 113}, {171, 224}},
    {"TH", 420, 1, {49, 124, 171}, {49, 228}},  {"ID", 420, 3, {36, 110, 114}, {114, 124}},
    {"SG", 480, 2, {116, 118, 175}, {111, 65}}, {"PH", 480, 2, {112, 120, 124}, {110, 54}},
    {"TW", 480, 1, {1, 36, 114}, {27, 246}},    {"HK", 480, 1, {42, 58, 112}, {223, 104}},
    {"CN", 480, 3, {58, 113, 116}, {117, 136}}, {"JP", 540, 4, {60, 126, 153}, {126, 200}},
    {"KR", 540, 3, {59, 121, 175}, {223, 38}},
};

// Cloud and hosting address space: benign developers, support bots and campaigns all live here.
const std::uint8_t kDatacenterOctets[] = {3,   13,  18,  34,  35,  44,  52,  54,  64,  66,
                                          104, 138, 139, 143, 157, 159, 161, 164, 165, 167,
                                          170, 178, 185, 188, 192, 193, 194, 195, 45,  23};

struct UaDef {
    const char* ua;
    double weight;
};
// The crowd: a handful of SDK strings carry most traffic of every population.
const UaDef kPopularUas[] = {
    {"openai-python/1.51.0", 22},
    {"openai-python/1.54.3", 10},
    {"OpenAI/NodeJS 4.67.1", 12},
    {"OpenAI/NodeJS 4.71.0", 4},
    {"anthropic-sdk-python/0.39.0", 9},
    {"anthropic-typescript/0.32.1", 4},
    {"langchain/0.3.7", 6},
    {"langchain/0.3.9", 3},
    {"llama-index/0.11.20", 2},
    {"curl/8.5.0", 4},
    {"python-requests/2.32.3", 4},
    {"axios/1.7.7", 2},
    {"Go-http-client/2.0", 2},
    {"python-httpx/0.27.2", 1},
    {"PostmanRuntime/7.42.0", 1},
    {"Python/3.11 aiohttp/3.10.5", 1},
    {"okhttp/4.12.0", 1},
};
const char* const kBrowserUas[] = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/18.0 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/18.0 Mobile/15E148 Safari/604.1",
};

}  // namespace

World::World() {
    for (const UaDef& u : kPopularUas) {
        userAgents.emplace_back(u.ua);
        popularWeights.push_back(u.weight);
    }
    firstBrowser = userAgents.size();
    for (const char* b : kBrowserUas) userAgents.emplace_back(b);
    for (const Country& c : kCountries) countryWeights.push_back(c.weight);
}

const std::vector<Country>& World::countries() { return kCountries; }

const char* World::modelName(int m) {
    static const char* const names[] = {"frontier-1", "frontier-1-mini", "swift-1.5",
                                        "coder-2",    "embed-3-small",   "frontier-2"};
    return names[m];
}

const char* World::endpoint(int apiStyle, bool embeddings) {
    if (embeddings) return "/v1/embeddings";
    switch (apiStyle) {
        case 1: return "/v1/messages";
        case 2: return "/v1/responses";
        default: return "/v1/chat/completions";
    }
}

std::size_t World::pickCountry(Rng& rng) const {
    return rng.weighted(countryWeights.data(), countryWeights.size());
}

std::uint32_t World::residentialIp(Rng& rng, std::size_t country) const {
    const Country& c = kCountries[country];
    const std::uint32_t a = c.octets[rng.below(3)];
    return (a << 24) | (rng.below(256) << 16) | (rng.below(256) << 8) | (1 + rng.below(254));
}

std::uint32_t World::mobileIp(Rng& rng, std::size_t country) const {
    const Country& c = kCountries[country];
    return (std::uint32_t{c.mobile[0]} << 24) | (std::uint32_t{c.mobile[1]} << 16) |
           (rng.below(256) << 8) | (1 + rng.below(254));
}

std::uint32_t World::datacenterSubnet(Rng& rng) const {
    const std::uint32_t a = rng.pick(kDatacenterOctets);
    return (a << 24) | (rng.below(256) << 16) | (rng.below(256) << 8);
}

std::uint8_t World::pickPopularUa(Rng& rng) const {
    return static_cast<std::uint8_t>(rng.weighted(popularWeights.data(), popularWeights.size()));
}

std::uint8_t World::pickBrowserUa(Rng& rng) const {
    return static_cast<std::uint8_t>(firstBrowser + rng.below(std::size(kBrowserUas)));
}

std::uint8_t World::addUa(const std::string& ua) {
    for (std::size_t i = 0; i < userAgents.size(); ++i)
        if (userAgents[i] == ua) return static_cast<std::uint8_t>(i);
    if (userAgents.size() >= 255) return 0;  // the crowd absorbs any overflow
    userAgents.push_back(ua);
    return static_cast<std::uint8_t>(userAgents.size() - 1);
}

int World::apiStyleForUa(std::uint8_t ua, Rng& rng) const {
    const std::string& s = userAgents[ua];
    if (s.rfind("anthropic", 0) == 0) return 1;
    if (s.rfind("openai", 0) == 0 || s.rfind("OpenAI", 0) == 0) return rng.chance(0.2) ? 2 : 0;
    return rng.chance(0.15) ? 1 : 0;
}

void appendIp(std::string& out, std::uint32_t ip) {
    char buf[16];
    char* p = buf;
    for (int shift = 24; shift >= 0; shift -= 8) {
        unsigned v = (ip >> shift) & 0xFF;
        if (v >= 100) *p++ = static_cast<char>('0' + v / 100);
        if (v >= 10) *p++ = static_cast<char>('0' + (v / 10) % 10);
        *p++ = static_cast<char>('0' + v % 10);
        if (shift) *p++ = '.';
    }
    out.append(buf, static_cast<std::size_t>(p - buf));
}

}  // namespace quarry::gen
