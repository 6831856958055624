// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The generator's own PRNG and distributions. std::*_distribution is implementation-defined, so
// the same seed would give different files on different standard libraries; these do not.

#include <cmath>
#include <cstddef>
#include <cstdint>

namespace quarry::gen {

inline constexpr std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

// A bijective 64-bit mixer: distinct inputs give distinct outputs, which keeps request ids unique.
inline constexpr std::uint64_t mix64(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

// Derives an independent stream key from a parent key and a few coordinates (account, day, ...).
inline constexpr std::uint64_t subKey(std::uint64_t key, std::uint64_t a, std::uint64_t b = 0,
                                      std::uint64_t c = 0) {
    std::uint64_t h = mix64(key ^ 0x6A09E667F3BCC909ULL);
    h = mix64(h ^ (a + 0x9E3779B97F4A7C15ULL));
    h = mix64(h ^ (b + 0xBB67AE8584CAA73BULL));
    return mix64(h ^ (c + 0x3C6EF372FE94F82BULL));
}

// xoshiro256** seeded through splitmix64 (the authors' recommended seeding).
class Rng {
public:
    explicit Rng(std::uint64_t seed) {
        std::uint64_t sm = seed;
        for (auto& w : s_) w = splitmix64(sm);
    }

    std::uint64_t next() {
        const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }

    // [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    // [0, n); n == 0 gives 0.
    std::uint32_t below(std::uint32_t n) {
        return static_cast<std::uint32_t>(((next() >> 32) * n) >> 32);
    }
    int range(int lo, int hi) {  // inclusive
        return lo + static_cast<int>(below(static_cast<std::uint32_t>(hi - lo + 1)));
    }
    bool chance(double p) { return uniform() < p; }

    double normal() {
        // Box-Muller; the second value is discarded so the stream position stays simple.
        const double u1 = 1.0 - uniform();
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }
    double normal(double mean, double sd) { return mean + sd * normal(); }
    double lognormal(double median, double sigma) { return median * std::exp(sigma * normal()); }
    double exponential(double mean) { return -mean * std::log(1.0 - uniform()); }
    // Pareto with minimum xm and tail index alpha (smaller alpha = heavier tail).
    double pareto(double xm, double alpha) { return xm / std::pow(1.0 - uniform(), 1.0 / alpha); }

    std::uint32_t poisson(double lambda) {
        if (lambda <= 0) return 0;
        if (lambda < 30) {
            const double limit = std::exp(-lambda);
            double p = uniform();
            std::uint32_t k = 0;
            while (p > limit) {
                ++k;
                p *= uniform();
            }
            return k;
        }
        const double v = std::floor(normal(lambda, std::sqrt(lambda)) + 0.5);
        return v < 0 ? 0 : static_cast<std::uint32_t>(v);
    }

    // Rounds x up or down at random so the expectation stays exactly x.
    std::uint32_t stochasticRound(double x) {
        if (x <= 0) return 0;
        const double f = std::floor(x);
        return static_cast<std::uint32_t>(f) + (uniform() < x - f ? 1U : 0U);
    }

    template <typename T, std::size_t N>
    const T& pick(const T (&items)[N]) {
        return items[below(static_cast<std::uint32_t>(N))];
    }

    // Index drawn in proportion to weights[0..n).
    std::size_t weighted(const double* weights, std::size_t n) {
        double total = 0;
        for (std::size_t i = 0; i < n; ++i) total += weights[i];
        double x = uniform() * total;
        for (std::size_t i = 0; i < n; ++i) {
            if (x < weights[i]) return i;
            x -= weights[i];
        }
        return n - 1;
    }

private:
    static constexpr std::uint64_t rotl(std::uint64_t x, int k) {
        return (x << k) | (x >> (64 - k));
    }
    std::uint64_t s_[4];
};

}  // namespace quarry::gen
