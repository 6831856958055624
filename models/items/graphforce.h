// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A Fruchterman-Reingold layout for drawing a few hundred vertices, sized for the cluster graph's
// 300 ms budget. The analysis' igraph layout (forceLayout) runs 500 iterations under a lock
// shared with clustering; for a drawing, 150 iterations from a seeded start settle the shape,
// and a drawing must not wait for an analysis job holding igraph.

#include <cstdint>
#include <vector>

namespace quarry::gui {

// Positions (x0, y0, x1, y1, ...) of an undirected graph given as pairs of vertex indexes;
// weights (one per edge, optional) pull heavier edges shorter. Deterministic for a seed.
std::vector<double> drawingLayout(int vertices, const std::vector<int>& ends,
                                  const std::vector<double>& weights, int iterations = 150,
                                  uint64_t seed = 42);

}  // namespace quarry::gui
