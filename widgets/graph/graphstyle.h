// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the cluster graph's colours and sizes encode, in one place: the scene and the legend
// draw from the same functions, so the legend cannot drift from the picture.

#include <QColor>
#include <QString>

#include <cstdint>

namespace quarry::gui::graphstyle {

// A link type's colour: the edges, the hubs and the toggle buttons.
QColor linkTypeColor(const QString& type);
// A node's fill for its score (0..1): pale blue (low) to saturated red (high).
QColor scoreColor(double score);
// A node's radius in pixels for its requests against the cluster's busiest drawn member; smaller
// when many are drawn, so 300 dots at the fitted zoom do not hide each other.
double nodeRadius(int64_t requests, int64_t maxRequests, int drawn = 1);
inline constexpr double kHubRadius = 6;
QColor flaggedRing();
QColor plainRing();

}  // namespace quarry::gui::graphstyle
