// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/graphstyle.h"

#include <QHash>

#include <algorithm>
#include <cmath>

namespace quarry::gui::graphstyle {

QColor linkTypeColor(const QString& type) {
    static const QHash<QString, QColor> colors = {
        {QStringLiteral("template"), QColor(0x8e, 0x44, 0xad)},
        {QStringLiteral("payment"), QColor(0xc0, 0x39, 0x2b)},
        {QStringLiteral("ip"), QColor(0x29, 0x80, 0xb9)},
        {QStringLiteral("subnet"), QColor(0x5d, 0xad, 0xe2)},
        {QStringLiteral("organization"), QColor(0xd3, 0x54, 0x00)},
        {QStringLiteral("user_agent"), QColor(0x7f, 0x8c, 0x8d)},
        {QStringLiteral("sync"), QColor(0x27, 0xae, 0x60)},
        {QStringLiteral("creation_burst"), QColor(0xd4, 0xac, 0x0d)},
        {QStringLiteral("start_stop"), QColor(0x16, 0xa0, 0x85)},
    };
    const auto it = colors.constFind(type);
    // A type this build does not know still gets a stable colour of its own.
    return it != colors.cend() ? *it
                               : QColor::fromHsv(static_cast<int>(qHash(type) % 360), 150, 170);
}

QColor scoreColor(double score) {
    const double s = std::clamp(score, 0.0, 1.0);
    return QColor::fromHsvF(0.6 * (1.0 - s), 0.25 + 0.6 * s, 0.95);
}

double nodeRadius(int64_t requests, int64_t maxRequests, int drawn) {
    const double crowd = std::clamp(std::sqrt(60.0 / std::max(drawn, 1)), 0.3, 1.0);
    return 2 + 11 * crowd *
                   std::sqrt(static_cast<double>(std::max<int64_t>(requests, 0)) /
                             static_cast<double>(std::max<int64_t>(maxRequests, 1)));
}

QColor flaggedRing() {
    return QColor(0xc0, 0x10, 0x10);
}

QColor plainRing() {
    return QColor(60, 60, 60);
}

}  // namespace quarry::gui::graphstyle
