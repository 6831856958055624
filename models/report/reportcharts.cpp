// SPDX-License-Identifier: GPL-3.0-or-later
#include "reportcharts.h"

#include <QDate>
#include <QFont>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/displaytext.h"

namespace quarry::report {
namespace {

constexpr int kTopAccounts = 5;
constexpr int kTopics = 12;
const QColor kSeries[kTopAccounts] = {QColor(0x1f, 0x77, 0xb4), QColor(0xd6, 0x27, 0x28),
                                      QColor(0x2c, 0xa0, 0x2c), QColor(0xff, 0x7f, 0x0e),
                                      QColor(0x94, 0x67, 0xbd)};

QFont chartFont(qreal pixels, bool bold = false) {
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPixelSize(std::max(1, qRound(pixels)));
    f.setBold(bold);
    // no ligatures: an account id copied out of the PDF must be the same characters as in the logs
    f.setStyleStrategy(QFont::PreferNoShaping);
    return f;
}

QString dayLabel(int64_t day) {
    return QDate(1970, 1, 1).addDays(day).toString(QStringLiteral("MM-dd"));
}

// Every k-th day gets a label so that labels never overlap.
int64_t labelStep(int64_t days, qreal width, qreal labelWidth) {
    const int64_t fit = std::max<int64_t>(1, static_cast<int64_t>(width / (labelWidth * 1.4)));
    return std::max<int64_t>(1, (days + fit - 1) / fit);
}

void dayAxis(QPainter& p, const QRectF& plot, const ChartGroup& g) {
    p.setFont(chartFont(8));
    const QFontMetricsF fm(p.font(), p.device());
    const qreal cell = plot.width() / std::max<int64_t>(1, g.days());
    const int64_t step =
        labelStep(g.days(), plot.width(), fm.horizontalAdvance(QStringLiteral("00-00")));
    p.setPen(Qt::black);
    for (int64_t d = 0; d < g.days(); d += step) {
        const qreal x = plot.left() + (d + 0.5) * cell;
        p.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 3));
        p.drawText(QRectF(x - 30, plot.bottom() + 4, 60, fm.height()),
                   Qt::AlignHCenter | Qt::AlignTop, dayLabel(g.firstDay + d));
    }
}

}  // namespace

QString plain(const QString& s, int maxChars) {
    // Line breaks and tabs lay out as spaces; every other hidden character is shown escaped.
    QString cut = s.left(maxChars);
    for (QChar& c : cut)
        if (c == QLatin1Char('\n') || c == QLatin1Char('\r') || c == QLatin1Char('\t')) c = QLatin1Char(' ');
    QString out = displayText(cut);
    if (s.size() > maxChars) out += QStringLiteral(" [...]");
    return out;
}

std::vector<ChartGroup> chartGroups(const evidence::BundleContext& ctx) {
    std::vector<std::pair<QString, std::vector<int64_t>>> groups;
    for (const auto& c : ctx.clusters)
        groups.emplace_back(QStringLiteral("Cluster %1").arg(c.id), c.members);
    if (groups.empty()) {
        std::vector<int64_t> all;
        for (const auto& a : ctx.accounts) all.push_back(a.id);
        groups.emplace_back(QStringLiteral("Chosen accounts"), all);
    }
    std::map<int64_t, QString> names;
    for (const auto& a : ctx.accounts) names[a.id] = a.name;

    std::vector<ChartGroup> out;
    for (const auto& [title, members] : groups) {
        ChartGroup g;
        g.title = title;
        int64_t first = INT64_MAX, last = INT64_MIN;
        std::map<QString, int64_t> topicTotals;
        std::vector<std::pair<int64_t, int64_t>> accountTotals;  // requests, account
        for (int64_t id : members) {
            const auto it = ctx.activity.find(id);
            if (it == ctx.activity.end()) continue;
            int64_t total = 0;
            for (const auto& [k, n] : it->second) {
                first = std::min(first, k.day);
                last = std::max(last, k.day);
                topicTotals[k.topic] += n;
                total += n;
            }
            accountTotals.emplace_back(total, id);
        }
        if (first > last) first = last = 0;
        g.firstDay = first;
        const size_t days = static_cast<size_t>(last - first + 1);
        g.totalPerDay.assign(days, 0);

        std::vector<std::pair<int64_t, QString>> topics;
        for (const auto& [t, n] : topicTotals) topics.emplace_back(n, t);
        std::sort(topics.begin(), topics.end(), [](const auto& a, const auto& b) {
            return a.first != b.first ? a.first > b.first : a.second < b.second;
        });
        std::map<QString, int> row;
        for (const auto& [n, t] : topics) {
            if (g.topics.size() == kTopics) {
                g.topics << QStringLiteral("other topics");
                break;
            }
            row[t] = static_cast<int>(g.topics.size());
            g.topics << t;
        }
        g.heat.assign(static_cast<size_t>(g.topics.size()), std::vector<int64_t>(days, 0));

        std::sort(accountTotals.begin(), accountTotals.end(), [&](const auto& a, const auto& b) {
            return a.first != b.first ? a.first > b.first : names[a.second] < names[b.second];
        });
        std::map<int64_t, size_t> series;
        for (const auto& [n, id] : accountTotals) {
            if (series.size() == kTopAccounts) break;
            series[id] = g.topAccounts.size();
            g.topAccounts.emplace_back(names[id], std::vector<int64_t>(days, 0));
        }
        for (int64_t id : members) {
            const auto it = ctx.activity.find(id);
            if (it == ctx.activity.end()) continue;
            const auto s = series.find(id);
            for (const auto& [k, n] : it->second) {
                const size_t d = static_cast<size_t>(k.day - first);
                g.totalPerDay[d] += n;
                if (s != series.end()) g.topAccounts[s->second].second[d] += n;
                const auto r = row.find(k.topic);
                g.heat[r != row.end() ? static_cast<size_t>(r->second) : g.heat.size() - 1][d] += n;
            }
        }
        out.push_back(std::move(g));
    }
    return out;
}

