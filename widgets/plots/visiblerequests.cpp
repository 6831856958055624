// SPDX-License-Identifier: GPL-3.0-or-later
#include "plots/visiblerequests.h"

#include <QObject>

#include <qcustomplot.h>

#include <cmath>

namespace quarry::gui {

void VisibleRequests::reset(std::vector<DayCount> daily) {
    daily_ = std::move(daily);
    points_.clear();
    from_ = 0;
    to_ = -1;
    complete_ = shown_ = false;
}

int64_t VisibleRequests::total() const {
    int64_t n = 0;
    for (const DayCount& d : daily_) n += d.n;
    return n;
}

int64_t VisibleRequests::estimate(int64_t lo, int64_t hi) const {
    int64_t n = 0;
    for (const DayCount& d : daily_)
        if ((d.day + 1) * kDayMs > lo && d.day * kDayMs <= hi) n += d.n;
    return n;
}

VisibleRequests::Change VisibleRequests::update(sqlite3* db, int64_t account, int64_t lo,
                                                int64_t hi) {
    if (!db || account < 0) {
        points_.clear();
        complete_ = shown_ = false;
        return Change::Cleared;
    }
    if (complete_ && lo >= from_ && hi <= to_) return Change::None;
    if (estimate(lo, hi) > kRawPointLimit) {
        points_.clear();
        complete_ = shown_ = false;
        return Change::Cleared;
    }
    const int64_t margin = (hi - lo) / 2;
    bool truncated = false;
    points_ =
        accountRequests(db, account, lo - margin, hi + margin, 2 * kRawPointLimit, &truncated);
    from_ = lo - margin;
    to_ = hi + margin;
    if (truncated) {  // keep exactly the visible range then
        points_ = accountRequests(db, account, lo, hi, 2 * kRawPointLimit, &truncated);
        from_ = lo;
        to_ = hi;
    }
    complete_ = !truncated;
    shown_ = true;
    return Change::Loaded;
}

void PointLanes::create(QCustomPlot* plot, QCPAxis* x, QCPAxis* y, const TopicTable& topics,
                        double size) {
    const int n = static_cast<int>(topics.topics.size());
    for (int lane = 0; lane <= n; ++lane) {
        const QColor color = lane < n ? topics.topics[size_t(lane)].color : QColor(Qt::gray);
        QCPGraph* g = plot->addGraph(x, y);
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, color, color, size));
        g->setAdaptiveSampling(false);
        graphs.push_back(g);
    }
    ids.assign(graphs.size(), {});
}

void PointLanes::remove(QCustomPlot* plot) {
    for (QCPGraph* g : graphs) plot->removeGraph(g);
    graphs.clear();
    ids.clear();
}

int PointLanes::laneOf(const TopicTable& topics, int64_t topic) {
    const Topic* t = topics.find(topic);
    return t ? t->row : static_cast<int>(topics.topics.size());
}

void PointLanes::fill(const std::vector<RequestPoint>& points, const TopicTable& topics) {
    std::vector<QVector<double>> keys(graphs.size()), values(graphs.size());
    for (auto& laneIds : ids) laneIds.clear();
    for (const RequestPoint& p : points) {
        const size_t lane = static_cast<size_t>(laneOf(topics, p.topic));
        if (lane >= graphs.size()) continue;
        keys[lane].push_back(toPlotKey(p.ts));
        values[lane].push_back(static_cast<double>(lane));
        ids[lane].push_back(p.id);
    }
    for (size_t i = 0; i < graphs.size(); ++i) graphs[i]->setData(keys[i], values[i], true);
}

int64_t PointLanes::countIn(int64_t lo, int64_t hi) const {
    int64_t n = 0;
    for (QCPGraph* g : graphs) {
        if (!g->visible()) continue;
        for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) {
            const int64_t ms = fromPlotKey(it->key);
            if (ms >= lo && ms <= hi) ++n;
        }
    }
    return n;
}

int64_t PointLanes::nearest(QCPAxis* x, QCPAxis* y, const QPointF& pos, double* bestPx) const {
    int64_t bestId = -1;
    const double key = x->pixelToCoord(pos.x());
    for (size_t lane = 0; lane < graphs.size(); ++lane) {
        QCPGraph* g = graphs[lane];
        if (!g->visible() || g->data()->isEmpty()) continue;
        const double dy = std::abs(y->coordToPixel(static_cast<double>(lane)) - pos.y());
        if (dy > *bestPx) continue;
        auto it = g->data()->findBegin(key, false);
        const auto begin = g->data()->constBegin();
        for (int k = -1; k <= 1; ++k) {
            auto c = it + k;
            if (c < begin || c >= g->data()->constEnd()) continue;
            const double dist = std::hypot(x->coordToPixel(c->key) - pos.x(), dy);
            if (dist < *bestPx) {
                *bestPx = dist;
                bestId = ids[lane][static_cast<size_t>(c - begin)];
            }
        }
    }
    return bestId;
}

int64_t fromPlotKey(double key) {
    return static_cast<int64_t>(std::llround(key * 1000.0));
}

void dailyStepLine(const std::vector<DayCount>& daily, QVector<double>* keys,
                   QVector<double>* values) {
    int64_t prev = INT64_MIN;
    for (const DayCount& d : daily) {
        if (prev != INT64_MIN && d.day > prev + 1) {  // idle days drop to zero
            keys->push_back(toPlotKey((prev + 1) * kDayMs));
            values->push_back(0);
        }
        keys->push_back(toPlotKey(d.day * kDayMs));
        values->push_back(static_cast<double>(d.n));
        prev = d.day;
    }
    if (!daily.empty()) {
        keys->push_back(toPlotKey((daily.back().day + 1) * kDayMs));
        values->push_back(static_cast<double>(daily.back().n));
    }
}

QSharedPointer<QCPAxisTickerDateTime> utcTicker(const QString& format) {
    QSharedPointer<QCPAxisTickerDateTime> dates(new QCPAxisTickerDateTime);
    dates->setDateTimeSpec(Qt::UTC);
    dates->setDateTimeFormat(format);
    return dates;
}

QString requestToolTip(const RequestDetail& d, const TopicTable& topics, const QString& account) {
    if (!d.found) return {};
    const Topic* t = topics.find(d.topic);
    QString tokens = d.promptTokens < 0 ? QObject::tr("n/a") : QString::number(d.promptTokens);
    if (d.completionTokens >= 0) tokens += QStringLiteral(" → %1").arg(d.completionTokens);
    QString head = QStringLiteral("<b>%1</b>").arg(formatUtc(d.ts));
    if (!account.isEmpty())
        head = QStringLiteral("<b>%1</b><br>%2").arg(account.toHtmlEscaped(), formatUtc(d.ts));
    return QStringLiteral("%1<br>%2: %3%4<br>%5: %6<br>%7: %8 &nbsp; %9: %10<br><i>%11</i>")
        .arg(head, QObject::tr("Topic"), t ? t->name.toHtmlEscaped() : QObject::tr("unclassified"),
             d.cot ? QObject::tr(" (asks for step-by-step reasoning)") : QString(),
             QObject::tr("Tokens"), tokens, QObject::tr("Model"), d.model.toHtmlEscaped(),
             QObject::tr("IP"), d.ip.toHtmlEscaped(), d.prompt.toHtmlEscaped());
}

}  // namespace quarry::gui
