// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Case-relative yardsticks. Detection must work for a provider with 2,000 accounts and for one
// with 100,000, on data it was never tuned to, so "unusual" is measured against this case's own
// population (robust to a campaign being a sizeable minority of it), and a proportion seen on a
// handful of requests counts for less than the same proportion seen on thousands.
#include <cstddef>
#include <vector>

namespace quarry::baseline {

// Median and a robust spread (1.4826 * MAD, floored) of one feature over the population.
struct Robust {
    double median = 0;
    double spread = 1;
    size_t n = 0;
    // How many spreads x lies above the population's median.
    double z(double x) const { return (x - median) / spread; }
};
Robust robust(std::vector<double> values, double minSpread);

// Lower bound of the Wilson score interval (about 90% one-sided) for `hits` of `n`: a share
// seen on few requests is not yet evidence.
double wilsonLower(double hits, double n);

// How much a key shared by `groupSize` of `population` accounts says about a common operator,
// in [0, 1]: 1 for small groups, falling to 0 as the key approaches everyone (a popular SDK,
// a campus NAT, a stock phrase). Groups up to about sqrt(population) count in full.
double keyRarity(size_t groupSize, size_t population);

inline double clamp01(double x) { return x < 0 ? 0 : (x > 1 ? 1 : x); }

}  // namespace quarry::baseline