void paintTimeline(QPainter& p, const QRectF& rect, const ChartGroup& g) {
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setFont(chartFont(11, true));
    p.setPen(Qt::black);
    p.drawText(QRectF(rect.left(), rect.top(), rect.width(), 16), Qt::AlignLeft | Qt::AlignVCenter,
               QStringLiteral("%1: requests per day (UTC)").arg(g.title));
    const QRectF plot(rect.left() + 44, rect.top() + 22, rect.width() * 0.68 - 44,
                      rect.height() - 22 - 20);
    int64_t maxY = 1;
    for (int64_t v : g.totalPerDay) maxY = std::max(maxY, v);
    const qreal cell = plot.width() / std::max<int64_t>(1, g.days());
    auto yOf = [&](int64_t v) { return plot.bottom() - plot.height() * double(v) / double(maxY); };

    // grid and y axis
    p.setFont(chartFont(8));
    const QFontMetricsF fm(p.font(), p.device());
    for (int i = 0; i <= 4; ++i) {
        const int64_t v = maxY * i / 4;
        const qreal y = yOf(v);
        p.setPen(QPen(QColor(0xdd, 0xdd, 0xdd), 0.5));
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        p.setPen(Qt::black);
        p.drawText(QRectF(rect.left(), y - fm.height() / 2, 40, fm.height()),
                   Qt::AlignRight | Qt::AlignVCenter, QString::number(v));
    }
    // all accounts of the group as bars, the busiest accounts as lines
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0xb0, 0xc4, 0xde));
    for (int64_t d = 0; d < g.days(); ++d) {
        const qreal top = yOf(g.totalPerDay[static_cast<size_t>(d)]);
        p.drawRect(
            QRectF(plot.left() + d * cell + cell * 0.1, top, cell * 0.8, plot.bottom() - top));
    }
    p.setBrush(Qt::NoBrush);
    for (size_t s = 0; s < g.topAccounts.size(); ++s) {
        QPainterPath path;
        const auto& v = g.topAccounts[s].second;
        for (size_t d = 0; d < v.size(); ++d) {
            const QPointF pt(plot.left() + (double(d) + 0.5) * cell, yOf(v[d]));
            d == 0 ? path.moveTo(pt) : path.lineTo(pt);
        }
        if (v.size() == 1) path.addEllipse(path.currentPosition(), 2, 2);
        p.setPen(QPen(kSeries[s], 1.4));
        p.drawPath(path);
    }
    p.setPen(QPen(Qt::black, 0.8));
    p.drawLine(plot.bottomLeft(), plot.bottomRight());
    p.drawLine(plot.bottomLeft(), plot.topLeft());
    dayAxis(p, plot, g);

    // legend: names are plain text, elided to the legend's width
    const QRectF legend(plot.right() + 10, plot.top(), rect.right() - plot.right() - 10,
                        plot.height());
    p.setFont(chartFont(8));
    const QFontMetricsF lfm(p.font(), p.device());
    qreal y = legend.top();
    p.fillRect(QRectF(legend.left(), y + 2, 10, 7), QColor(0xb0, 0xc4, 0xde));
    p.setPen(Qt::black);
    p.drawText(QRectF(legend.left() + 14, y, legend.width() - 14, lfm.height()),
               Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("all accounts (bars)"));
    for (size_t s = 0; s < g.topAccounts.size(); ++s) {
        y += lfm.height() + 3;
        p.setPen(QPen(kSeries[s], 2));
        p.drawLine(QPointF(legend.left(), y + lfm.height() / 2),
                   QPointF(legend.left() + 10, y + lfm.height() / 2));
        p.setPen(Qt::black);
        p.drawText(
            QRectF(legend.left() + 14, y, legend.width() - 14, lfm.height()),
            Qt::AlignLeft | Qt::AlignVCenter,
            lfm.elidedText(plain(g.topAccounts[s].first), Qt::ElideMiddle, legend.width() - 14));
    }
    p.restore();
}

