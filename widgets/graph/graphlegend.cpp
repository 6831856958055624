// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/graphlegend.h"

#include <QLinearGradient>
#include <QPainter>

#include "graph/graphstyle.h"

namespace quarry::gui {
namespace {
constexpr int kGap = 14, kPad = 4;

void dot(QPainter& p, double cx, double mid, double r, const QColor& fill, const QColor& ring,
         double ringWidth) {
    p.setPen(QPen(ring, ringWidth));
    p.setBrush(fill);
    p.drawEllipse(QPointF(cx + r, mid), r, r);
}
}  // namespace

GraphLegend::GraphLegend(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("clusterGraphLegend"));
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

QStringList GraphLegend::entries() const {
    QStringList out;
    for (const Entry& e : items()) out << e.text;
    return out;
}

std::vector<GraphLegend::Entry> GraphLegend::items() const {
    std::vector<Entry> out;
    // Size: three dots from the smallest to the largest radius the scene uses.
    out.push_back({48,
                   [](QPainter& p, double x, double mid) {
                       for (int64_t req : {0, 25, 100}) {
                           const double r = graphstyle::nodeRadius(req, 100) * 0.6;
                           dot(p, x, mid, r, graphstyle::scoreColor(0.3), graphstyle::plainRing(),
                               1);
                           x += 2 * r + 3;
                       }
                   },
                   tr("node size: requests")});
    out.push_back({60,
                   [](QPainter& p, double x, double mid) {
                       QLinearGradient g(x, 0, x + 60, 0);
                       for (int i = 0; i <= 4; ++i)
                           g.setColorAt(i / 4.0, graphstyle::scoreColor(i / 4.0));
                       p.setPen(graphstyle::plainRing());
                       p.setBrush(g);
                       p.drawRect(QRectF(x, mid - 5, 60, 10));
                   },
                   tr("fill: score 0 to 1")});
    out.push_back({14,
                   [](QPainter& p, double x, double mid) {
                       dot(p, x + 1, mid, 6, graphstyle::scoreColor(0.8), graphstyle::flaggedRing(),
                           2.5);
                   },
                   tr("red ring: flagged")});
    out.push_back({static_cast<int>(2 * graphstyle::kHubRadius) + 2,
                   [](QPainter& p, double x, double mid) {
                       const double r = graphstyle::kHubRadius;
                       p.setPen(graphstyle::plainRing());
                       p.setBrush(graphstyle::linkTypeColor(QStringLiteral("payment")));
                       p.drawPolygon(QPolygonF({QPointF(x + r, mid - r), QPointF(x + 2 * r, mid),
                                                QPointF(x + r, mid + r), QPointF(x, mid)}));
                   },
                   tr("diamond: one shared key, linked to the accounts that share it")});
    out.push_back({30,
                   [](QPainter& p, double x, double mid) {
                       for (const char* t : {"template", "payment", "subnet"}) {
                           p.setPen(QPen(graphstyle::linkTypeColor(QLatin1String(t)), 2.5));
                           p.drawLine(QPointF(x, mid + 5), QPointF(x + 8, mid - 5));
                           x += 10;
                       }
                   },
                   tr("line colour: link type (buttons above)")});
    return out;
}

std::vector<QPoint> GraphLegend::layout(int width, int* height) const {
    const QFontMetrics fm = fontMetrics();
    const int row = std::max(fm.height(), 16) + 4;
    std::vector<QPoint> at;
    int x = kPad, y = 2;
    for (const Entry& e : items()) {
        const int w = e.graphicWidth + 4 + fm.horizontalAdvance(e.text);
        if (x > kPad && x + w > width - kPad) {
            x = kPad;
            y += row;
        }
        at.emplace_back(x, y);
        x += w + kGap;
    }
    if (height) *height = y + row + 2;
    return at;
}

QSize GraphLegend::sizeHint() const {
    int h = 0;
    layout(100000, &h);
    int w = kPad;
    for (const Entry& e : items())
        w += e.graphicWidth + 4 + fontMetrics().horizontalAdvance(e.text) + kGap;
    return {w, h};
}

QSize GraphLegend::minimumSizeHint() const {
    return {120, heightForWidth(120)};
}

int GraphLegend::heightForWidth(int width) const {
    int h = 0;
    layout(width, &h);
    return h;
}

void GraphLegend::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics fm = fontMetrics();
    const int row = std::max(fm.height(), 16) + 4;
    const std::vector<Entry> list = items();
    const std::vector<QPoint> at = layout(width(), nullptr);
    for (size_t i = 0; i < list.size(); ++i) {
        const double mid = at[i].y() + row / 2.0;
        p.save();
        list[i].paint(p, at[i].x(), mid);
        p.restore();
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QPointF(at[i].x() + list[i].graphicWidth + 4, mid + fm.ascent() / 2.0 - 1),
                   list[i].text);
    }
}

}  // namespace quarry::gui
