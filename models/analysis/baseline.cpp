// SPDX-License-Identifier: GPL-3.0-or-later
#include "baseline.h"

#include <algorithm>
#include <cmath>

namespace quarry::baseline {

Robust robust(std::vector<double> v, double minSpread) {
    Robust r;
    r.n = v.size();
    if (v.empty()) {
        r.spread = minSpread;
        return r;
    }
    auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    r.median = *mid;
    for (double& x : v) x = std::fabs(x - r.median);
    std::nth_element(v.begin(), mid, v.end());
    r.spread = std::max(minSpread, 1.4826 * *mid);
    return r;
}

double wilsonLower(double hits, double n) {
    if (n <= 0) return 0;
    const double z = 1.2816;  // one-sided 90%
    const double p = hits / n;
    const double denom = 1 + z * z / n;
    const double centre = p + z * z / (2 * n);
    const double margin = z * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n));
    return std::max(0.0, (centre - margin) / denom);
}

double keyRarity(size_t groupSize, size_t population) {
    if (groupSize <= 2 || population <= 4) return 1;
    const double n = static_cast<double>(population);
    const double full = std::max(10.0, std::sqrt(n));
    const double m = static_cast<double>(groupSize);
    if (m <= full) return 1;
    if (m >= n) return 0;
    return clamp01(std::log(n / m) / std::log(n / full));
}

}  // namespace quarry::baseline