void paintHeatmap(QPainter& p, const QRectF& rect, const ChartGroup& g) {
    p.save();
    p.setFont(chartFont(11, true));
    p.setPen(Qt::black);
    p.drawText(QRectF(rect.left(), rect.top(), rect.width(), 16), Qt::AlignLeft | Qt::AlignVCenter,
               QStringLiteral("%1: requests per topic and day (UTC)").arg(g.title));
    const qreal labelWidth = 130;
    const QRectF plot(rect.left() + labelWidth, rect.top() + 22, rect.width() - labelWidth - 60,
                      rect.height() - 22 - 20);
    int64_t maxV = 1;
    for (const auto& r : g.heat)
        for (int64_t v : r) maxV = std::max(maxV, v);
    const qreal cw = plot.width() / std::max<int64_t>(1, g.days());
    const qreal ch = plot.height() / std::max<qsizetype>(1, g.topics.size());
    // sqrt keeps quiet topics visible next to a burst
    auto colour = [&](int64_t v) {
        const double f = v <= 0 ? 0 : 0.12 + 0.88 * std::sqrt(double(v) / double(maxV));
        return QColor::fromRgbF(1.0 - 0.25 * f, 1.0 - 0.85 * f, 1.0 - 0.8 * f);
    };
    p.setPen(Qt::NoPen);
    for (size_t t = 0; t < g.heat.size(); ++t)
        for (size_t d = 0; d < g.heat[t].size(); ++d)
            p.fillRect(QRectF(plot.left() + double(d) * cw, plot.top() + double(t) * ch, cw + 0.05,
                              ch + 0.05),
                       colour(g.heat[t][d]));
    p.setPen(QPen(Qt::black, 0.6));
    p.setBrush(Qt::NoBrush);
    p.drawRect(plot);
    p.setFont(chartFont(std::min<qreal>(8, std::max<qreal>(4, ch * 0.8))));
    const QFontMetricsF fm(p.font(), p.device());
    for (qsizetype t = 0; t < g.topics.size(); ++t)
        p.drawText(QRectF(rect.left(), plot.top() + double(t) * ch, labelWidth - 4, ch),
                   Qt::AlignRight | Qt::AlignVCenter,
                   fm.elidedText(plain(g.topics[t]), Qt::ElideRight, labelWidth - 6));
    dayAxis(p, plot, g);
    // scale
    p.setFont(chartFont(8));
    const QRectF scale(plot.right() + 12, plot.top(), 10, std::min<qreal>(plot.height(), 80));
    for (int i = 0; i < 20; ++i)
        p.fillRect(QRectF(scale.left(), scale.bottom() - (i + 1) * scale.height() / 20,
                          scale.width(), scale.height() / 20 + 0.05),
                   colour(std::max<int64_t>(1, maxV * (i + 1) / 20)));
    p.setPen(Qt::black);
    p.drawText(QRectF(scale.right() + 3, scale.top() - 5, 40, 10), Qt::AlignLeft | Qt::AlignVCenter,
               QString::number(maxV));
    p.drawText(QRectF(scale.right() + 3, scale.bottom() - 5, 40, 10),
               Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("1"));
    p.restore();
}

}  // namespace quarry::report
