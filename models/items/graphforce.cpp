// SPDX-License-Identifier: GPL-3.0-or-later
#include "graphforce.h"

#include <algorithm>
#include <cmath>

namespace quarry::gui {
namespace {
// splitmix64: a seeded, portable stream for the start positions.
uint64_t next(uint64_t& state) {
    uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
double unit(uint64_t& state) {
    return static_cast<double>(next(state) >> 11) / 9007199254740992.0;
}
}  // namespace

std::vector<double> drawingLayout(int vertices, const std::vector<int>& ends,
                                  const std::vector<double>& weights, int iterations,
                                  uint64_t seed) {
    std::vector<double> xy;
    if (vertices <= 0) return xy;
    const size_t n = static_cast<size_t>(vertices);
    const double side = std::sqrt(static_cast<double>(n));
    xy.resize(n * 2);
    uint64_t state = seed;
    for (double& v : xy) v = (unit(state) - 0.5) * side;
    const bool weighted = weights.size() * 2 == ends.size();
    const double k = 1.0;  // ideal edge length: the square holds one vertex per unit area
    std::vector<double> dx(n), dy(n);
    for (int it = 0; it < iterations; ++it) {
        const double temperature = side / 10.0 * (1.0 - static_cast<double>(it) / iterations);
        std::fill(dx.begin(), dx.end(), 0.0);
        std::fill(dy.begin(), dy.end(), 0.0);
        for (size_t i = 0; i < n; ++i)
            for (size_t j = i + 1; j < n; ++j) {
                double ux = xy[i * 2] - xy[j * 2], uy = xy[i * 2 + 1] - xy[j * 2 + 1];
                double d2 = ux * ux + uy * uy;
                if (d2 < 1e-9) {  // coincident: nudge apart along a fixed direction
                    ux = 1e-3 * static_cast<double>(i + 1);
                    uy = 1e-3;
                    d2 = ux * ux + uy * uy;
                }
                const double f = k * k / d2;  // repulsion k^2/d along the unit vector
                dx[i] += ux * f;
                dy[i] += uy * f;
                dx[j] -= ux * f;
                dy[j] -= uy * f;
            }
        for (size_t e = 0; e + 1 < ends.size(); e += 2) {
            const size_t a = static_cast<size_t>(ends[e]), b = static_cast<size_t>(ends[e + 1]);
            if (a >= n || b >= n || a == b) continue;
            const double ux = xy[a * 2] - xy[b * 2], uy = xy[a * 2 + 1] - xy[b * 2 + 1];
            const double d = std::sqrt(ux * ux + uy * uy);
            const double w = weighted ? weights[e / 2] : 1.0;
            const double f = d * w / k;  // attraction d^2/k along the unit vector
            dx[a] -= ux * f;
            dy[a] -= uy * f;
            dx[b] += ux * f;
            dy[b] += uy * f;
        }
        for (size_t i = 0; i < n; ++i) {
            const double len = std::sqrt(dx[i] * dx[i] + dy[i] * dy[i]);
            if (len <= 0) continue;
            const double step = std::min(len, temperature) / len;
            xy[i * 2] += dx[i] * step;
            xy[i * 2 + 1] += dy[i] * step;
        }
    }
    return xy;
}

}  // namespace quarry::gui
